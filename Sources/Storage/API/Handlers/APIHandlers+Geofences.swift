import Hummingbird
import TrackwireProtocol

extension APIHandlers {
    /// `GET /api/geofences` → a GeoJSON FeatureCollection of every fence.
    func listGeofences(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        let features = try await store.geofences().map(GeofenceFeature.feature)
        return APIResponse.json(.object(["type": "FeatureCollection", "features": .array(features)]), contentType: APIResponse.geoJSONContentType)
    }

    /// `GET /api/geofences/{id}` → the fence's Feature.
    func getGeofence(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        let id = try request.pathParameter("id", context: context)
        guard let geofence = try await store.geofence(id: id) else { throw APIError.notFound("no geofence '\(id)'") }
        return APIResponse.json(GeofenceFeature.feature(of: geofence), contentType: APIResponse.geoJSONContentType)
    }

    /// `POST /api/geofences` (a Feature) → 201 with `Location`; 409 when the id exists.
    func createGeofence(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        try APIScope.requireUnscoped("change geofences")
        let geofence = try GeofenceFeature.geofence(from: try await request.jsonBody(), updatedMs: now(), generateID: Self.newID)
        if try await store.geofence(id: geofence.id) != nil {
            throw APIError.conflict("geofence '\(geofence.id)' exists: PUT /api/geofences/\(geofence.id) replaces it")
        }
        return try await upsert(geofence, status: .created)
    }

    /// `PUT /api/geofences/{id}` (a Feature) → 201 when new, 200 when replaced.
    func putGeofence(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        try APIScope.requireUnscoped("change geofences")
        let id = try request.pathParameter("id", context: context)
        let geofence = try GeofenceFeature.geofence(from: try await request.jsonBody(), id: id, updatedMs: now(), generateID: Self.newID)
        let existed = try await store.geofence(id: id) != nil
        return try await upsert(geofence, status: existed ? .ok : .created)
    }

    /// `DELETE /api/geofences/{id}` → 204; 404 when unknown.
    func deleteGeofence(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        try APIScope.requireUnscoped("change geofences")
        let id = try request.pathParameter("id", context: context)
        guard var geofence = try await store.geofence(id: id), try await store.deleteGeofence(id: id) else {
            throw APIError.notFound("no geofence '\(id)'")
        }
        geofence.updatedMs = now()
        try await publish(.delete, geofence)
        return Response(status: .noContent)
    }

    private func upsert(_ geofence: Geofence, status: HTTPResponse.Status) async throws -> Response {
        try await store.saveGeofence(geofence)
        try await publish(.upsert, geofence)
        let headers: HTTPFields = [.location: "/api/geofences/" + APIResponse.pathComponent(geofence.id)]
        return APIResponse.json(GeofenceFeature.feature(of: geofence), status: status, headers: headers, contentType: APIResponse.geoJSONContentType)
    }

    /// Tells the geofence stage: `cfg.geofence` with a `GeofenceChange`.
    private func publish(_ op: GeofenceChange.Op, _ geofence: Geofence) async throws {
        let change = GeofenceChange.with {
            $0.op = op
            $0.geofence = geofence
        }
        try await outlet.publish(topic: Topic.geofenceConfig, body: try change.serializedBytes())
    }
}
