import Foundation
import Testing
import TestSupport
import TrackwireTesting

/// `tw decode`, the real binary: every capture of every protocol with a golden file, fed as JSON
/// lines on stdin, comes out as the pinned report; single frames on the command line print one
/// report and exit 1 when refused.
@Suite struct DecodeCommandTests {
    @Test func stdin_everyCaptureLine_givesItsPinnedReport_inOrder() async throws {
        let captures = Captures.protocolNames.sorted().filter { GoldenFiles.outcomes($0) != nil }.flatMap(Captures.of).filter(\.isFrame)
        try #require(captures.count > 600, "expected the shared captures, found \(captures.count)")
        let input = FileManager.default.temporaryDirectory.appendingPathComponent("tw-decode-\(getpid()).jsonl")
        try (captures.map(\.decodeRequestLine).joined(separator: "\n") + "\n").write(to: input, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: input) }
        let decode = try ChildProcess(URL(fileURLWithPath: "/bin/sh"), ["-c", #"exec "$0" decode < "$1""#, Executables.url("tw").path, input.path])
        #expect(await decode.waitForExit(timeout: .seconds(60)) == .exited(0), "stderr: \(decode.stderr)")
        let lines = decode.lines()
        try #require(lines.count == captures.count, "\(lines.count) output lines for \(captures.count) input lines")
        var golden: [String: [Int: [String: Any]]] = [:]
        for (capture, line) in zip(captures, lines) {
            let pinned = golden[capture.protocol] ?? GoldenFiles.outcomes(capture.protocol) ?? [:]
            golden[capture.protocol] = pinned
            #expect(GoldenFiles.same(GoldenFiles.parse(line), pinned[capture.line]?["report"]), "\(capture)\n  tw decode: \(line)")
        }
    }

    @Test func frameArgument_printsItsPositions_underTheGivenDevice() async throws {
        let decode = try tw("decode", "--protocol", "gt06", "--device", "864717003283581", "--received-at", "1700000000000",
                            "78782da41a0509160203cf05be31f80c306530001c0010012ed000007ef40000000006428b074205041302ff0009389c0d0a")
        #expect(await decode.waitForExit() == .exited(0), "stderr: \(decode.stderr)")
        let report = try #require(decode.lines().first.flatMap(GoldenFiles.parse))
        let positions = try #require(report["positions"] as? [[String: Any]])
        #expect(positions.count == 1 && positions.first?["device_id"] as? String == "864717003283581")
        #expect(report["kind"] as? String == "alarm" && (report["events"] as? [Any])?.count == 1)
    }

    @Test func frameWithoutItsDevice_isReportedUnderUnknown() async throws {
        let decode = try tw("decode", "--protocol", "gt06", "787818a300000005321e020000000002584f000100060000008f920d0a")
        #expect(await decode.waitForExit() == .exited(0), "stderr: \(decode.stderr)")
        let report = try #require(decode.lines().first.flatMap(GoldenFiles.parse))
        #expect(report["device"] as? String == "unknown")
    }

    @Test func textFrame_withAndWithoutItsDelimiter_decodesTheSame() async throws {
        let frame = "imei:868683023212255,tracker,190205084503,,F,064459.000,A,4915.1221,N,01634.5655,E,3.91,83.95"
        var outputs: [String] = []
        for payload in [frame, frame + ";"] {
            let decode = try tw("decode", "--protocol", "gps103", "--text", "--received-at", "1700000000000", payload)
            #expect(await decode.waitForExit() == .exited(0), "stderr: \(decode.stderr)")
            outputs.append(decode.stdout)
        }
        let report = try #require(GoldenFiles.parse(outputs[0]))
        #expect((report["positions"] as? [Any])?.count == 1)
        #expect(outputs[0] == outputs[1])
    }

    @Test func refusedFrame_printsTheReason_andExitsOne() async throws {
        let decode = try tw("decode", "--protocol", "watch", "--text", "[SG*8800000015*0002*ZZ]")
        #expect(await decode.waitForExit() == .exited(1))
        let report = try #require(decode.lines().first.flatMap(GoldenFiles.parse))
        #expect((report["error"] as? String)?.hasPrefix("unsupported") == true, "\(decode.stdout)")
    }

    @Test(arguments: [
        ["decode", "--protocol", "gt06", "7878zz"],
        ["decode", "0102"],
        ["decode", "--protocol", "gt06", "--transport", "carrier-pigeon", "0102"],
    ])
    func badArguments_exitTwoWithOneLine(_ arguments: [String]) async throws {
        let decode = try ChildProcess(Executables.url("tw"), arguments)
        #expect(await decode.waitForExit() == .exited(2))
        #expect(decode.lines(.stderr).count == 1, "stderr: \(decode.stderr)")
    }

    @Test func badInputLine_getsAnErrorLine_andTheRestAreStillDecoded() async throws {
        let input = FileManager.default.temporaryDirectory.appendingPathComponent("tw-decode-bad-\(getpid()).jsonl")
        try "not json\n{\"protocol\":\"nosuch\",\"kind\":\"hex\",\"payload\":\"00\"}\n{\"protocol\":\"osmand\",\"kind\":\"text\",\"payload\":\"/?id=7&lat=1&lon=2&timestamp=1700000000\"}\n"
            .write(to: input, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: input) }
        let decode = try ChildProcess(URL(fileURLWithPath: "/bin/sh"), ["-c", #"exec "$0" decode < "$1""#, Executables.url("tw").path, input.path])
        #expect(await decode.waitForExit() == .exited(0))
        let lines = decode.lines().compactMap(GoldenFiles.parse)
        try #require(lines.count == 3, "\(decode.stdout)")
        #expect((lines[0]["error"] as? String)?.hasPrefix("bad_input") == true)
        #expect((lines[1]["error"] as? String)?.hasPrefix("unknown_protocol") == true)
        #expect((lines[2]["positions"] as? [Any])?.count == 1 && lines[2]["device"] as? String == "7")
    }
}
