import Testing
import Codecs
import TrackwireProtocol

@Suite struct TK103CommandTests {
    let codec = TK103Codec()

    @Test(arguments: [
        ("position_single", "(123456789012345AP00)"), ("get_version", "(123456789012345AP07)"),
        ("reboot", "(123456789012345AT00)"), ("engine_stop", "(123456789012345AV010)"),
        ("engine_resume", "(123456789012345AV011)"), ("position_stop", "(123456789012345AR0000000000)"),
    ])
    func standardForm_wrapsTheCodeWithTheId(_ type: String, _ expected: String) throws {
        #expect(try encode(type) == expected)
    }

    @Test func periodicPosition_writesTheIntervalAsFourHexDigits() throws {
        #expect(try encode("position_periodic", params: ["frequency": "300"]) == "(123456789012345AR00012C0000)")
    }

    @Test func smsForm_coversConnectionAndSosNumber() throws {
        let alternative = ["alternative": "true"]
        #expect(try encode("set_connection", params: ["server": "1.2.3.4", "port": "5002"], options: alternative)
            == "[begin]sms2,*setip*1*2*3*4*5002*,[end]")
        #expect(try encode("sos_number", params: ["phone": "+15550100"], options: alternative)
            == "[begin]sms2,*master*123456*+15550100*,[end]")
        #expect(try encode("alarm_sos", params: ["enable": "false"], options: alternative) == "[begin]sms2,*sosoff*,[end]")
    }

    @Test func unsupportedCommands_areRefused() {
        #expect(throws: CommandError.self) { try encode("alarm_arm") }
        #expect(throws: CommandError.self) { try encode("set_odometer", options: ["alternative": "true"]) }
    }

    private func encode(_ type: String, params: [String: String] = [:], options: [String: String] = [:]) throws -> String {
        var command = Command()
        command.type = type
        command.params = params
        let bytes = try codec.encode(command, context: SessionContext(deviceId: "123456789012345", options: options))
        return String(decoding: bytes, as: UTF8.self)
    }
}
