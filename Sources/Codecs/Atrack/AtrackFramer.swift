/// Cuts an ATrack stream as Traccar's splitter does (docs/protocols/atrack.md "Framing"): the
/// 12-byte keep-alive `FE 02 …`; binary `@x` packets of `length + 6` bytes; text `@P,<crc>,<length>,…`
/// packets of the length after the comma that ends the length field (plus a trailing `\n`);
/// `$` lines up to `\r\n`. Anything else, or a text length that is no number, is garbage.
public struct AtrackFramer: Framer {
    /// Longest text line taken as real.
    public static let maxTextLength = 0xFFFF

    /// A framer at the start of a connection.
    public init() {}

    /// Decides about the bytes at the start of the unconsumed stream.
    public mutating func cut(_ bytes: UnsafeRawBufferPointer) -> FramerDecision {
        switch bytes[0] {
        case 0xFE: return bytes.count < 2 ? .needMore : bytes[1] == 0x02 ? (bytes.count >= 12 ? .frame(length: 12) : .needMore) : garbage(bytes)
        case 0x40:
            guard bytes.count >= 3 else { return .needMore }
            return bytes[2] == 0x2C ? cutText(bytes) : cutBinary(bytes)
        case 0x24: return Self.lineEnd(bytes, from: 1).map { .frame(length: $0) } ?? .needMore
        default: return garbage(bytes)
        }
    }

    private func cutBinary(_ bytes: UnsafeRawBufferPointer) -> FramerDecision {
        guard bytes.count >= 6 else { return .needMore }
        let length = (Int(bytes[4]) << 8 | Int(bytes[5])) + 6
        return bytes.count >= length ? .frame(length: length) : .needMore
    }

    /// `@P,<crc>,<length>,`: the frame ends `length` bytes after the comma closing the length field.
    private func cutText(_ bytes: UnsafeRawBufferPointer) -> FramerDecision {
        guard let lengthStart = Self.index(of: 0x2C, in: bytes, from: 3).map({ $0 + 1 }) else { return waitOrDrop(bytes, upTo: 12) }
        guard let lengthEnd = Self.index(of: 0x2C, in: bytes, from: lengthStart) else { return waitOrDrop(bytes, upTo: lengthStart + 6) }
        var length = 0
        for index in lengthStart..<lengthEnd {
            guard (0x30...0x39).contains(bytes[index]), length <= Self.maxTextLength else { return .discard(count: 1, reason: "bad_length") }
            length = length * 10 + Int(bytes[index] - 0x30)
        }
        guard lengthEnd > lengthStart else { return .discard(count: 1, reason: "bad_length") }
        var total = lengthEnd + length
        // A length that stops at the `\r` leaves the `\n` to be taken along: wait to see it.
        guard bytes.count > total || bytes.count == total && bytes[total - 1] != 0x0D else { return .needMore }
        if bytes.count > total && bytes[total] == 0x0A && bytes[total - 1] == 0x0D { total += 1 }
        return .frame(length: total)
    }

    /// Waits while a field can still be short enough; a longer one is no header.
    private func waitOrDrop(_ bytes: UnsafeRawBufferPointer, upTo limit: Int) -> FramerDecision {
        bytes.count < limit ? .needMore : .discard(count: 1, reason: "garbage")
    }

    /// Everything before the next byte that may start a frame.
    private func garbage(_ bytes: UnsafeRawBufferPointer) -> FramerDecision {
        let next = (1..<max(1, bytes.count)).first { [0xFE, 0x40, 0x24].contains(bytes[$0]) } ?? bytes.count
        return .discard(count: next, reason: "garbage")
    }

    static func index(of byte: UInt8, in bytes: UnsafeRawBufferPointer, from start: Int) -> Int? {
        (start..<max(start, bytes.count)).first { bytes[$0] == byte }
    }

    /// The length through the first `\r\n` at or after `from`.
    static func lineEnd(_ bytes: UnsafeRawBufferPointer, from start: Int) -> Int? {
        var index = start
        while index + 1 < bytes.count {
            if bytes[index] == 0x0D && bytes[index + 1] == 0x0A { return index + 2 }
            index += 1
        }
        return nil
    }
}
