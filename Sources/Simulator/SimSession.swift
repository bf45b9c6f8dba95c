import Codecs

/// One simulated device's connection and its unacknowledged messages, as a pure state machine:
/// the driver reports what happened (connected, bytes received, a new fix, time passing) and
/// performs the `SimOutput` it gets back. No I/O and no clocks; times are monotonic ms.
///
/// Positions wait in a backlog until the device is online (connected and, where the protocol
/// acks its login, logged in). At most `window` positions are on the wire unacknowledged; after
/// `ackTimeoutMs` without an ack they are sent again, and after `timeoutsBeforeReconnect` such
/// rounds the device reconnects. A dropped connection puts them back at the front of the backlog,
/// to be resent after the next login — what real trackers do with their flash buffer.
///
/// Over UDP (`Link.datagram`) there is no connection to drop: each message is one datagram, each
/// reply datagram acknowledges the outstanding message whose ack it is, and a message unanswered
/// after `ackTimeoutMs` is sent again on its own. So that a reply can only mean one datagram, a
/// message whose ack equals one already on the wire (a wrapped-around sequence number) waits.
struct SimSession {
    /// The knobs, with the defaults `tw sim` uses.
    struct Settings: Sendable {
        var window = 8
        var ackTimeoutMs: Int64 = 10_000
        var backlogLimit = 10_000
        /// Rounds of unanswered acks before reconnecting. 1: reconnect at the first, as a resend on
        /// the same connection would make identical acks (Teltonika's record counts) ambiguous.
        var timeoutsBeforeReconnect = 1
    }

    enum Kind: Sendable { case login, position, heartbeat }

    /// How messages travel: a byte stream (TCP, HTTP) or one datagram each (UDP).
    enum Link: Sendable { case stream, datagram }

    /// A message on its way: written `attempts` times, the last at `sentAtMs`.
    struct Entry: Sendable {
        var message: SimMessage
        var kind: Kind
        var attempts = 0
        var sentAtMs: Int64 = 0
        /// A position's fix time (unix ms), for the ledger of acknowledged positions.
        var fixTimeMs: Int64 = 0
    }

    let settings: Settings
    let link: Link
    private(set) var isConnected = false
    private(set) var isOnline = false
    private(set) var backlog: [Entry] = []
    private(set) var outstanding: [Entry] = []
    private var received: [UInt8] = []
    private var timeouts = 0

    init(settings: Settings = Settings(), link: Link = .stream) {
        self.settings = settings
        self.link = link
    }

    /// Positions written and not yet acknowledged.
    var unackedPositions: Int { outstanding.count { $0.kind == .position } }

    /// The connection is up: send the login, or go online at once when it expects no ack.
    mutating func connected(login: SimMessage?, nowMs: Int64) -> SimOutput {
        isConnected = true
        timeouts = 0
        var output = SimOutput()
        guard let login else { return goOnline(nowMs, &output) }
        output.writes.append(login.bytes)
        guard login.ack != nil else { return goOnline(nowMs, &output) }
        outstanding.append(Entry(message: login, kind: .login, attempts: 1, sentAtMs: nowMs))
        return output
    }

    /// The connection is gone: unacknowledged positions go back to the front of the backlog.
    mutating func disconnected() {
        backlog.insert(contentsOf: outstanding.filter { $0.kind == .position }, at: 0)
        outstanding.removeAll()
        received.removeAll()
        isConnected = false
        isOnline = false
    }

    /// A new position report: queued, and written now if the device is online and the window allows.
    mutating func enqueue(_ position: SimMessage, fixTimeMs: Int64 = 0, nowMs: Int64) -> SimOutput {
        var output = SimOutput()
        backlog.append(Entry(message: position, kind: .position, fixTimeMs: fixTimeMs))
        if backlog.count > settings.backlogLimit {
            backlog.removeFirst()
            output.tally.dropped += 1
        }
        flush(nowMs, &output)
        return output
    }

    /// A keep-alive: written only while online (a tracker does not buffer them).
    mutating func heartbeat(_ message: SimMessage, nowMs: Int64) -> SimOutput {
        var output = SimOutput()
        guard isOnline else { return output }
        output.writes.append(message.bytes)
        output.tally.heartbeatsSent += 1
        if message.ack != nil { outstanding.append(Entry(message: message, kind: .heartbeat, attempts: 1, sentAtMs: nowMs)) }
        return output
    }

    /// Bytes from the gateway: each reply acknowledges the earliest outstanding message it matches;
    /// bytes that match none (a downlink command, say) are skipped.
    mutating func received(_ bytes: [UInt8], nowMs: Int64) -> SimOutput {
        var output = SimOutput()
        received += bytes
        while !received.isEmpty {
            switch firstMatch() {
            case .acknowledges(let index, let length):
                received.removeFirst(length)
                timeouts = 0
                acknowledged(outstanding.remove(at: index), nowMs, &output)
            case .refuses(let length):
                // The gateway said no (HTTP 503): reconnect after a backoff and resend, as the
                // Traccar Client app retries later; resending at once would hammer a busy gateway.
                received.removeFirst(length)
                output.tally.refused += 1
                output.reconnect = true
                return output
            case .waiting:
                return output
            case .none:
                received.removeFirst()
                output.tally.unexpectedBytes += 1
            }
        }
        return output
    }

    /// A reply datagram: it acknowledges the outstanding message whose ack it is, whole; one that
    /// acknowledges none (a late duplicate of an ack already taken, a downlink command) is skipped.
    mutating func receivedDatagram(_ datagram: [UInt8], nowMs: Int64) -> SimOutput {
        var output = SimOutput()
        let whole = ReplyMatch.matched(length: datagram.count)
        guard let index = outstanding.firstIndex(where: { $0.message.ack?.match(datagram[...]) == whole }) else {
            output.tally.unexpectedBytes += datagram.count
            return output
        }
        timeouts = 0
        acknowledged(outstanding.remove(at: index), nowMs, &output)
        return output
    }

    /// Time passes: an ack overdue by `ackTimeoutMs` makes the device resend what is outstanding,
    /// or reconnect when the login is overdue or too many rounds went unanswered. Over UDP each
    /// overdue message is resent on its own, and the device never reconnects.
    mutating func tick(nowMs: Int64) -> SimOutput {
        if link == .datagram { return resendOverdue(nowMs: nowMs) }
        var output = SimOutput()
        guard isConnected, let oldest = outstanding.first, nowMs - oldest.sentAtMs >= settings.ackTimeoutMs else { return output }
        output.tally.ackTimeouts += 1
        timeouts += 1
        if !isOnline || timeouts >= settings.timeoutsBeforeReconnect {
            output.reconnect = true
            return output
        }
        outstanding.removeAll { $0.kind == .heartbeat }
        for index in outstanding.indices {
            outstanding[index].attempts += 1
            outstanding[index].sentAtMs = nowMs
            output.writes.append(outstanding[index].message.bytes)
            output.tally.resent += 1
        }
        return output
    }

    /// Datagrams: overdue heartbeats are given up, overdue logins and positions sent again.
    private mutating func resendOverdue(nowMs: Int64) -> SimOutput {
        var output = SimOutput()
        let timeoutMs = settings.ackTimeoutMs
        let overdue = { (entry: Entry) in nowMs - entry.sentAtMs >= timeoutMs }
        guard isConnected, outstanding.contains(where: overdue) else { return output }
        output.tally.ackTimeouts += 1
        outstanding.removeAll { $0.kind == .heartbeat && overdue($0) }
        for index in outstanding.indices where overdue(outstanding[index]) {
            outstanding[index].attempts += 1
            outstanding[index].sentAtMs = nowMs
            output.writes.append(outstanding[index].message.bytes)
            output.tally.resent += 1
        }
        return output
    }

    private enum Match { case acknowledges(index: Int, length: Int), refuses(length: Int), waiting, none }

    private func firstMatch() -> Match {
        var waiting = false
        for (index, entry) in outstanding.enumerated() {
            switch entry.message.ack?.match(received[...]) {
            case .matched(let length): return .acknowledges(index: index, length: length)
            case .refused(let length): return .refuses(length: length)
            case .needMore: waiting = true
            case .mismatch, nil: continue
            }
        }
        return waiting ? .waiting : .none
    }

    private mutating func acknowledged(_ entry: Entry, _ nowMs: Int64, _ output: inout SimOutput) {
        switch entry.kind {
        case .login:
            _ = goOnline(nowMs, &output)
        case .position:
            output.tally.positionsAcked += 1
            output.ackedFixTimes.append(entry.fixTimeMs)
            flush(nowMs, &output)
        case .heartbeat:
            output.tally.heartbeatsAcked += 1
        }
    }

    /// Over UDP, whether a reply to `entry` could be taken for one to an outstanding message.
    private func awaitsAck(of entry: Entry) -> Bool {
        link == .datagram && entry.message.ack != nil && outstanding.contains { $0.message.ack == entry.message.ack }
    }

    private mutating func goOnline(_ nowMs: Int64, _ output: inout SimOutput) -> SimOutput {
        isOnline = true
        output.tally.logins += 1
        flush(nowMs, &output)
        return output
    }

    /// Writes backlog positions while the window has room; a position whose protocol sends no ack
    /// counts as acknowledged once written. A datagram whose ack is already awaited waits.
    private mutating func flush(_ nowMs: Int64, _ output: inout SimOutput) {
        while isOnline, !backlog.isEmpty, unackedPositions < settings.window, !awaitsAck(of: backlog[0]) {
            var entry = backlog.removeFirst()
            output.writes.append(entry.message.bytes)
            if entry.attempts > 0 { output.tally.resent += 1 } else { output.tally.positionsSent += 1 }
            entry.attempts += 1
            entry.sentAtMs = nowMs
            if entry.message.ack == nil {
                output.tally.positionsAcked += 1
            } else {
                outstanding.append(entry)
            }
        }
    }
}

/// What the driver of a `SimSession` must do, and what to count.
struct SimOutput: Equatable {
    /// Bytes to write, in order.
    var writes: [[UInt8]] = []
    /// Close the connection (the driver reconnects with backoff).
    var reconnect = false
    /// Fix times of the positions the gateway acknowledged by a reply (not those of protocols
    /// that answer nothing): what `tw sim --ledger` records.
    var ackedFixTimes: [Int64] = []
    var tally = SimTally()
}

/// Counts of what happened, added up per protocol by `SimCounters`.
struct SimTally: Equatable, Sendable {
    var positionsSent = 0
    var positionsAcked = 0
    var resent = 0
    var heartbeatsSent = 0
    var heartbeatsAcked = 0
    var logins = 0
    var ackTimeouts = 0
    /// Messages the gateway answered with a refusal (HTTP 503).
    var refused = 0
    var dropped = 0
    var unexpectedBytes = 0

    /// Every count, for adding and storing them one by one.
    static let fields: [WritableKeyPath<SimTally, Int> & Sendable] = [
        \.positionsSent, \.positionsAcked, \.resent, \.heartbeatsSent, \.heartbeatsAcked, \.logins, \.ackTimeouts, \.refused, \.dropped, \.unexpectedBytes,
    ]

    static func + (a: SimTally, b: SimTally) -> SimTally {
        var sum = a
        for field in fields { sum[keyPath: field] += b[keyPath: field] }
        return sum
    }
}
