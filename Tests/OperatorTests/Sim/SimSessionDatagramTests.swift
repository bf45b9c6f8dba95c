import Codecs
import Testing

@testable import Simulator

/// The state machine over UDP: a reply datagram acks the message it names, whole; unacked
/// datagrams are resent on their own after the timeout and the device never reconnects; a
/// message whose ack is already awaited waits, so no reply can be taken for the wrong datagram.
@Suite struct SimSessionDatagramTests {
    static let settings = SimSession.Settings(window: 4, ackTimeoutMs: 1_000, backlogLimit: 10, timeoutsBeforeReconnect: 1)
    static func position(_ n: Int, ack: String? = nil) -> SimMessage { SimMessage(text: "P\(n)", ack: .text(ack ?? "A\(n)")) }

    func online() -> SimSession {
        var session = SimSession(settings: Self.settings, link: .datagram)
        _ = session.connected(login: nil, nowMs: 0)
        return session
    }

    @Test func aReplyDatagram_acksTheMessageItNames_notTheOldest() {
        var session = online()
        _ = session.enqueue(Self.position(1), fixTimeMs: 10, nowMs: 0)
        _ = session.enqueue(Self.position(2), fixTimeMs: 20, nowMs: 0)
        let acked = session.receivedDatagram(Array("A2".utf8), nowMs: 1)
        #expect(acked.tally.positionsAcked == 1 && acked.ackedFixTimes == [20] && session.unackedPositions == 1)
    }

    @Test func aReplyIsTakenWhole_soAPrefixOrALongerDatagramAcksNothing() {
        var session = online()
        _ = session.enqueue(Self.position(1, ack: "ACK-1"), nowMs: 0)
        #expect(session.receivedDatagram(Array("ACK-".utf8), nowMs: 1).tally.positionsAcked == 0)
        let longer = session.receivedDatagram(Array("ACK-1x".utf8), nowMs: 1)
        #expect(longer.tally.positionsAcked == 0 && longer.tally.unexpectedBytes == 6 && session.unackedPositions == 1)
    }

    @Test func unackedDatagrams_areResentOnTheirOwn_andTheDeviceNeverReconnects() {
        var session = online()
        _ = session.enqueue(Self.position(1), nowMs: 0)
        _ = session.enqueue(Self.position(2), nowMs: 600)
        let first = session.tick(nowMs: 1_000)
        #expect(first.writes == [Array("P1".utf8)] && first.tally.resent == 1 && first.tally.ackTimeouts == 1 && !first.reconnect)
        let second = session.tick(nowMs: 1_600)
        #expect(second.writes == [Array("P2".utf8)] && !second.reconnect)
        for round in 2...5 { #expect(!session.tick(nowMs: Int64(round) * 1_000).reconnect) }
        #expect(session.receivedDatagram(Array("A1".utf8), nowMs: 6_000).tally.positionsAcked == 1)
    }

    @Test func aLateDuplicateAck_acknowledgesNothingMore() {
        var session = online()
        _ = session.enqueue(Self.position(1), nowMs: 0)
        _ = session.tick(nowMs: 1_000)  // resent
        #expect(session.receivedDatagram(Array("A1".utf8), nowMs: 1_001).tally.positionsAcked == 1)
        let duplicate = session.receivedDatagram(Array("A1".utf8), nowMs: 1_002)
        #expect(duplicate.tally.positionsAcked == 0 && duplicate.ackedFixTimes.isEmpty)
    }

    @Test func aMessageWhoseAckIsAlreadyAwaited_waitsUntilThatOneIsAcked() {
        var session = online()
        _ = session.enqueue(Self.position(1, ack: "ID7"), nowMs: 0)
        let held = session.enqueue(Self.position(2, ack: "ID7"), nowMs: 0)  // a wrapped-around id
        let other = session.enqueue(Self.position(3), nowMs: 0)
        #expect(held.writes.isEmpty && other.writes.isEmpty, "positions stay in order behind the held one")
        let released = session.receivedDatagram(Array("ID7".utf8), nowMs: 1)
        #expect(released.writes == [Array("P2".utf8), Array("P3".utf8)])
    }

    @Test func overdueHeartbeats_areGivenUp_notResent() {
        var session = online()
        _ = session.heartbeat(SimMessage(text: "HB", ack: .text("ON")), nowMs: 0)
        let tick = session.tick(nowMs: 1_000)
        #expect(tick.writes.isEmpty && tick.tally.ackTimeouts == 1)
        #expect(session.receivedDatagram(Array("ON".utf8), nowMs: 1_001).tally.heartbeatsAcked == 0)
    }
}
