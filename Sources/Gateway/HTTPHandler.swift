import NIOCore
import NIOHTTP1
import TrackwireProtocol

/// An HTTP listener (OsmAnd / Traccar Client): each request is one frame — the request target for
/// GET, the body for JSON POST, `/?`+body for form POST. 200 once the frame is queued, 400 for a
/// request the codec refuses, 503 while the bus pushes back (the app retries), 413 when too large.
final class HTTPHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let listener: ListenerContext
    private var session: DeviceSession
    private var head: HTTPRequestHead?
    private var body: ByteBuffer?
    private var tooLarge = false

    init(listener: ListenerContext, remote: SocketAddress?) {
        self.listener = listener
        self.session = listener.makeSession(remote: remote)
    }

    func channelInactive(context: ChannelHandlerContext) {
        listener.announceOffline(session, channel: context.channel, reason: "closed")
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let requestHead):
            head = requestHead
            body = nil
            tooLarge = false
        case .body(var chunk):
            listener.counters.bytes.increment(by: chunk.readableBytes)
            if (body?.readableBytes ?? 0) + chunk.readableBytes > listener.limits.maxFrameSize { tooLarge = true; return }
            if body == nil { body = chunk } else { body!.writeBuffer(&chunk) }
        case .end:
            guard let head else { return }
            respond(context, head: head, status: tooLarge ? .payloadTooLarge : handle(head, context))
        }
    }

    private func handle(_ head: HTTPRequestHead, _ context: ChannelHandlerContext) -> HTTPResponseStatus {
        let payload = Self.payload(head: head, body: body)
        let (verdict, identified) = session.handle(payload, receivedAtNs: unixNanoseconds())
        if identified { listener.announceOnline(session, channel: context.channel) }
        switch verdict {
        case .forward(let frame, _):
            guard listener.forward(frame, on: context.eventLoop) else {
                listener.counters.dropped("backpressure")
                return .serviceUnavailable
            }
            listener.counters.acks.increment()
            return .ok
        case .replyOnly:
            return .ok
        case .reject(let reason, _):
            listener.counters.badFrame(reason)
            return .badRequest
        }
    }

    /// The frame payload of a request (the convention the HTTP codecs read).
    static func payload(head: HTTPRequestHead, body: ByteBuffer?) -> [UInt8] {
        let bodyBytes = body.map { Array($0.readableBytesView) } ?? []
        guard head.method == .POST, !bodyBytes.isEmpty else { return Array(head.uri.utf8) }
        let contentType = head.headers.first(name: "content-type")?.lowercased() ?? ""
        if contentType.contains("x-www-form-urlencoded") { return Array("/?".utf8) + bodyBytes }
        return bodyBytes
    }

    private func respond(_ context: ChannelHandlerContext, head: HTTPRequestHead, status: HTTPResponseStatus) {
        var headers = HTTPHeaders([("content-length", "0")])
        if !head.isKeepAlive { headers.add(name: "connection", value: "close") }
        context.write(wrapOutboundOut(.head(HTTPResponseHead(version: head.version, status: status, headers: headers))), promise: nil)
        let done = context.writeAndFlush(wrapOutboundOut(.end(nil)))
        if !head.isKeepAlive { done.whenComplete { [context] _ in context.close(promise: nil) } }
        self.head = nil
        body = nil
    }
}
