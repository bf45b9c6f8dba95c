import Foundation

/// A real Trackwire executable started by a test: output captured, signalled, awaited with a
/// deadline, and killed if the test forgets (so a failing test never leaves processes behind).
public final class TrackwireProcess: @unchecked Sendable {
    public let name: String
    private let process = Process()
    private let output = NSMutableString(capacity: 4096)
    private let lock = NSLock()

    /// Where the executables are: `$TW_BIN_DIR`, else beside the running test bundle, else `.build/debug`.
    public static var binDirectory: URL {
        if let dir = ProcessInfo.processInfo.environment["TW_BIN_DIR"] { return URL(fileURLWithPath: dir) }
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        if FileManager.default.isExecutableFile(atPath: beside.appendingPathComponent("tw-bus").path) { return beside }
        return RepositoryPaths.root.appendingPathComponent(".build/debug")
    }

    /// Starts `name` (e.g. `tw-bus`) with arguments; stdout and stderr are captured together.
    public init(_ name: String, _ arguments: [String], environment: [String: String] = [:]) throws {
        self.name = name
        process.executableURL = Self.binDirectory.appendingPathComponent(name)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        pipe.fileHandleForReading.readabilityHandler = { [weak self] handle in
            let data = handle.availableData
            guard let self, !data.isEmpty else { return }
            self.lock.lock()
            self.output.append(String(decoding: data, as: UTF8.self))
            self.lock.unlock()
        }
        try process.run()
    }

    /// Everything the process printed so far.
    public var text: String {
        lock.lock()
        defer { lock.unlock() }
        return output as String
    }

    public var pid: Int32 { process.processIdentifier }
    public var isRunning: Bool { process.isRunning }

    /// Waits until the output contains `needle`; false on timeout or exit.
    @discardableResult
    public func waitFor(_ needle: String, timeout: TimeInterval = 10) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if text.contains(needle) { return true }
            if !process.isRunning { return text.contains(needle) }
            Thread.sleep(forTimeInterval: 0.02)
        }
        return false
    }

    public func signal(_ signal: Int32) { kill(process.processIdentifier, signal) }

    /// Waits for exit and returns the status, or `nil` on timeout.
    public func waitForExit(timeout: TimeInterval = 10) -> Int32? {
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.01) }
        return process.isRunning ? nil : process.terminationStatus
    }

    /// SIGTERM, then the exit status (`nil` if it did not stop within `timeout`).
    public func stop(timeout: TimeInterval = 5) -> Int32? {
        signal(SIGTERM)
        return waitForExit(timeout: timeout)
    }

    deinit {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }
}

/// Local ports for tests that run in parallel.
public enum LocalPorts {
    /// A TCP port that was free a moment ago (bind to port 0, read it, close).
    public static func free() -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) }
        }
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}

extension LocalPorts {
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
