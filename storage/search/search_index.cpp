#include "storage/search/search_index.h"

#include <QRegularExpression>
#include <QStringList>

namespace kurabe::storage {
namespace {

constexpr int kSnippetContext = 24; // characters kept on each side of a substring match

// Each word as an FTS5 string ("" doubles a quote), so no user text is read as syntax; FTS5
// joins strings separated by spaces with AND. Trigram phrases match as substrings.
QString fts_match_expression(const QStringList& words)
{
    QStringList quoted;
    for (QString word : words) {
        quoted.append(QLatin1Char('"') + word.replace(QLatin1Char('"'), QStringLiteral("\"\"")) +
                      QLatin1Char('"'));
    }
    return quoted.join(QLatin1Char(' '));
}

QString like_pattern(QString text)
{
    text.replace(QLatin1Char('\\'), QStringLiteral("\\\\"));
    text.replace(QLatin1Char('%'), QStringLiteral("\\%"));
    text.replace(QLatin1Char('_'), QStringLiteral("\\_"));
    return QLatin1Char('%') + text + QLatin1Char('%');
}

// The snippet FTS5 would make, for a substring match found without the index.
QString substring_snippet(const QString& content, const QString& needle)
{
    const qsizetype at = content.indexOf(needle, 0, Qt::CaseInsensitive);
    if (at < 0) {
        return content.left(2 * kSnippetContext);
    }
    const qsizetype begin = std::max<qsizetype>(0, at - kSnippetContext);
    const qsizetype end = std::min(content.size(), at + needle.size() + kSnippetContext);
    QString snippet;
    if (begin > 0) {
        snippet += QStringLiteral("…");
    }
    snippet += content.mid(begin, at - begin) + kSearchMatchStart + content.mid(at, needle.size()) +
               kSearchMatchEnd + content.mid(at + needle.size(), end - at - needle.size());
    if (end < content.size()) {
        snippet += QStringLiteral("…");
    }
    return snippet;
}

StorageResult<std::vector<SearchHit>> read_hits(Query& query)
{
    std::vector<SearchHit> hits;
    for (;;) {
        StorageResult<bool> row = query.next();
        if (!row) {
            return row.error();
        }
        if (!*row) {
            return hits;
        }
        SearchHit hit;
        hit.kind = static_cast<SearchHitKind>(query.int64(0));
        hit.owner_id = query.int64(1);
        hit.owner_title = query.text(2);
        hit.item_id = query.int64(3);
        hit.snippet = query.text(4);
        hit.rank = query.real(5);
        hits.push_back(std::move(hit));
    }
}

} // namespace

StorageResult<std::vector<SearchHit>> SearchIndex::search(const QString& text, int limit)
{
    static const QRegularExpression spaces(QStringLiteral("\\s+"));
    const QStringList words = text.split(spaces, Qt::SkipEmptyParts);
    if (words.isEmpty() || limit <= 0) {
        return std::vector<SearchHit>();
    }
    for (const QString& word : words) {
        // Trigrams are counted in characters (code points), not UTF-16 units.
        if (word.toUcs4().size() < 3) {
            return search_substring(text.simplified(), limit);
        }
    }
    return search_index(fts_match_expression(words), limit);
}

StorageResult<std::vector<SearchHit>> SearchIndex::search_index(const QString& match, int limit)
{
    // Each source gives its best `limit` (FTS5 answers ORDER BY rank LIMIT without sorting
    // every match), then the union is ordered by rank. Kinds: see SearchHitKind.
    // The rowid bound keeps each source to its newest kSearchRankWindow matches (FTS5 applies
    // rowid ranges inside the index, so only those are ranked); 0 when there are fewer.
    StorageResult<Query> query = database_.query(
        "SELECT kind, owner_id, owner_title, item_id, snippet, rank FROM ("
        " SELECT 0 AS kind, m.conversation_id AS owner_id, c.title AS owner_title,"
        "  m.id AS item_id, snippet(message_search, 0, char(2), char(3), '…', 24) AS snippet,"
        "  message_search.rank AS rank"
        " FROM message_search JOIN messages m ON m.id = message_search.rowid"
        "  JOIN conversations c ON c.id = m.conversation_id"
        " WHERE message_search MATCH ? AND message_search.rowid >= coalesce((SELECT rowid"
        "  FROM message_search WHERE message_search MATCH ? ORDER BY rowid DESC LIMIT 1"
        "  OFFSET ?), 0)"
        " ORDER BY message_search.rank LIMIT ?)"
        "UNION ALL SELECT kind, owner_id, owner_title, item_id, snippet, rank FROM ("
        " SELECT 1 AS kind, p.comparison_id AS owner_id, k.title AS owner_title,"
        "  p.id AS item_id,"
        "  snippet(comparison_prompt_search, 0, char(2), char(3), '…', 24) AS snippet,"
        "  comparison_prompt_search.rank AS rank"
        " FROM comparison_prompt_search"
        "  JOIN comparison_prompts p ON p.id = comparison_prompt_search.rowid"
        "  JOIN comparisons k ON k.id = p.comparison_id"
        " WHERE comparison_prompt_search MATCH ? AND comparison_prompt_search.rowid >= "
        "  coalesce((SELECT rowid FROM comparison_prompt_search WHERE comparison_prompt_search"
        "  MATCH ? ORDER BY rowid DESC LIMIT 1 OFFSET ?), 0)"
        " ORDER BY comparison_prompt_search.rank LIMIT ?)"
        "UNION ALL SELECT kind, owner_id, owner_title, item_id, snippet, rank FROM ("
        " SELECT 2 AS kind, r.comparison_id AS owner_id, k.title AS owner_title,"
        "  r.id AS item_id,"
        "  snippet(comparison_result_search, 0, char(2), char(3), '…', 24) AS snippet,"
        "  comparison_result_search.rank AS rank"
        " FROM comparison_result_search"
        "  JOIN comparison_results r ON r.id = comparison_result_search.rowid"
        "  JOIN comparisons k ON k.id = r.comparison_id"
        " WHERE comparison_result_search MATCH ? AND comparison_result_search.rowid >= "
        "  coalesce((SELECT rowid FROM comparison_result_search WHERE comparison_result_search"
        "  MATCH ? ORDER BY rowid DESC LIMIT 1 OFFSET ?), 0)"
        " ORDER BY comparison_result_search.rank LIMIT ?)"
        "ORDER BY rank, kind, item_id LIMIT ?",
        QStringLiteral("searching"));
    if (!query) {
        return query.error();
    }
    const int last = kSearchRankWindow - 1; // OFFSET of the oldest match still ranked
    query->bind(match, match, last, limit, match, match, last, limit, match, match, last, limit,
                limit);
    return read_hits(*query);
}

StorageResult<std::vector<SearchHit>> SearchIndex::search_substring(const QString& text, int limit)
{
    // A scan of every text (no index helps below 3 characters), newest first.
    StorageResult<Query> query =
        database_.query("SELECT kind, owner_id, owner_title, item_id, content, 0.0 FROM ("
                        " SELECT 0 AS kind, m.conversation_id AS owner_id, c.title AS owner_title,"
                        "  m.id AS item_id, m.content AS content, m.updated_at AS updated_at"
                        " FROM messages m JOIN conversations c ON c.id = m.conversation_id"
                        " WHERE m.content LIKE ? ESCAPE '\\'"
                        " UNION ALL"
                        " SELECT 1, p.comparison_id, k.title, p.id, p.content, k.updated_at"
                        " FROM comparison_prompts p JOIN comparisons k ON k.id = p.comparison_id"
                        " WHERE p.content LIKE ? ESCAPE '\\'"
                        " UNION ALL"
                        " SELECT 2, r.comparison_id, k.title, r.id, r.content, r.updated_at"
                        " FROM comparison_results r JOIN comparisons k ON k.id = r.comparison_id"
                        " WHERE r.content LIKE ? ESCAPE '\\')"
                        "ORDER BY updated_at DESC, kind, item_id DESC LIMIT ?",
                        QStringLiteral("searching"));
    if (!query) {
        return query.error();
    }
    const QString pattern = like_pattern(text);
    query->bind(pattern, pattern, pattern, limit);
    StorageResult<std::vector<SearchHit>> hits = read_hits(*query);
    if (hits) {
        for (SearchHit& hit : *hits) {
            hit.snippet = substring_snippet(hit.snippet, text);
        }
    }
    return hits;
}

} // namespace kurabe::storage
