// Builds the statement tree from tokens, following Jinja2's grammar (statements here,
// expressions in expression_parser.h).
#pragma once

#include "chat_template/ast.h"
#include "chat_template/lexer.h"

#include <vector>

namespace kurabe::chat_template {

// Throws TemplateError(syntax) naming the line on malformed templates. Nesting deeper than a
// fixed limit (blocks or expressions) is an error, so no input can exhaust the stack.
Body parse_template(const std::vector<Token>& tokens);

} // namespace kurabe::chat_template
