import Codecs
import TestSupport
import TrackwireProtocol

/// Everything a codec makes of one capture, as the JSON a golden file pins: the frames a framer
/// test cuts, the bytes a downlink command encodes to, or `FrameInspector`'s report of a frame
/// (what `tw decode` prints for it).
enum CaptureOutcome {
    /// The golden line for `capture`: `{"line":N,"framer"|"downlink"|"report":…}`.
    static func line(_ capture: Capture) -> String {
        "{\"line\":\(capture.line),\(body(capture))}"
    }

    private static func body(_ capture: Capture) -> String {
        guard let codec = CodecRegistry.codec(named: capture.protocol) else { return "\"error\":\"no codec\"" }
        if capture.isFramerTest {
            var framer = codec.makeFramer()
            let cut = framer.cutAll(capture.bytes)
            let frames = cut.frames.map { "\"\(Hex.encode($0))\"" }.joined(separator: ",")
            return "\"framer\":{\"frames\":[\(frames)],\"discarded\":\(cut.discarded),\"remainder\":\"\(Hex.encode(cut.remainder))\"}"
        }
        if capture.isDownlink { return "\"downlink\":" + downlink(capture, codec) }
        return "\"report\":" + FrameInspector.inspect(request(capture)).json
    }

    /// The inspection `tw decode` makes of the capture's request line.
    static func request(_ capture: Capture) -> InspectionRequest {
        InspectionRequest(protocolName: capture.protocol, payload: capture.bytes,
                          transport: try? InspectionRequest.transport(named: capture.transport),
                          options: capture.listenerOptions, receivedAtMs: GoldenFiles.receivedAtMs)
    }

    private static func downlink(_ capture: Capture, _ codec: any DeviceCodec) -> String {
        guard let command = Command.from(capture) else { return "{\"error\":\"no command in the note\"}" }
        guard let encoder = codec as? any CommandEncoding else { return "{\"error\":\"no command encoding\"}" }
        let context = SessionContext(deviceId: CaptureChecks.encoderDeviceId, transport: capture.transportValue, options: capture.listenerOptions)
        do {
            return "{\"encoded\":\"\(Hex.encode(try encoder.encode(command, context: context)))\"}"
        } catch {
            return FrameReport(error: "\(error)").json
        }
    }
}
