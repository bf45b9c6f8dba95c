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
        let baseline = try DecodeBenchmark.codecsOnly(frames: frames)
        progress.stop()
        Output.line(String(format: "decode: %.0f frames/s of CPU time, %.0f positions/s (%d frames, %d rejects, %.2f s CPU, %.2f s wall, one thread); target >= 300000 frames/s",
                           result.framesPerCPUSecond, result.framesPerCPUSecond * Double(result.positions) / Double(result.frames),
                           result.frames, result.rejects, result.cpuSeconds, result.seconds))
        Output.line(String(format: "baseline, the codecs alone on the same frames: %.0f frames/s of CPU time; ratio decode/codecs %.2f",
                           baseline, result.framesPerCPUSecond / max(baseline, 1e-9)))
    }
}
