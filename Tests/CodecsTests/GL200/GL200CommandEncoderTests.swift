import Testing
import TrackwireProtocol
@testable import Codecs

@Suite struct GL200CommandEncoderTests {
    let codec = GL200Codec()

    func encode(_ type: String, params: [String: String] = [:], text: String = "") throws -> String {
        var command = Command()
        command.type = type
        command.params = params
        command.text = text
        return String(decoding: try codec.encode(command, context: SessionContext()), as: UTF8.self)
    }

    @Test(arguments: [
        ("position_single", "AT+GTRTO=,1,,,,,,FFFF$"),
        ("identification", "AT+GTRTO=,8,,,,,,FFFF$"),
        ("reboot", "AT+GTRTO=,3,,,,,,FFFF$"),
        ("engine_stop", "AT+GTOUT=,1,,,0,0,0,0,0,0,0,,,,,,,FFFF$"),
        ("engine_resume", "AT+GTOUT=,0,,,0,0,0,0,0,0,0,,,,,,,FFFF$"),
    ])
    func command_isTheATLineTraccarSends(_ type: String, expected: String) throws {
        #expect(try encode(type) == expected)
    }

    @Test func password_goesAfterTheEqualsSign() throws {
        #expect(try encode("engine_stop", params: ["password": "gl200"]) == "AT+GTOUT=gl200,1,,,0,0,0,0,0,0,0,,,,,,,FFFF$")
    }

    @Test func custom_sendsTheTextAsIs() throws {
        #expect(try encode("custom", text: "AT+GTQSS=gl200,,,,,,,,,,,FFFF$") == "AT+GTQSS=gl200,,,,,,,,,,,FFFF$")
        #expect(throws: CommandError.self) { try encode("custom") }
    }

    @Test func unsupportedCommand_isRefused() {
        #expect(throws: CommandError.self) { try encode("set_timezone") }
    }
}
