import Foundation

/// Polls `condition` every 20 ms until it holds (`true`) or `timeout` seconds pass (`false`).
public func eventually(timeout: TimeInterval = 10, _ condition: () -> Bool) -> Bool {
    let deadline = Date().addingTimeInterval(timeout)
    while Date() < deadline {
        if condition() { return true }
        Thread.sleep(forTimeInterval: 0.02)
    }
    return condition()
}

/// A plain HTTP/1.1 GET on 127.0.0.1 over a `DeviceClient`, for tests that must not depend on
/// URLSession: the body, or `nil` when nothing answered with a 2xx.
public enum HTTPGet {
    public static func body(port: Int, path: String) -> Data? {
        guard let client = try? DeviceClient(port: port) else { return nil }
        client.send(Array("GET \(path) HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n".utf8))
        let response = client.receiveAll()
        guard let end = response.firstRange(of: Array("\r\n\r\n".utf8)),
              String(decoding: response.prefix(12), as: UTF8.self).hasPrefix("HTTP/1.1 2") else { return nil }
        return Data(response[end.upperBound...])
    }
}
