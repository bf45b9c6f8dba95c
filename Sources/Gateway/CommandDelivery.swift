import Codecs
import Foundation
import Logging
import NIOCore
import TrackwireProtocol
import TrackwireRuntime
import ZMQ

/// Delivers `cmd.<device>` messages to the device's session, if this gateway holds it: encodes
/// them with the device's codec on the session's event loop and writes them. Runs its SUB socket on
/// a dedicated thread.
struct CommandDelivery {
    let context: StageContext
    let endpoints: String
    let registry: SessionRegistry

    /// Receives until `stop` is set or the context shuts down.
    func run(stop: @escaping @Sendable () -> Bool) async throws {
        let socket = try context.socket(.sub, endpoints: endpoints) {
            $0.subscriptions = ["cmd."]
            $0.receiveTimeoutMs = 200
        }
        try await DedicatedThread.run(name: "gateway-commands") { [self] in
            defer { socket.close() }
            while !stop() {
                do {
                    guard let parts = try socket.receive(wait: true) else { continue }
                    deliver(parts)
                } catch let error as ZMQError where error.isTerminated {
                    return
                }
            }
        }
    }

    private func deliver(_ parts: [[UInt8]]) {
        guard let envelope = Envelope(frames: parts), let command = try? envelope.decode(Command.self) else {
            return outcome("bad_message")
        }
        guard let handle = registry.session(of: command.deviceID) else { return outcome("unknown_device") }
        guard let encoder = handle.codec as? any CommandEncoding else { return outcome("unsupported") }
        let bytes: [UInt8]
        do {
            bytes = try encoder.encode(command, context: handle.context)
        } catch {
            context.logger.warning("command not encodable", metadata: ["device": "\(command.deviceID)", "type": "\(command.type)", "error": "\(error)"])
            return outcome("unsupported")
        }
        let channel = handle.channel
        let remote = handle.remote
        channel.eventLoop.execute {
            let buffer = channel.allocator.buffer(bytes: bytes)
            if let remote {
                channel.writeAndFlush(AddressedEnvelope(remoteAddress: remote, data: buffer), promise: nil)
            } else {
                channel.writeAndFlush(buffer, promise: nil)
            }
        }
        context.logger.info("command sent", metadata: ["device": "\(command.deviceID)", "type": "\(command.type)", "bytes": "\(bytes.count)"])
        outcome("sent")
    }

    private func outcome(_ result: String) {
        context.counters.counter("commands", labels: [("result", result)]).increment()
    }
}
