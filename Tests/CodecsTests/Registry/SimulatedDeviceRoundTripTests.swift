import Codecs
import Testing
import TrackwireProtocol

/// The device encoders proven by our own codecs: every message the sim sends is cut whole by the
/// protocol's framer, identified and acked by `examine` exactly as the sim expects, and its
/// positions decode to the fix the sim meant.
@Suite struct SimulatedDeviceRoundTripTests {
    static let names = CodecRegistry.descriptors.filter { $0.simulator != nil }.map(\.name)
    static let imei = "860000000000042"
    static let fixes = [
        SimFix(latitude: 52.5123456, longitude: 13.4012345, speedKmh: 47.3, courseDeg: 123.4, timeMs: 1_760_000_123_456, ignition: true),
        SimFix(latitude: -33.8765432, longitude: -70.6543210, speedKmh: 0, courseDeg: 359.6, timeMs: 1_760_086_399_999, ignition: false),
    ]

    @Test(arguments: names)
    func positions_decodeToTheSimulatedFix(_ name: String) throws {
        let (device, codec) = try Self.pair(name)
        for (sequence, fix) in Self.fixes.enumerated() {
            let message = device.position(fix, imei: Self.imei, sequence: sequence + 7)
            let frame = try Self.acceptedFrame(message, codec: codec, name: name)
            let context = DecodeContext(deviceId: device.deviceId(imei: Self.imei), transport: name == "osmand" ? .http : .tcp, receivedAtMs: fix.timeMs + 500)
            let positions = try codec.decode(frame, context: context).positions
            let position = try #require(positions.count == 1 ? positions.first : nil, "\(name): \(positions.count) positions")
            Self.expect(position, matches: fix, name: name, deviceId: device.deviceId(imei: Self.imei))
        }
    }

    @Test(arguments: names)
    func loginAndHeartbeat_areFramedIdentifiedAndAcked(_ name: String) throws {
        let (device, codec) = try Self.pair(name)
        let messages = [device.login(imei: Self.imei, sequence: 1), device.heartbeat(imei: Self.imei, sequence: 2, timeMs: Self.fixes[0].timeMs)]
        for message in messages.compactMap({ $0 }) {
            let frame = try Self.acceptedFrame(message, codec: codec, name: name)
            let decoded = try codec.decode(frame, context: DecodeContext(deviceId: device.deviceId(imei: Self.imei), receivedAtMs: Self.fixes[0].timeMs))
            #expect([FrameKind.login, .heartbeat, .other, .status].contains(decoded.kind), "\(name): \(decoded.kind)")
        }
    }

    @Test func httpSuccess_matchesAWholeResponse_andAnErrorResponseRefusesTheRequest() {
        let ok = Array("HTTP/1.1 200 OK\r\ncontent-length: 3\r\n\r\nabcHTTP".utf8)
        #expect(ExpectedReply.httpSuccess.match(ok[...]) == .matched(length: ok.count - 4))
        #expect(ExpectedReply.httpSuccess.match(ok.prefix(20)) == .needMore)
        let unavailable = Array("HTTP/1.1 503 Service Unavailable\r\n\r\n".utf8)
        #expect(ExpectedReply.httpSuccess.match(unavailable[...]) == .refused(length: unavailable.count))
        #expect(ExpectedReply.httpSuccess.match(Array("garbage".utf8)[...]) == .mismatch)
    }

    @Test func delimitedReply_waitsForItsTerminator() {
        let reply = ExpectedReply.delimited(prefix: Array("*HQ,1,V4,V1,".utf8), terminator: UInt8(ascii: "#"))
        #expect(reply.match(Array("*HQ,1,V4,V1,2025".utf8)[...]) == .needMore)
        #expect(reply.match(Array("*HQ,1,V4,V1,20250101000000#x".utf8)[...]) == .matched(length: 27))
        #expect(reply.match(Array("*HQ,2,V4".utf8)[...]) == .mismatch)
    }

    static func pair(_ name: String) throws -> (any SimulatedProtocol, any DeviceCodec) {
        let codec = try #require(CodecRegistry.codec(named: name))
        return (try #require(codec.descriptor.simulator?("127.0.0.1")), codec)
    }

    /// The frame the gateway would forward: cut whole, no problem, named device, and — when the
    /// sim waits for an ack — a reply the sim recognises (no reply when it waits for none).
    static func acceptedFrame(_ message: SimMessage, codec: any DeviceCodec, name: String) throws -> [UInt8] {
        let frame: [UInt8]
        if name == "osmand" {
            let requestLine = try #require(String(decoding: message.bytes, as: UTF8.self).split(separator: "\r\n").first)
            frame = Array(requestLine.split(separator: " ")[1].utf8)
        } else {
            var framer = codec.makeFramer()
            let cut = framer.cutAll(message.bytes)
            #expect(cut.frames == [message.bytes] && cut.discarded == 0, "\(name): framer cut \(cut.frames.count) frames")
            frame = message.bytes
        }
        let examination = codec.examine(frame, context: SessionContext(deviceId: nil, transport: name == "osmand" ? .http : .tcp))
        #expect(examination.problem == nil, "\(name): \(examination.problem ?? "")")
        switch (message.ack, examination.reply) {
        case (nil, nil), (.httpSuccess, nil): break
        case (let ack?, let reply?): #expect(ack.match(reply[...]) == .matched(length: reply.count), "\(name): \(String(decoding: reply, as: UTF8.self))")
        case (let ack, let reply): Issue.record("\(name): sim expects \(String(describing: ack)), gateway replies \(String(describing: reply))")
        }
        return frame
    }

    static func expect(_ position: Position, matches fix: SimFix, name: String, deviceId: String) {
        #expect(position.deviceID == deviceId, "\(name)")
        #expect(abs(position.latitude - fix.latitude) < 1e-5 && abs(position.longitude - fix.longitude) < 1e-5,
                "\(name): \(position.latitude),\(position.longitude) ≠ \(fix.latitude),\(fix.longitude)")
        #expect(abs(position.speedKmh - fix.speedKmh) < 0.6, "\(name): speed \(position.speedKmh) ≠ \(fix.speedKmh)")
        let course = abs(position.courseDeg - fix.courseDeg)
        #expect(min(course, 360 - course) <= 0.5, "\(name): course \(position.courseDeg) ≠ \(fix.courseDeg)")
        #expect(position.fixTimeMs <= fix.timeMs && fix.timeMs - position.fixTimeMs < 1000, "\(name): time \(position.fixTimeMs) ≠ \(fix.timeMs)")
        #expect(SimulatedDeviceRoundTripTests.ignition(of: position, name: name) == (withoutIgnition.contains(name) ? nil : fix.ignition), "\(name): ignition")
    }

    /// Protocols whose reports carry no ignition Traccar reads (watches; Galileosky, whose
    /// ignition is whatever input it is wired to).
    static let withoutIgnition: Set<String> = ["watch", "galileo"]

    /// The ignition as the decoded position carries it (Meitrack: input 1).
    static func ignition(of position: Position, name: String) -> Bool? {
        if name == "meitrack", case .intValue(let input)? = position.attributes["input"]?.kind { return input & 1 == 1 }
        if case .boolValue(let on)? = position.attributes["ignition"]?.kind { return on }
        return nil
    }
}
