kurabe_add_test(engine_json_test engine
    SOURCES ${CMAKE_CURRENT_LIST_DIR}/json_test.cpp LIBS kurabe_engine)
