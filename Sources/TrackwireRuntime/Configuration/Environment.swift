import Foundation

/// Reads `TW_*` environment variables as option defaults, so every flag also works as an env var.
/// A malformed value is remembered and reported by `ConfigurationCheck` with exit code 2, instead of
/// being silently replaced by the built-in default.
public enum EnvironmentDefaults {
    nonisolated(unsafe) private static var problems: [String] = []
    private static let lock = NSLock()

    /// The raw value of `TW_<NAME>`, if set and not empty.
    public static func raw(_ name: String) -> String? {
        guard let value = ProcessInfo.processInfo.environment[name], !value.isEmpty else { return nil }
        return value
    }

    /// `TW_<NAME>` or the default.
    public static func string(_ name: String, _ fallback: String) -> String { raw(name) ?? fallback }

    /// `TW_<NAME>` as an integer, or the default; a malformed value is recorded as a problem.
    public static func int(_ name: String, _ fallback: Int) -> Int {
        guard let text = raw(name) else { return fallback }
        guard let value = Int(text) else {
            record("\(name)='\(text)' is not a whole number")
            return fallback
        }
        return value
    }

    /// `TW_<NAME>` as a boolean (`1/true/yes/on`, `0/false/no/off`), or the default.
    public static func bool(_ name: String, _ fallback: Bool) -> Bool {
        guard let text = raw(name)?.lowercased() else { return fallback }
        switch text {
        case "1", "true", "yes", "on": return true
        case "0", "false", "no", "off": return false
        default:
            record("\(name)='\(text)' is not a boolean (true/false)")
            return fallback
        }
    }

    /// `TW_<NAME>` as a comma-separated list, or the default.
    public static func list(_ name: String, _ fallback: [String]) -> [String] {
        guard let text = raw(name) else { return fallback }
        return text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// Problems found so far in `TW_*` variables.
    public static var recordedProblems: [String] {
        lock.lock()
        defer { lock.unlock() }
        return problems
    }

    private static func record(_ problem: String) {
        lock.lock()
        problems.append(problem)
        lock.unlock()
    }
}
