import Foundation
import Testing
import TrackwireTesting

/// Tokens on tw-push (docs/security.md) with the real process: `/`, `/ws` and `/sse` answer 401
/// without a token and work with one, from a header, `?token=` or the `tw_token` cookie; a token
/// limited to some devices gets 403 for others; the token file is read again on SIGHUP.
@Suite(.serialized) struct PushTokenTests {
    static let upgrade = [
        "Upgrade": "websocket", "Connection": "Upgrade", "Sec-WebSocket-Version": "13", "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ==",
    ]

    @Test func push_withTokens_refusesEverySurfaceWithoutOne_andServesItWithOne() async throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("push-tokens-\(UUID().uuidString.prefix(8))")
        try "# operators\nscoped-token devices=truck-1,truck-2\n".write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let harness = try await PushHarness(pushArguments: ["--api-token", "op-token", "--api-tokens", file.path])
        let port = harness.httpPort
        for path in ["/", "/sse", "/sse?devices=truck-1"] {
            let refused = try #require(LocalHTTP.head(port: port, path))
            #expect(refused.status == 401, "\(path) without a token")
            #expect(refused.headers.lowercased().contains("content-type: application/json"), "\(path): \(refused.headers)")
            #expect(LocalHTTP.head(port: port, path, headers: ["Authorization": "Bearer wrong"])?.status == 401, "\(path) with a wrong token")
            #expect(LocalHTTP.head(port: port, path, headers: ["Authorization": "Bearer op-token"])?.status == 200, "\(path) with a token")
            #expect(LocalHTTP.head(port: port, path, headers: ["Authorization": "bearer op-token"])?.status == 200, "\(path): lowercase scheme")
        }
        #expect(LocalHTTP.head(port: port, "/ws?all", headers: Self.upgrade)?.status != 101, "/ws without a token is not upgraded")
        #expect(LocalHTTP.head(port: port, "/ws?all&token=op-token", headers: Self.upgrade)?.status == 101, "/ws with ?token=")
        #expect(LocalHTTP.head(port: port, "/ws?all", headers: Self.upgrade.merging(["Cookie": "tw_token=op-token"]) { $1 })?.status == 101,
                "/ws with the cookie the map page sets")
        let page = try #require(LocalHTTP.head(port: port, "/", headers: ["Accept": "text/html"]))
        #expect(page.status == 401 && page.bodyStart.contains("tw_token"), "a browser is asked for the token")
        #expect(LocalHTTP.head(port: port, "/metrics")?.status == 200 && LocalHTTP.head(port: port, "/healthz")?.status == 200,
                "scrapes and probes stay open")

        // The scoped token: its own devices, `all` narrowed to them, any other device refused.
        let scoped = ["Authorization": "Bearer scoped-token"]
        #expect(LocalHTTP.head(port: port, "/sse?devices=truck-1", headers: scoped)?.status == 200)
        #expect(LocalHTTP.head(port: port, "/sse?all", headers: scoped)?.status == 200)
        let forbidden = try #require(LocalHTTP.head(port: port, "/sse?devices=truck-1,van-9", headers: scoped))
        #expect(forbidden.status == 403 && forbidden.bodyStart.contains("van-9"), "\(forbidden)")
        #expect(LocalHTTP.head(port: port, "/ws?devices=van-9&token=scoped-token", headers: Self.upgrade)?.status != 101)

        // Revoked by editing the file and SIGHUP.
        try "other-token\n".write(to: file, atomically: true, encoding: .utf8)
        harness.push.signal(SIGHUP)
        #expect(await eventually { LocalHTTP.head(port: port, "/sse?devices=truck-1", headers: scoped)?.status == 401 }, "revoked")
        #expect(LocalHTTP.head(port: port, "/sse", headers: ["Authorization": "Bearer other-token"])?.status == 200, "added")
        #expect(harness.push.isRunning)
    }

    @Test func webSocketUpgrade_fromAnotherSitesPage_isRefused_fromTheMapsOwnPage_isUpgraded() async throws {
        let harness = try await PushHarness()
        let port = harness.httpPort
        let foreign = Self.upgrade.merging(["Origin": "https://evil.example"]) { $1 }
        #expect(LocalHTTP.head(port: port, "/ws?all", headers: foreign)?.status != 101)
        let own = Self.upgrade.merging(["Origin": "http://127.0.0.1"]) { $1 }
        #expect(LocalHTTP.head(port: port, "/ws?all", headers: own)?.status == 101, "the map page's own origin (Host: 127.0.0.1)")
        #expect(LocalHTTP.head(port: port, "/ws?all", headers: Self.upgrade)?.status == 101, "no Origin: not a browser")
    }
}
