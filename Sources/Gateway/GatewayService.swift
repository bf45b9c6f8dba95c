import Foundation
import Atomics
import Codecs
import Logging
import NIOCore
import NIOHTTP1
import NIOPosix
import ServiceLifecycle
import TrackwireRuntime

/// Binds every listener, serves devices until graceful shutdown, then stops accepting, closes
/// device connections (announcing them offline) and closes its bus sockets.
public final class GatewayService: Service, Sendable {
    let context: StageContext
    let listeners: [ListenerSpec]
    let options: [String: [String: String]]
    let limits: GatewayLimits
    let host: String
    let endpoints: GatewayEndpoints
    let registry = SessionRegistry()
    let budget: ConnectionBudget

    public init(context: StageContext, listeners: [ListenerSpec], options: [String: [String: String]],
                limits: GatewayLimits, host: String, endpoints: GatewayEndpoints) {
        self.context = context
        self.listeners = listeners
        self.options = options
        self.limits = limits
        self.host = host
        self.endpoints = endpoints
        budget = ConnectionBudget(perAddress: limits.maxConnectionsPerAddress, unidentified: limits.maxUnidentified)
    }

    public func run() async throws {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: max(1, System.coreCount))
        let sinks = try FrameSinks(group: group, context: context, endpoints: endpoints)
        let open = ManagedAtomic<Int>(0)
        var channels: [any Channel] = []
        do {
            for spec in listeners {
                channels.append(try await listen(spec, group: group, sinks: sinks, open: open))
            }
        } catch {
            for channel in channels { try? await channel.close() }
            try? await group.shutdownGracefully()
            sinks.closeAll()
            throw error
        }
        addHealthChecks(listeners: Array(zip(listeners, channels)), sinks: sinks, open: open)
        sinks.probeFramesQueues(on: group, every: .milliseconds(500))
        let stopped = ManagedAtomic(false)
        let inbox = GatewayInbox(
            context: context, endpoints: endpoints.commands, commands: CommandDelivery(context: context, registry: registry, sinks: sinks),
            acks: limits.ackMode == .durable ? AckRouter(gatewayID: context.instance, registry: registry, counters: context.counters) : nil
        )
        await withGracefulShutdownHandler {
            try? await inbox.run { stopped.load(ordering: .relaxed) }
        } onGracefulShutdown: {
            stopped.store(true, ordering: .relaxed)
        }
        context.logger.info("gateway stopping: closing listeners and device connections")
        for channel in channels { try? await channel.close() }
        // Shutting the loops down closes every device connection, announcing each offline
        // through the sinks; only then are the sinks closed.
        try? await group.shutdownGracefully()
        sinks.closeAll()
    }

    /// `/healthz`: every listener still bound, every event loop's frames queue writable within
    /// `framesQueuePatienceMs`; and the open device connections as a heartbeat gauge.
    private func addHealthChecks(listeners: [(ListenerSpec, any Channel)], sinks: FrameSinks, open: ManagedAtomic<Int>) {
        context.addHealthCheck("listeners") {
            let closed = listeners.filter { !$0.1.isActive }.map { "\($0.0)" }
            return HealthStatus(closed.isEmpty, otherwise: "not listening any more: " + closed.joined(separator: ", "))
        }
        let endpoint = endpoints.frames
        context.addHealthCheck("frames_queue") { sinks.framesQueueStatus(patience: Self.framesQueuePatienceMs, endpoint: endpoint) }
        context.counters.gauge("connections") { Double(open.load(ordering: .relaxed)) }
        let budget = budget
        context.counters.gauge("unidentified_connections") { Double(budget.unidentifiedCount) }
    }

    /// How long the frames queue may stay full or unconnected before /healthz fails: longer than
    /// a burst that back-pressure absorbs, shorter than an orchestrator's patience.
    static let framesQueuePatienceMs: Int64 = 3_000

    private func listen(_ spec: ListenerSpec, group: MultiThreadedEventLoopGroup, sinks: FrameSinks, open: ManagedAtomic<Int>) async throws -> any Channel {
        guard let codec = CodecRegistry.codec(named: spec.protocolName) else {
            throw ConfigurationError("no codec named '\(spec.protocolName)'")
        }
        let listener = ListenerContext(
            spec: spec, codec: codec, options: options[spec.protocolName] ?? [:], gatewayID: context.instance,
            limits: limits, sinks: sinks, registry: registry,
            counters: ProtocolCounters(context.counters, protocol: spec.protocolName),
            openConnections: open, budget: budget, logger: context.logger
        )
        do {
            let channel = try await bind(spec, listener: listener, group: group)
            context.logger.info("listening", metadata: ["listener": "\(spec)", "address": "\(channel.localAddress.map(ListenerContext.describe) ?? "?")"])
            return channel
        } catch let error as IOError {
            throw ConfigurationError("cannot listen for \(spec) on \(host): \(String(cString: strerror(error.errnoCode)))")
        }
    }

    private func bind(_ spec: ListenerSpec, listener: ListenerContext, group: MultiThreadedEventLoopGroup) async throws -> any Channel {
        let channel: any Channel
        switch spec.transport {
        case .udp:
            channel = try await DatagramBootstrap(group: group)
                .channelOption(.socketOption(.so_reuseaddr), value: 1)
                .channelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture { try channel.pipeline.syncOperations.addHandler(DatagramHandler(listener: listener)) }
                }
                .bind(host: host, port: spec.port).get()
        default:
            channel = try await ServerBootstrap(group: group)
                .serverChannelOption(.backlog, value: 256)
                .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
                .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
                .childChannelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture { try Self.configure(channel, listener: listener) }
                }
                .bind(host: host, port: spec.port).get()
        }
        return channel
    }

    private static func configure(_ channel: any Channel, listener: ListenerContext) throws {
        let pipeline = channel.pipeline.syncOperations
        let idle = TimeAmount.milliseconds(listener.limits.idleTimeoutMs)
        try pipeline.addHandler(IdleStateHandler(readTimeout: idle))
        if listener.spec.transport == .http {
            try pipeline.configureHTTPServerPipeline(withErrorHandling: true)
            try pipeline.addHandler(HTTPHandler(listener: listener, remote: channel.remoteAddress))
        } else {
            try pipeline.addHandler(StreamHandler(listener: listener, remote: channel.remoteAddress))
        }
    }
}
