-- +goose Up
-- create "api_tokens" table
CREATE TABLE `api_tokens` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `name` text NOT NULL, `token_hash` text NOT NULL, `prefix` text NOT NULL, `scopes` json NULL, `expires_at` datetime NULL, `last_used_at` datetime NULL, `revoked_at` datetime NULL, `created_at` datetime NOT NULL, `user_id` integer NOT NULL, CONSTRAINT `api_tokens_users_api_tokens` FOREIGN KEY (`user_id`) REFERENCES `users` (`id`) ON DELETE CASCADE);
-- create index "api_tokens_token_hash_key" to table: "api_tokens"
CREATE UNIQUE INDEX `api_tokens_token_hash_key` ON `api_tokens` (`token_hash`);
-- create index "apitoken_user_id" to table: "api_tokens"
CREATE INDEX `apitoken_user_id` ON `api_tokens` (`user_id`);
-- create "audit_events" table
CREATE TABLE `audit_events` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `at` datetime NOT NULL, `actor_kind` text NOT NULL, `actor_id` integer NULL, `actor_team_id` integer NULL, `token_id` integer NULL, `action` text NOT NULL, `entity` text NOT NULL DEFAULT (''), `entity_id` integer NULL, `changes` json NULL, `request_id` text NOT NULL DEFAULT (''), `ip` text NOT NULL DEFAULT (''));
-- create index "auditevent_at" to table: "audit_events"
CREATE INDEX `auditevent_at` ON `audit_events` (`at`);
-- create index "auditevent_entity_entity_id" to table: "audit_events"
CREATE INDEX `auditevent_entity_entity_id` ON `audit_events` (`entity`, `entity_id`);
-- create index "auditevent_actor_id_at" to table: "audit_events"
CREATE INDEX `auditevent_actor_id_at` ON `audit_events` (`actor_id`, `at`);
-- create "idempotency_keys" table
CREATE TABLE `idempotency_keys` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `principal` text NOT NULL, `key` text NOT NULL, `request_hash` text NOT NULL, `status` integer NOT NULL DEFAULT (0), `content_type` text NOT NULL DEFAULT (''), `body` blob NULL, `created_at` datetime NOT NULL);
-- create index "idempotencykey_principal_key" to table: "idempotency_keys"
CREATE UNIQUE INDEX `idempotencykey_principal_key` ON `idempotency_keys` (`principal`, `key`);
-- create index "idempotencykey_created_at" to table: "idempotency_keys"
CREATE INDEX `idempotencykey_created_at` ON `idempotency_keys` (`created_at`);
-- create "login_throttles" table
CREATE TABLE `login_throttles` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `key` text NOT NULL, `failures` integer NOT NULL DEFAULT (0), `window_start` datetime NOT NULL, `locked_until` datetime NULL);
-- create index "login_throttles_key_key" to table: "login_throttles"
CREATE UNIQUE INDEX `login_throttles_key_key` ON `login_throttles` (`key`);
-- create "password_resets" table
CREATE TABLE `password_resets` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `token_hash` text NOT NULL, `user_id` integer NOT NULL, `created_at` datetime NOT NULL, `expires_at` datetime NOT NULL, `used_at` datetime NULL);
-- create index "password_resets_token_hash_key" to table: "password_resets"
CREATE UNIQUE INDEX `password_resets_token_hash_key` ON `password_resets` (`token_hash`);
-- create index "passwordreset_user_id" to table: "password_resets"
CREATE INDEX `passwordreset_user_id` ON `password_resets` (`user_id`);
-- create index "passwordreset_expires_at" to table: "password_resets"
CREATE INDEX `passwordreset_expires_at` ON `password_resets` (`expires_at`);
-- create "roles" table
CREATE TABLE `roles` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `version` integer NOT NULL DEFAULT (1), `key` text NULL, `name` text NOT NULL, `description` text NOT NULL DEFAULT (''), `builtin` bool NOT NULL DEFAULT (false));
-- create index "role_key" to table: "roles"
CREATE UNIQUE INDEX `role_key` ON `roles` (`key`);
-- create "role_grants" table
CREATE TABLE `role_grants` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `right` text NOT NULL, `scope` text NOT NULL, `role_id` integer NOT NULL, CONSTRAINT `role_grants_roles_grants` FOREIGN KEY (`role_id`) REFERENCES `roles` (`id`) ON DELETE CASCADE);
-- create index "rolegrant_role_id_right" to table: "role_grants"
CREATE UNIQUE INDEX `rolegrant_role_id_right` ON `role_grants` (`role_id`, `right`);
-- create "sessions" table
CREATE TABLE `sessions` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `token_hash` text NOT NULL, `created_at` datetime NOT NULL, `last_seen_at` datetime NOT NULL, `expires_at` datetime NOT NULL, `ip` text NOT NULL DEFAULT (''), `user_agent` text NOT NULL DEFAULT (''), `user_id` integer NOT NULL, CONSTRAINT `sessions_users_sessions` FOREIGN KEY (`user_id`) REFERENCES `users` (`id`) ON DELETE CASCADE);
-- create index "sessions_token_hash_key" to table: "sessions"
CREATE UNIQUE INDEX `sessions_token_hash_key` ON `sessions` (`token_hash`);
-- create index "session_user_id" to table: "sessions"
CREATE INDEX `session_user_id` ON `sessions` (`user_id`);
-- create index "session_expires_at" to table: "sessions"
CREATE INDEX `session_expires_at` ON `sessions` (`expires_at`);
-- create "teams" table
CREATE TABLE `teams` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `version` integer NOT NULL DEFAULT (1), `name` text NOT NULL, `description` text NOT NULL DEFAULT (''), `parent_id` integer NULL, CONSTRAINT `teams_teams_children` FOREIGN KEY (`parent_id`) REFERENCES `teams` (`id`) ON DELETE SET NULL);
-- create index "team_parent_id" to table: "teams"
CREATE INDEX `team_parent_id` ON `teams` (`parent_id`);
-- create "users" table
CREATE TABLE `users` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `version` integer NOT NULL DEFAULT (1), `email` text NOT NULL, `name` text NOT NULL, `password_hash` text NOT NULL, `locale` text NOT NULL DEFAULT ('zh-CN'), `time_zone` text NOT NULL DEFAULT ('Asia/Shanghai'), `active` bool NOT NULL DEFAULT (true), `last_login_at` datetime NULL, `password_changed_at` datetime NULL, `team_id` integer NULL, CONSTRAINT `users_teams_members` FOREIGN KEY (`team_id`) REFERENCES `teams` (`id`) ON DELETE SET NULL);
-- create index "user_email" to table: "users"
CREATE UNIQUE INDEX `user_email` ON `users` (`email`);
-- create index "user_team_id" to table: "users"
CREATE INDEX `user_team_id` ON `users` (`team_id`);
-- create "user_roles" table
CREATE TABLE `user_roles` (`user_id` integer NOT NULL, `role_id` integer NOT NULL, PRIMARY KEY (`user_id`, `role_id`), CONSTRAINT `user_roles_user_id` FOREIGN KEY (`user_id`) REFERENCES `users` (`id`) ON DELETE CASCADE, CONSTRAINT `user_roles_role_id` FOREIGN KEY (`role_id`) REFERENCES `roles` (`id`) ON DELETE CASCADE);

-- +goose Down
-- reverse: create "user_roles" table
DROP TABLE `user_roles`;
-- reverse: create index "user_team_id" to table: "users"
DROP INDEX `user_team_id`;
-- reverse: create index "user_email" to table: "users"
DROP INDEX `user_email`;
-- reverse: create "users" table
DROP TABLE `users`;
-- reverse: create index "team_parent_id" to table: "teams"
DROP INDEX `team_parent_id`;
-- reverse: create "teams" table
DROP TABLE `teams`;
-- reverse: create index "session_expires_at" to table: "sessions"
DROP INDEX `session_expires_at`;
-- reverse: create index "session_user_id" to table: "sessions"
DROP INDEX `session_user_id`;
-- reverse: create index "sessions_token_hash_key" to table: "sessions"
DROP INDEX `sessions_token_hash_key`;
-- reverse: create "sessions" table
DROP TABLE `sessions`;
-- reverse: create index "rolegrant_role_id_right" to table: "role_grants"
DROP INDEX `rolegrant_role_id_right`;
-- reverse: create "role_grants" table
DROP TABLE `role_grants`;
-- reverse: create index "role_key" to table: "roles"
DROP INDEX `role_key`;
-- reverse: create "roles" table
DROP TABLE `roles`;
-- reverse: create index "passwordreset_expires_at" to table: "password_resets"
DROP INDEX `passwordreset_expires_at`;
-- reverse: create index "passwordreset_user_id" to table: "password_resets"
DROP INDEX `passwordreset_user_id`;
-- reverse: create index "password_resets_token_hash_key" to table: "password_resets"
DROP INDEX `password_resets_token_hash_key`;
-- reverse: create "password_resets" table
DROP TABLE `password_resets`;
-- reverse: create index "login_throttles_key_key" to table: "login_throttles"
DROP INDEX `login_throttles_key_key`;
-- reverse: create "login_throttles" table
DROP TABLE `login_throttles`;
-- reverse: create index "idempotencykey_created_at" to table: "idempotency_keys"
DROP INDEX `idempotencykey_created_at`;
-- reverse: create index "idempotencykey_principal_key" to table: "idempotency_keys"
DROP INDEX `idempotencykey_principal_key`;
-- reverse: create "idempotency_keys" table
DROP TABLE `idempotency_keys`;
-- reverse: create index "auditevent_actor_id_at" to table: "audit_events"
DROP INDEX `auditevent_actor_id_at`;
-- reverse: create index "auditevent_entity_entity_id" to table: "audit_events"
DROP INDEX `auditevent_entity_entity_id`;
-- reverse: create index "auditevent_at" to table: "audit_events"
DROP INDEX `auditevent_at`;
-- reverse: create "audit_events" table
DROP TABLE `audit_events`;
-- reverse: create index "apitoken_user_id" to table: "api_tokens"
DROP INDEX `apitoken_user_id`;
-- reverse: create index "api_tokens_token_hash_key" to table: "api_tokens"
DROP INDEX `api_tokens_token_hash_key`;
-- reverse: create "api_tokens" table
DROP TABLE `api_tokens`;
