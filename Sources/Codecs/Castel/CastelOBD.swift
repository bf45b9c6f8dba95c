import TrackwireProtocol

/// OBD PIDs and trouble codes in SC reports. Values are raw, as Traccar reports them for Castel;
/// PIDs Traccar does not name are read past (docs/protocols/castel.md "SC position data").
enum CastelOBD {
    /// Value widths by PID (Traccar's table, plus 0x9D and 0xA6 seen in devices' lists).
    static let widths: [UInt8: Int] = {
        var widths: [UInt8: Int] = [:]
        for pid: UInt8 in [0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0B, 0x0D, 0x0E, 0x0F, 0x11, 0x12, 0x13, 0x1C, 0x1D, 0x1E, 0x2C,
                           0x2D, 0x2E, 0x2F, 0x30, 0x33, 0x43, 0x45, 0x46, 0x47, 0x48, 0x49, 0x4A, 0x4B, 0x4C, 0x51, 0x52, 0x5A] { widths[pid] = 1 }
        for pid: UInt8 in [0x02, 0x03, 0x0A, 0x0C, 0x10, 0x14, 0x15, 0x16, 0x17, 0x18, 0x19, 0x1A, 0x1B, 0x1F, 0x21, 0x22,
                           0x23, 0x31, 0x32, 0x3C, 0x3D, 0x3E, 0x3F, 0x42, 0x44, 0x4D, 0x4E, 0x50, 0x53, 0x54, 0x55, 0x56,
                           0x57, 0x58, 0x59, 0x9D] { widths[pid] = 2 }
        for pid: UInt8 in [0x00, 0x01, 0x20, 0x24, 0x25, 0x26, 0x27, 0x28, 0x29, 0x2A, 0x2B, 0x34, 0x35, 0x36, 0x37, 0x38,
                           0x39, 0x3A, 0x3B, 0x40, 0x41, 0x4F, 0xA6] { widths[pid] = 4 }
        return widths
    }()

    /// Traccar's names for the PIDs it decodes.
    static let names: [UInt8: String] = [
        0x04: "engineLoad", 0x05: "coolantTemp", 0x0B: "mapIntake", 0x0C: "rpm", 0x0D: "obdSpeed", 0x0F: "intakeTemp",
        0x11: "throttle", 0x21: "milDistance", 0x2F: "fuel", 0x31: "clearedDistance",
    ]

    /// A PID count, the PIDs (2 bytes LE each, the low byte the PID), with `groups` a group count
    /// and size, then the values; reading stops at a PID of unknown width.
    static func readValues(_ r: inout ByteReader, groups: Bool, into attributes: inout [String: AttributeValue]) throws(DecodeError) {
        let count = Int(try r.u8())
        var pids: [UInt8] = []
        for _ in 0..<count { pids.append(UInt8(truncatingIfNeeded: try r.uintLE(2))) }
        if groups { try r.skip(2) }  // group count, group size
        for pid in pids {
            guard let width = widths[pid], r.remaining >= width else { return }
            let raw = try r.uintLE(width)
            let value = width == 4 ? Int64(Int32(truncatingIfNeeded: raw)) : Int64(raw)
            if let name = names[pid] { attributes[name] = .int(value) }
        }
    }

    /// A code count, then 2-byte LE codes, as `dtcs` (`P0326 C0123`, space-separated).
    static func readCodes(_ r: inout ByteReader, into attributes: inout [String: AttributeValue]) throws(DecodeError) {
        var codes: [String] = []
        for _ in 0..<Int(try r.u8()) where r.remaining >= 2 { codes.append(code(UInt16(try r.uintLE(2)))) }
        if !codes.isEmpty { attributes["dtcs"] = .string(codes.joined(separator: " ")) }
    }

    /// `P`, `C`, `B` or `U` by the top two bits, then the rest as four hex digits.
    static func code(_ value: UInt16) -> String {
        let prefix = ["P", "C", "B", "U"][Int(value >> 14)]
        return prefix + HexText.lowercase(bigEndianBytes(value & 0x3FFF)).uppercased()
    }
}
