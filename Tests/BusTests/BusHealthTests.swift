import Bus
import Testing
import TrackwireRuntime
import TrackwireTesting

/// tw-bus's `channels` health check, in process: it passes while every forwarder runs and names
/// those that stopped.
@Suite struct BusHealthTests {
    @Test func channels_failNamingEachStoppedForwarder() async throws {
        let address = "127.0.0.1:\(FreePorts.consecutiveBase(6))"
        let command = try BusCommand.parse(["--bus", address, "--instance", "bus-health"])
        let context = try StageContext(stage: "bus", options: command.runtime)
        let service = BusService(context: context, specs: command.channels)
        let running = Task { try await service.run() }
        let channels = { context.healthChecks().first { $0.name == "channels" }?.status }
        #expect(await eventually { channels() == .ok })
        // Terminating the context stops every forwarder, as a fatal socket error would.
        context.zmq.shutdown()
        #expect(await eventually { channels()?.reason?.contains("forwarder stopped: broadcast, frames, store") == true }, "\(String(describing: channels()))")
        _ = try? await running.value
        context.zmq.terminate()
    }
}
