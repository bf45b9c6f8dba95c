import Foundation
import Testing
@testable import Gateway

/// `--devices`: which ids are admitted, and the throttle on an address that keeps sending unknown ones.
@Suite struct DeviceAdmissionTests {
    @Test func register_admitsOnlyIdsMatchingTheWholePattern() throws {
        let admission = try DeviceAdmission(parsing: "register 86[0-9]{13}")
        #expect(admission.admits("861234567890123"))
        #expect(!admission.admits("x861234567890123") && !admission.admits("8612345678901234") && !admission.admits(""))
    }

    @Test func allowList_admitsOnlyListedIds() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("devices-\(UUID().uuidString.prefix(8))")
        try "# fleet\ntruck-1\n  truck-2  # spare\n".write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let admission = try DeviceAdmission(parsing: "allow-list \(file.path)")
        #expect(admission.admits("truck-1") && admission.admits("truck-2") && !admission.admits("truck-3"))
    }

    @Test(arguments: ["", "closed", "register", "register (", "allow-list /no/such/file"])
    func badSetting_isAConfigurationError(text: String) {
        #expect(throws: (any Error).self) { try DeviceAdmission(parsing: text) }
    }

    @Test func anAddressRefusedThreeTimes_isThrottled_andItsBackoffEnds() throws {
        let admission = try DeviceAdmission(parsing: "register ^ok$")
        for _ in 0..<2 { admission.recordRefusal(from: "10.0.0.9:5000", nowMs: 1_000) }
        #expect(!admission.isThrottled("10.0.0.9:6000", nowMs: 1_000))
        admission.recordRefusal(from: "10.0.0.9:5001", nowMs: 1_000)
        #expect(admission.isThrottled("10.0.0.9:7000", nowMs: 2_000), "the host, whatever its port")
        #expect(!admission.isThrottled("10.0.0.8:7000", nowMs: 2_000), "other hosts are not")
        #expect(!admission.isThrottled("10.0.0.9:7000", nowMs: 1_000 + admission.firstBackoffMs + 1))
        #expect(!DeviceAdmission.open.isThrottled("10.0.0.9:1", nowMs: 0))
    }
}
