import Codecs
import Testing
import TestSupport

/// Random and mutated requests never crash or hang the OsmAnd codec.
@Suite struct OsmAndRobustnessTests {
    @Test func hammer_survivesRandomAndMutatedInput() {
        let seeds = Captures.of("osmand").map(\.bytes)
        let framesCut = CodecRobustness.hammer(OsmAndCodec(), seeds: seeds, cases: CodecRobustness.caseCount())
        #expect(framesCut > 0)
    }

    @Test func deeplyNestedJSON_isRejectedNotRecursedInto() {
        let body = Array(("{\"location\":" + String(repeating: "[", count: 100_000)).utf8)
        #expect(throws: DecodeError.self) { try OsmAndCodec().decode(body, context: DecodeContext(deviceId: "1")) }
    }
}
