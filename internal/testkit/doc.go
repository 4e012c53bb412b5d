// Package testkit gives every test a fresh, migrated database on each dialect under test, the
// authorization topology fixture and factories. SQLite always runs; PostgreSQL runs when
// KEHU_TEST_POSTGRES is set (a URL of a database the tests may create databases from, or "1" for the
// local default). With KEHU_REQUIRE_ALL=1 a dialect that cannot run fails the test instead of skipping.
package testkit
