/// A command could not do its job (nothing arrived in time, the bus is unreachable): one line on
/// stderr, exit code 1. Bad arguments are ArgumentParser's `ValidationError` instead (exit 2).
public struct OperatorFailure: Error, CustomStringConvertible {
    /// The line printed after `tw: `.
    public let description: String
    /// A failure saying `description`.
    public init(_ description: String) { self.description = description }
}
