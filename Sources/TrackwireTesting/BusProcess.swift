import Foundation

/// A real `tw-bus` on six consecutive free loopback ports of its own (so stages join it with
/// `--bus 127.0.0.1:<base>` and tests can run side by side), ready once all three channels are
/// bound. The one way tests and `tw bench` start a bus.
public final class BusProcess: Sendable {
    /// The bus's endpoints, in port order from `base`.
    public enum Channel: Int, CaseIterable, Sendable {
        case broadcastIn, broadcastOut, framesIn, framesOut, storeIn, storeOut

        /// The tw-bus flag that binds it (`broadcast-in`, ...).
        public var flag: String {
            ["broadcast-in", "broadcast-out", "frames-in", "frames-out", "store-in", "store-out"][rawValue]
        }
    }

    /// The first of the six ports (broadcast-in); `--bus 127.0.0.1:<base>` reaches them all.
    public let base: Int
    /// Its `--instance`, as heartbeats name it.
    public let instance: String
    /// The process itself (signals, output, exit).
    public let process: ChildProcess

    /// Starts the bus and waits (up to `timeout`) until its store channel, the last one it binds,
    /// is up. `arguments` are added to the endpoint, `--http off` and `--instance` flags
    /// (`environment` to its variables, e.g. CURVE keys); `log` keeps its output in a file too.
    public static func start(
        instance: String = "bus-\(UUID().uuidString.prefix(8).lowercased())", arguments: [String] = [], environment: [String: String] = [:],
        label: String = "bus", log: URL? = nil, timeout: Duration = .seconds(30)
    ) async throws -> BusProcess {
        let base = FreePorts.consecutiveBase(Channel.allCases.count)
        // tw-bus binds all six channels from --bus (loopback, ports base...base+5).
        let process = try await ChildProcess.start(
            "tw-bus", ["--http", "off", "--bus", "127.0.0.1:\(base)", "--instance", instance] + arguments,
            environment: environment, label: label, log: log, ready: [.logLine("channel=store", "channel up")], timeout: timeout
        )
        return BusProcess(base: base, instance: instance, process: process)
    }

    private init(base: Int, instance: String, process: ChildProcess) {
        self.base = base
        self.instance = instance
        self.process = process
    }

    /// `127.0.0.1:<base>`, the value of a stage's `--bus` flag.
    public var address: String { "127.0.0.1:\(base)" }

    /// Where a peer connects to `channel`: `tcp://127.0.0.1:<port>`.
    public func endpoint(_ channel: Channel) -> String { "tcp://127.0.0.1:\(base + channel.rawValue)" }

    /// Producers publish here (XSUB).
    public var broadcastIn: String { endpoint(.broadcastIn) }
    /// Consumers subscribe here (XPUB).
    public var broadcastOut: String { endpoint(.broadcastOut) }

    /// SIGTERM and, after `patience`, SIGKILL; how it ended. Blocks the caller.
    @discardableResult
    public func stop(patience: Duration = .seconds(5)) -> ChildProcess.Exit? { process.stop(patience: patience) }
}
