import TrackwireProtocol

/// What one batch says about each device it mentions, folded so a backend writes one upsert per
/// device per batch: first/last seen, the protocol, the newest position, the newest session state.
/// Backend-agnostic (SQLite and PostgreSQL both apply it).
public struct DeviceActivity: Sendable, Equatable {
    public var deviceID: String
    /// The protocol it last spoke; empty when the batch does not say.
    public var protocolName = ""
    /// Unix ms of the earliest and latest message in the batch.
    public var firstSeenMs: Int64
    public var lastSeenMs: Int64
    /// The batch's newest position of this device, by fix time.
    public var latestPosition: PositionRow?
    /// The batch's newest session change of this device.
    public var online: Bool?
    public var sessionTimeNs: Int64?

    init(deviceID: String, seenMs: Int64) {
        self.deviceID = deviceID
        firstSeenMs = seenMs
        lastSeenMs = seenMs
    }

    /// One entry per device in `batch` (positions and sessions), ordered by device id.
    public static func of(_ batch: WriteBatch) -> [DeviceActivity] {
        var byDevice: [String: DeviceActivity] = [:]
        for position in batch.positions where !position.deviceID.isEmpty {
            byDevice[position.deviceID, default: .init(deviceID: position.deviceID, seenMs: position.seenMs)].add(position)
        }
        for session in batch.sessions where !session.deviceID.isEmpty {
            let seenMs = session.timeNs / 1_000_000
            byDevice[session.deviceID, default: .init(deviceID: session.deviceID, seenMs: seenMs)].add(session)
        }
        return byDevice.values.sorted { $0.deviceID < $1.deviceID }
    }

    private mutating func see(_ ms: Int64, protocolName: String) {
        firstSeenMs = min(firstSeenMs, ms)
        lastSeenMs = max(lastSeenMs, ms)
        if !protocolName.isEmpty { self.protocolName = protocolName }
    }

    private mutating func add(_ position: PositionRow) {
        see(position.seenMs, protocolName: position.protocolName)
        if latestPosition.map({ position.fixTimeMs >= $0.fixTimeMs }) ?? true { latestPosition = position }
    }

    private mutating func add(_ session: Session) {
        see(session.timeNs / 1_000_000, protocolName: session.protocol)
        if sessionTimeNs.map({ session.timeNs >= $0 }) ?? true {
            sessionTimeNs = session.timeNs
            online = session.state == .online
        }
    }
}

extension Event {
    /// The id an event is stored under: its own, or — for a producer that left it empty — one
    /// derived from what identifies it (device, kind, time, fence), so a replay is still a duplicate.
    public var storageID: String {
        id.isEmpty ? "\(deviceID):\(kind.topicName):\(timeMs):\(geofenceID)" : id
    }
}
