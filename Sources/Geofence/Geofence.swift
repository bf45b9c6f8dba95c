// The Geofence stage; see docs/architecture.md.
