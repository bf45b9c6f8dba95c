import TrackwireProtocol

/// `tw decode`'s pure core: what a frame says, as the gateway and a decoder would read it —
/// framed, examined (device, reply, integrity problem) and decoded — without sockets or a bus.
public enum FrameInspector {
    /// The device reported for frames that do not name one when the request gives none.
    public static let unknownDevice = "unknown"

    /// Inspects one request. A payload the protocol's framer cuts into whole frames is decoded
    /// frame by frame; any other payload (no delimiter, a UDP datagram, an HTTP request) is one
    /// frame. Never throws: every refusal is the report's `error`.
    public static func inspect(_ request: InspectionRequest) -> FrameReport {
        guard let codec = CodecRegistry.codec(named: request.protocolName) else {
            let known = CodecRegistry.descriptors.map(\.name).joined(separator: ", ")
            return FrameReport(error: "unknown_protocol: '\(request.protocolName)' is none of \(known)")
        }
        do {
            try codec.descriptor.validate(options: request.options)
        } catch {
            return FrameReport(error: "bad_option: \(error)")
        }
        let transport = request.transport ?? codec.descriptor.transports[0]
        var report = FrameReport()
        for frame in frames(of: request.payload, codec: codec, transport: transport) {
            do {
                try inspect(frame, codec: codec, transport: transport, request: request, into: &report)
            } catch let error as DecodeError {
                return FrameReport(error: error.description)
            } catch {
                return FrameReport(error: "decode_failed: \(error)")
            }
        }
        return report
    }

    /// The frames a payload holds: what the framer cuts when it consumes all of it, else the
    /// payload itself.
    static func frames(of payload: [UInt8], codec: any DeviceCodec, transport: Transport) -> [[UInt8]] {
        guard transport == .tcp, !payload.isEmpty else { return [payload] }
        var framer = codec.makeFramer()
        let cut = framer.cutAll(payload)
        return !cut.frames.isEmpty && cut.discarded == 0 && cut.remainder.isEmpty ? cut.frames : [payload]
    }

    private static func inspect(_ frame: [UInt8], codec: any DeviceCodec, transport: Transport,
                                request: InspectionRequest, into report: inout FrameReport) throws {
        let session = SessionContext(deviceId: request.device, transport: transport, options: request.options, receivedAtMs: request.receivedAtMs)
        let examination = codec.examine(frame, context: session)
        let device = request.device ?? examination.deviceId ?? unknownDevice
        let context = DecodeContext(deviceId: device, transport: transport, options: request.options, receivedAtMs: request.receivedAtMs)
        var decoded = try codec.decode(frame, context: context)
        let named = decoded.deviceId ?? device
        for index in decoded.positions.indices { complete(&decoded.positions[index], device: named, protocolName: codec.name) }
        for index in decoded.events.indices { complete(&decoded.events[index], device: named, protocolName: codec.name) }
        report.add(decoded, device: named, examination: examination)
    }

    /// What the decoder stage fills in when a codec leaves it empty: the device and protocol.
    private static func complete(_ position: inout Position, device: String, protocolName: String) {
        if position.deviceID.isEmpty { position.deviceID = device }
        if position.protocol.isEmpty { position.protocol = protocolName }
    }

    private static func complete(_ event: inout Event, device: String, protocolName: String) {
        if event.deviceID.isEmpty { event.deviceID = device }
        if event.source.isEmpty { event.source = "decoder" }
        if event.hasPosition { complete(&event.position, device: event.deviceID, protocolName: protocolName) }
    }
}
