import Foundation

/// A child process started by a test: its stdout and stderr captured, waited for with deadlines,
/// signalled, and killed if the test forgets it. Waiting is async (it polls), so tests never block
/// Swift's cooperative pool.
public final class TestProcess: @unchecked Sendable {
    /// How a process ended.
    public enum Exit: Equatable, Sendable, CustomStringConvertible {
        case exited(Int32)
        case signalled(Int32)

        public var description: String {
            switch self {
            case .exited(let code): "exit code \(code)"
            case .signalled(let signal): "killed by signal \(signal)"
            }
        }
    }

    /// Which captured stream.
    public enum Stream: Sendable { case stdout, stderr }

    private let process = Process()
    private let stdoutCapture = OutputCapture()
    private let stderrCapture = OutputCapture()
    /// The command line, for failure messages.
    public let commandLine: String

    /// Starts `executable` with `arguments`; the environment is the test's plus `environment`.
    public init(_ executable: URL, _ arguments: [String], environment: [String: String] = [:]) throws {
        commandLine = ([executable.lastPathComponent] + arguments).joined(separator: " ")
        process.executableURL = executable
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.standardOutput = stdoutCapture.pipe
        process.standardError = stderrCapture.pipe
        process.standardInput = FileHandle.nullDevice
        try process.run()
    }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }

    /// The process id.
    public var pid: Int32 { process.processIdentifier }
    /// Whether it is still running.
    public var isRunning: Bool { process.isRunning }
    /// The exit status once it has ended.
    public var terminationStatus: Int32 { process.terminationStatus }

    /// Everything written to stdout so far.
    public var stdout: String { stdoutCapture.text }
    /// Everything written to stderr so far.
    public var stderr: String { stderrCapture.text }

    /// Complete lines written so far to `stream`.
    public func lines(_ stream: Stream = .stdout) -> [String] {
        let text = stream == .stdout ? stdout : stderr
        return text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
    }

    /// Waits until a complete line of `stream` satisfies `predicate`; returns it, or `nil` on timeout.
    public func waitForLine(
        _ stream: Stream = .stdout, timeout: Duration = .seconds(10), where predicate: (String) -> Bool
    ) async -> String? {
        let deadline = ContinuousClock.now + timeout
        repeat {
            if let line = lines(stream).first(where: predicate) { return line }
            try? await Task.sleep(for: .milliseconds(20))
        } while ContinuousClock.now < deadline
        return lines(stream).first(where: predicate)
    }

    /// Sends a signal (SIGTERM, SIGINT, ...).
    public func signal(_ signal: Int32) {
        kill(process.processIdentifier, signal)
    }

    /// Waits for the process to end and its output to be fully read; `nil` if still running.
    public func waitForExit(timeout: Duration = .seconds(10)) async -> Exit? {
        let deadline = ContinuousClock.now + timeout
        while process.isRunning {
            guard ContinuousClock.now < deadline else { return nil }
            try? await Task.sleep(for: .milliseconds(10))
        }
        // The pipes reach end-of-file just after exit; give the readers a moment to drain them.
        let drained = ContinuousClock.now + .seconds(1)
        while !(stdoutCapture.isFinished && stderrCapture.isFinished) && ContinuousClock.now < drained {
            try? await Task.sleep(for: .milliseconds(5))
        }
        let status = process.terminationStatus
        return process.terminationReason == .exit ? .exited(status) : .signalled(status)
    }

    /// Kills the process if it is still running (SIGKILL) and waits for it.
    public func killAndWait() async {
        if process.isRunning { signal(SIGKILL) }
        _ = await waitForExit(timeout: .seconds(5))
    }
}

/// Collects a pipe's bytes on Foundation's reader thread.
final class OutputCapture: @unchecked Sendable {
    let pipe = Pipe()
    private let lock = NSLock()
    private var bytes: [UInt8] = []
    private var finished = false

    init() {
        pipe.fileHandleForReading.readabilityHandler = { [weak self] handle in
            let data = handle.availableData
            self?.append(data)
            if data.isEmpty { handle.readabilityHandler = nil }
        }
    }

    private func append(_ data: Data) {
        lock.lock()
        defer { lock.unlock() }
        if data.isEmpty { finished = true } else { bytes.append(contentsOf: data) }
    }

    var text: String {
        lock.lock()
        defer { lock.unlock() }
        return String(decoding: bytes, as: UTF8.self)
    }

    var isFinished: Bool {
        lock.lock()
        defer { lock.unlock() }
        return finished
    }
}
