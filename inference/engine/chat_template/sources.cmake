list(APPEND KURABE_ENGINE_SOURCES
     chat_template/chat_template.h chat_template/chat_template.cpp
     chat_template/builtin_formats.h chat_template/builtin_formats.cpp
     chat_template/template_error.h
     chat_template/unicode_text.h chat_template/unicode_text.cpp
     chat_template/value.h chat_template/value.cpp
     chat_template/lexer.h chat_template/lexer.cpp
     chat_template/ast.h
     chat_template/token_cursor.h
     chat_template/parser.h chat_template/parser.cpp
     chat_template/expression_parser.h chat_template/expression_parser.cpp
     chat_template/operators.h chat_template/operators.cpp
     chat_template/access.h chat_template/access.cpp
     chat_template/methods.h chat_template/methods.cpp
     chat_template/predicates.h chat_template/predicates.cpp
     chat_template/filters.h chat_template/filters.cpp
     chat_template/builtins.h chat_template/builtins.cpp
     chat_template/evaluator.h chat_template/evaluator.cpp)
     list(APPEND KURABE_ENGINE_SOURCES chat_template/model_prompt.h chat_template/model_prompt.cpp)
