list(APPEND KURABE_ENGINE_SOURCES
     tensor/tensor_type.h tensor/tensor_type.cpp
     tensor/half.h
     tensor/block_codec.h
     tensor/block_decode_small.cpp tensor/block_decode_k.cpp
     tensor/block_encode_small.cpp tensor/block_encode_k.cpp
     tensor/dequantize.h tensor/dequantize.cpp
     tensor/quantize.h tensor/quantize.cpp)
