// Full-text search over everything the user wrote and received: chat messages, comparison
// prompts and comparison answers. The FTS5 trigram index matches any substring of 3 or more
// characters, so unsegmented scripts work ("言語モデル" finds "大規模言語モデル"). Shorter
// queries ("AI", "猫") cannot use trigrams and fall back to a substring scan, newest first.
// Ranking (bm25) looks at the newest kSearchRankWindow matches of each kind only: bm25 over every
// match of a common word costs ~100 ms at 100k messages, against a few ms for the window
// (bench_storage), and in a chat history the recent matches are the ones usually wanted.
#pragma once

#include "storage/sqlite/database.h"

#include <QString>

#include <vector>

namespace kurabe::storage {

enum class SearchHitKind
{
    Message,          // owner: a conversation; item: a message
    ComparisonPrompt, // owner: a comparison; item: a prompt
    ComparisonResult, // owner: a comparison; item: an answer (prompt x target)
};

struct SearchHit
{
    SearchHitKind kind = SearchHitKind::Message;
    qint64 owner_id = 0;
    QString owner_title;
    qint64 item_id = 0;
    // The text around the first match (up to about 24 characters each side, "…" where cut),
    // the matched text between kSearchMatchStart and kSearchMatchEnd.
    QString snippet;
    // Lower is better (FTS5 bm25, negative); 0 for every hit of a short-query scan.
    double rank = 0;
};

// Control characters that never occur in chat text: the UI turns them into highlighting, the
// CLI into brackets.
inline constexpr QChar kSearchMatchStart = QChar(0x02);
inline constexpr int kSearchRankWindow = 1000; // matches per kind that are ranked, newest first
inline constexpr QChar kSearchMatchEnd = QChar(0x03);

class SearchIndex
{
public:
    // `database` must outlive the index and be used on the caller's thread only; a read-only
    // connection is enough.
    explicit SearchIndex(Database& database) : database_(database) {}

    // The best `limit` hits for `text`. Words separated by spaces must all occur (in any
    // order) when each has 3 or more characters; otherwise the whole text is searched as one
    // substring. The text is never parsed as FTS5 syntax: quotes, AND, *, ( are plain text.
    StorageResult<std::vector<SearchHit>> search(const QString& text, int limit);

private:
    StorageResult<std::vector<SearchHit>> search_index(const QString& match, int limit);
    StorageResult<std::vector<SearchHit>> search_substring(const QString& text, int limit);

    Database& database_;
};

} // namespace kurabe::storage
