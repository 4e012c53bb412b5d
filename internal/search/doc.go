// Package search is Kehu's global search (SPEC C8, ARCHITECTURE §5): one search_index table, kept in
// the same transaction as every write by an ent hook (Hook, installed by the store), queried through
// SQLite FTS5 or PostgreSQL full text.
//
// Text is normalised in Go by Terms, identically for indexing and querying: lowercase Latin words,
// overlapping CJK bigrams (FTS5's trigram tokenizer misses two-character Chinese words), and digit runs
// with their tails so that the last digits of a phone number find it. Each dialect then only splits on
// spaces (FTS5 unicode61, to_tsvector('simple')).
//
// Data scope is applied in SQL on the index rows' owner_id/team_id with authz.ScopePredicate and the
// entity's own EntityRule; phone and e-mail terms live in a separate column that is searched only for
// actors who see sensitive fields on every record they can read (fls.SeesAll). Adding an entity means
// one Source in sources.go.
package search
