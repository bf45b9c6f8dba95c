import NIOCore

/// `--http-read-timeout` in front of an HTTP server's codec: a request must be read, from the
/// connection's opening or from its first byte, until the server starts answering, within the
/// timeout; otherwise the connection is closed and `timedOut` runs (on the event loop). A slow
/// sender (a partial header that stalls, a body at one byte a second) cannot hold a connection.
/// The time a server takes to answer counts too, so the timeout is generous. Answers that last
/// (server-sent events) are not limited, and a WebSocket stops the clock for good at its upgrade.
public final class HTTPReadTimeoutHandler: ChannelDuplexHandler, RemovableChannelHandler {
    public typealias InboundIn = ByteBuffer
    public typealias InboundOut = ByteBuffer
    public typealias OutboundIn = IOData
    public typealias OutboundOut = IOData

    private let timeout: TimeAmount
    private let timedOut: @Sendable () -> Void
    private var timer: Scheduled<Void>?
    private var upgraded = false

    public init(timeoutMs: Int64, timedOut: @escaping @Sendable () -> Void) {
        timeout = .milliseconds(timeoutMs)
        self.timedOut = timedOut
    }

    public func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { arm(context) }
    }

    public func channelActive(context: ChannelHandlerContext) {
        arm(context)
        context.fireChannelActive()
    }

    public func handlerRemoved(context: ChannelHandlerContext) { disarm() }

    public func channelInactive(context: ChannelHandlerContext) {
        disarm()
        context.fireChannelInactive()
    }

    public func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if timer == nil, !upgraded { arm(context) }
        context.fireChannelRead(data)
    }

    public func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if case .byteBuffer(let bytes) = unwrapOutboundIn(data), !upgraded {
            upgraded = bytes.getString(at: bytes.readerIndex, length: min(12, bytes.readableBytes))?.hasSuffix(" 101") == true
        }
        disarm()
        context.write(data, promise: promise)
    }

    private func arm(_ context: ChannelHandlerContext) {
        guard timer == nil else { return }
        timer = context.eventLoop.assumeIsolated().scheduleTask(in: timeout) { [self] in
            timer = nil
            guard context.channel.isActive else { return }
            timedOut()
            context.close(promise: nil)
        }
    }

    private func disarm() {
        timer?.cancel()
        timer = nil
    }
}
