import Codecs
import Foundation
import Logging
import NIOCore
import TrackwireProtocol
import TrackwireRuntime
import ZMQ

/// Delivers `cmd.<device>` messages to the device's session, if this gateway holds it: encodes
/// them with the device's codec on the session's event loop and writes them.
struct CommandDelivery {
    let context: StageContext
    let registry: SessionRegistry

    /// Delivers one received `cmd.*` message.
    func deliver(_ parts: [[UInt8]]) {
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
