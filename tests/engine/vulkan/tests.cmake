# The Vulkan backend's tests run on the chosen device (lavapipe in CI) and skip loudly when
# there is none. The conformance test runs every oracle model twice (whole prompt and token by
# token) on a software rasterizer: give it, and each of its data rows, more than the defaults.
kurabe_add_test(engine_vulkan_conformance_test engine
    SOURCES ${CMAKE_CURRENT_LIST_DIR}/vulkan_conformance_test.cpp LIBS kurabe_engine)
set_tests_properties(engine_vulkan_conformance_test PROPERTIES
    TIMEOUT 3600 ENVIRONMENT "QTEST_FUNCTION_TIMEOUT=3000000")
kurabe_add_test(engine_vulkan_ops_test engine
    SOURCES ${CMAKE_CURRENT_LIST_DIR}/vulkan_ops_test.cpp LIBS kurabe_engine)
kurabe_add_test(engine_open_session_test engine
    SOURCES ${CMAKE_CURRENT_LIST_DIR}/open_session_test.cpp LIBS kurabe_engine)
