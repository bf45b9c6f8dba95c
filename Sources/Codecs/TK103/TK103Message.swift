/// A TK103 frame split into device id, 4-character command word and the rest, in either form:
/// fixed `(<id 12><CMD><payload>)` or comma-separated `(<id>,<CMD>,<fields…>)`.
struct TK103Message {
    let id: String
    let command: String
    /// The bytes after the command (after its comma in the comma form), without the final `)`.
    let rest: [UInt8]
    let isCommaForm: Bool

    init?(_ frame: [UInt8]) {
        var slice = TextProto.trimmed(frame)
        if slice.first == UInt8(ascii: "(") { slice = slice.dropFirst() }
        if slice.last == UInt8(ascii: ")") { slice = slice.dropLast() }
        let body = Array(slice)
        let fixedStart = Self.fixedCommandStart(body)
        if fixedStart == 12 {
            self.init(body, idEnd: 12, commandStart: 12, restStart: 16, isCommaForm: false)
        } else if let comma = Self.commaFormIdEnd(body) {
            self.init(body, idEnd: comma, commandStart: comma + 1, restStart: comma + 6, isCommaForm: true)
        } else if let start = fixedStart {
            self.init(body, idEnd: start, commandStart: start, restStart: start + 4, isCommaForm: false)
        } else {
            return nil
        }
    }

    private init(_ body: [UInt8], idEnd: Int, commandStart: Int, restStart: Int, isCommaForm: Bool) {
        id = TextProto.text(body[..<idEnd])
        command = TextProto.text(body[commandStart..<commandStart + 4])
        rest = restStart < body.count ? Array(body[restStart...]) : []
        self.isCommaForm = isCommaForm
    }

    /// The rest as text.
    var restText: String { TextProto.text(rest) }

    /// The rest split at commas.
    var fields: [Substring] {
        TextProto.fields(restText[...])
    }

    /// Where the id ends in the comma form: `<id>,<4 letters or digits>` then `,` or the end.
    private static func commaFormIdEnd(_ body: [UInt8]) -> Int? {
        guard let comma = body.firstIndex(of: UInt8(ascii: ",")), comma > 0, comma + 5 <= body.count,
              comma + 5 == body.count || body[comma + 5] == UInt8(ascii: ","),
              body[(comma + 1)..<(comma + 5)].allSatisfy(isAlphanumeric) else { return nil }
        return comma
    }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
    }

    /// Where the command word starts in the fixed form: after the usual 12-character id, else at
    /// the first pair of capital letters (ids of 11 or 15 digits exist).
    private static func fixedCommandStart(_ body: [UInt8]) -> Int? {
        guard body.count >= 16 else { return nil }
        let isCapital = { (i: Int) in body[i] >= 0x41 && body[i] <= 0x5A }
        if isCapital(12), isCapital(13) { return 12 }
        for start in 1...min(15, body.count - 4) where isCapital(start) && isCapital(start + 1) { return start }
        return nil
    }
}
