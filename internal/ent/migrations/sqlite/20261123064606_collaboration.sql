-- +goose Up
-- disable the enforcement of foreign-keys constraints
PRAGMA foreign_keys = off;
-- create "new_users" table
CREATE TABLE `new_users` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `version` integer NOT NULL DEFAULT (1), `email` text NOT NULL, `name` text NOT NULL, `password_hash` text NOT NULL, `locale` text NOT NULL DEFAULT ('zh-CN'), `time_zone` text NOT NULL DEFAULT ('Asia/Shanghai'), `active` bool NOT NULL DEFAULT (true), `last_login_at` datetime NULL, `password_changed_at` datetime NULL, `notify_email` bool NOT NULL DEFAULT (true), `calendar_token_hash` text NULL, `team_id` integer NULL, CONSTRAINT `users_teams_members` FOREIGN KEY (`team_id`) REFERENCES `teams` (`id`) ON DELETE SET NULL);
-- copy rows from old table "users" to new temporary table "new_users"
INSERT INTO `new_users` (`id`, `created_at`, `updated_at`, `version`, `email`, `name`, `password_hash`, `locale`, `time_zone`, `active`, `last_login_at`, `password_changed_at`, `team_id`) SELECT `id`, `created_at`, `updated_at`, `version`, `email`, `name`, `password_hash`, `locale`, `time_zone`, `active`, `last_login_at`, `password_changed_at`, `team_id` FROM `users`;
-- drop "users" table after copying rows
DROP TABLE `users`;
-- rename temporary table "new_users" to "users"
ALTER TABLE `new_users` RENAME TO `users`;
-- create index "users_calendar_token_hash_key" to table: "users"
CREATE UNIQUE INDEX `users_calendar_token_hash_key` ON `users` (`calendar_token_hash`);
-- create index "user_email" to table: "users"
CREATE UNIQUE INDEX `user_email` ON `users` (`email`);
-- create index "user_team_id" to table: "users"
CREATE INDEX `user_team_id` ON `users` (`team_id`);
-- create "new_activities" table
CREATE TABLE `new_activities` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `version` integer NOT NULL DEFAULT (1), `type` text NOT NULL, `subject` text NOT NULL, `content` text NOT NULL DEFAULT (''), `due_at` datetime NULL, `status` text NOT NULL DEFAULT ('open'), `outcome` text NOT NULL DEFAULT (''), `done_at` datetime NULL, `next_follow_up_at` datetime NULL, `remind_at` datetime NULL, `reminded_at` datetime NULL, `tags` json NULL, `custom` json NULL, `owner_id` integer NULL, `team_id` integer NULL, `account_id` integer NULL, `contact_id` integer NULL, CONSTRAINT `activities_accounts_activities` FOREIGN KEY (`account_id`) REFERENCES `accounts` (`id`) ON DELETE CASCADE, CONSTRAINT `activities_contacts_activities` FOREIGN KEY (`contact_id`) REFERENCES `contacts` (`id`) ON DELETE SET NULL);
-- copy rows from old table "activities" to new temporary table "new_activities"
INSERT INTO `new_activities` (`id`, `created_at`, `updated_at`, `version`, `type`, `subject`, `content`, `due_at`, `status`, `outcome`, `done_at`, `next_follow_up_at`, `owner_id`, `team_id`, `account_id`, `contact_id`) SELECT `id`, `created_at`, `updated_at`, `version`, `type`, `subject`, `content`, `due_at`, `status`, `outcome`, `done_at`, `next_follow_up_at`, `owner_id`, `team_id`, `account_id`, `contact_id` FROM `activities`;
-- drop "activities" table after copying rows
DROP TABLE `activities`;
-- rename temporary table "new_activities" to "activities"
ALTER TABLE `new_activities` RENAME TO `activities`;
-- create index "activity_owner_id_status_due_at" to table: "activities"
CREATE INDEX `activity_owner_id_status_due_at` ON `activities` (`owner_id`, `status`, `due_at`);
-- create index "activity_team_id_updated_at" to table: "activities"
CREATE INDEX `activity_team_id_updated_at` ON `activities` (`team_id`, `updated_at`);
-- create index "activity_account_id" to table: "activities"
CREATE INDEX `activity_account_id` ON `activities` (`account_id`);
-- create index "activity_contact_id" to table: "activities"
CREATE INDEX `activity_contact_id` ON `activities` (`contact_id`);
-- create index "activity_due_at" to table: "activities"
CREATE INDEX `activity_due_at` ON `activities` (`due_at`);
-- create index "activity_updated_at" to table: "activities"
CREATE INDEX `activity_updated_at` ON `activities` (`updated_at`);
-- create index "activity_remind_at" to table: "activities"
CREATE INDEX `activity_remind_at` ON `activities` (`remind_at`);
-- create index "activity_account_id_created_at" to table: "activities"
CREATE INDEX `activity_account_id_created_at` ON `activities` (`account_id`, `created_at`);
-- create "comments" table
CREATE TABLE `comments` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `entity` text NOT NULL, `record_id` integer NOT NULL, `account_id` integer NULL, `body` text NOT NULL, `mentions` json NULL, `author_id` integer NOT NULL);
-- create index "comment_entity_record_id_created_at" to table: "comments"
CREATE INDEX `comment_entity_record_id_created_at` ON `comments` (`entity`, `record_id`, `created_at`);
-- create index "comment_account_id_created_at" to table: "comments"
CREATE INDEX `comment_account_id_created_at` ON `comments` (`account_id`, `created_at`);
-- create "dedup_keys" table
CREATE TABLE `dedup_keys` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `entity` text NOT NULL, `record_id` integer NOT NULL, `kind` text NOT NULL, `key` text NOT NULL);
-- create index "dedupkey_entity_kind_key" to table: "dedup_keys"
CREATE INDEX `dedupkey_entity_kind_key` ON `dedup_keys` (`entity`, `kind`, `key`);
-- create index "dedupkey_entity_record_id" to table: "dedup_keys"
CREATE INDEX `dedupkey_entity_record_id` ON `dedup_keys` (`entity`, `record_id`);
-- create "duplicate_dismissals" table
CREATE TABLE `duplicate_dismissals` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `entity` text NOT NULL, `a_id` integer NOT NULL, `b_id` integer NOT NULL, `user_id` integer NULL, `created_at` datetime NOT NULL);
-- create index "duplicatedismissal_entity_a_id_b_id" to table: "duplicate_dismissals"
CREATE UNIQUE INDEX `duplicatedismissal_entity_a_id_b_id` ON `duplicate_dismissals` (`entity`, `a_id`, `b_id`);
-- create "import_files" table
CREATE TABLE `import_files` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `job_id` integer NOT NULL, `data` blob NOT NULL, `created_at` datetime NOT NULL);
-- create index "import_files_job_id_key" to table: "import_files"
CREATE UNIQUE INDEX `import_files_job_id_key` ON `import_files` (`job_id`);
-- create "import_jobs" table
CREATE TABLE `import_jobs` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `version` integer NOT NULL DEFAULT (1), `user_id` integer NOT NULL, `team_id` integer NULL, `entity` text NOT NULL, `file_name` text NOT NULL DEFAULT (''), `format` text NOT NULL, `encoding` text NOT NULL DEFAULT ('utf-8'), `headers` json NULL, `mapping` json NULL, `duplicate_mode` text NOT NULL DEFAULT ('skip'), `status` text NOT NULL DEFAULT ('uploaded'), `total_rows` integer NOT NULL DEFAULT (0), `next_row` integer NOT NULL DEFAULT (0), `created_count` integer NOT NULL DEFAULT (0), `updated_count` integer NOT NULL DEFAULT (0), `skipped_count` integer NOT NULL DEFAULT (0), `failed_count` integer NOT NULL DEFAULT (0), `errors` json NULL, `error` text NOT NULL DEFAULT (''), `started_at` datetime NULL, `finished_at` datetime NULL);
-- create index "importjob_user_id_created_at" to table: "import_jobs"
CREATE INDEX `importjob_user_id_created_at` ON `import_jobs` (`user_id`, `created_at`);
-- create index "importjob_status" to table: "import_jobs"
CREATE INDEX `importjob_status` ON `import_jobs` (`status`);
-- create "merge_logs" table
CREATE TABLE `merge_logs` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `entity` text NOT NULL, `survivor_id` integer NOT NULL, `merged_id` integer NOT NULL, `snapshot` json NULL, `choices` json NULL, `user_id` integer NULL, `created_at` datetime NOT NULL);
-- create index "mergelog_entity_survivor_id" to table: "merge_logs"
CREATE INDEX `mergelog_entity_survivor_id` ON `merge_logs` (`entity`, `survivor_id`);
-- create index "mergelog_entity_merged_id" to table: "merge_logs"
CREATE INDEX `mergelog_entity_merged_id` ON `merge_logs` (`entity`, `merged_id`);
-- create "notifications" table
CREATE TABLE `notifications` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `user_id` integer NOT NULL, `kind` text NOT NULL, `title` text NOT NULL DEFAULT (''), `body` text NOT NULL DEFAULT (''), `params` json NULL, `entity` text NOT NULL DEFAULT (''), `record_id` integer NULL, `actor_id` integer NULL, `created_at` datetime NOT NULL, `read_at` datetime NULL);
-- create index "notification_user_id_read_at" to table: "notifications"
CREATE INDEX `notification_user_id_read_at` ON `notifications` (`user_id`, `read_at`);
-- create index "notification_user_id_id" to table: "notifications"
CREATE INDEX `notification_user_id_id` ON `notifications` (`user_id`, `id`);
-- create index "notification_created_at" to table: "notifications"
CREATE INDEX `notification_created_at` ON `notifications` (`created_at`);
-- create "saved_views" table
CREATE TABLE `saved_views` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `version` integer NOT NULL DEFAULT (1), `owner_id` integer NOT NULL, `entity` text NOT NULL, `name` text NOT NULL, `filters` json NULL, `q` text NOT NULL DEFAULT (''), `sort` text NOT NULL DEFAULT (''), `columns` json NULL, `shared` bool NOT NULL DEFAULT (false), `position` integer NOT NULL DEFAULT (0));
-- create index "savedview_owner_id_entity" to table: "saved_views"
CREATE INDEX `savedview_owner_id_entity` ON `saved_views` (`owner_id`, `entity`);
-- create index "savedview_entity_shared" to table: "saved_views"
CREATE INDEX `savedview_entity_shared` ON `saved_views` (`entity`, `shared`);
-- enable back the enforcement of foreign-keys constraints
PRAGMA foreign_keys = on;

-- +goose Down
-- reverse: create index "savedview_entity_shared" to table: "saved_views"
DROP INDEX `savedview_entity_shared`;
-- reverse: create index "savedview_owner_id_entity" to table: "saved_views"
DROP INDEX `savedview_owner_id_entity`;
-- reverse: create "saved_views" table
DROP TABLE `saved_views`;
-- reverse: create index "notification_created_at" to table: "notifications"
DROP INDEX `notification_created_at`;
-- reverse: create index "notification_user_id_id" to table: "notifications"
DROP INDEX `notification_user_id_id`;
-- reverse: create index "notification_user_id_read_at" to table: "notifications"
DROP INDEX `notification_user_id_read_at`;
-- reverse: create "notifications" table
DROP TABLE `notifications`;
-- reverse: create index "mergelog_entity_merged_id" to table: "merge_logs"
DROP INDEX `mergelog_entity_merged_id`;
-- reverse: create index "mergelog_entity_survivor_id" to table: "merge_logs"
DROP INDEX `mergelog_entity_survivor_id`;
-- reverse: create "merge_logs" table
DROP TABLE `merge_logs`;
-- reverse: create index "importjob_status" to table: "import_jobs"
DROP INDEX `importjob_status`;
-- reverse: create index "importjob_user_id_created_at" to table: "import_jobs"
DROP INDEX `importjob_user_id_created_at`;
-- reverse: create "import_jobs" table
DROP TABLE `import_jobs`;
-- reverse: create index "import_files_job_id_key" to table: "import_files"
DROP INDEX `import_files_job_id_key`;
-- reverse: create "import_files" table
DROP TABLE `import_files`;
-- reverse: create index "duplicatedismissal_entity_a_id_b_id" to table: "duplicate_dismissals"
DROP INDEX `duplicatedismissal_entity_a_id_b_id`;
-- reverse: create "duplicate_dismissals" table
DROP TABLE `duplicate_dismissals`;
-- reverse: create index "dedupkey_entity_record_id" to table: "dedup_keys"
DROP INDEX `dedupkey_entity_record_id`;
-- reverse: create index "dedupkey_entity_kind_key" to table: "dedup_keys"
DROP INDEX `dedupkey_entity_kind_key`;
-- reverse: create "dedup_keys" table
DROP TABLE `dedup_keys`;
-- reverse: create index "comment_account_id_created_at" to table: "comments"
DROP INDEX `comment_account_id_created_at`;
-- reverse: create index "comment_entity_record_id_created_at" to table: "comments"
DROP INDEX `comment_entity_record_id_created_at`;
-- reverse: create "comments" table
DROP TABLE `comments`;
-- reverse: create index "activity_account_id_created_at" to table: "activities"
DROP INDEX `activity_account_id_created_at`;
-- reverse: create index "activity_remind_at" to table: "activities"
DROP INDEX `activity_remind_at`;
-- reverse: create index "activity_updated_at" to table: "activities"
DROP INDEX `activity_updated_at`;
-- reverse: create index "activity_due_at" to table: "activities"
DROP INDEX `activity_due_at`;
-- reverse: create index "activity_contact_id" to table: "activities"
DROP INDEX `activity_contact_id`;
-- reverse: create index "activity_account_id" to table: "activities"
DROP INDEX `activity_account_id`;
-- reverse: create index "activity_team_id_updated_at" to table: "activities"
DROP INDEX `activity_team_id_updated_at`;
-- reverse: create index "activity_owner_id_status_due_at" to table: "activities"
DROP INDEX `activity_owner_id_status_due_at`;
-- reverse: create "new_activities" table
DROP TABLE `new_activities`;
-- reverse: create index "user_team_id" to table: "users"
DROP INDEX `user_team_id`;
-- reverse: create index "user_email" to table: "users"
DROP INDEX `user_email`;
-- reverse: create index "users_calendar_token_hash_key" to table: "users"
DROP INDEX `users_calendar_token_hash_key`;
-- reverse: create "new_users" table
DROP TABLE `new_users`;
