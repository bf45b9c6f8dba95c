import Decoder
import Foundation
import Testing
import TrackwireRuntime

@Suite(.serialized) struct DecoderCommandTests {
    @Test func configuration_withNoFlags_joinsTheBusOnItsWellKnownPorts() throws {
        let configuration = try DecoderCommand.parse(["--bus", "bus.internal"]).decoderConfiguration()
        #expect(configuration == DecoderConfiguration(
            frames: ">tcp://bus.internal:7103", publish: ">tcp://bus.internal:7100", store: ">tcp://bus.internal:7104"
        ))
    }

    @Test func configuration_flagBeatsEnvironmentBeatsBus() throws {
        setenv("TW_FRAMES", ">tcp://from-env:1", 1)
        setenv("TW_STORE", ">tcp://from-env:2", 1)
        defer { unsetenv("TW_FRAMES"); unsetenv("TW_STORE") }
        let configuration = try DecoderCommand.parse(["--frames", "@tcp://*:9103", "--drain-timeout", "500ms"]).decoderConfiguration()
        #expect(configuration.frames == "@tcp://*:9103")
        #expect(configuration.store == ">tcp://from-env:2")
        #expect(configuration.publish == ">tcp://127.0.0.1:7100")
        #expect(configuration.drainTimeout.milliseconds == 500)
    }

    @Test(arguments: [["--store", "nowhere"], ["--publish", ""], ["--drain-timeout", "soon"]])
    func checkConfiguration_badValue_throwsAConfigurationError(arguments: [String]) throws {
        let command = try DecoderCommand.parse(arguments)
        #expect(throws: ConfigurationError.self) { try command.checkConfiguration() }
    }
}
