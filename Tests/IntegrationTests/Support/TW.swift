import TrackwireTesting

/// Runs `tw` with arguments.
func tw(_ arguments: String...) throws -> ChildProcess {
    try ChildProcess(trackwire: "tw", arguments)
}
