extension PostgresServer {
    /// One server for the whole test process, on a free loopback port, started on first use and
    /// stopped at process exit. A failed start is remembered, so every caller fails with the same
    /// message (for instance that the binaries are missing).
    public static func shared() async throws -> PostgresServer {
        try await SharedServer.instance.server()
    }
}

private actor SharedServer {
    static let instance = SharedServer()
    private var starting: Task<PostgresServer, any Error>?

    func server() async throws -> PostgresServer {
        if let starting { return try await starting.value }
        let task = Task { try await PostgresServer.start(port: FreePorts.one()) }
        starting = task
        return try await task.value
    }
}
