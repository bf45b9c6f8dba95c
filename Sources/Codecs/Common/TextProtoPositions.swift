import TrackwireProtocol

/// Building blocks shared by the ASCII tracker protocols (H02, GPS103, TK103): positions,
/// the events derived from them and the decode result that carries both.
enum TextProto {
    /// A position of `protocolName` for `deviceId` at `timeMs` (fix and device time alike),
    /// not yet located: `valid` is false and the coordinates are zero until a fix sets them.
    static func position(deviceId: String, protocolName: String, timeMs: Int64) -> Position {
        .stub(deviceId: deviceId, protocolName: protocolName, timeMs: timeMs)
    }

    /// The decode result for `positions`, with an alarm event for every position that carries an
    /// `alarm` attribute and a command-result event for every one that carries `result`.
    static func decoded(_ kind: FrameKind, deviceId: String, positions: [Position] = []) -> Decoded {
        Decoded(kind: kind, deviceId: deviceId, positions: positions, events: positions.flatMap(events(for:)))
    }

    /// The device events a position implies (DESIGN §4): alarms and command results.
    static func events(for position: Position) -> [Event] {
        var events: [Event] = []
        if case .stringValue(let name)? = position.attributes["alarm"]?.kind { events.append(DeviceEvents.alarm(name, position: position)) }
        if let result = position.attributes["result"] { events.append(DeviceEvents.commandResult(result, position: position)) }
        return events
    }

    /// Whether a listener option is switched on (`true`, `1` or `yes`).
    static func flag(_ options: [String: String], _ key: String) -> Bool {
        guard let value = options[key]?.lowercased() else { return false }
        return value == "true" || value == "1" || value == "yes"
    }

    /// The bytes as text. The protocols are ASCII; a byte that is not valid UTF-8 becomes U+FFFD.
    static func text(_ bytes: ArraySlice<UInt8>) -> String {
        bytes.withUnsafeBufferPointer { buffer in
            // Valid input takes the standard decoder; the stdlib's repair path is avoided because
            // it throws internally, which is slow under test harnesses that trace every throw.
            if !buffer.contains(where: { $0 >= 0x80 }) || isValidUTF8(buffer) {
                return String(decoding: buffer, as: UTF8.self)
            }
            var scalars = String.UnicodeScalarView()
            for byte in buffer { scalars.append(byte < 0x80 ? Unicode.Scalar(byte) : "\u{FFFD}") }
            return String(scalars)
        }
    }

    /// The bytes as text (see `text(_:)` for slices).
    static func text(_ bytes: [UInt8]) -> String { text(bytes[...]) }

    /// The frame as text with surrounding spaces, tabs, CR and LF removed.
    static func trimmedText(_ frame: [UInt8]) -> Substring {
        text(trimmed(frame))[...]
    }

    /// The frame without surrounding spaces, tabs, CR and LF.
    static func trimmed(_ frame: [UInt8]) -> ArraySlice<UInt8> {
        let isPadding = { (byte: UInt8) in byte == 0x20 || byte == 0x0D || byte == 0x0A || byte == 0x09 }
        guard let start = frame.firstIndex(where: { !isPadding($0) }),
              let end = frame.lastIndex(where: { !isPadding($0) }) else { return [] }
        return frame[start...end]
    }

    /// `text` split at every `separator` byte (empty fields kept), without Character processing.
    static func fields(_ text: Substring, separator: UInt8 = UInt8(ascii: ",")) -> [Substring] {
        // A plain loop: the generic `split` costs several times more in debug builds.
        var fields: [Substring] = []
        let utf8 = text.utf8
        var start = utf8.startIndex
        var index = start
        while index != utf8.endIndex {
            if utf8[index] == separator {
                fields.append(text[start..<index])
                start = utf8.index(after: index)
            }
            index = utf8.index(after: index)
        }
        fields.append(text[start..<utf8.endIndex])
        return fields
    }

    private static func isValidUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var decoder = UTF8()
        var iterator = bytes.makeIterator()
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue: continue
            case .emptyInput: return true
            case .error: return false
            }
        }
    }
}
