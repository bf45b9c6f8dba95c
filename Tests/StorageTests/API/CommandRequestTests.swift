import Foundation
import Testing
import TrackwireProtocol
@testable import Storage

@Suite struct CommandRequestTests {
    private func request(_ json: String) throws -> CommandRequest {
        try CommandRequest(JSONValue.parse(Array(json.utf8)))
    }

    @Test func command_carriesTypeTextAndStringParams() throws {
        let parsed = try request(#"{"device":"356307042441013","type":"position_periodic","params":{"interval":30,"unit":"s","on":true}}"#)
        let command = parsed.command(id: "c1", createdMs: 7)
        #expect(command.deviceID == "356307042441013" && command.type == "position_periodic" && command.id == "c1")
        #expect(command.params == ["interval": "30", "unit": "s", "on": "true"] && command.createdMs == 7)
    }

    @Test func expiresIn_isWholeSeconds_writtenAsAnIntegerOrAWholeDouble() throws {
        #expect(try request(#"{"device":"d","type":"engine_stop","expires_in":60}"#).expiresIn == 60)
        #expect(try request(#"{"device":"d","type":"engine_stop","expires_in":2.0}"#).expiresIn == 2)
        #expect(try request(#"{"device":"d","type":"engine_stop"}"#).expiresIn == nil)
    }

    @Test(arguments: [
        #"{"type":"engine_stop"}"#,
        #"{"device":"","type":"engine_stop"}"#,
        #"{"device":"d","type":"self_destruct"}"#,
        #"{"device":"d","type":"custom"}"#,
        #"{"device":"d","type":"custom","text":5}"#,
        #"{"device":"d","type":"engine_stop","params":{"a":[1]}}"#,
        #"{"device":"d","type":"engine_stop","params":"x"}"#,
        #"["device"]"#,
        #"{"device":"d","type":"engine_stop","expires_in":0}"#,
        #"{"device":"d","type":"engine_stop","expires_in":2.5}"#,
        #"{"device":"d","type":"engine_stop","expires_in":2592001}"#,
        #"{"device":"d","type":"engine_stop","expires_in":"60"}"#,
    ])
    func init_badBody_isABadRequest(json: String) {
        #expect(throws: APIError.self) { try request(json) }
    }

    @Test func knownTypes_areExactlyTheTypesInDocsCommands() throws {
        let docs = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../../docs/commands.md")
        let rows = try String(contentsOf: docs, encoding: .utf8).split(separator: "\n").filter { $0.hasPrefix("| ") && !$0.hasPrefix("| protocol") }
        let documented = Set(rows.flatMap { row in
            row.split(separator: "`").enumerated().filter { $0.offset % 2 == 1 }.map { String($0.element) }
        })
        #expect(documented.count > 20)
        #expect(CommandRequest.knownTypes == documented)
    }
}
