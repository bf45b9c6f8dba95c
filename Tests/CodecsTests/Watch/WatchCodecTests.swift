import Codecs
import Testing
import TestSupport
import TrackwireProtocol

/// Watch details the captures do not pin down: replies, alarms, escaping, commands.
@Suite struct WatchCodecTests {
    let codec = WatchCodec()

    func frame(_ text: String) -> [UInt8] { Array(text.utf8) }

    @Test func examine_replies_echoVendorAndIndex() {
        #expect(codec.examine(frame("[ZJ*014111001350304*0034*0009*LK,0,0,19]"), context: SessionContext()).reply
            == frame("[ZJ*014111001350304*0034*0002*LK]"))
        #expect(codec.examine(frame("[3G*8800000015*0004*INIT]"), context: SessionContext()).reply == frame("[3G*8800000015*0006*INIT,1]"))
        #expect(codec.examine(frame("[3G*8800000015*0004*TKQ2]"), context: SessionContext()).reply == frame("[3G*8800000015*0004*TKQ2]"))
        #expect(codec.examine(frame("[3G*8800000015*0002*UD]"), context: SessionContext()).reply == nil)
    }

    @Test func examine_lengthFieldShorterThanTheContent_isNoProblem_andAnswered() {
        let examination = codec.examine(frame("[SG*9081000548*0009*LK,0,100]"), context: SessionContext())
        #expect(examination.problem == nil && examination.reply == frame("[SG*9081000548*0002*LK]"))
        #expect(codec.examine(frame("[SG*9081000548*ZZZZ*LK]"), context: SessionContext()).problem == nil)
    }

    @Test func decode_alarmWithoutStatusBit_isAGeneralAlarm() throws {
        let text = "[3G*8800000015*0040*AL,220414,134652,A,22.571707,N,113.8613968,E,0.1,0.0,100,7,60,90,1000,50,00000000,0,0]"
        let decoded = try codec.decode(frame(text), context: DecodeContext())
        #expect(decoded.kind == .alarm && decoded.positions.first?.attributes["alarm"] == .string("general"))
        #expect(decoded.events.first?.id == "8800000015-alarm-1398174412000-general")
    }

    @Test func decode_statusBits_followTraccarsPriority() throws {
        let text = "[3G*8800000015*0040*UD,220414,134652,A,22.571707,S,113.8613968,W,0.1,0.0,100,7,60,90,1000,50,00110010,0,0]"
        let position = try #require(try codec.decode(frame(text), context: DecodeContext()).positions.first)
        #expect(position.attributes["alarm"] == .string("sos") && position.attributes["motion"] == .bool(true))
        #expect(position.latitude < 0 && position.longitude < 0)
    }

    @Test func decode_escapedVoiceClip_isUnescaped() throws {
        let escaped = Array("[CS*1234567890*000e*TK,#!AMR".utf8) + [0x7D, 0x01, 0x7D, 0x02, 0x7D, 0x03, 0x7D, 0x04, 0x7D, 0x05, 0xFF, 0x5D]
        let position = try #require(try codec.decode(escaped, context: DecodeContext()).positions.first)
        #expect(position.attributes["audio"] == .string("2321414d527d5b5d2c2aff"))
        #expect(codec.examine(escaped, context: SessionContext()).problem == nil)
    }

    @Test func encode_usesTheSessionsVendorAndIndex() throws {
        var command = Command()
        command.type = "position_single"
        let options = ["Manufacturer": "3G", "HasIndex": "true"]
        let encoded = try codec.encode(command, context: SessionContext(deviceId: "8800000015", options: options))
        #expect(encoded == frame("[SG*8800000015*0001*0002*CR]"))
    }

    @Test func encode_messageAndTimezone() throws {
        var message = Command()
        message.type = "message"
        message.params = ["message": "Hi"]
        #expect(try codec.encode(message, context: SessionContext(deviceId: "1")) == frame("[CS*1*0010*MESSAGE,00480069]"))
        var timezone = Command()
        timezone.type = "set_timezone"
        timezone.params = ["timezone": "Asia/Kathmandu", "language": "0"]
        #expect(try codec.encode(timezone, context: SessionContext(deviceId: "1")) == frame("[CS*1*000a*LZ,0,+5.75]"))
        timezone.params = ["timezone": "-3.5"]
        #expect(try codec.encode(timezone, context: SessionContext(deviceId: "1")) == frame("[CS*1*0008*LZ,,-3.5]"))
        timezone.params = ["timezone": "+99"]
        #expect(throws: CommandError.self) { try codec.encode(timezone, context: SessionContext(deviceId: "1")) }
    }
}
