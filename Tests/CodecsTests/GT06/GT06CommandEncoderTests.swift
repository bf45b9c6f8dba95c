import Codecs
import Testing
import TestSupport
import TrackwireProtocol

/// 0x80 downlink commands, checked against frames built independently of the encoder.
@Suite struct GT06CommandEncoderTests {
    let codec = GT06Codec()

    func command(_ type: String, text: String = "", params: [String: String] = [:]) -> Command {
        var command = Command()
        command.type = type
        command.text = text
        command.params = params
        return command
    }

    func encode(_ command: Command, options: [String: String] = [:]) throws -> String {
        Hex.encode(try codec.encode(command, context: SessionContext(deviceId: "123456789012345", options: options)))
    }

    @Test func engineStopAndResume_sendRelayCommands() throws {
        #expect(try encode(command("engine_stop")) == "787812800c0000000052656c61792c312300009dee0d0a")
        #expect(try encode(command("engine_resume")) == "787812800c0000000052656c61792c3023000081550d0a")
    }

    @Test func alternative_sendsTheDYDFormWithThePassword() throws {
        let stop = command("engine_stop", params: ["password": "654321"])
        #expect(try encode(stop, options: ["Alternative": "true"]) == "787815800f000000004459442c363534333231230000bc820d0a")
    }

    @Test func g109_sendsThePasswordlessForm() throws {
        #expect(try encode(command("engine_resume"), options: ["ModelOverride": "G109"]) == "78780f80090000000048465944230000d0560d0a")
    }

    @Test func custom_sendsTheText_withTheLanguageFieldWhenAsked() throws {
        #expect(try encode(command("custom", text: "WHERE#"), options: ["Language": "true"])
            == "787812800a0000000057484552452300020000b2f20d0a")
    }

    @Test func unsupportedOrUnsendableCommands_throw() {
        #expect(throws: CommandError.self) { try encode(command("reboot")) }
        #expect(throws: CommandError.self) { try encode(command("custom")) }
        #expect(throws: CommandError.self) { try encode(command("custom", text: "Relé,1#")) }
        #expect(throws: CommandError.self) { try encode(command("custom", text: String(repeating: "A", count: 246))) }
        #expect(throws: Never.self) { try encode(command("custom", text: String(repeating: "A", count: 245))) }
    }
}
