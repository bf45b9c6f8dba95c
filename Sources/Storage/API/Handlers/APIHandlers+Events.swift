import Hummingbird
import TrackwireProtocol

extension APIHandlers {
    /// `GET /api/events?device=&kind=&from=&to=&limit=` → `{"events": [...]}` ordered by time.
    func listEvents(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        let query = APIQuery(request.uri)
        let range = try query.timeRange()
        let events = try await store.events(EventQuery(
            devices: try APIScope.devices(query.list("device")), kinds: try query.eventKinds(), fromMs: range.from, toMs: range.to,
            limit: try query.limit(default: 1000, maximum: configuration.maxPageSize)
        ))
        return APIResponse.json(.object(["events": .array(events.map(EventJSON.render))]))
    }
}
