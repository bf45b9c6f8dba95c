import Foundation
import HummingbirdWebSocket
import Logging
import NIOCore
import NIOWebSocket

/// One WebSocket client from upgrade to close: registers its watch with the hub, writes its queue
/// (snapshot or replay first, then live messages) and reads its control messages, until either
/// side ends. A client whose queue overflows gets a `disconnect` message and close code 1008.
struct WebSocketSession {
    let hub: Hub
    let metrics: PushMetrics
    let queueCapacity: Int

    /// Runs the session; returns when it is over.
    func run(request: ClientRequest, inbound: WebSocketInboundStream, outbound: WebSocketOutboundWriter, logger: Logger) async throws {
        let queue = ClientQueue(capacity: queueCapacity)
        try await outbound.write(.custom(.text(ControlMessage.hello(epoch: hub.epoch, watch: request.watch))))
        let id = hub.connect(queue, watch: request.watch, resume: request.resume, tail: request.tail)
        metrics.connected(.webSocket)
        defer { hub.disconnect(id) }
        // Three ways the session ends: the client leaves (reader), a write fails (writer), or the
        // queue closes (overflow, shutdown) even while the writer is stuck on a full socket.
        let reason = await withTaskGroup(of: String?.self) { group in
            group.addTask { await readControl(inbound, id: id, queue: queue) }
            group.addTask { await write(queue, to: outbound) }
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

    /// Writes batches until the queue closes or a write fails.
    private func write(_ queue: ClientQueue, to outbound: WebSocketOutboundWriter) async -> String? {
        while let batch = await queue.next() {
            do {
                for message in batch { try await outbound.write(.custom(.text(message))) }
            } catch {
                return nil
            }
            metrics.sent(batch.count, over: .webSocket)
        }
        return queue.closeReason
    }

    /// Applies `watch`/`resume` messages until the client closes; answers bad ones with `error`.
    private func readControl(_ inbound: WebSocketInboundStream, id: SubscriberID, queue: ClientQueue) async -> String? {
        do {
            for try await message in inbound.messages(maxSize: 1 << 16) {
                guard case .text(let text) = message else { continue }
                do {
                    switch try ControlRequest(json: text) {
                    case .watch(let new):
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
