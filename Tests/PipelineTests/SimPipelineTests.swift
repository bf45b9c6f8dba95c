import Codecs
import Foundation
import TestSupport
import Testing
import TrackwireProtocol
import TrackwireTesting
import ZMQ

/// `tw sim` against the real pipeline: simulated devices of every protocol reach the bus as
/// positions, and a device whose ack is withheld sends its position again.
@Suite struct SimPipelineTests {
    /// Every protocol with a simulated device, as the codecs' descriptors declare them.
    static let simulated = CodecRegistry.descriptors.compactMap { d in d.simulator.map { (descriptor: d, device: $0("127.0.0.1")) } }
    static let protocols = simulated.map(\.descriptor.name)
    /// The protocols whose servers answer a position (the others count it acked once written).
    static let ackingProtocols = Set(simulated.filter { $0.device.position(probe, imei: "0", sequence: 0).ack != nil }.map(\.descriptor.name))
    static let probe = SimFix(latitude: 0, longitude: 0, speedKmh: 0, courseDeg: 0, timeMs: 0, ignition: false)
    static let idBase = 861_000_000_000_000

    /// The id the bus carries for device `index` (its protocol's id for the IMEI: tk103 keeps the last 12 digits).
    static func deviceId(_ index: Int) -> String {
        simulated[index % simulated.count].device.deviceId(imei: String(idBase + index))
    }

    @Test func twentySimulatedDevices_ofEverySimulatedProtocol_reachTheBus() async throws {
        try #require(Self.protocols.count <= 20, "20 devices cover at most 20 protocols")
        let listeners = Self.simulated.map { ($0.descriptor.name, $0.descriptor.transports[0] == .http ? "http" : "tcp") }
        let pipeline = try await PipelineHarness(decoders: 1, listeners: listeners)
        _ = try pipeline.tap.collect(timeout: .seconds(20)) { $0.contains { $0.topic.hasPrefix("hb.decoder.") } }
        let ports = Self.protocols.flatMap { ["--port", "\($0)=\(pipeline.devicePorts[$0]!)"] }
        let sim = try ChildProcess(trackwire: "tw", [
            "sim", "--devices", "20", "--protocols", Self.protocols.joined(separator: ","), "--rate", "2", "--duration", "10s",
            "--heartbeat", "2s", "--id-base", String(Self.idBase), "--area", "48.137,11.575,5", "--json",
        ] + ports)
        let startMs = Int64(Date().timeIntervalSince1970 * 1000)
        // Ids may repeat across protocols: jt808 reports an IMEI's first 14 digits with their Luhn
        // digit, which is another simulated device's IMEI. A device is its id and its protocol.
        let devices = Set((0..<20).map { "\(Self.deviceId($0)) \(Self.protocols[$0 % Self.protocols.count])" })
        let positions = try pipeline.tap.collect(timeout: .seconds(40)) { envelopes in
            let seen = envelopes.filter { $0.topic.hasPrefix("pos.") }.compactMap { try? $0.decode(Position.self) }
            return Set(seen.map { "\($0.deviceID) \($0.protocol)" }).isSuperset(of: devices)
        }.filter { $0.topic.hasPrefix("pos.") }.compactMap { try? $0.decode(Position.self) }

        for position in positions {
            #expect(devices.contains("\(position.deviceID) \(position.protocol)"), "no \(position.protocol) device has the id \(position.deviceID)")
        }
        for index in 0..<20 {
            let name = Self.protocols[index % Self.protocols.count], id = Self.deviceId(index)
            let mine = positions.filter { $0.deviceID == id && $0.protocol == name }
            #expect(!mine.isEmpty, "\(name): no position on the bus for \(id)")
            for position in mine {
                #expect(abs(position.latitude - 48.137) < 0.06 && abs(position.longitude - 11.575) < 0.09, "\(name): \(position.latitude),\(position.longitude)")
                #expect((0...91).contains(position.speedKmh) && abs(position.fixTimeMs - startMs) < 60_000, "\(name): \(position)")
            }
        }

        let summary = try await Self.summary(of: sim)
        let perProtocol = try #require(summary["protocols"] as? [String: [String: Any]])
        for name in Self.protocols {
            let counts = try #require(perProtocol[name])
            #expect((counts["sent"] as? Int ?? 0) > 0 && (counts["acked"] as? Int ?? 0) > 0, "\(name): \(counts)")
            #expect(counts["acks"] as? String == (Self.ackingProtocols.contains(name) ? "reply" : "write"))
        }
        #expect(summary["final"] as? Bool == true && (summary["heartbeats_acked"] as? Int ?? 0) > 0)
    }

    @Test func aPositionWhoseAckIsWithheld_makesTheDeviceReconnect_andSendItAgain() async throws {
        let listener = try TestListener()
        let sim = try Self.simulateOneGT06(port: listener.port, ["--ack-timeout", "1s", "--duration", "6s"])
        // Ack the login but no position: after --ack-timeout the device hangs up (a resend on the
        // same connection would make identical acks ambiguous) and sends it again after logging in.
        var first = try #require(listener.accept(timeout: 20)) as AcceptedConnection?
        let withheld = try #require(Self.serve(first!) { frame, _ in !Self.isPosition(frame) } until: { $0.contains(where: Self.isPosition) }
            .first(where: Self.isPosition))
        let second = try #require(listener.accept(timeout: 20), "the device did not reconnect after its ack timed out")
        first = nil
        let frames = Self.serve(second) { _, _ in true } until: { $0.contains(withheld) }
        #expect(frames.first?[3] == 0x01 && frames.contains(withheld), "the withheld position was not sent again after the login")
        let summary = try await Self.summary(of: sim)
        #expect((summary["resent"] as? Int ?? 0) >= 1 && (summary["ack_timeouts"] as? Int ?? 0) >= 1, "\(summary)")
    }

    @Test func positionsUnackedWhenTheConnectionDrops_areResentAfterReconnectingAndLoggingIn() async throws {
        let listener = try TestListener()
        let sim = try Self.simulateOneGT06(port: listener.port, ["--ack-timeout", "60s", "--rate", "2", "--duration", "8s"])
        var firstConnection = try #require(listener.accept(timeout: 20)) as AcceptedConnection?
        let unacked = Self.serve(firstConnection!) { frame, _ in !Self.isPosition(frame) } until: { $0.filter(Self.isPosition).count >= 2 }
            .filter(Self.isPosition)
        firstConnection = nil  // closes it
        let second = try #require(listener.accept(timeout: 20), "the device did not reconnect")
        let frames = Self.serve(second) { _, _ in true } until: { frames in unacked.allSatisfy(frames.contains) }
        #expect(frames.first?[3] == 0x01, "the device did not log in again first")
        #expect(!unacked.isEmpty && unacked.allSatisfy(frames.contains), "unacked positions were not resent")
        let summary = try await Self.summary(of: sim)
        #expect((summary["resent"] as? Int ?? 0) >= unacked.count && (summary["logins"] as? Int ?? 0) >= 2, "\(summary)")
    }

    static func simulateOneGT06(port: Int, _ arguments: [String]) throws -> ChildProcess {
        try ChildProcess(trackwire: "tw", ["sim", "--devices", "1", "--protocols", "gt06", "--port", "gt06=\(port)", "--drain", "3s", "--json"] + arguments)
    }

    static func isPosition(_ frame: [UInt8]) -> Bool { frame.count > 3 && frame[3] == 0x22 }

    /// Reads GT06 frames for up to 20 s until `done`, answering those `answer` picks (given the
    /// frames before) with the reply our codec gives.
    static func serve(_ connection: AcceptedConnection, answer: ([UInt8], [[UInt8]]) -> Bool, until done: ([[UInt8]]) -> Bool) -> [[UInt8]] {
        let codec = GT06Codec()
        var framer = codec.makeFramer()
        var pending: [UInt8] = []
        var frames: [[UInt8]] = []
        let deadline = Deadline(after: .seconds(20))
        while !deadline.hasPassed, !done(frames) {
            pending += connection.receive(upTo: 4096)
            let cut = framer.cutAll(pending)
            pending = cut.remainder
            for frame in cut.frames {
                if answer(frame, frames), let reply = codec.examine(frame, context: SessionContext()).reply { connection.send(reply) }
                frames.append(frame)
            }
        }
        return frames
    }

    /// The final `--json` object of a sim run, after it exits 0.
    static func summary(of sim: ChildProcess) async throws -> [String: Any] {
        let exit = await sim.waitForExit(timeout: .seconds(40))
        #expect(exit == .exited(0), "\(sim.stderr)")
        return try #require(sim.lines().last.flatMap { try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] })
    }
}
