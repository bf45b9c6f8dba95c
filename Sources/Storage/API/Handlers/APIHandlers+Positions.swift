import Hummingbird
import TrackwireProtocol

extension APIHandlers {
    /// `GET /api/positions?device=&from=&to=&limit=&cursor=&format=`: one page of history ordered by
    /// fix time; the next page's cursor is in `next_cursor` and a `Link: <...>; rel="next"` header.
    func listPositions(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        let query = APIQuery(request.uri)
        let format = try PositionExportFormat(query)
        let range = try query.timeRange()
        let page = try await store.positions(PositionQuery(
            devices: try APIScope.devices(query.list("device")), fromMs: range.from, toMs: range.to,
            limit: try query.limit(default: 1000, maximum: configuration.maxPageSize),
            after: try query.string("cursor").map(PositionCursorCodec.decode)
        ))
        let next = page.next.map(PositionCursorCodec.encode)
        var headers: HTTPFields = [:]
        if let next {
            headers[APIResponse.link] = "<\(request.uri.path)?\(query.replacing("cursor", with: next))>; rel=\"next\""
        }
        return export(page.positions, format: format, nextCursor: next, headers: headers)
    }

    /// `GET /api/positions/latest?device=&format=`: the newest position of each device (or of all).
    func latestPositions(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        let query = APIQuery(request.uri)
        let format = try PositionExportFormat(query)
        let devices = try APIScope.devices(query.list("device"))
        let positions = try await store.latestPositions(devices: devices.isEmpty ? nil : devices)
        return export(positions, format: format, nextCursor: nil, headers: [:])
    }

    private func export(_ positions: [Position], format: PositionExportFormat, nextCursor: String?, headers: HTTPFields) -> Response {
        var headers = headers
        if format != .json {
            headers[.contentDisposition] = "attachment; filename=\"positions.\(format.rawValue)\""
        }
        return APIResponse.text(format.render(positions, nextCursor: nextCursor), contentType: format.contentType, headers: headers)
    }
}
