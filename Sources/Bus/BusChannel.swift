import Synchronization
import TrackwireRuntime
import ZMQ

/// One bus channel: libzmq's steerable proxy between a producer-facing and a consumer-facing
/// socket, on its own thread, steered through an inproc control pair.
public struct BusChannelSpec: Sendable, Equatable {
    /// `broadcast`, `frames` or `store`: used in control endpoints, counters and logs.
    public var name: String
    public var frontendType: SocketType
    public var frontendEndpoints: String
    public var backendType: SocketType
    public var backendEndpoints: String
}

/// A running channel. Its controller socket is shared by the statistics poller and the shutdown
/// path, so every use goes through a lock (a socket is used by one thread at a time).
final class BusChannel: Sendable {
    let spec: BusChannelSpec
    private let controller: Mutex<Socket?>

    init(spec: BusChannelSpec, controller: Socket) {
        self.spec = spec
        self.controller = Mutex(controller)
    }

    /// Asks the proxy for its counters; `nil` once the channel is stopped.
    func statistics() -> Proxy.Statistics? {
        controller.withLock { socket -> Proxy.Statistics? in
            guard let socket else { return nil }
            guard (try? socket.send([Array("STATISTICS".utf8)])) == true,
                  let frames = try? socket.receive(wait: true) else { return nil }
            return Proxy.Statistics(frames: frames)
        }
    }

    /// Tells the proxy to stop and closes the controller.
    func terminate() {
        controller.withLock { socket in
            _ = try? socket?.send([Array("TERMINATE".utf8)])
            socket?.close()
            socket = nil
        }
    }
}
