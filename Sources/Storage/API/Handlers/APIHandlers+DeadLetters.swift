import Hummingbird
import TrackwireProtocol

extension APIHandlers {
    /// `GET /api/dead-letters?limit=&before=` → `{"dead_letters": [...]}`, newest first.
    func listDeadLetters(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        try APIScope.requireUnscoped("read dead letters")
        let query = APIQuery(request.uri)
        let limit = try query.limit(default: 100, maximum: configuration.maxPageSize)
        let before = try query.integer("before", in: 1...Int.max).map(Int64.init)
        let letters = try await store.deadLetters(limit: limit, before: before)
        return APIResponse.json(.object(["dead_letters": .array(letters.map(RecordJSON.deadLetter))]))
    }

    /// `POST /api/dead-letters/{id}/replay`: sends the original message back where it came from
    /// (`raw.*` to the frames queue, anything else to the store queue) → 202.
    func replayDeadLetter(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        try APIScope.requireUnscoped("replay dead letters")
        let text = try request.pathParameter("id", context: context)
        guard let id = Int64(text) else { throw APIError.badRequest("dead letter id '\(text)' is not a number") }
        guard let letter = try await store.deadLetter(id: id) else { throw APIError.notFound("no dead letter \(id)") }
        let topic = letter.reject.topic
        guard let parsed = Topic.parse(topic) else {
            throw APIError.conflict("dead letter \(id) has no replayable topic ('\(topic)')")
        }
        let queue: BusQueue = parsed.kind == .raw ? .frames : .store
        try await outlet.enqueue(topic: topic, body: Array(letter.reject.body), on: queue)
        return APIResponse.json(
            .object(["replayed": .int(id), "topic": .string(topic), "queue": .string(queue == .frames ? "frames" : "store")]),
            status: .accepted
        )
    }
}
