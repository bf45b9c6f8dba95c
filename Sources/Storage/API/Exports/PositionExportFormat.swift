import TrackwireProtocol

/// The representations of a list of positions: `?format=json|geojson|gpx|csv`.
enum PositionExportFormat: String, CaseIterable, Sendable {
    case json, geojson, gpx, csv

    /// The format a query asks for (JSON when absent); a 400 for an unknown or empty name (the
    /// document's enum is lower-case).
    init(_ query: APIQuery) throws {
        guard let name = query.string("format") else { self = .json; return }
        guard let format = PositionExportFormat(rawValue: name) else {
            let known = Self.allCases.map(\.rawValue).joined(separator: ", ")
            throw APIError.badRequest("format=\(name) is not supported (\(known))")
        }
        self = format
    }

    var contentType: String {
        switch self {
        case .json: APIResponse.jsonContentType
        case .geojson: APIResponse.geoJSONContentType
        case .gpx: "application/gpx+xml; charset=utf-8"
        case .csv: "text/csv; charset=utf-8; header=present"
        }
    }

    /// The document for `positions`; `nextCursor` is included where the format has room for it
    /// (every format also gets a `Link: rel="next"` header).
    func render(_ positions: [Position], nextCursor: String?) -> String {
        switch self {
        case .json:
            JSONValue.object([
                "positions": .array(positions.map(PositionJSON.render)), "next_cursor": .nullable(nextCursor),
            ]).text
        case .geojson: GeoJSONExport.featureCollection(positions, nextCursor: nextCursor).text
        case .gpx: GPXExport.document(positions)
        case .csv: CSVExport.document(positions)
        }
    }
}
