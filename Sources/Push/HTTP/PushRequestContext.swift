import Hummingbird
import HummingbirdWebSocket
import NIOCore

/// The request context of push's router: Hummingbird's WebSocket-capable context plus the
/// connection's channel, onto which a WebSocket session writes its frames (`WebSocketFrameWriter`).
struct PushRequestContext: RequestContext, WebSocketRequestContext {
    var coreContext: CoreRequestContextStorage
    let webSocket: WebSocketHandlerReference<Self>
    /// The client's connection; after the upgrade, a WebSocket channel.
    let channel: any Channel

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        webSocket = .init()
        channel = source.channel
    }
}
