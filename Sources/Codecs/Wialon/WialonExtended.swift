import TrackwireProtocol

/// The `#D#` fields after the satellites: HDOP, inputs, outputs, the ADC list, the iButton and
/// the `name:type:value` parameters (docs/protocols/wialon.md "Position fields").
enum WialonExtended {
    /// Applies fields 11–16 of a record (absent ones are empty).
    static func apply(_ f: ArraySlice<Substring>, into d: inout PositionDraft) throws(DecodeError) {
        let (hdop, inputs, outputs, adc, ibutton, params) = (f[f.startIndex], f[f.startIndex + 1], f[f.startIndex + 2], f[f.startIndex + 3], f[f.startIndex + 4], f[f.startIndex + 5])
        if let value = TextNumber.decimal(hdop) {
            d["hdop"] = .double(value)
            d.position.hdop = value
        }
        if let value = TextNumber.int(inputs) { d["input"] = .int(value) }
        if let value = TextNumber.int(outputs) { d["output"] = .int(value) }
        if !adc.isEmpty {
            for (index, value) in adc.split(separator: ",", omittingEmptySubsequences: false).enumerated() {
                d["adc\(index + 1)"] = TextNumber.decimal(value).map(AttributeValue.double) ?? .string(String(value))
            }
        }
        if !ibutton.isEmpty { d["driverUniqueId"] = .string(String(ibutton)) }
        if !params.isEmpty { WialonParameters.apply(params, into: &d) }
    }
}
