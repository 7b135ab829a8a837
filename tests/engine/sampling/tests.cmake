kurabe_add_test(engine_sampler_test engine
    SOURCES ${CMAKE_CURRENT_LIST_DIR}/sampler_test.cpp LIBS kurabe_engine)
kurabe_add_test(engine_stop_strings_test engine
    SOURCES ${CMAKE_CURRENT_LIST_DIR}/stop_strings_test.cpp LIBS kurabe_engine)
