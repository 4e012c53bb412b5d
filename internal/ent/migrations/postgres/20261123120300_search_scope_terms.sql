-- +goose Up
-- Hand-written (ent does not model tsvector columns): scope terms in the search index (internal/search,
-- docs/PERFORMANCE.md §2). tsv gains, under label C, the row's entity ("account") and its entity followed
-- by o<owner id> and t<team id> ("accounto12 accountt3"), generated from owner_id/team_id so that every
-- writer (hook, batched writer, bulk loader, reindex, ownership transfer) keeps them right. A search adds
-- the actor's scope as ':C' terms, so the GIN index intersects posting lists instead of returning every
-- match for the heap to filter; the SQL scope predicate stays the authority. User tokens are always
-- labelled A or AB, so they never match a scope term.
ALTER TABLE "search_index" DROP COLUMN "tsv",
  ADD COLUMN "tsv" tsvector GENERATED ALWAYS AS (setweight(to_tsvector('simple'::regconfig, "terms"), 'A') || setweight(to_tsvector('simple'::regconfig, "sensitive_terms"), 'B') || setweight(to_tsvector('simple'::regconfig, "entity"::text || coalesce(' ' || "entity"::text || 'o' || "owner_id"::text, '') || coalesce(' ' || "entity"::text || 't' || "team_id"::text, '')), 'C')) STORED;
CREATE INDEX "search_index_tsv" ON "search_index" USING gin ("tsv");
-- Exact titles are looked up through this index, so they are found however many rows match.
CREATE INDEX "search_index_entity_title" ON "search_index" ("entity", lower("title"));

-- +goose Down
DROP INDEX "search_index_entity_title";
ALTER TABLE "search_index" DROP COLUMN "tsv",
  ADD COLUMN "tsv" tsvector GENERATED ALWAYS AS (setweight(to_tsvector('simple'::regconfig, "terms"), 'A') || setweight(to_tsvector('simple'::regconfig, "sensitive_terms"), 'B')) STORED;
CREATE INDEX "search_index_tsv" ON "search_index" USING gin ("tsv");
