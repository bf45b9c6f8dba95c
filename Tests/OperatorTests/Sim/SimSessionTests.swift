import Codecs
import Testing

@testable import Simulator

/// The device-side state machine: login before data, acks matched to what they acknowledge,
/// resends after a timeout and after a reconnect, and protocols without acks.
@Suite struct SimSessionTests {
    static let login = SimMessage(text: "LOGIN", ack: .text("OK-L"))
    static func position(_ n: Int) -> SimMessage { SimMessage(text: "P\(n)", ack: .text("A\(n)")) }
    static let settings = SimSession.Settings(window: 2, ackTimeoutMs: 1_000, backlogLimit: 3, timeoutsBeforeReconnect: 2)

    @Test func positions_waitForTheLoginAck_thenFlowWithinTheWindow() {
        var session = SimSession(settings: Self.settings)
        #expect(session.connected(login: Self.login, nowMs: 0).writes == [Array("LOGIN".utf8)])
        #expect(session.enqueue(Self.position(1), nowMs: 1).writes.isEmpty)
        _ = session.enqueue(Self.position(2), nowMs: 2)
        _ = session.enqueue(Self.position(3), nowMs: 3)
        let online = session.received(Array("OK-".utf8), nowMs: 4) // half a reply: nothing yet
        #expect(online.writes.isEmpty)
        let flushed = session.received(Array("L".utf8), nowMs: 5)
        #expect(flushed.writes == [Array("P1".utf8), Array("P2".utf8)] && flushed.tally.positionsSent == 2 && flushed.tally.logins == 1)
        let acked = session.received(Array("A2A1".utf8), nowMs: 6)
        #expect(acked.tally.positionsAcked == 2 && acked.writes == [Array("P3".utf8)])
    }

    @Test func unackedPositions_areResentAfterTheTimeout_thenTheDeviceReconnects() {
        var session = SimSession(settings: Self.settings)
        _ = session.connected(login: nil, nowMs: 0)
        _ = session.enqueue(Self.position(1), nowMs: 0)
        #expect(session.tick(nowMs: 999).writes.isEmpty)
        let resend = session.tick(nowMs: 1_000)
        #expect(resend.writes == [Array("P1".utf8)] && resend.tally.resent == 1 && !resend.reconnect)
        #expect(session.tick(nowMs: 2_000).reconnect)
    }

    @Test func aDroppedConnection_resendsUnackedPositionsAfterTheNextLogin() {
        var session = SimSession(settings: Self.settings)
        _ = session.connected(login: nil, nowMs: 0)
        _ = session.enqueue(Self.position(1), nowMs: 0)
        _ = session.enqueue(Self.position(2), nowMs: 0)
        _ = session.received(Array("A1".utf8), nowMs: 1)
        session.disconnected()
        _ = session.enqueue(Self.position(3), nowMs: 2)
        _ = session.connected(login: Self.login, nowMs: 3)
        let after = session.received(Array("OK-L".utf8), nowMs: 4)
        #expect(after.writes == [Array("P2".utf8), Array("P3".utf8)])
        #expect(after.tally.resent == 1 && after.tally.positionsSent == 1)
    }

    @Test func ackedPositions_reportTheirFixTimes_forTheLedger() {
        var session = SimSession(settings: Self.settings)
        _ = session.connected(login: nil, nowMs: 0)
        _ = session.enqueue(Self.position(1), fixTimeMs: 1_000, nowMs: 0)
        _ = session.enqueue(Self.position(2), fixTimeMs: 2_000, nowMs: 0)
        #expect(session.received(Array("A2".utf8), nowMs: 1).ackedFixTimes == [2_000])
        #expect(session.received(Array("A1".utf8), nowMs: 1).ackedFixTimes == [1_000])
        var silent = SimSession(settings: Self.settings)
        _ = silent.connected(login: nil, nowMs: 0)
        let written = silent.enqueue(SimMessage(text: "P"), fixTimeMs: 5, nowMs: 0)
        #expect(written.tally.positionsAcked == 1 && written.ackedFixTimes.isEmpty, "no reply, no ledger entry")
    }

    @Test func anHTTPErrorResponse_refusesItsRequest_andTheDeviceReconnectsToResend() {
        var session = SimSession(settings: Self.settings)
        _ = session.connected(login: nil, nowMs: 0)
        _ = session.enqueue(SimMessage(text: "GET 1", ack: .httpSuccess), fixTimeMs: 1, nowMs: 0)
        _ = session.enqueue(SimMessage(text: "GET 2", ack: .httpSuccess), fixTimeMs: 2, nowMs: 0)
        let refused = session.received(Array("HTTP/1.1 503 Service Unavailable\r\ncontent-length: 0\r\n\r\nHTTP/1.1 200 OK\r\n\r\n".utf8), nowMs: 1)
        #expect(refused.reconnect && refused.tally.refused == 1 && refused.ackedFixTimes.isEmpty,
                "the 200 after a 503 must not be taken for the first request's ack")
        session.disconnected()
        #expect(session.backlog.count == 2)
    }

    @Test func unexpectedBytes_areSkipped_andAcksStillMatch() {
        var session = SimSession(settings: Self.settings)
        _ = session.connected(login: nil, nowMs: 0)
        _ = session.enqueue(Self.position(7), nowMs: 0)
        let output = session.received(Array("xyA7".utf8), nowMs: 1)
        #expect(output.tally.unexpectedBytes == 2 && output.tally.positionsAcked == 1 && session.unackedPositions == 0)
    }

    @Test func positionsWithoutAnAck_countAsAckedOnWrite_andTheBacklogIsBounded() {
        var session = SimSession(settings: Self.settings)
        var dropped = 0
        for n in 0..<5 { dropped += session.enqueue(SimMessage(text: "P\(n)"), nowMs: 0).tally.dropped }
        #expect(dropped == 2)
        let online = session.connected(login: nil, nowMs: 0)
        #expect(online.writes == ["P2", "P3", "P4"].map { Array($0.utf8) })
        #expect(online.tally.positionsSent == 3 && online.tally.positionsAcked == 3 && session.unackedPositions == 0)
    }

    @Test func heartbeats_areSentOnlyOnline_andTheirAcksCounted() {
        var session = SimSession(settings: Self.settings)
        #expect(session.heartbeat(SimMessage(text: "HB", ack: .text("ON")), nowMs: 0).writes.isEmpty)
        _ = session.connected(login: nil, nowMs: 0)
        #expect(session.heartbeat(SimMessage(text: "HB", ack: .text("ON")), nowMs: 0).writes == [Array("HB".utf8)])
        #expect(session.received(Array("ON".utf8), nowMs: 1).tally.heartbeatsAcked == 1)
    }
}
