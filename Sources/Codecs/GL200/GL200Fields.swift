/// A cursor over a report's comma-separated fields, for the decoders that walk fields by index.
/// Reading past the last field or a number that does not parse throws `DecodeError`: the report is
/// unreadable, as it is for Traccar, whose `v[index++]` and `parseInt` throw the same way.
struct GL200Fields {
    let values: [Substring]
    /// The next field to read.
    var index: Int

    init(_ values: [Substring], at index: Int = 0) {
        self.values = values
        self.index = index
    }

    var count: Int { values.count }

    /// The field `offset` places after the cursor, without moving.
    func peek(_ offset: Int = 0) throws(DecodeError) -> Substring {
        let at = index + offset
        guard at >= 0, at < values.count else {
            throw DecodeError("truncated", "report has \(values.count) fields, needed field \(at)")
        }
        return values[at]
    }

    /// The field at the cursor; moves past it.
    mutating func next() throws(DecodeError) -> Substring {
        let value = try peek()
        index += 1
        return value
    }

    /// `0..<count`, capped so a huge count from the wire cannot loop long: each repetition moves the
    /// cursor at least one field, so more repetitions than fields would run past the end anyway.
    func repetitions(_ count: Int) -> Range<Int> { 0..<min(max(0, count), values.count + 1) }

    /// Moves past `count` fields without reading them (a later read still checks bounds). Stops
    /// just past the end, so a huge count from the wire cannot overflow.
    mutating func skip(_ count: Int = 1) {
        let limit = values.count + 1
        index = count >= limit - index ? max(index, limit) : index + max(0, count)
    }

    /// The next field, or `nil` when it is empty; moves past it either way.
    mutating func nextNonEmpty() throws(DecodeError) -> Substring? {
        let value = try next()
        return value.isEmpty ? nil : value
    }

    /// The next field as a decimal integer, `nil` when empty.
    mutating func nextInt() throws(DecodeError) -> Int? {
        guard let value = try nextNonEmpty() else { return nil }
        return try GL200Number.int(value)
    }

    /// The next field as a hexadecimal integer, `nil` when empty.
    mutating func nextHex() throws(DecodeError) -> Int? {
        guard let value = try nextNonEmpty() else { return nil }
        return try GL200Number.hex(value)
    }

    /// The next field as a floating-point number, `nil` when empty.
    mutating func nextDouble() throws(DecodeError) -> Double? {
        guard let value = try nextNonEmpty() else { return nil }
        return try GL200Number.double(value)
    }
}

/// Number parsing with Traccar's strictness (a malformed number makes the report unreadable) but
/// without traps: values are 64-bit and non-finite doubles are rejected.
enum GL200Number {
    static func int(_ text: Substring) throws(DecodeError) -> Int {
        guard let value = Int(text) else { throw malformed(text) }
        return value
    }

    static func hex(_ text: Substring) throws(DecodeError) -> Int {
        guard !text.hasPrefix("-"), !text.hasPrefix("+"), let value = Int(text, radix: 16) else { throw malformed(text) }
        return value
    }

    static func double(_ text: Substring) throws(DecodeError) -> Double {
        guard let value = Double(text), value.isFinite else { throw malformed(text) }
        return value
    }

    /// Bit `bit` of `value`.
    static func bit(_ value: Int, _ bit: Int) -> Bool { (value >> bit) & 1 == 1 }

    private static func malformed(_ text: Substring) -> DecodeError {
        DecodeError("malformed", "not a number: \(text.prefix(20))")
    }
}

/// GL200 timestamps: `YYYYMMDDHHMMSS`, always UTC.
enum GL200Time {
    /// Unix milliseconds, or `nil` unless the field is 14 digits holding a valid date.
    static func parse(_ field: Substring) -> Int64? {
        guard GL200Shape.dateTime(field) else { return nil }
        var parts = [0, 0, 0, 0, 0, 0] // year, month, day, hour, minute, second
        var offset = 0
        for byte in field.utf8 {
            let part = offset < 4 ? 0 : (offset - 2) / 2
            parts[part] = parts[part] * 10 + Int(byte - 0x30)
            offset += 1
        }
        return UTCTime.milliseconds(
            year: parts[0], month: parts[1], day: parts[2], hour: parts[3], minute: parts[4], second: parts[5])
    }

    /// Like `parse`, but a field that is not a valid time makes the report unreadable.
    static func required(_ field: Substring) throws(DecodeError) -> Int64 {
        guard let time = parse(field) else { throw DecodeError("bad_time", "not a GL200 time: \(field.prefix(20))") }
        return time
    }
}
