import Foundation

/// Runs blocking work (libzmq loops, proxies) on its own OS thread, so it never occupies a thread
/// of Swift's cooperative pool, and lets async code await its end.
public enum DedicatedThread {
    /// Runs `body` on a new thread named `name` and returns (or throws) what it returns when it ends.
    /// Cancelling the awaiting task does not stop the thread: `body` must watch its own stop signal
    /// (a flag, a control socket, or context shutdown).
    public static func run<T: Sendable>(name: String, _ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            let thread = Thread {
                continuation.resume(with: Result { try body() })
            }
            thread.name = name
            thread.stackSize = 1 << 20
            thread.start()
        }
    }

    /// Starts `body` on a new thread without waiting for it.
    public static func start(name: String, _ body: @escaping @Sendable () -> Void) {
        let thread = Thread(block: body)
        thread.name = name
        thread.stackSize = 1 << 20
        thread.start()
    }
}
