import Codecs
import Testing
import TestSupport
import TrackwireProtocol

/// JT808 downlinks: the terminal id a device id encodes, and each command's message.
@Suite struct JT808CommandEncoderTests {
    let codec = JT808Codec()
    let imei = SessionContext(deviceId: "123456789012345")

    func command(_ type: String, text: String = "", params: [String: String] = [:]) -> Command {
        Command.with {
            $0.type = type
            $0.text = text
            $0.params = params
            $0.createdMs = 1_700_000_000_000
        }
    }

    @Test func engineStop_isTerminalControlF0_toTheIMEIsTerminalId() throws {
        #expect(try codec.encode(command("engine_stop"), context: imei) == Hex.decode("7e810500010b3a73ce2ff20000f0247e"))
    }

    @Test func engineResume_withAlternative_isOilControl_withTheTerminalsLocalTime() throws {
        let context = SessionContext(deviceId: "123456789012345", options: ["Alternative": "true"])
        let frame = try codec.encode(command("engine_resume"), context: context)
        #expect(Array(frame.prefix(3)) == [0x7E, 0xA0, 0x06])
        #expect(Hex.encode(Array(frame[13..<20])) == "00231115061320")  // resume, 2023-11-15 06:13:20 GMT+8
    }

    @Test func shortDeviceId_isPaddedToTwelveBCDDigits() throws {
        let frame = try codec.encode(command("reboot"), context: SessionContext(deviceId: "13912345678"))
        #expect(Hex.encode(Array(frame[5..<11])) == "013912345678")
        #expect(Hex.encode(Array(frame[13..<17])) == "01230103")
    }

    @Test func positionPeriodic_setsTheIntervalParameter_andNeedsAFrequency() throws {
        let frame = try codec.encode(command("position_periodic", params: ["frequency": "30"]), context: imei)
        #expect(Hex.encode(Array(frame[1..<3])) == "0310" && Hex.encode(Array(frame[13..<20])) == "0106040000001e")
        #expect(throws: CommandError.self) { try codec.encode(command("position_periodic"), context: imei) }
    }

    @Test func custom_goesByModel() throws {
        #expect(try codec.encode(command("custom", text: "7e0102"), context: imei) == [0x7E, 0x01, 0x02])
        let text = try codec.encode(command("custom", text: "WHERE#"), context: imei)
        #expect(Hex.encode(Array(text[1..<3])) == "8300" && text[13] == 0x01)
        let jimi = SessionContext(deviceId: "123456789012345", options: ["ModelOverride": "JC371"])
        #expect(try codec.encode(command("custom", text: "TEST"), context: jimi) == Hex.decode("7e890000050b3a73ce2ff20000f0544553543b7e"))
    }

    @Test func unknownType_orNonDigitDevice_isRefused() {
        #expect(throws: CommandError.self) { try codec.encode(command("frobnicate"), context: imei) }
        #expect(throws: CommandError.self) { try codec.encode(command("reboot"), context: SessionContext(deviceId: "tracker-7")) }
    }
}
