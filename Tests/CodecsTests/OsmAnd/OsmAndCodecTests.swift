import Codecs
import Testing
import TestSupport
import TrackwireProtocol

/// Focused behaviour of the OsmAnd codec: parameter spellings, units, times, JSON, identification.
@Suite struct OsmAndCodecTests {
    let codec = OsmAndCodec()
    static let receivedAtMs: Int64 = 1_700_000_000_000

    func position(_ request: String, options: [String: String] = [:]) throws -> Position {
        let context = DecodeContext(transport: .http, options: options, receivedAtMs: Self.receivedAtMs)
        return try #require(try codec.decode(Array(request.utf8), context: context).positions.first)
    }

    @Test(arguments: [("", 1.852), ("kn", 1.852), ("kmh", 1.0), ("mps", 3.6), ("mph", 1.609344)])
    func querySpeed_isConvertedFromItsUnit(unit: String, factor: Double) throws {
        let options = unit.isEmpty ? [:] : ["Speed": unit]
        #expect(abs(try position("/?id=1&lat=1&lon=2&speed=10", options: options).speedKmh - 10 * factor) < 1e-9)
    }

    @Test(arguments: [
        ("1377177267", Int64(1_377_177_267_000)),
        ("1442068686579", 1_442_068_686_579),
        ("2016-01-27T18:55:47Z", 1_453_920_947_000),
        ("2016-01-27T18:55:47.250Z", 1_453_920_947_250),
        ("2016-01-27T20:55:47%2B02:00", 1_453_920_947_000),
        ("2014-06-04+09%3A10%3A11", 1_401_873_011_000),
    ])
    func timestamp_acceptsEveryTraccarForm(text: String, expected: Int64) throws {
        #expect(try position("/?id=1&lat=1&lon=2&timestamp=\(text)").fixTimeMs == expected)
    }

    @Test func missingTimestamp_usesTheReceiveTime() throws {
        #expect(try position("/?id=1&lat=1&lon=2").fixTimeMs == Self.receivedAtMs)
    }

    @Test func aliases_deviceidLocationHeading() throws {
        let p = try position("/?deviceid=abc&location=60.5,30.25&heading=90&altitude=12&accuracy=4&batt=55&charge=true")
        #expect(p.deviceID == "abc" && p.latitude == 60.5 && p.longitude == 30.25 && p.courseDeg == 90 && p.altitudeM == 12)
        #expect(p.attributes["accuracy"] == .double(4) && p.attributes["batteryLevel"] == .double(55))
        #expect(p.attributes["charge"] == .bool(true) && p.valid)
    }

    @Test func otherParameters_becomeTypedAttributes() throws {
        let p = try position("/?id=1&lat=1&lon=2&rpm=933&ignition=false&driverUniqueId=0042&note=hello+world%21&valid=0")
        #expect(p.attributes["rpm"] == .double(933) && p.attributes["ignition"] == .bool(false))
        #expect(p.attributes["driverUniqueId"] == .string("0042") && p.attributes["note"] == .string("hello world!"))
        #expect(!p.valid)
    }

    @Test func formPost_isReadLikeAQuery() throws {
        #expect(try position("/?" + "id=7&lat=10&lon=20").deviceID == "7")
    }

    @Test func noLocation_isMarkedOutdated() throws {
        let p = try position("/?id=1&timestamp=1377177267")
        #expect(!p.valid && p.attributes["outdated"] == .bool(true))
    }

    @Test func examine_namesTheDeviceOrReportsMissingId() {
        #expect(codec.examine(Array("/?id=42&lat=1".utf8), context: SessionContext()) == Examination(deviceId: "42"))
        #expect(codec.examine(Array("/?lat=1&lon=2".utf8), context: SessionContext()) == Examination(problem: "missing_id"))
        #expect(codec.examine(Array(#"{"location":{}}"#.utf8), context: SessionContext()).problem == "missing_id")
        #expect(throws: DecodeError.self) { try codec.decode(Array("/?lat=1".utf8), context: DecodeContext()) }
    }

    @Test func json_unitsBatteryAndExtras() throws {
        let body = #"{"device_id":"d1","location":{"timestamp":"2021-07-21T08:06:34.444Z","coords":{"latitude":1.5,"longitude":2.5,"speed":10,"heading":-1,"altitude":3},"battery":{"level":0.29,"is_charging":true},"mock":true,"extras":{"n":1,"d":1.0,"b":false,"s":"x\u00e9","o":{}}}}"#
        let p = try position(body)
        #expect(p.deviceID == "d1" && p.fixTimeMs == 1_626_854_794_444 && p.speedKmh == 36 && p.courseDeg == 0)
        #expect(p.attributes["batteryLevel"] == .int(29) && p.attributes["charge"] == .bool(true) && p.attributes["mock"] == .bool(true))
        #expect(p.attributes["n"] == .int(1) && p.attributes["d"] == .double(1) && p.attributes["b"] == .bool(false))
        #expect(p.attributes["s"] == .string("xé") && p.attributes["o"] == nil)
    }

    @Test func json_locationArray_givesOnePositionEach() throws {
        let body = #"{"device_id":"d1","location":[{"coords":{"latitude":1,"longitude":2}},{"coords":{"latitude":3,"longitude":4}}]}"#
        let decoded = try codec.decode(Array(body.utf8), context: DecodeContext(transport: .http))
        #expect(decoded.positions.map(\.latitude) == [1, 3])
    }

    @Test(arguments: [#"{"device_id":"d1"}"#, #"{"device_id":"d1","location":{}"#, #"{"device_id":"d1" "location":{}}"#])
    func json_malformedOrWithoutLocation_throws(body: String) {
        #expect(throws: DecodeError.self) { try codec.decode(Array(body.utf8), context: DecodeContext(transport: .http)) }
    }
}

/// Invalid UTF-8 in device text is repaired, not trapped on.
@Suite struct LenientUTF8Tests {
    @Test func invalidBytes_becomeReplacementCharacters() {
        #expect(LenientUTF8.string([0x61, 0xFF, 0x62, 0xE2, 0x82]) == "a\u{FFFD}b\u{FFFD}\u{FFFD}")
        #expect(LenientUTF8.string(Array("héllo €😀".utf8)) == "héllo €😀")
    }
}

/// Values out of any sane range are stored, not trapped on.
@Suite struct OsmAndExtremeValueTests {
    @Test func hugeBatteryLevel_doesNotTrap() throws {
        let body = #"{"device_id":"d","location":{"coords":{"latitude":1,"longitude":2},"battery":{"level":1e300}}}"#
        let decoded = try OsmAndCodec().decode(Array(body.utf8), context: DecodeContext(transport: .http))
        #expect(decoded.positions.first?.attributes["batteryLevel"] == .double(1e302))
    }
}
