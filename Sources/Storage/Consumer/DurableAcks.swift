import TrackwireProtocol

/// The `ack.<gateway>` messages a commit earns: per (gateway, session), the highest sequence among
/// the committed positions' frames. Duplicates count too: they were already durable.
enum DurableAcks {
    static func of(_ positions: [Position]) -> [Ack] {
        var acks: [SessionKey: Ack] = [:]
        for position in positions where !position.frame.gatewayID.isEmpty {
            let frame = position.frame
            let key = SessionKey(gateway: frame.gatewayID, session: frame.sessionID)
            var ack = acks[key] ?? .with {
                $0.gatewayID = frame.gatewayID
                $0.sessionID = frame.sessionID
            }
            if frame.sequence >= ack.sequence {
                ack.sequence = frame.sequence
                ack.deviceID = position.deviceID
            }
            ack.positions += 1
            acks[key] = ack
        }
        return acks.values.sorted { ($0.gatewayID, $0.sessionID) < ($1.gatewayID, $1.sessionID) }
    }

    private struct SessionKey: Hashable {
        let gateway: String
        let session: UInt64
    }
}
