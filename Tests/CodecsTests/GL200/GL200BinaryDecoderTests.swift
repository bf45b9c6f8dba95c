import Testing
import TrackwireProtocol
@testable import Codecs
import TestSupport

/// The binary ("HEX") and Protocol Pro frames, decoded to the vendor layout.
@Suite struct GL200BinaryDecoderTests {
    let codec = GL200Codec()
    let context = DecodeContext(receivedAtMs: 1_700_000_000_000)

    func bytes(_ hex: String) -> [UInt8] { Hex.decode(hex)! }

    static func utc(_ y: Int, _ mo: Int, _ d: Int, _ h: Int, _ mi: Int, _ s: Int) -> Int64 {
        UTCTime.milliseconds(year: y, month: mo, day: d, hour: h, minute: mi, second: s)!
    }

    @Test func hexReport_namesTheDeviceByItsPackedImei() throws {
        let frame = bytes("2b5253500700fc1fbf005d4501020209563254030003430564377e42071001000000000000007eff75a151025c6a8107e10801081a2a02680003189c1ac500000000000002100700000000000000000007e1080108241019e17ebe0d0a")
        let examination = codec.examine(frame, context: SessionContext())
        #expect(examination.deviceId == "865084030003675" && examination.reply == nil)
        let decoded = try codec.decode(frame, context: context)
        let position = try #require(decoded.positions.first)
        #expect(decoded.deviceId == "865084030003675" && decoded.positions.count == 1)
        #expect(!position.valid) // accuracy 0: no fix
        #expect(position.latitude == 39.611009 && position.longitude == -9.068207 && position.altitudeM == 126)
        #expect(position.fixTimeMs == Self.utc(2017, 8, 1, 8, 26, 42) && position.satellites == 7)
        #expect(position.attributes["batteryLevel"] == .int(100) && position.attributes["power"] == .double(14.206))
    }

    @Test func binaryDatagramCutShort_isBadLength() {
        let frame = bytes("2b41434b017f244501010108676231303000000000ffff07e1070b03112d054dfe030d0a")
        #expect(codec.examine(frame, context: SessionContext()).problem == nil)
        #expect(codec.examine(Array(frame.dropLast(2)), context: SessionContext()).problem == "bad_length")
    }

    @Test func hexEvent_speedIsWholeKilometresPlusTenths() throws {
        let frame = bytes("2b4556542d00fc1fbf0063450102020956325403000343056437f8220700000200000000010000160100f2007eff75a1f0025c6b1a07e1080108241a02680003189c1ac500000000000002100800000000000000000007e1080108241a19e24e4e0d0a")
        let position = try #require(try codec.decode(frame, context: context).positions.first)
        #expect(abs(position.speedKmh - 22.1) < 1e-9 && position.courseDeg == 242)
        #expect(position.attributes["versionFw"] == .string("521"))
    }

    @Test func compressedTrack_pointsAreOneSecondApart() throws {
        let capture = try #require(Captures.of("gl200").first { $0.payload.hasPrefix("2b5253506400") })
        let positions = try codec.decode(capture.bytes, context: context).positions
        #expect(positions.count > 200)
        let first = try #require(positions.first)
        #expect(first.fixTimeMs == 1_501_576_587_000 && first.latitude == 39.611129 && first.longitude == -9.068108)
        #expect(zip(positions, positions.dropFirst()).allSatisfy { $1.fixTimeMs > $0.fixTimeMs })
        #expect(positions.allSatisfy { abs($0.latitude - 39.61) < 0.1 && abs($0.longitude + 9.07) < 0.1 })
    }

    @Test func protocolPro_decodesTheFullLocation() throws {
        let frame = bytes("2b000038000865134050947226820300030000216a3ed6f101895000521629fa8b28f402ac1a8e6a3ed6f100001600000010f505010ff824")
        #expect(codec.examine(frame, context: SessionContext()).deviceId == "865134050947226")
        let decoded = try codec.decode(frame, context: context)
        let position = try #require(decoded.positions.first)
        #expect(decoded.positions.count == 1 && position.valid)
        #expect(position.latitude == 44.833422 && position.longitude == -91.543308)
        #expect(abs(position.altitudeM - 434.1) < 1e-9 && abs(position.hdop - 2.2) < 1e-9 && position.satellites == 5)
        #expect(position.fixTimeMs == 1_782_503_153_000 && position.speedKmh == 0)
    }

    @Test func login_namesTheDevice() throws {
        let frame = bytes("2b4c474e00ff0026fe110b07020106563454040d054905000007e4031911213905083abd0d0a")
        let decoded = try codec.decode(frame, context: DecodeContext())
        #expect(decoded.kind == .login && decoded.deviceId == "865284041305735" && decoded.positions.isEmpty)
    }

    @Test func acknowledgementWithADeviceName_belongsToTheSession() throws {
        let frame = bytes("2b41434b017f244501010108676231303000000000ffff07e1070b03112d054dfe030d0a")
        #expect(codec.examine(frame, context: SessionContext()).deviceId == nil)
        let decoded = try codec.decode(frame, context: DecodeContext(deviceId: "123456789012345"))
        #expect(decoded.kind == .commandReply && decoded.deviceId == "123456789012345" && decoded.positions.isEmpty)
        #expect(throws: DecodeError.self) { try codec.decode(frame, context: DecodeContext()) }
    }

    @Test func information_takesFirmwareAndSendTime() throws {
        let frame = bytes("2b494e4601fd7f0076676231303000000045010202090104020500004100054007e107150b061d0000003f010e02580000000000d0312a1013648935103226313921591f1200000000000302680003189c1ac3001b02680003189c1ac4000d02680003189c1ac5001207e107150b0d3704f658060d0a")
        let decoded = try codec.decode(frame, context: DecodeContext(deviceId: "123456789012345"))
        let position = try #require(decoded.positions.first)
        #expect(decoded.kind == .status && position.attributes["versionFw"] == .string("521"))
        #expect(position.deviceTimeMs == Self.utc(2017, 7, 21, 11, 13, 55) && !position.valid)
    }

    @Test func identity_decodesTwoDigitsPerByte() {
        #expect(GL200Identity.imei([0x0D, 0x39, 0x5A, 0x18, 0x44, 0x0B, 0x16, 0x00]) == "135790246811220")
        #expect(GL200Identity.imei(Array("gb100\0\0\0".utf8)[...]) == nil)
        #expect(GL200Identity.proImei([0x01, 0x23, 0x45, 0x67, 0x89, 0x01, 0x23, 0x45]) == "123456789012345")
    }
}
