import ArgumentParser
import Codecs
import Testing
import ZMQ
@testable import Benchmarks
@testable import BusTools
@testable import Operator
@testable import Simulator

@Suite struct CommandLineTests {
    @Test(arguments: [
        ["top", "--interval", "0.01"],
        ["top", "--by", "colour"],
        ["publish", "pos.00.x", "[1]"],
        ["publish", "--store-endpoint", "tcp:/x", "pos.00.x", "{}"],
        ["bench", "bus", "--messages", "0"],
        ["bench", "bus", "--frames-out", "smoke-signal://x"],
    ])
    func parse_rejectsBadArguments_asValidationFailures(arguments: [String]) {
        #expect(throws: (any Error).self) { try TW.parseAsRoot(arguments) }
        do {
            _ = try TW.parseAsRoot(arguments)
        } catch {
            #expect(TW.exitCode(for: error) == .validationFailure)
        }
    }

    @Test func parse_defaultsEndpointsToTheWellKnownPortsOnBus() throws {
        let tap = try #require(try TW.parseAsRoot(["tap", "--bus", "bus.local", "pos.", "hb."]) as? TapCommand)
        #expect(tap.prefixes == ["pos.", "hb."])
        #expect(tap.bus.source == ">tcp://bus.local:7101")
        let publish = try #require(try TW.parseAsRoot(["publish", "pos.00.x", "{}", "--store"]) as? PublishCommand)
        #expect(publish.store && publish.host.endpoints.storeIn == ">tcp://127.0.0.1:7104")
    }

    @Test func keygen_linesNameBothKeys() throws {
        let pair = try CurveKeyPair.generate()
        #expect(KeygenCommand.lines(for: pair) == "TW_CURVE_PUBLIC_KEY=\(pair.publicKey)\nTW_CURVE_SECRET_KEY=\(pair.secretKey)")
    }

    @Test func tw_assemblesTheSubcommandsOfEveryOperatorProduct() throws {
        #expect(try TW.parseAsRoot(["tap"]) is TapCommand)
        #expect(try TW.parseAsRoot(["status"]) is StatusCommand)
        #expect(try TW.parseAsRoot(["bench", "decode"]) is BenchDecodeCommand)
        #expect(try TW.parseAsRoot(["sim"]) is SimCommand)
    }

    /// `tw bench e2e` checks `--protocols` against the codecs; the simulator must speak them all.
    @Test func simulator_speaksEveryProtocolTheCodecsDecode() {
        #expect(Set(SimProtocols.names) == Set(CodecRegistry.all.keys))
    }
}
