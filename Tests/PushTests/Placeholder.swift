import Testing
@testable import Push
