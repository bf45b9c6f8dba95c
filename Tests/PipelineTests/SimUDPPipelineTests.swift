import Codecs
import Foundation
import TestSupport
import Testing
import TrackwireProtocol
import TrackwireTesting

/// `tw sim` over UDP: Teltonika and CalAmp devices send one datagram per message to the real
/// gateway, their positions reach the bus, the reply datagrams ack them and the ledger records
/// what was acked; a datagram whose ack is withheld is sent again after `--ack-timeout`.
@Suite struct SimUDPPipelineTests {
    static let idBase = 862_000_000_000_000

    @Test func udpTeltonikaAndCalAmpDevices_reachTheBus_andTheirAcksFillTheLedger() async throws {
        let pipeline = try await PipelineHarness(decoders: 1, listeners: [("teltonika", "udp"), ("calamp", "udp")])
        _ = try pipeline.tap.collect(timeout: .seconds(20)) { $0.contains { $0.topic.hasPrefix("hb.decoder.") } }
        let ledger = FileManager.default.temporaryDirectory.appendingPathComponent("tw-sim-udp-\(getpid()).ledger")
        defer { try? FileManager.default.removeItem(at: ledger) }
        let sim = try ChildProcess(trackwire: "tw", [
            "sim", "--devices", "4", "--protocols", "teltonika/udp,calamp", "--rate", "2", "--duration", "5s", "--json",
            "--port", "teltonika=\(pipeline.devicePorts["teltonika"]!)", "--port", "calamp=\(pipeline.devicePorts["calamp"]!)",
            "--id-base", String(Self.idBase), "--area", "48.137,11.575,5", "--ledger", ledger.path,
        ])
        let devices = (0..<4).map { String(Self.idBase + $0) }
        let positions = try pipeline.tap.collect(timeout: .seconds(30)) { envelopes in
            Set(envelopes.filter { $0.topic.hasPrefix("pos.") }.compactMap { try? $0.decode(Position.self).deviceID }).isSuperset(of: devices)
        }.filter { $0.topic.hasPrefix("pos.") }.compactMap { try? $0.decode(Position.self) }
        for (index, device) in devices.enumerated() {
            let mine = positions.filter { $0.deviceID == device }
            #expect(!mine.isEmpty && mine.allSatisfy { $0.protocol == (index % 2 == 0 ? "teltonika" : "calamp") }, "\(device): \(mine.count) positions")
            #expect(mine.allSatisfy { abs($0.latitude - 48.137) < 0.06 && abs($0.longitude - 11.575) < 0.09 })
        }

        let summary = try await SimPipelineTests.summary(of: sim)
        let perProtocol = try #require(summary["protocols"] as? [String: [String: Any]])
        for entry in ["teltonika/udp", "calamp"] {
            let counts = try #require(perProtocol[entry], "\(perProtocol.keys)")
            #expect((counts["sent"] as? Int ?? 0) > 0 && counts["acked"] as? Int == counts["sent"] as? Int, "\(entry): \(counts)")
            #expect(counts["acks"] as? String == "reply")
        }
        let lines = try String(contentsOf: ledger, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == summary["acked"] as? Int, "every acked position is in the ledger once")
        #expect(Set(lines.map { String($0.split(separator: ",")[0]) }) == Set(devices))
    }

    @Test func aDatagramWhoseAckIsWithheld_isSentAgain_andItsAckCountsOnce() async throws {
        let server = try DatagramServer()
        let ledger = FileManager.default.temporaryDirectory.appendingPathComponent("tw-sim-udp-resend-\(getpid()).ledger")
        defer { try? FileManager.default.removeItem(at: ledger) }
        let sim = try ChildProcess(trackwire: "tw", [
            "sim", "--devices", "1", "--protocols", "teltonika/udp", "--port", "teltonika=\(server.port)", "--rate", "1",
            "--ack-timeout", "1s", "--duration", "4s", "--drain", "3s", "--json", "--ledger", ledger.path,
        ])
        let codec = TeltonikaCodec()
        let first = try #require(server.receive(timeout: 10), "no datagram from the device")
        let again = try #require(server.receive(timeout: 5, matching: { $0 == first }), "the unacked datagram was not sent again")
        let ack = try #require(codec.examine(again, context: SessionContext(transport: .udp)).reply)
        server.reply(ack)
        server.reply(ack)  // a late duplicate acknowledges nothing more
        while let datagram = server.receive(timeout: 3) {
            if let reply = codec.examine(datagram, context: SessionContext(transport: .udp)).reply { server.reply(reply) }
        }
        let summary = try await SimPipelineTests.summary(of: sim)
        #expect((summary["resent"] as? Int ?? 0) >= 1 && (summary["ack_timeouts"] as? Int ?? 0) >= 1, "\(summary)")
        let lines = try String(contentsOf: ledger, encoding: .utf8).split(separator: "\n")
        #expect(!lines.isEmpty && lines.count == summary["acked"] as? Int && Set(lines).count == lines.count, "\(lines)")
    }
}

/// A UDP socket on a free loopback port that plays the gateway: receives datagrams and answers
/// the peer of the last one.
final class DatagramServer {
    private let fd: Int32
    let port: Int
    private var peer = sockaddr_storage()
    private var peerLength = socklen_t(0)

    init() throws {
        let fd = socket(AF_INET, Int32(SOCK_DGRAM.rawValue), 0)
        guard LoopbackAddress.with(port: 0, { bind(fd, $0, $1) }) == 0 else {
            close(fd)
            throw POSIXError(.EADDRINUSE)
        }
        var address = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) } }
        self.fd = fd
        port = Int(UInt16(bigEndian: address.sin_port))
    }

    deinit { close(fd) }

    /// The next datagram (that `matching` accepts) within `timeout` seconds.
    func receive(timeout: Double, matching: ([UInt8]) -> Bool = { _ in true }) -> [UInt8]? {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, Int32(max(1, deadline.timeIntervalSinceNow * 1000))) > 0 else { continue }
            var buffer = [UInt8](repeating: 0, count: 65_536)
            peerLength = socklen_t(MemoryLayout<sockaddr_storage>.size)
            let count = buffer.withUnsafeMutableBytes { bytes in
                withUnsafeMutablePointer(to: &peer) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { recvfrom(fd, bytes.baseAddress, bytes.count, 0, $0, &peerLength) } }
            }
            if count > 0, matching(Array(buffer.prefix(count))) { return Array(buffer.prefix(count)) }
        }
        return nil
    }

    /// Sends `bytes` to the peer of the last datagram.
    func reply(_ bytes: [UInt8]) {
        _ = bytes.withUnsafeBytes { data in
            withUnsafePointer(to: &peer) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { sendto(fd, data.baseAddress, data.count, 0, $0, peerLength) } }
        }
    }
}
