import Hummingbird
import TrackwireProtocol

extension APIHandlers {
    /// `POST /api/commands` → validates, stores it `queued`, publishes `cmd.<device>` → 202 with
    /// the command. A gateway holding the device reports it `sent`; otherwise it waits in storage
    /// for the device's next `online` session (`CommandLedger`). 404 when storage has never seen the device.
    func sendCommand(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        let commandRequest = try CommandRequest(try await request.jsonBody())
        try APIScope.check([commandRequest.device])
        guard let device = try await store.device(id: commandRequest.device) else {
            throw APIError.notFound("no device '\(commandRequest.device)'")
        }
        let types = CommandRequest.types(for: device)
        guard types.contains(commandRequest.type) else {
            throw APIError.unprocessable("device '\(device.id)' speaks \(device.protocolName.isEmpty ? "no known protocol" : device.protocolName), "
                + "which cannot encode '\(commandRequest.type)'; it takes \(types.isEmpty ? "no commands" : types.joined(separator: ", "))")
        }
        let command = commandRequest.command(id: Self.newID(), createdMs: now())
        // Saved before it is published, so a gateway's `sent` report always finds it.
        try await store.saveCommand(command)
        try await outlet.publish(topic: Topic.command(device: command.deviceID), body: try command.serializedBytes())
        return APIResponse.json(RecordJSON.command(command), status: .accepted)
    }

    /// `GET /api/devices/{id}/commands/types` → `{"device", "protocol", "types": [...]}`: what the
    /// device's protocol can encode, from its codec's descriptor.
    func commandTypes(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        let id = try request.pathParameter("id", context: context)
        try APIScope.check([id])
        guard let device = try await store.device(id: id) else { throw APIError.notFound("no device '\(id)'") }
        return APIResponse.json(.object([
            "device": .string(device.id), "protocol": .string(device.protocolName),
            "types": .array(CommandRequest.types(for: device).map(JSONValue.string)),
        ]))
    }

    /// `GET /api/commands?device=&limit=` → `{"commands": [...]}`, newest first.
    func listCommands(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        let query = APIQuery(request.uri)
        let device = query.string("device").flatMap { $0.isEmpty ? nil : $0 }
        try APIScope.check(device.map { [$0] } ?? [])
        // A scoped token's page is filtered after the read, so it may hold fewer than `limit`.
        let commands = try await store.commands(device: device, limit: try query.limit(default: 100, maximum: configuration.maxPageSize))
            .filter { APIScope.current.allows(device: $0.deviceID) }
        let nowMs = now()
        return APIResponse.json(.object(["commands": .array(commands.map { RecordJSON.command(CommandLedger.current($0, nowMs: nowMs)) })]))
    }

    /// `GET /api/commands/{id}` → the command with its status; 404 when unknown.
    func getCommand(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        let id = try request.pathParameter("id", context: context)
        guard let command = try await store.command(id: id) else { throw APIError.notFound("no command '\(id)'") }
        return APIResponse.json(RecordJSON.command(CommandLedger.current(command, nowMs: now())))
    }
}
