import TrackwireProtocol

/// Positions as a GPX 1.1 document: one `<trk>` per device, points with elevation, time,
/// satellites, hdop, and speed (m/s) and course in Garmin's TrackPointExtension v2.
enum GPXExport {
    static func document(_ positions: [Position]) -> String {
        var xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <gpx version="1.1" creator="Trackwire" xmlns="http://www.topografix.com/GPX/1/1" \
            xmlns:gpxtpx="http://www.garmin.com/xmlschemas/TrackPointExtension/v2" \
            xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" \
            xsi:schemaLocation="http://www.topografix.com/GPX/1/1 http://www.topografix.com/GPX/1/1/gpx.xsd">

            """
        for track in DeviceTracks(positions).tracks {
            xml += "<trk><name>\(escape(track.device))</name><trkseg>\n"
            for position in track.positions { xml += trackPoint(position) }
            xml += "</trkseg></trk>\n"
        }
        return xml + "</gpx>\n"
    }

    private static func trackPoint(_ p: Position) -> String {
        "<trkpt lat=\"\(p.latitude)\" lon=\"\(p.longitude)\"><ele>\(p.altitudeM)</ele>"
            + "<time>\(TimeFormat.iso(ms: p.fixTimeMs))</time><sat>\(p.satellites)</sat><hdop>\(p.hdop)</hdop>"
            + "<extensions><gpxtpx:TrackPointExtension><gpxtpx:speed>\(p.speedKmh / 3.6)</gpxtpx:speed>"
            + "<gpxtpx:course>\(p.courseDeg)</gpxtpx:course></gpxtpx:TrackPointExtension></extensions></trkpt>\n"
    }

    /// Escapes text for XML character data and attribute values.
    static func escape(_ text: String) -> String {
        var escaped = ""
        for character in text {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&apos;"
            default: escaped.append(character)
            }
        }
        return escaped
    }
}
