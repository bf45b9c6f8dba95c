import Dispatch
import Foundation

/// The children of this process that are still running, so that a SIGTERM, SIGINT or SIGHUP sent
/// to their owner (`timeout`, Ctrl-C, a closed terminal) takes them down too: without it, a
/// `tw bench` killed by `timeout` left its tw-gateway running, because `deinit`s do not run when a
/// signal ends the process.
public enum RunningChildren {
    private static let state = State()

    /// From now on, SIGTERM, SIGINT and SIGHUP stop every running child (SIGTERM, SIGKILL after
    /// two seconds) and then end this process with 128 + the signal. Installing twice is harmless.
    public static func stopOnTermination() {
        state.install()
    }

    /// The process ids being tracked, for tests.
    public static var pids: Set<Int32> { state.pids }

    static func started(_ pid: Int32) { state.add(pid) }
    static func ended(_ pid: Int32) { state.remove(pid) }

    private final class State: @unchecked Sendable {
        private let lock = NSLock()
        private var running: Set<Int32> = []
        private var sources: [any DispatchSourceSignal] = []

        var pids: Set<Int32> { lock.withLock { running } }
        func add(_ pid: Int32) { lock.withLock { _ = running.insert(pid) } }
        func remove(_ pid: Int32) { lock.withLock { _ = running.remove(pid) } }

        func install() {
            lock.withLock {
                guard sources.isEmpty else { return }
                for number in [SIGTERM, SIGINT, SIGHUP] {
                    signal(number, SIG_IGN)
                    let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
                    source.setEventHandler { [self] in stopAll(thenExitWith: number) }
                    source.resume()
                    sources.append(source)
                }
            }
        }

        private func stopAll(thenExitWith number: Int32) -> Never {
            for pid in pids { kill(pid, SIGTERM) }
            let deadline = Date().addingTimeInterval(2)
            while !pids.isEmpty && Date() < deadline { usleep(20_000) }
            for pid in pids { kill(pid, SIGKILL) }
            exit(128 + number)
        }
    }
}
