import TrackwireProtocol

/// Everything Trackwire knows about one device protocol, as pure functions (docs/architecture.md, "Codecs").
/// The gateway uses framing, `examine` (identification and the acknowledgement) and command
/// encoding; the decoder uses `decode`. No I/O, no clocks: time comes in through the contexts.
public protocol DeviceCodec: Sendable {
    /// What the protocol says about itself (name, default listeners, options, commands, simulator).
    var descriptor: ProtocolDescriptor { get }

    /// A fresh framer for one TCP connection. Datagram and HTTP transports use one frame per
    /// datagram or request and do not call this.
    func makeFramer() -> any Framer

    /// What the gateway needs to know about a frame as soon as it is cut: who sent it, whether it is
    /// acceptable, and the bytes the device expects back.
    func examine(_ frame: [UInt8], context: SessionContext) -> Examination

    /// Turns a frame into positions and device events. Throws `DecodeError` for a frame it cannot read.
    func decode(_ frame: [UInt8], context: DecodeContext) throws -> Decoded
}

extension DeviceCodec {
    /// The protocol's name in topics, configuration and frames: `gt06`, `teltonika`, `osmand`, ...
    public var name: String { descriptor.name }
}

/// Optional capability: protocols that accept downlink commands.
public protocol CommandEncoding: Sendable {
    /// The bytes that carry `command` to the device, or `CommandError` if the protocol cannot
    /// express it. `context` tells the transport and the device's session state.
    func encode(_ command: Command, context: SessionContext) throws -> [UInt8]
}

/// What the gateway knows about the connection a frame arrived on.
public struct SessionContext: Sendable, Equatable {
    /// The identified device id, or `nil` before identification.
    public var deviceId: String?
    public var transport: Transport
    /// Per-listener options (`ModelOverride`, `Extended`, ...), as configured.
    public var options: [String: String]
    /// When the gateway received the frame, unix milliseconds, for replies that carry the server's
    /// clock (GT06 time requests); 0 when unknown, and such replies are then not given.
    public var receivedAtMs: Int64

    public init(deviceId: String? = nil, transport: Transport = .tcp, options: [String: String] = [:], receivedAtMs: Int64 = 0) {
        self.deviceId = deviceId
        self.transport = transport
        self.options = options
        self.receivedAtMs = receivedAtMs
    }
}

/// The gateway-side verdict on one frame.
public struct Examination: Sendable, Equatable {
    /// The device id this frame names (login, or any self-identifying frame), if any.
    public var deviceId: String?
    /// The bytes to send back to the device now, if the protocol expects a reply.
    public var reply: [UInt8]?
    /// Set when the frame is unacceptable (bad CRC in strict mode, unknown type that must not be
    /// acked, ...): the gateway counts it as a bad frame and applies its policy. A short label.
    public var problem: String?
    /// Whether the frame should be forwarded to decoders (false for pure keep-alives with no data,
    /// when a protocol wants that; default true).
    public var forward: Bool
    /// Whether the frame may carry something storage keeps (positions, events, status): a gateway
    /// in durable-ack mode holds its reply until storage confirms the frame. `false` for frames
    /// that only identify the device (logins) or keep the link alive, which are answered at once.
    public var storesData: Bool

    public init(deviceId: String? = nil, reply: [UInt8]? = nil, problem: String? = nil, forward: Bool = true, storesData: Bool = true) {
        self.deviceId = deviceId
        self.reply = reply
        self.problem = problem
        self.forward = forward
        self.storesData = storesData
    }
}

/// What the decoder knows when decoding a frame.
public struct DecodeContext: Sendable, Equatable {
    /// The session's device id, if the session identified itself (frames that carry their own id
    /// may ignore it).
    public var deviceId: String?
    public var transport: Transport
    /// Per-listener options, carried in `Frame.options`.
    public var options: [String: String]
    /// When the gateway received the frame, unix milliseconds: the fallback time for protocols
    /// that send none, and the reference for protocols that send only a time of day.
    public var receivedAtMs: Int64

    public init(deviceId: String? = nil, transport: Transport = .tcp, options: [String: String] = [:], receivedAtMs: Int64 = 0) {
        self.deviceId = deviceId
        self.transport = transport
        self.options = options
        self.receivedAtMs = receivedAtMs
    }
}

/// What a frame turned out to be. A frame a codec cannot use is no kind: `decode` throws a
/// `DecodeError` saying why, which the decoder turns into an `err.decoder` reject.
public enum FrameKind: String, Sendable, Equatable {
    case login, heartbeat, position, alarm, commandReply, status, other
}

/// The result of decoding one frame.
public struct Decoded: Sendable, Equatable {
    public var kind: FrameKind
    /// The device id the frame itself carries (may differ from the context's for multi-device links).
    public var deviceId: String?
    /// Positions in the order the device sent them. `deviceId`, `protocol` and the times are set.
    public var positions: [Position]
    /// Device events (alarms, ignition changes, command replies).
    public var events: [Event]

    public init(kind: FrameKind, deviceId: String? = nil, positions: [Position] = [], events: [Event] = []) {
        self.kind = kind
        self.deviceId = deviceId
        self.positions = positions
        self.events = events
    }
}

/// A frame that cannot be decoded. `errorType` is the short label used in metrics and rejects.
public struct DecodeError: Error, Sendable, Equatable, CustomStringConvertible {
    public var errorType: String
    public var message: String

    public init(_ errorType: String, _ message: String) {
        self.errorType = errorType
        self.message = message
    }

    public var description: String { "\(errorType): \(message)" }
}

/// A command that the protocol cannot express.
public struct CommandError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
