import Foundation
import Testing
import TrackwireProtocol
import TrackwireTesting
import ZMQ

/// `tw tap` and `tw publish` against a real tw-bus.
@Suite struct TapTests {
    @Test func tap_printsAPublishedPositionAsJSONWithTheSameFieldValues() async throws {
        let bus = try await BusProcess.start()
        let tap = try tw("tap", "pos.", "--count", "1", "--timeout", "15", "--endpoint", bus.broadcastOut)
        let peers = try TestSockets()
        let publisher = try peers.connect(.pub, bus.broadcastIn)
        let sent = Envelope(topic: Topic.position(device: samplePosition.deviceID), message: samplePosition)

        // Publish until the tap has its message: its subscription reaches the bus at some point.
        try await blocking {
            try publisher.publishRepeatedly(sent) { tap.lines().count >= 1 }
        }

        #expect(await tap.waitForExit() == .exited(0), "stderr: \(tap.stderr)")
        #expect(tap.lines().count == 1)
        let printed = try TapOutput.position(fromLine: try #require(tap.lines().first))
        #expect(printed.topic == sent.topic)
        #expect(printed.position == sampleWithoutFrame)
    }

    @Test func publish_roundTripsThroughTap() async throws {
        let bus = try await BusProcess.start()
        let tap = try tw("tap", "pos.", "--count", "1", "--timeout", "15", "--endpoint", bus.broadcastOut)
        let topic = Topic.position(device: samplePosition.deviceID)
        let json = try samplePosition.jsonString()

        // One publish is enough: tw publish waits until the tap's subscription has reached it.
        let publish = try tw("publish", topic, json, "--endpoint", bus.broadcastIn, "--wait", "10")

        #expect(await publish.waitForExit() == .exited(0), "stderr: \(publish.stderr)")
        #expect(publish.stderr.isEmpty)
        #expect(await tap.waitForExit() == .exited(0), "stderr: \(tap.stderr)")
        let printed = try TapOutput.position(fromLine: try #require(tap.lines().first))
        #expect(printed.topic == topic)
        #expect(printed.position == sampleWithoutFrame)
    }

    @Test func publish_withStore_alsoReachesTheStoreQueue() async throws {
        let bus = try await BusProcess.start()
        let peers = try TestSockets()
        let storage = try peers.connect(.pull, bus.endpoint(.storeOut))
        let topic = Topic.position(device: "dev-9")

        let publish = try tw(
            "publish", topic, #"{"device_id":"dev-9","latitude":1.5}"#, "--store",
            "--endpoint", bus.broadcastIn, "--store-endpoint", bus.endpoint(.storeIn), "--wait", "0.5"
        )
        let stored = try await blocking { try storage.receive(timeoutMs: 10_000) }

        #expect(await publish.waitForExit() == .exited(0), "stderr: \(publish.stderr)")
        // Nobody taps the broadcast channel here, and tw publish says so.
        #expect(publish.stderr.contains("nobody subscribes"))
        let envelope = try #require(stored.flatMap(Envelope.init(frames:)))
        #expect(envelope.topic == topic)
        #expect(try envelope.decode(Position.self) == .with { $0.deviceID = "dev-9"; $0.latitude = 1.5 })
    }

    @Test func tap_withTimeout_givesUpWithExitOne() async throws {
        let bus = try await BusProcess.start()
        let tap = try tw("tap", "nothing.", "--count", "1", "--timeout", "0.5", "--endpoint", bus.broadcastOut)
        #expect(await tap.waitForExit() == .exited(1))
        #expect(tap.lines(.stderr) == ["tw: tap: gave up after 0.5 s with 0 of 1 messages"])
    }

    @Test func top_once_showsTheBusHeartbeatRate() async throws {
        let bus = try await BusProcess.start()
        let top = try tw("top", "--once", "--interval", "2.5", "--by", "kind", "--endpoint", bus.broadcastOut)
        #expect(await top.waitForExit() == .exited(0), "stderr: \(top.stderr)")
        // The instances first (the bus's own heartbeat), then the topic groups.
        let lines = top.lines()
        #expect(lines.dropFirst().first?.hasPrefix("STAGE") == true, "\(top.stdout)")
        #expect(lines.contains { $0.hasPrefix("bus ") }, "\(top.stdout)")
        #expect(lines.contains { $0.hasPrefix("GROUP") }, "\(top.stdout)")
        #expect(lines.contains { $0.hasPrefix("hb ") }, "\(top.stdout)")
        #expect(!top.stdout.contains("\u{1B}["), "no ANSI codes into a pipe")
    }
}
