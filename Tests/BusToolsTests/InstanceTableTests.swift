import Testing
import TrackwireProtocol
@testable import BusTools

@Suite struct InstanceTableTests {
    static func beat(_ stage: String, _ instance: String, time: Int64, uptime: Double = 5) -> Heartbeat {
        .with {
            $0.stage = stage
            $0.instance = instance
            $0.pid = 100
            $0.timeMs = time
            $0.uptimeS = uptime
            $0.counters = ["sent": 2, "received": 3]
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

    @Test func renderText_showsOneAlignedRowPerInstance() {
        var table = InstanceTable()
        table.record(Self.beat("bus", "main", time: 1, uptime: 3725))
        table.record(.with { $0.stage = "decoder"; $0.instance = "d1"; $0.httpAddress = "127.0.0.1:9200" })
        #expect(table.renderText().split(separator: "\n") == [
            "STAGE    INSTANCE  PID  UPTIME  HTTP            COUNTERS",
            "bus      main      100  1h02m   -               received=3 sent=2",
            "decoder  d1        0    0s      127.0.0.1:9200  -",
        ])
    }

    @Test func renderJSONLines_usesTheSchemasFieldNames() {
        var table = InstanceTable()
        table.record(Self.beat("bus", "main", time: 1))
        let line = table.renderJSONLines().first ?? ""
        #expect(line.contains(#""stage":"bus""#) && line.contains(#""uptime_s":5"#) && line.contains(#""time_ms":"1""#))
    }

    @Test(arguments: [(0.4, "0s"), (59.9, "59s"), (61, "1m01s"), (3600, "1h00m"), (90061, "1d01h")])
    func uptime_isShortAndReadable(seconds: Double, text: String) {
        #expect(InstanceTable.uptime(seconds) == text)
    }
}
