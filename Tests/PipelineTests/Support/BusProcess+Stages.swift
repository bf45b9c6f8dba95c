import Foundation
import TrackwireTesting

extension BusProcess {
    /// A tw-storage on this bus with its SQLite file `tw.db` in `directory`, its API on `apiPort`
    /// and 50 ms batches, ready once it consumes the store queue.
    /// `alsoOn`: more buses it joins too (`--bus a,b`).
    func startStorage(directory: URL, apiPort: Int, alsoOn more: [BusProcess] = []) async throws -> ChildProcess {
        try await ChildProcess.start("tw-storage", ["--bus", busFlag(more),
            "--db", directory.appendingPathComponent("tw.db").path, "--http", "127.0.0.1:\(apiPort)",
            "--instance", "st-\(base)", "--batch-age", "50ms",
        ], ready: [.logLine("store queue consumer up")])
    }

    /// A tw-decoder on this bus (`http`: its metrics address, or `off`), ready once it is up.
    func startDecoder(http: String = "off", alsoOn more: [BusProcess] = [], _ arguments: [String] = []) async throws -> ChildProcess {
        try await ChildProcess.start("tw-decoder", ["--bus", busFlag(more), "--http", http, "--instance", "dec-\(base)"] + arguments,
                                     ready: [.logLine("decoder up")])
    }

    /// `--bus` for a stage on this bus and `more`: every address, comma-separated.
    func busFlag(_ more: [BusProcess] = []) -> String { ([self] + more).map(\.address).joined(separator: ",") }
}
