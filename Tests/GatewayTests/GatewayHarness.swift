import Foundation
import TestSupport
import TrackwireProtocol
import ZMQ

/// A real `tw-gateway` wired straight to sockets the test binds (no bus: wiring stages directly is
/// just configuration), with its device ports and metrics on free local ports. No storage
/// confirms commits here, so it acks on receipt unless `extra` says `--ack`.
final class GatewayHarness {
    let zmq: Context
    let frames: Socket
    let broadcast: Socket
    let store: Socket
    let commands: Socket
    let gateway: TrackwireProcess
    let ports: [String: Int]
    let metricsPort = FreePorts.one()

    /// `framesEndpoint` is where the test binds the frames PULL (tcp by default; ipc has far
    /// smaller kernel buffers, for back-pressure tests).
    /// `framesHighWaterMark` bounds the test's own frames queue (libzmq's default is far larger).
    init(listeners: [(String, String)], extra: [String] = [], framesEndpoint: String = "tcp://127.0.0.1:*",
         framesHighWaterMark: Int32 = 10_000) throws {
        zmq = try Context()
        let options = SocketOptions().with { $0.lingerMs = 0 }
        frames = try zmq.socket(.pull, options: options.with { $0.receiveHighWaterMark = framesHighWaterMark })
        try frames.bind(framesEndpoint)
        broadcast = try zmq.socket(.sub, options: options.with { $0.subscriptions = [""] })
        try broadcast.bind("tcp://127.0.0.1:*")
        store = try zmq.socket(.pull, options: options)
        try store.bind("tcp://127.0.0.1:*")
        commands = try zmq.socket(.pub, options: options)
        try commands.bind("tcp://127.0.0.1:*")
        var ports: [String: Int] = [:]
        for (name, _) in listeners where ports[name] == nil { ports[name] = FreePorts.one() }
        self.ports = ports
        let listen = listeners.map { "\($0.0):\($0.1):\(ports[$0.0]!)" }.joined(separator: ",")
        gateway = try TrackwireProcess("tw-gateway", [
            "--listen", listen, "--listen-host", "127.0.0.1", "--http", "127.0.0.1:\(metricsPort)",
            "--frames", ">" + frames.lastEndpoint, "--publish", ">" + broadcast.lastEndpoint,
            "--store", ">" + store.lastEndpoint, "--commands", ">" + commands.lastEndpoint,
            "--instance", "gw-test", "--bus", "127.0.0.1",
        ] + (extra.contains("--ack") ? [] : ["--ack", "receipt"]) + extra)
        for listener in listeners { _ = gateway.waitFor("\(listener.0):\(listener.1):", timeout: 15) }
    }

    deinit {
        _ = gateway.stop()
        for socket in [frames, broadcast, store, commands] { socket.close() }
        zmq.terminate()
    }

    /// The next message on a socket as an envelope, or nil after `timeoutMs`.
    func next(_ socket: Socket, timeoutMs: Int = 5_000) throws -> Envelope? {
        var poller = Poller()
        poller.add(socket)
        guard try poller.poll(timeoutMs: timeoutMs)[0].contains(.readable), let parts = try socket.receive(wait: false) else { return nil }
        return Envelope(frames: parts)
    }

    /// The first message on `socket` that `matches`, skipping others, or nil after `timeoutMs`.
    func nextMessage(on socket: Socket, timeoutMs: Int = 5_000, where matches: (Envelope) -> Bool) throws -> Envelope? {
        let deadline = Date().addingTimeInterval(Double(timeoutMs) / 1000)
        while Date() < deadline {
            guard let message = try next(socket, timeoutMs: max(1, Int(deadline.timeIntervalSinceNow * 1000))) else { return nil }
            if matches(message) { return message }
        }
        return nil
    }

    /// The next frame pushed to decoders.
    func nextFrame() throws -> Frame? { try next(frames).flatMap { try? $0.decode(Frame.self) } }

    /// Sum of a counter's samples whose labels contain every given fragment.
    func counter(_ name: String, _ fragments: String...) -> Double { sum(name, fragments) }

    private func sum(_ name: String, _ fragments: [String]) -> Double {
        PrometheusScrape(port: metricsPort).sum(name, fragments)
    }

    /// Waits until a counter reaches at least `value`.
    func waitForCounter(_ name: String, _ fragments: String..., atLeast value: Double, timeout: TimeInterval = 5) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if sum(name, fragments) >= value { return true }
            Thread.sleep(forTimeInterval: 0.05)
        }
        return false
    }
}

/// Real captures chosen by what their notes say.
enum GatewayCaptures {
    /// A GT06 login with its derived ack.
    static var gt06Login: Capture { Captures.of("gt06").first { $0.note.contains("server reply: login") && $0.note.contains("CRC-16/X-25 over bytes[2:-4] OK") }! }
    /// GT06 position frames with valid CRCs and derived acks.
    static var gt06Positions: [Capture] {
        Captures.of("gt06").filter {
            $0.expectation.check == .position && $0.note.contains("OK (") && $0.expectation.derivedReply != nil && $0.bytes[3] == 0x12
        }
    }
}
