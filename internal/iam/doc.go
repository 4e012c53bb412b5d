// Package iam is identity and access: users, teams (a hierarchy), roles and their grants, sessions,
// API tokens, password sign-in with throttling and lockout, password reset by e-mail, first-run setup,
// and the audit log viewer. It turns a session or token into the authz.Actor every other module
// relies on.
package iam
