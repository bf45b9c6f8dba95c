/// The device model, as far as Traccar's IO mappings care: many IO ids mean something only on
/// FMB-class devices. Comes from the `ModelOverride` option (Traccar also reads the device's
/// stored model, which a stateless codec does not have).
struct TeltonikaModel: Sendable {
    /// The model name, e.g. `FMB130`; `nil` when unknown.
    let name: String?
    /// `FM[B-Z]xxx`, `MTB100` or `MSP500`.
    let isFMB: Bool
    /// `FMx6xx` (`FM.6..`).
    let isFMx6xx: Bool
    /// `TxTxxx` (`T.T...`).
    let isTAT: Bool

    init(_ name: String?) {
        self.name = name
        let chars = Array((name ?? "").utf8)
        let fmPrefix = chars.count == 6 && chars[0] == UInt8(ascii: "F") && chars[1] == UInt8(ascii: "M")
        isFMB = (fmPrefix && (UInt8(ascii: "B")...UInt8(ascii: "Z")).contains(chars[2]))
            || name == "MTB100" || name == "MSP500"
        isFMx6xx = fmPrefix && chars[3] == UInt8(ascii: "6")
        isTAT = chars.count == 6 && chars[0] == UInt8(ascii: "T") && chars[2] == UInt8(ascii: "T")
    }

    /// Which models an IO mapping applies to.
    enum Gate: Sendable {
        case any, fmb, fmbExcept6xx, fmx6xx, fmbOrTAT
        case only(String)
    }

    /// Whether a mapping with this gate applies to this model.
    func admits(_ gate: Gate) -> Bool {
        switch gate {
        case .any: true
        case .fmb: isFMB
        case .fmbExcept6xx: isFMB && !isFMx6xx
        case .fmx6xx: isFMx6xx
        case .fmbOrTAT: isFMB || isTAT
        case .only(let model): name == model
        }
    }
}
