import Atomics
import Foundation
import Codecs
import Logging
import NIOCore
import TrackwireProtocol

/// Everything a connection handler of one listener needs, shared by all its connections.
struct ListenerContext: Sendable {
    let spec: ListenerSpec
    let codec: any DeviceCodec
    let options: [String: String]
    let gatewayID: String
    let limits: GatewayLimits
    let sinks: FrameSinks
    let registry: SessionRegistry
    let counters: ProtocolCounters
    /// Identified TCP and HTTP connections open now (what `--max-connections` bounds).
    let openConnections: ManagedAtomic<Int>
    /// Connections per address and unidentified connections, over every listener.
    let budget: ConnectionBudget
    let logger: Logger
    /// HTTP listeners: one session per device across its connections.
    let httpPresence = HTTPPresence()

    /// Framer discards that are normal between frames, not signs of a bad device.
    static let benignDiscards: Set<String> = ["separator", "delimiter", "empty"]

    func makeSession(remote: SocketAddress?) -> DeviceSession {
        DeviceSession(
            gatewayID: gatewayID, sessionID: registry.makeSessionID(), codec: codec, transport: spec.transport,
            remoteAddress: remote.map(Self.describe) ?? "unknown", options: options, limits: limits
        )
    }

    /// Queues a frame for the decoders on the sink of `loop` (the caller's own) and counts it;
    /// `false` when the frames queue is full and the caller must hold the frame (back-pressure).
    func forward(_ frame: Frame, on loop: any EventLoop) -> Bool {
        guard sinks.sink(for: loop).forward(frame) else { return false }
        counters.frames.increment()
        if !frame.integrityProblem.isEmpty { counters.flagged(frame.integrityProblem) }
        return true
    }

    /// A frame the gateway drops: counted by reason, and (rate-limited) an `err.gateway` reject
    /// carrying the bytes as a `Frame`, so an operator sees it with `tw tap err.` and storage keeps
    /// it as a dead letter that can be replayed to the decoders.
    func reject(_ reason: String, payload: [UInt8], session: DeviceSession, on loop: any EventLoop) {
        counters.badFrame(reason)
        publishReject(reason, payload: payload, session: session, on: loop)
    }

    /// A connection (or datagram) refused by a limit before any frame was examined: counted in
    /// `dropped{reason}` and, rate-limited like every reject, an `err.gateway` record.
    func refuse(_ reason: String, payload: [UInt8] = [], session: DeviceSession, on loop: any EventLoop) {
        counters.dropped(reason)
        publishReject(reason, payload: payload, session: session, on: loop)
    }

    private func publishReject(_ reason: String, payload: [UInt8], session: DeviceSession, on loop: any EventLoop) {
        let frame = Frame.with {
            $0.gatewayID = gatewayID
            $0.sessionID = session.sessionID
            $0.deviceID = session.deviceID ?? ""
            $0.protocol = codec.name
            $0.transport = spec.transport
            $0.remoteAddress = session.remoteAddress
            $0.receivedAtNs = unixNanoseconds()
            $0.payload = Data(payload)
            $0.options = options
        }
        let reject = Reject(
            stage: "gateway", instance: gatewayID, errorType: reason,
            reason: "\(codec.name) \(payload.isEmpty ? "connection refused" : "frame dropped"): \(reason) (\(payload.count) bytes from \(session.remoteAddress))",
            topic: Topic.raw(device: frame.deviceID), body: (try? frame.serializedBytes()) ?? [], timeMs: frame.receivedAtNs / 1_000_000
        )
        sinks.sink(for: loop).reject(reject)
    }

    /// Durable mode: makes `session` reachable by storage's confirmations, which `confirmed` then
    /// receives on the handler's event loop (the caller removes it when the session ends).
    func addAckTarget<Handler: AnyObject>(
        session: UInt64, _ handler: Handler, _ context: ChannelHandlerContext,
        confirmed: @escaping (Handler, [UInt64], ChannelHandlerContext) -> Void
    ) {
        guard limits.ackMode == .durable else { return }
        let loop = context.eventLoop
        let bound = NIOLoopBound((handler, context, confirmed), eventLoop: loop)
        registry.addAckTarget(session: session, AckTarget { sequences in
            loop.execute {
                let (handler, context, confirmed) = bound.value
                confirmed(handler, sequences, context)
            }
        })
    }

    /// Monotonic milliseconds, for ack deadlines.
    static func nowMs() -> Int64 { Int64(NIODeadline.now().uptimeNanoseconds / 1_000_000) }

    /// Registers an identified session for downlink and announces it online.
    func announceOnline(_ session: DeviceSession, channel: any Channel, remote: SocketAddress? = nil) {
        guard let device = session.deviceID else { return }
        let context = SessionContext(deviceId: device, transport: spec.transport, options: options)
        registry.register(device: device, SessionHandle(sessionID: session.sessionID, channel: channel, codec: codec, context: context, remote: remote))
        sinks.sink(for: channel.eventLoop).publish(session.record(.online, reason: "identified", timeNs: unixNanoseconds()))
    }

    /// Forgets a session and announces it offline with the reason it ended.
    func announceOffline(_ session: DeviceSession, channel: any Channel, reason: String) {
        announceOffline(session, on: channel.eventLoop, reason: reason)
    }

    /// The same on the sink of `loop`, which must be the caller's own.
    func announceOffline(_ session: DeviceSession, on loop: any EventLoop, reason: String) {
        guard let device = session.deviceID else { return }
        registry.unregister(device: device, sessionID: session.sessionID)
        sinks.sink(for: loop).publish(session.record(.offline, reason: reason, timeNs: unixNanoseconds()))
    }

    static func describe(_ address: SocketAddress) -> String {
        if let ip = address.ipAddress, let port = address.port { return "\(ip):\(port)" }
        return "\(address)"
    }
}
