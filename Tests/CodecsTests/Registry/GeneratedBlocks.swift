import Codecs
import TestSupport
import TrackwireProtocol

/// The parts of deploy files and docs that list protocols, rendered from the descriptors. Each
/// lives in its file between `BEGIN generated: <name>` and `END generated: <name>` markers, which
/// `GeneratedBlocksTests` compares (and `make generated` rewrites).
struct GeneratedBlock {
    /// The file, relative to the repository root.
    let path: String
    /// The block's name in its markers.
    let name: String
    /// The markers' comment form: `#` (YAML, env) or `<!--` (Markdown).
    let comment: Comment
    /// The lines between the markers.
    let lines: [String]

    enum Comment { case hash, html }

    var begin: String { marker("BEGIN") }
    var end: String { marker("END") }

    private func marker(_ word: String) -> String {
        switch comment {
        case .hash: "# \(word) generated: \(name) (make generated)"
        case .html: "<!-- \(word) generated: \(name) (make generated) -->"
        }
    }

    /// Every block, in the protocols' port order.
    static var all: [GeneratedBlock] {
        let protocols = CodecRegistry.descriptors
        let listeners = protocols.flatMap { p in p.transports.map { (p, $0) } }
        return [
            GeneratedBlock(path: "deploy/env/gateway.env", name: "listeners", comment: .hash, lines: envLines(protocols)),
            GeneratedBlock(path: "deploy/compose.yaml", name: "device ports", comment: .hash, lines: listeners.map { p, t in
                "      - \"\(p.defaultPort):\(p.defaultPort)/\(t == .udp ? "udp" : "tcp")\"   # \(p.name)\(t == .http ? " (HTTP)" : "")"
            }),
            GeneratedBlock(path: "deploy/k8s/gateway.yaml", name: "container ports", comment: .hash, lines: listeners.map { p, t in
                "            - {name: \(portName(p, t)), containerPort: \(p.defaultPort), protocol: \(t == .udp ? "UDP" : "TCP")}"
            }),
            GeneratedBlock(path: "deploy/k8s/gateway.yaml", name: "service ports", comment: .hash, lines: listeners.map { p, t in
                "    - {name: \(portName(p, t)), port: \(p.defaultPort), targetPort: \(portName(p, t)), protocol: \(t == .udp ? "UDP" : "TCP")}"
            }),
            GeneratedBlock(path: "docs/protocols/README.md", name: "protocols", comment: .html, lines: protocolTable(protocols)),
            GeneratedBlock(path: "docs/commands.md", name: "commands", comment: .html, lines: commandTable(protocols)),
            GeneratedBlock(path: "docs/events.md", name: "alarms", comment: .html, lines: alarmTable()),
            GeneratedBlock(path: "docs/events.md", name: "alarms by protocol", comment: .html, lines: capturedAlarmTable(protocols)),
        ]
    }

    private static func portName(_ p: ProtocolDescriptor, _ t: Transport) -> String {
        t == .udp ? "\(p.name)-udp" : p.name
    }

    private static func transports(_ p: ProtocolDescriptor) -> String {
        p.transports.map { $0 == .udp ? "udp" : $0 == .http ? "http" : "tcp" }.joined(separator: ", ")
    }

    private static func envLines(_ protocols: [ProtocolDescriptor]) -> [String] {
        let ports = protocols.map { "\($0.name) \($0.defaultPort) (\(transports($0)))" }
        var lines = ["# Device listeners as protocol:transport:port, comma-separated. The default is every protocol on"]
        var line = "# Traccar's ports:"
        for (index, entry) in ports.enumerated() {
            let piece = " " + entry + (index == ports.count - 1 ? "." : ",")
            if line.count + piece.count > 100 {
                lines.append(line)
                line = "#"
            }
            line += piece
        }
        return lines + [line, "#TW_LISTEN=gt06:tcp:5023,teltonika:tcp:5027,teltonika:udp:5027,osmand:http:5055"]
    }

    private static func protocolTable(_ protocols: [ProtocolDescriptor]) -> [String] {
        ["| protocol | devices | default port | transports | listener options | wire facts |", "|---|---|---|---|---|---|"]
            + protocols.map { p in
                let options = p.options.isEmpty ? "none" : p.options.map { "`\($0.key)`" }.joined(separator: ", ")
                return "| `\(p.name)` | \(p.title) | \(p.defaultPort) | \(transports(p)) | \(options) | [\(p.name).md](\(p.name).md) |"
            }
    }

    private static func commandTable(_ protocols: [ProtocolDescriptor]) -> [String] {
        ["| protocol | command types |", "|---|---|"] + protocols.map { p in
            "| \(p.name) | \(p.commandTypes.isEmpty ? "none" : p.commandTypes.map { "`\($0)`" }.joined(separator: ", ")) |"
        }
    }

    /// The vocabulary, each alarm with the codec (Traccar) names and synonyms that become it.
    private static func alarmTable() -> [String] {
        ["| alarm | from the codecs' (Traccar's) names |", "|---|---|"] + Alarm.allCases.map { alarm in
            let names = Set(Alarm.byDeviceName.filter { $0.value == alarm }.map(\.key) + [alarm.rawValue]).sorted()
            return "| `\(alarm.rawValue)` | \(names.map { "`\($0)`" }.joined(separator: ", ")) |"
        }
    }

    /// Per protocol, the alarms its real captures raise (from the golden files, which pin them).
    private static func capturedAlarmTable(_ protocols: [ProtocolDescriptor]) -> [String] {
        ["| protocol | alarms in its captures: codec name → alarm |", "|---|---|"] + protocols.map { p in
            var pairs = Set<String>()
            for outcome in (GoldenFiles.outcomes(p.name) ?? [:]).values {
                let events = (outcome["report"] as? [String: Any])?["events"] as? [[String: Any]] ?? []
                for event in events {
                    let attributes = event["attributes"] as? [String: Any] ?? [:]
                    guard let device = (attributes["device_alarm"] as? [String: Any])?["string_value"] as? String,
                          let alarm = (attributes["alarm"] as? [String: Any])?["string_value"] as? String else { continue }
                    pairs.insert(device == alarm ? "`\(alarm)`" : "`\(device)` → `\(alarm)`")
                }
            }
            return "| \(p.name) | \(pairs.isEmpty ? "none in the captures" : pairs.sorted().joined(separator: ", ")) |"
        }
    }
}
