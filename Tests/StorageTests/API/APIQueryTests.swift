import Testing
import TrackwireProtocol
@testable import Storage

@Suite struct APIQueryTests {
    @Test func list_splitsCommasAndCollectsRepeats() {
        let query = APIQuery([("device", "a, b"), ("device", "c"), ("device", ""), ("other", "x")])
        #expect(query.list("device") == ["a", "b", "c"])
    }

    @Test func timeRange_acceptsBothFormsAndRejectsReversedBounds() throws {
        let range = try APIQuery([("from", "2024-05-01T12:00:00Z"), ("to", "1714564900000")]).timeRange()
        #expect(range.from == 1_714_564_800_000 && range.to == 1_714_564_900_000)
        #expect(throws: APIError.self) { try APIQuery([("from", "1000"), ("to", "999")]).timeRange() }
        let error = #expect(throws: APIError.self) { try APIQuery([("from", "soon")]).timeRange() }
        #expect(error?.message.contains("from=soon") == true)
    }

    @Test(arguments: ["0", "-1", "10001", "ten", "1.5"])
    func limit_outOfRange_isABadRequest(text: String) {
        #expect(throws: APIError.self) { try APIQuery([("limit", text)]).limit(default: 1000, maximum: 10_000) }
    }

    @Test func limit_defaultsAndAcceptsTheMaximum() throws {
        #expect(try APIQuery([]).limit(default: 1000, maximum: 10_000) == 1000)
        #expect(try APIQuery([("limit", "10000")]).limit(default: 1000, maximum: 10_000) == 10_000)
    }

    @Test func eventKinds_readsTopicNames() throws {
        #expect(try APIQuery([("kind", "enter,alarm,ignition_on")]).eventKinds() == [.geofenceEnter, .alarm, .ignitionOn])
        #expect(throws: APIError.self) { try APIQuery([("kind", "teleport")]).eventKinds() }
    }

    @Test func replacing_setsOneParameterAndEncodesValues() {
        let query = APIQuery([("device", "a,b"), ("cursor", "old"), ("from", "2024-05-01T14:00:00+02:00")])
        #expect(query.replacing("cursor", with: "new") == "device=a%2Cb&from=2024-05-01T14:00:00%2B02:00&cursor=new")
    }

    @Test func format_unknownName_isABadRequest() throws {
        #expect(try PositionExportFormat(APIQuery([("format", "GPX")])) == .gpx)
        #expect(try PositionExportFormat(APIQuery([])) == .json)
        #expect(throws: APIError.self) { try PositionExportFormat(APIQuery([("format", "kml")])) }
    }
}
