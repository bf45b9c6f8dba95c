import ArgumentParser
import ServiceLifecycle
import TrackwireRuntime
import ZMQ

/// `tw-bus`: the three channels of the pipeline on libzmq's own proxies.
public struct BusCommand: StageCommand {
    public static let configuration = CommandConfiguration(
        commandName: "tw-bus",
        abstract: "Joins the Trackwire stages: broadcast (XSUB/XPUB), frames and store (PULL/PUSH) proxies."
    )
    public static let stageName = "bus"
    public static let defaultHTTPAddress = "127.0.0.1:9100"
    public static let isCurveServer = true

    @OptionGroup public var runtime: RuntimeOptions

    @Option(help: "Where publishers connect (XSUB); default @tcp://<bus>:<base> from --bus (env TW_BROADCAST_IN).")
    var broadcastIn: String?
    @Option(help: "Where subscribers connect (XPUB); default @tcp://<bus>:<base+1> (env TW_BROADCAST_OUT).")
    var broadcastOut: String?
    @Option(help: "Where gateways push frames (PULL); default @tcp://<bus>:<base+2> (env TW_FRAMES_IN).")
    var framesIn: String?
    @Option(help: "Where decoders pull frames (PUSH); default @tcp://<bus>:<base+3> (env TW_FRAMES_OUT).")
    var framesOut: String?
    @Option(help: "Where decoders and geofence push records to store (PULL); default @tcp://<bus>:<base+4> (env TW_STORE_IN).")
    var storeIn: String?
    @Option(help: "Where storage writers pull records (PUSH); default @tcp://<bus>:<base+5> (env TW_STORE_OUT).")
    var storeOut: String?

    @Option(help: "CURVE: the client public keys admitted, one Z85 key per line, read again on SIGHUP; needed (and only used) with the bus's own pair TW_CURVE_PUBLIC_KEY/TW_CURVE_SECRET_KEY (env TW_CURVE_ALLOW).")
    var curveAllow = EnvironmentDefaults.string("TW_CURVE_ALLOW", "")

    public init() {}

    /// The bus publishes its own heartbeats into its broadcast channel in-process, so they reach
    /// its subscribers whatever ports it was given (not `tcp://<bus>:7100`, which may be another bus).
    static let heartbeatEndpoint = "inproc://bus-heartbeats"
    public var heartbeatEndpoints: String { ">" + Self.heartbeatEndpoint }

    /// The channels, as configured: each endpoint from its flag, else its `TW_*` variable, else
    /// bound on `--bus host:base` (`BusEndpoints.bound`: the host's interface, ports base...base+5).
    public var channels: [BusChannelSpec] {
        let bus = runtime.busEndpoints
        func endpoint(_ flag: String?, _ variable: String, _ offset: Int) -> String {
            flag ?? EnvironmentDefaults.raw(variable) ?? bus.bound(offset)
        }
        let broadcastIn = endpoint(broadcastIn, "TW_BROADCAST_IN", 0)
        return [
            BusChannelSpec(name: "broadcast", frontendType: .xsub, frontendEndpoints: broadcastIn + ",@" + Self.heartbeatEndpoint,
                           backendType: .xpub, backendEndpoints: endpoint(broadcastOut, "TW_BROADCAST_OUT", 1)),
            BusChannelSpec(name: "frames", frontendType: .pull, frontendEndpoints: endpoint(framesIn, "TW_FRAMES_IN", 2),
                           backendType: .push, backendEndpoints: endpoint(framesOut, "TW_FRAMES_OUT", 3)),
            BusChannelSpec(name: "store", frontendType: .pull, frontendEndpoints: endpoint(storeIn, "TW_STORE_IN", 4),
                           backendType: .push, backendEndpoints: endpoint(storeOut, "TW_STORE_OUT", 5)),
        ]
    }

    public func checkConfiguration() throws {
        if runtime.busEndpoints.isRedundant {
            throw ConfigurationError("tw-bus is one bus: --bus '\(runtime.bus)' lists several; start one tw-bus per address (stages take the list)")
        }
        if runtime.curvePair != nil, curveAllow.isEmpty {
            throw ConfigurationError("CURVE: a bus with a key pair needs --curve-allow FILE (TW_CURVE_ALLOW): without an allow-list any client that knows the bus's public key could join")
        }
        if runtime.curvePair == nil, !curveAllow.isEmpty {
            throw ConfigurationError("CURVE: --curve-allow needs the bus's own pair (TW_CURVE_PUBLIC_KEY, TW_CURVE_SECRET_KEY from tw keygen)")
        }
        if !curveAllow.isEmpty { _ = try CurveAllowList(curveAllow) }
        for spec in channels {
            for endpoints in [spec.frontendEndpoints, spec.backendEndpoints] {
                do { _ = try Endpoints(endpoints, defaultAction: .bind) } catch { throw ConfigurationError("\(spec.name): \(error)") }
            }
        }
    }

    public func makeServices(_ context: StageContext) async throws -> [any Service] {
        guard let pair = runtime.curvePair else { return [BusService(context: context, specs: channels)] }
        // The ZAP handler binds here, before any channel does, so no handshake finds it missing.
        let guardian = try BusCurveGuard(context: context, allowList: try CurveAllowList(curveAllow), ownKey: pair.publicKey)
        return [guardian, BusService(context: context, specs: channels, curveSecretKey: pair.secretKey)]
    }
}
