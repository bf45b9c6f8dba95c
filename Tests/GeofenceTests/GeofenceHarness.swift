import Foundation
import TrackwireProtocol
import TrackwireTesting
import ZMQ

/// A real tw-bus on free consecutive ports, tw-geofence processes joined to it, and the test's own
/// sockets: a PUB into broadcast-in (positions, `cfg.geofence`), a SUB on broadcast-out (`evt.*`,
/// `err.geofence`, the geofence heartbeats) and a PULL on store-out standing in for storage.
/// Its socket reads block: tests call them between their own awaits.
final class GeofenceHarness {
    let bus: BusProcess
    let directory: URL
    let sockets: TestSockets
    let publisher: Socket
    let watcher: Socket
    let storeQueue: Socket
    private(set) var geofences: [String: ChildProcess] = [:]
    /// Everything seen so far on broadcast (heartbeats aside) and on the store queue.
    private(set) var broadcast: [Envelope] = []
    private(set) var stored: [Envelope] = []
    /// The last heartbeat counters of each geofence instance.
    private(set) var counters: [String: [String: UInt64]] = [:]

    /// `pullStoreQueue: false` leaves the store queue to a real tw-storage the test starts.
    init(pullStoreQueue: Bool = true) async throws {
        bus = try await BusProcess.start()
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("geofence-test-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        sockets = try TestSockets()
        publisher = try sockets.connect(.pub, bus.broadcastIn)
        watcher = try sockets.connect(.sub, bus.broadcastOut) { $0.subscriptions = ["evt.", "err.geofence", "hb.geofence."] }
        storeQueue = pullStoreQueue ? try sockets.connect(.pull, bus.endpoint(.storeOut)) : try sockets.socket(.pull)
    }

    deinit {
        for process in geofences.values { process.stop() }
        bus.stop()
        try? FileManager.default.removeItem(at: directory)
    }

    /// Starts `tw-geofence` as `instance` with its state in the harness's directory, once it says
    /// it is up (fences loaded, sockets connected).
    @discardableResult
    func startGeofence(_ instance: String, shard: String = "0/1", _ arguments: [String] = []) async throws -> ChildProcess {
        let process = try await ChildProcess.start("tw-geofence", [
            "--bus", bus.address, "--http", "off", "--instance", instance, "--shard", shard,
            "--state-dir", directory.appendingPathComponent("state-\(instance)").path, "--overspeed-duration", "0s",
        ] + arguments, ready: [.logLine("geofence up")])
        geofences[instance] = process
        return process
    }

    /// SIGTERM to an instance; how it ended.
    func stopGeofence(_ instance: String) -> ChildProcess.Exit? {
        defer { geofences[instance] = nil }
        return geofences[instance]?.stop(patience: .seconds(15))
    }

    /// Writes a file in the harness's directory.
    func write(_ name: String, _ text: String) throws -> URL {
        let url = directory.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    /// Publishes bus messages in order.
    func publish(_ messages: [Envelope]) throws {
        for message in messages { try publisher.send(topic: message.topic, body: message.body) }
    }

    /// Reads every socket until `done` holds (true) or `timeout` passes (false).
    @discardableResult
    func pump(timeout: Duration = .seconds(30), until done: () throws -> Bool) throws -> Bool {
        let deadline = Deadline(after: timeout)
        var poller = Poller()
        poller.add(watcher)
        poller.add(storeQueue)
        while !deadline.hasPassed {
            if try done() { return true }
            _ = try poller.poll(timeoutMs: 100)
            while let parts = try watcher.receive(wait: false) { take(parts) }
            while let parts = try storeQueue.receive(wait: false), let envelope = Envelope(frames: parts) { stored.append(envelope) }
        }
        return try done()
    }

    /// Publishes `message` once a second until `instance`'s heartbeat counter `key` reaches
    /// `minimum` (pub/sub's slow joiner: the first copies may go nowhere).
    func publishUntil(_ instance: String, _ key: String, atLeast minimum: UInt64, _ message: Envelope) throws -> Bool {
        var lastSent = Date.distantPast
        return try pump {
            if Date().timeIntervalSince(lastSent) >= 1 {
                try publish([message])
                lastSent = Date()
            }
            return counter(instance, key) >= minimum
        }
    }

    /// Waits until `instance` takes positions: publishes a probe position for `device`, far from
    /// every fence, until the instance counts one received.
    func waitUntilReceiving(_ instance: String, probe device: String) throws -> Bool {
        let before = counter(instance, "received.pos")
        return try publishUntil(instance, "received.pos", atLeast: before + 1, .position(device: device, second: 0, latitude: -45, longitude: -45))
    }

    /// A heartbeat counter of an instance (0 until seen).
    func counter(_ instance: String, _ key: String) -> UInt64 { counters[instance]?[key] ?? 0 }

    /// Forgets the heartbeats seen so far (after a restart, counters start again).
    func forgetCounters(_ instance: String) { counters[instance] = nil }

    /// Geofence events of `kind` seen on broadcast, and on the store queue; the markers' left out.
    func events(_ kind: EventKind, fromStore: Bool = false) -> [Event] {
        allEvents(kind, fromStore: fromStore).filter { !markers.contains($0.deviceID) }
    }

    private func allEvents(_ kind: EventKind, fromStore: Bool) -> [Event] {
        (fromStore ? stored : broadcast).filter { $0.topic.hasPrefix("evt.") && $0.topic.hasSuffix("." + kind.topicName) }
            .compactMap { try? $0.decode(Event.self) }
    }

    /// Devices whose drives only mark a point in the stream (`driveMarker`).
    private(set) var markers: Set<String> = []

    /// Publishes `drive` for `device` after everything published so far and reads until its last
    /// event (an exit) has come through broadcast and (unless a real tw-storage takes the store
    /// queue) the store queue: whatever the earlier positions raised has arrived by then, so a
    /// test can say what did not.
    func driveMarker(_ device: String, _ drive: [Envelope], fromStore: Bool = true) throws -> Bool {
        markers.insert(device)
        try publish(drive)
        return try pump {
            allEvents(.geofenceExit, fromStore: false).contains { $0.deviceID == device }
                && (!fromStore || allEvents(.geofenceExit, fromStore: true).contains { $0.deviceID == device })
        }
    }

    private func take(_ parts: [[UInt8]]) {
        guard let envelope = Envelope(frames: parts) else { return }
        guard envelope.topic.hasPrefix("hb.") else { return broadcast.append(envelope) }
        if let heartbeat = try? envelope.decode(Heartbeat.self) { counters[heartbeat.instance] = heartbeat.counters }
    }
}

extension Envelope {
    /// A valid `pos.*` message at `second` seconds after a fixed start.
    static func position(device: String, second: Int, latitude: Double, longitude: Double, speed: Double = 30) -> Envelope {
        Envelope(topic: Topic.position(device: device), message: Position.with {
            $0.deviceID = device
            $0.protocol = "test"
            $0.fixTimeMs = 1_700_000_000_000 + Int64(second) * 1000
            $0.latitude = latitude
            $0.longitude = longitude
            $0.speedKmh = speed
            $0.valid = true
        })
    }

    /// A `cfg.geofence` upsert of a GeoJSON Feature.
    static func upsert(id: String, feature: String, updatedMs: Int64 = 1) -> Envelope {
        Envelope(topic: Topic.geofenceConfig, message: GeofenceChange.with {
            $0.op = .upsert
            $0.geofence.id = id
            $0.geofence.geojson = feature
            $0.geofence.updatedMs = updatedMs
        })
    }
}
