import CZeroMQ
/// The options Trackwire sets explicitly on every socket (docs/architecture.md, "The bus"), with documented defaults.
/// All durations are in milliseconds, as libzmq takes them.
public struct SocketOptions: Sendable, Equatable {
    /// Messages queued for sending per peer before PUB drops / PUSH blocks. libzmq's default is 1000;
    /// ours is 10 000 so a burst of a few thousand positions does not immediately push back.
    public var sendHighWaterMark: Int32 = 10_000
    /// Messages queued on receive per peer.
    public var receiveHighWaterMark: Int32 = 10_000
    /// How long `close` waits to flush unsent messages. Not libzmq's infinite default, so a
    /// shutdown never hangs on a dead peer: 2 s is enough to deliver the last batch to a live one.
    public var lingerMs: Int32 = 2_000
    /// First reconnect delay after a lost connection.
    public var reconnectIntervalMs: Int32 = 100
    /// Reconnect back-off cap.
    public var reconnectIntervalMaxMs: Int32 = 5_000
    /// ZMTP heartbeat (PING) interval; 0 (the default) sends none. A heartbeat cannot tell a dead
    /// peer from a busy one: a consumer that stops reading leaves the PINGs behind its data
    /// unanswered, the connection is closed and every message queued on it is lost. Dead peers
    /// are found by TCP keepalive instead, which the peer's kernel answers however busy it is.
    public var heartbeatIntervalMs: Int32 = 0
    /// How long to wait for a PONG before declaring the peer dead (with heartbeats on).
    public var heartbeatTimeoutMs: Int32 = 0
    /// TCP keepalive on every TCP connection: idle seconds before the first probe (0: off). A peer
    /// whose host is gone stops answering and the connection is closed after
    /// `tcpKeepaliveIdleS + tcpKeepaliveCount × tcpKeepaliveIntervalS`.
    public var tcpKeepaliveIdleS: Int32 = 10
    /// Seconds between keepalive probes.
    public var tcpKeepaliveIntervalS: Int32 = 5
    /// Unanswered probes before the connection is declared dead.
    public var tcpKeepaliveCount: Int32 = 4
    /// Whether PUSH/DEALER queue only on completed connections (`ZMQ_IMMEDIATE`), so work is not
    /// parked on a peer that is not there yet. Default on; irrelevant for other types.
    public var immediate: Bool = true
    /// Make XPUB return EAGAIN instead of silently dropping at the HWM (`ZMQ_XPUB_NODROP`).
    public var xpubNoDrop: Bool = false
    /// Pass every (un)subscription to the XPUB reader, not only the first/last (`ZMQ_XPUB_VERBOSE`).
    public var xpubVerbose: Bool = false
    /// How long a blocking receive waits before reporting "would block" (-1: forever). Loops on
    /// dedicated threads use it to notice a stop request.
    public var receiveTimeoutMs: Int32 = -1
    /// Subscriptions a SUB starts with.
    public var subscriptions: [String] = []
    /// CURVE security, when keys are configured.
    public var curve: Curve?

    public init() {}

    /// Builder-style copy with a change.
    public func with(_ change: (inout SocketOptions) -> Void) -> SocketOptions {
        var copy = self
        change(&copy)
        return copy
    }
}

/// CURVE keys for one socket: a server needs its secret key; a client needs the server's public key
/// and its own key pair. Keys are 40-character Z85 text.
public enum Curve: Sendable, Equatable {
    case server(secretKey: String)
    case client(serverKey: String, publicKey: String, secretKey: String)
}

/// A CURVE key pair in Z85.
public struct CurveKeyPair: Sendable, Equatable {
    public let publicKey: String
    public let secretKey: String

    /// A pair from its two Z85 keys.
    public init(publicKey: String, secretKey: String) {
        self.publicKey = publicKey
        self.secretKey = secretKey
    }

    /// A new random key pair (libzmq's `zmq_curve_keypair`, backed by libsodium).
    public static func generate() throws(ZMQError) -> CurveKeyPair {
        var publicKey = [CChar](repeating: 0, count: 41)
        var secretKey = [CChar](repeating: 0, count: 41)
        try zmqCheck("zmq_curve_keypair") { zmq_curve_keypair(&publicKey, &secretKey) }
        return CurveKeyPair(
            publicKey: String(decoding: publicKey.prefix(40).map { UInt8(bitPattern: $0) }, as: UTF8.self),
            secretKey: String(decoding: secretKey.prefix(40).map { UInt8(bitPattern: $0) }, as: UTF8.self)
        )
    }
}


