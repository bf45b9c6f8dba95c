import Codecs
import Testing
import TestSupport
import TrackwireProtocol

/// Wialon IPS records, parameters, batches and commands.
@Suite struct WialonCodecTests {
    let codec = WialonCodec()
    let session = DecodeContext(deviceId: "123456789012345", receivedAtMs: 1_700_000_000_000)

    func decode(_ line: String, context: DecodeContext? = nil) throws -> Decoded {
        try codec.decode(Array(line.utf8), context: context ?? session)
    }

    @Test func shortRecord_decodesTimeFixAndMotion() throws {
        let position = try #require(try decode("#SD#270413;205601;5544.6025;N;03739.6834;E;1;2;3;4\r\n").positions.first)
        #expect(position.fixTimeMs == UTCTime.milliseconds(year: 2013, month: 4, day: 27, hour: 20, minute: 56, second: 1))
        #expect(abs(position.latitude - 55.74338) < 1e-5 && abs(position.longitude - 37.66139) < 1e-5 && position.valid)
        #expect(position.speedKmh == 1 && position.courseDeg == 2 && position.altitudeM == 3 && position.satellites == 4)
    }

    @Test func datagramPrefix_namesTheDevice_withOrWithoutAVersion() throws {
        for line in ["99999999#SD#270413;205601;5544.6025;N;03739.6834;E;1;2;3;4", "2.0;99999999#SD#270413;205601;5544.6025;N;03739.6834;E;1;2;3;4"] {
            #expect(try decode(line, context: DecodeContext(receivedAtMs: 1)).positions.first?.deviceID == "99999999")
            #expect(codec.examine(Array(line.utf8), context: SessionContext()).deviceId == "99999999")
        }
    }

    @Test func extendedRecord_readsHdopInputsAdcIbuttonAndTypedParameters() throws {
        let line = "#D#270413;205601;5544.6025;N;03739.6834;E;1;2;3;4;0.9;3;1;14.77,0.02;AB45DF01145;count1:1:564,hw:3:V4.5,motion:3:false,bat:1:99,temp:3:-7"
        let attributes = try #require(try decode(line).positions.first).attributes
        #expect(attributes["hdop"] == .double(0.9) && attributes["input"] == .int(3) && attributes["output"] == .int(1))
        #expect(attributes["adc1"] == .double(14.77) && attributes["adc2"] == .double(0.02) && attributes["driverUniqueId"] == .string("AB45DF01145"))
        #expect(attributes["count1"] == .double(564) && attributes["hw"] == .string("V4.5") && attributes["motion"] == .bool(false))
        #expect(attributes["batteryLevel"] == .int(99) && attributes["deviceTemp"] == .int(-7))
    }

    @Test func recordWithoutDateOrCoordinates_takesTheReceiveTime_andIsNotValid() throws {
        let position = try #require(try decode("#D#NA;NA;NA;NA;NA;NA;NA;NA;NA;NA;NA;NA;NA;;NA;SOS:1:0").positions.first)
        #expect(position.fixTimeMs == 1_700_000_000_000 && !position.valid && position.attributes["sos"] == .double(0))
    }

    @Test func batch_isAckedWithItsCount_andEveryRecordIsArchive() throws {
        let line = "#B#080914;073235;5027.50625;N;03026.19321;E;0.700;0.000;NA;4|080914;073420;5027.50845;N;03026.18854;E;1.996;292.540;NA;4|bad"
        #expect(codec.examine(Array(line.utf8), context: SessionContext()).reply == Array("#AB#3\r\n".utf8))
        let decoded = try decode(line)
        #expect(decoded.positions.count == 2 && decoded.positions.allSatisfy { $0.attributes["archive"] == .bool(true) })
    }

    @Test func message_isAResult_andAckedAM() throws {
        #expect(codec.examine(Array("#M#hello".utf8), context: SessionContext()).reply == Array("#AM#1\r\n".utf8))
        let decoded = try decode("#M#hello")
        #expect(decoded.kind == .commandReply && decoded.events.first?.attributes["result"] == .string("hello"))
    }

    @Test func loginAndPing_storeNothing() {
        #expect(!codec.examine(Array("#L#2.0;42001300083;;CE45".utf8), context: SessionContext()).storesData)
        #expect(codec.examine(Array("#L#2.0;42001300083;;CE45".utf8), context: SessionContext()).deviceId == "42001300083")
        #expect(!codec.examine(Array("#P#\r\n".utf8), context: SessionContext()).storesData)
    }

    @Test func recordBeforeLogin_isUnidentified_andGarbageIsMalformed() {
        let unidentified = #expect(throws: DecodeError.self) { try decode("#SD#270413;205601;5544.6025;N;03739.6834;E;1;2;3;4", context: DecodeContext()) }
        #expect(unidentified?.errorType == "unidentified")
        let malformed = #expect(throws: DecodeError.self) { try decode("#SD#270413;205601;55x4.6025;N;03739.6834;E;1;2;3;4") }
        #expect(malformed?.errorType == "malformed")
        #expect(codec.examine(Array("#SD#1;2".utf8), context: SessionContext()).reply == nil)
    }

    @Test func commands_areLines() throws {
        func encoded(_ type: String, _ params: [String: String] = [:]) throws -> String {
            String(decoding: try codec.encode(Command.with { $0.type = type; $0.params = params }, context: SessionContext()), as: UTF8.self)
        }
        #expect(try encoded("reboot") == "reboot\r\n")
        #expect(try encoded("identification") == "VER?\r\n")
        #expect(try encoded("send_ussd", ["phone": "*100#"]) == "USSD:*100#\r\n")
        #expect(try encoded("output_control", ["index": "2", "data": "1"]) == "L2=1\r\n")
        #expect(throws: CommandError.self) { try encoded("output_control") }
        #expect(throws: CommandError.self) { try encoded("engine_stop") }
    }
}
