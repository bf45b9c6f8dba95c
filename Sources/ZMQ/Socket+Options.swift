import CZeroMQ

extension Socket {
    /// Applies a full set of options. Called once when the socket is made.
    func apply(_ options: SocketOptions) throws(ZMQError) {
        try setOption(ZMQ_SNDHWM, options.sendHighWaterMark)
        try setOption(ZMQ_RCVHWM, options.receiveHighWaterMark)
        try setOption(ZMQ_LINGER, options.lingerMs)
        try setOption(ZMQ_RECONNECT_IVL, options.reconnectIntervalMs)
        try setOption(ZMQ_RECONNECT_IVL_MAX, options.reconnectIntervalMaxMs)
        try setOption(ZMQ_HEARTBEAT_IVL, options.heartbeatIntervalMs)
        if options.heartbeatIntervalMs > 0 {
            try setOption(ZMQ_HEARTBEAT_TIMEOUT, options.heartbeatTimeoutMs)
            try setOption(ZMQ_HEARTBEAT_TTL, options.heartbeatTimeoutMs)
        }
        try setOption(ZMQ_TCP_KEEPALIVE, options.tcpKeepaliveIdleS > 0 ? 1 : 0)
        if options.tcpKeepaliveIdleS > 0 {
            try setOption(ZMQ_TCP_KEEPALIVE_IDLE, options.tcpKeepaliveIdleS)
            try setOption(ZMQ_TCP_KEEPALIVE_INTVL, options.tcpKeepaliveIntervalS)
            try setOption(ZMQ_TCP_KEEPALIVE_CNT, options.tcpKeepaliveCount)
        }
        try setOption(ZMQ_RCVTIMEO, options.receiveTimeoutMs)
        if type == .push || type == .dealer || type == .req {
            try setOption(ZMQ_IMMEDIATE, options.immediate ? 1 : 0)
        }
        if type == .xpub {
            try setOption(ZMQ_XPUB_NODROP, options.xpubNoDrop ? 1 : 0)
            try setOption(ZMQ_XPUB_VERBOSE, options.xpubVerbose ? 1 : 0)
        }
        for prefix in options.subscriptions { try subscribe(prefix) }
        if let curve = options.curve { try apply(curve) }
    }

    private func apply(_ curve: Curve) throws(ZMQError) {
        switch curve {
        case .server(let secretKey):
            try setOption(ZMQ_CURVE_SERVER, 1)
            try setOption(ZMQ_CURVE_SECRETKEY, Array(secretKey.utf8))
        case .client(let serverKey, let publicKey, let secretKey):
            try setOption(ZMQ_CURVE_SERVERKEY, Array(serverKey.utf8))
            try setOption(ZMQ_CURVE_PUBLICKEY, Array(publicKey.utf8))
            try setOption(ZMQ_CURVE_SECRETKEY, Array(secretKey.utf8))
        }
    }

    /// Subscribes a SUB socket to a topic prefix (empty: everything).
    public func subscribe(_ prefix: String) throws(ZMQError) {
        try setOption(ZMQ_SUBSCRIBE, Array(prefix.utf8))
    }

    /// Removes one subscription made with `subscribe`.
    public func unsubscribe(_ prefix: String) throws(ZMQError) {
        try setOption(ZMQ_UNSUBSCRIBE, Array(prefix.utf8))
    }

    /// Sets an integer option.
    public func setOption(_ option: Int32, _ value: Int32) throws(ZMQError) {
        var value = value
        try zmqCheck("zmq_setsockopt(\(type), \(option))") {
            zmq_setsockopt(raw, option, &value, MemoryLayout<Int32>.size)
        }
    }

    /// Sets a binary or string option.
    public func setOption(_ option: Int32, _ value: [UInt8]) throws(ZMQError) {
        let raw = self.raw
        try zmqCheck("zmq_setsockopt(\(type), \(option))") {
            value.withUnsafeBytes { zmq_setsockopt(raw, option, $0.baseAddress, $0.count) }
        }
    }

    /// Reads an integer option.
    public func intOption(_ option: Int32) throws(ZMQError) -> Int32 {
        var value: Int32 = 0
        var size = MemoryLayout<Int32>.size
        try zmqCheck("zmq_getsockopt(\(type), \(option))") { zmq_getsockopt(raw, option, &value, &size) }
        return value
    }

    /// Reads a string option.
    public func stringOption(_ option: Int32) throws(ZMQError) -> String {
        var buffer = [UInt8](repeating: 0, count: 256)
        var size = buffer.count
        try zmqCheck("zmq_getsockopt(\(type), \(option))") { zmq_getsockopt(raw, option, &buffer, &size) }
        return String(decoding: buffer.prefix(while: { $0 != 0 }), as: UTF8.self)
    }
}
