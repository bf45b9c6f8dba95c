import Foundation
import Testing
import TestSupport

/// The deploy files and docs list exactly the protocols the descriptors declare, so adding a
/// protocol needs `make generated` (`TW_WRITE_GENERATED=1`), never a hand edit there.
@Suite struct GeneratedBlocksTests {
    // Serialized: two blocks of one file written at once would each keep the other's old lines.
    @Test(.serialized, arguments: GeneratedBlock.all.map { "\($0.path)|\($0.name)" })
    func generatedBlock_matchesTheDescriptors(_ id: String) throws {
        let block = try #require(GeneratedBlock.all.first { "\($0.path)|\($0.name)" == id })
        let url = RepositoryPaths.root.appendingPathComponent(block.path)
        var lines = try String(contentsOf: url, encoding: .utf8).components(separatedBy: "\n")
        let begin = try #require(lines.firstIndex { $0.trimmingCharacters(in: .whitespaces) == block.begin }, "\(block.path): no '\(block.begin)'")
        let end = try #require(lines[begin...].firstIndex { $0.trimmingCharacters(in: .whitespaces) == block.end }, "\(block.path): no '\(block.end)'")
        if ProcessInfo.processInfo.environment["TW_WRITE_GENERATED"] == "1" {
            lines.replaceSubrange((begin + 1)..<end, with: block.lines)
            try lines.joined(separator: "\n").write(to: url, atomically: true, encoding: .utf8)
            return
        }
        let found = Array(lines[(begin + 1)..<end])
        #expect(found == block.lines, "\(block.path) '\(block.name)' is stale; run make generated\nexpected:\n\(block.lines.joined(separator: "\n"))")
    }
}
