import ZMQ

extension Socket {
    /// Waits until a send would not block, up to `timeout`. On a PUSH with `ZMQ_IMMEDIATE` (our
    /// default) that means a connection to a consumer is complete: a probe for "is the bus there".
    public func waitUntilSendable(timeout: Duration) throws -> Bool {
        var poller = Poller()
        poller.add(self, events: .writable)
        let deadline = Deadline(after: timeout)
        while !canSend {
            let timeoutMs = deadline.remainingMilliseconds()
            guard timeoutMs > 0 else { return false }
            _ = try poller.poll(timeoutMs: timeoutMs)
        }
        return true
    }
}
