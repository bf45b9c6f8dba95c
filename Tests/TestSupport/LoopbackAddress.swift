import Foundation

/// 127.0.0.1:`port` as a `sockaddr`, for the socket calls tests make by hand (bind, connect).
public enum LoopbackAddress {
    /// Calls `body` with the address and its length; returns what `body` returns.
    public static func with<T>(port: Int, _ body: (UnsafePointer<sockaddr>, socklen_t) -> T) -> T {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = UInt16(port).bigEndian
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { body($0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
    }
}
