import Foundation
import Logging
import TrackwireProtocol
import TrackwireRuntime

/// Commands that wait (docs/commands.md): moves stored commands through queued → sent →
/// acknowledged, or expired, from what a committed batch carried.
///
/// - a gateway's `cmd.*` report `sent` (or `failed`) on the store queue → that status;
/// - an `online` session record of a device → its `queued` commands published again on
///   `cmd.<device>` (those past `expires_ms` become `expired` instead);
/// - a `command_result` event of a device (the codec decoded its reply) → the oldest `sent`
///   command of that device becomes `acknowledged`, the reply its `result`.
///
/// Every change is a `command_status` event, queued for storage and published (tw-push).
struct CommandLedger: Sendable {
    static let statuses = ["queued", "sent", "acknowledged", "failed", "expired"]
    /// How many of a device's newest commands are looked at for a session or a reply.
    static let window = 200
    /// How many due commands the expiry timer takes at a time.
    static let expiryRound = 500

    let store: any StoreBackend
    let outlet: (any BusOutlet)?
    let counters: StageCounters
    let logger: Logger

    /// Whether `batch` holds anything that can move a command.
    static func concerns(_ batch: WriteBatch) -> Bool {
        !batch.commandReports.isEmpty || batch.sessions.contains { $0.state == .online }
            || batch.events.contains { $0.kind == .commandResult }
    }

    /// Applies a committed batch. Failures are logged and counted: the commit stands.
    func apply(_ batch: WriteBatch, nowMs: Int64) async {
        do {
            for report in batch.commandReports { try await applyReport(report, nowMs: nowMs) }
            for event in batch.events where event.kind == .commandResult { try await acknowledge(event, nowMs: nowMs) }
            var seen = Set<String>()
            for session in batch.sessions where session.state == .online && seen.insert(session.deviceID).inserted {
                try await redeliver(device: session.deviceID, nowMs: nowMs)
            }
        } catch {
            count("error")
            logger.error("command statuses not updated", metadata: ["error": "\(error)"])
        }
    }

    /// Records every waiting command past its `expires_ms` as `expired`, with its event (the
    /// expiry timer); returns how many. Several storage instances may do it at once: the event id
    /// is the command's and the status, so storage keeps it once.
    @discardableResult
    func expireDue(nowMs: Int64, limit: Int = expiryRound) async throws -> Int {
        let due = try await store.commandsExpiring(by: nowMs, limit: limit)
        for command in due {
            let current = Self.current(command, nowMs: nowMs)
            try await change(current, nowMs: current.updatedMs)
        }
        return due.count
    }

    /// `command` as it stands at `nowMs`: queued or sent past its `expires_ms` reads as expired.
    static func current(_ command: Command, nowMs: Int64) -> Command {
        guard command.expiresMs > 0, nowMs >= command.expiresMs, ["queued", "sent", ""].contains(command.status) else { return command }
        var expired = command
        expired.status = "expired"
        expired.updatedMs = command.expiresMs
        return expired
    }

    private func applyReport(_ report: Command, nowMs: Int64) async throws {
        guard var command = try await store.command(id: report.id) else { return count("unknown_command") }
        let status = Self.current(command, nowMs: nowMs).status
        // A report for a command already past `sent` (a duplicate delivery) changes nothing.
        guard status == "queued" || (status == "sent" && report.status == "failed") else { return count("stale_report") }
        command.status = report.status
        command.gatewayID = report.gatewayID
        if report.status == "failed" { command.result = report.result }
        try await change(command, nowMs: nowMs)
    }

    private func acknowledge(_ event: Event, nowMs: Int64) async throws {
        let waiting = try await store.commands(device: event.deviceID, limit: Self.window)
            .map { Self.current($0, nowMs: nowMs) }
            .filter { $0.status == "sent" }
            .sorted { ($0.createdMs, $0.id) < ($1.createdMs, $1.id) }
        guard var command = waiting.first else { return count("unmatched_reply") }
        command.status = "acknowledged"
        command.result = Self.text(event.attributes["result"])
        try await change(command, nowMs: nowMs)
    }

    private func redeliver(device: String, nowMs: Int64) async throws {
        let commands = try await store.commands(device: device, limit: Self.window)
            .filter { $0.status == "queued" }
            .sorted { ($0.createdMs, $0.id) < ($1.createdMs, $1.id) }
        for command in commands {
            let current = Self.current(command, nowMs: nowMs)
            if current.status == "expired" {
                try await change(current, nowMs: current.updatedMs)
                continue
            }
            guard let outlet else { return }
            try await outlet.publish(topic: Topic.command(device: device), body: try command.serializedBytes())
            count("redelivered")
        }
    }

    /// Saves a status change and announces it as a `command_status` event.
    private func change(_ command: Command, nowMs: Int64) async throws {
        var command = command
        if command.status != "expired" { command.updatedMs = nowMs }
        try await store.saveCommand(command)
        count(command.status)
        guard let outlet else { return }
        let event = Self.event(for: command)
        let topic = Topic.event(device: command.deviceID, kind: .commandStatus)
        let body: [UInt8] = try event.serializedBytes()
        try await outlet.enqueue(topic: topic, body: body, on: .store)
        try await outlet.publish(topic: topic, body: body)
    }

    /// The event of one status change; its id is the command's and the status, so it is raised once.
    static func event(for command: Command) -> Event {
        .with {
            $0.id = "\(command.id)-\(command.status)"
            $0.deviceID = command.deviceID
            $0.kind = .commandStatus
            $0.timeMs = command.updatedMs
            $0.source = "storage"
            $0.attributes = [
                "command": .string(command.id), "type": .string(command.type), "status": .string(command.status),
            ]
            if !command.result.isEmpty { $0.attributes["result"] = .string(command.result) }
        }
    }

    private static func text(_ value: AttributeValue?) -> String {
        guard let value, let kind = value.kind else { return "" }
        switch kind {
        case .stringValue(let text): return text
        case .intValue(let number): return String(number)
        case .doubleValue(let number): return String(number)
        case .boolValue(let flag): return String(flag)
        }
    }

    private func count(_ result: String) {
        counters.counter("commands", labels: [("result", result)]).increment()
    }
}

extension Command {
    /// `expires_ms` while the command still waits (queued or sent), `nil` otherwise: what the
    /// expiry timer looks for (the `pending_expires_ms` column).
    var pendingExpiresMs: Int64? {
        expiresMs > 0 && ["queued", "sent", ""].contains(status) ? expiresMs : nil
    }
}
