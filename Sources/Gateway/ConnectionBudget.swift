import NIOCore
import Synchronization

/// The `ConnectionLedger` of a whole gateway (every listener, every event loop), with the
/// channels of unidentified connections so the oldest can be evicted from any loop.
final class ConnectionBudget: Sendable {
    private struct State {
        var ledger: ConnectionLedger
        var unidentified: [UInt64: any Channel] = [:]
    }

    private let state: Mutex<State>

    /// Sent to the pipeline of an unidentified connection evicted to make room for a newer one.
    struct Evicted: Sendable {}

    init(perAddress: Int, unidentified: Int) {
        state = Mutex(State(ledger: ConnectionLedger(perAddress: perAddress, unidentified: unidentified)))
    }

    /// Unidentified connections open now, for the gauge.
    var unidentifiedCount: Int { state.withLock { $0.ledger.unidentifiedCount } }

    /// Admits a TCP or HTTP connection (still unidentified), evicting the oldest unidentified one
    /// if the budget is spent; `false` when its address has no room left.
    func open(session: UInt64, host: String, channel: any Channel) -> Bool {
        let (admitted, evicted) = state.withLock { state -> (Bool, (any Channel)?) in
            guard case .admit(let evicting) = state.ledger.open(session: session, host: host) else { return (false, nil) }
            state.unidentified[session] = channel
            return (true, evicting.flatMap { state.unidentified.removeValue(forKey: $0) })
        }
        evicted?.pipeline.fireUserInboundEventTriggered(Evicted())
        return admitted
    }

    /// Admits a UDP peer (datagrams name their device in each frame; only the address counts).
    func openPeer(session: UInt64, host: String) -> Bool {
        state.withLock { $0.ledger.open(session: session, host: host, unidentified: false) == .admit(evicting: nil) }
    }

    func identified(session: UInt64) {
        state.withLock {
            $0.ledger.identified(session: session)
            $0.unidentified[session] = nil
        }
    }

    func close(session: UInt64, host: String) {
        state.withLock {
            $0.ledger.close(session: session, host: host)
            $0.unidentified[session] = nil
        }
    }
}
