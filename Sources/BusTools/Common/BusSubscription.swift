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
            let timeoutMs = deadline.map { Self.milliseconds(until: $0) } ?? 1_000
            if deadline != nil && timeoutMs == 0 { return nil }
            _ = try poller.poll(timeoutMs: timeoutMs)
        }
    }

    /// Whole milliseconds from now until `deadline`, at least 0 (rounded up, so a poll never
    /// wakes just before the deadline and spins).
    static func milliseconds(until deadline: ContinuousClock.Instant) -> Int {
        let remaining = ContinuousClock.now.duration(to: deadline)
        guard remaining > .zero else { return 0 }
        let (seconds, attoseconds) = remaining.components
        return Int(seconds) * 1000 + Int((attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000)
    }
}
