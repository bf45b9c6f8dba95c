/// Cuts Suntech frames. Text ends with `\r`, which stays in the frame; a `\r` inside UEX serial
/// data (the `\r\n` its declared length covers, or one followed by `\n;`) does not end it.
/// Binary "zip" frames (`02`, length u16) are 1+2+length+1 bytes; universal binary frames
/// (type ≥ 0x80, length u16 with a zero high byte) are 1+2+length.
public struct SuntechFramer: Framer {
    /// A framer for one connection (it keeps no state between calls).
    public init() {}

    /// Decides about the bytes at the start of the stream.
    public mutating func cut(_ bytes: UnsafeRawBufferPointer) -> FramerDecision {
        let first = bytes[0]
        if first == 0x02 { return binary(bytes, total: 4) }
        if first >= 0x80 {
            guard bytes.count >= 2 else { return .needMore }
            return bytes[1] == 0 ? binary(bytes, total: 3) : .discard(count: 1, reason: "garbage")
        }
        guard first > 0x20, first < 0x7F else {
            return .discard(count: 1, reason: first == 0x0D || first == 0x0A ? "delimiter" : "garbage")
        }
        return text(bytes)
    }

    /// A length-prefixed binary frame: `overhead` bytes besides the length's count.
    private func binary(_ bytes: UnsafeRawBufferPointer, total overhead: Int) -> FramerDecision {
        guard bytes.count >= 3 else { return .needMore }
        let total = overhead + (Int(bytes[1]) << 8 | Int(bytes[2]))
        return bytes.count >= total ? .frame(length: total) : .needMore
    }

    private func text(_ bytes: UnsafeRawBufferPointer) -> FramerDecision {
        var index = 0
        while let cr = bytes[index...].firstIndex(of: 0x0D) {
            switch Self.role(ofCarriageReturnAt: cr, in: bytes) {
            case .terminator: return .frame(length: cr + 1)
            case .undecided: return .needMore
            case .inner: index = cr + 1
            }
        }
        return .needMore
    }

    private enum CarriageReturnRole { case terminator, inner, undecided }

    private static func role(ofCarriageReturnAt cr: Int, in bytes: UnsafeRawBufferPointer) -> CarriageReturnRole {
        if SuntechSerialSpan.covers(cr, in: bytes) { return .inner }
        guard cr + 1 < bytes.count, bytes[cr + 1] == 0x0A else { return .terminator }
        guard cr + 2 < bytes.count else { return .undecided }
        return bytes[cr + 2] == UInt8(ascii: ";") ? .inner : .terminator
    }
}

/// Finds whether a byte lies at the end of a UEX message's serial data, whose length field
/// (`;<N>;` followed by N bytes of data ending in `\r\n`) says where the data stops.
enum SuntechSerialSpan {
    /// Whether the `\r` at `cr` is the data's closing `\r` (`…\r\n` or `…\n\r`) per a length field.
    static func covers(_ cr: Int, in bytes: UnsafeRawBufferPointer) -> Bool {
        guard isUEX(bytes) else { return false }
        var fieldStart = 0
        for index in 0..<cr where bytes[index] == UInt8(ascii: ";") {
            if let declared = decimal(bytes, from: fieldStart, to: index), declared >= 2 {
                let dataEnd = index + 1 + declared
                if dataEnd - 2 == cr || dataEnd - 1 == cr { return true }
            }
            fieldStart = index + 1
        }
        return false
    }

    /// Whether the first field ends in `UEX` (legacy `ST300UEX` or universal `UEX`).
    private static func isUEX(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard let separator = bytes.firstIndex(of: UInt8(ascii: ";")), separator >= 3 else { return false }
        return bytes[separator - 3] == UInt8(ascii: "U") && bytes[separator - 2] == UInt8(ascii: "E")
            && bytes[separator - 1] == UInt8(ascii: "X")
    }

    /// The field `[from, to)` as a 1–4 digit decimal number.
    private static func decimal(_ bytes: UnsafeRawBufferPointer, from: Int, to: Int) -> Int? {
        guard to > from, to - from <= 4 else { return nil }
        var value = 0
        for index in from..<to {
            let digit = Int(bytes[index]) - 48
            guard (0...9).contains(digit) else { return nil }
            value = value * 10 + digit
        }
        return value
    }
}
