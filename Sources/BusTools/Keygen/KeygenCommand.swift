import ArgumentParser
import Foundation
import ZMQ

/// `tw keygen`: a new CURVE key pair, as environment lines, and its line for tw-bus's allow-list.
public struct KeygenCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "keygen",
        abstract: "Print a new CURVE key pair (Z85) as TW_CURVE_PUBLIC_KEY=... and TW_CURVE_SECRET_KEY=... lines.",
        discussion: """
            --out writes the lines to a file readable by its owner only (an env file for compose or \
            systemd) instead of stdout; --allow appends the public key to tw-bus's --curve-allow file \
            (one key per line, '# name' after it); --server-key adds TW_CURVE_SERVER_KEY for a client.
            """
    )

    @Option(help: "Write the environment lines to this file (mode 0600) instead of stdout.")
    var out: String?

    @Option(help: "Append the public key to this allow-list file (tw-bus --curve-allow).")
    var allow: String?

    @Option(help: "The bus's public key, added as a TW_CURVE_SERVER_KEY line (for a stage or tw).")
    var serverKey: String?

    @Option(help: "A name written after the key in the allow-list, e.g. the stage.")
    var name = "client"

    /// Made by ArgumentParser.
    public init() {}

    public func validate() throws {
        if let serverKey, !CurveKeys.isValid(serverKey) {
            throw ValidationError("--server-key is not a 40-character Z85 public key")
        }
        guard !name.contains("\n") else { throw ValidationError("--name must be one line") }
    }

    public func run() throws {
        let pair = try CurveKeyPair.generate()
        var text = Self.lines(for: pair)
        if let serverKey { text += "\nTW_CURVE_SERVER_KEY=\(serverKey)" }
        if let out {
            guard FileManager.default.createFile(atPath: out, contents: Data((text + "\n").utf8), attributes: [.posixPermissions: 0o600]) else {
                throw OperatorFailure("cannot write \(out)")
            }
        } else {
            Output.line(text)
        }
        if let allow { try Self.append(Self.allowLine(for: pair, name: name), to: allow) }
    }

    /// The two environment lines for a key pair.
    static func lines(for pair: CurveKeyPair) -> String {
        "TW_CURVE_PUBLIC_KEY=\(pair.publicKey)\nTW_CURVE_SECRET_KEY=\(pair.secretKey)"
    }

    /// The allow-list entry for a key pair.
    static func allowLine(for pair: CurveKeyPair, name: String) -> String {
        "\(pair.publicKey) # \(name)"
    }

    private static func append(_ line: String, to path: String) throws {
        if !FileManager.default.fileExists(atPath: path) {
            guard FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o644]) else {
                throw OperatorFailure("cannot create \(path)")
            }
        }
        guard let handle = FileHandle(forWritingAtPath: path) else { throw OperatorFailure("cannot append to \(path)") }
        defer { try? handle.close() }
        handle.seekToEndOfFile()
        handle.write(Data((line + "\n").utf8))
    }
}
