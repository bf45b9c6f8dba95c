import ArgumentParser
import Benchmarks
import BusTools
import Simulator

/// `tw`, the operator's command line: looks at and talks to a running Trackwire bus. It only
/// assembles the subcommands of the operator products: the bus tools, the benchmarks, the simulator.
public struct TW: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "tw",
        abstract: "Trackwire's operator command line: tap, top, status, publish, keygen, bench, sim, decode.",
        discussion: "Every command that joins a bus takes --bus HOST (env TW_BUS, default 127.0.0.1).",
        subcommands: [
            TapCommand.self, TopCommand.self, StatusCommand.self,
            PublishCommand.self, KeygenCommand.self, BenchCommand.self, SimCommand.self, DecodeCommand.self,
        ]
    )

    /// Made by ArgumentParser.
    public init() {}
}
