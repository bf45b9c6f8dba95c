import ArgumentParser

/// Counts messages per topic group over a window and turns the counts into rates: `tw top`'s
/// state, pure and clock-free (the caller says how long the window was).
public struct RateTable: Sendable {
    /// How topics are grouped.
    public enum Grouping: String, Sendable, CaseIterable, ExpressibleByArgument {
        /// The first two words: `pos.17`, `hb.bus`, `cmd.<device>`.
        case prefix
        /// The first word: `pos`, `hb`.
        case kind
    }

    /// One group's figures for the last window.
    public struct Row: Sendable, Equatable {
        /// `pos.17`, `hb`, ...
        public var group: String
        /// Messages per second in the window.
        public var messagesPerSecond: Double
        /// Frame bytes after the topic, per second, in the window.
        public var bytesPerSecond: Double
        /// Messages since the table was made.
        public var total: Int
    }

    /// How this table groups topics.
    public let grouping: Grouping
    private var window: [String: (messages: Int, bytes: Int)] = [:]
    private var totals: [String: Int] = [:]

    /// An empty table.
    public init(grouping: Grouping) { self.grouping = grouping }

    /// The group a topic belongs to.
    public static func group(of topic: some StringProtocol, by grouping: Grouping) -> String {
        let words = topic.split(separator: ".", maxSplits: 2, omittingEmptySubsequences: false)
        return words.prefix(grouping == .kind ? 1 : 2).joined(separator: ".")
    }

    /// Counts one message.
    public mutating func record(topic: some StringProtocol, bytes: Int) {
        let group = Self.group(of: topic, by: grouping)
        window[group, default: (0, 0)].messages += 1
        window[group, default: (0, 0)].bytes += bytes
        totals[group, default: 0] += 1
    }

    /// The rates over a window of `seconds`, busiest first, and a new empty window. Groups seen
    /// before but quiet now stay listed at zero.
    public mutating func closeWindow(seconds: Double) -> [Row] {
        let rows = totals.map { group, total in
            let counts = window[group] ?? (0, 0)
            return Row(
                group: group, messagesPerSecond: Double(counts.messages) / seconds,
                bytesPerSecond: Double(counts.bytes) / seconds, total: total
            )
        }
        window = [:]
        return rows.sorted { ($0.messagesPerSecond, $1.group) > ($1.messagesPerSecond, $0.group) }
    }
}
