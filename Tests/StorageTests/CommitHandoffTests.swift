import Foundation
import Synchronization
import Testing
import TrackwireTesting
import ZMQ
@testable import Storage

/// The hand-off between the queue thread and the committing task.
@Suite struct CommitHandoffTests {
    @Test func submit_blocksTheThreadUntilTheBatchIsCommitted() async throws {
        let handoff = CommitHandoff<Int>()
        let returned = Atomic<Int>(0)
        let thread = Task {
            try await DedicatedThread.run(name: "test-submit") {
                for batch in 1...2 {
                    #expect(handoff.submit(batch))
                    returned.store(batch, ordering: .sequentiallyConsistent)
                }
                handoff.finish()
            }
        }
        #expect(await handoff.next() == 1)
        // No marker can show a thread that stays blocked: give a wrong hand-off a bounded chance to return.
        #expect(await !eventually(timeout: .milliseconds(200)) { returned.load(ordering: .sequentiallyConsistent) != 0 },
                "the thread waits while batch 1 is being committed")
        handoff.complete(committed: true)
        #expect(await handoff.next() == 2)
        handoff.complete(committed: true)
        #expect(await handoff.next() == nil)
        try await thread.value
        #expect(returned.load(ordering: .sequentiallyConsistent) == 2)
    }

    @Test func submit_whenTheConsumerGivesTheBatchUp_returnsFalse() async throws {
        let handoff = CommitHandoff<Int>()
        let thread = Task {
            try await DedicatedThread.run(name: "test-submit") { handoff.submit(1) }
        }
        #expect(await handoff.next() == 1)
        handoff.complete(committed: false)
        #expect(try await thread.value == false)
    }

    @Test func abandon_releasesABlockedSubmitWithFalse() async throws {
        let handoff = CommitHandoff<Int>()
        let thread = Task {
            try await DedicatedThread.run(name: "test-submit") { handoff.submit(1) }
        }
        #expect(await handoff.next() == 1)
        handoff.abandon()
        #expect(try await thread.value == false)
        #expect(await handoff.next() == nil)
    }

    @Test func offer_returnsAtOnce_andTheThreadSeesTheCommitInFlightUntilItCompletes() async throws {
        let handoff = CommitHandoff<Int>()
        #expect(!handoff.isBusy && handoff.lastBatchCommitted)
        #expect(handoff.offer(1))
        #expect(handoff.isBusy, "gathering the next batch meanwhile is the caller's job")
        #expect(!handoff.waitUntilIdle(timeoutMs: 50), "still in flight")
        #expect(await handoff.next() == 1)
        handoff.complete(committed: false)
        #expect(handoff.waitUntilIdle(timeoutMs: 1_000) && !handoff.isBusy)
        #expect(!handoff.lastBatchCommitted, "the thread learns that its batch was given up")
        #expect(handoff.offer(2))
        #expect(await handoff.next() == 2)
        handoff.complete(committed: true)
        #expect(handoff.waitUntilIdle(timeoutMs: 1_000) && handoff.lastBatchCommitted)
    }
}
