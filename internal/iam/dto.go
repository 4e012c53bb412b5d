package iam

import (
	"time"

	"github.com/kehu-crm/kehu/internal/ent"
)

// API shapes. Input structs mark optional fields with omitempty (huma treats the rest as required).

// RoleRef names a role.
type RoleRef struct {
	ID   int64   `json:"id"`
	Key  *string `json:"key"`
	Name string  `json:"name"`
}

// TeamRef names a team.
type TeamRef struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
}

// MeDTO is the signed-in user.
type MeDTO struct {
	ID       int64             `json:"id"`
	Email    string            `json:"email"`
	Name     string            `json:"name"`
	Locale   string            `json:"locale" enum:"zh-CN,en"`
	TimeZone string            `json:"timeZone"`
	Team     *TeamRef          `json:"team,omitempty" doc:"Absent when the user belongs to no team"`
	Roles    []RoleRef         `json:"roles"`
	Rights   map[string]string `json:"rights" doc:"Each right the user holds with its data scope (own, team, subtree, all)"`
	// NotifyEmail says whether due reminders are also e-mailed (SPEC T2).
	NotifyEmail bool `json:"notifyEmail"`
}

// UserDTO is a user as the API shows it.
type UserDTO struct {
	ID          int64      `json:"id"`
	Email       string     `json:"email"`
	Name        string     `json:"name"`
	Locale      string     `json:"locale"`
	TimeZone    string     `json:"timeZone"`
	Active      bool       `json:"active"`
	TeamID      *int64     `json:"teamId"`
	TeamName    *string    `json:"teamName"`
	Roles       []RoleRef  `json:"roles"`
	LastLoginAt *time.Time `json:"lastLoginAt"`
	CreatedAt   time.Time  `json:"createdAt"`
	UpdatedAt   time.Time  `json:"updatedAt"`
	Version     int64      `json:"version"`
}

// TeamDTO is a team as the API shows it.
type TeamDTO struct {
	ID          int64     `json:"id"`
	Name        string    `json:"name"`
	Description string    `json:"description"`
	ParentID    *int64    `json:"parentId"`
	MemberCount int       `json:"memberCount"`
	CreatedAt   time.Time `json:"createdAt"`
	UpdatedAt   time.Time `json:"updatedAt"`
	Version     int64     `json:"version"`
}

// GrantDTO is one right with its scope.
type GrantDTO struct {
	Right string `json:"right" maxLength:"100" example:"user:read"`
	Scope string `json:"scope" enum:"own,team,subtree,all"`
}

// RoleDTO is a role as the API shows it.
type RoleDTO struct {
	ID          int64      `json:"id"`
	Key         *string    `json:"key"`
	Name        string     `json:"name"`
	Description string     `json:"description"`
	Builtin     bool       `json:"builtin"`
	Grants      []GrantDTO `json:"grants"`
	UserCount   int        `json:"userCount"`
	CreatedAt   time.Time  `json:"createdAt"`
	UpdatedAt   time.Time  `json:"updatedAt"`
	Version     int64      `json:"version"`
}

// TokenDTO is an API token without its secret.
type TokenDTO struct {
	ID         int64      `json:"id"`
	Name       string     `json:"name"`
	Prefix     string     `json:"prefix"`
	Scopes     []string   `json:"scopes"`
	ExpiresAt  *time.Time `json:"expiresAt"`
	LastUsedAt *time.Time `json:"lastUsedAt"`
	CreatedAt  time.Time  `json:"createdAt"`
	RevokedAt  *time.Time `json:"revokedAt"`
}

// CreatedTokenDTO carries the plaintext token, shown once.
type CreatedTokenDTO struct {
	TokenDTO
	Token string `json:"token" doc:"The token itself. It is shown only now; store it safely."`
}

// AuditChange is one field's old and new value.
type AuditChange struct {
	Old any `json:"old"`
	New any `json:"new"`
}

// AuditDTO is one audit event.
type AuditDTO struct {
	ID        int64                  `json:"id"`
	At        time.Time              `json:"at"`
	ActorID   *int64                 `json:"actorId"`
	ActorName *string                `json:"actorName"`
	ActorKind string                 `json:"actorKind"`
	Action    string                 `json:"action"`
	Entity    string                 `json:"entity"`
	EntityID  *int64                 `json:"entityId"`
	Changes   map[string]AuditChange `json:"changes,omitempty" doc:"Field → old and new value; absent for events without field changes"`
	RequestID string                 `json:"requestId"`
	IP        string                 `json:"ip"`
}

func roleRefs(rs []*ent.Role) []RoleRef {
	out := make([]RoleRef, 0, len(rs))
	for _, r := range rs {
		out = append(out, RoleRef{ID: r.ID, Key: r.Key, Name: r.Name})
	}
	return out
}

func toUserDTO(u *ent.User) UserDTO {
	d := UserDTO{ID: u.ID, Email: u.Email, Name: u.Name, Locale: u.Locale, TimeZone: u.TimeZone, Active: u.Active,
		TeamID: u.TeamID, Roles: roleRefs(u.Edges.Roles), LastLoginAt: u.LastLoginAt, CreatedAt: u.CreatedAt,
		UpdatedAt: u.UpdatedAt, Version: u.Version}
	if u.Edges.Team != nil {
		d.TeamName = &u.Edges.Team.Name
	}
	return d
}

func toMeDTO(m *Me) MeDTO {
	d := MeDTO{ID: m.User.ID, Email: m.User.Email, Name: m.User.Name, Locale: m.User.Locale, TimeZone: m.User.TimeZone,
		NotifyEmail: m.User.NotifyEmail, Roles: roleRefs(m.User.Edges.Roles), Rights: map[string]string{}}
	if t := m.User.Edges.Team; t != nil {
		d.Team = &TeamRef{ID: t.ID, Name: t.Name}
	}
	for r, sc := range m.Actor.Grants() {
		d.Rights[string(r)] = sc.String()
	}
	return d
}

func toTeamDTO(t TeamWithCount) TeamDTO {
	return TeamDTO{ID: t.ID, Name: t.Name, Description: t.Description, ParentID: t.ParentID, MemberCount: t.Members,
		CreatedAt: t.CreatedAt, UpdatedAt: t.UpdatedAt, Version: t.Version}
}

func toRoleDTO(r RoleView) RoleDTO {
	gs := make([]GrantDTO, len(r.Grants))
	for i, g := range r.Grants {
		gs[i] = GrantDTO(g)
	}
	return RoleDTO{ID: r.ID, Key: r.Key, Name: r.Name, Description: r.Description, Builtin: r.Builtin, Grants: gs,
		UserCount: r.Users, CreatedAt: r.CreatedAt, UpdatedAt: r.UpdatedAt, Version: r.Version}
}

func toTokenDTO(t *ent.APIToken) TokenDTO {
	scopes := t.Scopes
	if scopes == nil {
		scopes = []string{}
	}
	return TokenDTO{ID: t.ID, Name: t.Name, Prefix: t.Prefix, Scopes: scopes, ExpiresAt: t.ExpiresAt,
		LastUsedAt: t.LastUsedAt, CreatedAt: t.CreatedAt, RevokedAt: t.RevokedAt}
}

func toAuditDTO(r AuditRow) AuditDTO {
	d := AuditDTO{ID: r.ID, At: r.At, ActorID: r.ActorID, ActorKind: r.ActorKind, Action: r.Action, Entity: r.Entity,
		EntityID: r.EntityID, RequestID: r.RequestID, IP: r.IP}
	if r.ActorName != "" {
		d.ActorName = &r.ActorName
	}
	if len(r.Changes) > 0 {
		d.Changes = map[string]AuditChange{}
		for k, v := range r.Changes {
			d.Changes[k] = AuditChange{Old: v.Old, New: v.New}
		}
	}
	return d
}
