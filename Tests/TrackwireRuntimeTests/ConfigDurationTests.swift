import Testing
import TrackwireRuntime

/// Durations in configuration: the units, what is refused, and how they print.
@Suite struct ConfigDurationTests {
    @Test(arguments: [
        ("500ms", 500), ("30s", 30_000), ("5m", 300_000), ("2h", 7_200_000), ("90d", 7_776_000_000),
        ("1.5s", 1_500), ("2", 2_000), ("0.25", 250), ("0s", 0),
    ] as [(String, Int64)])
    func parse_readsEveryUnitAndBareSeconds(text: String, milliseconds: Int64) {
        #expect(ConfigDuration(text)?.milliseconds == milliseconds)
    }

    @Test(arguments: ["", "soon", "ms", "-1s", "-5", "5x", "1e400s", "nan", "s5", "1 s"])
    func parse_refusesWhatIsNotANonNegativeDuration(text: String) {
        #expect(ConfigDuration(text) == nil)
    }

    @Test func description_usesTheLargestWholeUnit() {
        #expect(ConfigDuration(milliseconds: 172_800_000).description == "2d")
        #expect(ConfigDuration(milliseconds: 90_000).description == "90s")
        #expect(ConfigDuration(milliseconds: 1_500).description == "1500ms")
        #expect(ConfigDuration(milliseconds: 0).description == "0s")
    }

    @Test func conversions_agreeWithTheMilliseconds() throws {
        let duration = try #require(ConfigDuration("1500ms"))
        #expect(duration.duration == .milliseconds(1_500))
        #expect(duration.seconds == 1.5)
    }

    @Test func flagParsing_namesTheFlagTheTextAndAnExample() throws {
        #expect(try ConfigDuration("10s", flag: "--drain-timeout", example: "10s").milliseconds == 10_000)
        #expect {
            try ConfigDuration("later", flag: "--drain-timeout", example: "10s")
        } throws: { error in
            (error as? ConfigurationError)?.description == "--drain-timeout 'later' is not a duration like 10s"
        }
    }
}
