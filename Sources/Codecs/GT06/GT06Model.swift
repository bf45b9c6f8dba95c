/// The device model a listener or device is configured as (`ModelOverride` option), which changes
/// how some GT06 fields and alarm codes read, as in Traccar.
struct GT06Model: Equatable {
    /// Models whose 0x22/0x25 messages carry a source type, the IMEI and a device time first.
    private static let ntModels: Set<String> = ["NT11", "NT20", "NT26", "NT40", "NT46", "VL100", "XT40"]
    /// Models that read alarm codes 0x09/0x28/0x29/0x30 differently and send RFID in 0x16/0x36.
    private static let vlModels: Set<String> = ["VL103", "LL303", "VL512", "G18"]

    /// The model name, uppercased; empty when none is configured.
    let name: String

    init(options: [String: String]) {
        name = (GT06Codec.modelOverride.text(in: options) ?? "").uppercased()
    }

    var isLW: Bool { name.hasPrefix("LW") }
    var isSeeworld: Bool { name == "SEEWORLD" }
    var isNT: Bool { Self.ntModels.contains(name) }
    var isVL: Bool { Self.vlModels.contains(name) }
    var isTRX16i: Bool { name == "TRX16I" }
    var isR11: Bool { name == "R11" }
    var isQH302R: Bool { name == "QH302R" }
}

/// Sub-formats Traccar recognises from the header, length and type alone.
enum GT06Variant {
    case standard, vxt01, wanwayS20, sr411Mini, gt06eCard, benway, s5, space10x, obd6, wetrust
    case jc400, sl4x, seeworld, rfid, lw4g, stepStatus

    init(_ frame: GT06Frame) {
        self = frame.extended ? .standard : Self.shortForm(frame.type, frame.declaredLength, frame.bytes)
    }

    private static func shortForm(_ type: UInt8, _ length: Int, _ bytes: [UInt8]) -> GT06Variant {
        switch (type, length) {
        case (0x12, 0x24), (0x16, 0x24): .vxt01
        case (0x24, 0x31): .wanwayS20
        case (0x24, 0x2E): .sr411Mini
        case (0x12, 0x71...): .gt06eCard
        case (0x12, 0x21): .benway
        case (0x12, 0x2B): .s5
        case (0x19, 0x17...): .space10x
        case (0x13, 0x13): .obd6
        case (0x12, 0x29): .wetrust
        case (0x95, _) where bytes[4] == 0xFF && bytes[5] == 0xFF: .jc400
        case (0x34, 0x37), (0x31, 0x2A), (0x32, 0x27), (0x32, 0x29): .sl4x
        case (0x22, 0x2F), (0x16, 0x26), (0xA3, 0x0C): .seeworld
        case (0x17, 0x28): .rfid
        case (0xA2, 0x40): .lw4g
        case (0xA3, 0x18): .stepStatus
        default: .standard
        }
    }
}
