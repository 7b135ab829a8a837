list(APPEND KURABE_ENGINE_SOURCES
     cpu/thread_pool.h cpu/thread_pool.cpp
     cpu/fast_dot.h cpu/fast_dot.cpp
     cpu/kernels.h cpu/kernels.cpp
     cpu/cpu_session.h cpu/cpu_session.cpp)
