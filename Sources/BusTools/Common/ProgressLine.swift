import Foundation
import Synchronization

/// A progress line on stderr for commands that run a while (`tw sim`, every `tw bench`): redrawn
/// in place on a terminal; elsewhere (a pipe, a log) printed as a plain line the first time and
/// then every `plainEvery`, so logs stay short. Results go to stdout; progress never does.
public final class ProgressLine: Sendable {
    private let terminal: Bool
    private let plainEvery: Duration
    private let state = Mutex<(drawn: Bool, lastPlain: ContinuousClock.Instant?)>((false, nil))

    /// `terminal`: whether stderr is a TTY (redraw in place).
    public init(terminal: Bool = isatty(STDERR_FILENO) == 1, plainEvery: Duration = .seconds(5)) {
        self.terminal = terminal
        self.plainEvery = plainEvery
    }

    /// Shows `text` as the current progress.
    public func update(_ text: String) {
        let now = ContinuousClock.now
        let write: String? = state.withLock { state in
            if terminal {
                state.drawn = true
                return "\r\u{1B}[K" + text
            }
            guard state.lastPlain.map({ now - $0 >= plainEvery }) ?? true else { return nil }
            state.lastPlain = now
            return text + "\n"
        }
        if let write { FileHandle.standardError.write(Data(write.utf8)) }
    }

    /// Ends the line on a terminal, so what follows starts on a line of its own.
    public func end() {
        let drawn = state.withLock { state in
            defer { state.drawn = false }
            return state.drawn
        }
        if drawn { FileHandle.standardError.write(Data("\n".utf8)) }
    }
}

/// Shows `describe(elapsed)` on a `ProgressLine` once a second from a timer of its own, until
/// stopped (a benchmark's measured loop then needs no progress calls of its own):
/// `let progress = ProgressTimer { "bench x: \(Int($0.inSeconds)) s" }; defer { progress.stop() }`.
// DispatchSource timers are thread-safe; the class only starts and cancels one.
public final class ProgressTimer: @unchecked Sendable {
    private let line: ProgressLine
    private let timer: any DispatchSourceTimer

    /// Starts showing at once, then every `interval`.
    public init(line: ProgressLine = ProgressLine(), every interval: Duration = .seconds(1), _ describe: @escaping @Sendable (Duration) -> String) {
        self.line = line
        let start = ContinuousClock.now
        timer = DispatchSource.makeTimerSource(queue: DispatchQueue(label: "trackwire.progress"))
        timer.schedule(deadline: .now(), repeating: interval.inSeconds)
        timer.setEventHandler { line.update(describe(ContinuousClock.now - start)) }
        timer.resume()
    }

    /// Stops the timer and ends the line.
    public func stop() {
        timer.cancel()
        line.end()
    }
}
