import Foundation

/// A plain stream listener on a free loopback port (or a Unix socket path), standing in for a
/// peer that misbehaves or is not there yet: a test accepts what connects and decides what to do.
public final class TestListener {
    /// The TCP port (0 for a Unix socket).
    public let port: Int
    private let fd: Int32

    /// Listens on a free port of 127.0.0.1.
    public convenience init() throws {
        let port = FreePorts.one()
        try self.init(family: AF_INET, port: port) { fd in LoopbackAddress.with(port: port) { bind(fd, $0, $1) } }
    }

    /// Listens on the Unix socket at `path` (which must not exist yet).
    public convenience init(unixPath path: String) throws {
        try self.init(family: AF_UNIX, port: 0) { fd in
            var address = sockaddr_un()
            address.sun_family = sa_family_t(AF_UNIX)
            withUnsafeMutableBytes(of: &address.sun_path) { buffer in
                for (index, byte) in path.utf8.prefix(buffer.count - 1).enumerated() { buffer[index] = byte }
            }
            return withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
            }
        }
    }

    private init(family: Int32, port: Int, bind: (Int32) -> Int32) throws {
        self.port = port
        fd = socket(family, Int32(SOCK_STREAM.rawValue), 0)
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        guard bind(fd) == 0, listen(fd, 16) == 0 else {
            close(fd)
            throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EADDRINUSE)
        }
    }

    deinit { close(fd) }

    /// The next connection, or `nil` if none arrives within `timeout` seconds.
    public func accept(timeout: TimeInterval) -> AcceptedConnection? {
        var poll = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        guard Glibc.poll(&poll, 1, Int32(timeout * 1000)) == 1 else { return nil }
        let client = Glibc.accept(fd, nil, nil)
        return client >= 0 ? AcceptedConnection(fd: client) : nil
    }
}

/// One accepted connection with a short receive timeout; closed when dropped.
public final class AcceptedConnection {
    private let fd: Int32

    init(fd: Int32) {
        self.fd = fd
        var timeout = timeval(tv_sec: 0, tv_usec: 200_000)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }

    deinit { close(fd) }

    /// Sends `bytes` (a closed peer is not an error here).
    public func send(_ bytes: [UInt8]) {
        _ = bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
    }

    /// What arrived within the receive timeout (empty if nothing did).
    public func receive(upTo count: Int) -> [UInt8] {
        var buffer = [UInt8](repeating: 0, count: count)
        let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, count, 0) }
        return n > 0 ? Array(buffer.prefix(n)) : []
    }
}
