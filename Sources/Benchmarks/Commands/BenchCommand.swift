import ArgumentParser
import TrackwireTesting

/// `tw bench`: measurements; benchmarks print numbers and never assert.
public struct BenchCommand: ParsableCommand {
    /// `bench` and its subcommands.
    public static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure throughput.",
        subcommands: [BenchBusCommand.self, BenchDecodeCommand.self, BenchGatewayCommand.self, BenchAbuseCommand.self, BenchStorageCommand.self, BenchGeofenceCommand.self, BenchPushCommand.self, BenchE2ECommand.self]
    )

    /// Made by ArgumentParser.
    public init() {}

    /// Whether `arguments` (without the executable) run a benchmark: those start tw-bus, gateways
    /// and whole pipelines, which must not outlive a `tw bench` that is killed.
    public static func isChosen(by arguments: [String]) -> Bool { arguments.first == configuration.commandName }

    /// Makes SIGTERM, SIGINT and SIGHUP stop every process a benchmark started before `tw` exits.
    public static func stopChildrenOnTermination() { RunningChildren.stopOnTermination() }
}
