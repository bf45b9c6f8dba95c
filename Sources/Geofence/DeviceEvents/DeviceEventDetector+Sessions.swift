import TrackwireProtocol

extension DeviceEventDetector {
    /// Presence from the gateway's `ses.*` records (docs/events.md): a session coming online is
    /// a login, so the device is online at once; a TCP session closing with no other open starts
    /// the `offlineGraceMs` wait that `tick` turns into offline unless the device reconnects or
    /// sends newer data first. UDP and HTTP sessions have no connection to lose: their end is the
    /// gateway's idle sweep, and those devices go offline after `offlineAfterMs` without data.
    public mutating func session(_ record: Session) -> [Event] {
        guard settings.offlineAfterMs > 0, !record.deviceID.isEmpty, record.timeNs > 0 else { return [] }
        let atMs = record.timeNs / 1_000_000
        let key = "\(record.gatewayID)/\(record.sessionID)"
        switch record.state {
        case .online:
            return online(record, key: key, atMs: atMs)
        case .offline where record.transport == .tcp:
            disconnected(record, key: key, atMs: atMs)
            return []
        default:
            return []
        }
    }

    private mutating func online(_ record: Session, key: String, atMs: Int64) -> [Event] {
        let known = devices[record.deviceID]
        var status = known ?? DeviceStatus()
        defer { devices[record.deviceID] = status }
        if record.transport == .tcp { status.sessions = (status.sessions ?? []).union([key]) }
        status.disconnectedMs = nil
        status.lastSeenMs = max(status.lastSeenMs, atMs)
        guard known == nil || status.offline else { return [] }
        status.offline = false
        return [Self.event(.deviceOnline, device: record.deviceID, atMs: atMs, position: nil) { $0.attributes = Self.attributes(of: record) }]
    }

    private mutating func disconnected(_ record: Session, key: String, atMs: Int64) {
        // A device never heard of has nothing to go offline from.
        guard var status = devices[record.deviceID] else { return }
        defer { devices[record.deviceID] = status }
        status.sessions?.remove(key)
        guard status.sessions?.isEmpty ?? true, !status.offline, atMs >= status.lastSeenMs else { return }
        status.disconnectedMs = atMs
        status.disconnectReason = record.reason
    }

    static func attributes(of record: Session) -> [String: AttributeValue] {
        [
            "gateway": .string(record.gatewayID), "session_reason": .string(record.reason),
            "remote_address": .string(record.remoteAddress), "protocol": .string(record.protocol),
        ]
    }
}
