import Hummingbird
import ServiceLifecycle
import TrackwireRuntime

/// tw-storage's one HTTP server: the `/api` routes (`StorageAPI`), `/metrics` and `/healthz`.
public enum StorageHTTP {
    /// The Hummingbird application listening at `address` (`host:port`), as a `Service`.
    public static func application(
        address: String, context: StageContext, backend: any StoreBackend, outlet: any BusOutlet, api: APIConfiguration
    ) throws -> some Service {
        let (host, port) = try MetricsServer.parse(address)
        let router = Router(context: BasicRequestContext.self)
        MetricsServer.addRoutes(to: router, registry: context.registry, stage: context)
        StorageAPI.addRoutes(to: router, store: backend, outlet: outlet, configuration: api)
        let logger = context.logger
        return Application(
            router: router,
            server: context.http1Server,
            configuration: .init(address: .hostname(host, port: port), serverName: "trackwire-storage"),
            onServerRunning: { MetricsServer.recordBound($0, host: host, stage: context, logger: logger) },
            logger: logger
        )
    }
}

/// Closes the backend when the process stops; listed first so it stops last, after the consumer
/// committed its last batch and the API answered its last request.
struct BackendCloser: Service {
    let backend: any StoreBackend
    let context: StageContext

    func run() async throws {
        try? await gracefulShutdown()
        do {
            try await backend.close()
        } catch {
            context.logger.warning("closing the database failed", metadata: ["error": "\(error)"])
        }
    }
}
