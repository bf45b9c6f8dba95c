import NIOCore
import TrackwireProtocol

/// A UDP listener: each datagram is one frame; each remote address is one device session, which
/// ends (offline, `idle_timeout`) after `--idle-timeout` without a datagram.
/// A datagram the bus cannot take now, or (durable mode) one beyond the session's ack window, is
/// dropped unacknowledged, so the device sends it again; so is one whose commit is not confirmed
/// within `--ack-timeout`.
final class DatagramHandler: ChannelInboundHandler {
    typealias InboundIn = AddressedEnvelope<ByteBuffer>
    typealias OutboundOut = AddressedEnvelope<ByteBuffer>

    /// One remote address's session and the replies it waits for.
    private struct Peer {
        var session: DeviceSession
        var held = HeldReplies<[UInt8]>()
        /// Monotonic ms of its last datagram.
        var lastHeardMs = ListenerContext.nowMs()
    }

    private let listener: ListenerContext
    /// Peers by remote address; bounded by the connection limit.
    private var peers: [SocketAddress: Peer] = [:]
    /// Durable mode: which remote each session id belongs to, for storage's confirmations.
    private var remotes: [UInt64: SocketAddress] = [:]
    private var sweep: Scheduled<Void>?
    private var idleSweep: Scheduled<Void>?

    init(listener: ListenerContext) { self.listener = listener }

    func channelInactive(context: ChannelHandlerContext) {
        sweep?.cancel()
        idleSweep?.cancel()
        forgetAll()
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let envelope = unwrapInboundIn(data)
        let remote = envelope.remoteAddress
        listener.counters.bytes.increment(by: envelope.data.readableBytes)
        let bytes = Array(envelope.data.readableBytesView)
        guard var peer = peers[remote] ?? newPeer(remote, context) else {
            let stranger = listener.makeSession(remote: remote)
            listener.refuse("address_limit", payload: Array(bytes.prefix(1024)), session: stranger, on: context.eventLoop)
            return
        }
        peer.lastHeardMs = ListenerContext.nowMs()
        if idleSweep == nil { scheduleIdleSweep(context) }
        guard bytes.count <= listener.limits.maxFrameSize else {
            listener.reject("oversized", payload: Array(bytes.prefix(1024)), session: peer.session, on: context.eventLoop)
            return
        }
        guard peer.held.count < listener.limits.ackWindow else {
            listener.counters.dropped("ack_window")
            return
        }
        let (verdict, identified) = peer.session.handle(bytes, receivedAtNs: unixNanoseconds())
        if identified { listener.announceOnline(peer.session, channel: context.channel, remote: remote) }
        switch verdict {
        case .forward(let frame, let reply):
            guard listener.forward(frame, on: context.eventLoop) else {
                listener.counters.dropped("backpressure")
                break
            }
            if frame.durable {
                peer.held.hold(reply ?? [], sequence: frame.sequence, deadlineMs: ListenerContext.nowMs() + listener.limits.ackTimeoutMs)
                if sweep == nil { scheduleSweep(context) }
            } else {
                send(reply, to: remote, context)
            }
        case .replyOnly(let reply):
            send(reply, to: remote, context)
        case .reject(let reason, _):
            listener.reject(reason, payload: bytes, session: peer.session, on: context.eventLoop)
        }
        peers[remote] = peer
    }

    /// Storage committed these frames of one session: send what may go out now, in order.
    private func confirmed(_ sequences: [UInt64], session: UInt64, _ context: ChannelHandlerContext) {
        guard let remote = remotes[session], var peer = peers[remote] else {
            return listener.counters.lateAcks(sequences.count)
        }
        let (released, unknown) = peer.held.confirm(sequences)
        peers[remote] = peer
        if unknown > 0 { listener.counters.lateAcks(unknown) }
        for reply in released { send(reply, to: remote, context) }
    }

    /// Once a second while anything is held: frames past their deadline get no reply (the device
    /// resends them); confirmed ones behind them go out.
    private func scheduleSweep(_ context: ChannelHandlerContext) {
        sweep = context.eventLoop.assumeIsolated().scheduleTask(in: .seconds(1)) { [self] in
            sweep = nil
            let now = ListenerContext.nowMs()
            var holding = false
            for (remote, var peer) in peers where !peer.held.isEmpty {
                let (expired, released) = peer.held.expire(nowMs: now)
                if expired > 0 {
                    listener.counters.dropped("ack_timeout")
                    listener.counters.unacknowledged(expired)
                }
                for reply in released { send(reply, to: remote, context) }
                holding = holding || !peer.held.isEmpty
                peers[remote] = peer
            }
            if holding { scheduleSweep(context) }
        }
    }

    /// Once a second while any peer is known: sessions silent for the idle timeout, with no reply
    /// still held for them, end as a TCP connection would, announced offline.
    private func scheduleIdleSweep(_ context: ChannelHandlerContext) {
        idleSweep = context.eventLoop.assumeIsolated().scheduleTask(in: .seconds(1)) { [self] in
            idleSweep = nil
            let cutoff = ListenerContext.nowMs() - listener.limits.idleTimeoutMs
            for (remote, peer) in peers where peer.lastHeardMs <= cutoff && peer.held.isEmpty {
                listener.announceOffline(peer.session, channel: context.channel, reason: "idle_timeout")
                forget(peer, remote)
            }
            if !peers.isEmpty { scheduleIdleSweep(context) }
        }
    }

    /// A session for a new remote, or nil when its host already has `--max-connections-per-address`.
    private func newPeer(_ remote: SocketAddress, _ context: ChannelHandlerContext) -> Peer? {
        if peers.count >= listener.limits.maxConnections { forgetAll() }
        let peer = Peer(session: listener.makeSession(remote: remote))
        guard listener.budget.openPeer(session: peer.session.sessionID, host: DeviceAdmission.host(peer.session.remoteAddress)) else { return nil }
        listener.counters.connections.increment()
        if listener.limits.ackMode == .durable {
            let session = peer.session.sessionID
            remotes[session] = remote
            listener.addAckTarget(session: session, self, context) { $0.confirmed($1, session: session, $2) }
        }
        return peer
    }

    private func forget(_ peer: Peer, _ remote: SocketAddress) {
        listener.registry.removeAckTarget(session: peer.session.sessionID)
        listener.budget.close(session: peer.session.sessionID, host: DeviceAdmission.host(peer.session.remoteAddress))
        remotes[peer.session.sessionID] = nil
        peers[remote] = nil
    }

    private func forgetAll() {
        for (remote, peer) in peers {
            listener.counters.unacknowledged(peer.held.count)
            forget(peer, remote)
        }
    }

    private func send(_ reply: [UInt8]?, to remote: SocketAddress, _ context: ChannelHandlerContext) {
        guard let reply, !reply.isEmpty else { return }
        listener.counters.acks.increment()
        let data = context.channel.allocator.buffer(bytes: reply)
        context.writeAndFlush(wrapOutboundOut(AddressedEnvelope(remoteAddress: remote, data: data)), promise: nil)
    }
}
