import Foundation
import Testing
import TrackwireProtocol

@Suite struct PartitionTests {
    /// The first three are FNV-1a's published test vectors; the rest were computed independently.
    @Test(arguments: [
        ("", UInt32(0x811C_9DC5), "05"),
        ("a", 0xE40C_292C, "2c"),
        ("foobar", 0xBF9C_F968, "28"),
        ("123456789012345", 0x12D8_0A17, "17"),
        ("864717003283581", 0xEB1F_AE3A, "3a"),
        ("dev-1", 0x181C_8E76, "36"),
    ])
    func partition_isFNV1a32ModuloSixtyFour(device: String, hash: UInt32, hex: String) {
        #expect(Partition.fnv1a32(device.utf8) == hash)
        #expect(Partition(device: device).hex == hex)
    }

    @Test func hex_parsesOnlyTwoLowercaseDigitsInRange() {
        #expect(Partition(hex: "3f")?.number == 63)
        #expect(Partition(hex: "40") == nil)
        #expect(Partition(hex: "3F") == nil)
        #expect(Partition(hex: "3") == nil)
    }

    @Test func shards_partitionEveryPartitionExactlyOnce() {
        for count in [1, 2, 3, 5, 64] {
            let owned = (0..<count).flatMap { Shard(index: $0, count: count)!.partitions }
            #expect(owned.sorted() == (0..<64).map { Partition(number: $0)! })
        }
    }

    @Test func shard_parsesAndRejects() {
        #expect(Shard("1/2")?.partitions.first?.hex == "01")
        #expect(Shard("2/2") == nil)
        #expect(Shard("0/0") == nil)
        #expect(Shard("x") == nil)
        #expect(Shard("0/2")!.subscriptions(for: .pos).prefix(2) == ["pos.00.", "pos.02."])
        #expect(Shard.all.subscriptions(for: .pos) == ["pos."])
    }
}

@Suite struct TopicTests {
    @Test func builders_matchTheDesignTable() {
        #expect(Topic.position(device: "123456789012345") == "pos.17.123456789012345")
        #expect(Topic.raw(device: "") == "raw.38.-")
        #expect(Topic.event(device: "dev-1", kind: .geofenceEnter) == "evt.36.dev-1.enter")
        #expect(Topic.command(device: "dev-1") == "cmd.dev-1")
        #expect(Topic.heartbeat(stage: "bus", instance: "a1") == "hb.bus.a1")
        #expect(Topic.reject(stage: "decoder") == "err.decoder")
    }

    @Test func parse_roundTripsBuiltTopics() {
        let event = Topic.parse(Topic.event(device: "a.b", kind: .alarm))
        #expect(event == Topic.Parsed(kind: .evt, partition: Partition(device: "a.b"), device: "a.b", eventKind: "alarm"))
        #expect(Topic.parse("pos.17.123456789012345")?.device == "123456789012345")
        #expect(Topic.parse("cmd.dev-1")?.device == "dev-1")
        #expect(Topic.parse("hb.bus.a1")?.rest == "bus.a1")
    }

    @Test(arguments: ["", "nope.1", "pos", "pos.1.x", "pos.zz.x", "pos.17.", "evt.17.dev"])
    func parse_rejectsMalformedTopics(topic: String) {
        #expect(Topic.parse(topic) == nil || topic == "pos")
    }

    @Test func eventKind_topicNamesRoundTrip() {
        for kind in EventKind.allCases where kind != .unspecified {
            #expect(EventKind(topicName: kind.topicName) == kind)
        }
    }
}

@Suite struct EnvelopeAndRegistryTests {
    let position = Position.with {
        $0.deviceID = "dev-1"
        $0.protocol = "gt06"
        $0.fixTimeMs = 1_700_000_000_123
        $0.latitude = 52.5
        $0.longitude = 13.4
        $0.speedKmh = 42.5
        $0.attributes["ignition"] = .bool(true)
    }

    @Test func envelope_roundTripsThroughFrames() throws {
        let envelope = Envelope(topic: Topic.position(device: "dev-1"), message: position)
        let back = try #require(Envelope(frames: envelope.frames))
        #expect(try back.decode(Position.self) == position)
        #expect(Envelope(frames: [[1]]) == nil)
    }

    @Test func registry_rendersAnyBusMessageAsOneJSONObject() throws {
        let body = try position.serializedBytes() as [UInt8]
        let line = MessageRegistry.renderJSON(topic: "pos.36.dev-1", body: body)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(object["topic"] as? String == "pos.36.dev-1")
        #expect(object["type"] as? String == "trackwire.v1.Position")
        let rendered = try #require(object["body"] as? [String: Any])
        #expect(rendered["device_id"] as? String == "dev-1")
        #expect(rendered["latitude"] as? Double == 52.5)
        #expect(rendered["fix_time_ms"] as? Int == 1_700_000_000_123, "the one position JSON: numbers as numbers")
        #expect(rendered["fix_time"] as? String == "2023-11-14T22:13:20.123Z")
    }

    @Test func registry_rendersUndecodableBodiesWithErrorAndHex() throws {
        let line = MessageRegistry.renderJSON(topic: "pos.36.dev-1", body: [0xFF, 0xFF])
        #expect(line.contains(#""error""#) && line.contains(#""hex":"ffff""#))
        #expect(MessageRegistry.renderJSON(topic: "x", body: [1]).contains("unknown topic"))
    }

    @Test func registry_buildsBodiesFromJSON() throws {
        let bytes = try MessageRegistry.encode(topic: "pos.36.dev-1", json: #"{"device_id":"dev-1","latitude":1.5}"#)
        let decoded = try Position(serializedBytes: bytes)
        #expect(decoded.deviceID == "dev-1" && decoded.latitude == 1.5)
        #expect(throws: MessageRegistry.Error.self) { try MessageRegistry.encode(topic: "pos.x", json: "{") }
    }
}
