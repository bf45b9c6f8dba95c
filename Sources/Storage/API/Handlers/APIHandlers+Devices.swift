import Hummingbird

extension APIHandlers {
    /// `GET /api/devices` → `{"devices": [...]}`, ordered by id.
    func listDevices(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        let devices = try await store.devices().filter { APIScope.current.allows(device: $0.id) }
        return APIResponse.json(.object(["devices": .array(devices.map(RecordJSON.device))]))
    }

    /// `GET /api/devices/{id}` → the device, 404 when unknown.
    func getDevice(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        let id = try request.pathParameter("id", context: context)
        try APIScope.check([id])
        guard let device = try await store.device(id: id) else { throw APIError.notFound("no device '\(id)'") }
        return APIResponse.json(RecordJSON.device(device))
    }
}
