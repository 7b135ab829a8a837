#include "tokenizer/byte_encoding.h"

#include "unicode/utf8.h"

#include <array>

namespace kurabe {

namespace {

bool stands_for_itself(uint32_t byte)
{
    return (byte >= 0x21 && byte <= 0x7E) || (byte >= 0xA1 && byte <= 0xAC) ||
           (byte >= 0xAE && byte <= 0xFF);
}

struct ByteAlphabet
{
    std::array<uint32_t, 256> code_point_of_byte{};
    std::array<int16_t, 512> byte_of_code_point{}; // -1: not in the alphabet

    ByteAlphabet()
    {
        byte_of_code_point.fill(-1);
        uint32_t next = 0x100;
        for (uint32_t byte = 0; byte < 256; ++byte) {
            const uint32_t cp = stands_for_itself(byte) ? byte : next++;
            code_point_of_byte[byte] = cp;
            byte_of_code_point[cp] = static_cast<int16_t>(byte);
        }
    }
};

const ByteAlphabet& alphabet()
{
    static const ByteAlphabet table;
    return table;
}

} // namespace

void append_byte_encoded(std::string& out, std::string_view bytes)
{
    const ByteAlphabet& table = alphabet();
    for (const char c : bytes)
        unicode::append_utf8(out, table.code_point_of_byte[static_cast<uint8_t>(c)]);
}

std::string byte_decoded(std::string_view encoded)
{
    const ByteAlphabet& table = alphabet();
    std::string out;
    out.reserve(encoded.size());
    for (size_t pos = 0; pos < encoded.size();) {
        const size_t start = pos;
        const uint32_t cp = unicode::decode_utf8(encoded, pos);
        if (cp < table.byte_of_code_point.size() && table.byte_of_code_point[cp] >= 0)
            out += static_cast<char>(table.byte_of_code_point[cp]);
        else
            out.append(encoded.substr(start, pos - start));
    }
    return out;
}

} // namespace kurabe
