-- +goose Up
-- modify "import_jobs" table
ALTER TABLE "import_jobs" ADD COLUMN "token_id" bigint NULL;

-- +goose Down
-- reverse: modify "import_jobs" table
ALTER TABLE "import_jobs" DROP COLUMN "token_id";
