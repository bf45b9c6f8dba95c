import NIOCore

/// Everything a `tw sim` run needs, validated by `SimCommand`.
struct SimConfiguration: Sendable {
    var devices = 10
    /// Positions per second per device.
    var rate = 1.0
    var protocols = ["gt06", "teltonika", "osmand"]
    var host = "127.0.0.1"
    /// Port per protocol or entry (`teltonika/udp`); protocols not listed use the gateway's default.
    var ports: [String: Int] = [:]
    /// `nil`: until interrupted.
    var durationMs: Int64?
    var area = SimArea.berlin
    var idBase: UInt64 = 860_000_000_000_000
    var seed: UInt64 = 1
    var heartbeatMs: Int64 = 60_000
    var drainMs: Int64 = 5_000
    var session = SimSession.Settings()
    var threads = 2
    var json = false
    /// `--ledger`: where every acknowledged position is recorded.
    var ledgerPath: String?

    /// Device `index` speaks the protocols round-robin.
    func protocolName(device index: Int) -> String { protocols[index % protocols.count] }

    /// The 15-digit IMEI of device `index`: `--id-base` plus the index.
    func imei(device index: Int) -> String {
        let digits = String(idBase + UInt64(index))
        return String(repeating: "0", count: max(0, 15 - digits.count)) + digits
    }

    /// The entry's own port, else its protocol's, else the gateway's default.
    func port(for entry: String) -> Int { ports[entry] ?? ports[SimProtocols.split(entry).name] ?? SimProtocols.defaultPort(entry) ?? 0 }

    /// Device `index`'s connection and timings.
    func plan(device index: Int) -> SimulatedDevice.Plan {
        SimulatedDevice.Plan(imei: imei(device: index), host: host, port: port(for: protocolName(device: index)),
                             fixInterval: .nanoseconds(Int64(1e9 / rate)), heartbeatInterval: .milliseconds(heartbeatMs), session: session)
    }

    /// Connections are spread over the first second (or the first fix interval, if shorter).
    func startDelay(device index: Int) -> TimeAmount {
        .nanoseconds(Int64(Double(index) / Double(devices) * min(1e9, 1e9 / rate)))
    }
}
