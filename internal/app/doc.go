// Package app is the composition root: configuration → database → migrations → modules → routes →
// jobs, and graceful shutdown. Nothing else wires modules together.
package app
