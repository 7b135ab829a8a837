kurabe_add_test(engine_tokenizer_vectors_test engine
    SOURCES ${CMAKE_CURRENT_LIST_DIR}/tokenizer_vectors_test.cpp LIBS kurabe_engine)
kurabe_add_test(engine_tokenizer_unit_test engine
    SOURCES ${CMAKE_CURRENT_LIST_DIR}/tokenizer_unit_test.cpp
            ${CMAKE_CURRENT_LIST_DIR}/tiny_vocab.h ${CMAKE_CURRENT_LIST_DIR}/tiny_vocab.cpp
    LIBS kurabe_engine)
kurabe_add_test(engine_pre_tokenizer_test engine
    SOURCES ${CMAKE_CURRENT_LIST_DIR}/pre_tokenizer_test.cpp LIBS kurabe_engine)
