import ZMQ

/// A SUB socket on the broadcast channel, read with deadlines. Blocking: commands run it on the
/// main thread, never on Swift's cooperative pool.
final class BusSubscription {
    private let context: Context
    private let socket: Socket
    private var poller = Poller()

    /// Connects to `endpoints` (the bus's broadcast-out) and subscribes to `prefixes` (empty: all).
    init(endpoints: String, prefixes: [String], options: SocketOptions) throws {
        context = try Context()
        let subscriptions = prefixes.isEmpty ? [""] : prefixes
        do {
            socket = try context.socket(.sub, endpoints: endpoints, options: options.with { $0.subscriptions = subscriptions })
        } catch {
            context.terminate()
            throw error
        }
        poller.add(socket)
    }

    deinit {
        socket.close()
        context.terminate()
    }

    /// The next message's frames, or `nil` if none arrived before `deadline` (`nil`: wait forever).
    func next(before deadline: ContinuousClock.Instant?) throws -> [[UInt8]]? {
        while true {
            if let message = try socket.receive(wait: false) { return message }
            let timeoutMs = deadline.map { Deadline(at: $0).remainingMilliseconds() } ?? 1_000
            if deadline != nil && timeoutMs == 0 { return nil }
            _ = try poller.poll(timeoutMs: timeoutMs)
        }
    }
}
