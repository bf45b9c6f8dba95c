import Foundation
import TrackwireTesting

extension ChildProcess {
    /// CPU time and memory as the kernel reports them now.
    func sample() -> ProcessSample? { ProcessSample(pid: pid) }
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
