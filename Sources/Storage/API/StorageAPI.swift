import Hummingbird

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
        router.add(middleware: APIMiddleware(token: configuration.token))
        let handlers = APIHandlers(store: store, outlet: outlet, configuration: configuration)
        for route in handlers.routes { router.add(route) }
    }
}

/// The API's settings, from tw-storage's flags.
public struct APIConfiguration: Sendable {
    /// When set, every `/api` request must carry `Authorization: Bearer <token>`.
    public var token: String?
    /// The largest page a client may ask for.
    public var maxPageSize = 10_000
    /// The most positions a report reads (per request); a longer range is refused with a 400.
    public var maxReportPositions = 500_000

    public init(token: String? = nil) {
        self.token = token
    }
}
