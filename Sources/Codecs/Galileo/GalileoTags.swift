import TrackwireProtocol

/// Galileosky tags (docs/protocols/galileo.md "Tags"): each has a fixed length, values are
/// little-endian. Traccar's names for the ones it reads; the others are skipped by length, and a
/// tag of unknown length ends the decode (`malformed`), as in Traccar.
enum GalileoTags {
    /// The length of a tag read by skipping, `nil` for a tag Traccar does not know.
    private static func length(of tag: UInt8) -> Int? {
        switch tag {
        case 0x01, 0x02, 0x35, 0x43, 0x88...0x8C, 0xA0...0xAF, 0xC4...0xD2, 0xD5: return 1
        case 0x04, 0x10, 0x34, 0x40...0x42, 0x45, 0x46, 0x48, 0x54...0x59, 0x60...0x62, 0x70...0x77, 0xB0...0xB9, 0xD6...0xDA: return 2
        case 0x5D, 0x63...0x6F, 0xFA: return 3
        case 0x20, 0x33, 0x44, 0x47, 0x5A, 0x90, 0xC0...0xC3, 0xD3, 0xD4, 0xDB...0xE0, 0xE2...0xE9, 0xF0...0xF9: return 4
        case 0x5B: return 7
        case 0xFD: return 8
        case 0x5C: return 68
        default: return nil
        }
    }

    /// Reads the value of `tag` into `d`.
    static func read(_ tag: UInt8, _ r: inout ByteReader, into d: inout PositionDraft) throws(DecodeError) {
        if try numbered(tag, &r, into: &d) { return }
        switch tag {
        case 0x01: d["versionHw"] = .int(try r.u8())
        case 0x02: d["versionFw"] = .int(try r.u8())
        case 0x04: d["deviceId"] = .int(try r.uintLE(2))
        case 0x10: d["index"] = .int(try r.uintLE(2))
        case 0x20: d.timeMs = Int64(try r.uintLE(4)) * 1000
        case 0x33:
            d.position.speedKmh = Double(try r.uintLE(2)) / 10
            d.position.courseDeg = Double(try r.uintLE(2)) / 10
        case 0x34: d.position.altitudeM = Double(Int16(truncatingIfNeeded: try r.uintLE(2)))
        case 0x35:
            let hdop = Double(try r.u8()) / 10
            d["hdop"] = .double(hdop)
            d.position.hdop = hdop
        case 0x40: d["status"] = .int(try r.uintLE(2))
        case 0x41: d["power"] = .double(Double(try r.uintLE(2)) / 1000)
        case 0x42: d["battery"] = .double(Double(try r.uintLE(2)) / 1000)
        case 0x43: d["deviceTemp"] = .int(try r.i8())
        case 0x44: d["acceleration"] = .int(try r.uintLE(4))
        case 0x45: d["output"] = .int(try r.uintLE(2))
        case 0x46: d["input"] = .int(try r.uintLE(2))
        case 0x48: d["statusExtended"] = .int(try r.uintLE(2))
        case 0x58, 0x59: d[tag == 0x58 ? "rs2320" : "rs2321"] = .int(try r.uintLE(2))
        case 0x90: d["driverUniqueId"] = .string(String(try r.uintLE(4)))
        case 0xC0: d["fuelTotal"] = .double(Double(try r.uintLE(4)) / 2)
        case 0xC1:
            d["fuelLevel"] = .double(Double(try r.u8()) * 2 / 5)
            d["temp1"] = .int(Int(try r.u8()) - 40)
            d["rpm"] = .double(Double(try r.uintLE(2)) / 8)
        case 0xC2, 0xC3: d[tag == 0xC2 ? "canB0" : "canB1"] = .int(try r.uintLE(4))
        case 0xD4: d["odometer"] = .int(try r.uintLE(4))
        case 0xE0: d["index"] = .int(try r.uintLE(4))
        case 0xE1: d["result"] = .string(try r.latin1(Int(try r.u8())))
        case 0xEA: d["userDataArray"] = .string(try r.hex(Int(try r.u8())))
        case 0xFE: try r.skip(Int(try r.uintLE(2)))  // extended tags
        default:
            guard let size = length(of: tag) else { throw DecodeError("malformed", "Galileosky tag 0x\(String(tag, radix: 16)) of unknown length") }
            try r.skip(size)
        }
    }

    /// The numbered families: analog inputs, fuel sensors, CAN registers and user data.
    private static func numbered(_ tag: UInt8, _ r: inout ByteReader, into d: inout PositionDraft) throws(DecodeError) -> Bool {
        let t = Int(tag)
        switch tag {
        case 0x50...0x57: d["adc\(t - 0x50)"] = .int(try r.uintLE(2))
        case 0x60...0x62: d["fuel\(t - 0x60)"] = .int(try r.uintLE(2))
        case 0xA0...0xAF: d["can8BitR\(t - 0xA0 + 15)"] = .int(try r.u8())
        case 0xB0...0xB9: d["can16BitR\(t - 0xB0 + 5)"] = .int(try r.uintLE(2))
        case 0xC4...0xD2: d["can8BitR\(t - 0xC4)"] = .int(try r.u8())
        case 0xD6...0xDA: d["can16BitR\(t - 0xD6)"] = .int(try r.uintLE(2))
        case 0xDB...0xDF: d["can32BitR\(t - 0xDB)"] = .int(try r.uintLE(4))
        case 0xE2...0xE9: d["userData\(t - 0xE2)"] = .int(try r.uintLE(4))
        case 0xF0...0xF9: d["can32BitR\(t - 0xF0 + 5)"] = .int(try r.uintLE(4))
        default: return false
        }
        return true
    }
}
