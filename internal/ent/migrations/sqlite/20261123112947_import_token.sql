-- +goose Up
-- add column "token_id" to table: "import_jobs"
ALTER TABLE `import_jobs` ADD COLUMN `token_id` integer NULL;

-- +goose Down
-- reverse: add column "token_id" to table: "import_jobs"
ALTER TABLE `import_jobs` DROP COLUMN `token_id`;
