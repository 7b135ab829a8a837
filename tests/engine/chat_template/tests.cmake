# Expected renders: ../shared/reference/templates.json (the project's reference) and
# jinja2_cases.json beside this file (made by generate_jinja2_cases.py with Jinja2 itself).
kurabe_add_test(engine_chat_template_test engine
    SOURCES ${CMAKE_CURRENT_LIST_DIR}/chat_template_test.cpp LIBS kurabe_engine)
kurabe_add_test(engine_chat_template_conformance_test engine
    SOURCES ${CMAKE_CURRENT_LIST_DIR}/chat_template_conformance_test.cpp LIBS kurabe_engine)
target_compile_definitions(engine_chat_template_test PRIVATE
    KURABE_JINJA2_CASES="${CMAKE_CURRENT_LIST_DIR}/jinja2_cases.json")
target_compile_definitions(engine_chat_template_conformance_test PRIVATE
    KURABE_JINJA2_CASES="${CMAKE_CURRENT_LIST_DIR}/jinja2_cases.json")
