import ArgumentParser

/// Where `tap`, `top` and `status` subscribe: `--bus HOST`, or `--endpoint` for an explicit
/// broadcast-out endpoint list.
struct SubscriberOptions: ParsableArguments {
    @OptionGroup var host: BusHostOptions

    @Option(help: "Broadcast endpoint to subscribe at (default: >tcp://<bus>:7101).")
    var endpoint: String?

    func validate() throws {
        try BusHostOptions.validate(endpoint, flag: "endpoint")
    }

    /// The endpoint list in use, for messages and headers.
    var source: String { endpoint ?? host.endpoints.broadcastOut }

    /// A subscription to `prefixes` (empty: everything) at `source`.
    func subscribe(_ prefixes: [String]) throws -> BusSubscription {
        try BusSubscription(endpoints: source, prefixes: prefixes, options: host.socketOptions)
    }
}
