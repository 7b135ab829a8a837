#include "core/session.h"

namespace kurabe {

Result<void> check_eval_input(std::span<const int32_t> tokens, int32_t n_past, int32_t n_ctx,
                              int32_t n_vocab)
{
    if (tokens.empty())
        return Error{"nothing to evaluate"};
    if (static_cast<int64_t>(n_past) + static_cast<int64_t>(tokens.size()) > n_ctx)
        return Error{"the context is full: " + std::to_string(n_past) + " + " +
                     std::to_string(tokens.size()) + " tokens exceed the context length of " +
                     std::to_string(n_ctx)};
    for (int32_t token : tokens) {
        if (token < 0 || token >= n_vocab)
            return Error{"token id " + std::to_string(token) + " is outside the vocabulary of " +
                         std::to_string(n_vocab)};
    }
    return {};
}

} // namespace kurabe
