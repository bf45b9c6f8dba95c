import Testing
import TrackwireProtocol
@testable import Codecs

/// Focused checks of the text reports, beyond what the capture notes assert.
@Suite struct GL200TextDecoderTests {
    let codec = GL200Codec()
    let context = DecodeContext(receivedAtMs: 1_700_000_000_000)

    func decode(_ text: String, options: [String: String] = [:]) throws -> Decoded {
        var context = context
        context.options = options
        return try codec.decode(Array(text.utf8), context: context)
    }

    static func utc(_ y: Int, _ mo: Int, _ d: Int, _ h: Int, _ mi: Int, _ s: Int) -> Int64 {
        UTCTime.milliseconds(year: y, month: mo, day: d, hour: h, minute: mi, second: s)!
    }

    @Test func fri_withTwoBlocks_putsReportWideValuesOnTheLastPosition() throws {
        let decoded = try decode("+RESP:GTFRI,1F0101,135790246811220,1G1JC5444R7252367,,,00,2,1,4.3,92,70.0,121.354335,31.222073,20090214013254,0460,0000,18d8,6141,00,0,4.3,92,70.0,121.354335,31.222073,20090101000000,0460,0000,18d8,6141,00,2000.0,12345:12:34,,,80,210100,,,50,20090214093254,11F0$")
        #expect(decoded.positions.count == 2)
        let (first, last) = (decoded.positions[0], decoded.positions[1])
        #expect(first.fixTimeMs == Self.utc(2009, 2, 14, 1, 32, 54) && first.deviceTimeMs == first.fixTimeMs)
        #expect(first.attributes["batteryLevel"] == nil && first.attributes["vin"] == .string("1G1JC5444R7252367"))
        #expect(last.fixTimeMs == Self.utc(2009, 1, 1, 0, 0, 0))
        #expect(last.deviceTimeMs == Self.utc(2009, 2, 14, 9, 32, 54))
        #expect(last.attributes["batteryLevel"] == .int(80) && last.attributes["fuel"] == .int(50))
        #expect(last.attributes["odometer"] == .double(2_000_000))
        #expect(last.attributes["hours"] == .int((12345 * 3600 + 12 * 60 + 34) * 1000))
        #expect(last.attributes["ignition"] == .bool(true) && last.attributes["in1"] == .bool(false))
        #expect(last.speedKmh == 4.3 && last.courseDeg == 92 && last.altitudeM == 70 && last.hdop == 0)
    }

    @Test(arguments: [
        // rssi, battery % after the block
        ("+RESP:GTFRI,423031,866873025895726,,0,1,1,0,1,16,0.0,351,51.6,121.391063,31.164633,20181212072535,460,00,1877,DAE,00,3,85,20181212072535,002C$", "rssi", AttributeValue.int(3)),
        // mode, battery mV, battery %, motion, temperature
        ("+RESP:GTFRI,DE0114,865284042140479,,0,0,1,1,0.0,0,28.0,-118.268093,33.975430,20200901105954,0311,0480,3500,00D07F02,18,0,,93,0,,,20200901110000,0355$", "batteryLevel", .int(93)),
        // Wi-Fi list inside the position block
        ("+RESP:GTFRI,423037,866884047716519,GT501,0,1,1,5,12,0.1,0,46.8,-95.559173,30.109955,20231110185836,6,0e36c9916485,-50,,,,e831cd5eb79d,-73,,,,ccf4110c4bd5,-79,,,,acdb48973168,-79,,,,80ab4dc323c4,-82,,,,ec8eb5cfa1c6,-89,,,,310,10,711D,81ECF0F,00,,93,20231110185839,0005$", "batteryLevel", .int(93)),
    ])
    func fri_tailLayouts_areToldApart(_ text: String, key: String, value: AttributeValue) throws {
        let decoded = try decode(text)
        #expect(decoded.positions.count == 1)
        #expect(decoded.positions.last?.attributes[key] == value)
    }

    @Test func fri_thatDoesNotFitItsLayout_isReadByTheGenericParser() throws {
        // The Wi-Fi MAC where the mileage belongs breaks PATTERN_FRI; Traccar falls back the same way.
        let decoded = try decode("+RESP:GTFRI,07000D,868487001005941,,0,0,1,1,0.0,0,46.3,-77.039627,38.907573,20120731175232,0310,0260,B44B,EBC9,0015e96913a7,-58,,100,20120731175244,0114")
        let position = try #require(decoded.positions.first)
        #expect(position.valid && position.latitude == 38.907573 && position.attributes["batteryLevel"] == .int(100))
    }

    @Test func gt300Dialect_takesTheImeiFromFieldOne() throws {
        let text = "+RESP:GTTRI,862370030005908,1,0,99,1,0.0,354,18.5,18.821100,-34.084002,20170607152024,0655,0001,00DD,1CAE,00,0103010100,20170607172115,3E7D$"
        #expect(try decode(text).deviceId == "862370030005908")
        #expect(codec.examine(Array(text.utf8), context: SessionContext()).deviceId == "862370030005908")
    }

    @Test func heartbeat_isAnsweredWithItsVersionAndCount() throws {
        let text = "+ACK:GTHBD,1A0401,135790246811220,,20100214093254,11F0$"
        let decoded = try decode(text)
        #expect(decoded.kind == .heartbeat && decoded.positions.isEmpty && decoded.deviceId == "135790246811220")
        let reply = codec.examine(Array(text.utf8), context: SessionContext()).reply
        #expect(reply == Array("+SACK:GTHBD,1A0401,11F0$".utf8))
    }

    @Test func ackOption_answersEveryReportWithItsCount() {
        let text = Array("+RESP:GTPFA,F50201,866425030235982,GL300M,20190208124849,0BD4$".utf8)
        #expect(codec.examine(text, context: SessionContext()).reply == nil)
        let acked = codec.examine(text, context: SessionContext(options: [GL200Codec.ack.key: "true"]))
        #expect(acked.reply == Array("+SACK:0BD4$".utf8) && acked.deviceId == "866425030235982")
    }

    @Test func commandAcknowledgement_reportsTheResultAtTheSendTime() throws {
        let decoded = try decode("+ACK:GTRTO,1A0800,860599000773978,GL300,VER,FFFF,20161006053520,0C19")
        #expect(decoded.kind == .commandReply)
        let event = try #require(decoded.events.first)
        #expect(event.kind == .commandResult && event.attributes["result"] == .string("+ACK:GTRTO"))
        #expect(event.timeMs == Self.utc(2016, 10, 6, 5, 35, 20) && event.source == "decoder")
        #expect(decoded.positions.first?.valid == false)
    }

    @Test func alarmReport_raisesAnAlarmEvent() throws {
        let decoded = try decode("+RESP:GTSOS,DF0200,868487004358800,cv100,,00,1,1,0.0,0,138.0,114.015465,22.537372,20210714115224,0460,0001,25F8,061A7D02,,,20210714195224,20210714195224,03A6$")
        let time = Self.utc(2021, 7, 14, 11, 52, 24)
        #expect(decoded.kind == .alarm)
        let event = try #require(decoded.events.first)
        #expect(event.id == "868487004358800-alarm-\(time)-sos" && event.kind == .alarm && event.timeMs == time)
        #expect(event.attributes["alarm"] == .string("sos") && event.position.attributes["alarm"] == .string("sos"))
    }

    @Test func reportWithoutFix_isInvalidAtItsSendTime() throws {
        let position = try #require(try decode("+RESP:GTPNA,F50201,866425030235982,GL300M,20190208124909,0BD5$").positions.first)
        #expect(!position.valid && position.latitude == 0 && position.longitude == 0)
        #expect(position.fixTimeMs == Self.utc(2019, 2, 8, 12, 49, 9) && position.deviceTimeMs == position.fixTimeMs)
    }

    @Test func reportWithoutAnyTime_usesTheReceiveTime() throws {
        let position = try #require(try decode("+RESP:GTGSM,400201,862365030025161,STR,,0033$").positions.first)
        #expect(position.fixTimeMs == context.receivedAtMs)
    }

    @Test func infWithVin_linesUpAfterTheVin() throws {
        let position = try #require(try decode("+RESP:GTINF,1F0101,135790246811220,1G1JC5444R7252367,,16,898600810906F8048812,16,0,1,12000,,4.2,0,0,,,20090214013254,,,,,,+0800,0,20090214093254,11F0$").positions.first)
        #expect(position.attributes["power"] == .double(12) && position.attributes["battery"] == .double(4.2))
        #expect(position.attributes["iccid"] == .string("898600810906F8048812") && position.attributes["rssi"] == .int(16))
    }

    @Test func oneWireTemperatures_areSignedSixteenthsOfADegree() throws {
        let position = try #require(try decode("+RESP:GTERI,040A00,862894022579562,gv200,00000002,,10,1,1,96.1,180,749.7,39.222692,24.165463,20210225065756,0420,0004,759C,3360,00,15529.8,,,2789,,01,00,2,2,282BD47A0B000063,1,FFE2,281FDD5D0B000057,1,FFC8,20210225065800,6974$").positions.first)
        #expect(position.attributes["temp1"] == .double(-1.875) && position.attributes["temp2"] == .double(-3.5))
    }

    @Test func modelOverride_changesTheLayout() throws {
        // As a GL300 (from the version) the field after the cell is mileage; a GT501 sends RSSI there.
        let text = "+RESP:GTIGF,1A0100,135790246811220,,509,1,0.0,184,32.6,14.003446,42.654554,20240219124629,0222,0001,0FAD,0497F715,12.5,,,20240219124630,FD2F$"
        #expect(try decode(text).positions.first?.attributes["odometer"] == .double(12500))
        #expect(try decode(text, options: [GL200Codec.modelOverride.key: "gt501"]).positions.first?.attributes["odometer"] == nil)
    }

    @Test func corruptLayout_fallsBackToTheGenericParser() throws {
        let decoded = try decode("+RESP:GTERI,271002,863457051562823,,00000002,,10,1,1,0.0,15,28.2,-58.695253,-34.625413,20230119193305,0722,0007,1168,16B3BB,00,0.0,,,,9x,210100,2,1,28F8A149F69A3C25,1,0190,20230119193314,07C7$")
        let position = try #require(decoded.positions.first)
        #expect(position.latitude == -34.625413 && position.attributes["temp1"] == nil && position.attributes["type"] == .string("ERI"))
    }

    @Test func unreadableReport_throws() {
        #expect(throws: DecodeError.self) {
            try decode("+RESP:GTINF,C20113,869653060997976,,ZZ,89464278206103756482,19,0,11,12295,13985,4.25,0,0,,,20241104220934,0,0,,00,00,,,20241104162009,06D6$")
        }
    }

    @Test func reportWithNothingToKeep_throwsUnsupported_andNonReportsMalformed() throws {
        let unsupported = #expect(throws: DecodeError.self) { try decode("+RESP:GTXYZ,020102,135790246811220,,1,2,3,20090214093254,11F0$") }
        #expect(unsupported?.errorType == "unsupported" && unsupported?.message.contains("XYZ") == true)
        #expect((#expect(throws: DecodeError.self) { try decode("hello") })?.errorType == "malformed")
    }

    @Test func reportWithoutImei_needsASession() throws {
        #expect(throws: DecodeError("unidentified", "GL200 report without an IMEI")) { try decode("+RESP:GTFRI,020102,,,1$") }
        var session = context
        session.deviceId = "123456789012345"
        // With a session the report gets past identification, to the fields it lacks.
        let error = #expect(throws: DecodeError.self) { try codec.decode(Array("+RESP:GTFRI,020102,,,1$".utf8), context: session) }
        #expect(error?.errorType == "unsupported")
    }

    @Test func models_comeFromTheVersionPrefix() {
        #expect(GL200Models.model(version: "8020050605", options: [:]) == "GV355CEU")
        #expect(GL200Models.model(version: "C30209", options: [:]) == "GL320M")
        #expect(GL200Models.model(version: "C", options: [:]) == "")
        #expect(GL200Models.isGV35xCEU("GV350CEU") && !GL200Models.isGV35xCEU("GV30CEU"))
    }
}
