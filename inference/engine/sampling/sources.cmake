list(APPEND KURABE_ENGINE_SOURCES
     sampling/sampler.h sampling/sampler.cpp
     sampling/stop_strings.h sampling/stop_strings.cpp)
