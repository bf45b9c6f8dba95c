import Foundation
import SwiftProtobuf
import TrackwireProtocol

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

    static let sample = Position.with {
        $0.deviceID = "356307042441013"
        $0.protocol = "gt06"
        $0.fixTimeMs = 1_796_283_365_000
        $0.deviceTimeMs = 1_796_283_365_000
        $0.serverTimeNs = 1_796_283_365_123_456_789
        $0.latitude = 52.520008
        $0.longitude = 13.404954
        $0.altitudeM = 34.5
        $0.speedKmh = 48.2
        $0.courseDeg = 271
        $0.satellites = 9
        $0.hdop = 0.9
        $0.valid = true
        $0.attributes = ["ignition": .bool(true), "odometer_m": .int(123_456), "battery_v": .double(12.6), "alarm": .string("sos")]
        $0.frame = .with { $0.gatewayID = "gw-1"; $0.sessionID = 7; $0.sequence = 42 }
    }
}

extension Duration {
    /// The duration in microseconds, as a floating-point number.
    var inMicroseconds: Double { inSeconds * 1e6 }
}
