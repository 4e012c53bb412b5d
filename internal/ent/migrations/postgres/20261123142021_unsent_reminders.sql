-- +goose Up
-- drop index "activity_remind_at" from table: "activities"
DROP INDEX "activity_remind_at";
-- create index "activity_remind_at" to table: "activities"
CREATE INDEX "activity_remind_at" ON "activities" ("remind_at") WHERE (reminded_at IS NULL);

-- +goose Down
-- reverse: create index "activity_remind_at" to table: "activities"
DROP INDEX "activity_remind_at";
-- reverse: drop index "activity_remind_at" from table: "activities"
CREATE INDEX "activity_remind_at" ON "activities" ("remind_at");
