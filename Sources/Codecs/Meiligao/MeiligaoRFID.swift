import TrackwireProtocol

/// A 0x9966 RFID report: 15 card numbers (4 bytes each, 0 = none), then
/// `|hhmmss,ddmmyy,DDMM.MMMM,N|S,DDDMM.MMMM,E|W` (docs/protocols/meiligao.md "Position text").
/// Traccar marks the fix valid.
enum MeiligaoRFID {
    static func decode(_ r: inout ByteReader, base: Position) throws(DecodeError) -> Position {
        var position = base
        var attributes: [String: AttributeValue] = [:]
        for slot in 1...15 {
            let card = try r.u32()
            guard card != 0 else { continue }
            let text = String(repeating: "0", count: max(0, 10 - String(card).count)) + String(card)
            attributes["card\(slot)"] = .string(text)
            attributes["driverUniqueId"] = .string(text)
        }
        let text = Latin1.string(try r.read(r.remaining))
        let fields = text.dropFirst().split(separator: ",", omittingEmptySubsequences: false)
        guard text.first == "|", fields.count >= 6, fields[0].count == 6, let time = MeiligaoSentence.timeOfDay(fields[0]),
              let date = MeiligaoText.leadingDigits(fields[1], count: 6), fields[1].count == 6,
              let latitude = MeiligaoSentence.coordinate(fields[2], hemisphere: fields[3], negative: "S", positive: "N"),
              let longitude = MeiligaoSentence.coordinate(fields[4], hemisphere: fields[5].prefix(1), negative: "W", positive: "E"),
              let timeMs = UTCTime.milliseconds(year: date[2], month: date[1], day: date[0], hour: time.hour, minute: time.minute, second: time.second)
        else { throw DecodeError("malformed", "Meiligao RFID report without its fix: \(text.prefix(40))") }
        position.fixTimeMs = timeMs
        position.deviceTimeMs = timeMs
        position.latitude = latitude
        position.longitude = longitude
        position.valid = true
        position.attributes = attributes
        return position
    }
}
