/// Every `/api` route, in one table: `StorageAPI.addRoutes` registers exactly these, and the
/// OpenAPI test compares the router's routes with `/api/openapi.json`.
extension APIHandlers {
    var routes: [APIRoute] {
        [
            APIRoute(.get, "/api/openapi.json") { _, _ in APIResponse.json(OpenAPIDocument.document) },
            APIRoute(.get, "/api/devices", listDevices),
            APIRoute(.get, "/api/devices/{id}", getDevice),
            APIRoute(.get, "/api/devices/{id}/commands/types", commandTypes),
            APIRoute(.get, "/api/positions", listPositions),
            APIRoute(.get, "/api/positions/latest", latestPositions),
            APIRoute(.get, "/api/events", listEvents),
            APIRoute(.get, "/api/geofences", listGeofences),
            APIRoute(.post, "/api/geofences", createGeofence),
            APIRoute(.get, "/api/geofences/{id}", getGeofence),
            APIRoute(.put, "/api/geofences/{id}", putGeofence),
            APIRoute(.delete, "/api/geofences/{id}", deleteGeofence),
            APIRoute(.get, "/api/commands", listCommands),
            APIRoute(.get, "/api/commands/{id}", getCommand),
            APIRoute(.post, "/api/commands", sendCommand),
            APIRoute(.get, "/api/dead-letters", listDeadLetters),
            APIRoute(.post, "/api/dead-letters/{id}/replay", replayDeadLetter),
            APIRoute(.get, "/api/reports/trips", tripsReport),
            APIRoute(.get, "/api/reports/stops", stopsReport),
            APIRoute(.get, "/api/reports/summary", summaryReport),
        ]
    }
}
