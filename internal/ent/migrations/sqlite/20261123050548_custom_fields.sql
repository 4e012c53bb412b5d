-- +goose Up
-- create "custom_fields" table
CREATE TABLE `custom_fields` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `version` integer NOT NULL DEFAULT (1), `entity` text NOT NULL, `key` text NOT NULL, `label_zh` text NOT NULL, `label_en` text NOT NULL, `type` text NOT NULL, `options` json NULL, `required` bool NOT NULL DEFAULT (false), `filterable` bool NOT NULL DEFAULT (false), `sensitive` bool NOT NULL DEFAULT (false), `sort_order` integer NOT NULL DEFAULT (0), `active` bool NOT NULL DEFAULT (true));
-- create index "customfield_entity_key" to table: "custom_fields"
CREATE UNIQUE INDEX `customfield_entity_key` ON `custom_fields` (`entity`, `key`);
-- create index "customfield_entity_sort_order" to table: "custom_fields"
CREATE INDEX `customfield_entity_sort_order` ON `custom_fields` (`entity`, `sort_order`);

-- +goose Down
-- reverse: create index "customfield_entity_sort_order" to table: "custom_fields"
DROP INDEX `customfield_entity_sort_order`;
-- reverse: create index "customfield_entity_key" to table: "custom_fields"
DROP INDEX `customfield_entity_key`;
-- reverse: create "custom_fields" table
DROP TABLE `custom_fields`;
