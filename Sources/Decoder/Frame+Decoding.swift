import Codecs
import TrackwireProtocol

extension Frame {
    /// What a codec may know about this frame when decoding it (the decoder and `tw bench decode`).
    public var decodeContext: DecodeContext {
        DecodeContext(
            deviceId: deviceID.isEmpty ? nil : deviceID,
            transport: transport,
            options: options,
            receivedAtMs: receivedAtNs / 1_000_000
        )
    }

    /// The reference back to this frame, for durable acknowledgements and tracing.
    var reference: FrameRef {
        FrameRef.with {
            $0.gatewayID = gatewayID
            $0.sessionID = sessionID
            $0.sequence = sequence
        }
    }

    /// A codec's position completed with what only the frame knows: the server receive time, the
    /// frame reference, and the device id and protocol when the codec left them empty.
    /// Stamped in place; `reference` is this frame's `reference`, built once per frame.
    func stamp(_ position: inout Position, fallbackDevice: String, reference: FrameRef) {
        if position.deviceID.isEmpty { position.deviceID = fallbackDevice }
        if position.protocol.isEmpty { position.protocol = self.protocol }
        position.serverTimeNs = receivedAtNs
        position.frame = reference
        // A frame forwarded despite a failed integrity check says so on what it carried.
        if !integrityProblem.isEmpty { position.attributes[Self.checksumAttribute] = .with { $0.boolValue = false } }
    }

    /// The attribute marking positions of frames that failed their integrity check (`false`).
    static let checksumAttribute = "checksum_ok"

    /// A codec's event completed the same way, including the position it carries.
    func stamp(_ event: inout Event, fallbackDevice: String, reference: FrameRef) {
        if event.deviceID.isEmpty { event.deviceID = fallbackDevice }
        if event.source.isEmpty { event.source = FrameDecoding.stage }
        if event.hasPosition {
            let device = event.deviceID
            stamp(&event.position, fallbackDevice: device, reference: reference)
        }
    }
}
