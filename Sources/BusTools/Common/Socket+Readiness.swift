import ZMQ

extension Socket {
    /// Waits until a send would not block, up to `timeout`. On a PUSH with `ZMQ_IMMEDIATE` (our
    /// default) that means a connection to a consumer is complete: a probe for "is the bus there".
    public func waitUntilSendable(timeout: Duration) throws -> Bool {
        var poller = Poller()
        poller.add(self, events: .writable)
        let deadline = ContinuousClock.now + timeout
        while !canSend {
            let timeoutMs = BusSubscription.milliseconds(until: deadline)
            guard timeoutMs > 0 else { return false }
            _ = try poller.poll(timeoutMs: timeoutMs)
        }
        return true
    }
}
