-- +goose Up
-- create "activities" table
CREATE TABLE `activities` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `version` integer NOT NULL DEFAULT (1), `type` text NOT NULL, `subject` text NOT NULL, `content` text NOT NULL DEFAULT (''), `due_at` datetime NULL, `status` text NOT NULL DEFAULT ('open'), `outcome` text NOT NULL DEFAULT (''), `done_at` datetime NULL, `next_follow_up_at` datetime NULL, `owner_id` integer NULL, `team_id` integer NULL, `account_id` integer NULL, `contact_id` integer NULL, CONSTRAINT `activities_accounts_activities` FOREIGN KEY (`account_id`) REFERENCES `accounts` (`id`) ON DELETE CASCADE, CONSTRAINT `activities_contacts_activities` FOREIGN KEY (`contact_id`) REFERENCES `contacts` (`id`) ON DELETE SET NULL);
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

-- +goose Down
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
-- reverse: create "activities" table
DROP TABLE `activities`;
