import Foundation
import Testing
import TrackwireTesting

/// The committed generated Swift must be what `make proto` produces from `protocol/` today.
@Suite struct GeneratedCodeTests {
    static let protoc = ["/usr/bin/protoc", "/usr/local/bin/protoc"].first { FileManager.default.isExecutableFile(atPath: $0) }
    static let plugin = RepositoryPaths.root.appendingPathComponent(".build/debug/protoc-gen-swift").path

    @Test(.enabled(if: protoc != nil, "protoc is not installed (apt-get install protobuf-compiler): cannot check the generated code"),
          .enabled(if: FileManager.default.isExecutableFile(atPath: plugin), "protoc-gen-swift is not built (make proto builds it): cannot check the generated code"))
    func committedGeneratedCode_matchesTheSchemas() throws {
        let root = RepositoryPaths.root
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("tw-proto-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: output) }
        let schemas = try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("protocol/trackwire/v1").path)
            .filter { $0.hasSuffix(".proto") }.sorted().map { "protocol/trackwire/v1/\($0)" }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.protoc!)
        process.currentDirectoryURL = root
        process.arguments = ["--plugin=protoc-gen-swift=\(Self.plugin)", "--swift_opt=Visibility=Public",
                             "--swift_opt=FileNaming=DropPath", "--swift_out=\(output.path)", "-I", "protocol"] + schemas
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let generated = root.appendingPathComponent("Sources/TrackwireProtocol/Generated")
        for schema in schemas {
            let name = URL(fileURLWithPath: schema).deletingPathExtension().lastPathComponent + ".pb.swift"
            let fresh = try String(contentsOf: output.appendingPathComponent(name), encoding: .utf8)
            let committed = try? String(contentsOf: generated.appendingPathComponent(name), encoding: .utf8)
            #expect(fresh == committed, "\(name) is stale: run `make proto` and commit the result")
        }
    }
}
