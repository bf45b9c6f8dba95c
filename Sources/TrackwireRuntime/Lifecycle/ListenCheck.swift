#if canImport(Glibc)
import Glibc
#endif

/// Checks before start-up that an HTTP `host:port` can be listened on, so a stage whose port is
/// taken exits 2 with one line instead of starting without its API (or hanging on the way down).
enum ListenCheck {
    /// Throws a `ConfigurationError` naming the address and the reason when it cannot be bound.
    /// Port 0 (any free port) always can.
    static func ensureAvailable(host: String, port: Int, what: String) throws {
        guard port != 0 else { return }
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_flags = AI_PASSIVE
        var found: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, String(port), &hints, &found) == 0, let first = found else {
            throw ConfigurationError("\(what) '\(host):\(port)': cannot resolve '\(host)'")
        }
        defer { freeaddrinfo(first) }
        let fd = socket(first.pointee.ai_family, first.pointee.ai_socktype, first.pointee.ai_protocol)
        guard fd >= 0 else { return }
        defer { close(fd) }
        var one: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        guard bind(fd, first.pointee.ai_addr, first.pointee.ai_addrlen) == 0 else {
            throw ConfigurationError("\(what) cannot listen on \(host):\(port): \(String(cString: strerror(errno)))")
        }
    }
}
