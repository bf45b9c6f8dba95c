import Codecs
import Foundation
import Testing
import TestSupport

/// Every capture of every registered protocol gives exactly the output pinned in its protocol's
/// golden file, so an unintended change in any field of any position, event, reply or error
/// fails here. `make golden` (`TW_WRITE_GOLDEN=1`, or a comma-separated list of protocols)
/// rewrites the files instead; review the diff before committing it.
@Suite struct GoldenOutputTests {
    static let protocols = CodecRegistry.descriptors.map(\.name)

    @Test(arguments: protocols)
    func everyCapture_givesItsPinnedOutput(_ protocolName: String) throws {
        let captures = Captures.of(protocolName)
        try #require(!captures.isEmpty, "\(protocolName) has no captures in the fixtures")
        if Self.writing(protocolName) {
            let text = captures.map(CaptureOutcome.line).joined(separator: "\n") + "\n"
            try text.write(to: GoldenFiles.url(protocolName), atomically: true, encoding: .utf8)
        }
        let pinned = try #require(GoldenFiles.outcomes(protocolName), "no golden file \(GoldenFiles.url(protocolName).path); run make golden")
        #expect(pinned.count == captures.count, "\(protocolName): \(pinned.count) pinned outcomes for \(captures.count) captures")
        for capture in captures {
            let actual = CaptureOutcome.line(capture)
            #expect(GoldenFiles.same(GoldenFiles.parse(actual), pinned[capture.line]), "\(capture)\n  now:    \(actual)")
        }
    }

    /// Whether `TW_WRITE_GOLDEN` asks for this protocol's file to be written (`1`/`all`: every one).
    static func writing(_ protocolName: String) -> Bool {
        guard let wanted = ProcessInfo.processInfo.environment["TW_WRITE_GOLDEN"], !wanted.isEmpty else { return false }
        let names = wanted.split(separator: ",").map(String.init)
        return names.contains("1") || names.contains("all") || names.contains(protocolName)
    }
}
