import Codecs
import TrackwireProtocol

extension Frame {
    /// What a codec may know about this frame when decoding it.
    var decodeContext: DecodeContext {
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
    func stamp(_ position: Position, fallbackDevice: String) -> Position {
        var position = position
        if position.deviceID.isEmpty { position.deviceID = fallbackDevice }
        if position.protocol.isEmpty { position.protocol = self.protocol }
        position.serverTimeNs = receivedAtNs
        position.frame = reference
        return position
    }

    /// A codec's event completed the same way, including the position it carries.
    func stamp(_ event: Event, fallbackDevice: String) -> Event {
        var event = event
        if event.deviceID.isEmpty { event.deviceID = fallbackDevice }
        if event.source.isEmpty { event.source = FrameDecoding.stage }
        if event.hasPosition { event.position = stamp(event.position, fallbackDevice: event.deviceID) }
        return event
    }
}
