import Foundation
// Re-exported so every test that reads captures also has `Hex` (TrackwireProtocol's) at hand.
@_exported import TrackwireProtocol
@_exported import TrackwireTesting

/// One real device capture from `shared/fixtures/device-captures.jsonl` (or `-more.jsonl`).
public struct Capture: Sendable, CustomStringConvertible {
    public let line: Int
    public let `protocol`: String
    public let transport: String
    /// `hex` or `text`.
    public let kind: String
    /// The payload as given in the file (hex digits or text).
    public let payload: String
    public let note: String

    /// The payload's bytes: hex-decoded for `hex`, UTF-8 for `text`.
    public var bytes: [UInt8] {
        kind == "hex" ? Hex.decode(payload)! : Array(payload.utf8)
    }

    /// Whether the note marks this as a frame-splitter test (a raw stream chunk).
    public var isFramerTest: Bool { note.hasPrefix("frame decoder test") }
    /// Whether the note marks this as a server→device command from an encoder test.
    public var isDownlink: Bool { note.hasPrefix("DOWNLINK") }

    public var description: String { "\(`protocol`) line \(line): \(payload.prefix(60))" }
}

/// Loads the shared device captures.
public enum Captures {
    /// Every capture in the first file, in file order (the ten protocols built first).
    public static let all: [Capture] = load(fileURL)

    /// Every capture in the second file, `device-captures-more.jsonl` beside the first, in file order
    /// (ten more protocols; none of the first file's).
    public static let more: [Capture] = load(moreFileURL)

    /// The captures of one protocol from both files, in file order.
    public static func of(_ protocolName: String) -> [Capture] {
        (all + more).filter { $0.protocol == protocolName }
    }

    /// The names of every protocol with captures in either file.
    public static var protocolNames: Set<String> { Set((all + more).map(\.protocol)) }

    /// The fixtures file: `$TW_FIXTURES`, else `../shared/fixtures/device-captures.jsonl` beside the checkout.
    public static var fileURL: URL {
        if let path = ProcessInfo.processInfo.environment["TW_FIXTURES"] {
            return URL(fileURLWithPath: path)
        }
        return RepositoryPaths.root.deletingLastPathComponent()
            .appendingPathComponent("shared/fixtures/device-captures.jsonl")
    }

    /// The second fixtures file, beside the first.
    public static var moreFileURL: URL {
        fileURL.deletingLastPathComponent().appendingPathComponent("device-captures-more.jsonl")
    }

    private static func load(_ url: URL) -> [Capture] {
        guard let text = try? String(contentsOf: url, encoding: .utf8) else {
            fatalError("device captures not found at \(url.path); set TW_FIXTURES")
        }
        return text.split(separator: "\n").enumerated().map { index, line in
            let object = try! JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
            return Capture(
                line: index + 1,
                protocol: object["protocol"] as! String,
                transport: object["transport"] as! String,
                kind: object["kind"] as! String,
                payload: object["payload"] as! String,
                note: object["note"] as! String
            )
        }
    }
}
