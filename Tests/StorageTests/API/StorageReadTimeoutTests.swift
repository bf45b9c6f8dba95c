import Foundation
import Testing
import TrackwireTesting

/// `--http-read-timeout` on the real tw-storage: a client that sends part of a request head and
/// stalls is closed and counted; a whole request is still answered.
@Suite(.serialized) struct StorageReadTimeoutTests {
    @Test func partialHeaderThatStalls_isClosedAfterTheReadTimeout_andCounted() async throws {
        let pipeline = try await StoragePipeline(storageArguments: ["--http-read-timeout", "3s"], http: true)
        try await pipeline.startStorage()
        let port = try #require(pipeline.httpPort)
        #expect(await eventually { LocalHTTP.get(port: port, "/healthz") != nil }, "the API listens")
        // The timeout runs until the first byte of the answer, so a loaded machine gets 3 s to answer the checks below.
        #expect(LocalHTTP.closesStalledRequest(port: port, "GET /api/devices HTTP/1.1\r\nHost: t\r\n"), "the stalled request is closed, not held")
        #expect(await eventually { PrometheusScrape(port: port).sum("trackwire_dropped_total", ["reason=\"http_read_timeout\""]) >= 1 })
        #expect(LocalHTTP.get(port: port, "/api/devices")?.status == 200, "a whole request is answered")
    }
}
