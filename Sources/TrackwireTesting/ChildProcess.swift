import Foundation

/// A child process started by a test or a benchmark: its stdout and stderr captured (and copied to
/// a log file when asked), waited for with deadlines, signalled, and killed with SIGKILL if its
/// owner lets go of it while it still runs. Async waits poll, so they never block Swift's
/// cooperative pool; `stop(patience:)` blocks its caller, for `deinit`s and synchronous commands.
public final class ChildProcess: @unchecked Sendable {
    /// How a process ended.
    public enum Exit: Equatable, Sendable, CustomStringConvertible {
        case exited(Int32)
        case signalled(Int32)

        /// `exit code N` or `killed by signal N`.
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
    private let stdoutCapture: OutputCapture
    private let stderrCapture: OutputCapture
    private let ended = DispatchSemaphore(value: 0)
    /// The command line, for failure messages.
    public let commandLine: String
    /// A short name for reports and messages: the executable's name unless the starter gave one.
    public let label: String

    /// Starts `executable` with `arguments`; the environment is this process's plus `environment`.
    /// With a `log`, everything the child writes is also appended to that file.
    public init(_ executable: URL, _ arguments: [String], environment: [String: String] = [:], label: String? = nil, log: URL? = nil) throws {
        commandLine = ([executable.lastPathComponent] + arguments).joined(separator: " ")
        self.label = label ?? executable.lastPathComponent
        let logFile = try log.map(OutputCapture.openLog)
        stdoutCapture = OutputCapture(copyTo: logFile)
        stderrCapture = OutputCapture(copyTo: logFile)
        process.executableURL = executable
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.standardOutput = stdoutCapture.pipe
        process.standardError = stderrCapture.pipe
        process.standardInput = FileHandle.nullDevice
        let ended = self.ended
        process.terminationHandler = { process in
            RunningChildren.ended(process.processIdentifier)
            ended.signal()
        }
        try process.run()
        RunningChildren.started(process.processIdentifier)
        if !process.isRunning { RunningChildren.ended(process.processIdentifier) }  // ended at once
    }

    /// Starts the Trackwire executable `name` (`tw-bus`, `tw`, ...) found by `Executables`.
    public convenience init(trackwire name: String, _ arguments: [String], environment: [String: String] = [:], label: String? = nil, log: URL? = nil) throws {
        try self.init(Executables.url(name), arguments, environment: environment, label: label, log: log)
    }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }

    /// The process id.
    public var pid: Int32 { process.processIdentifier }
    /// Whether it is still running.
    public var isRunning: Bool { process.isRunning }

    /// Everything written to stdout so far.
    public var stdout: String { stdoutCapture.text }
    /// Everything written to stderr so far.
    public var stderr: String { stderrCapture.text }

    /// Complete lines written so far to `stream`.
    public func lines(_ stream: Stream = .stdout) -> [String] {
        let text = stream == .stdout ? stdout : stderr
        return text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
    }

    /// The last `count` lines of stderr and stdout, for failure messages.
    public func tail(_ count: Int = 10) -> String {
        (lines(.stderr) + lines(.stdout)).suffix(count).joined(separator: "\n")
    }

    /// Waits until a complete line of `stream` satisfies `predicate`; returns it, or `nil` on timeout.
    public func waitForLine(
        _ stream: Stream = .stdout, timeout: Duration = .seconds(10), where predicate: (String) -> Bool
    ) async -> String? {
        var found: String?
        _ = await eventually(timeout: timeout, every: .milliseconds(20)) {
            found = lines(stream).first(where: predicate)
            return found != nil
        }
        return found
    }

    /// Sends a signal (SIGTERM, SIGINT, ...).
    public func signal(_ signal: Int32) {
        kill(process.processIdentifier, signal)
    }

    /// Waits for the process to end and its output to be fully read; `nil` if still running.
    public func waitForExit(timeout: Duration = .seconds(10)) async -> Exit? {
        guard await eventually(timeout: timeout, every: .milliseconds(10), { !process.isRunning }) else { return nil }
        // The pipes reach end-of-file just after exit; give the readers a moment to drain them.
        _ = await eventually(timeout: .seconds(1), every: .milliseconds(5)) { stdoutCapture.isFinished && stderrCapture.isFinished }
        return exit
    }

    /// SIGTERM, and how it ended within `timeout` (`nil`: still running).
    public func terminate(timeout: Duration = .seconds(5)) async -> Exit? {
        signal(SIGTERM)
        return await waitForExit(timeout: timeout)
    }

    /// Kills the process if it is still running (SIGKILL) and waits for it.
    public func killAndWait() async {
        if process.isRunning { signal(SIGKILL) }
        _ = await waitForExit(timeout: .seconds(5))
    }

    /// Sends `signal` (SIGTERM unless told otherwise) and blocks until the process ends; after
    /// `patience` it is killed (SIGKILL). How it ended, or `nil` if it was never seen to end.
    @discardableResult
    public func stop(signal: Int32 = SIGTERM, patience: Duration = .seconds(5)) -> Exit? {
        if process.isRunning { self.signal(signal) }
        if waitUntilExit(timeout: patience) { return exit }
        self.signal(SIGKILL)
        return waitUntilExit(timeout: .seconds(5)) ? exit : nil
    }

    /// Blocks until the process has ended, up to `timeout`; whether it has.
    public func waitUntilExit(timeout: Duration) -> Bool {
        guard process.isRunning else { return true }
        let seconds = Double(timeout.components.seconds) + Double(timeout.components.attoseconds) / 1e18
        guard ended.wait(timeout: .now() + seconds) == .success else { return !process.isRunning }
        ended.signal()  // later waits return at once too
        return true
    }

    private var exit: Exit {
        let status = process.terminationStatus
        return process.terminationReason == .exit ? .exited(status) : .signalled(status)
    }
}
