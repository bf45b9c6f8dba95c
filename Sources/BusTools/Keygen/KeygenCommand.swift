import ArgumentParser
import ZMQ

/// `tw keygen`: a new CURVE key pair, as environment lines.
public struct KeygenCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "keygen",
        abstract: "Print a new CURVE key pair (Z85) as TW_CURVE_PUBLIC_KEY=... and TW_CURVE_SECRET_KEY=... lines."
    )

    /// Made by ArgumentParser.
    public init() {}

    public func run() throws {
        Output.line(Self.lines(for: try CurveKeyPair.generate()))
    }

    /// The two environment lines for a key pair.
    static func lines(for pair: CurveKeyPair) -> String {
        "TW_CURVE_PUBLIC_KEY=\(pair.publicKey)\nTW_CURVE_SECRET_KEY=\(pair.secretKey)"
    }
}
