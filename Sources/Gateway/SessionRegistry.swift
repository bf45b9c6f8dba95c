import Atomics
import Codecs
import NIOCore
import Synchronization
import TrackwireProtocol

/// Where a device's session lives, so a downlink command can reach it.
struct SessionHandle: Sendable {
    let sessionID: UInt64
    let channel: any Channel
    let codec: any DeviceCodec
    let context: SessionContext
    /// For UDP: where the device's datagrams come from (replies go back there).
    let remote: SocketAddress?
}

/// Where storage's confirmations of one session's frames go: the session's handler, reached on
/// its own event loop.
struct AckTarget: Sendable {
    /// Hands the confirmed sequence numbers to the session (hops to its event loop).
    let confirm: @Sendable ([UInt64]) -> Void
}

/// The identified sessions of this gateway by device id, the durable-ack sessions by session id,
/// and the source of session ids.
final class SessionRegistry: Sendable {
    private let sessions = Mutex<[String: SessionHandle]>([:])
    private let ackTargets = Mutex<[UInt64: AckTarget]>([:])
    /// Session ids start at a random point, so an ack that outlived an earlier process of the same
    /// `--instance` name cannot match a session of this one.
    private let nextID = ManagedAtomic<UInt64>(UInt64.random(in: 1...(1 << 62)))

    /// A session id unique within this gateway process (and, with overwhelming odds, across restarts).
    func makeSessionID() -> UInt64 { nextID.wrappingIncrementThenLoad(ordering: .relaxed) }

    /// Makes `session` reachable by storage's confirmations until `removeAckTarget`.
    func addAckTarget(session: UInt64, _ target: AckTarget) {
        ackTargets.withLock { $0[session] = target }
    }

    func removeAckTarget(session: UInt64) {
        ackTargets.withLock { $0[session] = nil }
    }

    /// The target of each session, `nil` where the session is gone.
    func ackTargets(of sessions: some Sequence<UInt64>) -> [(UInt64, AckTarget?)] {
        ackTargets.withLock { targets in sessions.map { ($0, targets[$0]) } }
    }

    /// Records (or replaces: a device that reconnects moves) the session of a device.
    func register(device: String, _ handle: SessionHandle) {
        sessions.withLock { $0[device] = handle }
    }

    /// Forgets a session, unless the device has since moved to a newer one.
    func unregister(device: String, sessionID: UInt64) {
        sessions.withLock { sessions in
            if sessions[device]?.sessionID == sessionID { sessions[device] = nil }
        }
    }

    func session(of device: String) -> SessionHandle? { sessions.withLock { $0[device] } }

    var count: Int { sessions.withLock { $0.count } }
}

/// The wall clock in unix nanoseconds, for frame and session times.
func unixNanoseconds() -> Int64 {
    var now = timespec()
    clock_gettime(CLOCK_REALTIME, &now)
    return Int64(now.tv_sec) * 1_000_000_000 + Int64(now.tv_nsec)
}

#if canImport(Glibc)
import Glibc
#endif
