// Schema version 1: the first schema. Conventions: times are INTEGER milliseconds since the
// Unix epoch (UTC); JSON columns hold an object and are checked with json_valid(); a metric
// that was not measured is NULL, never 0; enum-like TEXT values are stored by name (never
// renamed, never reused).
#include "storage/schema/migration_steps.h"

namespace kurabe::storage {

const char* schema_v1_sql()
{
    return R"sql(
-- Whether this build may open the file at all: a newer Kurabe whose changes an older one can
-- still read and write keeps compatible_version low; see schema/migrations.cpp.
CREATE TABLE schema_meta (
    key TEXT PRIMARY KEY NOT NULL,
    value INTEGER NOT NULL
) WITHOUT ROWID;
INSERT INTO schema_meta (key, value) VALUES ('compatible_version', 1);

CREATE TABLE conversations (
    id INTEGER PRIMARY KEY,
    title TEXT NOT NULL DEFAULT '',
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    pinned INTEGER NOT NULL DEFAULT 0 CHECK (pinned IN (0, 1)),
    archived INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
    system_prompt TEXT NOT NULL DEFAULT '',
    -- {"kind":"local","model_file":...,"backend":...,"device":...} or
    -- {"kind":"provider","provider":...,"model":...}; {} when none was chosen
    default_target TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(default_target)),
    default_sampling TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(default_sampling)),
    -- The root message on the active branch (a conversation may have several roots when its
    -- first message was edited); NULL: the newest root.
    active_root_id INTEGER REFERENCES messages (id) ON DELETE SET NULL
);
-- The conversation list: pinned first, then most recently updated.
CREATE INDEX conversations_by_list_order ON conversations (pinned DESC, updated_at DESC, id DESC);

-- Messages form a tree per conversation: editing or regenerating adds a sibling under the same
-- parent. Each message remembers its active child, so switching branches deep in the tree
-- keeps the choices made below other branches.
CREATE TABLE messages (
    id INTEGER PRIMARY KEY,
    conversation_id INTEGER NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    parent_id INTEGER,
    -- NULL: the newest child is active
    active_child_id INTEGER REFERENCES messages (id) ON DELETE SET NULL,
    role TEXT NOT NULL CHECK (role IN ('system', 'user', 'assistant', 'tool')),
    content TEXT NOT NULL DEFAULT '',
    target TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(target)),
    sampling TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(sampling)),
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    tokens_in INTEGER CHECK (tokens_in >= 0),
    tokens_out INTEGER CHECK (tokens_out >= 0),
    ttft_ms REAL CHECK (ttft_ms >= 0),           -- time to first token, milliseconds
    tokens_per_s REAL CHECK (tokens_per_s >= 0), -- generation speed
    finish_reason TEXT NOT NULL DEFAULT '',      -- '' while streaming (or cut off by a crash)
    cost_usd REAL CHECK (cost_usd >= 0),
    error TEXT NOT NULL DEFAULT '',
    UNIQUE (conversation_id, id),
    -- A parent is in the same conversation; deleting a message deletes its subtree.
    FOREIGN KEY (conversation_id, parent_id) REFERENCES messages (conversation_id, id)
        ON DELETE CASCADE
);
CREATE INDEX messages_by_parent ON messages (parent_id, id);
CREATE INDEX messages_roots ON messages (conversation_id, id) WHERE parent_id IS NULL;

CREATE TABLE comparisons (
    id INTEGER PRIMARY KEY,
    title TEXT NOT NULL DEFAULT '',
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    notes TEXT NOT NULL DEFAULT ''
);
CREATE INDEX comparisons_by_updated ON comparisons (updated_at DESC, id DESC);

-- The columns of a comparison: a model (local or remote) with its parameters.
CREATE TABLE comparison_targets (
    id INTEGER PRIMARY KEY,
    comparison_id INTEGER NOT NULL REFERENCES comparisons (id) ON DELETE CASCADE,
    position INTEGER NOT NULL CHECK (position >= 0),
    label TEXT NOT NULL DEFAULT '',
    target TEXT NOT NULL CHECK (json_valid(target)),
    sampling TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(sampling)),
    UNIQUE (comparison_id, position),
    UNIQUE (comparison_id, id)
);

CREATE TABLE comparison_prompts (
    id INTEGER PRIMARY KEY,
    comparison_id INTEGER NOT NULL REFERENCES comparisons (id) ON DELETE CASCADE,
    position INTEGER NOT NULL CHECK (position >= 0),
    system_prompt TEXT NOT NULL DEFAULT '',
    content TEXT NOT NULL,
    UNIQUE (comparison_id, position),
    UNIQUE (comparison_id, id)
);

-- One answer per prompt x target, measured like a chat message.
CREATE TABLE comparison_results (
    id INTEGER PRIMARY KEY,
    comparison_id INTEGER NOT NULL REFERENCES comparisons (id) ON DELETE CASCADE,
    prompt_id INTEGER NOT NULL,
    target_id INTEGER NOT NULL,
    content TEXT NOT NULL DEFAULT '',
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    tokens_in INTEGER CHECK (tokens_in >= 0),
    tokens_out INTEGER CHECK (tokens_out >= 0),
    ttft_ms REAL CHECK (ttft_ms >= 0),
    tokens_per_s REAL CHECK (tokens_per_s >= 0),
    finish_reason TEXT NOT NULL DEFAULT '',
    cost_usd REAL CHECK (cost_usd >= 0),
    error TEXT NOT NULL DEFAULT '',
    rating INTEGER CHECK (rating BETWEEN 1 AND 5), -- NULL: not rated
    note TEXT NOT NULL DEFAULT '',
    UNIQUE (prompt_id, target_id),
    FOREIGN KEY (comparison_id, prompt_id) REFERENCES comparison_prompts (comparison_id, id)
        ON DELETE CASCADE,
    FOREIGN KEY (comparison_id, target_id) REFERENCES comparison_targets (comparison_id, id)
        ON DELETE CASCADE
);
CREATE INDEX comparison_results_by_target ON comparison_results (target_id);

-- "Which answer to this prompt was best": winner_target_id NULL is a tie.
CREATE TABLE comparison_votes (
    id INTEGER PRIMARY KEY,
    comparison_id INTEGER NOT NULL REFERENCES comparisons (id) ON DELETE CASCADE,
    prompt_id INTEGER NOT NULL,
    winner_target_id INTEGER,
    created_at INTEGER NOT NULL,
    FOREIGN KEY (comparison_id, prompt_id) REFERENCES comparison_prompts (comparison_id, id)
        ON DELETE CASCADE,
    FOREIGN KEY (comparison_id, winner_target_id) REFERENCES comparison_targets (comparison_id, id)
        ON DELETE CASCADE
);
CREATE INDEX comparison_votes_by_prompt ON comparison_votes (comparison_id, prompt_id);

-- The model catalog: built-in entries (from resources/catalog) and the user's own; a built-in
-- entry the user edited is not overwritten when the built-in catalog is updated.
CREATE TABLE catalog_entries (
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL UNIQUE, -- stable name, e.g. "qwen2.5-1.5b-instruct"
    builtin INTEGER NOT NULL CHECK (builtin IN (0, 1)),
    user_edited INTEGER NOT NULL DEFAULT 0 CHECK (user_edited IN (0, 1)),
    payload TEXT NOT NULL CHECK (json_valid(payload)),
    updated_at INTEGER NOT NULL
);

-- GGUF files on this machine.
CREATE TABLE model_files (
    id INTEGER PRIMARY KEY,
    path TEXT NOT NULL UNIQUE,
    size_bytes INTEGER NOT NULL CHECK (size_bytes >= 0),
    sha256 TEXT CHECK (length(sha256) = 64), -- lowercase hex; NULL until hashed
    gguf_summary TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(gguf_summary)),
    added_at INTEGER NOT NULL,
    last_used_at INTEGER
);

-- Remote API providers. Never a secret here: keychain_ref names the OS keychain entry.
CREATE TABLE providers (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL, -- "openai", "anthropic", "gemini", "ollama", "openai-compatible"
    name TEXT NOT NULL UNIQUE,
    base_url TEXT NOT NULL DEFAULT '',
    options TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(options)),
    keychain_ref TEXT NOT NULL DEFAULT '',
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);

-- Typed values: the BLOB declaration gives the column no type affinity, so an integer stays an
-- integer and the text "1" stays text.
CREATE TABLE settings (
    key TEXT PRIMARY KEY NOT NULL,
    value BLOB NOT NULL
) WITHOUT ROWID;

-- Full-text search with the trigram tokenizer: any substring of 3 or more characters matches,
-- which is what unsegmented scripts (Japanese, Chinese) need. External-content tables: the
-- text lives once, in its own table; the triggers keep the index in step.
CREATE VIRTUAL TABLE message_search USING fts5 (
    content, content = 'messages', content_rowid = 'id', tokenize = 'trigram');
CREATE TRIGGER messages_search_insert AFTER INSERT ON messages BEGIN
    INSERT INTO message_search (rowid, content) VALUES (new.id, new.content);
END;
CREATE TRIGGER messages_search_delete AFTER DELETE ON messages BEGIN
    INSERT INTO message_search (message_search, rowid, content)
        VALUES ('delete', old.id, old.content);
END;
CREATE TRIGGER messages_search_update AFTER UPDATE OF content ON messages BEGIN
    INSERT INTO message_search (message_search, rowid, content)
        VALUES ('delete', old.id, old.content);
    INSERT INTO message_search (rowid, content) VALUES (new.id, new.content);
END;

CREATE VIRTUAL TABLE comparison_prompt_search USING fts5 (
    content, content = 'comparison_prompts', content_rowid = 'id', tokenize = 'trigram');
CREATE TRIGGER comparison_prompts_search_insert AFTER INSERT ON comparison_prompts BEGIN
    INSERT INTO comparison_prompt_search (rowid, content) VALUES (new.id, new.content);
END;
CREATE TRIGGER comparison_prompts_search_delete AFTER DELETE ON comparison_prompts BEGIN
    INSERT INTO comparison_prompt_search (comparison_prompt_search, rowid, content)
        VALUES ('delete', old.id, old.content);
END;
CREATE TRIGGER comparison_prompts_search_update AFTER UPDATE OF content ON comparison_prompts
BEGIN
    INSERT INTO comparison_prompt_search (comparison_prompt_search, rowid, content)
        VALUES ('delete', old.id, old.content);
    INSERT INTO comparison_prompt_search (rowid, content) VALUES (new.id, new.content);
END;

CREATE VIRTUAL TABLE comparison_result_search USING fts5 (
    content, content = 'comparison_results', content_rowid = 'id', tokenize = 'trigram');
CREATE TRIGGER comparison_results_search_insert AFTER INSERT ON comparison_results BEGIN
    INSERT INTO comparison_result_search (rowid, content) VALUES (new.id, new.content);
END;
CREATE TRIGGER comparison_results_search_delete AFTER DELETE ON comparison_results BEGIN
    INSERT INTO comparison_result_search (comparison_result_search, rowid, content)
        VALUES ('delete', old.id, old.content);
END;
CREATE TRIGGER comparison_results_search_update AFTER UPDATE OF content ON comparison_results
BEGIN
    INSERT INTO comparison_result_search (comparison_result_search, rowid, content)
        VALUES ('delete', old.id, old.content);
    INSERT INTO comparison_result_search (rowid, content) VALUES (new.id, new.content);
END;
)sql";
}

} // namespace kurabe::storage
