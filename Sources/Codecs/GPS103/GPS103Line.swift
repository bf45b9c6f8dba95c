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
        let fields = TextProto.fields(line)
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

    /// The IMEI after the first `imei:` in `line`, if digits follow it.
    static func imei(in line: ArraySlice<UInt8>) -> String? {
        guard let start = TextProto.firstIndex(of: marker, in: line) else { return nil }
        let digits = TextProto.leadingDigits(line[(start + marker.count)...])
        return digits.isEmpty ? nil : digits
    }

    /// Where `imei:` starts in `line`.
    static func markerIndex(in line: ArraySlice<UInt8>) -> Int? {
        TextProto.firstIndex(of: marker, in: line)
    }

    /// Login/handshake (`##,imei:<IMEI>,A;`): contains `imei:` and is at most 30 characters.
    static func isLogin(_ line: ArraySlice<UInt8>) -> Bool {
        line.count <= 30 && markerIndex(in: line) != nil
    }

    /// Heartbeat: the line starts with a digit (the bare IMEI).
    static func isHeartbeat(_ line: ArraySlice<UInt8>) -> Bool {
        line.first.map { $0 >= 0x30 && $0 <= 0x39 } ?? false
    }

    private static let marker = Array("imei:".utf8)
}
