import ArgumentParser
import Atomics
import Foundation
import TrackwireRuntime

/// `tw sim`: N simulated vehicles, each a real client of its tracker protocol, driving plausible
/// routes and reporting to a gateway.
public struct SimCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "sim",
        abstract: "Simulate GPS trackers: N vehicles drive routes and report to a gateway in real tracker protocols.",
        discussion: """
            Each device logs in, sends positions and heartbeats, waits for the gateway's acks and resends what \
            stays unacknowledged (after --ack-timeout, or after reconnecting with backoff), as real trackers do. \
            Positions of \(SimProtocols.names.filter(SimProtocols.acksPositions).joined(separator: ", ")) are acknowledged by \
            a reply; the other protocols' servers answer nothing to a position, so those count as acknowledged once written. \
            A protocol is simulated over its device's transport (TCP, osmand: HTTP, calamp: UDP); name/udp chooses UDP \
            where the device speaks both (teltonika/udp, eelink/udp): one datagram per message, the reply datagram its ack, unacked datagrams \
            sent again after --ack-timeout. Devices are spread over --protocols round-robin; device i has IMEI \
            --id-base + i (tk103: its last 12 digits). \
            Progress goes to stderr; --json prints one stats object a second, and a final one, on stdout.
            """
    )

    @Option(help: "Number of simulated devices.")
    var devices = 10

    @Option(help: "Positions per second per device (fractional allowed, e.g. 0.2).")
    var rate = 1.0

    @Option(help: "Protocols, comma-separated: \((SimProtocols.names + SimProtocols.udpEntries).joined(separator: ",")).")
    var protocols = "gt06,teltonika,osmand"

    @Option(help: "Gateway host.")
    var gateway = "127.0.0.1"

    @Option(name: .customLong("port"), help: "Port for one protocol, proto=N (or proto/udp=N for its UDP devices only); repeatable (default: the gateway's default ports).")
    var portOverrides: [String] = []

    @Option(help: "How long to run, e.g. 30s or 5m (default: until Ctrl-C).")
    var duration: String?

    @Option(help: "Where vehicles drive: lat,lon,radius_km.")
    var area = "52.52,13.405,15"

    @Option(help: "IMEI of device 0; device i gets id-base + i.")
    var idBase: UInt64 = 860_000_000_000_000

    @Option(help: "Seed for routes and timings; the same seed drives the same routes.")
    var seed: UInt64 = 1

    @Option(help: "Heartbeat interval, for protocols that have one.")
    var heartbeat = "60s"

    @Option(help: "Resend unacknowledged positions after this long.")
    var ackTimeout = "10s"

    @Option(help: "Most unacknowledged positions per device on the wire.")
    var window = 8

    @Option(help: "At the end, wait this long for outstanding acks.")
    var drain = "5s"

    @Option(help: "Event loop threads.")
    var threads = min(2, ProcessInfo.processInfo.activeProcessorCount)

    @Flag(help: "Print a JSON stats object every second, and a final summary object, on stdout.")
    var json = false

    @Option(help: "Write every position the gateway acknowledged by a reply to this file, one 'device,fix_time_ms' line each (the chaos suite compares it with the database).")
    var ledger: String?

    /// Made by ArgumentParser.
    public init() {}

    public func validate() throws { _ = try makeConfiguration() }

    public func run() async throws {
        let configuration = try makeConfiguration()
        let interrupted = ManagedAtomic(false)
        let signals = [SIGINT, SIGTERM].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number)
            source.setEventHandler { interrupted.store(true, ordering: .relaxed) }
            source.resume()
            return source
        }
        defer { signals.forEach { $0.cancel() } }
        try await SimRun(configuration: configuration).run(interrupted: interrupted, reporter: SimReporter(json: json, devices: devices))
    }

    /// The options as a configuration; a `ValidationError` names the bad one.
    func makeConfiguration() throws -> SimConfiguration {
        var c = SimConfiguration()
        guard devices > 0, rate > 0, rate <= 100, window > 0, threads > 0 else {
            throw ValidationError("--devices, --window and --threads must be positive and --rate in (0, 100]")
        }
        c.devices = devices
        c.rate = rate
        c.protocols = protocols.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        if let unknown = c.protocols.first(where: { SimProtocols.named($0) == nil }) ?? (c.protocols.isEmpty ? "" : nil) {
            throw ValidationError("--protocols: '\(unknown)' is not one of \((SimProtocols.names + SimProtocols.udpEntries).joined(separator: ","))")
        }
        for entry in portOverrides {
            let parts = entry.split(separator: "=")
            guard parts.count == 2, SimProtocols.named(String(parts[0])) != nil, let port = Int(parts[1]), (1...65535).contains(port) else {
                throw ValidationError("--port '\(entry)' must be protocol=port, e.g. gt06=5023 or teltonika/udp=5027")
            }
            c.ports[String(parts[0])] = port
        }
        guard let area = SimArea(area) else { throw ValidationError("--area '\(area)' must be lat,lon,radius_km with radius ≥ 0.5") }
        c.area = area
        c.host = gateway
        c.idBase = idBase
        c.seed = seed
        c.threads = threads
        c.json = json
        c.ledgerPath = ledger
        c.durationMs = try duration.map { try Self.milliseconds($0, option: "--duration") }
        c.heartbeatMs = try Self.milliseconds(heartbeat, option: "--heartbeat")
        c.drainMs = try Self.milliseconds(drain, option: "--drain", allowZero: true)
        c.session.ackTimeoutMs = try Self.milliseconds(ackTimeout, option: "--ack-timeout")
        c.session.window = window
        return c
    }

    private static func milliseconds(_ text: String, option: String, allowZero: Bool = false) throws -> Int64 {
        guard let parsed = ConfigDuration(text), parsed.milliseconds > 0 || allowZero && parsed.milliseconds == 0 else {
            throw ValidationError("\(option) '\(text)' is not a duration like 30s")
        }
        return parsed.milliseconds
    }
}
