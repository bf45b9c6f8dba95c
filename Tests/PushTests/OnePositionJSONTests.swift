import Foundation
import Testing
import TrackwireProtocol
import TrackwireTesting
import ZMQ

/// One position JSON: a position read from the push stream, from the storage API and from a
/// webhook is the same JSON, member for member and digit for digit, and it is the document
/// docs/schemas/position.schema.json describes.
@Suite struct OnePositionJSONTests {
    /// Every kind of value, doubles that need all their digits, a double that is whole; fresh, so
    /// it is this test's and recent.
    static let position = SamplePositions.full(device: "json-\(UUID().uuidString.prefix(8).lowercased())",
                                               fixTimeMs: Int64(Date().timeIntervalSince1970 * 1000) - 1_234)

    @Test func position_fromPushTheAPIAndAWebhook_isTheSameJSON() async throws {
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("one-json-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: work) }
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        let receiverPort = FreePorts.one()
        let receiver = try WebhookReceiver(port: receiverPort, directory: work)
        let pipeline = try await PipelineProcesses(.init(decoders: 1, geofences: 1, protocols: ["osmand"], workDirectory: work,
                                                         fences: LiveMapTests.demoFences,
                                                         pushArguments: ["--webhook", "http://127.0.0.1:\(receiverPort)/#kinds=position"]))
        defer { pipeline.stop() }
        let stream = try ChildProcess(URL(fileURLWithPath: "/usr/bin/curl"), ["-sN", "--max-time", "60", "\(pipeline.pushURL)/sse?devices=\(Self.position.deviceID)"])
        defer { stream.signal(SIGKILL) }
        #expect(await stream.waitForLine(timeout: .seconds(30)) { $0.contains("event: hello") } != nil)

        // As a decoder does: queued for storage, published on the broadcast channel.
        let sockets = try TestSockets()
        let store = try sockets.connect(.push, pipeline.bus.endpoint(.storeIn))
        let broadcast = try sockets.connect(.pub, pipeline.bus.broadcastIn)
        let envelope = Envelope(topic: Topic.position(device: Self.position.deviceID), message: Self.position)
        try await blocking { try store.send(envelope.frames) }
        let heard = try await blocking {
            try broadcast.publishRepeatedly(envelope, intervalMs: 200, timeout: .seconds(20)) {
                stream.lines().contains { $0.hasPrefix("data:") && $0.contains(#""type":"position""#) }
            }
        }
        #expect(heard, "push did not stream the position: \(pipeline.log("push").path)")

        let pushed = try Self.data(of: try #require(stream.lines().first { $0.hasPrefix("data:") && $0.contains(#""type":"position""#) }).dropFirst(5))
        #expect(await eventually(timeout: .seconds(30)) { !receiver.bodies().isEmpty }, "no webhook delivery")
        let webhook = try Self.data(of: try #require(receiver.bodies().first))
        var api: JSONValue?
        #expect(await eventually(timeout: .seconds(30)) {
            api = LocalHTTP.get(port: pipeline.storagePort, "/api/positions?device=\(Self.position.deviceID)")
                .flatMap { try? JSONValue.parse(Array($0.body.utf8)) }?["positions"]?.arrayValue?.first
            return api != nil
        })
        let stored = try #require(api)

        #expect(pushed.text == stored.text, "push:    \(pushed.text)\nthe API: \(stored.text)")
        #expect(webhook.text == stored.text, "webhook: \(webhook.text)\nthe API: \(stored.text)")
        #expect(pushed == stored && webhook == stored, "same members in the same order, same number kinds")
        #expect(stored["fix_time"]?.stringValue == TimeFormat.iso(ms: Self.position.fixTimeMs))
        #expect(stored["speed_kmh"] == .double(0.30000000000000004) && stored["attributes"]?["battery"] == .double(12.0))
        var withoutFrame = Self.position
        withoutFrame.clearFrame()
        #expect(PositionJSON.parse(stored) == withoutFrame, "the JSON gives back every stored value")
        try Self.expectValid(stored.text, in: work)
    }

    /// The `data` member of a push message (stream or webhook body).
    static func data(of text: some StringProtocol) throws -> JSONValue {
        try #require(try JSONValue.parse(Array(text.utf8))["data"])
    }

    /// Validates `json` against docs/schemas/position.schema.json with Python's jsonschema.
    static func expectValid(_ json: String, in directory: URL) throws {
        let file = directory.appendingPathComponent("position.json")
        try json.write(to: file, atomically: true, encoding: .utf8)
        let schema = RepositoryPaths.root.appendingPathComponent("docs/schemas/position.schema.json")
        let check = try ChildProcess(URL(fileURLWithPath: "/usr/bin/env"), ["python3", "-c", """
            import json, sys, jsonschema
            jsonschema.validate(json.load(open(sys.argv[1])), json.load(open(sys.argv[2])), format_checker=jsonschema.FormatChecker())
            print("valid")
            """, file.path, schema.path])
        _ = check.waitUntilExit(timeout: .seconds(30))
        #expect(check.stdout.contains("valid"), "jsonschema: \(check.stderr)")
    }
}
