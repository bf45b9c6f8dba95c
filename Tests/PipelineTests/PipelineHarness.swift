import Foundation
import TrackwireProtocol
import TrackwireTesting
import ZMQ

/// A real pipeline on free ports: tw-bus, one tw-gateway and `decoders` tw-decoders, plus a tap on
/// the broadcast channel and a puller on the store queue standing in for storage.
final class PipelineHarness {
    let bus: BusProcess
    let gateway: ChildProcess
    let decoders: [ChildProcess]
    let sockets: TestSockets
    let tap: Socket
    let storeQueue: Socket
    let commands: Socket
    let devicePorts: [String: Int]

    /// Starts every process, each once the one before it is ready.
    init(decoders count: Int, listeners: [(String, String)]) async throws {
        let bus = try await BusProcess.start()
        self.bus = bus
        var ports: [String: Int] = [:]
        for (name, _) in listeners where ports[name] == nil { ports[name] = FreePorts.one() }
        devicePorts = ports
        let listen = listeners.map { "\($0.0):\($0.1):\(ports[$0.0]!)" }.joined(separator: ",")
        gateway = try await ChildProcess.start("tw-gateway", [
            "--bus", bus.address, "--listen", listen, "--listen-host", "127.0.0.1", "--http", "off", "--instance", "gw-\(bus.base)", "--ack", "receipt",
        ], ready: listeners.map { .logLine("listening", "listener=\($0.0):\($0.1):\(ports[$0.0]!)") })
        var decoders: [ChildProcess] = []
        for index in 0..<count {
            decoders.append(try await ChildProcess.start("tw-decoder", [
                "--bus", bus.address, "--http", "off", "--instance", "dec\(index)-\(bus.base)",
            ], ready: [.logLine("decoder up")]))
        }
        self.decoders = decoders
        sockets = try TestSockets()
        tap = try sockets.connect(.sub, bus.broadcastOut) { $0.subscriptions = ["pos.", "evt.", "hb.decoder."] }
        storeQueue = try sockets.connect(.pull, bus.endpoint(.storeOut))
        commands = try sockets.connect(.pub, bus.broadcastIn)
    }

    deinit {
        for process in decoders + [gateway] { process.stop() }
        bus.stop()
    }
}
