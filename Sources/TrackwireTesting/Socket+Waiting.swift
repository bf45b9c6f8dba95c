import Foundation
import TrackwireProtocol
import ZMQ

extension Socket {
    /// The next message within `timeoutMs`, or `nil`. Blocking.
    public func receive(timeoutMs: Int) throws -> [[UInt8]]? {
        if let message = try receive(wait: false) { return message }
        var poller = Poller()
        poller.add(self)
        guard try poller.poll(timeoutMs: timeoutMs)[0].contains(.readable) else { return nil }
        return try receive(wait: false)
    }

    /// The next message within `timeoutMs` as an envelope, or `nil` (also for a message that is
    /// not one). Blocking.
    public func receiveEnvelope(timeoutMs: Int = 5_000) throws -> Envelope? {
        try receive(timeoutMs: timeoutMs).flatMap(Envelope.init(frames:))
    }

    /// The next message's topic/body pairs within `timeoutMs` (a store-queue message holds all
    /// one device frame became), or `nil`. Blocking.
    public func receiveEnvelopes(timeoutMs: Int = 5_000) throws -> [Envelope]? {
        try receive(timeoutMs: timeoutMs).flatMap(Envelope.pairs(frames:))
    }

    /// Envelopes received (every pair of each message) until `done` holds for what arrived so far or `timeout` passes; the
    /// caller checks `done` again to tell the two apart. Blocking.
    public func collect(timeout: Duration = .seconds(10), until done: ([Envelope]) throws -> Bool) throws -> [Envelope] {
        var out: [Envelope] = []
        let deadline = Deadline(after: timeout)
        while try !done(out), !deadline.hasPassed {
            guard let first = try receiveEnvelopes(timeoutMs: deadline.remainingMilliseconds(cap: 100)) else { continue }
            out += first
            while let parts = try receive(wait: false) {
                out += Envelope.pairs(frames: parts) ?? []
            }
        }
        return out
    }

    /// Sends `envelope` every `intervalMs` until `done()` says stop or `timeout` passes; whether
    /// `done()` said so. For pub/sub, whose first copies go nowhere until the subscription has
    /// reached the publisher (the slow joiner). Blocking.
    @discardableResult
    public func publishRepeatedly(
        _ envelope: Envelope, intervalMs: Int = 50, timeout: Duration = .seconds(10), until done: () throws -> Bool
    ) throws -> Bool {
        try publishRepeatedly(frames: envelope.frames, intervalMs: intervalMs, timeout: timeout, until: done)
    }

    /// `publishRepeatedly` for a message of any frames.
    @discardableResult
    public func publishRepeatedly(
        frames: [[UInt8]], intervalMs: Int = 50, timeout: Duration = .seconds(10), until done: () throws -> Bool
    ) throws -> Bool {
        let deadline = Deadline(after: timeout)
        while !deadline.hasPassed {
            if try done() { return true }
            try send(frames, wait: false)
            usleep(UInt32(min(intervalMs, deadline.remainingMilliseconds()) * 1000))
        }
        return try done()
    }
}
