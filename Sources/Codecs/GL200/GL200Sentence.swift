/// One text report (`+RESP:GTFRI,...$`, `+BUFF:...`, `+ACK:...`) split into its fields the way
/// Traccar splits it: one trailing `$` removed, split at commas, trailing empty fields dropped.
struct GL200Sentence {
    /// All fields; `fields[0]` is the header (`+RESP:GTFRI`), `fields[1]` the protocol version.
    let fields: [Substring]
    /// The three letters after `:GT` (`FRI`, `HBD`, ...).
    let type: String
    /// `+ACK:` lines: command acknowledgements and heartbeats.
    let isAck: Bool
    /// Whether the text ended with a comma (empty fields dropped): no regex-shaped report matches.
    let endsWithEmptyField: Bool

    /// `nil` when the frame is not a GL200 text report (no `:GT` type).
    init?(_ bytes: [UInt8]) {
        var text = Substring(String(decoding: bytes, as: UTF8.self))
        if text.hasSuffix("\0") { text = text.dropLast() }
        if text.hasSuffix("$") { text = text.dropLast() }
        guard let marker = text.firstRange(of: ":GT") else { return nil }
        let type = text[marker.upperBound...].prefix(3)
        guard type.count == 3 else { return nil }
        var fields = text.split(separator: ",", omittingEmptySubsequences: false)
        endsWithEmptyField = fields.last?.isEmpty == true
        while fields.last?.isEmpty == true { fields.removeLast() }
        self.fields = fields
        self.type = String(type)
        self.isAck = text.hasPrefix("+ACK")
    }

    /// The protocol version (field 1), or "" when missing.
    var version: Substring { fields.count > 1 ? fields[1] : "" }

    /// The IMEI: field 2, except in the GT300 dialect that puts the IMEI first and no version.
    var imei: String? {
        if fields.count > 1, GL200Shape.imei(fields[1]), fields.count < 3 || !GL200Shape.imei(fields[2]) {
            return String(fields[1])
        }
        guard fields.count > 2, !fields[2].isEmpty else { return nil }
        return String(fields[2])
    }

    /// The count number that closes every report (the last field), used in acknowledgements.
    var countNumber: Substring { fields.last ?? "" }

    /// The field before the count number: the send time in most reports.
    var sendTimeField: Substring { fields.count >= 2 ? fields[fields.count - 2] : "" }

    /// The field at `index`, or "" past the end (for shape checks that only look).
    subscript(_ index: Int) -> Substring { index >= 0 && index < fields.count ? fields[index] : "" }
}

/// A text report with what every report decoder needs besides the fields.
struct GL200Report {
    let sentence: GL200Sentence
    /// The sending model (`GL300`, `GV350M`, ...) or "" when unknown; see `GL200Models`.
    let model: String

    var fields: [Substring] { sentence.fields }
    var type: String { sentence.type }

    /// A cursor at `index`.
    func cursor(at index: Int) -> GL200Fields { GL200Fields(sentence.fields, at: index) }

    /// The send time (second-to-last field); unreadable reports throw, as Traccar's parser does.
    func requiredSendTime() throws(DecodeError) -> Int64 {
        try GL200Time.required(sentence.sendTimeField)
    }
}
