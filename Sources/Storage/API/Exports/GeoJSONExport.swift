import TrackwireProtocol

/// Positions as an RFC 7946 FeatureCollection: one Point Feature per position (properties = the
/// position's JSON), then one LineString Feature per device with two or more positions (its track,
/// in fix-time order).
enum GeoJSONExport {
    static func featureCollection(_ positions: [Position], nextCursor: String?) -> JSONValue {
        let points = positions.map { position in
            feature(geometry: .object(["type": "Point", "coordinates": coordinates(position)]), properties: PositionJSON.render(position))
        }
        let tracks = DeviceTracks(positions).tracks.filter { $0.positions.count >= 2 }.map { track in
            feature(
                geometry: .object(["type": "LineString", "coordinates": .array(track.positions.map(coordinates))]),
                properties: .object([
                    "device_id": .string(track.device),
                    "from": .string(TimeFormat.iso(ms: track.positions.first!.fixTimeMs)),
                    "to": .string(TimeFormat.iso(ms: track.positions.last!.fixTimeMs)),
                    "points": .int(Int64(track.positions.count)),
                ])
            )
        }
        return .object(["type": "FeatureCollection", "features": .array(points + tracks), "next_cursor": .nullable(nextCursor)])
    }

    private static func feature(geometry: JSONValue, properties: JSONValue) -> JSONValue {
        .object(["type": "Feature", "geometry": geometry, "properties": properties])
    }

    private static func coordinates(_ position: Position) -> JSONValue {
        .array([.double(position.longitude), .double(position.latitude)])
    }
}

/// Positions grouped per device, devices in order of first appearance, positions kept in order.
struct DeviceTracks {
    struct Track {
        var device: String
        var positions: [Position]
    }

    private(set) var tracks: [Track] = []

    init(_ positions: [Position]) {
        var index: [String: Int] = [:]
        for position in positions {
            if let at = index[position.deviceID] {
                tracks[at].positions.append(position)
            } else {
                index[position.deviceID] = tracks.count
                tracks.append(Track(device: position.deviceID, positions: [position]))
            }
        }
    }
}
