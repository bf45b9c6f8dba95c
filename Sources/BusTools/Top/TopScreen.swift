import Foundation
import TrackwireProtocol

/// One refresh of `tw top`: the instances' figures and the topic groups' rates, as text (the
/// ANSI "home and clear screen" first when `clear`) or as one JSON object.
public struct TopScreen: Sendable {
    /// ANSI: cursor home, clear screen.
    public static let clearSequence = "\u{1B}[H\u{1B}[2J"

    let instances: [InstanceFigures]
    let topics: [RateTable.Row]
    let source: String
    let seconds: Double

    /// The screen at most `width` wide, with at most `topicRows` topic groups (`nil`: all).
    func text(clear: Bool, width: Int, topicRows: Int?) -> String {
        var lines = [InstanceTableText.clip(String(format: "tw top — %@ — %.1f s window — %d instances, %d topic groups",
                                                   source, seconds, instances.count, topics.count), width)]
        lines.append(instances.isEmpty ? "(no heartbeats yet)" : InstanceTableText.render(instances, width: width))
        lines.append("")
        let shown = topicRows.map { Array(topics.prefix($0)) } ?? topics
        let rows = shown.map { [$0.group, Self.rate($0.messagesPerSecond), Self.rate($0.bytesPerSecond), String($0.total)] }
        lines.append(topics.isEmpty ? "(no messages yet)" : Self.table([["GROUP", "MSG/S", "BYTES/S", "TOTAL"]] + rows, width: width))
        if shown.count < topics.count { lines.append("… \(topics.count - shown.count) quieter groups (--verbose lists them)") }
        return (clear ? Self.clearSequence : "") + lines.joined(separator: "\n")
    }

    /// `{"window_s", "instances": [...], "topics": [{"group", "msg_per_s", "bytes_per_s", "total"}]}`.
    var json: String {
        let instanceValues = instances.compactMap { try? JSONValue.parse(Array($0.json.utf8)) }
        let topicValues = topics.map { row in
            JSONValue.object(["group": .string(row.group), "msg_per_s": .double(row.messagesPerSecond),
                              "bytes_per_s": .double(row.bytesPerSecond), "total": .int(Int64(row.total))])
        }
        return JSONValue.object(["source": .string(source), "window_s": .double(seconds), "instances": .array(instanceValues),
                                 "topics": .array(topicValues)]).text
    }

    /// The topic table: the group left, the numbers right, two spaces apart.
    static func table(_ rows: [[String]], width: Int) -> String {
        let widths = (0..<4).map { column in rows.map { $0[column].count }.max() ?? 0 }
        return rows.map { row in
            let group = row[0].padding(toLength: widths[0], withPad: " ", startingAt: 0)
            let numbers = (1..<4).map { String(repeating: " ", count: widths[$0] - row[$0].count) + row[$0] }
            return InstanceTableText.clip(([group] + numbers).joined(separator: "  "), width)
        }.joined(separator: "\n")
    }

    /// A rate with one decimal below 100, whole above.
    static func rate(_ value: Double) -> String {
        value < 100 ? String(format: "%.1f", value) : String(format: "%.0f", value)
    }
}
