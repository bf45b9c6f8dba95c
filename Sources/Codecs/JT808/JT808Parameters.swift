import TrackwireProtocol

/// 0x0104, the terminal's answer to a parameter query: (id:4, length:1, value) entries, of which
/// the intervals, server, APN, speed limits, odometer and plate are kept.
enum JT808Parameters {
    /// Reads the answer's parameters into `d`.
    static func read(_ r: inout ByteReader, into d: inout PositionDraft) throws(DecodeError) {
        try r.skip(3)  // answered serial, parameter count
        while r.remaining - 2 >= 5 {
            let id = try r.u32()
            let length = Int(try r.u8())
            let next = r.offset + length
            guard next <= r.end - 2 else { break }
            try parameter(id, length: length, &r, into: &d)
            r = r.moved(to: next)
        }
    }

    private static let numbers: [UInt32: String] = [
        0x0001: "heartbeatInterval", 0x0018: "port", 0x0027: "sleepReportInterval", 0x0028: "emergencyReportInterval",
        0x0029: "defaultReportInterval", 0x0055: "overspeedThreshold", 0x0056: "speedLimitDuration",
    ]

    private static func parameter(_ id: UInt32, length: Int, _ r: inout ByteReader, into d: inout PositionDraft) throws(DecodeError) {
        if let key = numbers[id] {
            d[key] = .int(try r.u32())
            return
        }
        switch id {
        case 0x0010: d["apn"] = .string(LenientUTF8.string(try r.read(length)))
        case 0x0013: d["server"] = .string(LenientUTF8.string(try r.read(length)))
        case 0x0080: d["odometer"] = .int(Int64(try r.u32()) * 100)
        case 0x0083: d["plateNumber"] = .string(LenientUTF8.string(try r.read(length)).javaTrimmed)
        default: break
        }
    }
}
