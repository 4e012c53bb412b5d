package testkit

import (
	"encoding/json"
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// This file is the authorization matrix harness (ARCHITECTURE §4): principal × operation × record
// relationship, with the expected status of every cell coming from an oracle the test writes by hand.
// Nothing here imports the product's authorization code: scopes, grants, team trees and reachability
// are modelled again below, independently, so the product is checked against a second opinion.

// Relation is how the record an operation acts on relates to the principal acting.
type Relation string

// The relationships the matrix knows. Modules may add their own (portal own/other account …).
const (
	// RelNone marks an operation without a target record (lists, creates without placement).
	RelNone Relation = "-"
	// RelAny is a record that belongs to nobody in particular (directory data such as roles).
	RelAny Relation = "any"
	// RelSelf is the principal's own record (their user, their token …).
	RelSelf Relation = "self"
	// RelSameTeam is a record of the principal's own team.
	RelSameTeam Relation = "sameTeam"
	// RelSubteam is a record of a team strictly below the principal's team.
	RelSubteam Relation = "subteam"
	// RelParentTeam is a record of a team strictly above the principal's team.
	RelParentTeam Relation = "parentTeam"
	// RelOtherTeam is a record of a team neither above nor below the principal's team.
	RelOtherTeam Relation = "otherTeam"
	// RelNoTeam is a record of no team at all (or, for teams, a top-level one).
	RelNoTeam Relation = "noTeam"
	// RelMissing is an id that does not exist.
	RelMissing Relation = "missing"
)

// TeamRelations are the relations a team-scoped record can have, in the order cases are listed.
var TeamRelations = []Relation{RelSelf, RelSameTeam, RelSubteam, RelParentTeam, RelOtherTeam, RelNoTeam, RelMissing}

// MissingID is an id no record has.
const MissingID int64 = 987_654_321

// Scope is the oracle's own model of a data scope (deliberately not the product's type).
type Scope int

// Scopes, narrowest first. None means the right is not held at all.
const (
	ScopeNone Scope = iota
	ScopeOwn
	ScopeTeam
	ScopeSubtree
	ScopeAll
)

func (s Scope) String() string {
	return [...]string{"none", "own", "team", "subtree", "all"}[s]
}

// Grants maps a right ("resource:action") to the scope held.
type Grants map[string]Scope

// MergeGrants unions several roles' grants: the widest scope of a right wins.
func MergeGrants(gs ...Grants) Grants {
	out := Grants{}
	for _, g := range gs {
		for r, s := range g {
			if s > out[r] {
				out[r] = s
			}
		}
	}
	return out
}

// Only keeps the rights listed (how a scoped API token narrows its owner); no rights listed keeps all.
func (g Grants) Only(rights ...string) Grants {
	out := Grants{}
	for r, s := range g {
		if len(rights) == 0 || slices.Contains(rights, r) {
			out[r] = s
		}
	}
	return out
}

// TeamTree is the oracle's model of the team hierarchy: child → parent (0 for a top-level team).
type TeamTree map[int64]int64

// Tree returns the topology's team tree.
func (tp Topology) Tree() TeamTree {
	return TeamTree{tp.HQ: 0, tp.East: tp.HQ, tp.East1: tp.East, tp.West: tp.HQ}
}

// Subtree returns root and every team below it.
func (tr TeamTree) Subtree(root int64) []int64 {
	if root == 0 {
		return nil
	}
	out := []int64{root}
	for i := 0; i < len(out); i++ {
		for _, c := range tr.sorted() {
			if tr[c] == out[i] {
				out = append(out, c)
			}
		}
	}
	return out
}

// Ancestors returns the teams strictly above team, nearest first.
func (tr TeamTree) Ancestors(team int64) []int64 {
	var out []int64
	for p := tr[team]; p != 0; p = tr[p] {
		out = append(out, p)
	}
	return out
}

func (tr TeamTree) sorted() []int64 {
	ids := make([]int64, 0, len(tr))
	for id := range tr {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	return ids
}

// TeamFor picks the team a record of relation rel should belong to for a principal of team own.
// It answers false when the relation cannot exist for that principal (no sub-team, no team …).
// RelNoTeam answers 0.
func (tr TeamTree) TeamFor(rel Relation, own int64) (int64, bool) {
	switch rel {
	case RelSameTeam:
		return own, own != 0
	case RelSubteam:
		below := tr.Subtree(own)
		if len(below) > 1 {
			return below[1], true
		}
	case RelParentTeam:
		if up := tr.Ancestors(own); len(up) > 0 {
			return up[0], true
		}
	case RelOtherTeam:
		related := append(tr.Subtree(own), tr.Ancestors(own)...)
		for _, id := range tr.sorted() {
			if !slices.Contains(related, id) {
				return id, true
			}
		}
	case RelNoTeam:
		return 0, true
	}
	return 0, false
}

// Reaches is the oracle's reading of a data scope: may an actor (user actorUser in team actorTeam)
// holding scope reach a record owned by owner (0: nobody) that belongs to team (0: none)?
func (tr TeamTree) Reaches(scope Scope, actorUser, actorTeam, owner, team int64) bool {
	mine := owner != 0 && owner == actorUser
	switch scope {
	case ScopeAll:
		return true
	case ScopeSubtree:
		return mine || (team != 0 && slices.Contains(tr.Subtree(actorTeam), team))
	case ScopeTeam:
		return mine || (team != 0 && team == actorTeam)
	case ScopeOwn:
		return mine
	}
	return false
}

// Principal is someone the matrix acts as.
type Principal struct {
	Name   string
	Client *Client
	// UserID and TeamID describe the person behind the principal (0 when anonymous / teamless).
	UserID, TeamID int64
}

// Target is the record (or the placement) an operation case acts on, made by the operation's Setup.
type Target struct {
	// ID replaces {id} in the path.
	ID int64
	// Vars replace other {name} placeholders in the path.
	Vars map[string]string
	// Version, when set, is sent as If-Match.
	Version int64
	// Team is where the record is, or where it is to be placed.
	Team int64
	// Data carries anything else Body or Verify need.
	Data map[string]any
}

// Operation is one API operation as the matrix exercises it.
type Operation struct {
	Name   string
	Method string
	// Path may hold {id} and {name} placeholders filled from the Target.
	Path string
	// Relations lists the relationships to try; empty means just RelNone.
	Relations []Relation
	// Applies says whether a relation exists for a principal (nil: always).
	Applies func(p Principal, rel Relation) bool
	// Setup creates or points to the target record of one case (nil: an empty target).
	Setup func(t testing.TB, p Principal, rel Relation) Target
	// Body builds the request body (nil: none).
	Body func(p Principal, rel Relation, tg Target) any
	// Query is appended to the path (e.g. "limit=200").
	Query string
	// Verify checks the content of a successful (2xx) answer; its error is reported as a mismatch.
	Verify func(t testing.TB, p Principal, rel Relation, tg Target, r *Response) error
	// Denied checks, after a refused (4xx) case, that the refused operation left no trace.
	Denied func(t testing.TB, p Principal, rel Relation, tg Target) error
}

func (op Operation) relations() []Relation {
	if len(op.Relations) == 0 {
		return []Relation{RelNone}
	}
	return op.Relations
}

// Case is one cell of the matrix.
type Case struct {
	Principal string
	Op        string
	Relation  Relation
	Want      int
}

func (c Case) String() string { return c.Principal + "/" + c.Op + "/" + string(c.Relation) }

// Oracle returns the expected status of a cell, from the test's own statement of the rules.
type Oracle func(p Principal, op Operation, rel Relation) int

// Matrix is principals × operations × relations with an oracle.
type Matrix struct {
	Principals []Principal
	Ops        []Operation
	Oracle     Oracle
	// CompareNotFound, when set, asserts that an out-of-scope 404 is the same problem as the 404 of
	// a missing id (ids, request ids and instance paths aside) for operations that list RelMissing.
	CompareNotFound bool
}

// Cases lists every applicable cell, operation-major (all principals try an operation before the next
// operation runs), so list operations declared first see the world before later cases mutate it.
func (m *Matrix) Cases() []Case {
	var out []Case
	for _, op := range m.Ops {
		for _, p := range m.Principals {
			for _, rel := range missingFirst(op.relations()) {
				if op.Applies != nil && !op.Applies(p, rel) {
					continue
				}
				out = append(out, Case{Principal: p.Name, Op: op.Name, Relation: rel, Want: m.Oracle(p, op, rel)})
			}
		}
	}
	return out
}

// Mismatch is a cell whose answer differed from the oracle.
type Mismatch struct {
	Case
	Got    int
	Detail string
}

// Result summarises a run.
type Result struct {
	Cases      int
	Mismatches []Mismatch
}

// Run executes every case as a subtest ("<op>/<principal>/<relation>") against the live API and
// reports all mismatches together in one table.
func (m *Matrix) Run(t *testing.T) Result {
	t.Helper()
	principals := map[string]Principal{}
	for _, p := range m.Principals {
		principals[p.Name] = p
	}
	ops := map[string]Operation{}
	for _, op := range m.Ops {
		ops[op.Name] = op
	}
	var res Result
	notFound := map[string]string{} // principal/op → normalised body of the missing id's 404
	for _, c := range m.Cases() {
		p, op := principals[c.Principal], ops[c.Op]
		res.Cases++
		t.Run(op.Name+"/"+p.Name+"/"+string(c.Relation), func(t *testing.T) {
			var tg Target
			if op.Setup != nil {
				tg = op.Setup(t, p, c.Relation)
			}
			r := m.do(t, p, op, c.Relation, tg)
			mm := Mismatch{Case: c, Got: r.Status}
			var notes []string
			switch {
			case r.Status != c.Want:
				notes = append(notes, brief(r.Raw))
			case r.Status/100 == 2 && op.Verify != nil:
				if err := op.Verify(t, p, c.Relation, tg, r); err != nil {
					notes = append(notes, "content: "+err.Error())
				}
			case r.Status == 404 && m.CompareNotFound && slices.Contains(op.relations(), RelMissing):
				key := p.Name + "/" + op.Name
				body := normaliseProblem(r.Raw, tg.ID)
				if c.Relation == RelMissing {
					notFound[key] = body
				} else if prev, ok := notFound[key]; ok && prev != body {
					notes = append(notes, fmt.Sprintf("404 differs from a missing id's: %s vs %s", body, prev))
				}
			}
			if r.Status/100 == 4 && op.Denied != nil {
				if err := op.Denied(t, p, c.Relation, tg); err != nil {
					notes = append(notes, "refused, yet changed: "+err.Error())
				}
			}
			mm.Detail = strings.Join(notes, "; ")
			if mm.Detail != "" {
				res.Mismatches = append(res.Mismatches, mm)
				t.Errorf("%s: got %d, want %d: %s", c, r.Status, c.Want, mm.Detail)
			}
		})
	}
	if len(res.Mismatches) > 0 {
		t.Errorf("authorization matrix: %d of %d cases differ from the oracle:\n%s", len(res.Mismatches), res.Cases, Table(res.Mismatches))
	}
	t.Logf("authorization matrix: %d cases, %d mismatches", res.Cases, len(res.Mismatches))
	return res
}

// missingFirst tries the missing id first, so its 404 is known when out-of-scope records are compared.
func missingFirst(rels []Relation) []Relation {
	out := make([]Relation, 0, len(rels))
	if slices.Contains(rels, RelMissing) {
		out = append(out, RelMissing)
	}
	for _, r := range rels {
		if r != RelMissing {
			out = append(out, r)
		}
	}
	return out
}

func (m *Matrix) do(t *testing.T, p Principal, op Operation, rel Relation, tg Target) *Response {
	t.Helper()
	path := strings.ReplaceAll(op.Path, "{id}", strconv.FormatInt(tg.ID, 10))
	for k, v := range tg.Vars {
		path = strings.ReplaceAll(path, "{"+k+"}", url.PathEscape(v))
	}
	if op.Query != "" {
		path += "?" + op.Query
	}
	var body any
	if op.Body != nil {
		body = op.Body(p, rel, tg)
	}
	var headers []string
	if tg.Version > 0 {
		headers = append(headers, "If-Match", `"`+strconv.FormatInt(tg.Version, 10)+`"`)
	}
	return p.Client.Do(t, op.Method, path, body, headers...)
}

// Table renders mismatches as an aligned text table.
func Table(ms []Mismatch) string {
	rows := [][]string{{"OPERATION", "PRINCIPAL", "RELATION", "WANT", "GOT", "DETAIL"}}
	sorted := slices.Clone(ms)
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].Op < sorted[j].Op })
	for _, m := range sorted {
		rows = append(rows, []string{m.Op, m.Principal, string(m.Relation), strconv.Itoa(m.Want), strconv.Itoa(m.Got), m.Detail})
	}
	widths := make([]int, len(rows[0]))
	for _, r := range rows {
		for i, c := range r[:len(r)-1] {
			widths[i] = max(widths[i], len(c))
		}
	}
	var b strings.Builder
	for _, r := range rows {
		for i, c := range r {
			if i == len(r)-1 {
				b.WriteString(c)
			} else {
				fmt.Fprintf(&b, "%-*s  ", widths[i], c)
			}
		}
		b.WriteString("\n")
	}
	return b.String()
}

func brief(raw []byte) string {
	var p struct {
		Title  string `json:"title"`
		Detail string `json:"detail"`
		Code   string `json:"code"`
	}
	if json.Unmarshal(raw, &p) == nil && (p.Title != "" || p.Detail != "") {
		return strings.TrimSpace(p.Code + " " + p.Detail)
	}
	if len(raw) > 120 {
		raw = raw[:120]
	}
	return string(raw)
}

// normaliseProblem keeps what tells records apart in a problem body: its fields minus request ids and
// instance paths, with the requested id written as {id}.
func normaliseProblem(raw []byte, id int64) string {
	var m map[string]any
	if json.Unmarshal(raw, &m) != nil {
		return string(raw)
	}
	for _, k := range []string{"instance", "requestId", "traceId"} {
		delete(m, k)
	}
	b, _ := json.Marshal(m)
	return idPattern(id).ReplaceAllString(string(b), "{id}")
}

func idPattern(id int64) *regexp.Regexp {
	return regexp.MustCompile(`\b` + strconv.FormatInt(id, 10) + `\b`)
}

// ListAll follows nextCursor through every page of a list operation (path may carry a query).
func (c *Client) ListAll(t testing.TB, path string) (items []map[string]any, status int) {
	t.Helper()
	sep := "?"
	if strings.Contains(path, "?") {
		sep = "&"
	}
	cursor := ""
	for range 1000 {
		p := path + sep + "limit=200"
		if cursor != "" {
			p += "&cursor=" + url.QueryEscape(cursor)
		}
		r := c.Do(t, "GET", p, nil)
		if r.Status != 200 {
			return items, r.Status
		}
		items = append(items, r.Items()...)
		next, _ := r.JSON["nextCursor"].(string)
		if next == "" {
			return items, 200
		}
		cursor = next
	}
	t.Fatalf("%s: more than 1000 pages", path)
	return nil, 0
}

// IDs returns the "id" of each item.
func IDs(items []map[string]any) []int64 {
	out := make([]int64, 0, len(items))
	for _, it := range items {
		f, _ := it["id"].(float64)
		out = append(out, int64(f))
	}
	return out
}

// SameIDs compares two id sets and describes the difference ("" when equal).
func SameIDs(got, want []int64) string {
	g, w := slices.Sorted(slices.Values(got)), slices.Sorted(slices.Values(want))
	g, w = slices.Compact(g), slices.Compact(w)
	var extra, lacking []int64
	for _, id := range g {
		if !slices.Contains(w, id) {
			extra = append(extra, id)
		}
	}
	for _, id := range w {
		if !slices.Contains(g, id) {
			lacking = append(lacking, id)
		}
	}
	if len(extra) == 0 && len(lacking) == 0 {
		return ""
	}
	return fmt.Sprintf("unexpected ids %v, missing ids %v", extra, lacking)
}

// ReachesRelation is the oracle's reading of a scope by relationship alone: may a holder of scope reach
// a record of relation rel? (Records of the principal's own team need team, of a team below need
// subtree, of any other team or of none need all; the principal's own records need own.)
func ReachesRelation(scope Scope, rel Relation) bool {
	switch rel {
	case RelSelf:
		return scope >= ScopeOwn
	case RelSameTeam:
		return scope >= ScopeTeam
	case RelSubteam:
		return scope >= ScopeSubtree
	case RelParentTeam, RelOtherTeam, RelNoTeam, RelAny:
		return scope >= ScopeAll
	}
	return false
}
