import Foundation
import TestSupport
import TrackwireProtocol
import TrackwireTesting
import ZMQ

/// A real `tw-gateway` wired straight to sockets the test binds (no bus: wiring stages directly is
/// just configuration), with its device ports and metrics on free local ports. No storage
/// confirms commits here, so it acks on receipt unless `extra` says `--ack`.
final class GatewayHarness {
    let sockets: TestSockets
    let frames: Socket
    let broadcast: Socket
    let store: Socket
    let commands: Socket
    let gateway: ChildProcess
    let ports: [String: Int]
    let metricsPort = FreePorts.one()

    /// Starts the gateway and waits until every listener is up. `framesEndpoint` is where the test
    /// binds the frames PULL (tcp by default; ipc has far smaller kernel buffers, for back-pressure
    /// tests); `framesHighWaterMark` bounds the test's own frames queue (libzmq's default is far larger).
    init(listeners: [(String, String)], extra: [String] = [], framesEndpoint: String = "tcp://127.0.0.1:*",
         framesHighWaterMark: Int32 = 10_000) async throws {
        sockets = try TestSockets()
        frames = try sockets.bind(.pull, framesEndpoint) { $0.receiveHighWaterMark = framesHighWaterMark }
        broadcast = try sockets.bind(.sub, "tcp://127.0.0.1:*") { $0.subscriptions = [""] }
        store = try sockets.bind(.pull, "tcp://127.0.0.1:*")
        commands = try sockets.bind(.pub, "tcp://127.0.0.1:*")
        var ports: [String: Int] = [:]
        for (name, _) in listeners where ports[name] == nil { ports[name] = FreePorts.one() }
        self.ports = ports
        let listen = listeners.map { "\($0.0):\($0.1):\(ports[$0.0]!)" }.joined(separator: ",")
        gateway = try await ChildProcess.start("tw-gateway", [
            "--listen", listen, "--listen-host", "127.0.0.1", "--http", "127.0.0.1:\(metricsPort)",
            "--frames", ">" + frames.lastEndpoint, "--publish", ">" + broadcast.lastEndpoint,
            "--store", ">" + store.lastEndpoint, "--commands", ">" + commands.lastEndpoint,
            "--instance", "gw-test", "--bus", "127.0.0.1",
        ] + (extra.contains("--ack") ? [] : ["--ack", "receipt"]) + extra,
            ready: listeners.map { .logLine("listening", "listener=\($0.0):\($0.1):\(ports[$0.0]!)") })
    }

    deinit { gateway.stop() }

    /// The next message on a socket as an envelope, or nil after `timeoutMs`.
    func next(_ socket: Socket, timeoutMs: Int = 5_000) throws -> Envelope? {
        try socket.receiveEnvelope(timeoutMs: timeoutMs)
    }

    /// The first message on `socket` that `matches`, skipping others, or nil after `timeoutMs`.
    func nextMessage(on socket: Socket, timeoutMs: Int = 5_000, where matches: (Envelope) -> Bool) throws -> Envelope? {
        let deadline = Deadline(after: .milliseconds(timeoutMs))
        while !deadline.hasPassed {
            guard let message = try next(socket, timeoutMs: deadline.remainingMilliseconds()) else { return nil }
            if matches(message) { return message }
        }
        return nil
    }

    /// The next frame pushed to decoders.
    func nextFrame() throws -> Frame? { try next(frames).flatMap { try? $0.decode(Frame.self) } }

    /// Sum of a counter's samples whose labels contain every given fragment.
    func counter(_ name: String, _ fragments: String...) -> Double {
        PrometheusScrape(port: metricsPort).sum(name, fragments)
    }

    /// Waits until a counter reaches at least `value`.
    func waitForCounter(_ name: String, _ fragments: String..., atLeast value: Double, timeout: Duration = .seconds(5)) async -> Bool {
        await eventually(timeout: timeout) { PrometheusScrape(port: metricsPort).sum(name, fragments) >= value }
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
