import Codecs
import NIOCore
import TrackwireProtocol

/// One TCP device connection: cuts frames with the protocol's framer, forwards them, acks them
/// once they are queued, and stops reading the socket while the frames queue is full.
final class StreamHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private let listener: ListenerContext
    private var session: DeviceSession
    private var framer: any Framer
    private var buffer: ByteBuffer?
    /// Frames the bus refused (full queue) with their acks, retried before reading anything more.
    private var pending: [(frame: Frame, reply: [UInt8]?)] = []
    private var closeReason = "closed"
    private var counted = false

    init(listener: ListenerContext, remote: SocketAddress?) {
        self.listener = listener
        self.session = listener.makeSession(remote: remote)
        self.framer = listener.codec.makeFramer()
    }

    func channelActive(context: ChannelHandlerContext) {
        counted = true
        listener.counters.connections.increment()
        if listener.openConnections.wrappingIncrementThenLoad(ordering: .relaxed) > listener.limits.maxConnections {
            listener.counters.dropped("max_connections")
            close(context, reason: "max_connections")
        }
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        if counted { listener.openConnections.wrappingDecrement(ordering: .relaxed) }
        if let rest = buffer, rest.readableBytes > 0 { listener.counters.badFrame("truncated") }
        listener.announceOffline(session, channel: context.channel, reason: closeReason)
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var incoming = unwrapInboundIn(data)
        listener.counters.bytes.increment(by: incoming.readableBytes)
        if buffer == nil { buffer = incoming } else { buffer!.writeBuffer(&incoming) }
        process(context)
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if event is IdleStateHandler.IdleStateEvent {
            close(context, reason: "idle")
        } else {
            context.fireUserInboundEventTriggered(event)
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        listener.logger.debug("connection error", metadata: ["error": "\(error)", "session": "\(session.sessionID)"])
        close(context, reason: "error")
    }

    /// Cuts and handles every complete frame; pauses reading if the bus pushes back.
    private func process(_ context: ChannelHandlerContext) {
        guard flushPending(context) else { return pause(context) }
        while context.channel.isActive, var bytes = buffer, bytes.readableBytes > 0 {
            let decision = bytes.withUnsafeReadableBytes { framer.cut($0) }
            switch decision {
            case .needMore:
                if bytes.readableBytes > listener.limits.maxFrameSize {
                    buffer = nil
                    reject(context, reason: "oversized")
                }
                compact()
                return
            case .discard(let count, let reason):
                bytes.moveReaderIndex(forwardBy: min(count, bytes.readableBytes))
                buffer = bytes
                if !ListenerContext.benignDiscards.contains(reason) { reject(context, reason: reason) }
            case .frame(let length):
                let payload = bytes.readBytes(length: min(length, bytes.readableBytes)) ?? []
                buffer = bytes
                guard length <= listener.limits.maxFrameSize else {
                    reject(context, reason: "oversized")
                    continue
                }
                guard handle(payload, context) else { return pause(context) }
            }
        }
        compact()
    }

    /// Handles one frame; `false` when the bus refused it (it is then pending).
    private func handle(_ payload: [UInt8], _ context: ChannelHandlerContext) -> Bool {
        let (verdict, identified) = session.handle(payload, receivedAtNs: unixNanoseconds())
        if identified { listener.announceOnline(session, channel: context.channel) }
        switch verdict {
        case .forward(let frame, let reply):
            guard listener.forward(frame, on: context.eventLoop) else {
                pending.append((frame, reply))
                return false
            }
            write(reply, context)
        case .replyOnly(let reply):
            write(reply, context)
        case .reject(let reason, let closeConnection):
            listener.counters.badFrame(reason)
            if closeConnection { close(context, reason: "bad_frames") }
        }
        return true
    }

    private func reject(_ context: ChannelHandlerContext, reason: String) {
        if case .reject(_, let closeConnection) = session.badFrame(reason) {
            listener.counters.badFrame(reason)
            if closeConnection { close(context, reason: "bad_frames") }
        }
    }

    /// Retries refused frames in order; `true` once none is left.
    private func flushPending(_ context: ChannelHandlerContext) -> Bool {
        while let next = pending.first {
            guard listener.forward(next.frame, on: context.eventLoop) else { return false }
            pending.removeFirst()
            write(next.reply, context)
        }
        return true
    }

    /// Back-pressure: stop reading this device until the bus takes the pending frames.
    private func pause(_ context: ChannelHandlerContext) {
        listener.counters.backpressure.increment()
        context.channel.setOption(ChannelOptions.autoRead, value: false).whenComplete { _ in }
        context.eventLoop.assumeIsolated().scheduleTask(in: .milliseconds(5)) { [self] in
            guard context.channel.isActive else { return }
            if flushPending(context) {
                context.channel.setOption(ChannelOptions.autoRead, value: true).whenComplete { _ in }
                process(context)
                context.read()
            } else {
                pause(context)
            }
        }
    }

    private func write(_ reply: [UInt8]?, _ context: ChannelHandlerContext) {
        guard let reply, !reply.isEmpty else { return }
        listener.counters.acks.increment()
        context.writeAndFlush(wrapOutboundOut(context.channel.allocator.buffer(bytes: reply)), promise: nil)
    }

    private func close(_ context: ChannelHandlerContext, reason: String) {
        closeReason = reason
        context.close(promise: nil)
    }

    private func compact() {
        if let bytes = buffer, bytes.readableBytes == 0 { buffer = nil }
        else if buffer != nil, buffer!.readerIndex > 65_536 { buffer!.discardReadBytes() }
    }
}
