/// A stateful stage instance's share of the partitions: instance `index` of `count`.
public struct Shard: Hashable, Sendable, CustomStringConvertible {
    /// This instance, 0-based.
    public let index: Int
    /// How many instances share the partitions.
    public let count: Int

    /// The single shard that owns everything.
    public static let all = Shard(index: 0, count: 1)!

    /// A shard; `nil` unless `0 <= index < count <= 64`.
    public init?(index: Int, count: Int) {
        guard count >= 1, count <= Partition.count, (0..<count).contains(index) else { return nil }
        self.index = index
        self.count = count
    }

    /// Parses `i/K`, as given to `--shard`.
    public init?(_ text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let i = Int(parts[0]), let k = Int(parts[1]) else { return nil }
        self.init(index: i, count: k)
    }

    /// The partitions this shard owns.
    public var partitions: [Partition] { Partition.owned(byShard: index, of: count) }

    /// Whether this shard owns a device.
    public func owns(device: String) -> Bool { Partition(device: device).number % count == index }

    /// Topic prefixes to subscribe to for one topic family, e.g. `pos` → `pos.00.`, `pos.02.`, ...
    public func subscriptions(for kind: TopicKind) -> [String] {
        if count == 1 { return [kind.rawValue + "."] }
        return partitions.map { "\(kind.rawValue).\($0.hex)." }
    }

    public var description: String { "\(index)/\(count)" }
}
