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
    static let protocols = ["gt06", "teltonika", "osmand", "h02", "gps103", "tk103", "gl200", "meitrack", "suntech", "watch"]
    static let ackingProtocols: Set = ["gt06", "teltonika", "osmand", "h02"]
    static let idBase = 861_000_000_000_000

    /// The id the bus carries for device `index` (tk103 ids are the IMEI's last 12 digits).
    static func deviceId(_ index: Int) -> String {
        let imei = String(idBase + index)
        return protocols[index % protocols.count] == "tk103" ? String(imei.suffix(12)) : imei
    }

    @Test func twentySimulatedDevices_ofAllTenProtocols_reachTheBus() async throws {
        let pipeline = try await PipelineHarness(decoders: 1, listeners: Self.protocols.map { ($0, $0 == "osmand" ? "http" : "tcp") })
        _ = try pipeline.tap.collect(timeout: .seconds(20)) { $0.contains { $0.topic.hasPrefix("hb.decoder.") } }
        let ports = Self.protocols.flatMap { ["--port", "\($0)=\(pipeline.devicePorts[$0]!)"] }
        let sim = try ChildProcess(trackwire: "tw", [
            "sim", "--devices", "20", "--protocols", Self.protocols.joined(separator: ","), "--rate", "2", "--duration", "10s",
            "--heartbeat", "2s", "--id-base", String(Self.idBase), "--area", "48.137,11.575,5", "--json",
        ] + ports)
        let startMs = Int64(Date().timeIntervalSince1970 * 1000)
        let expected = Set((0..<20).map(Self.deviceId))
        let positions = try pipeline.tap.collect(timeout: .seconds(40)) { envelopes in
            Set(envelopes.filter { $0.topic.hasPrefix("pos.") }.compactMap { try? $0.decode(Position.self).deviceID }).isSuperset(of: expected)
        }.filter { $0.topic.hasPrefix("pos.") }.compactMap { try? $0.decode(Position.self) }

        for index in 0..<20 {
            let name = Self.protocols[index % 10], id = Self.deviceId(index)
            let mine = positions.filter { $0.deviceID == id }
            #expect(!mine.isEmpty, "\(name): no position on the bus for \(id)")
            for position in mine {
                #expect(position.protocol == name)
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

    @Test func aPositionWhoseAckIsWithheld_isSentAgain() async throws {
        let listener = try TestListener()
        let sim = try Self.simulateOneGT06(port: listener.port, ["--ack-timeout", "1s", "--duration", "6s"])
        let device = try #require(listener.accept(timeout: 20))
        // Ack the login and every position except the first copy of the first one, until it comes again.
        let frames = Self.serve(device) { frame, earlier in !(Self.isPosition(frame) && !earlier.contains(where: Self.isPosition)) } until: { frames in
            let positions = frames.filter(Self.isPosition)
            return positions.first.map { positions.dropFirst().contains($0) } ?? false
        }
        let positions = frames.filter(Self.isPosition)
        let first = try #require(positions.first)
        #expect(positions.dropFirst().contains(first), "the withheld position was not sent again")
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
