import Foundation

/// Renders `tw top`'s table as plain text; `clear` prefixes the ANSI "home and clear screen".
public enum TopScreen {
    /// ANSI: cursor home, clear screen.
    public static let clearSequence = "\u{1B}[H\u{1B}[2J"

    /// The table for one window of rates.
    public static func render(_ rows: [RateTable.Row], source: String, seconds: Double, clear: Bool) -> String {
        var lines = [String(format: "tw top — %@ — %.1f s window — %d groups", source, seconds, rows.count)]
        let width = max(5, rows.map(\.group.count).max() ?? 0)
        lines.append(pad("GROUP", width) + "  " + left("MSG/S", 12) + "  " + left("BYTES/S", 12) + "  " + left("TOTAL", 10))
        for row in rows {
            lines.append(
                pad(row.group, width) + "  " + left(rate(row.messagesPerSecond), 12) + "  "
                    + left(rate(row.bytesPerSecond), 12) + "  " + left(String(row.total), 10)
            )
        }
        if rows.isEmpty { lines.append("(no messages yet)") }
        return (clear ? clearSequence : "") + lines.joined(separator: "\n")
    }

    /// A rate with one decimal below 100, whole above.
    static func rate(_ value: Double) -> String {
        value < 100 ? String(format: "%.1f", value) : String(format: "%.0f", value)
    }

    /// Left-aligned in `width` columns.
    static func pad(_ text: String, _ width: Int) -> String {
        text.padding(toLength: max(width, text.count), withPad: " ", startingAt: 0)
    }

    /// Right-aligned in `width` columns.
    static func left(_ text: String, _ width: Int) -> String {
        String(repeating: " ", count: max(0, width - text.count)) + text
    }
}
