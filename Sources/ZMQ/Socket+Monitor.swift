import CZeroMQ

/// What a socket monitor reports (`zmq_socket_monitor`): a ZMTP session to `endpoint` completed
/// its handshake or ended, or the monitored socket was closed.
public struct MonitorEvent: Sendable, Equatable {
    /// The kinds Trackwire watches.
    public enum Kind: Sendable, Equatable {
        case connected, disconnected, stopped, other(UInt16)
    }

    public let kind: Kind
    /// The peer's address as libzmq names it (`tcp://127.0.0.1:7101`).
    public let endpoint: String

    /// The events `Socket.monitor` asks for.
    static let watched: Int32 = ZMQ_EVENT_HANDSHAKE_SUCCEEDED | ZMQ_EVENT_DISCONNECTED | ZMQ_EVENT_MONITOR_STOPPED

    /// Parses the two frames a monitor sends: 2 bytes event and 4 bytes value, then the endpoint.
    init?(frames: [[UInt8]]) {
        guard frames.count == 2, frames[0].count >= 2 else { return nil }
        let code = UInt16(frames[0][0]) | UInt16(frames[0][1]) << 8
        switch Int32(code) {
        case ZMQ_EVENT_HANDSHAKE_SUCCEEDED: kind = .connected
        case ZMQ_EVENT_DISCONNECTED: kind = .disconnected
        case ZMQ_EVENT_MONITOR_STOPPED: kind = .stopped
        default: kind = .other(code)
        }
        endpoint = String(decoding: frames[1], as: UTF8.self)
    }
}

extension Socket {
    /// Starts a monitor that publishes this socket's connection events on the inproc `endpoint`
    /// (a PAIR to connect to, before this socket connects anywhere, so no event is missed). Call on
    /// the socket's own thread.
    public func monitor(on endpoint: String) throws(ZMQError) {
        try zmqCheck("zmq_socket_monitor(\(endpoint))") { zmq_socket_monitor(raw, endpoint, MonitorEvent.watched) }
    }

    /// The next monitor event waiting on this PAIR, without blocking; `nil` when none is.
    public func nextMonitorEvent() throws(ZMQError) -> MonitorEvent? {
        while let frames = try receive(wait: false) {
            if let event = MonitorEvent(frames: frames) { return event }
        }
        return nil
    }
}
