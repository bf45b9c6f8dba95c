import TrackwireProtocol

/// ATrack trackers (docs/protocols/atrack.md): binary `@P` packets and text `@P,` lines naming the
/// unit in every packet, `$` info lines and the `FE 02` keep-alive. Reports are acked with
/// `FE 02 <unit id> <seq>`; CRCs and lengths are reported, not enforced.
public struct AtrackCodec: DeviceCodec, CommandEncoding {
    /// The codec; it holds no state.
    public init() {}

    /// Cuts keep-alives, binary packets, text lines and `$` lines.
    public func makeFramer() -> any Framer { AtrackFramer() }

    /// The unit id, Traccar's reply (the keep-alive echoed, reports acked) and `bad_length` /
    /// `bad_crc`. Keep-alives store nothing.
    public func examine(_ frame: [UInt8], context: SessionContext) -> Examination {
        let parsed: AtrackFrame
        do { parsed = try AtrackFrame(frame) } catch { return Examination(problem: error.errorType) }
        switch parsed {
        case .keepAlive: return Examination(reply: frame, storesData: false)
        case .dollar(let line): return Examination(deviceId: AtrackInfo.unitId(line))
        case .text(let header): return Examination(deviceId: header.unitId, reply: header.ack, problem: header.problem)
        case .binary(let header): return Examination(deviceId: String(header.unitId), reply: header.ack, problem: header.problem)
        }
    }

    /// Positions of binary and text reports, device info and command results; photo chunks are
    /// recognised and not assembled. Options: `LongDate`, `DecimalFuel`, `Custom`, `Form`,
    /// `AlarmMap` and `FrameMask`.
    public func decode(_ frame: [UInt8], context: DecodeContext) throws -> Decoded {
        let options = AtrackOptions(context.options)
        switch try AtrackFrame(frame) {
        case .keepAlive:
            return Decoded(kind: .heartbeat)
        case .dollar(let line):
            return try AtrackInfo.decode(line, deviceId: context.deviceId, protocolName: name, receivedAtMs: context.receivedAtMs)
        case .text(let header):
            let positions = AtrackTextDecoder(protocolName: name, deviceId: header.unitId, options: options).decode(header)
            return .reporting(positions, deviceId: header.unitId)
        case .binary(let header):
            let deviceId = String(header.unitId)
            guard !header.isPhoto else { return Decoded(kind: .other, deviceId: deviceId) }
            return .reporting(try AtrackBinaryDecoder(protocolName: name, deviceId: deviceId, options: options).decode(header), deviceId: deviceId)
        }
    }

    /// `custom`: the text as a line.
    public func encode(_ command: Command, context: SessionContext) throws -> [UInt8] {
        guard command.type == "custom" else { throw CommandError("ATrack does not support command type \(command.type)") }
        guard !command.text.isEmpty else { throw CommandError("ATrack custom commands need text") }
        return Array((command.text + "\r\n").utf8)
    }
}
