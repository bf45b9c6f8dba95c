import Foundation
import TrackwireProtocol

/// Positions as RFC 4180 CSV with a header row: the position JSON's fields as columns, times both
/// as ISO 8601 and unix ms, and the attributes as one JSON-object column.
enum CSVExport {
    static let columns = [
        "device_id", "protocol", "fix_time", "fix_time_ms", "device_time_ms", "server_time_ns", "latitude",
        "longitude", "altitude_m", "speed_kmh", "course_deg", "satellites", "hdop", "valid", "attributes",
    ]

    static func document(_ positions: [Position]) -> String {
        var csv = columns.joined(separator: ",") + "\r\n"
        for position in positions {
            let json = PositionJSON.render(position)
            csv += columns.map { field(json[$0] ?? .null) }.joined(separator: ",") + "\r\n"
        }
        return csv
    }

    /// One cell: strings bare, other values as their JSON text; quoted when they need it.
    private static func field(_ value: JSONValue) -> String {
        let text = value.stringValue ?? value.text
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
