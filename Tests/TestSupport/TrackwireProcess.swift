import Foundation

/// A Trackwire executable for tests that wait synchronously (harnesses whose `deinit` stops the
/// processes): `TestProcess` underneath, with stdout and stderr read together.
public final class TrackwireProcess: @unchecked Sendable {
    public let name: String
    private let child: TestProcess

    /// Starts `name` (e.g. `tw-gateway`) from the built executables.
    public init(_ name: String, _ arguments: [String], environment: [String: String] = [:]) throws {
        self.name = name
        child = try TestProcess(Executables.url(name), arguments, environment: environment)
    }

    /// Everything printed so far, stdout then stderr.
    public var text: String { child.stdout + child.stderr }
    public var pid: Int32 { child.pid }

    /// A tw-bus with its six endpoints at `base` + 0..5 on 127.0.0.1.
    public static func bus(base: Int) throws -> TrackwireProcess {
        let flags = ["--broadcast-in", "--broadcast-out", "--frames-in", "--frames-out", "--store-in", "--store-out"]
        return try TrackwireProcess("tw-bus", flags.enumerated().flatMap { [$1, "@tcp://127.0.0.1:\(base + $0)"] }
            + ["--http", "off", "--bus", "127.0.0.1:\(base)", "--instance", "bus-\(base)"])
    }
    public var isRunning: Bool { child.isRunning }

    /// Waits until the output contains `needle`; false on timeout or exit.
    @discardableResult
    public func waitFor(_ needle: String, timeout: TimeInterval = 10) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if text.contains(needle) { return true }
            if !child.isRunning { return text.contains(needle) }
            Thread.sleep(forTimeInterval: 0.02)
        }
        return false
    }

    public func signal(_ signal: Int32) { child.signal(signal) }

    /// SIGTERM, then the exit status (`nil` if it did not stop within `timeout`).
    public func stop(timeout: TimeInterval = 5) -> Int32? {
        child.signal(SIGTERM)
        let deadline = Date().addingTimeInterval(timeout)
        while child.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.01) }
        return child.isRunning ? nil : child.terminationStatus
    }
}

extension FreePorts {
    /// The first of `count` consecutive free ports (a bus needs six: `--bus 127.0.0.1:<base>`).
    public static func consecutiveBase(_ count: Int = 6) -> Int {
        while true {
            let candidate = one()
            guard candidate < 65_000 else { continue }
            if (1..<count).allSatisfy({ isFree(candidate + $0) }) { return candidate }
        }
    }

    /// Whether a TCP port on 127.0.0.1 can be bound right now.
    public static func isFree(_ port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = UInt16(port).bigEndian
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        } == 0
    }
}
