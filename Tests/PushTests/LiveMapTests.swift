import Foundation
import Testing
import TrackwireTesting

/// The live map in a real browser: headless Chromium loads `/` while a demo fleet moves, and the
/// rendered DOM must show the vehicles (SVG markers and the device list).
@Suite(.serialized) struct LiveMapTests {
    @Test func liveMap_inHeadlessChromium_showsTheMovingVehicles() async throws {
        let harness = try await PushHarness()
        // Push subscribes only to what clients watch: this watcher makes it hear the fleet.
        let watcher = try harness.sseClient("?all")
        defer { watcher.signal(SIGKILL) }
        #expect(await watcher.waitForLine(timeout: .seconds(30)) { $0.contains("event: hello") } != nil)
        let fleet = try ChildProcess(URL(fileURLWithPath: "/usr/bin/env"), [
            "python3", RepositoryPaths.root.appendingPathComponent("scripts/demo-fleet.py").path,
            harness.bus.broadcastIn, "90", "3",
        ])
        defer { fleet.signal(SIGKILL) }
        #expect(await eventually { harness.metric("trackwire_received_total") >= 6 })
        var dom = ""
        let shown = try await eventually(timeout: .seconds(60)) {
            let browser = try ChildProcess(URL(fileURLWithPath: "/usr/bin/chromium"), [
                "--headless", "--no-sandbox", "--disable-gpu", "--window-size=1280,800",
                "--virtual-time-budget=5000", "--dump-dom", harness.url + "/",
            ])
            _ = await browser.waitForExit(timeout: .seconds(60))
            dom = browser.stdout
            return (1...3).allSatisfy { dom.contains(#"<g class="vehicle" data-device="truck-0\#($0)""#) }
        }
        #expect(shown, "DOM: \(dom.prefix(3000))")
        #expect(dom.contains(#"<li data-device="truck-01""#))
        #expect(dom.contains("3 vehicles"))
    }
}
