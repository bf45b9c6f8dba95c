import CZeroMQ
import Synchronization

/// One ZAP request (ZeroMQ RFC 27): a peer asking to complete a security handshake.
public struct ZAPRequest: Sendable, Equatable {
    /// The ZAP domain of the server socket (empty unless set).
    public var domain: String
    /// The peer's IP address.
    public var address: String
    /// `NULL`, `PLAIN` or `CURVE`.
    public var mechanism: String
    /// For CURVE, the client's long-term public key in Z85.
    public var clientKey: String?
}

/// Answers ZAP requests for every socket of one context that has a security mechanism, on the
/// endpoint libzmq asks (`inproc://zeromq.zap.01`). Without a handler, a CURVE server in libzmq
/// 4.3 admits any client that knows its public key; with one, only those `admit` accepts.
///
/// Make it (it binds) before the server sockets bind; run `run()` on a dedicated thread.
public final class ZAPHandler: @unchecked Sendable {
    /// Where libzmq sends ZAP requests.
    public static let endpoint = "inproc://zeromq.zap.01"

    private let socket: Socket
    private let admit: @Sendable (ZAPRequest) -> Bool
    private let stopped = Atomic<Bool>(false)

    /// Binds the handler's REP socket in `context`. `admit` decides each request; it runs on the
    /// handler's thread, so it must be quick (it holds up the handshake).
    public init(context: Context, admit: @escaping @Sendable (ZAPRequest) -> Bool) throws(ZMQError) {
        socket = try context.socket(.rep, options: SocketOptions().with { $0.lingerMs = 0; $0.receiveTimeoutMs = 100 })
        do {
            try socket.bind(Self.endpoint)
        } catch {
            socket.close()
            throw error
        }
        self.admit = admit
    }

    /// Asks `run` to return (within 100 ms). Callable from any thread.
    public func stop() { stopped.store(true, ordering: .releasing) }

    /// Answers requests until `stop` or context termination, then closes the socket. Blocking.
    public func run() throws(ZMQError) {
        defer { socket.close() }
        do {
            while !stopped.load(ordering: .acquiring) {
                guard let frames = try socket.receive(wait: true) else { continue }
                try socket.send(reply(to: frames))
            }
        } catch where error.isTerminated {
            return
        }
    }

    /// The six-frame reply: version, request id, status code, status text, user id, metadata.
    func reply(to frames: [[UInt8]]) -> [[UInt8]] {
        guard frames.count >= 6, String(decoding: frames[0], as: UTF8.self) == "1.0" else {
            let id = frames.count > 1 ? frames[1] : []
            return [Array("1.0".utf8), id, Array("500".utf8), Array("malformed ZAP request".utf8), [], []]
        }
        let request = Self.request(from: frames)
        let admitted = admit(request)
        let user = admitted ? Array((request.clientKey ?? "").utf8) : []
        return [
            frames[0], frames[1], Array((admitted ? "200" : "400").utf8),
            Array((admitted ? "OK" : "not on the allow-list").utf8), user, [],
        ]
    }

    /// Frames 2-5 are domain, address, identity and mechanism; credentials follow.
    static func request(from frames: [[UInt8]]) -> ZAPRequest {
        let mechanism = String(decoding: frames[5], as: UTF8.self)
        let key = mechanism == "CURVE" && frames.count > 6 ? CurveKeys.encode(frames[6]) : nil
        return ZAPRequest(
            domain: String(decoding: frames[2], as: UTF8.self), address: String(decoding: frames[3], as: UTF8.self),
            mechanism: mechanism, clientKey: key
        )
    }
}
