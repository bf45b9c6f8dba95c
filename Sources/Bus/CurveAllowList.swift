import Foundation
import Synchronization
import TrackwireRuntime
import ZMQ

/// The client public keys tw-bus admits (`--curve-allow` / `TW_CURVE_ALLOW`): a file with one Z85
/// key per line (blank lines, lines starting with `#` and words after the key ignored), read again on SIGHUP. A value that is not
/// a file path but keys separated by commas or whitespace is taken as the list itself.
public final class CurveAllowList: Sendable {
    /// Where the keys came from: a file path, or `nil` for keys given inline.
    public let path: String?
    private let keys: Mutex<Set<String>>

    /// Reads the list; throws a `ConfigurationError` naming the line that is not a key.
    public init(_ source: String) throws {
        let isPath = source.hasPrefix("/") || source.hasPrefix(".") || FileManager.default.fileExists(atPath: source)
        path = isPath ? source : nil
        keys = Mutex(try Self.load(source, isPath: isPath))
    }

    /// Whether `key` (Z85) is on the list.
    public func contains(_ key: String) -> Bool { keys.withLock { $0.contains(key) } }

    /// How many keys are listed.
    public var count: Int { keys.withLock { $0.count } }

    /// Reads the file again; on an error the previous list stays in force. Returns the new count.
    @discardableResult
    public func reload() throws -> Int {
        guard let path else { return count }
        let fresh = try Self.load(path, isPath: true)
        keys.withLock { $0 = fresh }
        return fresh.count
    }

    static func load(_ source: String, isPath: Bool) throws -> Set<String> {
        let text: String
        if isPath {
            do { text = try String(contentsOfFile: source, encoding: .utf8) } catch {
                throw ConfigurationError("--curve-allow: cannot read \(source): \(error.localizedDescription)")
            }
        } else {
            text = source.replacingOccurrences(of: ",", with: "\n").split(whereSeparator: \.isWhitespace).joined(separator: "\n")
        }
        return try parse(text, source: isPath ? source : "TW_CURVE_ALLOW")
    }

    /// The keys of a list's text.
    static func parse(_ text: String, source: String) throws -> Set<String> {
        var keys: Set<String> = []
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            // Z85 has '#' among its characters: a comment is a line starting with '#', or words
            // after the key.
            let trimmed = raw.trimmingCharacters(in: .whitespaces)
            guard !trimmed.isEmpty, !trimmed.hasPrefix("#") else { continue }
            let line = String(trimmed.split(whereSeparator: \.isWhitespace)[0])
            guard CurveKeys.isValid(line) else {
                throw ConfigurationError("--curve-allow: \(source) line \(index + 1) is not a 40-character Z85 public key (tw keygen prints one)")
            }
            keys.insert(line)
        }
        return keys
    }
}
