import Foundation
import Testing
import TrackwireRuntime
@testable import Storage

/// Pure parts of the PostgreSQL backend: the URL, partition names and bounds.
@Suite struct PostgresConfigurationTests {
    @Test func url_withAllParts_isParsedAndPercentDecoded() throws {
        let url = try PostgresURL("postgres://track%40er:p%3Ass@db.example:6543/track_wire?sslmode=require")
        #expect(url.username == "track@er")
        #expect(url.password == "p:ss")
        #expect(url.host == "db.example")
        #expect(url.port == 6543)
        #expect(url.database == "track_wire")
        #expect(url.sslMode == .require)
    }

    @Test func url_withDefaults_usesPort5432AndSocketDirectoryWhenGiven() throws {
        let url = try PostgresURL("postgresql://me@/db?host=/tmp/pg")
        #expect(url.port == 5432)
        #expect(url.socketDirectory == "/tmp/pg")
        #expect(url.password == nil)
        #expect(url.configuration.unixSocketPath == "/tmp/pg/.s.PGSQL.5432")
    }

    @Test(arguments: [
        "mysql://u@h/db", "postgres://h:5432/db", "postgres://u@h:5432/", "postgres://u@h/db?sslmode=maybe",
        "postgres://u@h/db?colour=blue", "not a url at all", "postgres://u:secret@h:99999/db",
    ])
    func url_whenBad_throwsOneLineConfigurationErrorWithoutPassword(text: String) {
        let error = #expect(throws: ConfigurationError.self) { try PostgresURL(text) }
        let message = error?.description ?? ""
        #expect(!message.contains("\n"))
        #expect(message.contains("postgres://user:password@host:port/database"))
        #expect(!message.contains("secret"))
    }

    @Test func partitionNames_roundTripAndMatchTheCalendar() {
        #expect(PostgresPartitions.name(ofDay: 0) == "positions_p19700101")
        // 2024-02-29 is day 19782.
        #expect(PostgresPartitions.name(ofDay: 19_782) == "positions_p20240229")
        #expect(PostgresPartitions.day(of: 19_782 * 86_400_000 + 86_399_999) == 19_782)
        #expect(PostgresPartitions.day(of: -1) == -1)
        for day in stride(from: Int64(-800), to: 80_000, by: 37) {
            #expect(PostgresPartitions.day(ofName: PostgresPartitions.name(ofDay: day)) == day)
        }
        #expect(PostgresPartitions.day(ofName: "positions_default") == nil)
        #expect(PostgresPartitions.day(ofName: "positions_p20250230") == nil)
    }

    @Test func partitionPolicy_coversRecentDaysAndAFewAhead() {
        let policy = PartitionPolicy(daysAhead: 2, onDemandPastDays: 10)
        #expect(policy.coversOnDemand(100, today: 100))
        #expect(policy.coversOnDemand(90, today: 100))
        #expect(!policy.coversOnDemand(89, today: 100))
        #expect(policy.coversOnDemand(102, today: 100))
        #expect(!policy.coversOnDemand(103, today: 100))
    }
}
