import Codecs
import Decoder
import Foundation
import Testing
import TestSupport
import TrackwireProtocol

@Suite struct FrameDecodingTests {
    static let nowMs: Int64 = 1_750_000_000_999
    var decoding = FrameDecoding(instance: "test-1", nowMs: { FrameDecodingTests.nowMs })

    @Test mutating func process_gt06Location_publishesPositionOnTheDevicesPartition() throws {
        let frame = Sample.frame(Sample.gt06Position, sequence: 7)
        let outcome = decoding.process(frame)
        #expect(outcome.frameKind == .position)
        #expect(outcome.positionCount == 1 && outcome.messages.count == 1)
        let message = try #require(outcome.messages.first)
        #expect(message.topic == "pos.\(Partition(device: Sample.imei).hex).\(Sample.imei)")
        let position = try message.decode(Position.self)
        #expect(position.deviceID == Sample.imei)
        #expect(position.protocol == "gt06")
        #expect(position.serverTimeNs == Sample.receivedAtNs)
        #expect(position.frame == FrameRef.with { $0.gatewayID = Sample.gateway; $0.sessionID = Sample.session; $0.sequence = 7 })
        #expect(position.valid && position.latitude != 0)
    }

    @Test mutating func process_teltonikaPacket_publishesEveryRecordInTheDevicesOrder() throws {
        let capture = Sample.teltonikaPacket
        let expected = try CodecRegistry.codec(named: "teltonika")!
            .decode(capture.bytes, context: DecodeContext(deviceId: Sample.imei, receivedAtMs: Sample.receivedAtNs / 1_000_000))
        let outcome = decoding.process(Sample.frame(capture))
        let positions = try outcome.messages.prefix(outcome.positionCount).map { try $0.decode(Position.self) }
        #expect(positions.count == expected.positions.count && !positions.isEmpty)
        #expect(positions.map(\.fixTimeMs) == expected.positions.map(\.fixTimeMs))
        #expect(positions.allSatisfy { $0.serverTimeNs == Sample.receivedAtNs && $0.frame.sequence == 1 })
        #expect(outcome.messages.prefix(outcome.positionCount).allSatisfy { $0.topic == Topic.position(device: Sample.imei) })
    }

    @Test mutating func process_osmAndFromAnUnidentifiedSession_usesTheIdTheRequestCarries() throws {
        let outcome = decoding.process(Sample.frame(Sample.osmAnd, device: ""))
        let position = try #require(try outcome.messages.first?.decode(Position.self))
        #expect(position.deviceID == "48241179")
        #expect(outcome.messages.first?.topic == Topic.position(device: "48241179"))
    }

    @Test mutating func process_gt06Alarm_publishesThePositionThenAnAlarmEvent() throws {
        let outcome = decoding.process(Sample.frame(Sample.gt06Alarm, sequence: 9))
        #expect(outcome.frameKind == .alarm)
        #expect(outcome.messages.map(\.topic) == [Topic.position(device: Sample.imei), Topic.event(device: Sample.imei, kind: .alarm)])
        let event = try outcome.messages[1].decode(Event.self)
        #expect(event.source == "decoder")
        #expect(event.attributes["alarm"] == .string("tamper") && event.attributes["device_alarm"] == .string("tampering"))
        #expect(event.position.frame.sequence == 9 && event.position.serverTimeNs == Sample.receivedAtNs)
        #expect(outcome.topicKind(at: 0) == .pos && outcome.topicKind(at: 1) == .evt)
    }

    @Test mutating func process_durableFrame_endsItsStoreMessageWithTheAckRequest_andPublishesOnlyTheRecords() throws {
        var frame = Sample.frame(Sample.gt06Alarm, sequence: 12)
        frame.durable = true
        let outcome = decoding.process(frame)
        let request = try #require(outcome.ackRequest)
        #expect(request.topic == "ack.\(Sample.gateway)")
        let ack = try request.decode(Ack.self)
        #expect(ack.gatewayID == Sample.gateway && ack.sessionID == Sample.session && ack.sequence == 12 && ack.positions == 1)
        #expect(outcome.storeMessage == outcome.messages + [request], "the request follows every record, in one message")
        #expect(!outcome.messages.contains { $0.topic.hasPrefix("ack.") }, "the request is not published")
    }

    @Test mutating func process_durableFrameThatBecomesNothingOrIsRejected_stillRequestsItsAck() throws {
        var login = Sample.frame(Sample.gt06Login)
        login.durable = true
        #expect(decoding.process(login).storeMessage.map(\.topic) == ["ack.\(Sample.gateway)"])
        var garbage = Sample.garbage()
        garbage.durable = true
        #expect(decoding.process(garbage).storeMessage.map(\.topic) == ["err.decoder", "ack.\(Sample.gateway)"],
                "the dead letter keeps the frame, so it may be acked")
        #expect(decoding.process(Sample.frame(Sample.gt06Position)).ackRequest == nil, "a receipt-mode frame requests nothing")
    }

    @Test mutating func process_frameForwardedDespiteItsChecksum_marksItsPositions() throws {
        var frame = Sample.frame(Sample.gt06Position)
        frame.integrityProblem = "bad_crc"
        let position = try #require(try decoding.process(frame).messages.first?.decode(Position.self))
        #expect(position.attributes["checksum_ok"] == .bool(false))
        #expect(try decoding.process(Sample.frame(Sample.gt06Position)).messages.first?.decode(Position.self).attributes["checksum_ok"] == nil)
    }

    @Test mutating func process_loginAndKeepAlive_produceNothingButTheirKind() {
        #expect(decoding.process(Sample.frame(Sample.gt06Login, device: "")) == DecodeOutcome(frameKind: .login))
        let teltonikaLogin = Sample.first("teltonika", .null)
        #expect(decoding.process(Sample.frame(teltonikaLogin, device: "")).frameKind == .login)
    }

    @Test mutating func process_gt06HeartbeatWithStatus_keepsItsStatusPositionNotValid() throws {
        let heartbeat = Sample.first("gt06", .attribute(key: "temp1", value: .double(28.4)))
        let outcome = decoding.process(Sample.frame(heartbeat))
        #expect(outcome.frameKind == .heartbeat)
        let position = try #require(try outcome.messages.first?.decode(Position.self))
        #expect(!position.valid && position.attributes["temp1"] == .double(28.4))
    }

    @Test mutating func process_unreadableBytes_rejectsWithTheWholeFrameKept() throws {
        let frame = Sample.garbage(sequence: 3)
        let outcome = decoding.process(frame)
        #expect(outcome.isReject && outcome.frameKind == nil && outcome.topicKind(at: 0) == .err)
        let message = try #require(outcome.messages.first)
        #expect(message.topic == "err.decoder")
        let reject = try message.decode(Reject.self)
        #expect(reject.stage == "decoder" && reject.instance == "test-1" && reject.timeMs == Self.nowMs)
        #expect(reject.errorType == outcome.errorType && !reject.reason.isEmpty)
        #expect(reject.topic == Topic.raw(device: Sample.imei))
        #expect(try Frame(serializedBytes: Array(reject.body)) == frame)
    }

    @Test mutating func process_unknownProtocol_rejectsAsUnknownProtocol() throws {
        var frame = Sample.frame(Sample.gt06Position)
        frame.protocol = "carrier-pigeon"
        let outcome = decoding.process(frame)
        #expect(outcome.errorType == "unknown_protocol")
        #expect(try outcome.messages[0].decode(Reject.self).reason.contains("carrier-pigeon"))
    }

    @Test mutating func process_gt06BeforeLogin_rejectsAsUnidentified() {
        #expect(decoding.process(Sample.frame(Sample.gt06Position, device: "")).errorType == "unidentified")
    }

    @Test mutating func reject_badBusMessage_keepsWhatArrived() throws {
        let outcome = decoding.reject(topic: "raw.00.x", body: [1, 2, 3], errorType: "bad_message", reason: "not a Frame")
        let reject = try outcome.messages[0].decode(Reject.self)
        #expect(reject.topic == "raw.00.x" && Array(reject.body) == [1, 2, 3] && reject.errorType == "bad_message")
        #expect(decoding.tally.rejects == 1 && decoding.tally.frames == 1)
    }

    @Test(arguments: ["gt06", "teltonika", "osmand"])
    func process_everyCapture_givesWellFormedTopicsOrAReject(protocolName: String) throws {
        var decoding = FrameDecoding(instance: "sweep")
        for capture in Sample.frames(protocolName) {
            let outcome = decoding.process(Sample.frame(capture))
            for (index, message) in outcome.messages.enumerated() {
                let parsed = try #require(Topic.parse(message.topic), "\(capture): \(message.topic)")
                #expect(parsed.kind == outcome.topicKind(at: index), "\(capture)")
                if parsed.kind == .pos { #expect(try message.decode(Position.self).frame.gatewayID == Sample.gateway) }
            }
        }
        #expect(decoding.tally.frames == Sample.frames(protocolName).count)
        #expect(decoding.tally.positions > 0)
    }
}
