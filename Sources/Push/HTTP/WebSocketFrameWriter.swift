import NIOCore
import NIOWebSocket

/// Writes one WebSocket client's queue straight onto its channel, on the channel's event loop: every
/// message of a batch as a text frame, then one flush. hummingbird-websocket's async writer costs a
/// hop from the writer task to the event loop and a flush per frame, and a task wake-up per client
/// per message; that capped push at 287 k deliveries/s (docs/benchmarks/README.md).
///
/// It sits at the end of the channel's pipeline, so its frames go through the WebSocket frame
/// encoder like the library's own; it stops writing while the socket is full (the channel is not
/// writable) and starts again when it drains, so a client that stops reading leaves its messages in
/// its bounded queue, which overflows and disconnects it. A closed channel closes the queue.
final class WebSocketFrameWriter: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = WebSocketFrame
    typealias OutboundOut = WebSocketFrame

    private let queue: ClientQueue
    private let metrics: PushMetrics
    private var context: ChannelHandlerContext?
    /// Inside `writeQueued`: a writability change during its flush needs no second loop, as the
    /// running one checks writability after every flush.
    private var writing = false

    private init(queue: ClientQueue, metrics: PushMetrics) {
        self.queue = queue
        self.metrics = metrics
    }

    /// Adds a writer for `queue` to `channel` (an upgraded WebSocket) and hands it the queue:
    /// arrivals wake it through `wakeups`, which runs the writers of one event loop together.
    static func install(on channel: any Channel, queue: ClientQueue, metrics: PushMetrics, wakeups: EventLoopWakeups) async throws {
        let writer = try await channel.eventLoop.submit {
            let writer = WebSocketFrameWriter(queue: queue, metrics: metrics)
            try channel.pipeline.syncOperations.addHandler(writer)
            return NIOLoopBound(writer, eventLoop: channel.eventLoop)
        }.get()
        let loopWakeups = wakeups.forLoop(channel.eventLoop)
        queue.wakeOnArrival { loopWakeups.schedule(writer) }
    }

    func handlerAdded(context: ChannelHandlerContext) { self.context = context }

    func handlerRemoved(context: ChannelHandlerContext) { self.context = nil }

    func channelWritabilityChanged(context: ChannelHandlerContext) {
        if context.channel.isWritable { writeQueued() }
        context.fireChannelWritabilityChanged()
    }

    func channelInactive(context: ChannelHandlerContext) {
        queue.close(reason: "closed")
        context.fireChannelInactive()
    }

    /// Writes what is queued, a batch per flush, until the queue is empty (the next arrival wakes
    /// the writer again) or the socket is full (writability wakes it). On the event loop.
    func writeQueued() {
        guard !writing else { return }
        writing = true
        defer { writing = false }
        while let context, context.channel.isWritable, let batch = queue.take(), !batch.isEmpty {
            for message in batch { context.write(wrapOutboundOut(.text(message)), promise: nil) }
            context.flush()
            metrics.sent(batch.count, over: .webSocket)
        }
    }
}
