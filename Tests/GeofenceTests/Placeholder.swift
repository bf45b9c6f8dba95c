import Testing
@testable import Geofence
