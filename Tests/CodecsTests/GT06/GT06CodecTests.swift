import Codecs
import Testing
import TestSupport
import TrackwireProtocol

/// Focused checks of GT06 identification, replies, normalisation and model options.
@Suite struct GT06CodecTests {
    let codec = GT06Codec()
    let device = "123456789012345"

    func bytes(_ hex: String) -> [UInt8] { Hex.decode(hex)! }
    func capture(_ line: Int) -> [UInt8] { Captures.all[line - 1].bytes }
    func decode(_ frame: [UInt8], options: [String: String] = [:]) throws -> Decoded {
        try codec.decode(frame, context: DecodeContext(deviceId: device, options: options, receivedAtMs: 1_700_000_000_000))
    }

    @Test func login_namesTheDevice_andGetsTheVendorAck() throws {
        let login = bytes("78780D01012345678901234500018CDD0D0A")
        let examination = codec.examine(login, context: SessionContext())
        #expect(examination.deviceId == device)
        #expect(examination.reply == bytes("787805010001d9dc0d0a"))
        #expect(examination.problem == nil)
        #expect(try codec.decode(login, context: DecodeContext()) == Decoded(kind: .login, deviceId: device))
    }

    @Test func decode_beforeLogin_throwsUnidentified() {
        #expect(throws: DecodeError.self) { try codec.decode(capture(40), context: DecodeContext()) }
        do { _ = try codec.decode(capture(40), context: DecodeContext()) } catch let error as DecodeError {
            #expect(error.errorType == "unidentified")
        } catch { Issue.record("unexpected \(error)") }
    }

    @Test func workedExample0x22_decodesToTheDocumentedValues() throws {
        let frame = bytes("787822220F0C1D023305C9027AC8180C46586000140001CC00287D001F71000001000820860D0A")
        let decoded = try decode(frame)
        let position = try #require(decoded.positions.first)
        #expect(decoded.kind == .position)
        #expect(position.fixTimeMs == UTCTime.milliseconds(year: 2015, month: 12, day: 29, hour: 2, minute: 51, second: 5))
        #expect(position.deviceTimeMs == position.fixTimeMs)
        #expect(abs(position.latitude - 23.111693) < 1e-6 && abs(position.longitude - 114.409298) < 1e-6)
        #expect(position.satellites == 9 && position.valid && position.speedKmh == 0 && position.courseDeg == 0)
        #expect(position.attributes["ignition"] == .bool(false) && position.attributes["archive"] == .bool(true))
        #expect(position.deviceID == device && position.protocol == "gt06")
        #expect(codec.examine(frame, context: SessionContext()).reply == bytes("787805220008a8420d0a"))
    }

    @Test func examine_flagsBadCrc_andStillReplies() {
        var frame = capture(40)
        frame[frame.count - 3] ^= 0xFF
        let examination = codec.examine(frame, context: SessionContext())
        #expect(examination.problem == "bad_crc")
        #expect(examination.reply == bytes("787805220008a8420d0a"))
    }

    @Test func examine_flagsBadLength_andRejectsNonFrames() {
        #expect(codec.examine(capture(57), context: SessionContext()).problem == "bad_length")
        #expect(codec.examine([0x78, 0x78, 0x01], context: SessionContext()).problem == "bad_length")
        #expect(codec.examine(Array("hello world".utf8), context: SessionContext()).problem == "bad_header")
    }

    @Test func wifiQueries_getTheTimeEcho_exceptF3() {
        #expect(codec.examine(capture(74), context: SessionContext()).reply == bytes("787800691710231108500d0a"))
        #expect(codec.examine(capture(46), context: SessionContext()).reply == nil)
    }

    @Test func addressRequest_getsTheNoAddressAnswer() {
        let reply = codec.examine(bytes("7878052a0001f3410d0a"), context: SessionContext()).reply
        #expect(reply == bytes("79790015970b000000004e4126264e4126263023230000e61e0d0a"))
    }

    @Test func timeRequest_isAnsweredWithTheGatewayClock() {
        #expect(codec.examine(bytes("7878058a000799a00d0a"), context: SessionContext()).reply == nil)
        let now = UTCTime.milliseconds(year: 2025, month: 10, day: 22, hour: 21, minute: 39, second: 45)!
        let reply = codec.examine(bytes("7878058a000799a00d0a"), context: SessionContext(receivedAtMs: now)).reply
        #expect(reply == bytes("78780b8a190a1615272d0000ac9b0d0a"))
    }

    @Test func alarm_setsTheAttribute_andRaisesOneEvent() throws {
        let decoded = try decode(capture(15))
        let position = try #require(decoded.positions.first)
        #expect(decoded.kind == .alarm)
        #expect(position.attributes["alarm"] == .string("sos"))
        let event = try #require(decoded.events.first)
        #expect(decoded.events.count == 1)
        #expect(event.kind == .alarm && event.deviceID == device && event.source == "decoder")
        #expect(event.timeMs == position.fixTimeMs && event.position == position)
        #expect(event.attributes["alarm"] == .string("sos"))
        #expect(event.id == "\(device)-alarm-\(position.fixTimeMs)-sos")
    }

    @Test func sameAlarmTwice_givesOneAlarmAndOneEvent() throws {
        let decoded = try decode(capture(63))  // status bits and alarm byte both say SOS
        #expect(decoded.positions.first?.attributes["alarm"] == .string("sos"))
        #expect(decoded.events.count == 1)
    }

    @Test func modelOverride_changesWhatAnAlarmCodeMeans() throws {
        let frame = capture(125)  // 0x16 with alarm code 0x30
        #expect(try decode(frame).positions.first?.attributes["alarm"] == .string("jamming"))
        #expect(try decode(frame, options: ["ModelOverride": "G18"]).positions.first?.attributes["alarm"] == .string("hardBraking"))
        #expect(try decode(frame, options: ["ModelOverride": "g18"]).positions.first?.attributes["alarm"] == .string("hardBraking"))
    }

    @Test func commandReply_raisesACommandResultEvent() throws {
        let decoded = try decode(capture(99))
        #expect(decoded.kind == .commandReply)
        let event = try #require(decoded.events.first)
        #expect(event.kind == .commandResult && event.attributes["result"] == .string("Cut off the fuel supply: Success!"))
    }

    @Test func statusWithoutFix_isAnInvalidPositionAtReceptionTime() throws {
        let decoded = try decode(capture(103))
        let position = try #require(decoded.positions.first)
        #expect(decoded.kind == .heartbeat)
        #expect(!position.valid && position.latitude == 0 && position.longitude == 0)
        #expect(position.fixTimeMs == 1_700_000_000_000)
        #expect(position.attributes["batteryLevel"] == .int(100))
    }

    @Test func cellOnlyFrames_giveNoPositions_andUnknownTypesThrowUnsupported() throws {
        let cells = try decode(capture(35))
        #expect(cells.kind == .status && cells.positions.isEmpty)
        let unknown = #expect(throws: DecodeError.self) { try decode(capture(110)) }
        #expect(unknown?.errorType == "unsupported" && unknown?.message.contains("GT06 message type") == true)
    }

    @Test func registry_knowsGT06() {
        #expect(CodecRegistry.codec(named: "gt06")?.name == "gt06")
    }
}
