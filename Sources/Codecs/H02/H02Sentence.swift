/// One H02 text message, `*<maker>,<id>,<type>[,<fields>...]#`, split into its fields.
struct H02Sentence {
    /// The message as received, surrounding whitespace and the final `#` removed.
    let text: Substring
    /// The device id (10 or 15 digits; some devices leave it empty).
    let id: Substring
    /// The message type (`V1`, `HTBT`, `NBR`, ...).
    let type: Substring
    /// The fields after the type.
    let fields: [Substring]

    /// Splits a text frame; `nil` unless it starts with `*` and has a type field.
    init?(_ frame: [UInt8]) {
        var text = TextProto.trimmedText(frame)
        guard text.first == "*" else { return nil }
        if text.last == "#" { text = text.dropLast() }
        let parts = TextProto.fields(text)
        guard parts.count >= 3 else { return nil }
        self.text = text
        id = parts[1]
        type = parts[2]
        fields = Array(parts.dropFirst(3))
    }

    /// The message up to and including its type, e.g. `*HQ,123456789012345,HTBT`.
    var head: Substring {
        let end = type.endIndex
        return text[text.startIndex..<end]
    }

    /// Everything after `<type>,`: free text for `SMS`, the response for `V4`.
    var body: Substring {
        let start = type.endIndex
        return start < text.endIndex ? text[text.index(after: start)...] : ""
    }
}
