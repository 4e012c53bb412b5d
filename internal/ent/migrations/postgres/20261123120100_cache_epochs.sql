-- +goose Up
-- Hand-written (read and bumped with plain SQL by internal/store/epoch.go): one counter per family of
-- rarely changing data that nodes cache in memory. A write to that data bumps its counter in the same
-- transaction; every authenticated request reads the counters in its session statement, so a cache
-- entry is used only while its counter is unchanged (no node serves stale data after a commit).
CREATE TABLE "cache_epochs" ("name" text NOT NULL PRIMARY KEY, "n" bigint NOT NULL DEFAULT 0);
INSERT INTO "cache_epochs" ("name", "n") VALUES ('authz', 0), ('directory', 0), ('customfield', 0);

-- +goose Down
DROP TABLE "cache_epochs";
