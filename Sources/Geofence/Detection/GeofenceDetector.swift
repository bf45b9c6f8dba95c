import TrackwireProtocol

/// The geofence stage's pure core: fences and per-(device, fence) state in, events out. One
/// position in, the events it raises out (docs/architecture.md, tw-geofence); no sockets, files or clocks.
public struct GeofenceDetector: Sendable {
    /// Why a position raised nothing without being looked at.
    public enum Skip: String, Sendable {
        /// The device said its fix is not valid.
        case invalid
        /// Latitude or longitude is not a place on Earth.
        case badLocation = "bad_location"
        /// Not newer than the device's last fix: late fixes never change state.
        case stale
    }

    /// What one position did.
    public struct Outcome: Sendable {
        /// Events raised, in order.
        public var events: [Event] = []
        /// Set when the position was not looked at.
        public var skipped: Skip?
    }

    /// The fences.
    public private(set) var fences: FenceIndex
    /// How sure to be before raising an event.
    public let settings: DetectionSettings
    /// Per-device state, fence visits and device-event state together (what is snapshotted).
    public var state: DetectorState {
        var state = fenceState
        state.deviceStatuses = deviceEvents.devices
        return state
    }
    private var fenceState: DetectorState
    private var deviceEvents: DeviceEventDetector
    private var hits: [Int32] = []
    private var crossings: [Int32] = []

    /// A detector over `fences`, continuing from `state` (a restored snapshot); `deviceEvents`
    /// says which device events (motion, ignition, overspeed, offline) it raises besides.
    public init(fences: FenceIndex = FenceIndex(), settings: DetectionSettings = .init(), state: DetectorState = .init(),
                deviceEvents: DeviceEventSettings = .off) {
        self.fences = fences
        self.settings = settings
        fenceState = state
        self.deviceEvents = DeviceEventDetector(settings: deviceEvents, devices: state.deviceStatuses ?? [:])
    }

    /// Applies a `cfg.geofence` change; `false` if it was older than what is known. Throws for a
    /// change that cannot be used (no id, unknown op, bad GeoJSON).
    @discardableResult
    public mutating func apply(_ change: GeofenceChange) throws(FenceError) -> Bool {
        switch change.op {
        case .upsert:
            return fences.upsert(try GeoJSONFence.fence(from: change.geofence))
        case .delete:
            guard !change.geofence.id.isEmpty else { throw FenceError("a delete needs geofence.id") }
            return fences.remove(id: change.geofence.id, updatedMs: change.geofence.updatedMs)
        default:
            throw FenceError("op must be OP_UPSERT or OP_DELETE")
        }
    }

    /// Keeps only the devices `keep` accepts (a restored snapshot taken under another sharding).
    public mutating func retainDevices(where keep: (String) -> Bool) {
        fenceState.devices = fenceState.devices.filter { keep($0.key) }
        deviceEvents.devices = deviceEvents.devices.filter { keep($0.key) }
    }

    /// Takes one position and returns the events it raises.
    public mutating func process(_ position: Position) -> Outcome { process(PositionRow(position)) }

    /// Takes one encoded position and returns the events it raises. Only its few indexed fields are
    /// read; the whole position is decoded for the events it raises, which are rare.
    public mutating func process(_ position: PositionRow) -> Outcome {
        let deviceRaised = deviceEvents.process(position)
        var outcome = fenceEvents(position)
        outcome.events = deviceRaised + outcome.events
        return outcome
    }

    /// Takes a gateway's session record and returns the presence events it raises.
    public mutating func session(_ record: Session) -> [Event] { deviceEvents.session(record) }

    /// What time alone raises at server time `nowMs`: offline for silent devices, with an exit
    /// from every fence an offline device was inside, and dwell for devices that stay inside a
    /// fence without reporting (docs/events.md).
    public mutating func tick(nowMs: Int64) -> [Event] {
        var raised: [Event] = []
        for event in deviceEvents.tick(nowMs: nowMs) {
            raised.append(event)
            if event.kind == .deviceOffline { raised += leaveFences(device: event.deviceID, atMs: event.timeMs) }
        }
        for device in fenceState.devices.keys.sorted() {
            guard var track = fenceState.devices[device] else { continue }
            var changed = false
            for id in track.visits.keys.sorted() {
                guard let fence = fences[id], var visit = track.visits[id], let dwell = Self.timedDwell(device: device, fence: fence, visit: &visit, atMs: nowMs) else { continue }
                raised.append(dwell)
                track.visits[id] = visit
                changed = true
            }
            if changed { fenceState.devices[device] = track }
        }
        return raised
    }

    /// A device gone offline leaves every fence it was inside: the exit is timed at the offline
    /// event (`cause: offline`), after the dwell that was due by then. Its next fix inside enters again.
    private mutating func leaveFences(device: String, atMs: Int64) -> [Event] {
        guard var track = fenceState.devices[device] else { return [] }
        var raised: [Event] = []
        for id in track.visits.keys.sorted() {
            guard var visit = track.visits[id], visit.inside else { continue }
            track.visits[id] = nil
            guard let fence = fences[id] else { continue }
            if let dwell = Self.timedDwell(device: device, fence: fence, visit: &visit, atMs: atMs) { raised.append(dwell) }
            guard fence.detections.contains(.exit) else { continue }
            raised.append(EventBuilder.timed(.geofenceExit, device: device, fence: fence, atMs: atMs, [
                "since_ms": .int(visit.enteredMs), "cause": .string("offline"),
            ]))
        }
        fenceState.devices[device] = track
        return raised
    }

    /// The dwell of a visit due at `atMs`, timed at entry + `dwell_s` as a fix would time it.
    private static func timedDwell(device: String, fence: Fence, visit: inout FenceVisit, atMs: Int64) -> Event? {
        guard fence.detections.contains(.dwell), visit.dwellDue(atMs: atMs, dwellSeconds: fence.dwellSeconds) else { return nil }
        return EventBuilder.timed(.geofenceDwell, device: device, fence: fence, atMs: visit.enteredMs + Int64(fence.dwellSeconds * 1000), [
            "dwell_s": .double(fence.dwellSeconds), "since_ms": .int(visit.enteredMs),
        ])
    }

    private mutating func fenceEvents(_ position: PositionRow) -> Outcome {
        guard position.valid else { return Outcome(skipped: .invalid) }
        let point = GeoPoint(latitude: position.latitude, longitude: position.longitude)
        guard (-90...90).contains(point.latitude), (-180...180).contains(point.longitude) else {
            return Outcome(skipped: .badLocation)
        }
        let time = position.fixTimeMs
        let previous = fenceState.devices[position.deviceID]
        if let previous, time <= previous.lastFixMs { return Outcome(skipped: .stale) }
        var track = previous ?? DeviceTrack(lastFixMs: time, last: point)
        var raised = EventBuilder(position: position)

        fences.containing(point, into: &hits)
        var insideIDs = Set<String>(minimumCapacity: hits.count)
        for hit in hits { insideIDs.insert(fences.fence(at: hit).id) }
        var crossedFrom: [String: Bool] = [:]
        if previous != nil, Geodesic.greatCircleDistance(track.last, point) <= settings.crossMaximumMetres {
            fences.crossed(from: track.last, to: point, into: &crossings)
            for crossing in crossings { crossedFrom[fences.fence(at: crossing).id] = true }
        }
        for id in insideIDs.union(track.visits.keys).union(crossedFrom.keys).sorted() {
            guard let fence = fences[id] else {
                track.visits[id] = nil  // the fence was deleted
                continue
            }
            var visit = track.visits[id] ?? FenceVisit()
            let isInside = insideIDs.contains(id)
            if crossedFrom[id] == true, !isInside, visit.isIdle {
                raised.add(.geofenceCross, fence, ["from_ms": .int(track.lastFixMs)])
            }
            step(&visit, fence: fence, inside: isInside, position: position, into: &raised)
            track.visits[id] = visit.isIdle ? nil : visit
        }
        track.last = point
        track.lastFixMs = time
        fenceState.devices[position.deviceID] = track
        return Outcome(events: raised.events)
    }

    /// One fence's state machine for one fix: enter/exit, then dwell and overspeed inside.
    private func step(_ visit: inout FenceVisit, fence: Fence, inside: Bool, position: PositionRow, into raised: inout EventBuilder) {
        let time = position.fixTimeMs
        switch visit.observe(inside: inside, atMs: time, settings: settings) {
        case .entered(let since): raised.add(.geofenceEnter, fence, ["since_ms": .int(since)])
        case .exited(let since): raised.add(.geofenceExit, fence, ["since_ms": .int(since)])
        case nil: break
        }
        guard inside, visit.inside else { return }
        if visit.dwellDue(atMs: time, dwellSeconds: fence.dwellSeconds) {
            // Timed at entry + dwell, by a fix or by `tick`, so both raise the same id.
            raised.add(.geofenceDwell, fence, ["dwell_s": .double(fence.dwellSeconds), "since_ms": .int(visit.enteredMs)],
                       atMs: visit.enteredMs + Int64(fence.dwellSeconds * 1000))
        }
        if visit.overspeedDue(speedKmh: position.speedKmh, limitKmh: fence.speedLimitKmh, atMs: time, settings: settings) {
            raised.add(.overspeed, fence, [
                "speed_limit_kmh": .double(fence.speedLimitKmh), "since_ms": .int(visit.overspeedSinceMs ?? time),
            ])
        }
    }
}
