import Codecs
import Testing
import TestSupport
import TrackwireProtocol

/// Focused behaviour of the Teltonika codec: acks, sessions, options, events, commands.
@Suite struct TeltonikaCodecTests {
    let codec = TeltonikaCodec()
    let imei = "123456789012345"

    func capture(line: Int) -> [UInt8] { Captures.all[line - 1].bytes }
    func decode(_ frame: [UInt8], options: [String: String] = [:], transport: Transport = .tcp) throws -> Decoded {
        try codec.decode(frame, context: DecodeContext(deviceId: imei, transport: transport, options: options, receivedAtMs: 1_700_000_000_000))
    }

    @Test func examine_identificationIsAcceptedWith01() {
        let examination = codec.examine(capture(line: 143), context: SessionContext())
        #expect(examination == Examination(deviceId: imei, reply: [0x01], storesData: false), "the IMEI handshake is answered at once, even with durable acks")
    }

    @Test func examine_keepAliveIsNotRepliedNorForwarded() {
        #expect(codec.examine([0xFF], context: SessionContext(deviceId: imei)) == Examination(forward: false))
    }

    @Test func examine_commandReplyGetsNoAck() {
        #expect(codec.examine(capture(line: 173), context: SessionContext(deviceId: imei)).reply == nil)
    }

    @Test func examine_badCRCIsReportedButStillAcked() {
        var frame = capture(line: 172)
        frame[frame.count - 1] ^= 0xFF
        let examination = codec.examine(frame, context: SessionContext(deviceId: imei))
        #expect(examination.problem == "bad_crc" && examination.reply == [0, 0, 0, 1])
    }

    @Test func decode_dataBeforeIdentificationIsUnidentified() {
        #expect(throws: DecodeError("unidentified", "Teltonika data packet before the IMEI packet")) {
            try codec.decode(capture(line: 172), context: DecodeContext())
        }
    }

    @Test func decode_workedCodec8Record() throws {
        let position = try #require(try decode(capture(line: 172)).positions.first)
        #expect(position.fixTimeMs == 1_377_961_241_710 && position.deviceID == imei && position.protocol == "teltonika")
        #expect(abs(position.latitude - 37.6743392) < 1e-9 && abs(position.longitude - 21.432776) < 1e-9)
        #expect(position.altitudeM == -4 && position.satellites == 9 && position.valid)
        #expect(position.attributes["power"] == .double(12.835) && position.attributes["in1"] == .bool(false))
        #expect(position.attributes["motion"] == .bool(false) && position.attributes["io24"] == .int(0))
    }

    @Test func decode_modelOverrideUnlocksFMBNames() throws {
        let plain = try #require(try decode(capture(line: 161)).positions.first)
        let fmb = try #require(try decode(capture(line: 161), options: ["ModelOverride": "FMB130"]).positions.first)
        #expect(plain.attributes["io9"] == .int(32) && plain.attributes["adc1"] == nil)
        #expect(fmb.attributes["adc1"] == .double(0.032) && fmb.attributes["io9"] == nil)
    }

    @Test func decode_extendedReadsTheSixteenByteGroup() throws {
        let options = ["ModelOverride": "FMB130", "Extended": "true"]
        let positions = try decode(capture(line: 180), options: options).positions
        #expect(positions.count == 11)
        #expect(positions.first?.attributes["io203"] == .string(String(repeating: "0", count: 32)))
    }

    @Test func decode_alarmsBecomeAttributeAndEvents() throws {
        let decoded = try decode(capture(line: 149))
        let event = try #require(decoded.events.first)
        #expect(decoded.positions.first?.attributes["alarm"] == .string("hardBraking"))
        #expect(event.kind == .alarm && event.id == "\(imei)-alarm-1594956331000-hardBraking")
        #expect(event.attributes["alarm"] == .string("hard_braking") && event.attributes["device_alarm"] == .string("hardBraking") && event.source == "decoder" && event.timeMs == 1_594_956_331_000)
    }

    @Test func decode_commandReplyCarriesResult() throws {
        let decoded = try decode(capture(line: 173))
        #expect(decoded.kind == .commandReply)
        let result = AttributeValue.string("#FM2=262032761721396,26203,07.02.05")
        #expect(decoded.positions.first?.attributes["result"] == result)
        #expect(decoded.events.map(\.kind) == [.commandResult] && decoded.events.first?.attributes["result"] == result)
    }

    @Test func decode_gh3000TimeCountsFrom2007() throws {
        let position = try #require(try decode(capture(line: 171)).positions.first)
        #expect(position.fixTimeMs == 1_375_309_835_000)
        #expect(position.attributes["lac"] == .int(100) && position.attributes["cid"] == .int(33791))
    }

    @Test func udp_datagramIdentifiesItselfAndIsAckedWithItsPacketId() throws {
        let datagram = capture(line: 185)
        let examination = codec.examine(datagram, context: SessionContext(transport: .udp))
        #expect(examination.deviceId == "357454072713975")
        #expect(examination.reply == [0x00, 0x05, 0x00, 0x00, 0x01, 0x22, 0x01])
        let decoded = try codec.decode(datagram, context: DecodeContext(transport: .udp))
        #expect(decoded.deviceId == "357454072713975" && decoded.positions.first?.deviceID == "357454072713975")
    }
}
