import ZMQ

/// Polls `condition` every `interval` until it holds or `timeout` has passed, and says whether it
/// held; the condition is checked once more at the deadline, so a slow last step still counts.
/// The one way tests and benchmarks wait for something that has no event to wait on.
public func eventually(
    timeout: Duration = .seconds(30), every interval: Duration = .milliseconds(50), _ condition: () async throws -> Bool
) async rethrows -> Bool {
    let deadline = Deadline(after: timeout)
    while !deadline.hasPassed {
        if try await condition() { return true }
        try? await Task.sleep(for: min(interval, deadline.remaining))
    }
    return try await condition()
}
