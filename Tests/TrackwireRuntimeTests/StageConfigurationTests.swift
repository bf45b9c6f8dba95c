import Foundation
import Testing
import TrackwireTesting

/// Configuration as every stage takes it, on a real `tw-decoder` (what `StageMain` does is the same
/// for all of them): `TW_*` variables, flags that win over them, `--validate`, and JSON logs.
@Suite struct StageConfigurationTests {
    /// A decoder joining a bus that need not be there: it connects, so it starts without one.
    static func decoder(_ arguments: [String], environment: [String: String] = [:]) throws -> ChildProcess {
        try ChildProcess(trackwire: "tw-decoder", ["--http", "off", "--bus", "127.0.0.1:\(FreePorts.consecutiveBase())"] + arguments,
                         environment: environment)
    }

    /// The stderr lines of a decoder run until it is up, each parsed as a JSON object, after a
    /// SIGTERM and a clean exit.
    static func jsonLogLines(_ arguments: [String], environment: [String: String]) async throws -> [[String: Any]] {
        let process = try decoder(arguments, environment: environment)
        try await process.waitUntilReady([.logLine("decoder up")])
        #expect(await process.terminate() == .exited(0), "\(process.stderr)")
        return try process.lines(.stderr).map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], "not a JSON object: \(line)")
        }
    }

    @Test func logFormatJSON_writesOneParseableObjectPerLine_withTheStagesMetadata() async throws {
        let lines = try await Self.jsonLogLines(["--log-format", "json", "--instance", "json-1"], environment: [:])
        #expect(lines.map { $0["msg"] as? String }.contains("decoder up"))
        #expect(lines.map { $0["msg"] as? String }.contains("stopped cleanly"))
        for line in lines {
            #expect(line["ts"] is String && line["level"] is String && (line["label"] as? String)?.hasPrefix("trackwire.") == true, "\(line)")
        }
        let up = try #require(lines.first { $0["msg"] as? String == "decoder up" })
        #expect(up["stage"] as? String == "decoder" && up["instance"] as? String == "json-1" && up["level"] as? String == "info")
    }

    @Test func environment_configuresAStage_andAFlagWinsOverIt() async throws {
        let fromEnvironment = try await Self.jsonLogLines([], environment: ["TW_LOG_FORMAT": "json", "TW_INSTANCE": "from-env"])
        #expect(fromEnvironment.first { $0["msg"] as? String == "decoder up" }?["instance"] as? String == "from-env")
        let fromFlag = try await Self.jsonLogLines(
            ["--instance", "from-flag", "--log-format", "json"], environment: ["TW_LOG_FORMAT": "text", "TW_INSTANCE": "from-env"]
        )
        #expect(fromFlag.first { $0["msg"] as? String == "decoder up" }?["instance"] as? String == "from-flag")
    }

    @Test func validate_withAGoodConfiguration_exitsZeroAndSaysSo() async throws {
        let process = try Self.decoder(["--validate", "--linger", "1s"], environment: ["TW_LINGER": "soon"])
        #expect(await process.waitForExit() == .exited(0), "a flag wins over a bad TW_LINGER: \(process.stderr)")
        #expect(process.lines() == ["tw-decoder: configuration is valid"])
        #expect(process.stderr.isEmpty)
    }

    @Test(arguments: [
        (["--validate", "--linger", "soon"], [:], "--linger 'soon' is not a duration like 2s"),
        (["--validate"], ["TW_SNDHWM": "lots"], "TW_SNDHWM='lots' is not a whole number"),
        (["--validate"], ["TW_LOG_LEVEL": "loud"], "--log-level 'loud' is not one of"),
        (["--validate", "--frames", "carrier-pigeon://x"], [:], "carrier-pigeon"),
    ] as [([String], [String: String], String)])
    func validate_withABadConfiguration_exitsTwoWithOneLine(arguments: [String], environment: [String: String], message: String) async throws {
        let process = try Self.decoder(arguments, environment: environment)
        #expect(await process.waitForExit() == .exited(2))
        let lines = process.lines(.stderr)
        #expect(lines.count == 1, "stderr: \(process.stderr)")
        #expect(lines.first?.hasPrefix("tw-decoder: configuration error: ") == true && lines.first?.contains(message) == true, "\(lines)")
        #expect(process.stdout.isEmpty)
    }
}
