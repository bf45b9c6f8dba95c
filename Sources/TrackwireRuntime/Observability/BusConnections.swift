import Foundation
import Synchronization
import ZMQ

/// Which of a process's bus sockets are connected, from libzmq's socket monitors: the `bus`
/// health check of every stage (docs/architecture.md, "Health"). A socket counts as connected
/// while at least one ZMTP session to its tcp/ipc endpoints has completed the handshake and not
/// ended since: with one bus, that bus; with several (`--bus a,b`), any of them, since each bus
/// carries the whole pipeline on its own. The monitors' PAIR sockets are read only under this
/// object's lock, without waiting (at each /healthz request and each heartbeat), so no thread of
/// its own is needed; `closeAll` must run before the ZeroMQ context terminates.
final class BusConnections: Sendable {
    private struct Watched {
        let socket: String
        let pair: Socket
        var connected: Set<String> = []
    }

    private struct State {
        var watched: [Int: Watched] = [:]
        var next = 0
        var closed = false
    }

    private let zmq: Context
    private let state = Mutex(State())
    private static let processUnique = Atomic<Int>(0)
    private let prefix: String

    init(zmq: Context) {
        self.zmq = zmq
        prefix = "inproc://trackwire-monitor-\(Self.processUnique.add(1, ordering: .relaxed).newValue)-"
    }

    /// Starts monitoring `socket` if it connects anywhere over the network. Call before the socket
    /// connects (so no handshake is missed), on the thread that owns it.
    func watch(_ socket: Socket, type: SocketType, endpoints: Endpoints) throws {
        let remote = endpoints.entries.filter { $0.action == .connect && !$0.address.hasPrefix("inproc://") }
        guard !remote.isEmpty else { return }
        let id = state.withLock { state in
            defer { state.next += 1 }
            return state.next
        }
        try socket.monitor(on: prefix + "\(id)")
        let pair = try zmq.socket(.pair, options: SocketOptions().with { $0.lingerMs = 0; $0.receiveHighWaterMark = 0 })
        do {
            try pair.connect(prefix + "\(id)")
        } catch {
            pair.close()
            throw error
        }
        let watched = Watched(socket: "\(type) \(remote.map(\.address).joined(separator: ","))", pair: pair)
        let closed = state.withLock { state in
            if !state.closed { state.watched[id] = watched }
            return state.closed
        }
        if closed { pair.close() }
    }

    /// The health check: failing with the sockets that lack a connection, after reading every
    /// event that waits.
    func status() -> HealthStatus {
        let missing = state.withLock { state -> [String] in
            for id in state.watched.keys.sorted() { Self.drain(id, &state) }
            return state.watched.keys.sorted().compactMap { id in
                let watched = state.watched[id]!
                return watched.connected.isEmpty ? watched.socket : nil
            }
        }
        return HealthStatus(missing.isEmpty, otherwise: "not connected: " + missing.joined(separator: "; "))
    }

    /// Closes every monitor's PAIR; later `watch` calls close theirs at once.
    func closeAll() {
        state.withLock { state in
            for watched in state.watched.values { watched.pair.close() }
            state.watched = [:]
            state.closed = true
        }
    }

    private static func drain(_ id: Int, _ state: inout State) {
        guard var watched = state.watched[id] else { return }
        do {
            while let event = try watched.pair.nextMonitorEvent() {
                switch event.kind {
                case .connected: watched.connected.insert(event.endpoint)
                case .disconnected: watched.connected.remove(event.endpoint)
                case .stopped:
                    // The stage closed the socket: it no longer counts.
                    watched.pair.close()
                    state.watched[id] = nil
                    return
                case .other: continue
                }
            }
        } catch {
            // The context is shutting down; the socket no longer matters.
            watched.pair.close()
            state.watched[id] = nil
            return
        }
        state.watched[id] = watched
    }
}
