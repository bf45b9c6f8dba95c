import Codecs
import NIOCore
import TrackwireProtocol

/// One TCP device connection: cuts frames with the protocol's framer, forwards them, and acks
/// them — once storage confirms their commit (durable mode) or once they are queued (receipt
/// mode). Stops reading the socket while the frames queue is full or while `--ack-window` frames
/// wait for their commit; closes the connection when a commit is not confirmed within
/// `--ack-timeout`, so the device resends what it was never acked for.
final class StreamHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private let listener: ListenerContext
    private var session: DeviceSession
    private var framer: any Framer
    private var buffer: ByteBuffer?
    /// Frames the bus refused (full queue) with their acks, retried before reading anything more.
    private var pending: [(frame: Frame, reply: [UInt8]?)] = []
    /// Durable mode: replies waiting for storage's confirmation of their frames.
    private var held = HeldReplies<[UInt8]>()
    private var ackTimer: Scheduled<Void>?
    /// Closes the connection if no frame has named its device within `--login-timeout`.
    private var loginTimer: Scheduled<Void>?
    private var waitingForAcks = false
    private var closeReason = "closed"
    private var slot = ConnectionSlot.none

    init(listener: ListenerContext, remote: SocketAddress?) {
        self.listener = listener
        self.session = listener.makeSession(remote: remote)
        self.framer = listener.codec.makeFramer()
    }

    func channelActive(context: ChannelHandlerContext) {
        slot = listener.admit(session, channel: context.channel)
        if slot == .none { close(context, reason: "refused") }
        listener.addAckTarget(session: session.sessionID, self, context) { $0.confirmed($1, $2) }
        armLoginTimer(context)
        context.fireChannelActive()
    }

    /// A connection that never identifies its device is closed after the login timeout, not the
    /// (much longer) idle timeout.
    private func armLoginTimer(_ context: ChannelHandlerContext) {
        loginTimer = context.eventLoop.assumeIsolated().scheduleTask(in: .milliseconds(listener.limits.loginTimeoutMs)) { [self] in
            loginTimer = nil
            guard context.channel.isActive, !session.isIdentified else { return }
            listener.counters.dropped("login_timeout")
            close(context, reason: "login_timeout")
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        listener.release(session, slot: slot)
        if let rest = buffer, rest.readableBytes > 0 { listener.counters.badFrame("truncated") }
        listener.registry.removeAckTarget(session: session.sessionID)
        ackTimer?.cancel()
        loginTimer?.cancel()
        listener.counters.unacknowledged(held.abandon() + pending.count)
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
        } else if event is ConnectionBudget.Evicted {
            guard !session.isIdentified, context.channel.isActive else { return }
            listener.evicted(session, on: context.eventLoop)
            close(context, reason: "unidentified_evicted")
        } else {
            context.fireUserInboundEventTriggered(event)
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        listener.logger.debug("connection error", metadata: ["error": "\(error)", "session": "\(session.sessionID)"])
        close(context, reason: "error")
    }

    /// Cuts and handles every complete frame; pauses reading if the bus pushes back or the ack
    /// window is full.
    private func process(_ context: ChannelHandlerContext) {
        guard flushPending(context) else { return pause(context) }
        while context.channel.isActive, var bytes = buffer, bytes.readableBytes > 0 {
            guard held.count < listener.limits.ackWindow else { return waitForAcks(context) }
            let decision = bytes.withUnsafeReadableBytes { framer.cut($0) }
            switch decision {
            case .needMore:
                if bytes.readableBytes > listener.limits.maxFrameSize {
                    buffer = nil
                    reject(context, reason: "oversized", bytes: Array(bytes.readableBytesView.prefix(1024)))
                }
                compact()
                return
            case .discard(let count, let reason):
                let discarded = bytes.readBytes(length: min(count, bytes.readableBytes)) ?? []
                buffer = bytes
                if !ListenerContext.benignDiscards.contains(reason) { reject(context, reason: reason, bytes: discarded) }
            case .frame(let length):
                let payload = bytes.readBytes(length: min(length, bytes.readableBytes)) ?? []
                buffer = bytes
                guard length <= listener.limits.maxFrameSize else {
                    reject(context, reason: "oversized", bytes: Array(payload.prefix(1024)))
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
        if identified {
            guard listener.promote(session, slot: &slot, on: context.eventLoop) else {
                close(context, reason: "max_connections")
                return true
            }
            listener.announceOnline(session, channel: context.channel)
        }
        switch verdict {
        case .forward(let frame, let reply):
            guard listener.forward(frame, on: context.eventLoop) else {
                pending.append((frame, reply))
                return false
            }
            answer(frame, reply, context)
        case .replyOnly(let reply):
            write(reply, context)
        case .reject(let reason, let closeConnection):
            listener.reject(reason, payload: payload, session: session, on: context.eventLoop)
            if closeConnection { close(context, reason: "bad_frames") }
        }
        return true
    }

    /// Sends a forwarded frame's reply now, or holds it for storage's confirmation.
    private func answer(_ frame: Frame, _ reply: [UInt8]?, _ context: ChannelHandlerContext) {
        guard frame.durable else { return write(reply, context) }
        held.hold(reply ?? [], sequence: frame.sequence, deadlineMs: ListenerContext.nowMs() + listener.limits.ackTimeoutMs)
        if ackTimer == nil { armAckTimer(context) }
    }

    /// Storage committed these frames: send what may go out now, in order, and read again if the
    /// window had stopped reading.
    private func confirmed(_ sequences: [UInt64], _ context: ChannelHandlerContext) {
        let (released, unknown) = held.confirm(sequences)
        if unknown > 0 { listener.counters.lateAcks(unknown) }
        for reply in released { write(reply, context, flush: false) }
        if !released.isEmpty { context.flush() }
        if waitingForAcks, held.count < listener.limits.ackWindow, context.channel.isActive {
            waitingForAcks = false
            context.channel.setOption(ChannelOptions.autoRead, value: true).whenComplete { _ in }
            process(context)
            context.read()
        }
    }

    /// Checks the oldest held frame at its deadline: still unconfirmed, the connection closes.
    private func armAckTimer(_ context: ChannelHandlerContext) {
        guard let deadline = held.nextDeadlineMs else { return }
        let delay = TimeAmount.milliseconds(max(1, deadline - ListenerContext.nowMs()))
        ackTimer = context.eventLoop.assumeIsolated().scheduleTask(in: delay) { [self] in
            ackTimer = nil
            guard context.channel.isActive else { return }
            if held.isOverdue(nowMs: ListenerContext.nowMs()) {
                listener.counters.dropped("ack_timeout")
                close(context, reason: "ack_timeout")
            } else {
                armAckTimer(context)
            }
        }
    }

    private func waitForAcks(_ context: ChannelHandlerContext) {
        compact()
        guard !waitingForAcks else { return }
        waitingForAcks = true
        listener.counters.ackWindowPauses.increment()
        context.channel.setOption(ChannelOptions.autoRead, value: false).whenComplete { _ in }
    }

    private func reject(_ context: ChannelHandlerContext, reason: String, bytes: [UInt8]) {
        if case .reject(_, let closeConnection) = session.badFrame(reason) {
            listener.reject(reason, payload: bytes, session: session, on: context.eventLoop)
            if closeConnection { close(context, reason: "bad_frames") }
        }
    }

    /// Retries refused frames in order; `true` once none is left.
    private func flushPending(_ context: ChannelHandlerContext) -> Bool {
        while let next = pending.first {
            guard listener.forward(next.frame, on: context.eventLoop) else { return false }
            pending.removeFirst()
            answer(next.frame, next.reply, context)
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
                if !waitingForAcks { context.channel.setOption(ChannelOptions.autoRead, value: true).whenComplete { _ in } }
                process(context)
                context.read()
            } else {
                pause(context)
            }
        }
    }

    private func write(_ reply: [UInt8]?, _ context: ChannelHandlerContext, flush: Bool = true) {
        guard let reply, !reply.isEmpty else { return }
        listener.counters.acks.increment()
        let buffer = context.channel.allocator.buffer(bytes: reply)
        if flush { context.writeAndFlush(wrapOutboundOut(buffer), promise: nil) } else { context.write(wrapOutboundOut(buffer), promise: nil) }
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
