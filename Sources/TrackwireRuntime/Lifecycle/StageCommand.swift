import ArgumentParser
import Foundation
import Logging
import Metrics
import Prometheus
import ServiceLifecycle

/// A Trackwire process: its options, and the services it runs. The executable's `main` is one
/// call: `await StageMain.run(MyStage.self)`.
public protocol StageCommand: ParsableCommand {
    /// The stage name in topics, metrics and heartbeats: `bus`, `gateway`, `decoder`, ...
    static var stageName: String { get }
    /// Where /metrics listens unless `--http`/`TW_HTTP` says otherwise.
    static var defaultHTTPAddress: String { get }
    /// The shared options.
    var runtime: RuntimeOptions { get }
    /// Checks what parsing cannot (endpoints, files, addresses); throws `ConfigurationError`.
    func checkConfiguration() throws
    /// Builds the stage's services, in start order (they stop in reverse).
    func makeServices(_ context: StageContext) async throws -> [any Service]
    /// Where this process publishes its `hb.*` heartbeats (default: the bus's broadcast-in).
    var heartbeatEndpoints: String { get }
    /// True for stages that serve their own HTTP API (storage, push): `StageMain` then starts no
    /// metrics server, and the stage mounts `MetricsServer.addRoutes` on its own router at
    /// `context.httpListenAddress`, so one port serves the API, /metrics and /healthz.
    static var servesOwnHTTP: Bool { get }
    /// True for tw-bus, the CURVE server: its key pair alone (no server key) is a valid setting.
    static var isCurveServer: Bool { get }
}

extension StageCommand {
    public func checkConfiguration() throws {}
    public var heartbeatEndpoints: String { runtime.busEndpoints.broadcastIn }
    public static var defaultHTTPAddress: String { "127.0.0.1:0" }
    public static var servesOwnHTTP: Bool { false }
    public static var isCurveServer: Bool { false }
}

/// Runs a `StageCommand` the same way for every executable: parse (flags and `TW_*`), exit 2 with
/// one line on bad configuration, bootstrap logging and metrics, run the services with graceful
/// shutdown on SIGTERM/SIGINT, exit 0.
public enum StageMain {
    public static func run<C: StageCommand>(_ type: C.Type) async -> Never {
        let command = parseOrExit(C.self)
        do {
            try command.runtime.checkCurve(isServer: C.isCurveServer)
            try command.checkConfiguration()
            if let address = command.runtime.metricsAddress(default: C.defaultHTTPAddress) {
                let (host, port) = try MetricsServer.parse(address)
                if !command.runtime.validateOnly { try ListenCheck.ensureAvailable(host: host, port: port, what: "--http") }
            }
        } catch {
            fail(C.self, "\(error)")
        }
        if command.runtime.validateOnly {
            print("\(C._commandName): configuration is valid")
            exit(0)
        }
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
        LoggingSetup.bootstrap(format: command.runtime.logFormat, level: Logger.Level(rawValue: command.runtime.logLevel) ?? .info)
        let logger = Logger(label: "trackwire.\(C.stageName)")
        do {
            let context = try StageContext(
                stage: C.stageName, options: command.runtime, logger: logger, registry: registry,
                httpListenAddress: command.runtime.metricsAddress(default: C.defaultHTTPAddress), monitorsBusConnections: true
            )
            var services = try await command.makeServices(context)
            services.insert(HeartbeatPublisher(context: context, endpoints: command.heartbeatEndpoints), at: 0)
            if !C.servesOwnHTTP, let address = context.httpListenAddress {
                services.insert(try MetricsServer.make(address: address, registry: registry, stage: context, logger: logger), at: 0)
            }
            let group = ServiceGroup(configuration: .init(
                services: services.map { .init(service: $0) },
                gracefulShutdownSignals: [.sigterm, .sigint],
                logger: logger
            ))
            logger.info("started", metadata: ["pid": "\(getpid())", "version": "\(TrackwireVersion.current)"])
            try await group.run()
            context.shutdown()
            logger.info("stopped cleanly")
            exit(0)
        } catch let error as ConfigurationError {
            fail(C.self, error.description)
        } catch {
            logger.critical("stopped by an error", metadata: ["error": "\(error)"])
            exit(1)
        }
    }

    /// Parses arguments; `--help` prints and exits 0; any error prints one line and exits 2.
    public static func parseOrExit<C: ParsableCommand>(_ type: C.Type, arguments: [String]? = nil) -> C {
        do {
            return try C.parse(arguments)
        } catch {
            if C.exitCode(for: error) == .success {
                print(C.fullMessage(for: error))
                exit(0)
            }
            fail(C.self, C.message(for: error))
        }
    }

    static func fail<C: ParsableCommand>(_ type: C.Type, _ message: String) -> Never {
        let line = message.split(separator: "\n").first.map(String.init) ?? message
        FileHandle.standardError.write(Data("\(C._commandName): configuration error: \(line)\n".utf8))
        exit(2)
    }
}
