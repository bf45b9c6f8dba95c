import NIOCore

/// What a TCP or HTTP connection holds of the gateway's connection budgets.
enum ConnectionSlot {
    /// Nothing: refused at once (or not opened yet).
    case none
    /// One of `--max-unidentified`, and one of its address's `--max-connections-per-address`.
    case unidentified
    /// One of `--max-connections`, and one of its address's.
    case device
}

extension ListenerContext {
    /// A TCP or HTTP connection opened: `.unidentified` if it may stay, `.none` when it must be
    /// closed at once (its address is throttled or has too many connections; counted and rejected).
    /// May evict the oldest unidentified connection (`ConnectionBudget.Evicted`).
    func admit(_ session: DeviceSession, channel: any Channel) -> ConnectionSlot {
        counters.connections.increment()
        if limits.admission.isThrottled(session.remoteAddress, nowMs: Self.nowMs()) {
            refuse("admission_throttled", session: session, on: channel.eventLoop)
            return .none
        }
        guard budget.open(session: session.sessionID, host: DeviceAdmission.host(session.remoteAddress), channel: channel) else {
            refuse("address_limit", session: session, on: channel.eventLoop)
            return .none
        }
        return .unidentified
    }

    /// The connection's session has just named its device: it counts as a device from now on;
    /// `false` (counted) when `--max-connections` devices are already connected.
    func promote(_ session: DeviceSession, slot: inout ConnectionSlot, on loop: any EventLoop) -> Bool {
        guard slot == .unidentified else { return slot == .device }
        budget.identified(session: session.sessionID)
        slot = .device
        guard openConnections.wrappingIncrementThenLoad(ordering: .relaxed) <= limits.maxConnections else {
            refuse("max_connections", session: session, on: loop)
            return false
        }
        return true
    }

    /// The connection closed: gives back what its slot held.
    func release(_ session: DeviceSession, slot: ConnectionSlot) {
        guard slot != .none else { return }
        if slot == .device { openConnections.wrappingDecrement(ordering: .relaxed) }
        budget.close(session: session.sessionID, host: DeviceAdmission.host(session.remoteAddress))
    }

    /// An unidentified connection closed to make room for a newer one (counted and rejected).
    func evicted(_ session: DeviceSession, on loop: any EventLoop) {
        refuse("unidentified_evicted", session: session, on: loop)
    }
}
