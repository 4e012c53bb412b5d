-- +goose Up
-- Hand-written (ent does not model FTS5 or generated columns): scope terms in the search index
-- (internal/search, docs/PERFORMANCE.md §2). Each row carries, in a column of its own, its entity
-- ("account"), and its entity followed by o<owner id> and t<team id> ("accounto12 accountt3"), computed
-- by the database from owner_id/team_id so that every writer (hook, batched writer, bulk loader,
-- reindex, ownership transfer) keeps them right. A search adds the actor's scope as terms of that
-- column, so FTS5 intersects posting lists instead of fetching every match and filtering it; the SQL
-- scope predicate stays the authority. User query tokens are restricted to the other columns.
ALTER TABLE `search_index` ADD COLUMN `scope_terms` text GENERATED ALWAYS AS (`entity` || ifnull(' ' || `entity` || 'o' || `owner_id`, '') || ifnull(' ' || `entity` || 't' || `team_id`, '')) VIRTUAL;
-- Exact titles are looked up through this index, so they are found however many rows match.
CREATE INDEX `search_index_entity_title` ON `search_index` (`entity`, lower(`title`));
DROP TRIGGER `search_index_au`;
DROP TRIGGER `search_index_ad`;
DROP TRIGGER `search_index_ai`;
DROP TABLE `search_fts`;
CREATE VIRTUAL TABLE `search_fts` USING fts5(`terms`, `sensitive_terms`, `scope_terms`, content='search_index', content_rowid='id', tokenize='unicode61 remove_diacritics 0');
-- +goose StatementBegin
CREATE TRIGGER `search_index_ai` AFTER INSERT ON `search_index` BEGIN
  INSERT INTO `search_fts` (rowid, `terms`, `sensitive_terms`, `scope_terms`) VALUES (new.`id`, new.`terms`, new.`sensitive_terms`, new.`scope_terms`);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER `search_index_ad` AFTER DELETE ON `search_index` BEGIN
  INSERT INTO `search_fts` (`search_fts`, rowid, `terms`, `sensitive_terms`, `scope_terms`) VALUES ('delete', old.`id`, old.`terms`, old.`sensitive_terms`, old.`scope_terms`);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER `search_index_au` AFTER UPDATE ON `search_index` BEGIN
  INSERT INTO `search_fts` (`search_fts`, rowid, `terms`, `sensitive_terms`, `scope_terms`) VALUES ('delete', old.`id`, old.`terms`, old.`sensitive_terms`, old.`scope_terms`);
  INSERT INTO `search_fts` (rowid, `terms`, `sensitive_terms`, `scope_terms`) VALUES (new.`id`, new.`terms`, new.`sensitive_terms`, new.`scope_terms`);
END;
-- +goose StatementEnd
-- Existing rows: index them again from search_index, scope terms included.
INSERT INTO `search_fts` (`search_fts`) VALUES ('rebuild');

-- +goose Down
DROP TRIGGER `search_index_au`;
DROP TRIGGER `search_index_ad`;
DROP TRIGGER `search_index_ai`;
DROP TABLE `search_fts`;
CREATE VIRTUAL TABLE `search_fts` USING fts5(`terms`, `sensitive_terms`, content='search_index', content_rowid='id', tokenize='unicode61 remove_diacritics 0');
-- +goose StatementBegin
CREATE TRIGGER `search_index_ai` AFTER INSERT ON `search_index` BEGIN
  INSERT INTO `search_fts` (rowid, `terms`, `sensitive_terms`) VALUES (new.`id`, new.`terms`, new.`sensitive_terms`);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER `search_index_ad` AFTER DELETE ON `search_index` BEGIN
  INSERT INTO `search_fts` (`search_fts`, rowid, `terms`, `sensitive_terms`) VALUES ('delete', old.`id`, old.`terms`, old.`sensitive_terms`);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER `search_index_au` AFTER UPDATE ON `search_index` BEGIN
  INSERT INTO `search_fts` (`search_fts`, rowid, `terms`, `sensitive_terms`) VALUES ('delete', old.`id`, old.`terms`, old.`sensitive_terms`);
  INSERT INTO `search_fts` (rowid, `terms`, `sensitive_terms`) VALUES (new.`id`, new.`terms`, new.`sensitive_terms`);
END;
-- +goose StatementEnd
INSERT INTO `search_fts` (`search_fts`) VALUES ('rebuild');
DROP INDEX `search_index_entity_title`;
ALTER TABLE `search_index` DROP COLUMN `scope_terms`;
