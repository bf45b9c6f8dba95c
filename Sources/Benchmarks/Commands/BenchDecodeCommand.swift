import ArgumentParser
import BusTools
import Foundation

/// `tw bench decode`: frames/s of one decoder's core on a mix of real GT06 and Teltonika frames.
struct BenchDecodeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "decode",
        abstract: "Measure frames/s of one decoder (decode + protobuf envelopes) on a real GT06/Teltonika mix."
    )

    @Option(help: "Frames to decode.")
    var frames = 500_000

    func validate() throws {
        guard frames > 0 else { throw ValidationError("--frames must be positive") }
    }

    func run() throws {
        let frames = self.frames
        let progress = ProgressTimer { "bench decode: \(frames) frames, \(Int($0.inSeconds)) s" }
        _ = DecodeBenchmark.run(frames: min(frames, 10_000))  // warm-up
        let result = DecodeBenchmark.run(frames: frames)
        progress.stop()
        Output.line(String(format: "decode: %.0f frames/s, %.0f positions/s (%d frames, %d rejects, %.2f s, one core); target >= 300000 frames/s",
                           result.framesPerSecond, result.positionsPerSecond, result.frames, result.rejects, result.seconds))
    }
}
