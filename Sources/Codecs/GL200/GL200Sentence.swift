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
        var end = bytes.count
        if end > 0, bytes[end - 1] == 0 { end -= 1 }
        if end > 0, bytes[end - 1] == UInt8(ascii: "$") { end -= 1 }
        guard let marker = Self.typeMarker(bytes, end: end), marker + 6 <= end else { return nil }
        let text = Self.ascii(bytes[..<end])
        var fields = Self.split(text)
        endsWithEmptyField = fields.last?.isEmpty == true
        while fields.last?.isEmpty == true { fields.removeLast() }
        self.fields = fields
        self.type = Self.ascii(bytes[(marker + 3)..<(marker + 6)])
        self.isAck = bytes.starts(with: [0x2B, 0x41, 0x43, 0x4B]) // +ACK
    }

    /// Text as Traccar reads it (US-ASCII): bytes above 0x7F become `?`. Decoding them as UTF-8
    /// instead would make the standard library repair them, which is slow on garbage.
    static func ascii(_ bytes: ArraySlice<UInt8>) -> String {
        bytes.withUnsafeBufferPointer { source in
            String(unsafeUninitializedCapacity: source.count) { target in
                var index = 0
                while index < source.count {
                    target[index] = source[index] < 0x80 ? source[index] : UInt8(ascii: "?")
                    index += 1
                }
                return index
            }
        }
    }

    /// Fields at commas, empty ones kept (walking UTF-8 code units, not characters).
    private static func split(_ text: String) -> [Substring] {
        let utf8 = text.utf8
        var fields: [Substring] = []
        var start = utf8.startIndex, index = start
        while index != utf8.endIndex {
            if utf8[index] == UInt8(ascii: ",") {
                fields.append(Substring(utf8[start..<index]))
                start = utf8.index(after: index)
            }
            index = utf8.index(after: index)
        }
        fields.append(Substring(utf8[start..<index]))
        return fields
    }

    /// Where `:GT` starts, if it occurs before `end`.
    private static func typeMarker(_ bytes: [UInt8], end: Int) -> Int? {
        var index = 0
        while index + 2 < end {
            if bytes[index] == 0x3A && bytes[index + 1] == 0x47 && bytes[index + 2] == 0x54 { return index }
            index += 1
        }
        return nil
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
