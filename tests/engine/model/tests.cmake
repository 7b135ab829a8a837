kurabe_add_test(engine_conformance_test engine
    SOURCES ${CMAKE_CURRENT_LIST_DIR}/conformance_test.cpp LIBS kurabe_engine)
kurabe_add_test(engine_rope_test engine
    SOURCES ${CMAKE_CURRENT_LIST_DIR}/rope_test.cpp LIBS kurabe_engine)
