import Foundation
import TestSupport
import TrackwireProtocol
import ZMQ

/// A real pipeline on free ports: tw-bus, one tw-gateway and `decoders` tw-decoders, plus a tap on
/// the broadcast channel and a puller on the store queue standing in for storage.
final class PipelineHarness {
    let base = FreePorts.consecutiveBase()
    let bus: TrackwireProcess
    let gateway: TrackwireProcess
    let decoders: [TrackwireProcess]
    let zmq: Context
    let tap: Socket
    let storeQueue: Socket
    let commands: Socket
    let devicePorts: [String: Int]

    init(decoders count: Int, listeners: [(String, String)]) throws {
        let base = self.base
        bus = try TrackwireProcess.bus(base: base)
        var ports: [String: Int] = [:]
        for (name, _) in listeners where ports[name] == nil { ports[name] = FreePorts.one() }
        devicePorts = ports
        let listen = listeners.map { "\($0.0):\($0.1):\(ports[$0.0]!)" }.joined(separator: ",")
        gateway = try TrackwireProcess("tw-gateway", ["--bus", "127.0.0.1:\(base)", "--listen", listen, "--listen-host", "127.0.0.1", "--http", "off", "--instance", "gw-\(base)", "--ack", "receipt"])
        decoders = try (0..<count).map { index in
            try TrackwireProcess("tw-decoder", ["--bus", "127.0.0.1:\(base)", "--http", "off", "--instance", "dec\(index)-\(base)"])
        }
        zmq = try Context()
        let options = SocketOptions().with { $0.lingerMs = 0 }
        tap = try zmq.socket(.sub, options: options.with { $0.subscriptions = ["pos.", "evt.", "hb.decoder."] })
        try tap.connect("tcp://127.0.0.1:\(base + 1)")
        storeQueue = try zmq.socket(.pull, options: options)
        try storeQueue.connect("tcp://127.0.0.1:\(base + 5)")
        commands = try zmq.socket(.pub, options: options)
        try commands.connect("tcp://127.0.0.1:\(base)")
        for listener in listeners { _ = gateway.waitFor("\(listener.0):\(listener.1):", timeout: 20) }
    }

    deinit {
        for process in decoders + [gateway, bus] { _ = process.stop() }
        for socket in [tap, storeQueue, commands] { socket.close() }
        zmq.terminate()
    }

    /// Messages from a socket until `until` says stop or `timeout` passes.
    func collect(_ socket: Socket, timeout: TimeInterval = 10, until done: ([Envelope]) -> Bool) throws -> [Envelope] {
        var out: [Envelope] = []
        let deadline = Date().addingTimeInterval(timeout)
        var poller = Poller()
        poller.add(socket)
        while !done(out) && Date() < deadline {
            guard try poller.poll(timeoutMs: 100)[0].contains(.readable) else { continue }
            while let parts = try socket.receive(wait: false) {
                out += Envelope.pairs(frames: parts) ?? []
            }
        }
        return out
    }
}
