import Foundation

/// TCP ports on 127.0.0.1 that are free right now, so tests and benchmarks running side by side
/// each get their own. Found by binding port 0 and reading what the kernel chose; the kernel hands
/// out ephemeral ports in rotation, so a port just released is not handed out again at once.
public enum FreePorts {
    /// `count` distinct free ports.
    public static func allocate(_ count: Int) -> [Int] {
        var ports: [Int] = []
        while ports.count < count {
            let port = one()
            if !ports.contains(port) { ports.append(port) }
        }
        return ports
    }

    /// One free port.
    public static func one() -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        precondition(fd >= 0, "socket() failed: errno \(errno)")
        defer { close(fd) }
        var address = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = LoopbackAddress.with(port: 0) { bind(fd, $0, $1) } == 0
            && withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) } } == 0
        precondition(bound, "bind/getsockname on 127.0.0.1:0 failed: errno \(errno)")
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// The first of `count` consecutive free ports (a bus needs six: `--bus 127.0.0.1:<base>`).
    public static func consecutiveBase(_ count: Int = 6) -> Int {
        while true {
            let candidate = one()
            guard candidate + count < 65_000 else { continue }
            if (1..<count).allSatisfy({ isFree(candidate + $0) }) { return candidate }
        }
    }

    /// Whether a TCP port on 127.0.0.1 can be bound right now.
    public static func isFree(_ port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        return LoopbackAddress.with(port: port) { bind(fd, $0, $1) } == 0
    }

    /// Whether something accepts TCP connections on 127.0.0.1:`port` right now.
    public static func isListening(_ port: Int) -> Bool {
        guard let fd = LoopbackAddress.connect(port: port) else { return false }
        close(fd)
        return true
    }
}
