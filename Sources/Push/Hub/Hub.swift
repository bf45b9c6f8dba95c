import Foundation
import NIOCore
import Synchronization
import TrackwireProtocol

/// Something the hub delivers to: a WebSocket or SSE client's queue, or a webhook's outbox.
protocol Subscriber: AnyObject, Sendable {
    /// A live message; must not wait (a slow subscriber drops itself, never the hub).
    func offer(_ message: WireMessage)
    /// Snapshot and replay messages, queued whatever the subscriber's bound.
    func force(_ messages: [ByteBuffer])
    /// Ends the subscriber's stream (shutdown).
    func close(reason: String)
}

/// Identifies one subscriber in the hub.
public struct SubscriberID: Hashable, Sendable {
    let value: Int
}

/// Where a reconnecting client left off: the last offset it saw per device, and the epoch (push
/// process) those offsets came from. Offsets from another epoch count as 0.
public struct Resume: Sendable, Equatable {
    public var offsets: [String: UInt64]
    public var epoch: String?

    public init(offsets: [String: UInt64] = [:], epoch: String? = nil) {
        self.offsets = offsets
        self.epoch = epoch
    }
}

/// The fan-out at the heart of push: numbers each bus message per device, keeps the recent history
/// and the last position of every device, and hands each message to exactly the subscribers whose
/// watch accepts it. Bus subscriptions follow the watches (`SubscriptionTable`); changes go to
/// the bus thread through `requests`, never to its socket directly.
final class Hub: Sendable {
    private struct Entry {
        let subscriber: any Subscriber
        var watch: Watch
    }

    private struct State {
        var devices: [String: DeviceHistory] = [:]
        var entries: [SubscriberID: Entry] = [:]
        var everyDevice: [SubscriberID: Entry] = [:]
        var byDevice: [String: [SubscriberID: Entry]] = [:]
        var table: SubscriptionTable
        var nextID = 0
    }

    /// Names this process's offsets; a client resuming with another epoch starts from offset 0.
    let epoch: String
    let historyCapacity: Int
    let requests: SubscriptionRequests
    private let state: Mutex<State>

    /// `linger`: how long the bus subscription for a device stays after its last watcher left.
    init(historyCapacity: Int, linger: Duration, requests: SubscriptionRequests, epoch: String = Hub.makeEpoch()) {
        self.historyCapacity = historyCapacity
        self.requests = requests
        self.epoch = epoch
        state = Mutex(State(table: SubscriptionTable(linger: linger)))
    }

    static func makeEpoch() -> String {
        String(UInt64(Date().timeIntervalSince1970 * 1000), radix: 36) + "-" + String(UInt32.random(in: 0...UInt32.max), radix: 36)
    }

    // MARK: Subscribers

    /// Adds a subscriber: subscribes the bus to what it watches, then queues its snapshot (the last
    /// position of each watched device) or, for devices in `resume`, what it missed since then.
    /// Under one lock with delivery, so nothing is missed or sent twice in between.
    /// `tail` > 1 sends up to that many recent positions per device instead of only the last (a map
    /// then draws track tails at once).
    func connect(_ subscriber: any Subscriber, watch: Watch, resume: Resume = .init(), tail: Int = 1) -> SubscriberID {
        state.withLock { state in
            let id = SubscriberID(value: state.nextID)
            state.nextID += 1
            place(Entry(subscriber: subscriber, watch: watch), id: id, in: &state)
            requests.subscribe(state.table.add(watch.busPrefixes))
            subscriber.force(catchUp(watch, resume: resume, devices: nil, state: state, tail: tail))
            return id
        }
    }

    /// Replaces what a subscriber watches; devices it did not watch before get their snapshot.
    func update(_ id: SubscriberID, watch: Watch) {
        state.withLock { state in
            guard let entry = state.entries[id] else { return }
            unplace(id, in: &state)
            place(Entry(subscriber: entry.subscriber, watch: watch), id: id, in: &state)
            requests.subscribe(state.table.add(watch.busPrefixes))
            state.table.remove(entry.watch.busPrefixes)
            let added: Set<String>? = watch.allDevices && !entry.watch.allDevices ? nil : watch.devices.subtracting(entry.watch.devices)
            if !(entry.watch.allDevices && watch.allDevices) {
                entry.subscriber.force(catchUp(watch, resume: .init(), devices: added, state: state))
            }
        }
    }

    /// Queues what a subscriber missed since `resume`'s offsets (gap markers where the history no
    /// longer reaches back).
    func resume(_ id: SubscriberID, from resume: Resume) {
        state.withLock { state in
            guard let entry = state.entries[id] else { return }
            entry.subscriber.force(catchUp(entry.watch, resume: resume, devices: Set(resume.offsets.keys), state: state, replayOnly: true))
        }
    }

    /// Removes a subscriber and unsubscribes what nobody watches any more.
    func disconnect(_ id: SubscriberID) {
        state.withLock { state in
            guard let entry = state.entries[id] else { return }
            unplace(id, in: &state)
            state.table.remove(entry.watch.busPrefixes)
        }
    }

    /// Unsubscribes the prefixes whose linger time is over, and marks the devices push no longer
    /// fully hears as unobserved (their next message records the hole). Called by the bus thread.
    func sweep(now: ContinuousClock.Instant = .now) {
        state.withLock { state in
            let expired = state.table.expired(now: now)
            guard !expired.isEmpty else { return }
            requests.unsubscribe(expired)
            let global = expired.contains { ["pos.", "evt.", "ses."].contains($0) }
            let named = Set(expired.compactMap { Topic.parse($0)?.device })
            for device in global ? Array(state.devices.keys) : Array(named) where !Self.fullyHeard(device, state.table) {
                state.devices[device]?.unobserved = true
            }
        }
    }

    /// Whether the bus delivers every position, event and session of `device` to push.
    private static func fullyHeard(_ device: String, _ table: SubscriptionTable) -> Bool {
        (table.isSubscribed("pos.") || table.isSubscribed(Topic.position(device: device)))
            && (table.isSubscribed("ses.") || table.isSubscribed(Topic.session(device: device)))
            && (table.isSubscribed("evt.") || table.isSubscribed(Topic.eventPrefix(device: device)))
    }

    /// Closes every subscriber's stream, so their connections end (graceful shutdown).
    func closeAll(reason: String) {
        let subscribers = state.withLock { $0.entries.values.map(\.subscriber) }
        subscribers.forEach { $0.close(reason: reason) }
    }

    /// How many subscribers are connected.
    var subscriberCount: Int { state.withLock { $0.entries.count } }
    /// How many devices the hub has heard of.
    var deviceCount: Int { state.withLock { $0.devices.count } }

    // MARK: Delivery

    /// Numbers, keeps and delivers one bus message. `render` builds the message for the offset it
    /// gets (called under the lock, once).
    func deliver(device: String, kind: MessageKind, eventKind: String?, render: (UInt64) -> WireMessage) {
        state.withLock { state in
            var history = state.devices[device] ?? DeviceHistory(capacity: historyCapacity)
            let message = render(history.takeOffset())
            history.append(message)
            state.devices[device] = history
            for entry in state.everyDevice.values where entry.watch.kinds.accepts(kind, eventKind: eventKind) {
                entry.subscriber.offer(message)
            }
            if let watchers = state.byDevice[device] {
                for entry in watchers.values where entry.watch.kinds.accepts(kind, eventKind: eventKind) {
                    entry.subscriber.offer(message)
                }
            }
        }
    }

    // MARK: Private

    private func place(_ entry: Entry, id: SubscriberID, in state: inout State) {
        state.entries[id] = entry
        if entry.watch.allDevices {
            state.everyDevice[id] = entry
        } else {
            for device in entry.watch.devices { state.byDevice[device, default: [:]][id] = entry }
        }
    }

    private func unplace(_ id: SubscriberID, in state: inout State) {
        guard let entry = state.entries.removeValue(forKey: id) else { return }
        state.everyDevice[id] = nil
        for device in entry.watch.devices {
            state.byDevice[device]?[id] = nil
            if state.byDevice[device]?.isEmpty == true { state.byDevice[device] = nil }
        }
    }

    /// The snapshot or replay for `watch`, limited to `devices` (`nil`: every watched device).
    private func catchUp(_ watch: Watch, resume: Resume, devices: Set<String>?, state: State, replayOnly: Bool = false, tail: Int = 1) -> [ByteBuffer] {
        let sameEpoch = resume.epoch == nil || resume.epoch == epoch
        let candidates: [String] = devices.map(Array.init) ?? (watch.allDevices ? Array(state.devices.keys) : Array(watch.devices))
        var out: [ByteBuffer] = []
        for device in candidates.sorted() where watch.covers(device: device) {
            guard let history = state.devices[device] else { continue }
            if let last = resume.offsets[device] {
                let (gap, entries) = history.since(sameEpoch ? last : 0)
                if let gap { out.append(ControlMessage.gap(device: device, from: gap.lowerBound, to: gap.upperBound)) }
                for entry in entries {
                    switch entry {
                    case .unobserved(let offset):
                        out.append(ControlMessage.gap(device: device, from: offset, to: offset))
                    case .message(let message) where watch.accepts(device: device, kind: message.kind, eventKind: message.eventKind):
                        out.append(message.json)
                    case .message:
                        continue
                    }
                }
            } else if !replayOnly, watch.kinds.positions, tail > 1 {
                let positions = history.since(0).entries.compactMap { entry -> ByteBuffer? in
                    if case .message(let message) = entry, message.kind == .position { message.json } else { nil }
                }
                out += positions.suffix(tail)
            } else if !replayOnly, watch.kinds.positions, let position = history.lastPosition {
                out.append(position.json)
            }
        }
        return out
    }
}

/// Subscription changes on their way to the bus thread, which alone touches the SUB socket and
/// drains this queue between polls (in order).
final class SubscriptionRequests: Sendable {
    enum Change: Equatable, Sendable {
        case subscribe(String)
        case unsubscribe(String)
    }

    private let pending = Mutex<[Change]>([])

    func subscribe(_ prefixes: [String]) {
        guard !prefixes.isEmpty else { return }
        pending.withLock { $0 += prefixes.map(Change.subscribe) }
    }

    func unsubscribe(_ prefixes: [String]) {
        guard !prefixes.isEmpty else { return }
        pending.withLock { $0 += prefixes.map(Change.unsubscribe) }
    }

    /// Every change since the last call, oldest first.
    func take() -> [Change] {
        pending.withLock { pending in
            defer { pending.removeAll() }
            return pending
        }
    }
}

extension ClientQueue: Subscriber {
    func offer(_ message: WireMessage) { offer(message.json) }
}
