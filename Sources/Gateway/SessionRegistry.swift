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

/// The identified sessions of this gateway by device id, and the source of session ids.
final class SessionRegistry: Sendable {
    private let sessions = Mutex<[String: SessionHandle]>([:])
    private let nextID = ManagedAtomic<UInt64>(0)

    /// A session id unique within this gateway process.
    func makeSessionID() -> UInt64 { nextID.wrappingIncrementThenLoad(ordering: .relaxed) }

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
