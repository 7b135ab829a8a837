#include "tokenizer/split_pattern.h"

#include "unicode/unicode.h"
#include "unicode/utf8.h"

#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace kurabe {

namespace {

// The class of a code point as the patterns see it (see the header).
enum CharKind : uint8_t
{
    k_kind_other = 0,
    k_kind_letter = 1,
    k_kind_number = 2,
    k_kind_punctuation = 4,
    k_kind_space = 8,
};

uint8_t char_kind(uint32_t cp)
{
    if (cp < 0x80) {
        if ((cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z'))
            return k_kind_letter;
        if (cp >= '0' && cp <= '9')
            return k_kind_number;
        if (cp == ' ' || (cp >= 0x09 && cp <= 0x0D))
            return k_kind_space;
        const bool ascii_punctuation = (cp >= 0x21 && cp <= 0x23) || (cp >= 0x25 && cp <= 0x2A) ||
                                       (cp >= 0x2C && cp <= 0x2F) || cp == 0x3A || cp == 0x3B ||
                                       cp == 0x3F || cp == 0x40 || (cp >= 0x5B && cp <= 0x5D) ||
                                       cp == 0x5F || cp == 0x7B || cp == 0x7D;
        return ascii_punctuation ? k_kind_punctuation : k_kind_other;
    }
    const uint16_t flags = unicode::flags(cp);
    if (flags & unicode::k_whitespace)
        return k_kind_space;
    if (flags & unicode::k_letter)
        return k_kind_letter;
    if (flags & unicode::k_number)
        return k_kind_number;
    if (flags & unicode::k_punctuation)
        return k_kind_punctuation;
    return k_kind_other;
}

} // namespace

// One node of the compiled pattern.
struct PatternNode
{
    enum class Kind
    {
        CharSet,     // one code point from a set
        Sequence,    // children in order
        Alternation, // the first child that leads to a match
        Repeat,      // child repeated min..max times, greedily
        LookAhead,   // child must (or must not) match here; consumes nothing
        End,         // $: the end of the searched range
    };
    Kind kind = Kind::CharSet;

    // CharSet: matches when (code point in ranges or kind in kinds) != negated.
    std::vector<std::pair<uint32_t, uint32_t>> ranges;
    uint8_t kinds = 0;
    bool negated = false;

    std::vector<std::unique_ptr<PatternNode>> children;
    size_t min = 0;
    size_t max = 0;        // Repeat: SIZE_MAX for unbounded
    bool lookahead = true; // LookAhead: true for (?=), false for (?!)

    bool matches_char(uint32_t cp) const
    {
        bool in = (kinds & char_kind(cp)) != 0;
        for (size_t i = 0; !in && i < ranges.size(); ++i)
            in = cp >= ranges[i].first && cp <= ranges[i].second;
        return in != negated;
    }
};

namespace {

using Node = PatternNode;
using NodePtr = std::unique_ptr<PatternNode>;

class Parser
{
public:
    explicit Parser(std::string_view pattern) : pattern_(pattern) {}

    Result<NodePtr> parse()
    {
        auto node = parse_alternation();
        if (!node)
            return node;
        if (pos_ != pattern_.size())
            return fail("unexpected ')'");
        return node;
    }

private:
    Error fail(const std::string& what) const
    {
        return Error{"pre-tokenizer pattern \"" + std::string(pattern_) + "\": " + what +
                     " at byte " + std::to_string(pos_)};
    }
    bool at_end() const { return pos_ >= pattern_.size(); }
    char peek() const { return pattern_[pos_]; }

    Result<NodePtr> parse_alternation()
    {
        auto node = std::make_unique<Node>();
        node->kind = Node::Kind::Alternation;
        while (true) {
            auto branch = parse_sequence();
            if (!branch)
                return branch;
            node->children.push_back(std::move(branch.value()));
            if (at_end() || peek() != '|')
                break;
            ++pos_;
        }
        if (node->children.size() == 1)
            return std::move(node->children.front());
        return node;
    }

    Result<NodePtr> parse_sequence()
    {
        auto node = std::make_unique<Node>();
        node->kind = Node::Kind::Sequence;
        while (!at_end() && peek() != '|' && peek() != ')') {
            auto atom = parse_atom();
            if (!atom)
                return atom;
            auto repeated = parse_quantifier(std::move(atom.value()));
            if (!repeated)
                return repeated;
            node->children.push_back(std::move(repeated.value()));
        }
        return node;
    }

    Result<NodePtr> parse_quantifier(NodePtr atom)
    {
        if (at_end())
            return atom;
        size_t min = 0;
        size_t max = 0;
        const char c = peek();
        if (c == '?' || c == '*' || c == '+') {
            min = c == '+' ? 1 : 0;
            max = c == '?' ? 1 : SIZE_MAX;
            ++pos_;
        } else if (c == '{') {
            ++pos_;
            if (!read_number(min))
                return fail("expected a number after '{'");
            max = min;
            if (!at_end() && peek() == ',') {
                ++pos_;
                max = SIZE_MAX;
                if (!at_end() && peek() != '}' && !read_number(max))
                    return fail("expected a number after ','");
            }
            if (at_end() || peek() != '}' || max < min)
                return fail("malformed {n,m} quantifier");
            ++pos_;
        } else {
            return atom;
        }
        if (!at_end() && (peek() == '?' || peek() == '+'))
            return fail("lazy and possessive quantifiers are not supported");
        auto node = std::make_unique<Node>();
        node->kind = Node::Kind::Repeat;
        node->min = min;
        node->max = max;
        node->children.push_back(std::move(atom));
        return node;
    }

    bool read_number(size_t& value)
    {
        const size_t start = pos_;
        value = 0;
        while (!at_end() && peek() >= '0' && peek() <= '9' && pos_ - start < 6)
            value = value * 10 + static_cast<size_t>(pattern_[pos_++] - '0');
        return pos_ > start;
    }

    Result<NodePtr> parse_atom()
    {
        const char c = peek();
        if (c == '(')
            return parse_group();
        if (c == '[')
            return parse_class();
        if (c == '$') {
            ++pos_;
            auto node = std::make_unique<Node>();
            node->kind = Node::Kind::End;
            return node;
        }
        if (c == '*' || c == '+' || c == '?' || c == '{')
            return fail("nothing to repeat");
        auto node = std::make_unique<Node>();
        if (auto ok = parse_class_item(*node); !ok)
            return ok.error();
        return node;
    }

    Result<NodePtr> parse_group()
    {
        ++pos_; // (
        bool lookaround = false;
        bool positive = true;
        if (pattern_.substr(pos_, 2) == "?:") {
            pos_ += 2;
        } else if (pattern_.substr(pos_, 2) == "?=" || pattern_.substr(pos_, 2) == "?!") {
            lookaround = true;
            positive = pattern_[pos_ + 1] == '=';
            pos_ += 2;
        } else if (!at_end() && peek() == '?') {
            return fail("unsupported group syntax");
        }
        auto inner = parse_alternation();
        if (!inner)
            return inner;
        if (at_end() || peek() != ')')
            return fail("missing ')'");
        ++pos_;
        if (!lookaround)
            return inner;
        auto node = std::make_unique<Node>();
        node->kind = Node::Kind::LookAhead;
        node->lookahead = positive;
        node->children.push_back(std::move(inner.value()));
        return node;
    }

    Result<NodePtr> parse_class()
    {
        ++pos_; // [
        auto node = std::make_unique<Node>();
        if (!at_end() && peek() == '^') {
            node->negated = true;
            ++pos_;
        }
        while (!at_end() && peek() != ']') {
            Node item;
            if (auto ok = parse_class_item(item); !ok)
                return ok.error();
            node->kinds |= item.kinds;
            const bool single = item.kinds == 0 && item.ranges.size() == 1 && !item.negated;
            if (single && pos_ + 1 < pattern_.size() && peek() == '-' &&
                pattern_[pos_ + 1] != ']') {
                ++pos_;
                Node last;
                if (auto ok = parse_class_item(last); !ok)
                    return ok.error();
                if (last.kinds != 0 || last.ranges.size() != 1 ||
                    last.ranges[0].first < item.ranges[0].first)
                    return fail("malformed range in a character class");
                node->ranges.emplace_back(item.ranges[0].first, last.ranges[0].first);
                continue;
            }
            if (item.negated) // \S inside a class: everything but whitespace
                return fail("\\S inside a character class is not supported");
            node->ranges.insert(node->ranges.end(), item.ranges.begin(), item.ranges.end());
        }
        if (at_end())
            return fail("missing ']'");
        ++pos_;
        return node;
    }

    // One literal, escape or \p{..}, as a CharSet description in `item`.
    Result<void> parse_class_item(Node& item)
    {
        item.kind = Node::Kind::CharSet;
        if (peek() != '\\') {
            const uint32_t cp = unicode::decode_utf8(pattern_, pos_);
            item.ranges.emplace_back(cp, cp);
            return {};
        }
        ++pos_;
        if (at_end())
            return fail("pattern ends with '\\'");
        const char c = pattern_[pos_++];
        switch (c) {
        case 's':
            item.kinds = k_kind_space;
            return {};
        case 'S':
            item.kinds = k_kind_space;
            item.negated = true;
            return {};
        case 'r':
            item.ranges.emplace_back('\r', '\r');
            return {};
        case 'n':
            item.ranges.emplace_back('\n', '\n');
            return {};
        case 't':
            item.ranges.emplace_back('\t', '\t');
            return {};
        case 'p': {
            const std::string_view name = pattern_.substr(pos_, 3);
            pos_ += 3;
            if (name == "{L}")
                item.kinds = k_kind_letter;
            else if (name == "{N}")
                item.kinds = k_kind_number;
            else if (name == "{P}")
                item.kinds = k_kind_punctuation;
            else
                return fail("only \\p{L}, \\p{N} and \\p{P} are supported");
            return {};
        }
        default:
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
                return fail(std::string("unsupported escape \\") + c);
            item.ranges.emplace_back(static_cast<uint8_t>(c), static_cast<uint8_t>(c));
            return {};
        }
    }

    std::string_view pattern_;
    size_t pos_ = 0;
};

// Backtracking matcher: match(node, i, next) succeeds when `node` matches at i and `next`
// accepts the position after it. Repeats of a single character are matched in a loop, so the
// recursion depth does not grow with the length of a run (e.g. a long word for \p{L}+).
class Matcher
{
public:
    using Continuation = std::function<bool(size_t)>;

    Matcher(std::span<const uint32_t> text, size_t end) : text_(text), end_(end) {}

    bool match(const Node& node, size_t i, const Continuation& next) const
    {
        switch (node.kind) {
        case Node::Kind::CharSet:
            return i < end_ && node.matches_char(text_[i]) && next(i + 1);
        case Node::Kind::Sequence:
            return match_sequence(node, 0, i, next);
        case Node::Kind::Alternation:
            for (const auto& child : node.children)
                if (match(*child, i, next))
                    return true;
            return false;
        case Node::Kind::Repeat:
            return match_repeat(node, i, next);
        case Node::Kind::LookAhead: {
            const bool found = match(*node.children.front(), i, [](size_t) { return true; });
            return found == node.lookahead && next(i);
        }
        case Node::Kind::End:
            return i == end_ && next(i);
        }
        return false;
    }

private:
    bool match_sequence(const Node& node, size_t index, size_t i, const Continuation& next) const
    {
        if (index == node.children.size())
            return next(i);
        return match(*node.children[index], i,
                     [&](size_t j) { return match_sequence(node, index + 1, j, next); });
    }

    bool match_repeat(const Node& node, size_t i, const Continuation& next) const
    {
        const Node& child = *node.children.front();
        if (child.kind == Node::Kind::CharSet) {
            size_t count = 0;
            while (count < node.max && i + count < end_ && child.matches_char(text_[i + count]))
                ++count;
            for (size_t n = count + 1; n-- > node.min;)
                if (next(i + n))
                    return true;
            return false;
        }
        return match_repeat_general(child, node.min, node.max, 0, i, next);
    }

    bool match_repeat_general(const Node& child, size_t min, size_t max, size_t done, size_t i,
                              const Continuation& next) const
    {
        if (done < max) {
            const bool more = match(child, i, [&](size_t j) {
                return j != i && match_repeat_general(child, min, max, done + 1, j, next);
            });
            if (more)
                return true;
        }
        return done >= min && next(i);
    }

    std::span<const uint32_t> text_;
    size_t end_;
};

} // namespace

Result<SplitPattern> SplitPattern::compile(std::string_view pattern)
{
    auto root = Parser(pattern).parse();
    if (!root)
        return root.error();
    SplitPattern compiled;
    compiled.root_ = std::move(root.value());
    return compiled;
}

SplitPattern::SplitPattern(SplitPattern&&) noexcept = default;
SplitPattern& SplitPattern::operator=(SplitPattern&&) noexcept = default;
SplitPattern::~SplitPattern() = default;

bool SplitPattern::find(std::span<const uint32_t> text, size_t from, size_t end,
                        size_t& match_begin, size_t& match_end) const
{
    const Matcher matcher(text, end);
    for (size_t start = from; start < end; ++start) {
        size_t found_end = 0;
        const bool found = matcher.match(*root_, start, [&](size_t j) {
            if (j == start)
                return false; // empty matches split nothing
            found_end = j;
            return true;
        });
        if (found) {
            match_begin = start;
            match_end = found_end;
            return true;
        }
    }
    return false;
}

} // namespace kurabe
