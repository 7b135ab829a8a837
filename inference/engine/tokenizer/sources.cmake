list(APPEND KURABE_ENGINE_SOURCES
     tokenizer/vocab.h tokenizer/vocab.cpp
     tokenizer/split_pattern.h tokenizer/split_pattern.cpp
     tokenizer/pre_tokenizer.h tokenizer/pre_tokenizer.cpp
     tokenizer/byte_encoding.h tokenizer/byte_encoding.cpp
     tokenizer/encoders.h tokenizer/symbol_merge.h
     tokenizer/sentencepiece_encoder.cpp
     tokenizer/byte_pair_encoder.cpp
     tokenizer/wordpiece_encoder.cpp
     tokenizer/special_tokens.h tokenizer/special_tokens.cpp
     tokenizer/tokenizer.h tokenizer/tokenizer.cpp
     tokenizer/streaming_detokenizer.h tokenizer/streaming_detokenizer.cpp)
