import Testing

@testable import Gateway

/// The connection budgets without sockets: per address, and unidentified connections apart from devices.
struct ConnectionLedgerTests {
    @Test func open_whenAddressIsFull_refusesUntilOneCloses() {
        var ledger = ConnectionLedger(perAddress: 2, unidentified: 10)
        #expect(ledger.open(session: 1, host: "10.0.0.1") == .admit(evicting: nil))
        #expect(ledger.open(session: 2, host: "10.0.0.1") == .admit(evicting: nil))
        #expect(ledger.open(session: 3, host: "10.0.0.1") == .refuse)
        #expect(ledger.open(session: 4, host: "10.0.0.2") == .admit(evicting: nil), "another address has its own budget")
        ledger.close(session: 1, host: "10.0.0.1")
        #expect(ledger.open(session: 5, host: "10.0.0.1") == .admit(evicting: nil))
    }

    @Test func open_whenUnidentifiedBudgetIsSpent_evictsTheOldestStillUnidentified() {
        var ledger = ConnectionLedger(perAddress: 100, unidentified: 2)
        _ = ledger.open(session: 1, host: "a")
        _ = ledger.open(session: 2, host: "b")
        ledger.identified(session: 1)
        #expect(ledger.open(session: 3, host: "c") == .admit(evicting: nil), "an identified connection no longer counts")
        #expect(ledger.open(session: 4, host: "d") == .admit(evicting: 2))
        #expect(ledger.open(session: 5, host: "e") == .admit(evicting: 3))
        #expect(ledger.unidentifiedCount == 2)
    }

    @Test func openPeer_countsOnlyAgainstItsAddress() {
        var ledger = ConnectionLedger(perAddress: 1, unidentified: 1)
        #expect(ledger.open(session: 1, host: "a", unidentified: false) == .admit(evicting: nil))
        #expect(ledger.open(session: 2, host: "b", unidentified: false) == .admit(evicting: nil))
        #expect(ledger.unidentifiedCount == 0)
        #expect(ledger.open(session: 3, host: "a", unidentified: false) == .refuse)
    }

    @Test func frameRate_allowsABurstOfTwoSecondsThenTheRate() {
        let limiter = FrameRateLimiter(perSecond: 5)
        let burst = (0..<12).filter { _ in limiter.allows("dev", nowMs: 1_000) }.count
        #expect(burst == 10)
        #expect(limiter.allows("other", nowMs: 1_000), "each device has its own budget")
        #expect(!limiter.allows("dev", nowMs: 1_100))
        #expect(limiter.allows("dev", nowMs: 1_200), "one frame every 200 ms at 5 a second")
        #expect(FrameRateLimiter(perSecond: 0).allows("dev", nowMs: 0), "0 is no limit")
    }
}
