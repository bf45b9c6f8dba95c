import Foundation
import Storage
import Testing
import TrackwireRuntime
import TrackwireTesting

/// tw-storage's flags, `TW_*` variables and `--validate`.
@Suite(.serialized) struct StorageCommandTests {
    @Test func configuration_withNoFlags_usesTheEmbeddedDatabaseAndTheBusPorts() throws {
        let configuration = try StorageCommand.parse(["--bus", "bus.internal"]).storageConfiguration()
        #expect(configuration.database == .sqlite(path: "./data/trackwire.db"))
        #expect(configuration.store == ">tcp://bus.internal:7105" && configuration.publish == ">tcp://bus.internal:7100")
        #expect(configuration.replayFrames == ">tcp://bus.internal:7102" && configuration.replayStore == ">tcp://bus.internal:7104")
        #expect(configuration.batchSize == 1000 && configuration.batchAge.milliseconds == 200 && configuration.acks)
        #expect(configuration.retention == nil && configuration.downsampleAfter == nil)
        #expect(StorageCommand.defaultHTTPAddress == "127.0.0.1:8082" && StorageCommand.servesOwnHTTP)
    }

    @Test func configuration_readsEveryFlag() throws {
        let configuration = try StorageCommand.parse([
            "--db", "/var/lib/tw/t.db", "--store", "@tcp://*:9105", "--publish", ">tcp://x:1", "--batch-size", "50",
            "--batch-age", "1s", "--no-acks", "--retention", "90d", "--downsample-after", "30d", "--downsample-interval", "2m",
            "--retention-check", "5m", "--api-token", "secret",
        ]).storageConfiguration()
        #expect(configuration.database == .sqlite(path: "/var/lib/tw/t.db"))
        #expect(configuration.store == "@tcp://*:9105" && configuration.publish == ">tcp://x:1")
        #expect(configuration.batchSize == 50 && configuration.batchAge.milliseconds == 1000 && !configuration.acks)
        #expect(configuration.retention?.milliseconds == 90 * 86_400_000 && configuration.downsampleAfter?.milliseconds == 30 * 86_400_000)
        #expect(configuration.downsampleInterval.milliseconds == 120_000 && configuration.retentionCheck.milliseconds == 300_000)
        #expect(configuration.api.tokens.check(authorization: "Bearer secret") == .granted(.everything))
    }

    @Test func configuration_environmentFillsWhatFlagsLeaveOut() throws {
        setenv("TW_DB", "postgres://tw@db.internal/trackwire", 1)
        setenv("TW_STORE", ">tcp://from-env:7105", 1)
        setenv("TW_API_TOKEN", "env-token", 1)
        defer {
            for name in ["TW_DB", "TW_STORE", "TW_API_TOKEN"] { unsetenv(name) }
        }
        let configuration = try StorageCommand.parse(["--store", ">tcp://flag:1"]).storageConfiguration()
        #expect(configuration.database == .postgres(url: "postgres://tw@db.internal/trackwire"))
        #expect(configuration.store == ">tcp://flag:1")
        #expect(configuration.api.tokens.check(authorization: "bearer env-token") == .granted(.everything), "the scheme is case-insensitive")
    }

    @Test(arguments: [
        ["--db", "mysql://nope"], ["--db", ""], ["--store", "nowhere"], ["--batch-size", "0"], ["--batch-age", "soon"],
        ["--retention", "forever"], ["--retention", "30d", "--downsample-after", "90d"], ["--retention-check", "0s"],
        ["--downsample-interval", "0"],
    ])
    func checkConfiguration_badValue_throwsAConfigurationError(arguments: [String]) throws {
        let command = try StorageCommand.parse(arguments)
        #expect(throws: ConfigurationError.self) { try command.checkConfiguration() }
    }

    @Test func databaseLocation_acceptsSQLiteSpellingsAndPostgresURLs() throws {
        #expect(try DatabaseLocation("sqlite:./data/x.db") == .sqlite(path: "./data/x.db"))
        #expect(try DatabaseLocation("sqlite:///tmp/x.db") == .sqlite(path: "/tmp/x.db"))
        #expect(try DatabaseLocation("x.db") == .sqlite(path: "x.db"))
        #expect(try DatabaseLocation("postgresql://u:pw@h:5432/d") == .postgres(url: "postgresql://u:pw@h:5432/d"))
        #expect(try DatabaseLocation("postgres://u:pw@h/d").description.contains("pw") == false, "logs never show the password")
        #expect(throws: DatabaseLocationError.self) { try DatabaseLocation("postgres:///nohost") }
    }

    @Test func executable_validate_badValuePrintsOneLineAndExits2() async throws {
        let process = try ChildProcess(trackwire: "tw-storage", ["--validate", "--batch-age", "soon"])
        #expect(await process.waitForExit(timeout: .seconds(30)) == .exited(2))
        let lines = process.stderr.split(separator: "\n")
        #expect(lines.count == 1 && lines[0].contains("--batch-age 'soon'"))
        let good = try ChildProcess(trackwire: "tw-storage", ["--validate", "--retention", "90d"])
        #expect(await good.waitForExit(timeout: .seconds(30)) == .exited(0))
    }
}
