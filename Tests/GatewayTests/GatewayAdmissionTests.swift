import Foundation
import TestSupport
import Testing
import TrackwireProtocol
import TrackwireTesting

/// `--devices` and `--login-timeout` on a real tw-gateway: an unknown device gets no ack, an
/// `err.gateway` reject and a counter, its address is throttled after repeated tries, a connection
/// that never logs in is closed.
@Suite(.serialized) struct GatewayAdmissionTests {
    @Test func unknownDevice_getsNoAckButAReject_isThrottledAfterRepeatedTries_andNeverLoggedInIsClosed() async throws {
        let harness = try await GatewayHarness(listeners: [("gt06", "tcp")], extra: ["--devices", "register ^99[0-9]+$", "--login-timeout", "1s"])
        let port = harness.ports["gt06"]!
        let login = GatewayCaptures.gt06Login

        let unknown = try DeviceClient(port: port)
        unknown.send(login.bytes)
        #expect(unknown.isClosedByPeer(), "an unknown device's connection is closed, with no ack")
        #expect(await harness.waitForCounter("trackwire_bad_frames_total", "reason=\"device_not_admitted\"", atLeast: 1))
        let reject = try #require(try harness.nextMessage(on: harness.store) {
            $0.topic == "err.gateway" && (try? $0.decode(Reject.self).errorType) == "device_not_admitted"
        })
        #expect(try Array(Frame(serializedBytes: try reject.decode(Reject.self).body).payload) == login.bytes)

        let silent = try DeviceClient(port: port)
        #expect(await harness.waitForCounter("trackwire_dropped_total", "reason=\"login_timeout\"", atLeast: 1), "closed after --login-timeout")
        #expect(silent.isClosedByPeer())

        for _ in 0..<2 {
            let again = try DeviceClient(port: port)
            again.send(login.bytes)
            #expect(again.isClosedByPeer())
        }
        let throttled = try DeviceClient(port: port)
        #expect(throttled.isClosedByPeer(), "after three unknown devices the address is refused at once")
        #expect(await harness.waitForCounter("trackwire_dropped_total", "reason=\"admission_throttled\"", atLeast: 1))
    }
}
