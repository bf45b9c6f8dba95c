import NIOCore
import NIOHTTP1
import TrackwireProtocol

/// An HTTP listener (OsmAnd / Traccar Client): each request is one frame — the request target for
/// GET, the body for JSON POST, `/?`+body for form POST. 200 once storage confirms the frame's
/// commit (durable mode) or once it is queued (receipt mode); 503 while the bus pushes back or
/// when the commit is not confirmed within `--ack-timeout` (the app keeps the fix and retries);
/// 400 for a request the codec refuses; 413 when too large. One request is answered at a time
/// (NIO's pipelining handler holds the next until then). A device has one session across its
/// connections, offline after `--idle-timeout` without a request (`HTTPPresence`).
final class HTTPHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let listener: ListenerContext
    private var session: DeviceSession
    private var head: HTTPRequestHead?
    private var body: ByteBuffer?
    private var tooLarge = false
    /// Durable mode: the request whose answer waits for storage, and its timeout.
    private var awaiting: (sequence: UInt64, head: HTTPRequestHead, timeout: Scheduled<Void>)?
    private var slot = ConnectionSlot.none
    /// `--http-read-timeout`: runs from the connection's opening, and from each answer, until the
    /// next request is complete.
    private var readTimer: Scheduled<Void>?
    private var answered = 0

    init(listener: ListenerContext, remote: SocketAddress?) {
        self.listener = listener
        self.session = listener.makeSession(remote: remote)
    }

    func channelActive(context: ChannelHandlerContext) {
        slot = listener.admit(session, channel: context.channel)
        if slot == .none { context.close(promise: nil) }
        armReadTimer(context)
        listener.addAckTarget(session: session.sessionID, self, context) { $0.confirmed($1, $2) }
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        listener.registry.removeAckTarget(session: session.sessionID)
        listener.release(session, slot: slot)
        readTimer?.cancel()
        if let awaiting {
            awaiting.timeout.cancel()
            listener.counters.unacknowledged(1)
        }
        // An identified device's session outlives the connection (`HTTPPresence`).
        if session.deviceID == nil { listener.announceOffline(session, channel: context.channel, reason: "closed") }
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
            readTimer?.cancel()
            readTimer = nil
            guard let head else { return }
            if let status = tooLarge ? .payloadTooLarge : handle(head, context) { respond(context, head: head, status: status) }
        }
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        guard event is ConnectionBudget.Evicted else { return context.fireUserInboundEventTriggered(event) }
        guard !session.isIdentified, context.channel.isActive else { return }
        listener.evicted(session, on: context.eventLoop)
        context.close(promise: nil)
    }

    /// Closes the connection if no complete request arrives within `--http-read-timeout`: a slow
    /// sender (a partial header, a trickled body) is counted and rejected `read_timeout`; a
    /// keep-alive connection silent after an answer is just closed.
    private func armReadTimer(_ context: ChannelHandlerContext) {
        readTimer?.cancel()
        let partial = answered == 0 || head != nil
        readTimer = context.eventLoop.assumeIsolated().scheduleTask(in: .milliseconds(listener.limits.httpReadTimeoutMs)) { [self] in
            readTimer = nil
            guard context.channel.isActive else { return }
            if partial || head != nil { listener.refuse("read_timeout", payload: Array((head?.uri ?? "").utf8), session: session, on: context.eventLoop) }
            context.close(promise: nil)
        }
    }

    /// Storage committed the awaited request's frame: answer 200.
    private func confirmed(_ sequences: [UInt64], _ context: ChannelHandlerContext) {
        guard let awaiting, sequences.contains(awaiting.sequence) else { return listener.counters.lateAcks(sequences.count) }
        awaiting.timeout.cancel()
        self.awaiting = nil
        listener.counters.acks.increment()
        respond(context, head: awaiting.head, status: .ok)
    }

    /// Holds the answer until storage confirms `frame`, or answers 503 at `--ack-timeout`.
    private func holdAnswer(_ frame: Frame, head: HTTPRequestHead, _ context: ChannelHandlerContext) {
        let timeout = context.eventLoop.assumeIsolated().scheduleTask(in: .milliseconds(listener.limits.ackTimeoutMs)) { [self] in
            guard let awaiting, awaiting.sequence == frame.sequence else { return }
            self.awaiting = nil
            listener.counters.dropped("ack_timeout")
            respond(context, head: awaiting.head, status: .serviceUnavailable)
        }
        awaiting = (frame.sequence, head, timeout)
    }

    /// The status to answer now, or `nil` when the answer waits for storage.
    private func handle(_ head: HTTPRequestHead, _ context: ChannelHandlerContext) -> HTTPResponseStatus? {
        let payload = Self.payload(head: head, body: body)
        let (verdict, identified) = session.handle(payload, receivedAtNs: unixNanoseconds())
        if identified, !listener.promote(session, slot: &slot, on: context.eventLoop) {
            context.close(promise: nil)
            return nil
        }
        if listener.httpPresence.heard(session, loop: context.eventLoop, nowMs: ListenerContext.nowMs()) {
            listener.announceOnline(session, channel: context.channel)
            listener.httpPresence.startSweep(listener, on: context.eventLoop)
        }
        switch verdict {
        case .forward(let frame, _):
            guard listener.forward(frame, on: context.eventLoop) else {
                listener.counters.dropped("backpressure")
                return .serviceUnavailable
            }
            guard !frame.durable else {
                holdAnswer(frame, head: head, context)
                return nil
            }
            listener.counters.acks.increment()
            return .ok
        case .replyOnly:
            return .ok
        case .reject(let reason, _):
            listener.reject(reason, payload: payload, session: session, on: context.eventLoop)
            return reason == "rate_limited" ? .tooManyRequests : .badRequest
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
        answered += 1
        if head.isKeepAlive { armReadTimer(context) }
    }
}
