import Foundation
import Testing
import TrackwireProtocol
@testable import Storage

/// Commands and dead letters over HTTP: stored, then published or queued through the outlet.
@Suite(.serialized) struct APICommandRouteTests {
    static let device = "356307042441013"
    static let seed = WriteBatch(positions: [PositionFixtures.full(device: device)])

    @Test func sendCommand_storesPublishesOnCmdTopicAndAnswers202() async throws {
        try await APITestServer.run(seed: Self.seed) { client, server in
            let reply = try await client.send(.post, "/api/commands", json: #"{"device":"\#(Self.device)","type":"engine_stop","params":{"password":"123456"}}"#)
            #expect(reply.status == .accepted, "\(reply.text)")
            let id = try #require(reply.json["id"]?.stringValue)
            #expect(reply.json["topic"] == .string("cmd.\(Self.device)") && reply.json["params"]?["password"] == "123456")

            let sent = try #require(server.outlet.messages.first)
            #expect(sent.topic == Topic.command(device: Self.device) && sent.queue == nil)
            let command = try Command(serializedBytes: sent.body)
            #expect(command.id == id && command.type == "engine_stop" && command.params == ["password": "123456"])
            #expect(command.createdMs > 1_700_000_000_000)
            #expect(try await server.store.commands(device: Self.device, limit: 10) == [command])

            let listed = try await client.get("/api/commands?device=\(Self.device)")
            #expect(listed.json["commands"]?.arrayValue?.map { $0["id"] } == [.string(id)])
        }
    }

    @Test func sendCommand_badBodyOrUnknownDevice_isRefusedAndNotPublished() async throws {
        try await APITestServer.run(seed: Self.seed) { client, server in
            try await client.send(.post, "/api/commands", json: #"{"device":"\#(Self.device)","type":"warp"}"#).expectError(.badRequest, mentioning: "type")
            try await client.send(.post, "/api/commands", json: #"{"device":"\#(Self.device)","type":"custom"}"#).expectError(.badRequest, mentioning: "text")
            try await client.send(.post, "/api/commands", json: "[").expectError(.badRequest, mentioning: "JSON")
            try await client.send(.post, "/api/commands", json: #"{"device":"ghost","type":"engine_stop"}"#).expectError(.notFound, mentioning: "ghost")
            #expect(server.outlet.messages.isEmpty)
        }
    }

    @Test func commandTypes_listWhatTheDevicesProtocolEncodes_andAnotherTypeGets422() async throws {
        try await APITestServer.run(seed: Self.seed) { client, server in
            let types = try await client.get("/api/devices/\(Self.device)/commands/types")
            #expect(types.status == .ok)
            #expect(types.json["protocol"] == "gt06")
            #expect(types.json["types"]?.arrayValue == ["engine_stop", "engine_resume", "custom"])
            _ = try await client.get("/api/devices/ghost/commands/types").errorMessage(.notFound)
            // position_single is a known type (other codecs encode it), but GT06 cannot.
            let refused = try await client.send(.post, "/api/commands", json: #"{"device":"\#(Self.device)","type":"position_single"}"#)
            #expect(refused.status == .unprocessableContent, "\(refused.text)")
            #expect(refused.errorMessage(.unprocessableContent).contains("engine_stop"))
            #expect(server.outlet.messages.isEmpty, "nothing was published")
        }
    }

    @Test func deadLetters_listAndReplayToWhereTheyCameFrom() async throws {
        let frame = Reject.with {
            $0.stage = "decoder"; $0.reason = "bad CRC"; $0.errorType = "bad_crc"
            $0.topic = Topic.raw(device: Self.device); $0.body = Data([1, 2, 3]); $0.timeMs = 1_714_564_800_000
        }
        let record = Reject.with {
            $0.stage = "storage"; $0.reason = "bad body"; $0.errorType = "decode_failed"
            $0.topic = Topic.position(device: Self.device); $0.body = Data([9]); $0.timeMs = 1_714_564_800_001
        }
        let orphan = Reject.with { $0.stage = "geofence"; $0.reason = "?"; $0.topic = "" ; $0.timeMs = 1_714_564_800_002 }
        try await APITestServer.run(seed: WriteBatch(rejects: [frame, record, orphan])) { client, server in
            let letters = try await client.get("/api/dead-letters").json["dead_letters"]?.arrayValue ?? []
            #expect(letters.map { $0["error_type"] } == ["", "decode_failed", "bad_crc"])
            #expect(letters.last?["body_base64"] == "AQID")
            let ids = letters.compactMap { $0["id"] }.compactMap { value -> Int64? in if case .int(let id) = value { id } else { nil } }
            #expect(ids.count == 3)

            #expect(try await client.send(.post, "/api/dead-letters/\(ids[2])/replay").json["queue"] == "frames")
            #expect(try await client.send(.post, "/api/dead-letters/\(ids[1])/replay").status == .accepted)
            #expect(server.outlet.messages == [
                .init(topic: frame.topic, body: [1, 2, 3], queue: .frames), .init(topic: record.topic, body: [9], queue: .store),
            ])
            _ = try await client.send(.post, "/api/dead-letters/\(ids[0])/replay").errorMessage(.conflict)
            _ = try await client.send(.post, "/api/dead-letters/999999/replay").errorMessage(.notFound)
            _ = try await client.send(.post, "/api/dead-letters/x/replay").errorMessage(.badRequest)
        }
    }
}
