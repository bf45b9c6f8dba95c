import TrackwireProtocol

/// Device events that are not about fences (docs/events.md): online after offline, offline after
/// `offlineAfterMs` without data, moving and stopped, ignition on and off, overspeed over a
/// global or per-device limit. Pure: positions and the clock's reading in, events out. Event ids
/// are `<device>/-/<kind>/<ms>` from fix or server times only, so a replay, a restart or a
/// second shard that took the device over raises the same ids, which storage keeps once.
public struct DeviceEventDetector: Sendable {
    /// When events fire.
    public let settings: DeviceEventSettings
    /// Per-device state.
    public var devices: [String: DeviceStatus]

    /// A detector continuing from `devices` (a restored snapshot).
    public init(settings: DeviceEventSettings = .init(), devices: [String: DeviceStatus] = [:]) {
        self.settings = settings
        self.devices = devices
    }

    /// The events one position raises, in order: online, ignition, motion, overspeed.
    public mutating func process(_ row: PositionRow) -> [Event] {
        let known = devices[row.deviceID]
        var status = known ?? DeviceStatus()
        defer { devices[row.deviceID] = status }
        var events = EventList(row: row)
        // Presence needs the gateway's receive time: a fix's own time says nothing about now.
        if row.serverTimeNs > 0 {
            let seenMs = row.serverTimeNs / 1_000_000
            if known == nil || status.offline, settings.offlineAfterMs > 0 {
                status.offline = false
                events.add(.deviceOnline, atMs: seenMs)
            }
            status.lastSeenMs = max(status.lastSeenMs, seenMs)
            // Data received after the disconnect: the device is back (its new session record may
            // have been lost on the broadcast channel).
            if let since = status.disconnectedMs, seenMs > since { status.disconnectedMs = nil }
        }
        guard row.fixTimeMs > status.lastFixMs else { return events.events }
        status.lastFixMs = row.fixTimeMs
        if settings.ignition, let ignition = Self.ignition(of: row) {
            if let before = status.ignition, before != ignition { events.add(ignition ? .ignitionOn : .ignitionOff, atMs: row.fixTimeMs) }
            status.ignition = ignition
        }
        guard row.valid else { return events.events }
        if settings.motion { motion(row, &status, &events) }
        overspeed(row, &status, &events)
        return events.events
    }

    /// Offline events due at `nowMs` (server time): devices silent for `offlineAfterMs`, and
    /// devices whose TCP session closed `offlineGraceMs` ago without a reconnect. When both are
    /// due, the one due first wins, so the event does not depend on when the tick ran.
    public mutating func tick(nowMs: Int64) -> [Event] {
        guard settings.offlineAfterMs > 0 else { return [] }
        var raised: [Event] = []
        for (device, status) in devices where !status.offline {
            let silentDue = status.lastSeenMs > 0 ? status.lastSeenMs + settings.offlineAfterMs : Int64.max
            let disconnectDue = status.disconnectedMs.map { $0 + settings.offlineGraceMs } ?? Int64.max
            guard min(silentDue, disconnectDue) <= nowMs else { continue }
            if let since = status.disconnectedMs, disconnectDue <= silentDue {
                raised.append(Self.event(.deviceOffline, device: device, atMs: since, position: nil) {
                    $0.attributes["last_seen_ms"] = .int(status.lastSeenMs)
                    $0.attributes["reason"] = .string("disconnected")
                    $0.attributes["session_reason"] = .string(status.disconnectReason ?? "")
                })
            } else {
                raised.append(Self.event(.deviceOffline, device: device, atMs: silentDue, position: nil) {
                    $0.attributes["last_seen_ms"] = .int(status.lastSeenMs)
                    $0.attributes["reason"] = .string("no_data")
                })
            }
            devices[device]?.offline = true
            devices[device]?.disconnectedMs = nil
        }
        return raised.sorted { ($0.deviceID, $0.timeMs) < ($1.deviceID, $1.timeMs) }
    }

    /// Traccar's motion handling: a contrary state believed once it lasted `motionDurationMs`;
    /// the event carries the time the new state began.
    private func motion(_ row: PositionRow, _ status: inout DeviceStatus, _ events: inout EventList) {
        let moving = row.speedKmh >= settings.motionSpeedKmh
        guard let believed = status.moving else {
            status.moving = moving
            return
        }
        guard moving != believed else {
            status.motionCandidateSinceMs = nil
            return
        }
        let since = status.motionCandidateSinceMs ?? row.fixTimeMs
        status.motionCandidateSinceMs = since
        guard row.fixTimeMs - since >= settings.motionDurationMs else { return }
        status.moving = moving
        status.motionCandidateSinceMs = nil
        events.add(moving ? .deviceMoving : .deviceStopped, atMs: since)
    }

    private func overspeed(_ row: PositionRow, _ status: inout DeviceStatus, _ events: inout EventList) {
        let limit = settings.speedLimit(for: row.deviceID)
        guard limit > 0, row.speedKmh > limit else {
            status.overspeedSinceMs = nil
            status.overspeedReported = false
            return
        }
        let since = status.overspeedSinceMs ?? row.fixTimeMs
        status.overspeedSinceMs = since
        guard !status.overspeedReported, row.fixTimeMs - since >= settings.overspeedDurationMs else { return }
        status.overspeedReported = true
        events.add(.overspeed, atMs: since) {
            $0.attributes["speed_limit_kmh"] = .double(limit)
            $0.attributes["speed_kmh"] = .double(row.speedKmh)
        }
    }

    /// The `ignition` attribute, decoding the position only when its bytes name the attribute.
    static func ignition(of row: PositionRow) -> Bool? {
        guard row.body.firstRange(of: ignitionKey) != nil else { return nil }
        guard case .boolValue(let on)? = (try? row.position())?.attributes["ignition"]?.kind else { return nil }
        return on
    }

    private static let ignitionKey = Array("ignition".utf8)

    /// `<device>/-/<kind>/<ms>`: no fence, so `-`.
    static func event(_ kind: EventKind, device: String, atMs: Int64, position: Position?, _ configure: (inout Event) -> Void = { _ in }) -> Event {
        Event.with {
            $0.id = "\(device)/-/\(kind.topicName)/\(atMs)"
            $0.deviceID = device
            $0.kind = kind
            $0.timeMs = atMs
            $0.source = EventBuilder.source
            if let position { $0.position = position }
            configure(&$0)
        }
    }

    /// The events of one position, decoding it once for the first.
    private struct EventList {
        let row: PositionRow
        var events: [Event] = []
        private var position: Position?

        init(row: PositionRow) { self.row = row }

        mutating func add(_ kind: EventKind, atMs: Int64, _ configure: (inout Event) -> Void = { _ in }) {
            let position = self.position ?? (try? row.position()) ?? Position()
            self.position = position
            events.append(DeviceEventDetector.event(kind, device: row.deviceID, atMs: atMs, position: position, configure))
        }
    }
}
