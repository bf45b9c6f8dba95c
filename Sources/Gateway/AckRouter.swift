import TrackwireProtocol
import TrackwireRuntime

/// Hands storage's `ack.<gateway>` confirmations to the sessions that hold the frames, each on its
/// own event loop. A malformed ack, one for another gateway (the `ack.<id>` prefix also matches
/// longer ids) or for a session this gateway no longer holds is counted and ignored: it never
/// acks anything else.
struct AckRouter {
    let gatewayID: String
    let registry: SessionRegistry
    let counters: StageCounters

    /// Routes one received `ack.*` message.
    func route(_ parts: [[UInt8]]) {
        guard let envelope = Envelope(frames: parts), let ack = try? envelope.decode(Ack.self) else {
            return counters.counter("acks_ignored", labels: [("reason", "bad_message")]).increment()
        }
        guard ack.gatewayID == gatewayID else {
            return counters.counter("acks_ignored", labels: [("reason", "other_gateway")]).increment()
        }
        var bySession: [UInt64: [UInt64]] = [:]
        for frame in ack.frames { bySession[frame.sessionID, default: []].append(frame.sequence) }
        for (session, target) in registry.ackTargets(of: bySession.keys) {
            guard let target else {
                counters.counter("acks_ignored", labels: [("reason", "unknown_session")]).increment(by: bySession[session]!.count)
                continue
            }
            target.confirm(bySession[session]!.sorted())
        }
    }
}
