import Foundation
import TrackwireTesting

/// The pinned outputs of every capture: one JSON-lines file per protocol,
/// `Tests/CodecsTests/Golden/<protocol>.jsonl`, each line `{"line":N,<outcome>}` for the capture on
/// line N of its fixtures file. Written by `make golden` (CodecsTests' `GoldenOutputTests` with
/// `TW_WRITE_GOLDEN=1`), reviewed, committed; read by the codec and `tw decode` tests.
public enum GoldenFiles {
    /// The receive time every golden decode uses (2023-11-14T22:13:20Z).
    public static let receivedAtMs: Int64 = 1_700_000_000_000
    /// Traccar settings named in notes that are services, not listener options.
    public static let nonOptions: Set<String> = ["MediaManager"]

    /// The golden file of a protocol.
    public static func url(_ protocolName: String) -> URL {
        RepositoryPaths.root.appendingPathComponent("Tests/CodecsTests/Golden/\(protocolName).jsonl")
    }

    /// The pinned outcomes by capture line; `nil` when the protocol has no golden file.
    public static func outcomes(_ protocolName: String) -> [Int: [String: Any]]? {
        guard let text = try? String(contentsOf: url(protocolName), encoding: .utf8) else { return nil }
        var outcomes: [Int: [String: Any]] = [:]
        for line in text.split(separator: "\n") {
            guard let object = parse(String(line)), let number = object["line"] as? Int else { continue }
            outcomes[number] = object
        }
        return outcomes
    }

    /// A JSON object, or `nil` if `text` is none.
    public static func parse(_ text: String) -> [String: Any]? {
        (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any]
    }

    /// Whether two JSON values are the same (objects by keys, numbers by value).
    public static func same(_ a: Any?, _ b: Any?) -> Bool {
        switch (a, b) {
        case (nil, nil): true
        case (let a?, let b?): NSDictionary(dictionary: ["v": a]).isEqual(to: ["v": b])
        default: false
        }
    }
}

extension Capture {
    /// Whether the capture is a device→server frame to decode (not a framer test or a downlink).
    public var isFrame: Bool { !isFramerTest && !isDownlink }

    /// The listener options its note names, without Traccar's injected services; TK103 downlinks
    /// marked as the SMS form are encoded with that protocol's `alternative` option.
    public var listenerOptions: [String: String] {
        var options = expectation.decoderOptions.filter { !GoldenFiles.nonOptions.contains($0.key) }
        if note.contains("[alternative (SMS-style) TK103 format]") { options["alternative"] = "true" }
        return options
    }

    /// The capture as a `tw decode` input line: protocol, kind, payload, transport, its options and
    /// the golden receive time.
    public var decodeRequestLine: String {
        let object: [String: Any] = [
            "protocol": self.protocol, "kind": kind, "payload": payload, "transport": transport,
            "options": listenerOptions, "received_at_ms": GoldenFiles.receivedAtMs,
        ]
        let data = try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
        return String(decoding: data, as: UTF8.self)
    }
}
