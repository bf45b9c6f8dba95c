import Foundation
import Codecs
import TrackwireProtocol

/// One device conversation's state (a TCP connection, a UDP peer, an HTTP connection) and the
/// decision for each frame it sends. Pure: sockets and clocks stay with the caller.
struct DeviceSession {
    /// What to do with one frame.
    enum Verdict: Equatable {
        /// Queue the frame for decoders, then send `reply`: at once, or, when `frame.durable`, once
        /// storage confirms the frame's commit.
        case forward(Frame, reply: [UInt8]?)
        /// Nothing to forward; just send `reply` if any.
        case replyOnly([UInt8]?)
        /// A bad frame: not forwarded, not acked; `closeConnection` once the limit is reached.
        case reject(reason: String, closeConnection: Bool)
    }

    let gatewayID: String
    let sessionID: UInt64
    let codec: any DeviceCodec
    let transport: Transport
    let remoteAddress: String
    let options: [String: String]
    let limits: GatewayLimits
    private(set) var deviceID: String?
    private(set) var sequence: UInt64 = 0
    private(set) var badFrames = 0
    private(set) var frames: UInt64 = 0
    private(set) var bytes: UInt64 = 0

    init(gatewayID: String, sessionID: UInt64, codec: any DeviceCodec, transport: Transport,
         remoteAddress: String, options: [String: String], limits: GatewayLimits) {
        self.gatewayID = gatewayID
        self.sessionID = sessionID
        self.codec = codec
        self.transport = transport
        self.remoteAddress = remoteAddress
        self.options = options
        self.limits = limits
    }

    var isIdentified: Bool { deviceID != nil }

    /// Decides about a frame. `identified` is true when this frame named the device first.
    mutating func handle(_ payload: [UInt8], receivedAtNs: Int64) -> (verdict: Verdict, identified: Bool) {
        bytes += UInt64(payload.count)
        let nowMs = receivedAtNs / 1_000_000
        if deviceID == nil, limits.admission.isThrottled(remoteAddress, nowMs: nowMs) {
            return (.reject(reason: "admission_throttled", closeConnection: true), false)
        }
        let context = SessionContext(deviceId: deviceID, transport: transport, options: options, receivedAtMs: receivedAtNs / 1_000_000)
        let examination = codec.examine(payload, context: context)
        var identified = false
        if deviceID == nil, let id = examination.deviceId, !id.isEmpty {
            guard limits.admission.admits(id) else {
                limits.admission.recordRefusal(from: remoteAddress, nowMs: nowMs)
                return (.reject(reason: "device_not_admitted", closeConnection: true), false)
            }
            deviceID = id
            identified = true
        }
        // Not counted as a bad frame: the device is honest but too fast, and resends it unacked.
        if let device = deviceID, !limits.frameRate.allows(device, nowMs: nowMs) {
            return (.reject(reason: "rate_limited", closeConnection: false), identified)
        }
        var integrityProblem = ""
        if let problem = examination.problem {
            guard Self.integrityProblems.contains(problem), !limits.enforceChecksums else { return (badFrame(problem), identified) }
            integrityProblem = problem
        }
        guard examination.forward else { return (.replyOnly(examination.reply), identified) }
        let durable = limits.ackMode == .durable && examination.storesData
            && (transport == .http || !(examination.reply ?? []).isEmpty)
        frames += 1
        sequence += 1
        let frame = Frame.with {
            $0.gatewayID = gatewayID
            $0.sessionID = sessionID
            $0.sequence = sequence
            $0.deviceID = examination.deviceId ?? deviceID ?? ""
            $0.protocol = codec.name
            $0.transport = transport
            $0.remoteAddress = remoteAddress
            $0.receivedAtNs = receivedAtNs
            $0.payload = Data(payload)
            $0.options = options
            $0.durable = durable
            $0.integrityProblem = integrityProblem
        }
        return (.forward(frame, reply: examination.reply), identified)
    }

    /// Counts a bad frame found before examination (garbage, oversized).
    mutating func badFrame(_ reason: String) -> Verdict {
        badFrames += 1
        return .reject(reason: reason, closeConnection: badFrames >= limits.maxBadFrames)
    }

    /// Problems that follow the checksum policy (forwarded and flagged by default); any other
    /// problem (missing id, a message the codec refuses) is always a bad frame.
    static let integrityProblems: Set<String> = ["bad_crc", "bad_checksum", "bad_length"]

    /// The `Session` record for this session's current state.
    func record(_ state: SessionState, reason: String, timeNs: Int64) -> Session {
        Session.with {
            $0.gatewayID = gatewayID
            $0.sessionID = sessionID
            $0.deviceID = deviceID ?? ""
            $0.protocol = codec.name
            $0.transport = transport
            $0.remoteAddress = remoteAddress
            $0.state = state
            $0.timeNs = timeNs
            $0.reason = reason
            $0.frames = frames
            $0.bytes = bytes
        }
    }
}
