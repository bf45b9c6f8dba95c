import BusTools
import Foundation
import ZMQ

/// Measures how many two-frame messages per second travel from a PUSH to a PULL socket, whatever
/// lies between them (nothing, or a tw-bus channel). Blocking: runs on the calling thread, with the
/// sender on a thread of its own.
struct Throughput {
    /// One measurement.
    struct Result: Sendable {
        var messages: Int
        var seconds: Double
        var bodyBytes: Int
        var messagesPerSecond: Double { seconds > 0 ? Double(messages) / seconds : 0 }
    }

    let messages: Int
    let body: [UInt8]
    /// How long to wait for the first message (connections, a bus starting) and between messages.
    let patience: Duration

    /// Sends `messages` copies of `topic`+`body` through `push` and counts them out of `pull`.
    /// A warm-up message first proves the path is connected end to end, so timing starts with it.
    /// If messages stop arriving, `context` is shut down to free a sender blocked in `send`.
    func measure(push: Socket, pull: Socket, context: Context) throws -> Result {
        guard try push.waitUntilSendable(timeout: patience) else {
            throw OperatorFailure("bench: \(push.type) found no connected peer within \(patience)")
        }
        try push.send(topic: "bench", body: body)
        guard try receive(from: pull, count: 1) == 1 else {
            throw OperatorFailure("bench: nothing arrived within \(patience) — is the path connected?")
        }
        let (messages, body) = (self.messages, self.body)
        let sent = DispatchSemaphore(value: 0)
        let start = ContinuousClock.now
        // The sender owns `push` until it signals; thread start and the semaphore are the barriers.
        DedicatedThread.start(name: "bench-push") {
            for _ in 0..<messages {
                guard (try? push.send(topic: "bench", body: body)) == true else { break }
            }
            sent.signal()
        }
        let received = try receive(from: pull, count: messages)
        let seconds = start.duration(to: .now).inSeconds
        if sent.wait(timeout: .now() + patience.inSeconds) == .timedOut {
            context.shutdown()
            sent.wait()
        }
        return Result(messages: received, seconds: seconds, bodyBytes: body.count)
    }

    /// A PUSH connected straight to a PULL over TCP loopback: the single-hop ceiling that the bus and
    /// the whole pipeline are compared with.
    func measureRawSingleHop(options: SocketOptions) throws -> Result {
        let context = try Context()
        defer { context.terminate() }
        let pull = try context.socket(.pull, endpoints: "@tcp://127.0.0.1:*", options: options)
        defer { pull.close() }
        let push = try context.socket(.push, endpoints: ">" + pull.lastEndpoint, options: options)
        defer { push.close() }
        return try measure(push: push, pull: pull, context: context)
    }

    /// Receives up to `count` messages without copying them; stops early after `patience` of silence.
    private func receive(from pull: Socket, count: Int) throws -> Int {
        var poller = Poller()
        poller.add(pull)
        var received = 0
        while received < count {
            if try pull.withReceived(wait: false, { _ in }) != nil {
                received += 1
                continue
            }
            let timeoutMs = Int(patience.inSeconds * 1000)
            guard try poller.poll(timeoutMs: timeoutMs)[0].contains(.readable) else { break }
        }
        return received
    }
}
