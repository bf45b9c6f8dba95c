import Hummingbird
import HummingbirdCore
import Logging
import NIOCore

/// A Hummingbird child channel (HTTP/1, or HTTP/1 with WebSocket upgrades) with an
/// `HTTPReadTimeoutHandler` first in every connection's pipeline, in front of the HTTP codec.
public struct ReadTimeoutChannel<Inner: ServerChildChannel>: ServerChildChannel {
    public typealias Value = Inner.Value

    let inner: Inner
    let timeoutMs: Int64
    let timedOut: @Sendable () -> Void

    public init(_ inner: Inner, timeoutMs: Int64, timedOut: @escaping @Sendable () -> Void) {
        self.inner = inner
        self.timeoutMs = timeoutMs
        self.timedOut = timedOut
    }

    public func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        do {
            try channel.pipeline.syncOperations.addHandler(HTTPReadTimeoutHandler(timeoutMs: timeoutMs, timedOut: timedOut), position: .first)
        } catch {
            return channel.eventLoop.makeFailedFuture(error)
        }
        return inner.setup(channel: channel, logger: logger)
    }

    public func handle(value: Value, logger: Logger) async {
        await inner.handle(value: value, logger: logger)
    }
}

extension StageContext {
    /// The HTTP/1 server every Trackwire stage runs: `--http-read-timeout` on each connection
    /// (counted in `trackwire_dropped_total{reason="http_read_timeout"}`), and keep-alive
    /// connections idle for as long closed.
    public var http1Server: HTTPServerBuilder {
        let (timeoutMs, timedOut) = readTimeout
        return HTTPServerBuilder { responder in
            ReadTimeoutChannel(HTTP1Channel(responder: responder, configuration: .init(idleTimeout: .milliseconds(timeoutMs))),
                               timeoutMs: timeoutMs, timedOut: timedOut)
        }
    }

    /// `--http-read-timeout` and what counts a connection it closed.
    public var readTimeout: (ms: Int64, timedOut: @Sendable () -> Void) {
        let dropped = counters.counter("dropped", labels: [("reason", "http_read_timeout")])
        return (options.httpReadTimeoutMs, { dropped.increment() })
    }
}
