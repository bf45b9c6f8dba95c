import ArgumentParser
import ServiceLifecycle
import TrackwireRuntime

/// `tw-push`: streams positions, events and sessions to WebSocket and SSE clients, delivers them to
/// webhooks through a durable outbox, and serves the live map.
public struct PushCommand: StageCommand {
    /// The command line's name and summary.
    public static let configuration = CommandConfiguration(
        commandName: "tw-push",
        abstract: "Streams positions, events and sessions to WebSocket/SSE clients and webhooks; serves the live map.",
        discussion: "One port (--http, default 127.0.0.1:8090) serves / (live map), /ws, /sse, /api/ (forwarded to --api), /metrics and /healthz. See docs/push.md."
    )
    /// `push`, in topics, metrics and heartbeats.
    public static let stageName = "push"
    public static let defaultHTTPAddress = "127.0.0.1:8090"
    public static let servesOwnHTTP = true

    /// The options every Trackwire process takes.
    @OptionGroup public var runtime: RuntimeOptions

    @Option(help: "Where to subscribe (SUB), CZMQ endpoints; default >tcp://<bus>:7101, the bus's broadcast-out (env TW_SUBSCRIBE).")
    var subscribe: String?
    @Option(help: "Where to publish err.push rejects (PUB); default >tcp://<bus>:7100 (env TW_PUBLISH).")
    var publish: String?
    @Option(help: "Messages kept per device for clients that reconnect with offsets (env TW_HISTORY).")
    var history = EnvironmentDefaults.int("TW_HISTORY", 100)
    @Option(help: "How long push keeps listening to a device after its last watcher left, so a reconnect within it misses nothing (env TW_RESUME_WINDOW).")
    var resumeWindow = EnvironmentDefaults.string("TW_RESUME_WINDOW", "5m")
    @Option(help: "Live messages that may wait for one client; a client further behind is disconnected (env TW_CLIENT_QUEUE).")
    var clientQueue = EnvironmentDefaults.int("TW_CLIENT_QUEUE", 4096)
    @Option(help: "Raster tile URL for the live map, e.g. https://tile.example/{z}/{x}/{y}.png; empty: no tiles (env TW_TILE_URL).")
    var tileURL = EnvironmentDefaults.string("TW_TILE_URL", "")
    @Option(help: "The storage API's base URL (http://127.0.0.1:8082): the live map reads geofences, history and events through push's /api/ (env TW_API).")
    var api = EnvironmentDefaults.string("TW_API", "")
    @Option(help: "A webhook: URL, optionally #kinds=enter,exit,position (default: every event); repeatable (env TW_WEBHOOKS, space-separated).")
    var webhook: [String] = []
    @Option(help: "The webhook outbox's SQLite file (env TW_OUTBOX).")
    var outbox = EnvironmentDefaults.string("TW_OUTBOX", "data/push-outbox.sqlite")
    @Option(help: "Deliveries kept per webhook while it is down; beyond it the oldest are dropped and counted (env TW_OUTBOX_LIMIT).")
    var outboxLimit = EnvironmentDefaults.int("TW_OUTBOX_LIMIT", 100_000)
    @Option(help: "First webhook retry delay; doubles per attempt with jitter (env TW_RETRY_BASE).")
    var retryBase = EnvironmentDefaults.string("TW_RETRY_BASE", "250ms")
    @Option(help: "Longest webhook retry delay (env TW_RETRY_MAX).")
    var retryMax = EnvironmentDefaults.string("TW_RETRY_MAX", "30s")
    @Option(help: "Timeout of one webhook request (env TW_WEBHOOK_TIMEOUT).")
    var webhookTimeout = EnvironmentDefaults.string("TW_WEBHOOK_TIMEOUT", "10s")

    @Option(help: "Require this token on /, /ws, /sse and /api/ (Authorization: Bearer, ?token= or the tw_token cookie), and send it to the storage API on the requests push forwards (env TW_API_TOKEN).")
    var apiToken: String?
    @Option(help: "A file of accepted tokens, one 'TOKEN [devices=a,b]' a line, read again on SIGHUP (env TW_API_TOKENS).")
    var apiTokens: String?

    @Option(help: "Origins (scheme://host[:port], comma-separated) besides push's own whose pages may open /ws; others are refused (env TW_ALLOWED_ORIGINS).")
    var allowedOrigins: String?

    /// Made by ArgumentParser.
    public init() {}

    /// The configuration, from flags, then `TW_*` variables, then the bus's well-known endpoints.
    public func pushConfiguration() throws -> PushConfiguration {
        var configuration = PushConfiguration(bus: runtime.busEndpoints)
        configuration.subscribe = subscribe ?? EnvironmentDefaults.raw("TW_SUBSCRIBE") ?? configuration.subscribe
        configuration.publish = publish ?? EnvironmentDefaults.raw("TW_PUBLISH") ?? configuration.publish
        configuration.historyPerDevice = history
        configuration.clientQueue = clientQueue
        configuration.tileURL = tileURL
        configuration.apiURL = api.hasSuffix("/") ? String(api.dropLast()) : api
        let token = apiToken ?? EnvironmentDefaults.raw("TW_API_TOKEN")
        // One token: clients must show it, and push shows it to the storage API it forwards to.
        configuration.apiToken = token ?? ""
        configuration.allowedOrigins = Set((allowedOrigins ?? EnvironmentDefaults.raw("TW_ALLOWED_ORIGINS") ?? "")
            .split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty })
        configuration.tokens = try APITokens(
            token: token, file: apiTokens ?? EnvironmentDefaults.raw("TW_API_TOKENS")
        )
        let webhooks = webhook.isEmpty ? (EnvironmentDefaults.raw("TW_WEBHOOKS")?.split(separator: " ").map(String.init) ?? []) : webhook
        configuration.webhooks = try webhooks.map(WebhookSpec.init(parsing:))
        configuration.outboxPath = outbox
        configuration.outboxLimit = outboxLimit
        configuration.resumeWindow = try ConfigDuration(resumeWindow, flag: "--resume-window", example: "5s")
        configuration.retryBase = try ConfigDuration(retryBase, flag: "--retry-base", example: "5s")
        configuration.retryMax = try ConfigDuration(retryMax, flag: "--retry-max", example: "5s")
        configuration.webhookTimeout = try ConfigDuration(webhookTimeout, flag: "--webhook-timeout", example: "5s")
        try configuration.validate()
        return configuration
    }

    /// Checks everything `pushConfiguration` reads (`--validate`, and before starting).
    public func checkConfiguration() throws {
        _ = try pushConfiguration()
    }

    /// Push's one service (bus thread, HTTP server and webhook deliverers inside).
    public func makeServices(_ context: StageContext) async throws -> [any Service] {
        let configuration = try pushConfiguration()
        return [TokenReloader(tokens: configuration.tokens, context: context), try PushService(context: context, configuration: configuration)]
    }
}
