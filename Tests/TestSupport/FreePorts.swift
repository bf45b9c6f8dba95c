import Foundation

/// TCP ports on 127.0.0.1 that are free right now, so tests running in parallel each get their
/// own. Found by binding port 0 and reading what the kernel chose; the kernel hands out ephemeral
/// ports in rotation, so a port just released is not handed out again at once.
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
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        precondition(bound, "bind/getsockname on 127.0.0.1:0 failed: errno \(errno)")
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
