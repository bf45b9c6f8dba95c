import Foundation

/// HTTP/1.1 on 127.0.0.1 over a plain TCP connection, for health checks, `/metrics` scrapes and the
/// storage API: no client library between the caller and what the process answers. Blocking (up to
/// `timeout`).
public enum LocalHTTP {
    /// The status and body of `GET path`, or `nil` if nothing answers or the reply is not HTTP.
    public static func get(port: Int, _ path: String, timeout: TimeInterval = 5) -> (status: Int, body: String)? {
        request("GET", port: port, path, timeout: timeout)
    }

    /// The status and body of `method path` with a JSON `body`, or `nil` if nothing answers.
    public static func request(_ method: String, port: Int, _ path: String, json body: String? = nil, timeout: TimeInterval = 5) -> (status: Int, body: String)? {
        guard let fd = LoopbackAddress.connect(port: port, timeout: timeout) else { return nil }
        defer { close(fd) }
        var head = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
        if let body { head += "Content-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\n" }
        let request = Array((head + "\r\n" + (body ?? "")).utf8)
        guard request.withUnsafeBytes({ send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }) == request.count else { return nil }
        var response: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            guard count > 0 else { break }
            response += buffer.prefix(count)
        }
        let text = String(decoding: response, as: UTF8.self)
        let parts = text.components(separatedBy: "\r\n\r\n")
        guard let statusLine = parts.first?.split(separator: "\r\n").first, statusLine.hasPrefix("HTTP/"),
              let status = statusLine.split(separator: " ").dropFirst().first.flatMap({ Int($0) }) else { return nil }
        return (status, parts.dropFirst().joined(separator: "\r\n\r\n"))
    }

    /// The status and headers of `method path` sent with `headers`, read as soon as the header block
    /// is complete, so it also works on endless streams (`/sse`) and upgrades (`/ws`); `nil` if
    /// nothing answers. Blocking (up to `timeout`).
    public static func head(
        port: Int, _ path: String, method: String = "GET", headers: [String: String] = [:], body: String? = nil, timeout: TimeInterval = 5
    ) -> (status: Int, headers: String, bodyStart: String)? {
        guard let fd = LoopbackAddress.connect(port: port, timeout: timeout) else { return nil }
        defer { close(fd) }
        var lines = ["\(method) \(path) HTTP/1.1", "Host: 127.0.0.1", "Connection: close"] + headers.map { "\($0.key): \($0.value)" }
        if let body { lines.append("Content-Length: \(body.utf8.count)") }
        let request = Array((lines.joined(separator: "\r\n") + "\r\n\r\n" + (body ?? "")).utf8)
        guard request.withUnsafeBytes({ send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }) == request.count else { return nil }
        var response: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while !String(decoding: response, as: UTF8.self).contains("\r\n\r\n") {
            let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            guard count > 0 else { break }
            response += buffer.prefix(count)
        }
        let parts = String(decoding: response, as: UTF8.self).components(separatedBy: "\r\n\r\n")
        guard let statusLine = parts.first?.split(separator: "\r\n").first, statusLine.hasPrefix("HTTP/"),
              let status = statusLine.split(separator: " ").dropFirst().first.flatMap({ Int($0) }) else { return nil }
        return (status, parts[0], parts.dropFirst().joined(separator: "\r\n\r\n"))
    }
}
