import Testing
@testable import BusTools

@Suite struct RateTableTests {
    @Test(arguments: [
        ("pos.17.dev-1", RateTable.Grouping.prefix, "pos.17"),
        ("pos.17.dev-1", .kind, "pos"),
        ("hb.bus.a", .prefix, "hb.bus"),
        ("cfg.geofence", .prefix, "cfg.geofence"),
        ("cfg", .prefix, "cfg"),
        ("evt.03.d.x.alarm", .prefix, "evt.03"),
    ])
    func group_takesTheFirstWords(topic: String, grouping: RateTable.Grouping, group: String) {
        #expect(RateTable.group(of: topic, by: grouping) == group)
    }

    @Test func closeWindow_turnsCountsIntoRates_busiestFirst_andKeepsQuietGroups() {
        var table = RateTable(grouping: .prefix)
        for _ in 0..<4 { table.record(topic: "pos.17.a", bytes: 100) }
        table.record(topic: "pos.17.b", bytes: 50)
        table.record(topic: "hb.bus.x", bytes: 10)

        let first = table.closeWindow(seconds: 2)
        #expect(first == [
            .init(group: "pos.17", messagesPerSecond: 2.5, bytesPerSecond: 225, total: 5),
            .init(group: "hb.bus", messagesPerSecond: 0.5, bytesPerSecond: 5, total: 1),
        ])

        table.record(topic: "hb.bus.x", bytes: 10)
        let second = table.closeWindow(seconds: 1)
        #expect(second.map(\.group) == ["hb.bus", "pos.17"])
        #expect(second.last?.messagesPerSecond == 0 && second.last?.total == 5)
    }

    @Test func screen_alignsColumns_capsTheGroups_andClearsOnlyWhenAsked() {
        let rows = (0..<15).map { RateTable.Row(group: "pos.\($0)", messagesPerSecond: 1234.4 - Double($0), bytesPerSecond: 5.5, total: 9) }
        let screen = TopScreen(instances: [], topics: rows, source: "bus", seconds: 1)
        let plain = screen.text(clear: false, width: 120, topicRows: 12).split(separator: "\n")
        #expect(plain.contains("pos.0    1234      5.5      9"))
        #expect(plain.last == "… 3 quieter groups (--verbose lists them)")
        #expect(screen.text(clear: false, width: 120, topicRows: nil).split(separator: "\n").count == plain.count - 1 + 3)
        #expect(screen.text(clear: true, width: 120, topicRows: 12).hasPrefix(TopScreen.clearSequence))
        #expect(TopScreen(instances: [], topics: [], source: "bus", seconds: 1).text(clear: false, width: 80, topicRows: 12).hasSuffix("(no messages yet)"))
    }
}
