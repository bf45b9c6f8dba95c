import TrackwireProtocol

/// Reads codec 12 and codec 13 records: the device's answers to GPRS commands. They carry no
/// location; the text lands in `result` (hex digits when not printable), axle-weight reports in
/// `axle1`…`totalTrailer`, codec 13 `GTSL` reports in `driverUniqueId`.
struct TeltonikaCommandReplyReader: TeltonikaRecordReading {
    /// 12 or 13.
    let codec: UInt8
    /// Stands in for the time of codec 12 replies, which carry none.
    let receivedAtMs: Int64

    /// Codec 12 type of camera packets (photo announcements and chunks), which Traccar assembles
    /// into an image over several requests; they give no position here.
    static let cameraType: UInt8 = 0x0D

    /// Reads one record; `nil` for camera packets.
    func read(_ reader: inout ByteReader) throws(DecodeError) -> TeltonikaRecord? {
        codec == TeltonikaDataPacket.Codec.codec13 ? try readCodec13(&reader) : try readCodec12(&reader)
    }

    /// Codec 12: type, size, text.
    private func readCodec12(_ reader: inout ByteReader) throws(DecodeError) -> TeltonikaRecord? {
        let type = try reader.u8()
        let length = Int(try reader.u32())
        let data = try reader.read(length)
        guard type != Self.cameraType else { return nil }
        var record = Self.outdatedRecord(timeMs: receivedAtMs)
        record.set("type", .int(type))
        if TeltonikaText.isPrintable(data) {
            let text = TeltonikaText.trimmed(data)
            if !Self.setAxleWeights(text, into: &record) { record.set("result", .string(text)) }
        } else {
            record.set("result", .string(TeltonikaText.hex(data)))
        }
        return record
    }

    /// Codec 13: type, size (counting a 4-byte time in seconds), time, text.
    private func readCodec13(_ reader: inout ByteReader) throws(DecodeError) -> TeltonikaRecord {
        try reader.skip(1)  // type
        let length = Int(try reader.u32()) - 4
        var record = Self.outdatedRecord(timeMs: Int64(try reader.u32()) * 1000)
        let data = try reader.read(length)
        guard TeltonikaText.isPrintable(data) else {
            record.set("result", .string(TeltonikaText.hex(data)))
            return record
        }
        let text = TeltonikaText.trimmed(data)
        let fields = text.split(separator: "|", omittingEmptySubsequences: false)
        if text.hasPrefix("GTSL"), fields.count > 4 {
            record.set("driverUniqueId", .string(String(fields[4])))
        } else {
            record.set("result", .string(text))
        }
        return record
    }

    private static func outdatedRecord(timeMs: Int64) -> TeltonikaRecord {
        var record = TeltonikaRecord()
        record.outdated = true
        record.position.fixTimeMs = timeMs
        return record
    }

    private static let axleKeys = (1...8).map { "axle\($0)" } + ["loadTruck", "loadTrailer", "totalTruck", "totalTrailer"]

    /// `UUUUww<v1>;…;<v12>;SSS`: eight axle loads and four totals. False when `text` is not one.
    private static func setAxleWeights(_ text: String, into record: inout TeltonikaRecord) -> Bool {
        guard text.hasPrefix("UUUUww"), text.hasSuffix("SSS"), text.count >= 10 else { return false }
        let values = text.dropFirst(6).dropLast(4).split(separator: ";", omittingEmptySubsequences: false)
        for (key, value) in zip(axleKeys, values) {
            if let number = Double(value) { record.set(key, .double(number)) }
        }
        return true
    }
}
