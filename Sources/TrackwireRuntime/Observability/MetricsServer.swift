import Foundation
import Hummingbird
import Logging
import NIOCore
import Prometheus
import ServiceLifecycle

/// Serves `/metrics` (Prometheus text), `/healthz` (JSON: ready, with what it depends on) and
/// `/livez` (the process answers) for one process.
public enum MetricsServer {
    /// The Hummingbird application; run it as a service. `onBound` receives the actual address
    /// (useful with port 0).
    public static func make(
        address: String, registry: PrometheusCollectorRegistry, stage: StageContext, logger: Logger
    ) throws -> some Service {
        let (host, port) = try parse(address)
        let router = Router()
        addRoutes(to: router, registry: registry, stage: stage)
        return Application(
            router: router,
            server: stage.http1Server,
            configuration: .init(address: .hostname(host, port: port), serverName: "trackwire-\(stage.stage)"),
            onServerRunning: { channel in recordBound(channel, host: host, stage: stage, logger: logger) },
            logger: logger
        )
    }

    /// Mounts `/metrics`, `/healthz` and `/livez` on a router; stages with their own API (`servesOwnHTTP`)
    /// call this so one port serves everything.
    public static func addRoutes<Context: RequestContext>(
        to router: Router<Context>, registry: PrometheusCollectorRegistry, stage: StageContext
    ) {
        router.get("/metrics") { _, _ -> Response in
            var buffer: [UInt8] = []
            buffer.reserveCapacity(8192)
            registry.emit(into: &buffer)
            return Response(
                status: .ok,
                headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(bytes: buffer))
            )
        }
        // Liveness: the process answers. /healthz checks what the stage depends on too, and a
        // liveness probe there would restart every stage while the bus is down.
        router.get("/livez") { _, _ -> Response in
            Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: #"{"status":"alive"}"#)))
        }
        router.get("/healthz") { _, _ -> Response in
            let health = stage.health()
            let data = (try? JSONSerialization.data(withJSONObject: health.json, options: [.sortedKeys])) ?? Data()
            return Response(
                status: health.healthy ? .ok : .serviceUnavailable,
                headers: [.contentType: "application/json"],
                body: .init(byteBuffer: ByteBuffer(bytes: data))
            )
        }
    }

    /// Records the bound address (for heartbeats and `tw status`) and logs it; pass it as an
    /// Application's `onServerRunning`.
    public static func recordBound(_ channel: any Channel, host: String, stage: StageContext, logger: Logger) {
        if let bound = channel.localAddress, let port = bound.port {
            stage.httpAddress.withLock { $0 = "\(host):\(port)" }
            logger.info("serving HTTP", metadata: ["address": "\(host):\(port)"])
        }
    }

    /// Splits `host:port`; throws a configuration error for anything else.
    public static func parse(_ address: String) throws -> (String, Int) {
        guard let colon = address.lastIndex(of: ":"), let port = Int(address[address.index(after: colon)...]),
              (0...65535).contains(port) else {
            throw ConfigurationError("--http '\(address)' must be host:port (port 0 picks a free one) or 'off'")
        }
        let host = String(address[..<colon])
        return (host.isEmpty ? "0.0.0.0" : host, port)
    }
}

/// A configuration problem found after parsing (bad endpoint, bad address): one line, exit 2.
public struct ConfigurationError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
