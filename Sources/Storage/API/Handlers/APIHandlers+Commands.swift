import Hummingbird
import TrackwireProtocol

extension APIHandlers {
    /// `POST /api/commands` → validates, stores, publishes `cmd.<device>` → 202 with the command.
    /// 404 when storage has never seen the device.
    func sendCommand(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        let commandRequest = try CommandRequest(try await request.jsonBody())
        guard try await store.device(id: commandRequest.device) != nil else {
            throw APIError.notFound("no device '\(commandRequest.device)'")
        }
        let command = commandRequest.command(id: Self.newID(), createdMs: now())
        try await store.saveCommand(command)
        try await outlet.publish(topic: Topic.command(device: command.deviceID), body: try command.serializedBytes())
        return APIResponse.json(RecordJSON.command(command), status: .accepted)
    }

    /// `GET /api/commands?device=&limit=` → `{"commands": [...]}`, newest first.
    func listCommands(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        let query = APIQuery(request.uri)
        let commands = try await store.commands(
            device: query.string("device"), limit: try query.limit(default: 100, maximum: configuration.maxPageSize)
        )
        return APIResponse.json(.object(["commands": .array(commands.map(RecordJSON.command))]))
    }
}
