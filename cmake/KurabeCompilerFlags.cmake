# Warnings and sanitizers for every Kurabe target: call kurabe_target_defaults(target).
set(KURABE_WARNING_FLAGS -Wall -Wextra -Wpedantic -Wshadow=local -Wnon-virtual-dtor
    -Wcast-align -Wunused -Woverloaded-virtual -Wformat=2 -Wimplicit-fallthrough)
if(KURABE_WERROR)
  list(APPEND KURABE_WARNING_FLAGS -Werror)
endif()

if(KURABE_SANITIZE)
  set(KURABE_SANITIZER_FLAGS -fsanitize=address,undefined -fno-sanitize-recover=undefined
      -fno-omit-frame-pointer)
  add_compile_options(${KURABE_SANITIZER_FLAGS})
  add_link_options(${KURABE_SANITIZER_FLAGS})
endif()

function(kurabe_target_defaults target)
  target_compile_options(${target} PRIVATE ${KURABE_WARNING_FLAGS})
endfunction()
