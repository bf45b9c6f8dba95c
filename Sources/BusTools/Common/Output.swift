import Foundation

/// Standard output for command results, one whole line per write with no stdio buffer in between,
/// so `tw tap | jq` sees each message the moment it arrives.
public enum Output {
    /// Writes `text` and a newline to stdout.
    public static func line(_ text: String) {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }
}
