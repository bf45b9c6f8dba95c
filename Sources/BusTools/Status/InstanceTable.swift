import Foundation
import TrackwireProtocol

/// The live instances seen in heartbeats, newest heartbeat per stage and instance: `tw status`'s
/// state and its two renderings. Pure: tests feed it heartbeats.
public struct InstanceTable: Sendable {
    private var latest: [String: Heartbeat] = [:]

    /// An empty table.
    public init() {}

    /// Keeps `heartbeat` if it is the newest from its instance.
    public mutating func record(_ heartbeat: Heartbeat) {
        let key = "\(heartbeat.stage).\(heartbeat.instance)"
        if let known = latest[key], known.timeMs > heartbeat.timeMs { return }
        latest[key] = heartbeat
    }

    /// The instances, by stage then instance.
    public var instances: [Heartbeat] {
        latest.values.sorted { ($0.stage, $0.instance) < ($1.stage, $1.instance) }
    }

    /// Whether no heartbeat has been recorded.
    public var isEmpty: Bool { latest.isEmpty }

    /// A text table: stage, instance, pid, uptime, http address and counters.
    public func renderText() -> String {
        let header = ["STAGE", "INSTANCE", "PID", "UPTIME", "HTTP", "COUNTERS"]
        let rows = instances.map { beat in
            [beat.stage, beat.instance, String(beat.pid), Self.uptime(beat.uptimeS),
             beat.httpAddress.isEmpty ? "-" : beat.httpAddress, Self.counters(beat.counters)]
        }
        let widths = header.indices.map { column in
            ([header] + rows).map { $0[column].count }.max() ?? 0
        }
        return ([header] + rows).map { row in
            row.indices.map { column in
                column == row.count - 1 ? row[column] : row[column].padding(toLength: widths[column], withPad: " ", startingAt: 0)
            }.joined(separator: "  ")
        }.joined(separator: "\n")
    }

    /// One JSON object per instance (the heartbeat with the schema's field names).
    public func renderJSONLines() -> [String] {
        instances.map { (try? $0.jsonString(options: MessageRegistry.jsonOptions)) ?? "{}" }
    }

    /// `42s`, `5m07s`, `3h12m`, `2d04h`.
    static func uptime(_ seconds: Double) -> String {
        let total = Int(seconds.rounded(.down))
        switch total {
        case ..<60: return "\(total)s"
        case ..<3600: return String(format: "%dm%02ds", total / 60, total % 60)
        case ..<86400: return String(format: "%dh%02dm", total / 3600, total % 3600 / 60)
        default: return String(format: "%dd%02dh", total / 86400, total % 86400 / 3600)
        }
    }

    /// `name=value` pairs, sorted by name; `-` when there are none.
    static func counters(_ counters: [String: UInt64]) -> String {
        counters.isEmpty ? "-" : counters.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
    }
}
