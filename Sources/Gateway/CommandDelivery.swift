import Codecs
import Foundation
import Logging
import NIOCore
import TrackwireProtocol
import TrackwireRuntime
import ZMQ

/// Delivers `cmd.<device>` messages to the device's session, if this gateway holds it: encodes
/// them with the device's codec on the session's event loop and writes them, then reports the
/// command `sent` to storage (a `cmd.<device>` on the store queue, from that loop's sink).
struct CommandDelivery {
    let context: StageContext
    let registry: SessionRegistry
    /// Where `sent` reports go; `nil` in tests that only look at the counters.
    var sinks: FrameSinks?

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
        let sinks = self.sinks
        var report = command
        report.status = "sent"
        report.gatewayID = context.instance
        report.updatedMs = Int64(Date().timeIntervalSince1970 * 1000)
        let counters = context.counters
        channel.eventLoop.execute {
            let buffer = channel.allocator.buffer(bytes: bytes)
            if let remote {
                channel.writeAndFlush(AddressedEnvelope(remoteAddress: remote, data: buffer), promise: nil)
            } else {
                channel.writeAndFlush(buffer, promise: nil)
            }
            if let sinks, !command.id.isEmpty, !sinks.sink(for: channel.eventLoop).report(report) {
                counters.counter("command_reports_dropped").increment()
            }
        }
        context.logger.info("command sent", metadata: ["device": "\(command.deviceID)", "type": "\(command.type)", "bytes": "\(bytes.count)"])
        outcome("sent")
    }

    private func outcome(_ result: String) {
        context.counters.counter("commands", labels: [("result", result)]).increment()
    }
}
