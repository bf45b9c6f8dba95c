import Foundation
import TrackwireProtocol

/// Builds the events one position raises: deterministic ids (device, fence, kind, fix time) so a
/// replayed position raises the same event, `source = geofence`, the position itself, and the
/// attributes an operator wants to see (fence name, speed, the rule that fired).
struct EventBuilder {
    /// The `source` of every event this stage raises.
    static let source = "geofence"
    let row: PositionRow
    private(set) var events: [Event] = []
    /// Decoded at the first event (most fixes raise none).
    private var position: Position?

    init(position row: PositionRow) { self.row = row }

    /// Adds an event of `kind` for `fence`, if the fence asks for that kind.
    /// `atMs` replaces the fix time as the event's time and id (dwell is timed at entry + dwell).
    mutating func add(_ kind: EventKind, _ fence: Fence, _ attributes: [String: AttributeValue] = [:], atMs: Int64? = nil) {
        guard fence.detections.contains(Self.detection(kind)) else { return }
        // The row was read from these very bytes, so they decode.
        let position = self.position ?? (try? row.position()) ?? Position()
        self.position = position
        let time = atMs ?? position.fixTimeMs
        events.append(Event.with {
            $0.id = Self.id(device: position.deviceID, fence: fence.id, kind: kind, timeMs: time)
            $0.deviceID = position.deviceID
            $0.kind = kind
            $0.timeMs = time
            $0.geofenceID = fence.id
            $0.position = position
            $0.source = Self.source
            $0.attributes = attributes
            $0.attributes["fence_name"] = .string(fence.name)
            $0.attributes["speed_kmh"] = .double(position.speedKmh)
        })
    }

    /// An event raised by time, not by a fix: no position, the same id scheme.
    static func timed(_ kind: EventKind, device: String, fence: Fence, atMs: Int64, _ attributes: [String: AttributeValue]) -> Event {
        Event.with {
            $0.id = id(device: device, fence: fence.id, kind: kind, timeMs: atMs)
            $0.deviceID = device
            $0.kind = kind
            $0.timeMs = atMs
            $0.geofenceID = fence.id
            $0.source = source
            $0.attributes = attributes
            $0.attributes["fence_name"] = .string(fence.name)
        }
    }

    /// `<device>/<fence>/<kind>/<fix time ms>`.
    static func id(device: String, fence: String, kind: EventKind, timeMs: Int64) -> String {
        "\(device)/\(fence)/\(kind.topicName)/\(timeMs)"
    }

    static func detection(_ kind: EventKind) -> Detections {
        switch kind {
        case .geofenceEnter: .enter
        case .geofenceExit: .exit
        case .geofenceDwell: .dwell
        case .geofenceCross: .cross
        default: .overspeed
        }
    }
}
