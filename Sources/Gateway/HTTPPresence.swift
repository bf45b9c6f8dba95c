import Foundation
import NIOCore

/// One session per HTTP device, whatever its connections: apps such as OsmAnd open a connection
/// per report, so a session per connection would flap online/offline with every fix. A device is
/// announced online with its first request and offline after `--idle-timeout` without one; the
/// session record is the one of the request that first identified it. Shared by the listener's
/// connections on every event loop, hence the lock.
final class HTTPPresence: @unchecked Sendable {
    private struct Entry {
        var session: DeviceSession
        var loop: any EventLoop
        var lastHeardMs: Int64
    }

    private let lock = NSLock()
    private var devices: [String: Entry] = [:]
    private var sweeping = false

    private func locked<T>(_ body: () -> T) -> T {
        lock.lock()
        defer { lock.unlock() }
        return body()
    }

    /// Records a request of `session`'s device; `true` when the device was not present, so the
    /// caller announces it online.
    func heard(_ session: DeviceSession, loop: any EventLoop, nowMs: Int64) -> Bool {
        guard let device = session.deviceID else { return false }
        return locked {
            if devices[device] != nil {
                devices[device]?.lastHeardMs = nowMs
                return false
            }
            devices[device] = Entry(session: session, loop: loop, lastHeardMs: nowMs)
            return true
        }
    }

    /// Starts the once-a-second sweep on `loop` unless one runs.
    func startSweep(_ listener: ListenerContext, on loop: any EventLoop) {
        guard locked({ () -> Bool in
            defer { sweeping = true }
            return !sweeping
        }) else { return }
        scheduleSweep(listener, on: loop)
    }

    private func scheduleSweep(_ listener: ListenerContext, on loop: any EventLoop) {
        loop.scheduleTask(in: .seconds(1)) { [self] in
            let cutoff = ListenerContext.nowMs() - listener.limits.idleTimeoutMs
            let (expired, more) = locked { () -> ([Entry], Bool) in
                let expired = devices.values.filter { $0.lastHeardMs <= cutoff }
                for entry in expired { devices[entry.session.deviceID ?? ""] = nil }
                sweeping = !devices.isEmpty
                return (expired, sweeping)
            }
            // Each session record goes out on the sink of the loop that announced it online.
            for entry in expired {
                let session = entry.session
                entry.loop.execute { listener.announceOffline(session, on: entry.loop, reason: "idle_timeout") }
            }
            if more { scheduleSweep(listener, on: loop) }
        }
    }
}
