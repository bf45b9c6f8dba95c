import Foundation
import Hummingbird
import Testing
import TrackwireProtocol
import TrackwireTesting
@testable import Storage

/// Keeps `/api/openapi.json` true: the router's routes and the document's operations are the same
/// set, and the document is valid OpenAPI 3.1.
@Suite struct OpenAPIDocumentTests {
    static let methods = ["get", "put", "post", "delete", "patch", "head", "options", "trace"]

    /// "GET /api/devices/{id}" for every operation in the document.
    static func documentedOperations() throws -> Set<String> {
        let paths = try #require(OpenAPIDocument.document["paths"]?.objectValue)
        return Set(paths.members.flatMap { path, item in
            (item.objectValue?.keys ?? []).filter(methods.contains).map { "\($0.uppercased()) \(path)" }
        })
    }

    @Test func document_parsesAndIsOpenAPI31Shaped() throws {
        #expect(OpenAPIDocument.document["openapi"] == "3.1.0")
        #expect(OpenAPIDocument.document["info"]?["title"]?.stringValue != nil)
        #expect(try Self.documentedOperations().count >= 18)
    }

    @Test func routerRoutes_areExactlyTheDocumentedOperations() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tw-openapi-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try await TestBackend.make(in: directory)
        let router = Router()
        router.get("/metrics") { _, _ in "" }
        StorageAPI.addRoutes(to: router, store: store, outlet: RecordingOutlet(), configuration: APIConfiguration())
        try await store.close()

        let served = Set(router.routes.filter { $0.path.description.hasPrefix("/api") }.map { "\($0.method.rawValue) \($0.path)" })
        let documented = try Self.documentedOperations()
        #expect(served.subtracting(documented).isEmpty, "served but not documented")
        #expect(documented.subtracting(served).isEmpty, "documented but not served")
        #expect(served.count >= 18)
    }

    /// The OpenAPI document's Position is docs/schemas/position.schema.json, the one position JSON
    /// push and tw tap send too (its Attributes under components instead of $defs).
    @Test func positionSchema_isTheOneInDocs() throws {
        let file = RepositoryPaths.root.appendingPathComponent("docs/schemas/position.schema.json")
        let schema = try JSONValue.parse(Array(try Data(contentsOf: file)))
        var expected = try #require(schema.objectValue)
        for key in ["$schema", "$id", "title", "$defs"] { expected[key] = nil }
        var properties = try #require(expected["properties"]?.objectValue)
        properties["attributes"] = .object(["$ref": "#/components/schemas/Attributes"])
        expected["properties"] = .object(properties)
        let schemas = OpenAPIDocument.document["components"]?["schemas"]
        #expect(Set(schemas?["Position"]?.objectValue?.keys ?? []) == Set(expected.keys))
        for key in expected.keys { #expect(schemas?["Position"]?[key] == expected[key], "Position.\(key) differs from docs") }
        #expect(schemas?["Attributes"] == schema["$defs"]?["Attributes"])
    }

    @Test func document_passesOpenAPISpecValidator() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("tw-openapi-\(UUID().uuidString).json")
        try Data(OpenAPIDocument.text.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", """
            import json, sys
            from openapi_spec_validator import validate
            validate(json.load(open(sys.argv[1])))
            print("valid")
            """, file.path]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        process.waitUntilExit()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationStatus == 0, "openapi-spec-validator (scripts/install-deps.sh installs it): \(text)")
        #expect(text.contains("valid"))
    }
}
