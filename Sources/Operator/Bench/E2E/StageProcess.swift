import Foundation

/// A Trackwire executable that a benchmark starts for itself, from the directory of the running
/// `tw` binary, with its output in a log file (or discarded); stopped with SIGTERM, then SIGKILL.
final class StageProcess {
    /// The executable's name, e.g. `tw-decoder`, and a label for reports (`decoder-2`).
    let executable: String
    let label: String
    private let process = Process()

    init(_ executable: String, label: String? = nil, arguments: [String], log: URL?) throws {
        self.executable = executable
        self.label = label ?? executable
        process.executableURL = Self.executableDirectory.appendingPathComponent(executable)
        process.arguments = arguments
        process.standardInput = FileHandle.nullDevice
        if let log {
            FileManager.default.createFile(atPath: log.path, contents: nil)
            let handle = try FileHandle(forWritingTo: log)
            process.standardOutput = handle
            process.standardError = handle
        } else {
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
        }
        do {
            try process.run()
        } catch {
            throw OperatorFailure("bench: cannot start \(process.executableURL?.path ?? executable): \(error)")
        }
    }

    deinit { stop() }

    var pid: Int32 { process.processIdentifier }
    var isRunning: Bool { process.isRunning }

    /// SIGTERM, then SIGKILL if it has not exited within `patience`.
    func stop(patience: TimeInterval = 5) {
        guard process.isRunning else { return }
        process.terminate()
        let deadline = Date().addingTimeInterval(patience)
        while process.isRunning && Date() < deadline { usleep(10_000) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }

    /// Waits for the process to exit by itself; `false` if it was still running after `timeout`.
    func wait(timeout: TimeInterval) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { usleep(20_000) }
        return !process.isRunning
    }

    /// CPU time and memory as the kernel reports them now.
    func sample() -> ProcessSample? { ProcessSample(pid: pid) }

    /// Where the running `tw` lives: its sibling executables are there.
    static var executableDirectory: URL {
        let exe = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        let url = FileManager.default.fileExists(atPath: exe.path) ? exe : (Bundle.main.executableURL ?? exe)
        return url.deletingLastPathComponent()
    }
}

/// One reading of a process's resource use from /proc.
struct ProcessSample {
    /// User plus system CPU time, in seconds.
    var cpuSeconds: Double
    /// Resident set size now and at its peak (VmHWM), in bytes.
    var rssBytes: Int
    var peakRSSBytes: Int

    init?(pid: Int32) {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return nil }
        // Fields after the command name: state is field 3, utime 14 and stime 15 (1-based).
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        guard fields.count > 13, let utime = Double(fields[11]), let stime = Double(fields[12]) else { return nil }
        let ticks = Double(sysconf(Int32(_SC_CLK_TCK)))
        cpuSeconds = (utime + stime) / ticks
        rssBytes = Self.kilobytes("VmRSS:", in: status) * 1024
        peakRSSBytes = Self.kilobytes("VmHWM:", in: status) * 1024
    }

    private static func kilobytes(_ key: String, in status: String) -> Int {
        guard let line = status.split(separator: "\n").first(where: { $0.hasPrefix(key) }) else { return 0 }
        return line.split(separator: " ").dropFirst().first.flatMap { Int($0) } ?? 0
    }
}
