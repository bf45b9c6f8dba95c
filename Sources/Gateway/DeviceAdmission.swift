import Foundation
import Synchronization
import TrackwireRuntime

/// Which device ids the gateway accepts (`--devices`): every id (`open`), ids matching a regular
/// expression (`register REGEX`, like Traccar's registerUnknown), or only those listed in a file
/// (`allow-list FILE`, one id a line, `#` comments). An unknown device gets no ack, an
/// `err.gateway` reject `device_not_admitted` and its connection closed; an address that keeps
/// trying is refused outright for a while (`admission_throttled`), its back-off doubling.
public final class DeviceAdmission: Sendable {
    enum Rule: Sendable {
        case open
        case pattern(String)
        case listed(Set<String>)
    }

    let rule: Rule
    /// Compiled once; `NSRegularExpression` is immutable and safe to share.
    private let regex: UncheckedRegex?
    private let throttle = Mutex<[String: Strikes]>([:])
    /// Refusals from one address before it is throttled, and the first back-off.
    let strikesAllowed = 3
    let firstBackoffMs: Int64 = 10_000

    struct Strikes {
        var count = 0
        var blockedUntilMs: Int64 = 0
        var backoffMs: Int64 = 0
        var lastMs: Int64 = 0
    }

    /// Refusals further apart than this do not add up.
    let strikeWindowMs: Int64 = 60_000

    /// Every device.
    public static let open = DeviceAdmission(rule: .open)

    init(rule: Rule) {
        self.rule = rule
        if case .pattern(let text) = rule { regex = try? UncheckedRegex(text) } else { regex = nil }
    }

    /// Parses `open`, `register REGEX` or `allow-list FILE`; a `ConfigurationError` says what is wrong.
    public convenience init(parsing text: String) throws {
        let words = text.split(separator: " ", maxSplits: 1).map(String.init)
        switch (words.first ?? "", words.count) {
        case ("open", 1):
            self.init(rule: .open)
        case ("register", 2):
            guard (try? UncheckedRegex(words[1])) != nil else { throw ConfigurationError("--devices register: '\(words[1])' is not a regular expression") }
            self.init(rule: .pattern(words[1]))
        case ("allow-list", 2):
            guard let content = try? String(contentsOfFile: words[1], encoding: .utf8) else {
                throw ConfigurationError("--devices allow-list: cannot read \(words[1])")
            }
            let ids = content.split(separator: "\n").compactMap { line in
                line.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first?.trimmingCharacters(in: .whitespaces)
            }.filter { !$0.isEmpty }
            self.init(rule: .listed(Set(ids)))
        default:
            throw ConfigurationError("--devices '\(text)' must be open, register REGEX or allow-list FILE")
        }
    }

    /// Whether this device id may send.
    public func admits(_ id: String) -> Bool {
        switch rule {
        case .open: true
        case .pattern: regex?.matchesWhole(id) ?? false
        case .listed(let ids): ids.contains(id)
        }
    }

    /// Whether `address` is refused for now after repeated unknown devices.
    func isThrottled(_ address: String, nowMs: Int64) -> Bool {
        guard case .open = rule else { return throttle.withLock { ($0[Self.host(address)]?.blockedUntilMs ?? 0) > nowMs } }
        return false
    }

    /// Records a refused device from `address`; past `strikesAllowed` the address is blocked.
    func recordRefusal(from address: String, nowMs: Int64) {
        throttle.withLock { table in
            var strikes = table[Self.host(address)] ?? Strikes()
            if nowMs - strikes.lastMs > strikeWindowMs { strikes.count = 0 }
            strikes.lastMs = nowMs
            strikes.count += 1
            if strikes.count >= strikesAllowed {
                strikes.backoffMs = min(max(firstBackoffMs, strikes.backoffMs * 2), 600_000)
                strikes.blockedUntilMs = nowMs + strikes.backoffMs
                strikes.count = 0
            }
            table[Self.host(address)] = strikes
            if table.count > 100_000 { table = table.filter { $0.value.blockedUntilMs > nowMs } }
        }
    }

    /// The host of `host:port` (IPv6 in brackets or not).
    static func host(_ address: String) -> String {
        guard let colon = address.lastIndex(of: ":") else { return address }
        return String(address[..<colon])
    }
}

extension DeviceAdmission: Equatable {
    public static func == (lhs: DeviceAdmission, rhs: DeviceAdmission) -> Bool { lhs === rhs }
}

/// An `NSRegularExpression`, which is immutable once made, shared between event loops.
struct UncheckedRegex: @unchecked Sendable {
    let regex: NSRegularExpression

    init(_ pattern: String) throws { regex = try NSRegularExpression(pattern: pattern) }

    func matchesWhole(_ text: String) -> Bool {
        let range = NSRange(text.startIndex..., in: text)
        return regex.firstMatch(in: text, options: [.anchored], range: range).map { $0.range == range } ?? false
    }
}
