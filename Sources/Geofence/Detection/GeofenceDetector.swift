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
    /// Per-device state.
    public private(set) var state: DetectorState
    private var hits: [Int32] = []
    private var crossings: [Int32] = []

    /// A detector over `fences`, continuing from `state` (a restored snapshot).
    public init(fences: FenceIndex = FenceIndex(), settings: DetectionSettings = .init(), state: DetectorState = .init()) {
        self.fences = fences
        self.settings = settings
        self.state = state
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
        state.devices = state.devices.filter { keep($0.key) }
    }

    /// Takes one position and returns the events it raises.
    public mutating func process(_ position: Position) -> Outcome { process(PositionRow(position)) }

    /// Takes one encoded position and returns the events it raises. Only its few indexed fields are
    /// read; the whole position is decoded for the events it raises, which are rare.
    public mutating func process(_ position: PositionRow) -> Outcome {
        guard position.valid else { return Outcome(skipped: .invalid) }
        let point = GeoPoint(latitude: position.latitude, longitude: position.longitude)
        guard (-90...90).contains(point.latitude), (-180...180).contains(point.longitude) else {
            return Outcome(skipped: .badLocation)
        }
        let time = position.fixTimeMs
        let previous = state.devices[position.deviceID]
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
        state.devices[position.deviceID] = track
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
            raised.add(.geofenceDwell, fence, ["dwell_s": .double(fence.dwellSeconds), "since_ms": .int(visit.enteredMs)])
        }
        if visit.overspeedDue(speedKmh: position.speedKmh, limitKmh: fence.speedLimitKmh, atMs: time, settings: settings) {
            raised.add(.overspeed, fence, [
                "speed_limit_kmh": .double(fence.speedLimitKmh), "since_ms": .int(visit.overspeedSinceMs ?? time),
            ])
        }
    }
}
