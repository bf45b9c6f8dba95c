import Hummingbird
import TrackwireProtocol

extension APIHandlers {
    /// `GET /api/reports/trips?device=&from=&to=` (+ threshold parameters, `ReportSettings`).
    func tripsReport(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        try await report(request, key: "trips") { .array($0.flatMap(\.trips)) }
    }

    /// `GET /api/reports/stops?device=&from=&to=`.
    func stopsReport(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        try await report(request, key: "stops") { .array($0.flatMap(\.stops)) }
    }

    /// `GET /api/reports/summary?device=&from=&to=`: one summary per device.
    func summaryReport(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        try await report(request, key: "summary") { .array($0.map(\.summary)) }
    }

    /// Reads the devices' positions in the range (every page, bounded by `maxReportPositions`) and
    /// renders `{"<key>": ..., "settings": {...}}`.
    private func report(_ request: Request, key: String, render: ([DeviceReport]) -> JSONValue) async throws -> Response {
        let query = APIQuery(request.uri)
        var seen = Set<String>()
        let devices = try APIScope.devices(query.list("device")).filter { seen.insert($0).inserted }
        let range = try query.timeRange()
        guard !devices.isEmpty, let from = range.from, let to = range.to else {
            throw APIError.badRequest("reports need device, from and to")
        }
        let settings = try ReportSettings(query)
        let positions = try await allPositions(PositionQuery(devices: devices, fromMs: from, toMs: to, limit: configuration.maxPageSize))
        let tracks = Dictionary(uniqueKeysWithValues: DeviceTracks(positions).tracks.map { ($0.device, $0.positions) })
        let reports = devices.map { DeviceReport(device: $0, positions: tracks[$0] ?? [], settings: settings) }
        return APIResponse.json(.object([key: render(reports), "settings": settings.json]))
    }

    private func allPositions(_ query: PositionQuery) async throws -> [Position] {
        var query = query
        var positions: [Position] = []
        repeat {
            let page = try await store.positions(query)
            positions += page.positions
            guard positions.count <= configuration.maxReportPositions else {
                throw APIError.badRequest("the range holds more than \(configuration.maxReportPositions) positions: narrow from/to")
            }
            query.after = page.next
        } while query.after != nil
        return positions
    }
}
