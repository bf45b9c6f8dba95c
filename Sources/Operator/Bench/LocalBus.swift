import Foundation
import ZMQ

/// A `tw-bus` that `tw bench` starts for itself, from the directory of the running `tw` binary, on
/// six consecutive free loopback ports (so stages can join it with `--bus 127.0.0.1:<base>`);
/// stopped with SIGTERM when the benchmark ends.
final class LocalBus {
    /// The first of the six ports: broadcast-in, broadcast-out, frames-in, frames-out, store-in, store-out.
    let base: Int
    /// The frames channel's two endpoints, for connecting.
    let framesIn: String
    let framesOut: String
    /// The broadcast channel's two endpoints, for connecting.
    let broadcastIn: String
    let broadcastOut: String
    let process: StageProcess

    /// Starts `tw-bus` with all six endpoints on free ports and waits until frames-in accepts
    /// connections. Its output goes to `log` (or nowhere).
    init(options: SocketOptions, startTimeout: Duration, label: String = "bus", log: URL? = nil) throws {
        base = try PortProbe.consecutiveBase(6)
        let ports = Array(base..<base + 6)
        let names = ["broadcast-in", "broadcast-out", "frames-in", "frames-out", "store-in", "store-out"]
        var arguments = ["--http", "off", "--log-level", "warning", "--instance", "bench-\(getpid())", "--bus", "127.0.0.1:\(base)"]
        for (name, port) in zip(names, ports) { arguments += ["--\(name)", "@tcp://127.0.0.1:\(port)"] }
        framesIn = ">tcp://127.0.0.1:\(ports[2])"
        framesOut = ">tcp://127.0.0.1:\(ports[3])"
        broadcastIn = ">tcp://127.0.0.1:\(ports[0])"
        broadcastOut = ">tcp://127.0.0.1:\(ports[1])"
        process = try StageProcess("tw-bus", label: label, arguments: arguments, log: log)
        guard try BusProbe.isReachable(framesIn, options: options, timeout: startTimeout) else {
            stop()
            throw OperatorFailure("bench: the tw-bus it started did not accept connections within \(startTimeout)")
        }
    }

    /// SIGTERM, then SIGKILL if it has not exited within 3 s.
    func stop() { process.stop(patience: 3) }

    /// Ports free right now on 127.0.0.1, found by letting libzmq bind `*` and releasing them.
    static func freePorts(_ count: Int) throws -> [Int] {
        let context = try Context()
        defer { context.terminate() }
        let sockets = try (0..<count).map { _ in try context.socket(.pull, options: SocketOptions().with { $0.lingerMs = 0 }) }
        defer { sockets.forEach { $0.close() } }
        return try sockets.map { socket in
            try socket.bind("tcp://127.0.0.1:*")
            guard let port = socket.lastEndpoint.split(separator: ":").last.flatMap({ Int($0) }) else {
                throw OperatorFailure("bench: cannot read the port libzmq bound (\(socket.lastEndpoint))")
            }
            return port
        }
    }
}

/// Whether a bus listens at an endpoint: a PUSH with `ZMQ_IMMEDIATE` becomes sendable only once a
/// connection is complete.
enum BusProbe {
    static func isReachable(_ endpoints: String, options: SocketOptions, timeout: Duration) throws -> Bool {
        let context = try Context()
        defer { context.terminate() }
        let socket = try context.socket(.push, endpoints: endpoints, options: options.with { $0.lingerMs = 0 })
        defer { socket.close() }
        return try socket.waitUntilSendable(timeout: timeout)
    }
}
