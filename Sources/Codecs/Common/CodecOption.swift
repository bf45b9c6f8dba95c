/// One listener option a protocol understands, declared in its descriptor and read through the
/// declaration, so the key is spelled once and `--option` values can be checked before use.
public struct CodecOption: Sendable, Equatable {
    /// What values the option takes.
    public enum Kind: Sendable, Equatable {
        /// `true`/`false` (also `1`/`0`, `yes`/`no`).
        case flag
        /// A whole number.
        case integer
        /// Any text (a model name, a password).
        case text
        /// One of these words, compared case-insensitively.
        case choice([String])
    }

    /// The key as operators write it after `protocol.` (Traccar's spelling).
    public let key: String
    /// The values it takes.
    public let kind: Kind
    /// One line saying what it changes.
    public let summary: String

    /// An option; see the static makers for the common kinds.
    public init(_ key: String, _ kind: Kind, _ summary: String) {
        self.key = key
        self.kind = kind
        self.summary = summary
    }

    /// Why `value` is no value of this option, or `nil` when it is one.
    public func problem(with value: String) -> String? {
        switch kind {
        case .flag: return Self.flagValue(value) == nil ? "expected true or false" : nil
        case .integer: return Int(value) == nil ? "expected a whole number" : nil
        case .text: return nil
        case .choice(let words):
            return words.contains { $0.caseInsensitiveCompare(value) == .orderedSame } ? nil : "expected one of \(words.joined(separator: ", "))"
        }
    }

    /// The option's raw value in a listener's options (keys match case-insensitively).
    public func value(in options: [String: String]) -> String? {
        if let exact = options[key] { return exact }
        return options.first { $0.key.caseInsensitiveCompare(key) == .orderedSame }?.value
    }

    /// Whether a flag is switched on; absent or unreadable means off.
    public func isOn(in options: [String: String]) -> Bool {
        value(in: options).flatMap(Self.flagValue) ?? false
    }

    /// A text option's value; `nil` when absent or empty.
    public func text(in options: [String: String]) -> String? {
        value(in: options).flatMap { $0.isEmpty ? nil : $0 }
    }

    /// An integer option's value; `nil` when absent or not a number.
    public func integer(in options: [String: String]) -> Int? {
        value(in: options).flatMap { Int($0) }
    }

    private static func flagValue(_ text: String) -> Bool? {
        switch text.lowercased() {
        case "true", "1", "yes": true
        case "false", "0", "no": false
        default: nil
        }
    }
}

/// Listener options that a protocol does not declare, or values of the wrong kind.
public struct CodecOptionError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong, naming the protocol, key and value.
    public let description: String
    init(_ description: String) { self.description = description }
}
