// The Push stage; see docs/architecture.md.
