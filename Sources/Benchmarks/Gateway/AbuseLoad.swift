import Foundation
import TrackwireTesting
import ZMQ
#if canImport(Glibc)
import Glibc
#endif

/// The abusive clients of `tw bench abuse`, from loopback addresses other than the honest fleet's
/// 127.0.0.1 (so the per-address limit sees them apart): connections that never log in (spread over
/// 127.0.0.2-127.0.0.9), random bytes sent to every device port (127.0.0.10), and connections that
/// send one byte a second (127.0.0.11). Blocking sockets on threads of their own; `stop` ends them.
final class AbuseLoad: @unchecked Sendable {
    /// How much abuse.
    struct Plan {
        var neverLogIn = 2_000
        var randomBytesPerPort = 5 << 20
        var slowSenders = 100
    }

    private let lock = NSLock()
    private var stopped = false
    private var idle: [Int32] = []
    private var threads = 0

    /// Opens the never-login connections to `tcpPort` and starts the senders on every port.
    init(plan: Plan, tcpPorts: [Int], udpPorts: [Int]) {
        for index in 0..<plan.neverLogIn {
            if let fd = Self.connect(from: "127.0.0.\(2 + index % 8)", port: tcpPorts[index % tcpPorts.count]) { idle.append(fd) }
        }
        for port in tcpPorts { spawn("abuse-random-\(port)") { $0.flood(port: port, bytes: plan.randomBytesPerPort, udp: false) } }
        for port in udpPorts { spawn("abuse-random-udp-\(port)") { $0.flood(port: port, bytes: plan.randomBytesPerPort, udp: true) } }
        spawn("abuse-slow") { $0.trickle(ports: tcpPorts, connections: plan.slowSenders) }
    }

    /// Connections that never logged in and were still open when the abuse began.
    var neverLogInOpened: Int { lock.withLock { idle.count } }

    func stop() {
        lock.withLock { stopped = true }
        while lock.withLock({ threads }) > 0 { usleep(10_000) }
        for fd in lock.withLock({ idle }) { close(fd) }
    }

    private var isStopped: Bool { lock.withLock { stopped } }

    private func spawn(_ name: String, _ body: @escaping @Sendable (AbuseLoad) -> Void) {
        lock.withLock { threads += 1 }
        DedicatedThread.start(name: name) { [self] in
            body(self)
            lock.withLock { threads -= 1 }
        }
    }

    /// Sends `bytes` random bytes to `port`, reconnecting whenever the gateway closes the connection.
    private func flood(port: Int, bytes: Int, udp: Bool) {
        // Made once: the bench's own CPU (two shared cores) should go to the gateway, not to bytes.
        let chunk = (0..<(udp ? 1_024 : 65_536)).map { _ in UInt8.random(in: 0...255) }
        var sent = 0
        var fd: Int32 = -1
        while sent < bytes, !isStopped {
            if fd < 0 { fd = Self.connect(from: "127.0.0.10", port: port, udp: udp) ?? -1 }
            guard fd >= 0 else { usleep(10_000); continue }
            let n = chunk.withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if n > 0 { sent += n } else { close(fd); fd = -1 }
        }
        if fd >= 0 { close(fd) }
    }

    /// Keeps `connections` connections sending one byte a second each, reopening closed ones.
    private func trickle(ports: [Int], connections: Int) {
        var fds = [Int32](repeating: -1, count: connections)
        while !isStopped {
            for index in fds.indices {
                if fds[index] < 0 { fds[index] = Self.connect(from: "127.0.0.11", port: ports[index % ports.count]) ?? -1 }
                var byte: UInt8 = 0x78
                if fds[index] >= 0, Glibc.send(fds[index], &byte, 1, Int32(MSG_NOSIGNAL | MSG_DONTWAIT)) < 0 {
                    close(fds[index])
                    fds[index] = -1
                }
            }
            for _ in 0..<10 where !isStopped { usleep(100_000) }
        }
        for fd in fds where fd >= 0 { close(fd) }
    }

    /// A socket bound to `source` and connected to 127.0.0.1:`port`.
    static func connect(from source: String, port: Int, udp: Bool = false) -> Int32? {
        let fd = socket(AF_INET, Int32(udp ? SOCK_DGRAM.rawValue : SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return nil }
        var local = address(source, port: 0)
        var remote = address("127.0.0.1", port: port)
        let size = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &local) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, size) } }
        let connected = withUnsafePointer(to: &remote) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(fd, $0, size) } }
        guard bound == 0, connected == 0 else {
            close(fd)
            return nil
        }
        return fd
    }

    private static func address(_ host: String, port: Int) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        inet_pton(AF_INET, host, &address.sin_addr)
        return address
    }
}
