import ArgumentParser
import Codecs
import Foundation
import TrackwireProtocol

/// `tw decode`: what does this frame say? Decodes one frame given on the command line, or JSON
/// lines of frames from stdin, with the codecs the decoder stage runs, and prints JSON.
struct DecodeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "decode",
        abstract: "Decode device frames offline: print their positions, events or the reject reason as JSON.",
        discussion: """
            With a frame argument (hex digits, or text with --text), prints one JSON object and exits 1 if the \
            frame is refused. Without one, reads JSON lines {"protocol","kind":"hex"|"text","payload"} (optional \
            "device", "transport", "options", "received_at_ms") from stdin and writes one JSON line per input \
            line, in order: {"kind","device","positions":[…],"events":[…]} (with "reply" and "problems" when the \
            gateway would answer or flag the frame) or {"error":"…"}. A frame that does not name its device is \
            reported under --device (or the line's "device"), else "unknown".
            """
    )

    @Option(help: "The protocol of the frame argument (\(CodecRegistry.descriptors.map(\.name).joined(separator: ", "))).")
    var `protocol`: String?

    @Option(help: "The session's device, for frames that do not name their own.")
    var device: String?

    @Option(help: "tcp, udp or http (default: the protocol's primary transport).")
    var transport: String?

    @Option(name: .customLong("option"), help: "A listener option, Key=Value (e.g. ModelOverride=VL103); repeatable.")
    var options: [String] = []

    @Option(help: "The receive time, unix milliseconds (default: now); protocols sending only a time of day need it.")
    var receivedAt: Int64?

    @Flag(help: "The frame argument is text, not hex digits.")
    var text = false

    @Argument(help: "One frame, as hex digits (or text with --text); omit it to read JSON lines from stdin.")
    var frame: String?

    func validate() throws {
        if frame != nil, `protocol` == nil { throw ValidationError("--protocol is needed with a frame argument") }
        _ = try parsedOptions()
        if let transport { _ = try transportValue(transport) }
    }

    func run() throws {
        let now = receivedAt ?? Int64(Date().timeIntervalSince1970 * 1000)
        if let frame {
            let payload = try Self.payload(frame, text: text)
            let report = FrameInspector.inspect(InspectionRequest(
                protocolName: `protocol` ?? "", payload: payload, transport: try transport.map(transportValue),
                device: device, options: try parsedOptions(), receivedAtMs: now))
            Output.line(report.json)
            if report.error != nil { throw ExitCode(1) }
            return
        }
        while let line = readLine(strippingNewline: true) {
            Output.line(report(line, receivedAtMs: now).json)
        }
    }

    /// The report for one stdin line; the command's `--device`, `--option` and `--transport`
    /// fill in what the line leaves out.
    func report(_ line: String, receivedAtMs: Int64) -> FrameReport {
        do {
            var request = try InspectionRequest(jsonLine: line, receivedAtMs: receivedAtMs)
            request.device = request.device ?? device
            request.options = try parsedOptions().merging(request.options) { _, line in line }
            if request.transport == nil, let transport { request.transport = try transportValue(transport) }
            return FrameInspector.inspect(request)
        } catch {
            return FrameReport(error: "bad_input: \(error)")
        }
    }

    private func parsedOptions() throws -> [String: String] {
        var parsed: [String: String] = [:]
        for entry in options {
            guard let eq = entry.firstIndex(of: "="), eq > entry.startIndex else {
                throw ValidationError("--option '\(entry)' must be Key=Value")
            }
            parsed[String(entry[..<eq])] = String(entry[entry.index(after: eq)...])
        }
        return parsed
    }

    private func transportValue(_ name: String) throws -> Transport {
        do { return try InspectionRequest.transport(named: name) } catch { throw ValidationError("--transport: \(error)") }
    }

    /// The frame argument's bytes: hex digits (spaces allowed), or its UTF-8 with `--text`.
    static func payload(_ frame: String, text: Bool) throws -> [UInt8] {
        do { return try InspectionRequest.bytes(kind: text ? "text" : "hex", payload: frame) } catch {
            throw ValidationError("\(error) (pass --text for a text frame)")
        }
    }
}
