import NIOCore
import TrackwireProtocol

/// A UDP listener: each datagram is one frame; each remote address is one device session.
/// A datagram the bus cannot take now is dropped unacknowledged, so the device sends it again.
final class DatagramHandler: ChannelInboundHandler {
    typealias InboundIn = AddressedEnvelope<ByteBuffer>
    typealias OutboundOut = AddressedEnvelope<ByteBuffer>

    private let listener: ListenerContext
    /// Sessions by remote address; bounded by the connection limit.
    private var sessions: [SocketAddress: DeviceSession] = [:]

    init(listener: ListenerContext) { self.listener = listener }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let envelope = unwrapInboundIn(data)
        let remote = envelope.remoteAddress
        listener.counters.bytes.increment(by: envelope.data.readableBytes)
        guard envelope.data.readableBytes <= listener.limits.maxFrameSize else {
            listener.counters.badFrame("oversized")
            return
        }
        var session = sessions[remote] ?? newSession(remote)
        let (verdict, identified) = session.handle(Array(envelope.data.readableBytesView), receivedAtNs: unixNanoseconds())
        sessions[remote] = session
        if identified { listener.announceOnline(session, channel: context.channel, remote: remote) }
        switch verdict {
        case .forward(let frame, let reply):
            guard listener.forward(frame, on: context.eventLoop) else {
                listener.counters.dropped("backpressure")
                return
            }
            send(reply, to: remote, context)
        case .replyOnly(let reply):
            send(reply, to: remote, context)
        case .reject(let reason, _):
            listener.counters.badFrame(reason)
        }
    }

    private func newSession(_ remote: SocketAddress) -> DeviceSession {
        if sessions.count >= listener.limits.maxConnections { sessions.removeAll() }
        listener.counters.connections.increment()
        return listener.makeSession(remote: remote)
    }

    private func send(_ reply: [UInt8]?, to remote: SocketAddress, _ context: ChannelHandlerContext) {
        guard let reply, !reply.isEmpty else { return }
        listener.counters.acks.increment()
        let data = context.channel.allocator.buffer(bytes: reply)
        context.writeAndFlush(wrapOutboundOut(AddressedEnvelope(remoteAddress: remote, data: data)), promise: nil)
    }
}
