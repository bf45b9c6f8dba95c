import Foundation

extension LocalHTTP {
    /// Sends `partial` (the start of a request) to 127.0.0.1:`port` and stalls: `true` when the
    /// server closes the connection within `within` seconds, as a read timeout should.
    public static func closesStalledRequest(port: Int, _ partial: String, within: TimeInterval = 5) -> Bool {
        guard let fd = LoopbackAddress.connect(port: port, timeout: within) else { return false }
        defer { close(fd) }
        let bytes = Array(partial.utf8)
        guard bytes.withUnsafeBytes({ send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }) == bytes.count else { return false }
        var byte: UInt8 = 0
        // Anything the server answers first (an error page) is read past; end of stream is the close.
        while true {
            let n = recv(fd, &byte, 1, 0)
            if n == 0 || (n < 0 && errno == ECONNRESET) { return true }
            if n < 0 { return false }
        }
    }
}
