import Foundation
import Testing
import TrackwireTesting
import ZMQ

@Suite struct EndpointsTests {
    @Test func parse_prefixesChooseBindOrConnect() throws {
        let endpoints = try Endpoints("@tcp://*:7102, >tcp://bus:7102,ipc:///tmp/x", defaultAction: .connect)
        #expect(endpoints.entries == [
            .init(action: .bind, address: "tcp://*:7102"),
            .init(action: .connect, address: "tcp://bus:7102"),
            .init(action: .connect, address: "ipc:///tmp/x"),
        ])
        #expect(endpoints.description == "@tcp://*:7102,>tcp://bus:7102,>ipc:///tmp/x")
    }

    @Test(arguments: ["", "tcp:/x", "@", "bus:7100", "foo://x", "tcp://a,,tcp://b"])
    func parse_rejectsMalformedLists(text: String) {
        #expect(throws: EndpointsError.self) { try Endpoints(text, defaultAction: .bind) }
    }
}

@Suite struct ZMQErrorTests {
    @Test func bind_twice_reportsAddressInUse() throws {
        let harness = try TestSockets()
        let first = try harness.socket(.pull)
        try first.bind("tcp://127.0.0.1:*")
        let second = try harness.socket(.pull)
        #expect {
            try second.bind(first.lastEndpoint)
        } throws: { error in
            (error as? ZMQError)?.code == .addressInUse
        }
    }

    @Test func bind_unknownTransport_reportsInvalidEndpoint() throws {
        let harness = try TestSockets()
        let socket = try harness.socket(.pull)
        #expect(throws: ZMQError.self) { try socket.bind("nope://x") }
    }

    @Test func blockingReceive_afterContextShutdown_reportsTerminated() async throws {
        let context = try Context()
        let pull = try context.socket(.pull, options: SocketOptions().with { $0.lingerMs = 0 })
        try pull.bind("inproc://terminated")
        let receiving = DispatchSemaphore(value: 0)
        let outcome = Task.detached {
            try await DedicatedThread.run(name: "blocked") { () -> Bool in
                receiving.signal()
                do { _ = try pull.receive(wait: true); return false } catch let error as ZMQError { return error.isTerminated }
            }
        }
        // Its thread is about to block in receive: shut the context down under it.
        #expect(receiving.wait(timeout: .now() + 10) == .success)
        context.shutdown()
        #expect(try await outcome.value)
        pull.close()
        context.terminate()
    }
}
