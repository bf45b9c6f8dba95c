import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Synchronization
import TrackwireTesting
import Testing
import TrackwireProtocol
import ZMQ
@testable import Storage

/// The API inside the real tw-storage binary, on a real tw-bus: positions queued on the bus come
/// back through HTTP with identical values, and a geofence change and a command sent over HTTP
/// arrive on the bus's broadcast channel (a real SUB socket) through `ZMQBusOutlet`.
@Suite(.serialized) struct APIBusTests {
    @Test func apiInTwStorage_servesStoredPositionsAndPublishesGeofencesAndCommands() async throws {
        let port = FreePorts.one()
        let pipeline = try await StoragePipeline(storageArguments: ["--http", "127.0.0.1:\(port)"])
        do {
            try await check(pipeline, api: "http://127.0.0.1:\(port)")
            await pipeline.close()
        } catch {
            await pipeline.close()
            throw error
        }
    }

    private func check(_ pipeline: StoragePipeline, api: String) async throws {
        try await pipeline.startStorage()
        let positions = StorageSamples.positions(20, devices: 2)
        try await pipeline.send(positions)
        var page: JSONValue = .null
        let stored = try await eventually {
            page = try await Self.request(api + "/api/positions?limit=100").json
            return page["positions"]?.arrayValue?.count == positions.count
        }
        #expect(stored, "\(page.text)")
        let expected = positions.map { position in
            var position = position
            position.clearFrame()
            return position
        }.sorted { ($0.fixTimeMs, $0.deviceID) < ($1.fixTimeMs, $1.deviceID) }
        #expect(page["positions"]?.arrayValue?.compactMap(PositionJSON.parse) == expected)

        let messages = try await sendUntilPublished(pipeline, api: api, device: positions[0].deviceID)
        let change = try GeofenceChange(serializedBytes: try #require(messages.first { $0.topic == Topic.geofenceConfig }).body)
        #expect(change.op == .upsert && change.geofence.id == "depot" && change.geofence.name == "Depot")
        let command = try Command(serializedBytes: try #require(messages.first { $0.topic.hasPrefix("cmd.") }).body)
        #expect(command.deviceID == positions[0].deviceID && command.type == "engine_resume")

        _ = try await Self.request(api + "/api/no-such-route")
        let metrics = try await Self.request(api + "/metrics").text
        let requests = metrics.split(separator: "\n").filter { $0.hasPrefix("trackwire_api_requests_total{") }
        #expect(requests.contains { $0.contains(#"route="/api/commands""#) && $0.contains(#"status="202""#) }, "\(requests)")
        #expect(requests.contains { $0.contains(#"route="unmatched""#) && $0.contains(#"status="404""#) }, "\(requests)")
    }

    /// Subscribes to `cfg.geofence` and `cmd.` on the bus, then PUTs the geofence and POSTs the
    /// command once a second until both came through (a new subscription takes a moment to reach
    /// the publisher).
    private func sendUntilPublished(_ pipeline: StoragePipeline, api: String, device: String) async throws -> [(topic: String, body: [UInt8])] {
        let received = Mutex<[(topic: String, body: [UInt8])]>([])
        let done = Atomic<Bool>(false)
        let endpoint = pipeline.bus.broadcastOut
        async let listener: Void = DedicatedThread.run(name: "test-sub") {
            let context = try Context()
            defer { context.terminate() }
            let socket = try context.socket(.sub, options: SocketOptions().with {
                $0.lingerMs = 0
                $0.receiveTimeoutMs = 200
                $0.subscriptions = [Topic.geofenceConfig, "cmd."]
            })
            defer { socket.close() }
            try socket.connect(endpoint)
            let deadline = Deadline(after: .seconds(30))
            while !done.load(ordering: .relaxed), !deadline.hasPassed {
                guard let parts = try socket.receive(), parts.count == 2 else { continue }
                received.withLock { $0.append((String(decoding: parts[0], as: UTF8.self), parts[1])) }
            }
        }
        let feature = #"{"type":"Feature","geometry":{"type":"Point","coordinates":[13.41,52.52]},"properties":{"name":"Depot","radius_m":200}}"#
        // Pub/sub has no memory: send again, once a second, until the SUB has both.
        _ = try await eventually(every: .seconds(1)) { () async throws -> Bool in
            #expect(try await Self.request(api + "/api/geofences/depot", method: "PUT", body: feature).status < 300)
            #expect(try await Self.request(api + "/api/commands", method: "POST", body: #"{"device":"\#(device)","type":"engine_resume"}"#).status == 202)
            let topics = received.withLock { $0.map(\.topic) }
            return topics.contains(Topic.geofenceConfig) && topics.contains(where: { $0.hasPrefix("cmd.") })
        }
        done.store(true, ordering: .relaxed)
        try await listener
        return received.withLock { $0 }
    }

    private static func request(_ url: String, method: String = "GET", body: String? = nil) async throws -> (status: Int, json: JSONValue, text: String) {
        var request = URLRequest(url: URL(string: url)!)
        request.httpMethod = method
        request.httpBody = body.map { Data($0.utf8) }
        // Without it URLSession labels a body form data, which the API refuses (415).
        if body != nil { request.setValue("application/json", forHTTPHeaderField: "Content-Type") }
        request.timeoutInterval = 10
        let (data, response) = try await URLSession.shared.data(for: request)
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, (try? JSONValue.parse(Array(data))) ?? .null, String(decoding: data, as: UTF8.self))
    }
}
