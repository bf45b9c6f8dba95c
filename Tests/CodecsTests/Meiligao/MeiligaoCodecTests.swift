import Codecs
import Testing
import TestSupport
import TrackwireProtocol

/// Meiligao: ids with their Luhn digit, replies, the position text and its tail, the other
/// reports, and commands.
@Suite struct MeiligaoCodecTests {
    let codec = MeiligaoCodec()
    static func capture(_ line: Int) -> [UInt8] { Captures.more[line - 1].bytes }
    func decode(_ frame: [UInt8]) throws -> Decoded { try codec.decode(frame, context: DecodeContext(receivedAtMs: 1_700_000_000_000)) }
    func position(_ line: Int) throws -> Position { try #require(try decode(Self.capture(line)).positions.first) }

    @Test func login_isAnsweredAsTheWireFactsShow_andStoresNothing() {
        let login = Self.capture(171)
        let examination = codec.examine(login, context: SessionContext())
        #expect(examination.reply == MeiligaoTestFrames.reply(to: login, command: 0x4000, data: [0x01]) && !examination.storesData)
        let documented = Hex.decode("24240011123456789012345000" + "0000" + "0d0a")!
        #expect(codec.examine(documented, context: SessionContext()).reply.map(Hex.encode) == "404000121234567890123440000136f00d0a")
    }

    @Test func aFourteenDigitId_getsItsLuhnDigit_shorterIdsStopAtTheFirstF() throws {
        #expect(codec.examine(Self.capture(172), context: SessionContext()).deviceId == "679650207910896")
        #expect(codec.examine(Self.capture(163), context: SessionContext()).deviceId == "1092")
    }

    @Test func report_decodesTheDocumentedValues() throws {
        let position = try position(172)
        #expect(position.fixTimeMs == UTCTime.milliseconds(year: 2015, month: 9, day: 30, hour: 11, minute: 31, second: 18) && position.valid)
        #expect(abs(position.latitude - 10.6328) < 1e-5 && abs(position.longitude + 61.35947) < 1e-5)
        #expect(abs(position.speedKmh - 0.54 * 1.852) < 1e-9 && position.altitudeM == 9.9 && position.hdop == 0.77)
        #expect(position.attributes["odometer"] == .int(1_187_127) && position.attributes["adc2"] == .int(0x01A2))
    }

    @Test func tailWithCellRssiAndHexOdometer_orDecimalOdometerAndRfid() throws {
        let cell = try position(166)
        #expect(cell.attributes["rssi"] == .int(0x10) && cell.attributes["odometer"] == .int(0) && cell.attributes["in2"] == .bool(false))
        let rfid = try position(158)
        #expect(rfid.attributes["odometer"] == .int(858_000) && rfid.attributes["driverUniqueId"] == .string("003148"))
        let driver = try position(154)
        guard case .stringValue(let license)? = driver.attributes["driverLicense"]?.kind else {
            Issue.record("no driverLicense")
            return
        }
        #expect(driver.satellites == 0 && license.hasPrefix("%  ^YENSABAICHAI$SONGKRAN$"))
    }

    @Test func alarm_raisesItsEvent() throws {
        let decoded = try decode(Self.capture(160))  // alarm code 0x75: no Traccar alarm
        #expect(decoded.kind == .position && decoded.events.isEmpty)
        let accident = try decode(Self.capture(180))  // code 0x14
        #expect(accident.kind == .alarm && accident.positions.first?.attributes["alarm"] == .string("accident") && accident.events.count == 1)
    }

    @Test func rfidRetransmissionAndOBDReports() throws {
        let rfid = try position(173)
        #expect(rfid.fixTimeMs == UTCTime.milliseconds(year: 2006, month: 6, day: 28, hour: 12, minute: 3, second: 40) && rfid.latitude == 24)
        #expect(rfid.attributes["driverUniqueId"] == .string("0010362751") && rfid.attributes["card1"] == .string("0010362751"))
        #expect(try decode(Self.capture(162)).positions.count == 5)
        let obd = try position(167)
        #expect(obd.attributes["battery"] == .double(10.1) && obd.attributes["coolantTemp"] == .int(-34) && !obd.valid)
        #expect(try position(153).attributes["dtcs"] == .string("C1E88"))
    }

    @Test func textThatIsNoSentence_isMalformed_andUnknownCommandsUnsupported() {
        let junk = MeiligaoTestFrames.uplink(command: 0x9955, data: Array("hello".utf8))
        #expect((#expect(throws: DecodeError.self) { try decode(junk) })?.errorType == "malformed")
        #expect((#expect(throws: DecodeError.self) { try decode(Self.capture(187)) })?.errorType == "unsupported")
    }

    @Test func commands_followTheOptionsAndParams() throws {
        func encode(_ type: String, _ params: [String: String] = [:], options: [String: String] = [:]) throws -> String {
            let command = Command.with { $0.type = type; $0.params = params; $0.createdMs = 1_700_000_000_000 }
            return Hex.encode(try codec.encode(command, context: SessionContext(deviceId: "123456789012345", options: options)))
        }
        func expected(_ command: UInt16, _ data: [UInt8]) -> String {
            Hex.encode(MeiligaoTestFrames.packet(0x40, id: [0x12, 0x34, 0x56, 0x78, 0x90, 0x12, 0x34], command: command, data: data))
        }
        #expect(try encode("engine_resume") == expected(0x4115, [0x00]))
        #expect(try encode("engine_stop", options: ["Alternative": "true"]) == expected(0x4114, [0x01]))
        #expect(try encode("set_timezone", ["timezone": "Europe/Berlin"]) == expected(0x4132, Array("60".utf8)))
        #expect(try encode("set_timezone", ["timezone": "UTC-03:30"]) == expected(0x4132, Array("-210".utf8)))
        #expect(try encode("reboot") == "40400011123456789012344902d53d0d0a")
        #expect(throws: CommandError.self) { try encode("alarm_geofence") }
        #expect(throws: CommandError.self) { try encode("set_timezone", ["timezone": "Mars/Olympus"]) }
        #expect(throws: CommandError.self) { try encode("custom") }
    }

    @Test func hammer_neverCrashes() {
        #expect(CodecRobustness.hammer(codec, seeds: Captures.of("meiligao").map(\.bytes), cases: CodecRobustness.caseCount(default: 50_000)) > 0)
    }
}

/// Meiligao packets built in tests, with CRC-16/CCITT-FALSE computed here.
enum MeiligaoTestFrames {
    static func crc(_ bytes: [UInt8]) -> UInt16 {
        var crc: UInt16 = 0xFFFF
        for byte in bytes {
            crc ^= UInt16(byte) << 8
            for _ in 0..<8 { crc = crc & 0x8000 != 0 ? (crc << 1) ^ 0x1021 : crc << 1 }
        }
        return crc
    }

    static func packet(_ marker: UInt8, id: ArraySlice<UInt8>, command: UInt16, data: [UInt8]) -> [UInt8] {
        let body = [marker, marker, UInt8((17 + data.count) >> 8), UInt8((17 + data.count) & 0xFF)] + id + [UInt8(command >> 8), UInt8(command & 0xFF)] + data
        let checksum = crc(body)
        return body + [UInt8(checksum >> 8), UInt8(checksum & 0xFF), 0x0D, 0x0A]
    }

    static func reply(to frame: [UInt8], command: UInt16, data: [UInt8]) -> [UInt8] { packet(0x40, id: frame[4..<11], command: command, data: data) }
    static func uplink(command: UInt16, data: [UInt8]) -> [UInt8] { packet(0x24, id: [0x12, 0x34, 0x56, 0x78, 0x90, 0x12, 0x34], command: command, data: data) }
}
