import TrackwireProtocol
import TrackwireRuntime
import ZMQ

/// The gateway's one subscriber on the broadcast channel, on a dedicated thread: `cmd.*`
/// downlink commands for the devices it holds, and (durable-ack mode) storage's `ack.<gateway>`
/// confirmations.
struct GatewayInbox {
    let context: StageContext
    let endpoints: String
    let commands: CommandDelivery
    let acks: AckRouter?

    /// Receives until `stop` is set or the context shuts down.
    func run(stop: @escaping @Sendable () -> Bool) async throws {
        let ackPrefix = Topic.ack(gateway: context.instance)
        let socket = try context.socket(.sub, endpoints: endpoints) {
            $0.subscriptions = ["cmd."] + (acks == nil ? [] : [ackPrefix])
            $0.receiveTimeoutMs = 200
        }
        try await DedicatedThread.run(name: "gateway-inbox") { [self] in
            defer { socket.close() }
            while !stop() {
                do {
                    guard let parts = try socket.receive(wait: true) else { continue }
                    if let acks, parts.first?.starts(with: Array("ack.".utf8)) == true {
                        acks.route(parts)
                    } else {
                        commands.deliver(parts)
                    }
                } catch let error as ZMQError where error.isTerminated {
                    return
                }
            }
        }
    }
}
