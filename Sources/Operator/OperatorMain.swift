import ArgumentParser
import Benchmarks
import BusTools
import Foundation

/// Runs `tw` the way every Trackwire executable behaves: `--help` exits 0, bad arguments print
/// one line and exit 2, a command that cannot do its job prints one line and exits 1.
public enum OperatorMain {
    /// Parses `arguments` (default: the process's), runs the chosen command, and exits.
    public static func run(arguments: [String]? = nil) async -> Never {
        if BenchCommand.isChosen(by: arguments ?? Array(CommandLine.arguments.dropFirst())) {
            BenchCommand.stopChildrenOnTermination()
        }
        do {
            var command = try TW.parseAsRoot(arguments)
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
            exit(0)
        } catch let failure as OperatorFailure {
            fail(failure.description, code: 1)
        } catch {
            exitForArgumentError(error)
        }
    }

    /// Help (`--help`, `tw help tap`) prints and exits 0; a parse or validation error prints one
    /// line and exits 2; an `ExitCode` exits with it; anything else is a failure, exit 1.
    static func exitForArgumentError(_ error: any Error) -> Never {
        switch TW.exitCode(for: error) {
        case .success:
            Output.line(TW.fullMessage(for: error))
            exit(0)
        case .validationFailure:
            fail(firstLine(TW.message(for: error)), code: 2)
        case let code where error is ExitCode:
            exit(code.rawValue)
        default:
            fail(firstLine("\(error)"), code: 1)
        }
    }

    static func firstLine(_ message: String) -> String {
        message.split(separator: "\n").first.map(String.init) ?? message
    }

    static func fail(_ message: String, code: Int32) -> Never {
        FileHandle.standardError.write(Data("tw: \(message)\n".utf8))
        exit(code)
    }
}
