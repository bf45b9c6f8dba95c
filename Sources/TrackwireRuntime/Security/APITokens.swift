import Foundation
import Synchronization

/// What one API token may see: every device, or only those listed.
public struct TokenScope: Sendable, Equatable {
    /// The devices the token may watch or read; `nil`: all of them.
    public var devices: Set<String>?

    /// Every device.
    public static let everything = TokenScope(devices: nil)

    /// A scope limited to `devices` (`nil`: unlimited).
    public init(devices: Set<String>?) { self.devices = devices }

    /// Whether the token may see `device`.
    public func allows(device: String) -> Bool { devices?.contains(device) ?? true }
}

/// The outcome of checking a request's token.
public enum TokenCheck: Sendable, Equatable {
    /// No token is configured: the surface is open.
    case open
    /// A configured token was presented; it grants this scope.
    case granted(TokenScope)
    /// No token was presented (401).
    case missing
    /// A token was presented that is not configured (401).
    case wrong
}

/// The tokens an HTTP surface accepts (docs/security.md): one from `--api-token`/`TW_API_TOKEN`
/// and any number from `--api-tokens FILE`/`TW_API_TOKENS` (one `TOKEN [devices=a,b]` a line, `#`
/// comments), the file read again by `reload` (SIGHUP) so a token can be revoked without a restart.
public final class APITokens: Sendable {
    /// The token file, if any.
    public let path: String?
    private let single: String?
    private let fromFile: Mutex<[String: TokenScope]>

    /// No tokens: the surface is open.
    public static let none: APITokens = try! APITokens(token: nil, file: nil)

    /// Reads the file; throws a `ConfigurationError` naming a bad line.
    public init(token: String?, file: String?) throws {
        single = token.flatMap { $0.isEmpty ? nil : $0 }
        path = file.flatMap { $0.isEmpty ? nil : $0 }
        fromFile = Mutex(try path.map(Self.load) ?? [:])
    }

    /// Whether any token is configured (the surface then refuses requests without one).
    public var isRequired: Bool { single != nil || !fromFile.withLock(\.isEmpty) || path != nil }

    /// Reads the file again; on an error the old tokens stay. Returns how many it holds.
    @discardableResult
    public func reload() throws -> Int {
        guard let path else { return 0 }
        let fresh = try Self.load(path)
        fromFile.withLock { $0 = fresh }
        return fresh.count
    }

    /// Checks a request: the `Authorization` header (`Bearer`, any case) first, then the
    /// `?token=` parameter or the `tw_token` cookie, which browsers' WebSocket and EventSource
    /// can send when they cannot set headers.
    public func check(authorization: String?, query: String? = nil, cookie: String? = nil) -> TokenCheck {
        guard isRequired else { return .open }
        guard let presented = Self.bearer(authorization) ?? query.flatMap({ $0.isEmpty ? nil : $0 }) ?? Self.cookieToken(cookie) else {
            return .missing
        }
        var granted: TokenScope?
        if let single, Self.constantTimeEqual(presented, single) { granted = .everything }
        for (token, scope) in fromFile.withLock({ $0 }) where Self.constantTimeEqual(presented, token) { granted = scope }
        return granted.map(TokenCheck.granted) ?? .wrong
    }

    /// The token of an `Authorization: Bearer <token>` header; the scheme is case-insensitive.
    static func bearer(_ header: String?) -> String? {
        guard let header, header.count > 7, header.prefix(7).lowercased() == "bearer " else { return nil }
        let token = header.dropFirst(7).trimmingCharacters(in: .whitespaces)
        return token.isEmpty ? nil : token
    }

    /// The `tw_token` cookie's value.
    static func cookieToken(_ header: String?) -> String? {
        for part in (header ?? "").split(separator: ";") {
            let pair = part.trimmingCharacters(in: .whitespaces)
            if pair.hasPrefix("tw_token=") { return String(pair.dropFirst("tw_token=".count)).removingPercentEncoding }
        }
        return nil
    }

    static func load(_ path: String) throws -> [String: TokenScope] {
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw ConfigurationError("--api-tokens: cannot read \(path): \(error.localizedDescription)")
        }
        return try parse(text, source: path)
    }

    /// The tokens of a file's text.
    static func parse(_ text: String, source: String) throws -> [String: TokenScope] {
        var tokens: [String: TokenScope] = [:]
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let all = raw.split(whereSeparator: \.isWhitespace).map(String.init)
            let words = all.prefix { !$0.hasPrefix("#") }
            guard let token = words.first else { continue }
            var scope = TokenScope.everything
            for word in words.dropFirst() {
                guard word.hasPrefix("devices=") else {
                    throw ConfigurationError("--api-tokens: \(source) line \(index + 1): '\(word)' is not devices=a,b")
                }
                scope.devices = Set(word.dropFirst("devices=".count).split(separator: ",").map(String.init))
            }
            tokens[token] = scope
        }
        return tokens
    }

    /// Compares without stopping at the first difference, so timing does not leak a token.
    public static func constantTimeEqual(_ lhs: String, _ rhs: String) -> Bool {
        let a = Array(lhs.utf8), b = Array(rhs.utf8)
        var difference = UInt8(a.count == b.count ? 0 : 1)
        for index in 0..<max(a.count, b.count) {
            difference |= (index < a.count ? a[index] : 0) ^ (index < b.count ? b[index] : 0)
        }
        return difference == 0
    }
}

extension APITokens: Equatable {
    /// The same set of tokens (one object per configuration).
    public static func == (lhs: APITokens, rhs: APITokens) -> Bool { lhs === rhs }
}
