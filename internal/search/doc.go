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
//
// Scope terms. A common word matches a large part of the index, so matching first and filtering by scope
// afterwards reads hundreds of thousands of rows. Each row therefore also carries scope terms, generated
// by the database from its entity, owner_id and team_id (so that every writer — the hook, the batched
// writer, the bulk loader, Reindex, an ownership transfer — keeps them right): the entity's name and the
// entity's name followed by o<owner id> and t<team id> ("account accounto12 accountt3"), in the FTS5
// column scope_terms / under tsvector label C. A search adds the actor's scope to the text match as an OR
// of those terms (scopeTerms, built from authz.ScopeKeys, the keys of authz.ScopePredicate), so the text
// engine intersects posting lists and never fetches rows outside the scope. The SQL predicate stays as
// well and remains the authority; the terms only narrow. The user's tokens are restricted to the terms
// (and sensitive_terms) columns / labels A (AB), so no query can match a scope term.
//
// Bounded ranking. For each entity a search ranks at most Candidates (500) matching rows in the reader's
// scope: on SQLite the newest (FTS5 walks rowids downwards and stops), on PostgreSQL the first the
// bitmap scan returns (physical order; the scan stops after them). When more rows match, the others are
// not ranked: a query matching more than Candidates rows in the reader's scope returns the best of those
// Candidates by tier (exact title 2, title prefix 1) and relevance, not the best of all matches.
// Relevance is PostgreSQL's ts_rank over the user's tokens; on SQLite it is the row's shortness, not FTS5's
// bm25, because bm25 counts every row holding each phrase of the match (the common word's and the scope
// terms') on every search; among rows holding every token, bm25 mostly orders by length too.
// Exact titles are always found: a separate lookup through the (entity, lower(title)) index adds them
// whatever their age. Queries matching fewer rows rank all of them, as before the bound.
package search
