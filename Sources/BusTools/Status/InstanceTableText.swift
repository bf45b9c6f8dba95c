import Foundation

/// `tw status`'s and `tw top`'s text: aligned columns of the few figures that matter, or every
/// counter with `--verbose`. Nothing wider than the width asked for.
enum InstanceTableText {
    static let header = ["STAGE", "INSTANCE", "IN/S", "OUT/S", "ERRORS", "LOAD", "HB", "HEALTH"]
    /// Columns aligned right (numbers).
    static let numeric: Set<Int> = [2, 3, 4, 6]

    static func render(_ figures: [InstanceFigures], width: Int) -> String {
        let rows = figures.map { figure in
            [figure.heartbeat.stage, clip(figure.heartbeat.instance, 24), figure.inPerSecond.map(compact) ?? "-",
             figure.outPerSecond.map(compact) ?? "-", compact(Double(figure.errors)), figure.load ?? "-",
             String(format: "%.1fs", figure.heartbeatAge), figure.health]
        }
        return table([header] + rows, width: width)
    }

    static func verbose(_ figures: [InstanceFigures], width: Int) -> String {
        figures.map { figure in
            let beat = figure.heartbeat
            var lines = [clip("\(beat.stage) \(beat.instance)  pid \(beat.pid)  up \(InstanceTable.uptime(beat.uptimeS))  "
                              + "http \(beat.httpAddress.isEmpty ? "-" : beat.httpAddress)  host \(beat.host)  v\(beat.version)  \(figure.health)", width)]
            let counters = beat.counters.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
            let gauges = beat.gauges.sorted { $0.key < $1.key }.map { "\($0.key)=\(compact($0.value))" }
            lines += wrap(counters, width: width, indent: "  counters ")
            lines += wrap(gauges, width: width, indent: "  gauges   ")
            return lines.joined(separator: "\n")
        }.joined(separator: "\n")
    }

    /// Aligned columns two spaces apart; the last column takes what is left of `width`.
    static func table(_ rows: [[String]], width: Int) -> String {
        let columns = rows.first?.count ?? 0
        let widths = (0..<columns - 1).map { column in rows.map { $0[column].count }.max() ?? 0 }
        let used = widths.reduce(0, +) + 2 * (columns - 1)
        return rows.map { row in
            var line = ""
            for column in 0..<columns - 1 {
                let cell = row[column]
                let pad = String(repeating: " ", count: widths[column] - cell.count)
                line += (numeric.contains(column) ? pad + cell : cell + pad) + "  "
            }
            return clip(line + clip(row[columns - 1], max(1, width - used)), width)
        }.joined(separator: "\n")
    }

    /// `text`, cut to `width` characters with `…` when longer.
    static func clip(_ text: String, _ width: Int) -> String {
        text.count <= width ? text : String(text.prefix(max(0, width - 1))) + "…"
    }

    /// `12`, `3.5`, `12.3k`, `4.1M`.
    static func compact(_ value: Double) -> String {
        switch value.magnitude {
        case ..<10: value == value.rounded() ? String(format: "%.0f", value) : String(format: "%.1f", value)
        case ..<1000: String(format: "%.0f", value)
        case ..<1_000_000: String(format: "%.1fk", value / 1000)
        default: String(format: "%.1fM", value / 1_000_000)
        }
    }

    /// Items joined by spaces into lines of at most `width`, each line starting with `indent`.
    static func wrap(_ items: [String], width: Int, indent: String) -> [String] {
        guard !items.isEmpty else { return [] }
        var lines: [String] = []
        var line = indent
        for item in items {
            if line.count > indent.count && line.count + 1 + item.count > width {
                lines.append(line)
                line = String(repeating: " ", count: indent.count)
            }
            line += (line.count > indent.count && !line.hasSuffix(" ") ? " " : "") + clip(item, width - indent.count)
        }
        return lines + [line]
    }
}
