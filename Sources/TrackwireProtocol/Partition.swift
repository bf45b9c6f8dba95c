/// The device partitioning of the bus (docs/architecture.md, "The bus"): FNV-1a 32-bit of the device id's UTF-8 bytes,
/// modulo 64, written as two lowercase hex digits in topics.
public struct Partition: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// How many partitions there are. Fixed: changing it re-homes every device.
    public static let count = 64

    /// The partition number, 0..<64.
    public let number: Int

    /// The partition of a device id.
    public init(device: String) {
        self.number = Int(Self.fnv1a32(device.utf8) % UInt32(Self.count))
    }

    /// A partition by number; `nil` outside 0..<64.
    public init?(number: Int) {
        guard (0..<Self.count).contains(number) else { return nil }
        self.number = number
    }

    /// A partition from its two-hex-digit topic form; `nil` if malformed or out of range.
    public init?(hex: some StringProtocol) {
        guard hex.utf8.count == 2, let value = Int(hex, radix: 16), hex.lowercased() == hex else { return nil }
        self.init(number: value)
    }

    /// Two lowercase hex digits, as in topics.
    public var hex: String { Self.hexNames[number] }

    /// `hex` of every partition, built once (topics are built for every message).
    static let hexNames: [String] = (0..<Partition.count).map { number in
        let digits = Array("0123456789abcdef".utf8)
        return String(decoding: [digits[number >> 4], digits[number & 0xF]], as: UTF8.self)
    }

    public var description: String { hex }

    public static func < (lhs: Partition, rhs: Partition) -> Bool { lhs.number < rhs.number }

    /// FNV-1a, 32-bit: offset basis 2166136261, prime 16777619.
    public static func fnv1a32(_ bytes: some Sequence<UInt8>) -> UInt32 {
        var hash: UInt32 = 2_166_136_261
        for byte in bytes {
            hash ^= UInt32(byte)
            hash = hash &* 16_777_619
        }
        return hash
    }

    /// The partitions owned by shard `index` of `count` (`p % count == index`).
    public static func owned(byShard index: Int, of count: Int) -> [Partition] {
        precondition(count > 0 && (0..<count).contains(index), "shard \(index)/\(count) is out of range")
        return (0..<Self.count).filter { $0 % count == index }.map { Partition(number: $0)! }
    }
}
