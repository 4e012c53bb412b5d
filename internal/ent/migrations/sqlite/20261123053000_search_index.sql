-- +goose Up
-- Hand-written (ent does not model FTS5): the global search index (SPEC C8, ARCHITECTURE §5). One row per
-- searchable record, kept in the writing transaction by internal/search. terms and sensitive_terms hold
-- the output of search.Terms (lowercase Latin words, CJK bigrams, digit runs with their tails);
-- sensitive_terms (phone, e-mail) is only searched for actors who see sensitive fields on every record.
CREATE TABLE `search_index` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `entity` text NOT NULL, `record_id` integer NOT NULL, `owner_id` integer NULL, `team_id` integer NULL, `account_id` integer NULL, `title` text NOT NULL, `subtitle` text NOT NULL DEFAULT (''), `account_name` text NOT NULL DEFAULT (''), `terms` text NOT NULL DEFAULT (''), `sensitive_terms` text NOT NULL DEFAULT (''));
CREATE UNIQUE INDEX `search_index_entity_record_id` ON `search_index` (`entity`, `record_id`);
CREATE INDEX `search_index_account_id` ON `search_index` (`account_id`);
-- The FTS5 table reads its text from search_index (external content); the triggers keep it in step.
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

-- +goose Down
DROP TRIGGER `search_index_au`;
DROP TRIGGER `search_index_ad`;
DROP TRIGGER `search_index_ai`;
DROP TABLE `search_fts`;
DROP TABLE `search_index`;
