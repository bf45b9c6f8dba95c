import ArgumentParser
import ServiceLifecycle
import TrackwireRuntime

/// `tw-storage`: consumes the store queue into SQLite (default) or PostgreSQL, publishes durable
/// acks, enforces retention, and serves the query API with /metrics and /healthz on one port.
public struct StorageCommand: StageCommand {
    /// The command line's name and summary.
    public static let configuration = CommandConfiguration(
        commandName: "tw-storage",
        abstract: "Stores positions, events, sessions and dead letters from the store queue, and serves them over HTTP."
    )
    /// `storage`, in topics, metrics and heartbeats.
    public static let stageName = "storage"
    /// The API, /metrics and /healthz share this port.
    public static let defaultHTTPAddress = "127.0.0.1:8082"
    public static let servesOwnHTTP = true

    /// The options every Trackwire process takes.
    @OptionGroup public var runtime: RuntimeOptions

    @Option(help: "The database: a SQLite path (sqlite:./data/trackwire.db or a plain path) or postgres://user:pass@host/db (env TW_DB).")
    var db = EnvironmentDefaults.string("TW_DB", "sqlite:./data/trackwire.db")
    @Option(help: "Where to pull records to store (PULL), CZMQ endpoints; default >tcp://<bus>:7105 (env TW_STORE).")
    var store: String?
    @Option(help: "Where to publish acks, cfg.geofence and cmd.* (PUB); default >tcp://<bus>:7100 (env TW_PUBLISH).")
    var publish: String?
    @Option(help: "Commit a batch when it holds this many messages (env TW_BATCH_SIZE).")
    var batchSize = EnvironmentDefaults.int("TW_BATCH_SIZE", 1000)
    @Option(help: "While a commit runs, gather the next batch up to this many messages, so batches grow when a backlog waits; then pause intake (env TW_BATCH_MAX).")
    var batchMax = EnvironmentDefaults.int("TW_BATCH_MAX", 10_000)
    @Option(help: "... or when its oldest message is this old, e.g. 200ms (env TW_BATCH_AGE).")
    var batchAge = EnvironmentDefaults.string("TW_BATCH_AGE", "200ms")
    @Flag(inversion: .prefixedNo, help: "Publish ack.<gateway> once positions are committed (env TW_ACKS).")
    var acks = EnvironmentDefaults.bool("TW_ACKS", true)
    @Option(help: "Remove data older than this, e.g. 90d; 'off' keeps everything (env TW_RETENTION).")
    var retention = EnvironmentDefaults.string("TW_RETENTION", "off")
    @Option(help: "Downsample positions older than this, e.g. 30d; 'off' never (env TW_DOWNSAMPLE_AFTER).")
    var downsampleAfter = EnvironmentDefaults.string("TW_DOWNSAMPLE_AFTER", "off")
    @Option(help: "Keep one position per device per this interval when downsampling, e.g. 60s (env TW_DOWNSAMPLE_INTERVAL).")
    var downsampleInterval = EnvironmentDefaults.string("TW_DOWNSAMPLE_INTERVAL", "60s")
    @Option(help: "How often retention and downsampling run, e.g. 1m (env TW_RETENTION_CHECK).")
    var retentionCheck = EnvironmentDefaults.string("TW_RETENTION_CHECK", "1m")
    @Option(help: "How often queued and sent commands past expires_in are recorded expired, e.g. 1s; 0 is off (env TW_COMMAND_EXPIRY_CHECK).")
    var commandExpiryCheck = EnvironmentDefaults.string("TW_COMMAND_EXPIRY_CHECK", "1s")
    @Option(help: "How long a graceful stop may keep retrying a failing database, e.g. 30s (env TW_DRAIN_TIMEOUT).")
    var drainTimeout = EnvironmentDefaults.string("TW_DRAIN_TIMEOUT", "30s")
    @Option(help: "Require 'Authorization: Bearer <token>' on /api (env TW_API_TOKEN).")
    var apiToken: String?
    @Option(help: "Origins (scheme://host[:port], comma-separated) whose pages may POST/PUT/DELETE; any other Origin gets 403 (env TW_ALLOWED_ORIGINS).")
    var allowedOrigins: String?
    @Option(help: "A file of accepted tokens, one 'TOKEN [devices=a,b]' a line, read again on SIGHUP (env TW_API_TOKENS).")
    var apiTokens: String?

    /// Made by ArgumentParser.
    public init() {}

    /// The configuration, from flags, then `TW_*` variables, then the bus's well-known endpoints.
    public func storageConfiguration() throws -> StorageConfiguration {
        var configuration = StorageConfiguration(bus: runtime.busEndpoints)
        do {
            configuration.database = try DatabaseLocation(db)
        } catch {
            throw ConfigurationError("\(error)")
        }
        configuration.store = store ?? EnvironmentDefaults.raw("TW_STORE") ?? configuration.store
        configuration.publish = publish ?? EnvironmentDefaults.raw("TW_PUBLISH") ?? configuration.publish
        configuration.batchSize = batchSize
        configuration.batchMax = batchMax
        configuration.batchAge = try ConfigDuration(batchAge, flag: "--batch-age", example: "200ms")
        configuration.acks = acks
        configuration.retention = try Self.optionalDuration(retention, flag: "--retention", example: "90d")
        configuration.downsampleAfter = try Self.optionalDuration(downsampleAfter, flag: "--downsample-after", example: "30d")
        configuration.downsampleInterval = try ConfigDuration(downsampleInterval, flag: "--downsample-interval", example: "60s")
        configuration.retentionCheck = try ConfigDuration(retentionCheck, flag: "--retention-check", example: "1m")
        configuration.commandExpiryCheck = try ConfigDuration(commandExpiryCheck, flag: "--command-expiry-check", example: "1s")
        configuration.drainTimeout = try ConfigDuration(drainTimeout, flag: "--drain-timeout", example: "30s")
        configuration.api = APIConfiguration(tokens: try APITokens(
            token: apiToken ?? EnvironmentDefaults.raw("TW_API_TOKEN"), file: apiTokens ?? EnvironmentDefaults.raw("TW_API_TOKENS")
        ))
        configuration.api.allowedOrigins = Set((allowedOrigins ?? EnvironmentDefaults.raw("TW_ALLOWED_ORIGINS") ?? "")
            .split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty })
        try configuration.validate()
        return configuration
    }

    /// Checks every value (`--validate`, and before starting).
    public func checkConfiguration() throws {
        _ = try storageConfiguration()
    }

    /// In start order: the database closer, the outlet, the consumer, retention, the HTTP server
    /// (they stop in reverse, so the consumer drains while the outlet and database are still open).
    public func makeServices(_ context: StageContext) async throws -> [any Service] {
        let configuration = try storageConfiguration()
        let backend = try await StoreBackends.open(configuration.database, logger: context.logger)
        let outlet = ZMQBusOutlet(context: context, configuration: configuration)
        var services: [any Service] = [
            BackendCloser(backend: backend, context: context),
            outlet,
            StoreConsumer(context: context, configuration: configuration, backend: backend, outlet: outlet),
        ]
        if configuration.commandExpiryCheck.milliseconds > 0 {
            services.append(CommandExpiryService(context: context, configuration: configuration, backend: backend, outlet: outlet))
        }
        if RetentionService.isNeeded(configuration) {
            services.append(RetentionService(context: context, configuration: configuration, backend: backend))
        }
        if let address = context.httpListenAddress {
            services.append(TokenReloader(tokens: configuration.api.tokens, context: context))
            services.append(try StorageHTTP.application(address: address, context: context, backend: backend, outlet: outlet, api: configuration.api))
        }
        return services
    }

    private static func optionalDuration(_ text: String, flag: String, example: String) throws -> ConfigDuration? {
        ["off", "none", ""].contains(text.lowercased()) ? nil : try ConfigDuration(text, flag: flag, example: example)
    }
}
