import TrackwireRuntime

/// The scope of the token a request to `/api` carried (`TOKEN devices=a,b` in `--api-tokens`),
/// set by `APIMiddleware` for the handlers of that request. A scoped token reads only its devices:
/// a device outside them is a 403, a list is narrowed to them; it cannot change geofences or read
/// and replay dead letters, which belong to no single device.
enum APIScope {
    @TaskLocal static var current = TokenScope.everything

    /// The devices a request may read: those it asked for (403 if one is outside the scope), or,
    /// when it asked for none, the scope's own (`[]` still meaning every device for an unscoped token).
    static func devices(_ requested: [String]) throws -> [String] {
        guard let allowed = current.devices else { return requested }
        guard !requested.isEmpty else {
            guard !allowed.isEmpty else { throw forbidden("this token may read no device") }
            return allowed.sorted()
        }
        try check(requested)
        return requested
    }

    /// 403 unless the token may see every one of `devices`.
    static func check(_ devices: [String]) throws {
        let outside = devices.filter { !current.allows(device: $0) }
        guard outside.isEmpty else { throw forbidden("this token may not read device \(outside.map { "'\($0)'" }.joined(separator: ", "))") }
    }

    /// 403 for a token limited to devices, on what belongs to no single device.
    static func requireUnscoped(_ what: String) throws {
        guard current.devices == nil else { throw forbidden("a token limited to devices may not \(what)") }
    }

    private static func forbidden(_ message: String) -> APIError { APIError(status: .forbidden, message: message) }
}
