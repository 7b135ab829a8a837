kurabe_add_test(engine_half_test engine
    SOURCES ${CMAKE_CURRENT_LIST_DIR}/half_test.cpp LIBS kurabe_engine)
kurabe_add_test(engine_dequantize_test engine
    SOURCES ${CMAKE_CURRENT_LIST_DIR}/dequantize_test.cpp LIBS kurabe_engine)
kurabe_add_test(engine_quantize_test engine
    SOURCES ${CMAKE_CURRENT_LIST_DIR}/quantize_test.cpp LIBS kurabe_engine)
