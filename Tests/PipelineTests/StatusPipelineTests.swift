import Foundation
import Testing
import TrackwireProtocol
import TrackwireTesting

/// `tw status` and `tw top` on the pipeline `make up` starts (two decoders, one geofence shard,
/// storage, push, the gateway, `tw sim` with 100 devices over its five protocols): one line per
/// instance that fits 120 columns, with rates for the stages that do work and every check healthy.
@Suite(.serialized) struct StatusPipelineTests {
    @Test func status_onMakeUpsPipeline_fitsOneHundredTwentyColumns() async throws {
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("status-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: work) }
        let pipeline = try await PipelineProcesses(.init(
            decoders: 2, geofences: 1, protocols: ["gt06", "teltonika", "osmand", "h02", "watch"], workDirectory: work,
            fences: RepositoryPaths.root.appendingPathComponent("deploy/demo/geofences.geojson")))
        defer { pipeline.stop() }
        let sim = try pipeline.simulate(["--devices", "100"])
        defer { sim.stop() }
        let bus = ["--bus", pipeline.bus.address]
        var lines: [String] = []
        let busy = await eventually(timeout: .seconds(60)) {
            let status = try? ChildProcess(trackwire: "tw", ["status", "--wait", "2.5"] + bus)
            _ = await status?.waitForExit(timeout: .seconds(20))
            lines = status?.lines() ?? []
            // Seven instances (tw sim sends no heartbeats), both decoders taking frames.
            let decoders = lines.filter { $0.hasPrefix("decoder ") }.map { $0.split(separator: " ", omittingEmptySubsequences: true) }
            return lines.count == 1 + 7 && decoders.count == 2 && decoders.allSatisfy { $0.count > 2 && !["-", "0"].contains($0[2]) }
                && lines.dropFirst().allSatisfy { $0.hasSuffix("  ok") }
        }
        #expect(busy, "tw status:\n\(lines.joined(separator: "\n"))\nsim: \(sim.tail())")
        for line in lines { #expect(line.count <= 120, "\(line.count) columns: \(line)") }
        #expect(lines.dropFirst().allSatisfy { $0.hasSuffix("  ok") }, "\(lines.joined(separator: "\n"))")
        for stage in ["bus", "gateway", "decoder", "geofence", "storage", "push"] {
            #expect(lines.contains { $0.hasPrefix(stage + " ") }, "no \(stage) line")
        }
        #expect(lines.contains { $0.hasPrefix("gateway") && $0.contains("conns") })
        #expect(lines.contains { $0.hasPrefix("storage") && $0.contains("ms lag") })
        #expect(lines.contains { $0.hasPrefix("geofence") && $0.contains("4 fences") })

        // --json keeps what scripts/smoke_check.py reads: counters per instance.
        let json = try ChildProcess(trackwire: "tw", ["status", "--json", "--wait", "2.5"] + bus)
        _ = await json.waitForExit(timeout: .seconds(20))
        let decoders = try json.lines().map { try JSONValue.parse(Array($0.utf8)) }.filter { $0["stage"] == "decoder" }
        #expect(decoders.count == 2 && decoders.allSatisfy { ($0["in_per_s"]?.number ?? 0) > 0 && $0["counters"]?["received"] != nil })

        let top = try ChildProcess(trackwire: "tw", ["top", "--once", "--interval", "2.5"] + bus)
        _ = await top.waitForExit(timeout: .seconds(20))
        #expect(top.lines().allSatisfy { $0.count <= 120 } && top.stdout.contains("GROUP") && top.stdout.contains("pos "), "\(top.stdout)")
    }
}
