import HummingbirdCore
import Testing
import TrackwireProtocol
@testable import Storage

@Suite struct APIQueryTests {
    @Test func list_splitsCommasAndCollectsRepeats() {
        let query = APIQuery([("device", "a, b"), ("device", "c"), ("device", ""), ("other", "x")])
        #expect(query.list("device") == ["a", "b", "c"])
    }

    @Test func timeRange_acceptsBothFormsAndAReversedRange() throws {
        let range = try APIQuery([("from", "2024-05-01T12:00:00Z"), ("to", "1714564900000")]).timeRange()
        #expect(range.from == 1_714_564_800_000 && range.to == 1_714_564_900_000)
        let reversed = try APIQuery([("from", "1000"), ("to", "999")]).timeRange()
        #expect(reversed.from == 1000 && reversed.to == 999, "an empty range, not an error")
        let error = #expect(throws: APIError.self) { try APIQuery([("from", "soon")]).timeRange() }
        #expect(error?.message.contains("from=soon") == true)
        #expect(throws: APIError.self) { try APIQuery([("to", "")]).timeRange() }
    }

    /// As forms and Python's requests encode a query: `+` is a space, `%2B` a plus.
    @Test func uri_plusIsASpace() throws {
        let query = APIQuery(URI("/api/reports/trips?device=+&to=2024-05-01T14:00:00%2B02:00&x=a+b%20c&flag"))
        #expect(query.list("device").isEmpty)
        #expect(try query.time("to") == 1_714_564_800_000)
        #expect(query.string("x") == "a b c" && query.string("flag") == "")
    }

    @Test func list_trimsSpacesAndTabsOnly() {
        #expect(APIQuery([("device", " a\t,\u{A0}")]).list("device") == ["a", "\u{A0}"])
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
        #expect(try APIQuery([("kind", "")]).eventKinds().isEmpty)
        for loose in ["enter,", " enter", "enter,,exit"] {
            #expect(throws: APIError.self, "\(loose)") { try APIQuery([("kind", loose)]).eventKinds() }
        }
    }

    /// The document's `kind` pattern is what `eventKinds` reads.
    @Test func eventKindsPattern_matchesExactlyWhatIsRead() throws {
        for text in ["", "enter", "enter,exit,ignition_on", "enter,", "Enter", "enter,,exit", "x"] {
            let matches = text.range(of: APIQuery.eventKindsPattern, options: .regularExpression) != nil
            #expect(matches == ((try? APIQuery([("kind", text)]).eventKinds()) != nil), "\(text)")
        }
    }

    @Test func replacing_setsOneParameterAndEncodesValues() {
        let query = APIQuery([("device", "a,b"), ("cursor", "old"), ("from", "2024-05-01T14:00:00+02:00")])
        #expect(query.replacing("cursor", with: "new") == "device=a%2Cb&from=2024-05-01T14:00:00%2B02:00&cursor=new")
    }

    @Test func format_unknownName_isABadRequest() throws {
        #expect(try PositionExportFormat(APIQuery([("format", "gpx")])) == .gpx)
        #expect(throws: APIError.self, "the document's enum is lower-case") { try PositionExportFormat(APIQuery([("format", "GPX")])) }
        #expect(throws: APIError.self) { try PositionExportFormat(APIQuery([("format", "")])) }
        #expect(try PositionExportFormat(APIQuery([])) == .json)
        #expect(throws: APIError.self) { try PositionExportFormat(APIQuery([("format", "kml")])) }
    }
}
