import Foundation
import HummingbirdWebSocket
import Logging
import NIOCore
import NIOWebSocket
import TrackwireRuntime

/// One WebSocket client from upgrade to close: registers its watch with the hub, has its queue
/// (snapshot or replay first, then live messages) written straight onto the channel by a
/// `WebSocketFrameWriter`, and reads its control messages, until either side ends. A client whose
/// queue overflows gets a `disconnect` message and close code 1008.
struct WebSocketSession {
    let hub: Hub
    let metrics: PushMetrics
    let queueCapacity: Int
    let wakeups = EventLoopWakeups()

    /// Runs the session on `channel` (the upgraded connection); returns when it is over.
    /// Later `watch` messages stay within the token's `scope`.
    func run(request: ClientRequest, scope: TokenScope = .everything, channel: any Channel, inbound: WebSocketInboundStream,
             outbound: WebSocketOutboundWriter, logger: Logger) async throws {
        let queue = ClientQueue(capacity: queueCapacity)
        queue.force([ControlMessage.hello(epoch: hub.epoch, watch: request.watch)])
        try await WebSocketFrameWriter.install(on: channel, queue: queue, metrics: metrics, wakeups: wakeups)
        let id = hub.connect(queue, watch: request.watch, resume: request.resume, tail: request.tail)
        metrics.connected(.webSocket)
        defer { hub.disconnect(id) }
        // Two ways the session ends: the client leaves (reader), or the queue closes (overflow,
        // shutdown, the connection closed or failed a write).
        let reason = await withTaskGroup(of: String?.self) { group in
            group.addTask { await readControl(inbound, id: id, queue: queue, scope: scope) }
            group.addTask { await queue.closed() }
            let first = await group.next() ?? nil
            queue.close(reason: "closed")
            group.cancelAll()
            return first
        }
        let slow = reason?.hasPrefix("slow consumer") == true
        metrics.disconnected(reason: slow ? "slow_consumer" : "closed")
        if slow, let reason {
            logger.info("disconnecting a slow WebSocket client", metadata: ["reason": "\(reason)"])
            try? await withTimeout(.seconds(2)) {
                try await outbound.write(.custom(.text(ControlMessage.disconnect(reason))))
                try await outbound.close(.policyViolation, reason: "slow consumer")
            }
        }
    }

    /// Applies `watch`/`resume` messages until the client closes; answers bad ones with `error`.
    private func readControl(_ inbound: WebSocketInboundStream, id: SubscriberID, queue: ClientQueue, scope: TokenScope) async -> String? {
        do {
            for try await message in inbound.messages(maxSize: 1 << 16) {
                guard case .text(let text) = message else { continue }
                do {
                    switch try ControlRequest(json: text) {
                    case .watch(let asked):
                        guard case .success(let new) = PushAuth.limit(asked, to: scope) else {
                            queue.force([ControlMessage.error("this token may not watch those devices")])
                            continue
                        }
                        queue.force([ControlMessage.hello(epoch: hub.epoch, watch: new)])
                        hub.update(id, watch: new)
                    case .resume(let resume):
                        hub.resume(id, from: resume)
                    }
                } catch {
                    queue.force([ControlMessage.error(error.description)])
                }
            }
        } catch {}
        return nil
    }
}

extension WebSocketFrame {
    /// A final text frame carrying `buffer` (already UTF-8 JSON).
    static func text(_ buffer: ByteBuffer) -> WebSocketFrame {
        WebSocketFrame(fin: true, opcode: .text, data: buffer)
    }
}

/// Runs `body`, giving up after `limit` (the body's task is cancelled).
func withTimeout(_ limit: Duration, _ body: @escaping @Sendable () async throws -> Void) async throws {
    try await withThrowingTaskGroup(of: Void.self) { group in
        group.addTask { try await body() }
        group.addTask { try await Task.sleep(for: limit) }
        try await group.next()
        group.cancelAll()
    }
}
