// Package audit records who changed what. Hook turns every ent mutation into audit events written in
// the same transaction as the change (so a rolled-back change leaves no audit row and a committed one
// always has one); Record writes security events (sign-ins, permission changes, token use). Secret
// fields are never stored: their changes appear as "[redacted]".
package audit
