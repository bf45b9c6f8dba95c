import Foundation
import Testing
import TrackwireTesting

/// A `tw bench` ended by a signal (`timeout`, Ctrl-C) takes the processes it started with it.
@Suite struct BenchChildrenTests {
    @Test(arguments: [SIGTERM, SIGINT])
    func killedBench_leavesNoGatewayBehind(signal: Int32) async throws {
        let bench = try ChildProcess(trackwire: "tw", ["bench", "gateway", "--devices", "10", "--seconds", "60"])
        defer { bench.stop(signal: SIGKILL) }
        var gateway: Int32?
        let started = await eventually(timeout: .seconds(30)) {
            gateway = Self.children(of: bench.pid).first
            return gateway != nil && bench.lines(.stderr).contains { $0.contains("bench gateway: 10 devices") }
        }
        try #require(started, "no tw-gateway child and no progress line: \(bench.tail())")
        let child = try #require(gateway)

        bench.signal(signal)
        let exit = await bench.waitForExit(timeout: .seconds(10))
        #expect(exit == .exited(128 + signal), "tw bench ended by \(String(describing: exit))")
        let gone = await eventually(timeout: .seconds(5)) { kill(child, 0) != 0 }
        #expect(gone, "tw-gateway \(child) outlived the tw bench that started it")
    }

    /// The process ids whose parent is `pid`, from /proc.
    static func children(of pid: Int32) -> [Int32] {
        let tasks = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/task")) ?? []
        return tasks.flatMap { task -> [Int32] in
            let text = (try? String(contentsOfFile: "/proc/\(pid)/task/\(task)/children", encoding: .utf8)) ?? ""
            return text.split(separator: " ").compactMap { Int32($0) }
        }
    }
}
