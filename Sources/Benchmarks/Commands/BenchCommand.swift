import ArgumentParser

/// `tw bench`: measurements; benchmarks print numbers and never assert.
public struct BenchCommand: ParsableCommand {
    /// `bench` and its subcommands.
    public static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure throughput.",
        subcommands: [BenchBusCommand.self, BenchDecodeCommand.self, BenchGatewayCommand.self, BenchStorageCommand.self, BenchGeofenceCommand.self, BenchPushCommand.self, BenchE2ECommand.self]
    )

    /// Made by ArgumentParser.
    public init() {}
}
