-- +goose Up
-- create "accounts" table
CREATE TABLE `accounts` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `version` integer NOT NULL DEFAULT (1), `number` text NULL, `name` text NOT NULL, `type` text NOT NULL DEFAULT ('company'), `level` text NOT NULL DEFAULT (''), `industry` text NOT NULL DEFAULT (''), `region` text NOT NULL DEFAULT (''), `source` text NOT NULL DEFAULT (''), `lifecycle` text NOT NULL DEFAULT ('prospect'), `phone` text NOT NULL DEFAULT (''), `email` text NOT NULL DEFAULT (''), `website` text NOT NULL DEFAULT (''), `address` text NOT NULL DEFAULT (''), `credit_limit` integer NOT NULL DEFAULT (0), `currency` text NOT NULL DEFAULT ('CNY'), `satisfaction` integer NULL, `tags` json NULL, `custom` json NULL, `owner_id` integer NULL, `team_id` integer NULL);
-- create index "account_number" to table: "accounts"
CREATE UNIQUE INDEX `account_number` ON `accounts` (`number`);
-- create index "account_owner_id_updated_at" to table: "accounts"
CREATE INDEX `account_owner_id_updated_at` ON `accounts` (`owner_id`, `updated_at`);
-- create index "account_team_id_updated_at" to table: "accounts"
CREATE INDEX `account_team_id_updated_at` ON `accounts` (`team_id`, `updated_at`);
-- create index "account_name" to table: "accounts"
CREATE INDEX `account_name` ON `accounts` (`name`);
-- create index "account_updated_at" to table: "accounts"
CREATE INDEX `account_updated_at` ON `accounts` (`updated_at`);
-- create "contacts" table
CREATE TABLE `contacts` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `version` integer NOT NULL DEFAULT (1), `name` text NOT NULL, `title` text NOT NULL DEFAULT (''), `buying_role` text NOT NULL DEFAULT (''), `phone` text NOT NULL DEFAULT (''), `mobile` text NOT NULL DEFAULT (''), `email` text NOT NULL DEFAULT (''), `birthday` datetime NULL, `preferred_channel` text NOT NULL DEFAULT ('phone'), `consent` bool NOT NULL DEFAULT (false), `tags` json NULL, `custom` json NULL, `owner_id` integer NULL, `team_id` integer NULL, `account_id` integer NOT NULL, CONSTRAINT `contacts_accounts_contacts` FOREIGN KEY (`account_id`) REFERENCES `accounts` (`id`) ON DELETE CASCADE);
-- create index "contact_account_id" to table: "contacts"
CREATE INDEX `contact_account_id` ON `contacts` (`account_id`);
-- create index "contact_owner_id_updated_at" to table: "contacts"
CREATE INDEX `contact_owner_id_updated_at` ON `contacts` (`owner_id`, `updated_at`);
-- create index "contact_team_id_updated_at" to table: "contacts"
CREATE INDEX `contact_team_id_updated_at` ON `contacts` (`team_id`, `updated_at`);
-- create index "contact_name" to table: "contacts"
CREATE INDEX `contact_name` ON `contacts` (`name`);
-- create index "contact_email" to table: "contacts"
CREATE INDEX `contact_email` ON `contacts` (`email`);
-- create "dictionary_items" table
CREATE TABLE `dictionary_items` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `version` integer NOT NULL DEFAULT (1), `kind` text NOT NULL, `code` text NOT NULL, `label_zh` text NOT NULL, `label_en` text NOT NULL, `sort_order` integer NOT NULL DEFAULT (0), `active` bool NOT NULL DEFAULT (true), `builtin` bool NOT NULL DEFAULT (false));
-- create index "dictionaryitem_kind_code" to table: "dictionary_items"
CREATE UNIQUE INDEX `dictionaryitem_kind_code` ON `dictionary_items` (`kind`, `code`);
-- create index "dictionaryitem_kind_sort_order" to table: "dictionary_items"
CREATE INDEX `dictionaryitem_kind_sort_order` ON `dictionary_items` (`kind`, `sort_order`);

-- +goose Down
-- reverse: create index "dictionaryitem_kind_sort_order" to table: "dictionary_items"
DROP INDEX `dictionaryitem_kind_sort_order`;
-- reverse: create index "dictionaryitem_kind_code" to table: "dictionary_items"
DROP INDEX `dictionaryitem_kind_code`;
-- reverse: create "dictionary_items" table
DROP TABLE `dictionary_items`;
-- reverse: create index "contact_email" to table: "contacts"
DROP INDEX `contact_email`;
-- reverse: create index "contact_name" to table: "contacts"
DROP INDEX `contact_name`;
-- reverse: create index "contact_team_id_updated_at" to table: "contacts"
DROP INDEX `contact_team_id_updated_at`;
-- reverse: create index "contact_owner_id_updated_at" to table: "contacts"
DROP INDEX `contact_owner_id_updated_at`;
-- reverse: create index "contact_account_id" to table: "contacts"
DROP INDEX `contact_account_id`;
-- reverse: create "contacts" table
DROP TABLE `contacts`;
-- reverse: create index "account_updated_at" to table: "accounts"
DROP INDEX `account_updated_at`;
-- reverse: create index "account_name" to table: "accounts"
DROP INDEX `account_name`;
-- reverse: create index "account_team_id_updated_at" to table: "accounts"
DROP INDEX `account_team_id_updated_at`;
-- reverse: create index "account_owner_id_updated_at" to table: "accounts"
DROP INDEX `account_owner_id_updated_at`;
-- reverse: create index "account_number" to table: "accounts"
DROP INDEX `account_number`;
-- reverse: create "accounts" table
DROP TABLE `accounts`;
