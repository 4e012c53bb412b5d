-- +goose Up
-- create index "account_owner_id_id" to table: "accounts"
CREATE INDEX "account_owner_id_id" ON "accounts" ("owner_id", "id");
-- create index "account_owner_id_name_id" to table: "accounts"
CREATE INDEX "account_owner_id_name_id" ON "accounts" ("owner_id", "name", "id");
-- create index "account_team_id_id" to table: "accounts"
CREATE INDEX "account_team_id_id" ON "accounts" ("team_id", "id");
-- create index "account_team_id_name_id" to table: "accounts"
CREATE INDEX "account_team_id_name_id" ON "accounts" ("team_id", "name", "id");
-- create index "activity_owner_id_due_at_id" to table: "activities"
CREATE INDEX "activity_owner_id_due_at_id" ON "activities" ("owner_id", "due_at", "id");
-- create index "activity_owner_id_id" to table: "activities"
CREATE INDEX "activity_owner_id_id" ON "activities" ("owner_id", "id");
-- create index "activity_team_id_due_at_id" to table: "activities"
CREATE INDEX "activity_team_id_due_at_id" ON "activities" ("team_id", "due_at", "id");
-- create index "activity_team_id_id" to table: "activities"
CREATE INDEX "activity_team_id_id" ON "activities" ("team_id", "id");
-- create index "contact_owner_id_id" to table: "contacts"
CREATE INDEX "contact_owner_id_id" ON "contacts" ("owner_id", "id");
-- create index "contact_owner_id_name_id" to table: "contacts"
CREATE INDEX "contact_owner_id_name_id" ON "contacts" ("owner_id", "name", "id");
-- create index "contact_team_id_id" to table: "contacts"
CREATE INDEX "contact_team_id_id" ON "contacts" ("team_id", "id");
-- create index "contact_team_id_name_id" to table: "contacts"
CREATE INDEX "contact_team_id_name_id" ON "contacts" ("team_id", "name", "id");

-- +goose Down
-- reverse: create index "contact_team_id_name_id" to table: "contacts"
DROP INDEX "contact_team_id_name_id";
-- reverse: create index "contact_team_id_id" to table: "contacts"
DROP INDEX "contact_team_id_id";
-- reverse: create index "contact_owner_id_name_id" to table: "contacts"
DROP INDEX "contact_owner_id_name_id";
-- reverse: create index "contact_owner_id_id" to table: "contacts"
DROP INDEX "contact_owner_id_id";
-- reverse: create index "activity_team_id_id" to table: "activities"
DROP INDEX "activity_team_id_id";
-- reverse: create index "activity_team_id_due_at_id" to table: "activities"
DROP INDEX "activity_team_id_due_at_id";
-- reverse: create index "activity_owner_id_id" to table: "activities"
DROP INDEX "activity_owner_id_id";
-- reverse: create index "activity_owner_id_due_at_id" to table: "activities"
DROP INDEX "activity_owner_id_due_at_id";
-- reverse: create index "account_team_id_name_id" to table: "accounts"
DROP INDEX "account_team_id_name_id";
-- reverse: create index "account_team_id_id" to table: "accounts"
DROP INDEX "account_team_id_id";
-- reverse: create index "account_owner_id_name_id" to table: "accounts"
DROP INDEX "account_owner_id_name_id";
-- reverse: create index "account_owner_id_id" to table: "accounts"
DROP INDEX "account_owner_id_id";
