import AsyncHTTPClient
import Hummingbird
import HummingbirdCore
import HummingbirdWebSocket
import Logging
import NIOCore
import TrackwireRuntime

/// Push's HTTP surface on one port: `/` (live map, `LiveMapAssets`), `/ws`, `/sse`, `/api/...`
/// (forwarded to the storage API, `StorageProxy`), `/metrics` and `/healthz`.
enum PushRoutes {
    /// The Hummingbird application (a ServiceLifecycle service).
    static func application(
        context: StageContext, configuration: PushConfiguration, hub: Hub, metrics: PushMetrics, address: String, client: HTTPClient
    ) throws -> some ApplicationProtocol {
        let (host, port) = try MetricsServer.parse(address)
        let router = Router(context: PushRequestContext.self)
        MetricsServer.addRoutes(to: router, registry: context.registry, stage: context)
        let auth = PushAuth(tokens: configuration.tokens)
        LiveMapAssets.addRoutes(to: router, configuration: configuration, instance: context.instance, auth: auth)
        let proxy = StorageProxy(base: configuration.apiURL, token: configuration.apiToken, client: client)
        router.get("/api/**") { request, _ in
            if case .failure(let refusal) = auth.scope(of: request) { return PushAuth.response(refusal) }
            return await proxy.forward(request)
        }
        let stream = EventStream(hub: hub, metrics: metrics, queueCapacity: configuration.clientQueue)
        router.get("/sse") { request, _ -> Response in
            do {
                return stream.response(for: try authorized(try ClientRequest(query: query(request)), request, auth).get())
            } catch let refusal as PushAuth.Refusal {
                return PushAuth.response(refusal)
            } catch {
                return badRequest("\(error)")
            }
        }
        let session = WebSocketSession(hub: hub, metrics: metrics, queueCapacity: configuration.clientQueue)
        router.ws("/ws") { request, _ in
            guard PushAuth.originAllowed(request, allowed: configuration.allowedOrigins) else {
                metrics.error("origin_refused")
                return .dontUpgrade
            }
            do {
                _ = try authorized(try ClientRequest(query: query(request)), request, auth).get()
                return .upgrade([:])
            } catch {
                return .dontUpgrade
            }
        } onUpgrade: { inbound, outbound, wsContext in
            let request = try authorized(try ClientRequest(query: query(wsContext.request)), wsContext.request, auth).get()
            let scope = try auth.scope(of: wsContext.request).get()
            try await session.run(request: request, scope: scope, channel: wsContext.requestContext.channel, inbound: inbound,
                                  outbound: outbound, logger: wsContext.logger)
        }
        let logger = context.logger
        return Application(
            router: router,
            server: server(webSocketRouter: router, context: context),
            configuration: .init(address: .hostname(host, port: port), serverName: "trackwire-push"),
            onServerRunning: { MetricsServer.recordBound($0, host: host, stage: context, logger: logger) },
            logger: logger
        )
    }

    /// HTTP/1 with WebSocket upgrades, and `--http-read-timeout` on every connection.
    private static func server(webSocketRouter: Router<PushRequestContext>, context: StageContext) -> HTTPServerBuilder {
        let webSocketResponder = webSocketRouter.buildResponder()
        let (timeoutMs, timedOut) = context.readTimeout
        return HTTPServerBuilder { responder in
            ReadTimeoutChannel(
                HTTP1WebSocketUpgradeChannel(responder: responder, webSocketResponder: webSocketResponder, configuration: .init(maxFrameSize: 1 << 16)),
                timeoutMs: timeoutMs, timedOut: timedOut
            )
        }
    }

    /// The client's request as its token allows it.
    private static func authorized(_ client: ClientRequest, _ request: Request, _ auth: PushAuth) -> Result<ClientRequest, PushAuth.Refusal> {
        auth.scope(of: request).flatMap { scope in
            PushAuth.limit(client.watch, to: scope).map { watch in
                var limited = client
                limited.watch = watch
                return limited
            }
        }
    }

    /// The query parameters; a bare `?all` counts as `all=`.
    private static func query(_ request: Request) -> [String: String] {
        var out: [String: String] = [:]
        for (key, value) in request.uri.queryParameters { out[String(key)] = String(value) }
        return out
    }

    private static func badRequest(_ reason: String) -> Response {
        Response(status: .badRequest, headers: [.contentType: "application/json"],
                 body: .init(byteBuffer: ControlMessage.error(reason)))
    }
}
