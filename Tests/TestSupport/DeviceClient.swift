import Foundation
import TrackwireTesting

/// A minimal blocking TCP or UDP client that plays a device in tests.
public final class DeviceClient {
    private let fd: Int32
    var fdForExtensions: Int32 { fd }
    private let datagram: Bool

    /// Connects to 127.0.0.1:`port` over TCP (or "connects" a UDP socket).
    public init(port: Int, udp: Bool = false, receiveTimeout: TimeInterval = 5) throws {
        datagram = udp
        fd = socket(AF_INET, Int32(udp ? SOCK_DGRAM.rawValue : SOCK_STREAM.rawValue), 0)
        var timeout = timeval(tv_sec: Int(receiveTimeout), tv_usec: Int((receiveTimeout.truncatingRemainder(dividingBy: 1)) * 1_000_000))
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        guard LoopbackAddress.with(port: port, { connect(fd, $0, $1) }) == 0 else {
            close(fd)
            throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .ECONNREFUSED)
        }
    }

    deinit { close(fd) }

    public func send(_ bytes: [UInt8]) {
        _ = bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
    }

    /// Reads up to `count` bytes (one datagram for UDP); empty on timeout or when the peer closed.
    public func receive(upTo count: Int = 4096) -> [UInt8] {
        var buffer = [UInt8](repeating: 0, count: count)
        let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, count, 0) }
        return n > 0 ? Array(buffer.prefix(n)) : []
    }

    /// Reads exactly `count` bytes, or fewer if the peer closes or the timeout passes.
    public func receive(exactly count: Int) -> [UInt8] {
        var out: [UInt8] = []
        while out.count < count {
            let chunk = receive(upTo: count - out.count)
            if chunk.isEmpty { break }
            out += chunk
        }
        return out
    }

    /// Whether the server closed the connection (a read returns end-of-stream within the timeout).
    public func isClosedByPeer() -> Bool {
        var byte: UInt8 = 0
        let n = recv(fd, &byte, 1, 0)
        // End-of-stream, or a reset because we wrote after the server closed.
        return n == 0 || (n < 0 && (errno == ECONNRESET || errno == EPIPE))
    }
}

extension DeviceClient {
    /// Whatever is readable right now, without waiting.
    public func receiveNow(upTo count: Int = 4096) -> [UInt8] {
        var buffer = [UInt8](repeating: 0, count: count)
        let n = buffer.withUnsafeMutableBytes { recv(fdForExtensions, $0.baseAddress, count, Int32(MSG_DONTWAIT)) }
        return n > 0 ? Array(buffer.prefix(n)) : []
    }
}

extension DeviceClient {
    /// Reads until the peer closes (or a read times out).
    public func receiveAll() -> [UInt8] {
        var out: [UInt8] = []
        while true {
            let chunk = receive(upTo: 65_536)
            if chunk.isEmpty { return out }
            out += chunk
        }
    }
}

extension DeviceClient {
    /// Sends without blocking; `false` if the socket buffer cannot take all of `bytes` now.
    public func sendNow(_ bytes: [UInt8]) -> Bool {
        var offset = 0
        var stalls = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { Glibc.send(fdForExtensions, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL | MSG_DONTWAIT)) }
            if n > 0 { offset += n; continue }
            // A partial frame must be completed: wait a little for room, then give up.
            stalls += 1
            if offset == 0 || stalls > 200 { return offset == bytes.count }
            usleep(1_000)
        }
        return true
    }
}

extension DeviceClient {
    /// Whatever arrives within `milliseconds` (empty if nothing does): returns as soon as bytes
    /// are readable, for loops that send until the device hears something.
    public func receive(within milliseconds: Int) -> [UInt8] {
        var ready = pollfd(fd: fdForExtensions, events: Int16(POLLIN), revents: 0)
        guard poll(&ready, 1, Int32(milliseconds)) == 1 else { return [] }
        return receiveNow()
    }
}
