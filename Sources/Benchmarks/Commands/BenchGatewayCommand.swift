import ArgumentParser
import BusTools
import Foundation
import TrackwireTesting
import ZMQ

/// `tw bench gateway`: acks/s for N concurrent GT06 devices against a tw-gateway it starts, whose
/// frames are drained straight from its frames socket (no decoders in the way).
struct BenchGatewayCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gateway",
        abstract: "Measure acks/s of tw-gateway for N concurrent TCP devices that wait for each ack."
    )

    @Option(help: "Concurrent devices, comma-separated for several runs.")
    var devices = "100,1000"

    @Option(help: "Seconds per run.")
    var seconds: Double = 5

    func validate() throws {
        guard seconds > 0, !deviceCounts.isEmpty, deviceCounts.allSatisfy({ $0 > 0 }) else {
            throw ValidationError("--devices takes positive counts (e.g. 100,1000) and --seconds must be positive")
        }
        // tw bench holds one socket a device, and so does tw-gateway (it inherits the limit).
        let needed = deviceCounts.max()! + Self.spareDescriptors
        let allowed = OpenFileLimit.raiseToHardLimit()
        guard needed <= allowed else {
            throw ValidationError(
                "--devices \(deviceCounts.max()!) needs \(needed) open files in tw bench and in tw-gateway; a process may open \(allowed) here (ulimit -n)"
            )
        }
    }

    /// Descriptors besides the devices' sockets: libzmq, NIO's selectors and pipes, logs.
    static let spareDescriptors = 128

    var deviceCounts: [Int] { devices.split(separator: ",").compactMap { Int($0) } }

    func run() async throws {
        let context = try Context()
        defer { context.terminate() }
        let frames = try context.socket(.pull, options: SocketOptions().with { $0.lingerMs = 0; $0.receiveTimeoutMs = 100 })
        try frames.bind("tcp://127.0.0.1:*")
        let port = FreePorts.one()
        let draining = Drain(socket: frames)
        defer { draining.stop() }
        let gateway = try await Self.startGateway(port: port, frames: frames.lastEndpoint, maxConnections: deviceCounts.max()! + 16)
        defer { gateway.stop() }
        for count in deviceCounts {
            let seconds = self.seconds
            let progress = ProgressTimer { String(format: "bench gateway: %d devices, %.0f of %.0f s", count, $0.inSeconds, seconds) }
            defer { progress.stop() }
            let idle = ProcessSample(pid: gateway.pid)?.rssBytes ?? 0
            var busy = idle
            let result = try await GatewayLoad.run(port: port, devices: count, duration: .seconds(seconds)) {
                busy = ProcessSample(pid: gateway.pid)?.rssBytes ?? idle
            }
            // Memory the gateway took for the connections, read once every device is connected.
            let perConnection = Double(max(0, busy - idle)) / Double(count) / 1024
            Output.line(String(format: "gateway: %d devices, %.0f acks/s (%d acks in %.1f s), %.1f KB of gateway memory a connection (RSS %.0f MB)",
                               count, result.acksPerSecond, result.acks, result.seconds, perConnection, Double(busy) / 1_048_576))
        }
    }

    /// A tw-gateway pushing frames to `frames`, ready once its GT06 listener accepts connections.
    /// The lockstep devices send as fast as they are acked, far beyond `--max-frame-rate`, all from
    /// 127.0.0.1: the limits are off here (`tw bench abuse` measures them).
    static func startGateway(port: Int, frames: String, maxConnections: Int) async throws -> ChildProcess {
        try await startGateway(listen: "gt06:tcp:\(port)", ready: [.listening(port: port)], frames: frames, extra: [
            "--max-connections", String(maxConnections), "--max-connections-per-address", String(maxConnections), "--max-frame-rate", "0",
        ])
    }

    /// A tw-gateway serving `listen`, pushing frames to `frames`, with `extra` flags.
    static func startGateway(listen: String, ready: [Readiness], frames: String, extra: [String]) async throws -> ChildProcess {
        try await ChildProcess.start("tw-gateway", [
            "--listen", listen, "--listen-host", "127.0.0.1", "--http", "off", "--log-level", "warning",
            "--frames", ">" + frames, "--publish", ">tcp://127.0.0.1:1", "--store", ">tcp://127.0.0.1:1",
            "--commands", ">tcp://127.0.0.1:1", "--instance", "bench-gateway",
            // The gateway alone: no storage confirms frames here, so acks are sent on receipt.
            "--ack", "receipt",
        ] + extra, ready: ready)
    }
}

/// Receives and discards on a dedicated thread until stopped.
final class Drain: @unchecked Sendable {
    private let lock = NSLock()
    private var stopped = false

    init(socket: Socket) {
        DedicatedThread.start(name: "bench-drain") { [self] in
            defer { socket.close() }
            while !isStopped { _ = try? socket.receive(wait: true) }
        }
    }

    var isStopped: Bool { lock.withLock { stopped } }
    func stop() { lock.withLock { stopped = true } }
}
