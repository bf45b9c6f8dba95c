/// One GPS103 data line, `imei:<IMEI>,<keyword>,<fields...>`, split at commas, with the line's
/// terminator (`;`, CR/LF; `*` for the alternative format) removed.
struct GPS103Line {
    let imei: String
    let keyword: Substring
    /// All fields, `fields[0]` being `imei:<IMEI>`.
    let fields: [Substring]
    /// Whether the line ended with `*` (the alternative format).
    let isAlternative: Bool

    /// Splits `text`, which must start with `imei:` followed by digits.
    init?(_ text: Substring) {
        var line = text
        while let last = line.last, last == ";" || last == "\r" || last == "\n" || last == "\r\n" { line = line.dropLast() }
        isAlternative = line.last == "*"
        if isAlternative { line = line.dropLast() }
        let fields = line.split(separator: ",", omittingEmptySubsequences: false)
        guard fields.count >= 2, fields[0].hasPrefix("imei:") else { return nil }
        let imei = fields[0].dropFirst(5)
        guard TextProto.isDigits(imei) else { return nil }
        self.imei = String(imei)
        keyword = fields[1]
        self.fields = fields
    }

    /// The field at `index`, or `nil` past the end.
    subscript(safe index: Int) -> Substring? {
        index < fields.count ? fields[index] : nil
    }

    /// The IMEI after the first `imei:` in `text`, if digits follow it.
    static func imei(in text: Substring) -> String? {
        guard let range = text.firstRange(of: "imei:") else { return nil }
        let digits = text[range.upperBound...].prefix { $0.isASCII && $0.isNumber }
        return digits.isEmpty ? nil : String(digits)
    }
}
