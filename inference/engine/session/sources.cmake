list(APPEND KURABE_ENGINE_SOURCES session/open_session.h session/open_session.cpp)
