import Codecs
import Foundation
import TestSupport
import Testing
import TrackwireProtocol
@testable import Gateway

/// The gateway's per-connection decisions, with real codecs and real captures and no I/O:
/// identification, forward or reply only, the checksum policy and the bad-frame limit.
@Suite struct DeviceSessionTests {
    static let imei = "864717003283581"

    static func session(_ protocolName: String, transport: Transport = .tcp, limits: GatewayLimits = GatewayLimits()) throws -> DeviceSession {
        DeviceSession(gatewayID: "gw-unit", sessionID: 7, codec: try #require(CodecRegistry.codec(named: protocolName)), transport: transport,
                      remoteAddress: "127.0.0.1:40000", options: ["Extended": "false"], limits: limits)
    }

    /// A GT06 position capture with a valid CRC, and the same frame with its CRC broken.
    static func positionAndCorrupt() -> (Capture, [UInt8]) {
        let position = GatewayCaptures.gt06Positions[0]
        var corrupt = position.bytes
        corrupt[corrupt.count - 3] ^= 0xFF
        return (position, corrupt)
    }

    @Test func login_identifiesTheDevice_andIsForwardedWithItsAck() throws {
        var session = try Self.session("gt06")
        let login = GatewayCaptures.gt06Login
        let (verdict, identified) = session.handle(login.bytes, receivedAtNs: 1_700_000_000_000_000_000)
        #expect(identified && session.deviceID == Self.imei && session.isIdentified)
        guard case .forward(let frame, let reply) = verdict else {
            Issue.record("not forwarded: \(verdict)")
            return
        }
        #expect(reply == login.expectation.derivedReply)
        #expect(frame.gatewayID == "gw-unit" && frame.sessionID == 7 && frame.sequence == 1 && frame.deviceID == Self.imei)
        #expect(frame.protocol == "gt06" && frame.transport == .tcp && frame.remoteAddress == "127.0.0.1:40000")
        #expect(frame.receivedAtNs == 1_700_000_000_000_000_000 && Array(frame.payload) == login.bytes && frame.options == ["Extended": "false"])
        #expect(!frame.durable, "a login carries nothing to store: its ack goes out at once, even with durable acks")
    }

    @Test func unknownDevice_isRejectedUnacked_andItsAddressThrottledAfterRepeatedTries() throws {
        var limits = GatewayLimits()
        limits.admission = try DeviceAdmission(parsing: "register ^99[0-9]+$")
        for attempt in 1...3 {
            var session = try Self.session("gt06", limits: limits)
            let (verdict, identified) = session.handle(GatewayCaptures.gt06Login.bytes, receivedAtNs: 1_000_000_000)
            #expect(verdict == .reject(reason: "device_not_admitted", closeConnection: true), "attempt \(attempt): no ack")
            #expect(!identified && !session.isIdentified)
        }
        var next = try Self.session("gt06", limits: limits)
        #expect(next.handle(GatewayCaptures.gt06Login.bytes, receivedAtNs: 2_000_000_000).verdict
            == .reject(reason: "admission_throttled", closeConnection: true))
        var open = GatewayLimits()
        open.admission = try DeviceAdmission(parsing: "register ^86[0-9]+$")
        var admitted = try Self.session("gt06", limits: open)
        #expect(admitted.handle(GatewayCaptures.gt06Login.bytes, receivedAtNs: 1).identified)
    }

    @Test func framesAfterTheLogin_carryTheSessionsDevice_inSequence_andIdentifyNothingNew() throws {
        var session = try Self.session("gt06")
        _ = session.handle(GatewayCaptures.gt06Login.bytes, receivedAtNs: 1)
        for (offset, capture) in GatewayCaptures.gt06Positions.prefix(2).enumerated() {
            let (verdict, identified) = session.handle(capture.bytes, receivedAtNs: 2)
            #expect(!identified)
            #expect(verdict == .forward(try #require(verdict.frame), reply: capture.expectation.derivedReply))
            #expect(verdict.frame?.sequence == UInt64(offset + 2) && verdict.frame?.deviceID == Self.imei)
            #expect(verdict.frame?.durable == true, "a position's ack waits for storage by default")
        }
        let record = session.record(.online, reason: "test", timeNs: 3)
        #expect(record.frames == 3 && record.deviceID == Self.imei && record.state == .online && record.reason == "test")
        #expect(record.bytes == UInt64(([GatewayCaptures.gt06Login] + GatewayCaptures.gt06Positions.prefix(2)).map(\.bytes.count).reduce(0, +)))
    }

    @Test func aKeepAliveTheCodecDoesNotForward_isReplyOnly_andTakesNoSequenceNumber() throws {
        var session = try Self.session("teltonika")
        let imei = "356307042441013"
        #expect(session.handle([0x00, UInt8(imei.utf8.count)] + Array(imei.utf8), receivedAtNs: 1).verdict.frame?.sequence == 1)
        let (verdict, identified) = session.handle([0xFF], receivedAtNs: 2)
        #expect(verdict == .replyOnly(nil) && !identified)
        let record = session.record(.offline, reason: "closed", timeNs: 3)
        #expect(record.frames == 1 && record.bytes == UInt64(2 + imei.utf8.count + 1), "counted as bytes, not as a frame")
    }

    @Test func aFailedChecksum_isRejectedUnacked_whenChecksumsAreEnforced() throws {
        var limits = GatewayLimits()
        limits.checksums = .enforce
        var session = try Self.session("gt06", limits: limits)
        _ = session.handle(GatewayCaptures.gt06Login.bytes, receivedAtNs: 1)
        let (_, corrupt) = Self.positionAndCorrupt()
        #expect(session.handle(corrupt, receivedAtNs: 2).verdict == .reject(reason: "bad_crc", closeConnection: false))
        #expect(session.badFrames == 1 && session.record(.online, reason: "", timeNs: 0).frames == 1, "not forwarded")
    }

    @Test func aFailedChecksum_isForwardedFlaggedAndAcked_byDefault() throws {
        var session = try Self.session("gt06")
        _ = session.handle(GatewayCaptures.gt06Login.bytes, receivedAtNs: 1)
        let (position, corrupt) = Self.positionAndCorrupt()
        let verdict = session.handle(corrupt, receivedAtNs: 2).verdict
        #expect(verdict.frame.map { Array($0.payload) } == corrupt)
        #expect(verdict == .forward(try #require(verdict.frame), reply: position.expectation.derivedReply))
        #expect(verdict.frame?.integrityProblem == "bad_crc", "the decoder marks what it becomes checksum_ok=false")
        #expect(session.badFrames == 0)
    }

    @Test func aProblemThatIsNoChecksum_isRejectedWhateverThePolicy() throws {
        var session = try Self.session("osmand", transport: .http)
        let request = Array("GET /?lat=1&lon=2 HTTP/1.1\r\nHost: t\r\n\r\n".utf8)
        #expect(session.handle(request, receivedAtNs: 1) == (.reject(reason: "missing_id", closeConnection: false), false))
    }

    @Test func theBadFrameLimit_closesTheConnectionOnTheLastOne_countingEveryKindOfBadFrame() throws {
        var limits = GatewayLimits()
        limits.maxBadFrames = 3
        limits.checksums = .enforce
        var session = try Self.session("gt06", limits: limits)
        _ = session.handle(GatewayCaptures.gt06Login.bytes, receivedAtNs: 1)
        let (_, corrupt) = Self.positionAndCorrupt()
        #expect(session.badFrame("garbage") == .reject(reason: "garbage", closeConnection: false))
        #expect(session.handle(corrupt, receivedAtNs: 2).verdict == .reject(reason: "bad_crc", closeConnection: false))
        #expect(session.badFrame("oversized") == .reject(reason: "oversized", closeConnection: true))
        #expect(session.badFrames == 3)
    }
}

extension DeviceSessionTests {
    @Test func inReceiptMode_noFrameWaitsForStorage_andOverHTTPEveryDataFrameDoes() throws {
        var limits = GatewayLimits()
        limits.ackMode = .receipt
        var receipt = try Self.session("gt06", limits: limits)
        _ = receipt.handle(GatewayCaptures.gt06Login.bytes, receivedAtNs: 1)
        #expect(receipt.handle(GatewayCaptures.gt06Positions[0].bytes, receivedAtNs: 2).verdict.frame?.durable == false)
        var http = try Self.session("osmand", transport: .http)
        let request = Array("GET /?id=1&lat=1&lon=2&timestamp=1 HTTP/1.1\r\nHost: t\r\n\r\n".utf8)
        #expect(http.handle(request, receivedAtNs: 1).verdict.frame?.durable == true, "the 200 is the ack, so it waits")
    }
}

extension DeviceSession.Verdict {
    /// The frame of a `.forward`.
    var frame: Frame? {
        if case .forward(let frame, _) = self { return frame }
        return nil
    }
}
