import ArgumentParser
import TrackwireRuntime
import ZMQ

/// `--bus HOST`, shared by every command that joins a bus; each command's own endpoint flags
/// default to the well-known ports on that host.
public struct BusHostOptions: ParsableArguments {
    /// The bus host.
    @Option(help: "The tw-bus: host, or host:baseport; endpoints default to tcp://<host>:<base+n>, base 7100 (env TW_BUS).")
    public var bus: String = EnvironmentDefaults.string("TW_BUS", "127.0.0.1")

    /// Made by ArgumentParser.
    public init() {}

    /// The well-known endpoints on `--bus`.
    public var endpoints: BusEndpoints { BusEndpoints(address: bus) }

    /// Socket options for the command's sockets: short linger, so a command never hangs on exit;
    /// CURVE when `TW_CURVE_SERVER_KEY`, `TW_CURVE_PUBLIC_KEY` and `TW_CURVE_SECRET_KEY` are set.
    public var socketOptions: SocketOptions {
        SocketOptions().with {
            $0.lingerMs = 0
            if let server = EnvironmentDefaults.raw("TW_CURVE_SERVER_KEY"),
               let publicKey = EnvironmentDefaults.raw("TW_CURVE_PUBLIC_KEY"),
               let secretKey = EnvironmentDefaults.raw("TW_CURVE_SECRET_KEY") {
                $0.curve = .client(serverKey: server, publicKey: publicKey, secretKey: secretKey)
            }
        }
    }

    /// Checks an endpoint flag's value; throws a `ValidationError` naming the flag.
    public static func validate(_ endpoints: String?, flag: String) throws {
        guard let endpoints else { return }
        do {
            _ = try Endpoints(endpoints, defaultAction: .connect)
        } catch {
            throw ValidationError("--\(flag): \(error)")
        }
    }
}

extension Context {
    /// A socket attached to `endpoints` (CZMQ notation; entries without `@`/`>` connect).
    public func socket(_ type: SocketType, endpoints: String, options: SocketOptions) throws -> Socket {
        let parsed = try Endpoints(endpoints, defaultAction: .connect)
        let socket = try self.socket(type, options: options)
        do {
            try socket.attach(parsed)
        } catch {
            socket.close()
            throw OperatorFailure("cannot attach \(type) to \(endpoints): \(error)")
        }
        return socket
    }
}
