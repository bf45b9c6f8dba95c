import Foundation
import SwiftProtobuf
import TrackwireProtocol
import TrackwireTesting

/// What rendering one position for push costs: the one position JSON (`MessageRegistry.json(of:)`,
/// what push sends since issue 19) against the proto3 JSON mapping push sent before, on the same
/// decoded position with typical attributes. Push renders each bus message once, whatever the
/// number of clients, so this is per message, not per delivery.
enum RenderBenchmark {
    /// Microseconds per rendering: (the one position JSON, proto3 JSON).
    static func measure(iterations: Int = 20_000) -> (shared: Double, protobuf: Double) {
        let position = sample
        var bytes = 0
        let shared = time(iterations) { bytes &+= ((try? MessageRegistry.json(of: position)) ?? "").utf8.count }
        let protobuf = time(iterations) { bytes &+= ((try? position.jsonString(options: MessageRegistry.jsonOptions)) ?? "").utf8.count }
        precondition(bytes > 0)
        return (shared, protobuf)
    }

    private static func time(_ iterations: Int, _ body: () -> Void) -> Double {
        for _ in 0..<iterations / 10 { body() }
        let start = ContinuousClock.now
        for _ in 0..<iterations { body() }
        return (ContinuousClock.now - start).inMicroseconds / Double(iterations)
    }

    /// Every field set, four attributes: what a decoder typically publishes.
    static let sample = SamplePositions.full()
}

extension Duration {
    /// The duration in microseconds, as a floating-point number.
    var inMicroseconds: Double { inSeconds * 1e6 }
}
