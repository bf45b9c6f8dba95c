import Hummingbird
import NIOCore
import TrackwireRuntime

/// Tokens on push's HTTP surface (docs/security.md): `/`, `/ws` and `/sse` need one when any is
/// configured (`/metrics` and `/healthz` stay open for scrapers and probes). Browsers, whose
/// WebSocket and EventSource cannot set headers, send `?token=` or the `tw_token` cookie, which
/// the page at `/` sets after asking for the token.
struct PushAuth: Sendable {
    let tokens: APITokens

    /// Why a request was not let through.
    enum Refusal: Error {
        case unauthorized(String)
        case forbidden(String)
    }

    /// The scope of the request's token, or why it has none.
    func scope(of request: Request) -> Result<TokenScope, Refusal> {
        let check = tokens.check(
            authorization: request.headers[.authorization], query: request.uri.queryParameters["token"].map(String.init),
            cookie: request.headers[.cookie]
        )
        switch check {
        case .open: return .success(.everything)
        case .granted(let scope): return .success(scope)
        case .missing: return .failure(.unauthorized("a token is needed: Authorization: Bearer <token>, ?token= or the tw_token cookie"))
        case .wrong: return .failure(.unauthorized("the token is not valid"))
        }
    }

    /// Whether a WebSocket upgrade's `Origin` may connect: none (not a browser), the page's own
    /// host (the live map), or one of `allowed`. A page elsewhere cannot ride on the cookie.
    static func originAllowed(_ request: Request, allowed: Set<String>) -> Bool {
        guard let origin = request.headers[.origin] else { return true }
        if allowed.contains(origin) { return true }
        guard let host = request.head.authority else { return false }
        return origin == "http://\(host)" || origin == "https://\(host)"
    }

    /// `watch` as the token's scope allows it: `all` narrows to the scope's devices; a device
    /// outside it is refused.
    static func limit(_ watch: Watch, to scope: TokenScope) -> Result<Watch, Refusal> {
        guard let allowed = scope.devices else { return .success(watch) }
        if watch.allDevices { return .success(Watch(allDevices: false, devices: allowed, kinds: watch.kinds)) }
        let outside = watch.devices.subtracting(allowed)
        guard outside.isEmpty else { return .failure(.forbidden("this token may not watch \(outside.sorted().joined(separator: ","))")) }
        return .success(watch)
    }

    /// The JSON answer to a refusal (401 says how to authenticate).
    static func response(_ refusal: Refusal) -> Response {
        switch refusal {
        case .unauthorized(let reason):
            Response(status: .unauthorized, headers: [.contentType: "application/json", .wwwAuthenticate: "Bearer"],
                     body: .init(byteBuffer: ControlMessage.error(reason)))
        case .forbidden(let reason):
            Response(status: .forbidden, headers: [.contentType: "application/json"], body: .init(byteBuffer: ControlMessage.error(reason)))
        }
    }

    /// The page `/` shows without a token: it asks for one, keeps it in the `tw_token` cookie (which
    /// the map's WebSocket then sends) and reloads.
    static let loginPage = ByteBuffer(string: """
        <!doctype html><html><head><meta charset="utf-8"><title>Trackwire live map: token</title></head>
        <body style="font-family:sans-serif;margin:3em">
        <form id="f"><label>This live map needs an API token: <input id="t" type="password" autofocus></label>
        <button>Open the map</button></form>
        <script>
        document.getElementById("f").onsubmit = (e) => {
          e.preventDefault();
          document.cookie = "tw_token=" + encodeURIComponent(document.getElementById("t").value) + "; path=/; SameSite=Strict";
          location.reload();
        };
        </script></body></html>
        """)

    /// 401 for `/`: the login page for a browser, the JSON error for anything else.
    static func pageRefusal(_ request: Request, _ refusal: Refusal) -> Response {
        guard request.headers[.accept]?.contains("text/html") == true else { return response(refusal) }
        return Response(status: .unauthorized, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: loginPage))
    }
}
