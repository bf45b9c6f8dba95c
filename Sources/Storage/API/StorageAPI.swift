import Hummingbird
import TrackwireRuntime

/// The storage stage's HTTP query API under `/api` (see docs/api.md and `/api/openapi.json`).
public enum StorageAPI {
    /// Mounts every `/api` route on `router`. The stage's `Application` also mounts /metrics and
    /// /healthz on the same router.
    public static func addRoutes(
        to router: Router<BasicRequestContext>,
        store: any StoreBackend,
        outlet: any BusOutlet,
        configuration: APIConfiguration
    ) {
        // Router-level, so it also wraps the router's "not found" answer for unknown /api paths.
        let handlers = APIHandlers(store: store, outlet: outlet, configuration: configuration)
        router.add(middleware: APIMiddleware(
            tokens: configuration.tokens, allowedOrigins: configuration.allowedOrigins, routes: handlers.routes.map { ($0.method, $0.path) }
        ))
        for route in handlers.routes { router.add(route) }
    }
}

/// The API's settings, from tw-storage's flags.
public struct APIConfiguration: Sendable {
    /// The accepted tokens (`--api-token`, `--api-tokens FILE`); when any is configured, every
    /// `/api` request must carry `Authorization: Bearer <token>`.
    public var tokens: APITokens
    /// Origins whose pages may make state-changing calls (`--allowed-origins`); any other `Origin`
    /// on a POST, PUT, PATCH or DELETE gets a 403.
    public var allowedOrigins: Set<String> = []
    /// The largest page a client may ask for.
    public var maxPageSize = 10_000
    /// The most positions a report reads (per request); a longer range is refused with a 400.
    public var maxReportPositions = 500_000

    public init(token: String? = nil) {
        // A single token cannot fail to load; only a file can.
        tokens = (try? APITokens(token: token, file: nil)) ?? APITokens.none
    }

    /// With the tokens of `--api-token` and `--api-tokens FILE`.
    public init(tokens: APITokens) {
        self.tokens = tokens
    }
}
