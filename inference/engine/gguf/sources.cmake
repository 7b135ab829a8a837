list(APPEND KURABE_ENGINE_SOURCES
     gguf/gguf_file.h gguf/gguf_file.cpp
     gguf/gguf_reader.h gguf/gguf_reader.cpp
     gguf/gguf_writer.h gguf/gguf_writer.cpp)
