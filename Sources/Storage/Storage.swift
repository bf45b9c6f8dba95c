// The Storage stage; see docs/architecture.md.
