import ZMQ

extension Socket {
    /// Sends on a queue socket (PUSH to the store queue), waiting as long as it is full: that is
    /// the back-pressure. Waits in slices of `wakeIntervalMs` only to notice a stop; gives up
    /// (`false`) once the stop's drain deadline has passed.
    public func sendQueued(_ parts: [[UInt8]], stop: StopSignal, wakeIntervalMs: Int) throws -> Bool {
        while true {
            if try send(parts, wait: false) { return true }
            if stop.isPastDeadline { return false }
            try waitUntil(.writable, timeoutMs: wakeIntervalMs)
        }
    }

    /// Waits up to `timeoutMs` for the socket to become readable or writable.
    public func waitUntil(_ events: Poller.Events, timeoutMs: Int) throws {
        var poller = Poller()
        poller.add(self, events: events)
        _ = try poller.poll(timeoutMs: timeoutMs)
    }
}
