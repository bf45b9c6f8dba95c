/// Cuts Meitrack frames: `$$`, a flag byte, a decimal length, then `length` bytes counted from
/// the first comma. Bytes before a `$$` are discarded.
public struct MeitrackFramer: Framer {
    /// Length fields longer than this many digits are not Meitrack (frames stay well under 100 kB).
    private static let maxLengthDigits = 5

    /// A framer for one connection (it keeps no state between calls).
    public init() {}

    /// Decides about the bytes at the start of the stream.
    public mutating func cut(_ bytes: UnsafeRawBufferPointer) -> FramerDecision {
        let dollar = UInt8(ascii: "$")
        guard bytes[0] == dollar else {
            return .discard(count: bytes.firstIndex(of: dollar) ?? bytes.count, reason: "garbage")
        }
        guard bytes.count >= 2 else { return .needMore }
        guard bytes[1] == dollar else { return .discard(count: 1, reason: "garbage") }
        var length = 0
        var index = 3
        while index < bytes.count, bytes[index] != UInt8(ascii: ",") {
            let digit = Int(bytes[index]) - 48
            guard (0...9).contains(digit), index - 3 < Self.maxLengthDigits else {
                return .discard(count: 1, reason: "bad_length")
            }
            length = length * 10 + digit
            index += 1
        }
        guard index < bytes.count else { return .needMore }
        guard index > 3, length > 0 else { return .discard(count: 1, reason: "bad_length") }
        let total = index + length
        return total <= bytes.count ? .frame(length: total) : .needMore
    }
}
