import TrackwireProtocol

/// OsmAnd / Traccar Client over HTTP: GET query strings, form POSTs (framed by the gateway as
/// `"/?" + body`) and Transistorsoft JSON POSTs. The HTTP answer (200, or 400/404 for a missing
/// or unknown id) is the gateway's; this codec gives no reply bytes. Option `Speed` (`kn`
/// default, `kmh`, `mps`, `mph`) is the unit of the query's `speed`.
public struct OsmAndCodec: DeviceCodec {

    /// The codec; it holds no state.
    public init() {}

    /// HTTP requests are whole frames; the gateway does not call this.
    public func makeFramer() -> any Framer { WholeMessageFramer() }

    /// Names the device (`id`/`deviceid`, or JSON `device_id`); `missing_id` when there is none.
    public func examine(_ frame: [UInt8], context: SessionContext) -> Examination {
        guard let deviceId = OsmAndRequest(frame).deviceId else { return Examination(problem: "missing_id") }
        return Examination(deviceId: deviceId)
    }

    /// Decodes a query or JSON request into positions; throws `unidentified` without an id.
    public func decode(_ frame: [UInt8], context: DecodeContext) throws -> Decoded {
        switch OsmAndRequest(frame) {
        case .query(let frame):
            try OsmAndQueryDecoder(protocolName: name).decode(OsmAndRequest.parameters(frame), context: context)
        case .json(let body): try OsmAndJSONDecoder(protocolName: name).decode(body, context: context)
        }
    }
}
