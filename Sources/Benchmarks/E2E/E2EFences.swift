import Foundation

/// Demo-like fences over `tw sim`'s default area (Berlin, 15 km around 52.52,13.405): circles and
/// squares on a grid, so the shards raise real enter/exit/dwell events while positions flow.
enum E2EFences {
    static func write(to url: URL) throws {
        var features: [[String: Any]] = []
        for row in 0..<6 {
            for column in 0..<6 {
                let lat = 52.40 + Double(row) * 0.045
                let lon = 13.20 + Double(column) * 0.075
                let id = "e2e-\(row)-\(column)"
                if (row + column) % 2 == 0 {
                    features.append(["type": "Feature", "id": id, "geometry": ["type": "Point", "coordinates": [lon, lat]],
                                     "properties": ["name": id, "radius_m": 900, "dwell_s": 60]])
                } else {
                    let (dlat, dlon) = (0.008, 0.013)
                    let ring = [[lon - dlon, lat - dlat], [lon + dlon, lat - dlat], [lon + dlon, lat + dlat], [lon - dlon, lat + dlat], [lon - dlon, lat - dlat]]
                    features.append(["type": "Feature", "id": id, "geometry": ["type": "Polygon", "coordinates": [ring]],
                                     "properties": ["name": id, "speed_limit_kmh": 50]])
                }
            }
        }
        let data = try JSONSerialization.data(withJSONObject: ["type": "FeatureCollection", "features": features])
        try data.write(to: url)
    }
}
