list(APPEND KURABE_ENGINE_SOURCES generation/generator.h generation/generator.cpp)
