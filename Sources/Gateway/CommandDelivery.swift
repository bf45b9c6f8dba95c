import Codecs
import Foundation
import Logging
import NIOCore
import TrackwireProtocol
import TrackwireRuntime
import ZMQ

/// Delivers `cmd.<device>` messages to the device's session, if this gateway holds it: encodes
/// them with the device's codec on the session's event loop and writes them, then reports the
/// command to storage (a `cmd.<device>` on the store queue, from that loop's sink): `sent` once
/// the write completed, `failed` with the reason when the codec cannot encode it for this device
/// or the write fails (docs/commands.md).
struct CommandDelivery {
    let context: StageContext
    let registry: SessionRegistry
    /// Where status reports go; `nil` in tests that only look at the counters.
    var sinks: FrameSinks?

    /// Delivers one received `cmd.*` message.
    func deliver(_ parts: [[UInt8]]) {
        guard let envelope = Envelope(frames: parts), let command = try? envelope.decode(Command.self) else {
            return outcome("bad_message")
        }
        guard let handle = registry.session(of: command.deviceID) else { return outcome("unknown_device") }
        let bytes: [UInt8]
        do {
            guard let encoder = handle.codec as? any CommandEncoding else {
                throw CommandError("the \(handle.codec.descriptor.name) codec encodes no commands")
            }
            bytes = try encoder.encode(command, context: handle.context)
        } catch {
            context.logger.warning("command not encodable", metadata: ["device": "\(command.deviceID)", "type": "\(command.type)", "error": "\(error)"])
            let channel = handle.channel
            channel.eventLoop.execute { report(command, status: "failed", result: "not encodable: \(error)", loop: channel.eventLoop) }
            return outcome("unsupported")
        }
        write(command, bytes: bytes, to: handle)
        context.logger.info("command sent", metadata: ["device": "\(command.deviceID)", "type": "\(command.type)", "bytes": "\(bytes.count)"])
        outcome("sent")
    }

    /// Writes on the session's event loop; reports `sent` when the write completed, `failed` when it did not.
    private func write(_ command: Command, bytes: [UInt8], to handle: SessionHandle) {
        let channel = handle.channel
        let remote = handle.remote
        let delivery = self
        channel.eventLoop.execute {
            let buffer = channel.allocator.buffer(bytes: bytes)
            let written = channel.eventLoop.makePromise(of: Void.self)
            written.futureResult.whenComplete { result in
                switch result {
                case .success:
                    delivery.report(command, status: "sent", result: "", loop: channel.eventLoop)
                case .failure(let error):
                    delivery.outcome("write_failed")
                    delivery.report(command, status: "failed", result: "write failed: \(error)", loop: channel.eventLoop)
                }
            }
            if let remote {
                channel.writeAndFlush(AddressedEnvelope(remoteAddress: remote, data: buffer), promise: written)
            } else {
                channel.writeAndFlush(buffer, promise: written)
            }
        }
    }

    /// Queues a status report for storage; call on `loop`, whose sink it uses.
    private func report(_ command: Command, status: String, result: String, loop: any EventLoop) {
        guard let sinks, !command.id.isEmpty else { return }
        var report = command
        report.status = status
        report.result = result
        report.gatewayID = context.instance
        report.updatedMs = Int64(Date().timeIntervalSince1970 * 1000)
        if !sinks.sink(for: loop).report(report) { context.counters.counter("command_reports_dropped").increment() }
    }

    private func outcome(_ result: String) {
        context.counters.counter("commands", labels: [("result", result)]).increment()
    }
}
