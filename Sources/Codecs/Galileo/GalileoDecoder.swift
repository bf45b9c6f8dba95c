import TrackwireProtocol

/// Turns Galileosky packets into positions (docs/protocols/galileo.md).
struct GalileoDecoder {
    let packet: GalileoPacket
    let context: DecodeContext

    /// Decodes the packet. Head packets that carry only the IMEI give `.login`; photo chunks are
    /// refused (photos are not stored).
    func decode() throws(DecodeError) -> Decoded {
        var reader = packet.bodyReader()
        switch packet.header {
        case 0x07: throw DecodeError("unsupported", "Galileosky photo chunk (photos are not stored)")
        case 0x08:
            var drafts: [PositionDraft] = []
            while reader.remaining > 0 { drafts.append(try GalileoCompressed.record(&reader, referenceMs: context.receivedAtMs)) }
            return try report(drafts, imei: nil)
        default:
            if packet.isIridium { return try iridium(&reader) }
            let records = try GalileoRecords(&reader)
            if records.drafts.isEmpty, let imei = records.imei { return Decoded(kind: .login, deviceId: imei) }
            return try report(records.drafts, imei: records.imei)
        }
    }

    private func report(_ drafts: [PositionDraft], imei: String?) throws(DecodeError) -> Decoded {
        guard let deviceId = imei ?? context.deviceId else {
            throw DecodeError("unidentified", "Galileosky packet before the head packet named the IMEI")
        }
        let kind: FrameKind = drafts.isEmpty ? .other : drafts.allSatisfy { $0["result"] != nil } ? .commandReply : .position
        return .reporting(drafts, kind: kind, deviceId: deviceId, protocolName: GalileoCodec.descriptor.name, fallbackTimeMs: context.receivedAtMs)
    }

    /// The Iridium form: index, IMEI, session status, time, a degrees-and-minutes fix, then a
    /// data tag holding tags (or, with `Compressed`, a compressed record, which replaces the
    /// envelope's fix when the data tag holds one).
    private func iridium(_ r: inout ByteReader) throws(DecodeError) -> Decoded {
        try r.skip(3 + 4)  // identification header, index
        let imei = try r.latin1(15)
        try r.skip(1 + 4)  // session status, reserved
        var d = PositionDraft()
        d.timeMs = Int64(try r.u32()) * 1000
        try r.skip(3)  // coordinates header
        let flags = try r.u8()
        let latitude = Double(try r.u8()) + Double(try r.u16()) / 60_000
        let longitude = Double(try r.u8()) + Double(try r.u16()) / 60_000
        d.setFix(latitude: flags & 0x02 != 0 ? -latitude : latitude, longitude: flags & 0x01 != 0 ? -longitude : longitude, valid: false)
        try r.skip(4 + 1)  // accuracy, data tag header
        var data = ByteReader(Array(try r.read(Int(try r.u16()))))
        if GalileoCodec.compressed.isOn(in: context.options) {
            // A data tag too short for a compressed record leaves the envelope's own fix.
            if let record = try? GalileoCompressed.record(&data, referenceMs: context.receivedAtMs) { d = record }
        } else {
            while data.remaining > 0 {
                let tag = try data.u8()
                if tag == 0x30 { try GalileoRecords.fix(&data, into: &d) } else { try GalileoTags.read(tag, &data, into: &d) }
            }
        }
        return .reporting([d], kind: .position, deviceId: imei, protocolName: GalileoCodec.descriptor.name, fallbackTimeMs: context.receivedAtMs)
    }
}
