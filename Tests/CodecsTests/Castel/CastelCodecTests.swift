import Codecs
import Testing
import TestSupport
import TrackwireProtocol

/// Castel: replies of SC, CC and MPIP units, the SC report layouts, and petrol control.
@Suite struct CastelCodecTests {
    let codec = CastelCodec()
    static func capture(_ line: Int) -> [UInt8] { Captures.more[line - 1].bytes }
    func decode(_ line: Int) throws -> Decoded {
        try codec.decode(Self.capture(line), context: DecodeContext(receivedAtMs: 1_700_000_000_000))
    }
    func answer(_ line: Int, atMs: Int64 = 0) -> [UInt8]? { codec.examine(Self.capture(line), context: SessionContext(receivedAtMs: atMs)).reply }

    @Test func scLogin_isAnsweredWithTheServerTime_andStoresOnlyWhenItCarriesAFix() throws {
        let login = Self.capture(279)  // no fix
        let reply = try #require(answer(279, atMs: 1_700_000_000_999))
        #expect(Hex.encode(reply) == "40402900" + Hex.encode(Array(login[4..<25])) + "9001" + "ffffffff0000" + "00f15365" + Hex.encode(Array(reply[37..<41])))
        #expect(codec.examine(reply, context: SessionContext()).problem == nil, "the reply carries a valid CRC")
        #expect(!codec.examine(login, context: SessionContext()).storesData)
        #expect(codec.examine(Self.capture(278), context: SessionContext()).storesData)
        #expect(try decode(279).kind == .login)
    }

    @Test func scHeartbeat_getsItsResponse_andAlarmsTheirIndexEchoed() throws {
        let heartbeat = Self.capture(302)
        #expect(Hex.encode(try #require(answer(302))).contains(Hex.encode(Array(heartbeat[5..<25])) + "9003"))
        #expect(!codec.examine(heartbeat, context: SessionContext()).storesData)
        #expect(try decode(302) == Decoded(kind: .heartbeat, deviceId: "1001112529987"))
        #expect(Hex.encode(try #require(answer(269))).contains("c007" + "01000000"))
        #expect(answer(289) == nil, "SC GPS reports get no reply")
    }

    @Test func scAlarmReport_raisesItsAlarms_andIgnitionCodesSetTheIgnition() throws {
        let decoded = try decode(269)
        let position = try #require(decoded.positions.first)
        #expect(decoded.kind == .alarm && position.attributes["alarm"] == .string("powerOn") && position.attributes["ignition"] == .bool(true))
        #expect(decoded.events.count == 1 && decoded.events.first?.attributes["alarm"] == .string("power_on"))
    }

    @Test func scFix_readsDateLittleEndianCoordinatesAndHemispheres() throws {
        let position = try #require(try decode(268).positions.first)
        #expect(position.fixTimeMs == UTCTime.milliseconds(year: 2025, month: 3, day: 20, hour: 7, minute: 17, second: 47))
        #expect(abs(position.latitude - Double(0x04D6_9F4C) / 3_600_000) < 1e-9 && abs(position.longitude - Double(0x1872_7488) / 3_600_000) < 1e-9)
        #expect(position.courseDeg == 120 && position.valid && position.satellites == 15)
        #expect(position.attributes["battery"] == .double(0.6) && position.attributes["tripOdometer"] == .int(40))
    }

    @Test func statisticsReports_carryOBDValuesAndTroubleCodes_withoutALocation() throws {
        let pids = try #require(try decode(267).positions.first)
        #expect(!pids.valid && pids.latitude == 0 && pids.fixTimeMs == 1_700_000_000_000)
        #expect(pids.attributes["coolantTemp"] == .int(0x5A) && pids.attributes["obdSpeed"] == .int(9) && pids.attributes["fuel"] == .int(0x29))
        #expect(try decode(271).positions.first?.attributes["dtcs"] == .string("P0326"))
    }

    @Test func queryResponse_isACommandResult() throws {
        let decoded = try decode(272)
        #expect(decoded.kind == .commandReply && decoded.events.first?.attributes["result"] == .string("MALC381CMKM567148"))
    }

    @Test func ccAndMPIPUnits_areAnsweredAsTraccarDoes() throws {
        let cc = Self.capture(277)  // version 5: a CC login
        #expect(Hex.encode(try #require(answer(277))).hasPrefix("40401f0005" + Hex.encode(Array(cc[5..<25])) + "8001"))
        #expect(try decode(277).positions.count == 1)
        let mpip = Self.capture(287)  // 0x2001
        let mpipReply = try #require(answer(287))
        #expect(Hex.encode(mpipReply).hasPrefix("40402a00" + Hex.encode(Array(mpip[4..<24])) + "1001" + "00000000" + "ffffffffffffffff"))
        #expect(try decode(287).positions.first?.valid == false)
    }

    @Test func petrolControl_encodesTraccarsTestFrame() throws {
        let stop = Command.with { $0.type = "engine_stop" }
        #expect(Hex.encode(try codec.encode(stop, context: SessionContext(deviceId: "123456789012345"))) == "40402000013132333435363738393031323334350000000000458301a94a0d0a")
        let resume = try codec.encode(Command.with { $0.type = "engine_resume" }, context: SessionContext(deviceId: "123456789012345"))
        #expect(resume[27] == 0x00 && codec.examine(resume, context: SessionContext()).problem == nil)
        #expect(throws: CommandError.self) { try codec.encode(Command.with { $0.type = "reboot" }, context: SessionContext(deviceId: "1")) }
    }

    @Test func framer_cutsEveryCaptureFedByteByByte_andInOneStream() {
        let frames = Self.captures.map(\.bytes)
        FramerChecks.verifyByteByByte(frames, { CastelFramer() })
        FramerChecks.verifyConcatenated(frames, after: [0x00, 0x40, 0x41, 0x24], { CastelFramer() })
    }

    @Test func hammer_neverCrashes() {
        #expect(CodecRobustness.hammer(codec, seeds: Self.captures.map(\.bytes), cases: CodecRobustness.caseCount(default: 50_000)) > 0)
    }

    static let captures = Captures.of("castel").filter(\.isFrame)
}
