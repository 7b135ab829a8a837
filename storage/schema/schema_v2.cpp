// Schema version 2, for the compare workspace:
//  - comparison_results gains the measurements a comparison shows that a chat message does not
//    keep: prompt processing speed, wall time, and the run's details (backend, device, engine
//    version, model file hash and quantization) as JSON.
//  - comparison_pair_votes: a judgement between two answers to one prompt ("a", "b", "tie",
//    "both_bad"), which the winner-per-prompt table of version 1 cannot express (a tie between
//    which two? both bad?). The old table stays as it was, so version 1 code keeps working.
//  - comparison_tags: labels on comparisons, for filtering the list and the leaderboard.
// Only additions: version 1 code can still use the file, so compatible_version stays 1.
#include "storage/schema/migration_steps.h"

namespace kurabe::storage {

const char* schema_v2_sql()
{
    return R"sql(
ALTER TABLE comparison_results ADD COLUMN prompt_tokens_per_s REAL
    CHECK (prompt_tokens_per_s >= 0);
ALTER TABLE comparison_results ADD COLUMN wall_ms REAL CHECK (wall_ms >= 0);
ALTER TABLE comparison_results ADD COLUMN details TEXT NOT NULL DEFAULT '{}'
    CHECK (json_valid(details));

-- "Of the answers of target_a and target_b to this prompt": outcome 'a' (A better), 'b'
-- (B better), 'tie' (equally good) or 'both_bad'. Stored by name; never renamed or reused.
CREATE TABLE comparison_pair_votes (
    id INTEGER PRIMARY KEY,
    comparison_id INTEGER NOT NULL REFERENCES comparisons (id) ON DELETE CASCADE,
    prompt_id INTEGER NOT NULL,
    target_a_id INTEGER NOT NULL,
    target_b_id INTEGER NOT NULL CHECK (target_b_id <> target_a_id),
    outcome TEXT NOT NULL CHECK (outcome IN ('a', 'b', 'tie', 'both_bad')),
    created_at INTEGER NOT NULL,
    FOREIGN KEY (comparison_id, prompt_id) REFERENCES comparison_prompts (comparison_id, id)
        ON DELETE CASCADE,
    FOREIGN KEY (comparison_id, target_a_id) REFERENCES comparison_targets (comparison_id, id)
        ON DELETE CASCADE,
    FOREIGN KEY (comparison_id, target_b_id) REFERENCES comparison_targets (comparison_id, id)
        ON DELETE CASCADE
);
CREATE INDEX comparison_pair_votes_by_comparison ON comparison_pair_votes (comparison_id, id);

CREATE TABLE comparison_tags (
    comparison_id INTEGER NOT NULL REFERENCES comparisons (id) ON DELETE CASCADE,
    tag TEXT NOT NULL CHECK (length(tag) > 0),
    PRIMARY KEY (comparison_id, tag)
) WITHOUT ROWID;
CREATE INDEX comparison_tags_by_tag ON comparison_tags (tag, comparison_id);
)sql";
}

} // namespace kurabe::storage
