import Foundation
import Synchronization

/// `tw sim --ledger FILE`: every position a gateway acknowledged, one `device,fix_time_ms` line
/// each, so a test can check that everything acked reached the database. Written from every
/// event loop; lines are buffered and appended in blocks, and at `close`.
final class SimLedger: Sendable {
    private let handle: FileHandle
    private let buffer = Mutex<[UInt8]>([])
    private static let blockSize = 64 * 1024

    /// Creates (or truncates) the file.
    init(path: String) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil) else {
            throw SimLedgerError(description: "cannot create the ledger file '\(path)'")
        }
        handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
    }

    /// Records acknowledged positions of one device.
    func record(device: String, fixTimes: [Int64]) {
        let block: [UInt8]? = buffer.withLock { bytes in
            for fixTime in fixTimes { bytes += Array("\(device),\(fixTime)\n".utf8) }
            guard bytes.count >= Self.blockSize else { return nil }
            defer { bytes.removeAll(keepingCapacity: true) }
            return bytes
        }
        if let block { handle.write(Data(block)) }
    }

    /// Writes what is buffered and closes the file.
    func close() {
        let rest = buffer.withLock { bytes in defer { bytes.removeAll() }; return bytes }
        handle.write(Data(rest))
        try? handle.close()
    }
}

/// The ledger file cannot be written.
struct SimLedgerError: Error, CustomStringConvertible {
    let description: String
}
