kurabe_add_test(engine_fast_dot_test engine
    SOURCES ${CMAKE_CURRENT_LIST_DIR}/fast_dot_test.cpp LIBS kurabe_engine)
