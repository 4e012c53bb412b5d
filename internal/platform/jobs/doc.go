// Package jobs runs durable background and periodic work with River on either database. On SQLite
// River gets its own single-connection pool (its driver's advice); on PostgreSQL it shares the pgx pool.
// Leader election makes a periodic job run once per tick however many nodes share the database, and
// every job runs as the system actor.
package jobs
