import Codecs
import Testing
import TestSupport
import TrackwireProtocol

/// Suntech details the captures do not pin down: binary layouts, alarms, options, commands.
@Suite struct SuntechCodecTests {
    let codec = SuntechCodec()

    static func capture(line: Int) -> Capture { Captures.of("suntech").first { $0.line == line }! }

    @Test func decode_zipReport_readsBCDCoordinatesAndHemispheres() throws {
        let decoded = try codec.decode(Self.capture(line: 532).bytes, context: DecodeContext())
        let position = try #require(decoded.positions.first)
        #expect(decoded.deviceId == "511340877")
        #expect(position.fixTimeMs == 1_734_913_324_000)  // 2024-12-23 00:22:04
        #expect(abs(position.latitude + 12.063565) < 1e-9 && abs(position.longitude + 45.793653) < 1e-9)
        #expect(position.valid && position.satellites == 6)
    }

    @Test func decode_legacyAlert_setsAlarmAndRaisesEvent() throws {
        let text = "ST300ALT;205174410;14;712;20110101;00:00:07;00000;+20.593923;-100.336716;000.000;000.00;0;0;0;16.57;000000;42\r"
        let decoded = try codec.decode(Array(text.utf8), context: DecodeContext())
        #expect(decoded.kind == .alarm && decoded.positions.first?.attributes["alarm"] == .string("sos"))
        #expect(decoded.events.first?.id == "205174410-alarm-1293840007000-sos")
    }

    @Test func decode_keepAlive_isAHeartbeat() throws {
        let decoded = try codec.decode(Array("ST600ALV;008728327\r".utf8), context: DecodeContext())
        #expect(decoded.kind == .heartbeat && decoded.deviceId == "008728327")
    }

    @Test func decode_hbmHours_needTheOption() throws {
        let bytes = Self.capture(line: 595).bytes
        let plain = try codec.decode(bytes, context: DecodeContext()).positions[0]
        #expect(plain.attributes["hours"] == nil)
        let hbm = try codec.decode(bytes, context: DecodeContext(options: ["Hbm": "true"])).positions[0]
        #expect(hbm.attributes["hours"] == .int(191_280_000))
    }

    @Test func decode_st910Alert_readsTheOdometerWithProtocolType1() throws {
        let bytes = Array("ST910;Alert;123456;20141018;18:30:12;0310000100;+37.478774;+126.889690;000.000;000.00;0;4711".utf8)
        let position = try codec.decode(bytes, context: DecodeContext(options: ["ProtocolType": "1"])).positions[0]
        #expect(position.attributes["odometer"] == .int(4711) && position.attributes["alarm"] == .string("general"))
    }

    @Test func decode_impossibleBLETagCount_isMalformed() {
        let bytes = Array("BLE;1140000053;114;1.0.1;20211001;17:27:09;+28.433465;-82.565891;9223372036854775807;-43".utf8)
        #expect(throws: DecodeError.self) { try codec.decode(bytes, context: DecodeContext()) }
    }

    @Test func encode_legacyAndUniversalForms() throws {
        func encoded(_ type: String, _ options: [String: String] = [:], params: [String: String] = [:]) throws -> String {
            var command = Command()
            command.type = type
            command.params = params
            let bytes = try codec.encode(command, context: SessionContext(deviceId: "123456789012345", options: options))
            return String(decoding: bytes, as: UTF8.self)
        }
        #expect(try encoded("reboot_device") == "SA200CMD;123456789012345;02;Reboot\r")
        #expect(try encoded("engine_stop", ["Prefix": "ST300"]) == "ST300CMD;123456789012345;02;Enable1\r")
        #expect(try encoded("output_control", params: ["index": "3", "data": "0"]) == "SA200CMD;123456789012345;02;Disable3\r")
        #expect(try encoded("position_single", ["Alternative": "true"]) == "CMD;123456789012345;03;01\r")
        #expect(try encoded("output_control", ["Alternative": "true"], params: ["index": "3", "data": "1"]) == "CMD;123456789012345;04;09\r")
        #expect(throws: CommandError.self) { try encoded("set_timezone") }
    }
}
