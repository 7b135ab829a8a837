list(APPEND KURABE_ENGINE_SOURCES
     json/json.h
     json/value.h json/value.cpp
     json/parser.h json/parser.cpp
     json/writer.h json/writer.cpp)
