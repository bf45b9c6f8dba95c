import TrackwireProtocol

/// The `ack.<gateway>` confirmations a commit earns: one per gateway, listing every frame whose
/// ack request the committed batch carried (in the order they arrived). A request travels in the
/// same store-queue message as the records of its frame, so the commit that made the request
/// durable made those records durable too.
enum DurableAcks {
    static func confirming(_ requests: [Ack]) -> [Ack] {
        var byGateway: [String: Ack] = [:]
        var order: [String] = []
        for request in requests {
            if byGateway[request.gatewayID] == nil {
                order.append(request.gatewayID)
                byGateway[request.gatewayID] = .with { $0.gatewayID = request.gatewayID }
            }
            byGateway[request.gatewayID]!.frames.append(.with {
                $0.sessionID = request.sessionID
                $0.sequence = request.sequence
            })
            byGateway[request.gatewayID]!.positions += request.positions
        }
        return order.compactMap { byGateway[$0] }
    }
}
