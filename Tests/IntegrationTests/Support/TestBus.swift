import Foundation
import TestSupport

/// A real `tw-bus` on six free loopback ports of its own, so tests can run in parallel.
final class TestBus: Sendable {
    /// The channel endpoints, in flag order: broadcast-in, broadcast-out, frames-in, frames-out,
    /// store-in, store-out.
    static let flags = ["broadcast-in", "broadcast-out", "frames-in", "frames-out", "store-in", "store-out"]

    let ports: [Int]
    let instance: String
    let process: TestProcess

    /// Starts the bus and waits until all three channels are up.
    init(instance: String = "it-\(UUID().uuidString.prefix(8).lowercased())", extraArguments: [String] = []) async throws {
        ports = FreePorts.allocate(6)
        self.instance = instance
        process = try TestProcess(Executables.url("tw-bus"), Self.arguments(ports: ports, instance: instance) + extraArguments)
        let ready = await process.waitForLine(.stderr, timeout: .seconds(15)) { $0.contains("channel=store") && $0.contains("channel up") }
        guard ready != nil else {
            await process.killAndWait()
            throw TestBusError("tw-bus did not come up: \(process.stderr)")
        }
    }

    /// All six endpoint flags binding the given ports, `--http 127.0.0.1:0` and `--instance`.
    static func arguments(ports: [Int], instance: String) -> [String] {
        zip(flags, ports).flatMap { ["--\($0)", "@tcp://127.0.0.1:\($1)"] } + ["--http", "127.0.0.1:0", "--instance", instance]
    }

    /// Where a peer connects to the endpoint of `flag` (e.g. `broadcast-out`).
    func endpoint(_ flag: String) -> String {
        "tcp://127.0.0.1:\(ports[Self.flags.firstIndex(of: flag)!])"
    }

    var broadcastIn: String { endpoint("broadcast-in") }
    var broadcastOut: String { endpoint("broadcast-out") }

    /// SIGTERM, and how it ended within `timeout`.
    func stop(timeout: Duration = .seconds(5)) async -> TestProcess.Exit? {
        process.signal(SIGTERM)
        return await process.waitForExit(timeout: timeout)
    }
}

/// The bus could not be started.
struct TestBusError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Runs `tw` with arguments.
func tw(_ arguments: String...) throws -> TestProcess {
    try TestProcess(Executables.url("tw"), arguments)
}
