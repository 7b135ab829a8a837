kurabe_add_test(engine_gguf_models_test engine
    SOURCES ${CMAKE_CURRENT_LIST_DIR}/gguf_models_test.cpp LIBS kurabe_engine)
kurabe_add_test(engine_gguf_writer_test engine
    SOURCES ${CMAKE_CURRENT_LIST_DIR}/gguf_writer_test.cpp LIBS kurabe_engine)
kurabe_add_test(engine_gguf_hostile_test engine
    SOURCES ${CMAKE_CURRENT_LIST_DIR}/gguf_hostile_test.cpp LIBS kurabe_engine)

# The fuzz target's entry point over its seed corpus, in every build (tests/fuzz/).
kurabe_add_test(fuzz_corpus_replay engine
    SOURCES ${PROJECT_SOURCE_DIR}/tests/fuzz/corpus_replay_test.cpp
            ${PROJECT_SOURCE_DIR}/tests/fuzz/gguf_reader_fuzz.cpp
    LIBS kurabe_engine)

# Regenerates the seed corpus: gguf_fuzz_make_corpus tests/fuzz/corpus/gguf
add_executable(gguf_fuzz_make_corpus ${PROJECT_SOURCE_DIR}/tests/fuzz/make_corpus.cpp)
target_link_libraries(gguf_fuzz_make_corpus PRIVATE kurabe_engine)
kurabe_target_defaults(gguf_fuzz_make_corpus)
set_target_properties(gguf_fuzz_make_corpus PROPERTIES AUTOMOC OFF AUTORCC OFF)
