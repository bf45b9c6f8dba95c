/// Cuts GT06 frames from a TCP stream. Like Traccar's splitter it trusts the length field when the
/// terminator `0D 0A` sits where the length says, and otherwise cuts at the first `0D 0A`: devices
/// send short (`78 78`) frames whose length field is wrong either way (0x17/0x69 WiFi, short
/// logins). Extended (`79 79`) frames carry text that may contain `0D 0A` (0x9B, 0x94), so for
/// them the framer first waits for the declared length; feeding bytes one at a time and all at
/// once then cut the same frames. A short frame whose payload holds `0D 0A` and that arrives
/// split right after it is cut there, as in Traccar. Bytes before a header are discarded.
public struct GT06Framer: Framer {
    /// Declared lengths above this are not trusted (they would stall the stream); such frames are
    /// cut at the terminator straight away.
    static let largestTrustedFrame = 4096

    /// A framer for one connection.
    public init() {}

    /// Decides about the bytes at the start of `bytes`: a frame, garbage to drop, or wait.
    public mutating func cut(_ bytes: UnsafeRawBufferPointer) -> FramerDecision {
        if let garbage = garbageCount(bytes) {
            return garbage > 0 ? .discard(count: garbage, reason: "garbage") : .needMore
        }
        guard bytes.count >= 5 else { return .needMore }
        let extended = bytes[0] == 0x79
        let expected = extended ? 6 + (Int(bytes[2]) << 8 | Int(bytes[3])) : 5 + Int(bytes[2])
        if expected <= Self.largestTrustedFrame {
            if bytes.count >= expected {
                if bytes[expected - 2] == 0x0D && bytes[expected - 1] == 0x0A { return .frame(length: expected) }
            } else if extended {
                return .needMore
            }
        }
        if let end = terminator(in: bytes) { return .frame(length: end) }
        return .needMore
    }

    /// `nil` when the bytes start with a header; otherwise how many bytes precede the next possible
    /// header (0: the lone first byte may still become one).
    private func garbageCount(_ bytes: UnsafeRawBufferPointer) -> Int? {
        if isHeader(bytes, at: 0) { return nil }
        var index = 1
        while index < bytes.count {
            if isHeader(bytes, at: index) { return index }
            index += 1
        }
        let last = bytes[bytes.count - 1]
        let mayStartHeader = last == 0x78 || last == 0x79
        return mayStartHeader ? bytes.count - 1 : bytes.count
    }

    /// A header at `index`, or a header's first byte as the last byte of the buffer.
    private func isHeader(_ bytes: UnsafeRawBufferPointer, at index: Int) -> Bool {
        let first = bytes[index]
        guard first == 0x78 || first == 0x79 else { return false }
        return index + 1 < bytes.count && bytes[index + 1] == first
    }

    /// The frame length up to and including the first `0D 0A` after the header.
    private func terminator(in bytes: UnsafeRawBufferPointer) -> Int? {
        var index = 2
        while index + 1 < bytes.count {
            if bytes[index] == 0x0D && bytes[index + 1] == 0x0A { return index + 2 }
            index += 1
        }
        return nil
    }
}
