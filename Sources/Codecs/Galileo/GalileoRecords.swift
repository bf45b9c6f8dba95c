import TrackwireProtocol

/// The records of a tagged packet (docs/protocols/galileo.md "Tags"): a tag seen again starts
/// the next record; a record is kept when it has a fix and a time, or (the last one) a command
/// answer. Tag `03` names the device.
struct GalileoRecords {
    /// The IMEI of tag `03`, when the packet carries one.
    var imei: String?
    /// The records worth keeping, in order.
    var drafts: [PositionDraft] = []

    /// Walks the tags of `reader` to its end.
    init(_ reader: inout ByteReader) throws(DecodeError) {
        var seen = Set<UInt8>()
        var draft = PositionDraft()
        var located = false
        while reader.remaining > 0 {
            let tag = try reader.u8()
            if seen.contains(tag) {
                if located && draft.timeMs != nil { drafts.append(draft) }
                seen.removeAll()
                located = false
                draft = PositionDraft()
            }
            seen.insert(tag)
            switch tag {
            case 0x03: imei = try reader.latin1(15)
            case 0x30:
                located = true
                try Self.fix(&reader, into: &draft)
            default: try GalileoTags.read(tag, &reader, into: &draft)
            }
        }
        if located && draft.timeMs != nil {
            drafts.append(draft)
        } else if draft["result"] != nil {
            drafts.append(draft)
        }
    }

    /// Tag `30`: a byte whose high nibble 0 means valid, then latitude and longitude × 10⁶.
    static func fix(_ reader: inout ByteReader, into d: inout PositionDraft) throws(DecodeError) {
        let valid = try reader.u8() & 0xF0 == 0
        let latitude = Double(Int32(truncatingIfNeeded: try reader.uintLE(4))) / 1_000_000
        let longitude = Double(Int32(truncatingIfNeeded: try reader.uintLE(4))) / 1_000_000
        d.setFix(latitude: latitude, longitude: longitude, valid: valid)
    }
}
