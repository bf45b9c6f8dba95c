import Testing
import TrackwireProtocol
@testable import BusTools

@Suite struct InstanceTableTests {
    static func beat(_ stage: String, _ instance: String, time: Int64, uptime: Double = 5, counters: [String: UInt64] = ["sent": 2, "received": 3],
                     gauges: [String: Double] = [:], problems: [String] = []) -> Heartbeat {
        .with {
            $0.stage = stage
            $0.instance = instance
            $0.pid = 100
            $0.timeMs = time
            $0.uptimeS = uptime
            $0.counters = counters
            $0.gauges = gauges
            $0.healthProblems = problems
        }
    }

    @Test func record_keepsTheNewestHeartbeatPerInstance_sortedByStageThenInstance() {
        var table = InstanceTable()
        table.record(Self.beat("decoder", "b", time: 2))
        table.record(Self.beat("decoder", "a", time: 5, uptime: 9))
        table.record(Self.beat("decoder", "a", time: 3, uptime: 7))
        table.record(Self.beat("bus", "z", time: 1))
        #expect(table.instances.map { "\($0.stage).\($0.instance)" } == ["bus.z", "decoder.a", "decoder.b"])
        #expect(table.instances[1].uptimeS == 9)
    }

    @Test func figures_rateTheStagesOwnCountersBetweenTheFirstAndNewestHeartbeat() throws {
        var table = InstanceTable()
        table.record(Self.beat("gateway", "gw", time: 10_000, counters: ["frames.gt06": 100, "frames.h02": 50, "acks.gt06": 90, "bad_frames.gt06.bad_crc": 1],
                               gauges: ["connections": 12]))
        table.record(Self.beat("gateway", "gw", time: 12_000, counters: ["frames.gt06": 300, "frames.h02": 250, "acks.gt06": 490, "bad_frames.gt06.bad_crc": 3],
                               gauges: ["connections": 14]))
        let figures = try #require(table.figures(nowMs: 12_500).first)
        #expect(figures.inPerSecond == 200 && figures.outPerSecond == 200)
        #expect(figures.errors == 3)
        #expect(figures.load == "14 conns")
        #expect(figures.heartbeatAge == 0.5)
        table.startWindow()
        #expect(table.figures(nowMs: 12_500).first?.inPerSecond == nil, "one heartbeat in the window: no rate yet")
    }

    @Test func renderText_showsTheFewFiguresInAlignedColumns() {
        var table = InstanceTable()
        table.record(Self.beat("storage", "storage-1", time: 1_000, counters: ["received": 10, "stored.pos": 10], gauges: ["lag_ms": 180.4]))
        table.record(Self.beat("storage", "storage-1", time: 2_000, counters: ["received": 1_510, "stored.pos": 1_500, "errors.bad_message": 2], gauges: ["lag_ms": 210]))
        table.record(Self.beat("decoder", "decoder-1", time: 2_000, problems: ["bus: not connected: PULL tcp://127.0.0.1:7103"]))
        #expect(table.renderText(nowMs: 2_400).split(separator: "\n") == [
            "STAGE    INSTANCE   IN/S  OUT/S  ERRORS  LOAD          HB  HEALTH",
            "decoder  decoder-1     -      -       0  -           0.4s  FAILING bus: not connected: PULL tcp://127.0.0.1:7103",
            "storage  storage-1  1.5k   1.5k       2  210 ms lag  0.4s  ok",
        ])
    }

    @Test func renderText_neverExceedsTheWidth() {
        var table = InstanceTable()
        let problem = "bus: not connected: " + String(repeating: "PUSH tcp://some-long-host-name:7102; ", count: 10)
        table.record(Self.beat("gateway", String(repeating: "g", count: 60), time: 1, problems: [problem]))
        for width in [40, 80, 120] {
            let lines = table.renderText(nowMs: 1, width: width).split(separator: "\n")
            #expect(lines.allSatisfy { $0.count <= width }, "\(lines)")
            #expect(lines.last?.hasSuffix("…") == true)
        }
    }

    @Test func renderVerbose_listsEveryCounterAndGauge_wrappedAtTheWidth() {
        var table = InstanceTable()
        let counters = Dictionary(uniqueKeysWithValues: (0..<40).map { ("frames.protocol\($0)", UInt64($0)) })
        table.record(Self.beat("gateway", "gw", time: 1, counters: counters, gauges: ["connections": 3]))
        let text = table.renderVerbose(nowMs: 1, width: 80)
        #expect(text.split(separator: "\n").allSatisfy { $0.count <= 80 })
        #expect(counters.keys.allSatisfy { text.contains("\($0)=\(counters[$0]!)") })
        #expect(text.contains("gauges   connections=3"))
    }

    @Test func renderJSONLines_areTheHeartbeatWithTheFigures() throws {
        var table = InstanceTable()
        table.record(Self.beat("bus", "main", time: 1_000, counters: ["received.frames": 1, "sent.frames": 1]))
        table.record(Self.beat("bus", "main", time: 3_000, counters: ["received.frames": 41, "sent.frames": 21]))
        let line = try #require(table.renderJSONLines(nowMs: 3_000).first)
        let json = try JSONValue.parse(Array(line.utf8))
        #expect(json["stage"] == "bus" && json["uptime_s"] == .double(5) && json["time_ms"] == "3000")
        #expect(json["counters"]?["received.frames"] == "41")
        #expect(json["in_per_s"] == .double(20) && json["out_per_s"] == .double(10) && json["healthy"] == .bool(true))
    }

    @Test(arguments: [(0.4, "0s"), (59.9, "59s"), (61, "1m01s"), (3600, "1h00m"), (90061, "1d01h")])
    func uptime_isShortAndReadable(seconds: Double, text: String) {
        #expect(InstanceTable.uptime(seconds) == text)
    }
}
