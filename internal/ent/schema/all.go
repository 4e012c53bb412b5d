package schema

import "entgo.io/ent"

// All lists every schema, for the generic consumers that read descriptors at run time (metadata
// registry, audit redaction, the no-actor test). A test fails when an entity is missing here.
func All() []ent.Interface {
	return []ent.Interface{
		Team{}, User{}, Role{}, RoleGrant{}, APIToken{}, Session{}, PasswordReset{}, LoginThrottle{},
		IdempotencyKey{}, AuditEvent{}, DictionaryItem{}, CustomField{}, Account{}, Contact{},
		Activity{}, Comment{}, Notification{}, SavedView{}, ImportJob{}, ImportFile{}, DedupKey{},
		DuplicateDismissal{}, MergeLog{},
	}
}
