import TrackwireProtocol

/// Suntech (ST300/ST340/ST600/ST910/SA200…): `;`-separated text ending in `\r`, in legacy
/// (`<model><TYPE>;<id>;…`) and universal (`<TYPE>;<id>;<mask>;…`) layouts, plus two binary forms
/// (docs/protocols/suntech.md). The id is in every message; Traccar never acknowledges anything.
///
/// Decoder options (context options): `Hbm`, `ProtocolType`, `IncludeAdc`, `IncludeRpm`,
/// `IncludeTemp` (see `SuntechOptions`). Command options: `Alternative=true` for the universal
/// command form, `Prefix` for the legacy prefix (default `SA200`).
public struct SuntechCodec: DeviceCodec, CommandEncoding {

    /// A stateless codec; options arrive with each context.
    public init() {}

    /// Cuts text at its `\r` and binary frames by their length.
    public func makeFramer() -> any Framer { SuntechFramer() }

    /// The device id; Suntech devices expect no reply.
    public func examine(_ frame: [UInt8], context: SessionContext) -> Examination {
        let body = Self.body(frame)
        if Self.isBinary(body) { return Examination(deviceId: SuntechBinaryDecoder.deviceId(Array(body))) }
        let values = Latin1.fields(body.prefix(64), separator: UInt8(ascii: ";"))
        return Examination(deviceId: Self.textDeviceId(values))
    }

    /// Reports → one position; `ALV` → heartbeat; `Res`/`RES` → a command result; crash-report
    /// chunks and unknown types are recognised without positions.
    public func decode(_ frame: [UInt8], context: DecodeContext) throws -> Decoded {
        let body = Self.body(frame)
        if Self.isBinary(body) {
            let decoder = SuntechBinaryDecoder(protocolName: name, receivedAtMs: context.receivedAtMs)
            return body.first == 0x02 ? try decoder.decodeZip(Array(body)) : try decoder.decodeUniversal(Array(body))
        }
        let values = Latin1.fields(body, separator: UInt8(ascii: ";"))
        let prefix = values[0]
        guard let id = Self.textDeviceId(values) else { throw DecodeError("unidentified", "Suntech message without a device id") }
        let options = SuntechOptions(context.options)
        let compact = SuntechCompactDecoders(protocolName: name, options: options)
        if prefix.hasSuffix("ALV") { return Decoded(kind: .heartbeat, deviceId: id) }
        if prefix == "CRR" { return Decoded(kind: .other, deviceId: id) }  // crash report chunks, not assembled
        if prefix.count < 5 { return try SuntechUniversalDecoder(protocolName: name).decode(values, context: context) }
        if prefix.hasSuffix("HTE") { return try compact.decodeTravelReport(values, receivedAtMs: context.receivedAtMs) }
        if prefix.hasPrefix("ST9") { return try compact.decodeST9(values) }
        if prefix.hasPrefix("ST4") { return try compact.decodeST4(values, receivedAtMs: context.receivedAtMs) }
        return try SuntechLegacyDecoder(protocolName: name, options: options).decode(values, context: context)
    }

    /// `reboot`, `position_single`, `engine_stop`/`engine_resume`, `alarm_arm`/`alarm_disarm`,
    /// `output_control` (params `index`, `data`) and `custom`.
    public func encode(_ command: Command, context: SessionContext) throws -> [UInt8] {
        try SuntechCommandEncoder().encode(command, context: context)
    }

    /// The frame without its `\r` terminator.
    private static func body(_ frame: [UInt8]) -> ArraySlice<UInt8> {
        frame.last == 0x0D && !isBinary(frame[...]) ? frame.dropLast() : frame[...]
    }

    private static func isBinary(_ bytes: ArraySlice<UInt8>) -> Bool {
        bytes.count >= 2 && (bytes.first == 0x02 || bytes[bytes.startIndex + 1] == 0)
    }

    /// The id field: the third for `ST910;<type>;<id>` and `<model>CMD;Res;<id>`, else the second.
    private static func textDeviceId(_ values: [String]) -> String? {
        let index = values[0].hasPrefix("ST9") || values.count > 1 && values[1] == "Res" ? 2 : 1
        return index < values.count && !values[index].isEmpty ? values[index] : nil
    }
}
