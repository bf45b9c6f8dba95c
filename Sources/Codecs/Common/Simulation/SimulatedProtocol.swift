import TrackwireProtocol

/// The device side of one tracker protocol: the bytes a real tracker sends to log in, report a
/// fix and keep its connection alive, each with the reply that acknowledges it. Stateless: the
/// session passes the message sequence number (GT06 serial, GL200 count, ...).
public protocol SimulatedProtocol: Sendable {
    /// The protocol's name, as the gateway and `--protocols` spell it (`gt06`, `osmand`, ...).
    var name: String { get }

    /// The id the gateway and the decoder report for the device with this 15-digit IMEI.
    func deviceId(imei: String) -> String

    /// What the device sends right after connecting, if anything; with an ack, nothing else is sent
    /// until it arrives.
    func login(imei: String, sequence: Int) -> SimMessage?

    /// One position report.
    func position(_ fix: SimFix, imei: String, sequence: Int) -> SimMessage

    /// A keep-alive, if the protocol has one.
    func heartbeat(imei: String, sequence: Int, timeMs: Int64) -> SimMessage?

    /// The resolution of the fix time on the wire, in ms: what the decoder reads back is the
    /// fix's time rounded down to it (whole seconds for most protocols).
    var fixTimeResolutionMs: Int64 { get }

    /// How the messages travel: `.tcp`, one byte stream (HTTP rides on it), or `.udp`, each
    /// message one datagram and each ack one reply datagram.
    var transport: Transport { get }

    /// The same device speaking `transport`, or `nil` when it cannot (most speak only TCP).
    func over(_ transport: Transport) -> (any SimulatedProtocol)?
}

extension SimulatedProtocol {
    /// Most protocols report the IMEI itself.
    public func deviceId(imei: String) -> String { imei }

    /// Most protocols send whole seconds.
    public var fixTimeResolutionMs: Int64 { 1000 }

    /// Most simulated devices speak TCP.
    public var transport: Transport { .tcp }

    /// Only its own transport, unless the device says otherwise.
    public func over(_ transport: Transport) -> (any SimulatedProtocol)? { transport == self.transport ? self : nil }
}

/// One report of a simulated vehicle: where it is and how it moves at `timeMs` (unix ms, UTC).
public struct SimFix: Sendable, Equatable {
    public var latitude: Double
    public var longitude: Double
    public var speedKmh: Double
    /// Degrees clockwise from north, 0..<360.
    public var courseDeg: Double
    public var timeMs: Int64
    public var ignition: Bool

    /// A fix; every field is given.
    public init(latitude: Double, longitude: Double, speedKmh: Double, courseDeg: Double, timeMs: Int64, ignition: Bool) {
        self.latitude = latitude
        self.longitude = longitude
        self.speedKmh = speedKmh
        self.courseDeg = courseDeg
        self.timeMs = timeMs
        self.ignition = ignition
    }
}

/// Bytes a simulated device sends, and the reply that acknowledges them (`nil`: the protocol
/// answers nothing, so the message counts as acknowledged once written).
public struct SimMessage: Sendable, Equatable {
    public var bytes: [UInt8]
    public var ack: ExpectedReply?

    /// A message and its acknowledgement, if any.
    public init(_ bytes: [UInt8], ack: ExpectedReply? = nil) {
        self.bytes = bytes
        self.ack = ack
    }

    /// A text message (ASCII) and its acknowledgement, if any.
    public init(text: String, ack: ExpectedReply? = nil) {
        self.init(Array(text.utf8), ack: ack)
    }
}
