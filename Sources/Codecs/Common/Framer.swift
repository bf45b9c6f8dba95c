/// What a framer found at the start of the unconsumed bytes of a stream.
public enum FramerDecision: Equatable, Sendable {
    /// No complete frame yet: wait for more bytes.
    case needMore
    /// The first `length` bytes are one complete frame: hand them on and consume them.
    case frame(length: Int)
    /// The first `count` bytes can never start a frame (garbage, a broken frame): drop them.
    /// `reason` is a short machine label (`garbage`, `bad_length`, ...).
    case discard(count: Int, reason: String)
}

/// Cuts a device's byte stream into frames. Pure and incremental: it looks only at the bytes it
/// is given, never consumes anything itself, and returns `.needMore` until a whole frame is there,
/// so feeding a stream one byte at a time and all at once cut the same frames.
///
/// The gateway enforces the maximum frame size: a `.needMore` while more than the maximum is
/// buffered, or a `.frame` longer than it, is an oversized frame.
public protocol Framer: Sendable {
    /// Decides about the bytes at the start of `bytes` (never empty).
    mutating func cut(_ bytes: UnsafeRawBufferPointer) -> FramerDecision
}

extension Framer {
    /// Convenience for tests and tools: cuts every complete frame from `bytes`, returning the frames,
    /// the bytes discarded and the unconsumed remainder.
    public mutating func cutAll(_ bytes: [UInt8]) -> (frames: [[UInt8]], discarded: Int, remainder: [UInt8]) {
        var frames: [[UInt8]] = []
        var offset = 0
        var discarded = 0
        while offset < bytes.count {
            let decision = bytes[offset...].withUnsafeBytes { cut($0) }
            switch decision {
            case .needMore:
                return (frames, discarded, Array(bytes[offset...]))
            case .frame(let length):
                precondition(length > 0 && offset + length <= bytes.count, "framer returned an impossible length")
                frames.append(Array(bytes[offset..<offset + length]))
                offset += length
            case .discard(let count, _):
                precondition(count > 0 && offset + count <= bytes.count, "framer discarded an impossible count")
                discarded += count
                offset += count
            }
        }
        return (frames, discarded, [])
    }
}

/// For transports where each datagram or HTTP request is exactly one frame.
public struct WholeMessageFramer: Framer {
    public init() {}
    public mutating func cut(_ bytes: UnsafeRawBufferPointer) -> FramerDecision { .frame(length: bytes.count) }
}
