-- +goose Up
-- The reminder sweep reads unsent reminders only (written by hand: atlas would rebuild the table).
DROP INDEX `activity_remind_at`;
CREATE INDEX `activity_remind_at` ON `activities` (`remind_at`) WHERE reminded_at IS NULL;

-- +goose Down
DROP INDEX `activity_remind_at`;
CREATE INDEX `activity_remind_at` ON `activities` (`remind_at`);
