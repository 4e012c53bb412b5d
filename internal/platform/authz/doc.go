// Package authz is the one place where Kehu decides who may do what.
//
// An Actor travels in the request context. Rights are "resource:action" strings; a role grants a right
// with a data scope (own < team < subtree < all). Operations call Require for the action right; ent
// privacy policies built by EntityPolicy turn the actor's scope into SQL predicates so that lists,
// counts, edges and mutations can never leave the actor's scope. A context without an actor is denied
// everywhere: background work must say explicitly that it runs as the system actor. Reads made for
// another action on the same rows (an export) are narrowed to that action's scope too (ReadingFor).
package authz
