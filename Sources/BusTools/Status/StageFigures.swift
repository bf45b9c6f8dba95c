/// Which heartbeat counters and gauges make a stage's few figures in `tw status` and `tw top`:
/// what it takes in, what it hands on, what went wrong, and how far behind or how loaded it is.
/// Counter names are the first word of a heartbeat key (`frames.gt06` counts as `frames`).
struct StageFigures: Sendable {
    /// Counters whose sum is "in".
    var input: [String]
    /// Counters whose sum is "out".
    var output: [String]
    /// Counters whose sum is "errors" (errors, drops and refusals).
    var errors: [String]
    /// The gauge shown as the load figure, and its unit after the number.
    var load: (gauge: String, unit: String)?
    /// A counter whose rate is the load figure instead (the bus has no gauge: how often a
    /// forwarder waited for its consumers).
    var loadRate: (counter: String, unit: String)?

    /// The figures of `stage`; a stage this table does not know is read in the shared vocabulary
    /// (STYLE §9: received, sent, errors, dropped).
    static func of(_ stage: String) -> StageFigures {
        known[stage] ?? StageFigures(input: ["received"], output: ["sent"], errors: ["errors", "dropped"])
    }

    private static let known: [String: StageFigures] = [
        "bus": StageFigures(input: ["received"], output: ["sent"], errors: [], loadRate: ("blocked", "blocked/s")),
        "gateway": StageFigures(input: ["frames"], output: ["acks"], errors: ["bad_frames", "dropped"], load: ("connections", "conns")),
        "decoder": StageFigures(input: ["received"], output: ["sent"], errors: ["errors", "dropped"]),
        "geofence": StageFigures(input: ["received"], output: ["events"], errors: ["errors", "dropped"], load: ("fences", "fences")),
        "storage": StageFigures(input: ["received"], output: ["stored"], errors: ["errors", "commit_failures", "dropped"], load: ("lag_ms", "ms lag")),
        "push": StageFigures(input: ["received"], output: ["sent"], errors: ["errors", "dropped"], load: ("clients", "clients")),
    ]

    /// The sum of the counters named `names` (by their first word).
    static func sum(_ counters: [String: UInt64], _ names: [String]) -> UInt64 {
        counters.reduce(0) { total, entry in
            let name = entry.key.prefix { $0 != "." }
            return names.contains(String(name)) ? total &+ entry.value : total
        }
    }
}
