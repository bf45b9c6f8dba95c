import Foundation

/// How to tell that a started process is ready for its peers: something it says or serves, never
/// a sleep.
public enum Readiness: Sendable, CustomStringConvertible {
    /// A line of its output (logs go to stderr) contains every one of these fragments.
    case logLine([String])
    /// `GET /healthz` on 127.0.0.1:port answers 200.
    case healthz(port: Int)
    /// Something accepts TCP connections on 127.0.0.1:port (a device listener).
    case listening(port: Int)

    /// A line containing every one of `fragments`.
    public static func logLine(_ fragments: String...) -> Readiness { .logLine(fragments) }

    /// What is waited for, for failure messages.
    public var description: String {
        switch self {
        case .logLine(let fragments): "a log line with \(fragments.map { "'\($0)'" }.joined(separator: " and "))"
        case .healthz(let port): "/healthz answering 200 on port \(port)"
        case .listening(let port): "a listener on port \(port)"
        }
    }

    func holds(for process: ChildProcess) -> Bool {
        switch self {
        case .logLine(let fragments):
            (process.lines(.stderr) + process.lines(.stdout)).contains { line in fragments.allSatisfy(line.contains) }
        case .healthz(let port): LocalHTTP.get(port: port, "/healthz", timeout: 2)?.status == 200
        case .listening(let port): FreePorts.isListening(port)
        }
    }
}

/// A started process did not become ready: it exited, or time ran out.
public struct NotReady: Error, CustomStringConvertible {
    /// Which process, why, what it was waiting for, and the end of its output.
    public let description: String
}

extension ChildProcess {
    /// Starts the Trackwire executable `name` and waits until every one of `ready` holds (none:
    /// returns once started). Throws `NotReady`, with the end of its output, if the process exits
    /// first or `timeout` passes; the process is then killed.
    public static func start(
        _ name: String, _ arguments: [String], environment: [String: String] = [:], label: String? = nil, log: URL? = nil,
        ready: [Readiness], timeout: Duration = .seconds(30)
    ) async throws -> ChildProcess {
        let process = try ChildProcess(trackwire: name, arguments, environment: environment, label: label, log: log)
        try await process.waitUntilReady(ready, timeout: timeout)
        return process
    }

    /// Waits until every one of `ready` holds; throws `NotReady` (and kills the process) if it
    /// exits first or `timeout` passes.
    public func waitUntilReady(_ ready: [Readiness], timeout: Duration = .seconds(30)) async throws {
        var pending = ready
        let done = await eventually(timeout: timeout) {
            pending.removeAll { $0.holds(for: self) }
            return pending.isEmpty || !isRunning
        }
        guard done, pending.isEmpty else {
            let why = isRunning ? "not ready within \(timeout)" : "exited (\(await waitForExit(timeout: .seconds(1))?.description ?? "?"))"
            await killAndWait()
            throw NotReady(description: "\(label) \(why), waiting for \(pending.map(\.description).joined(separator: ", ")): \(tail())")
        }
    }
}
