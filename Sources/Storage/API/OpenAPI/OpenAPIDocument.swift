import TrackwireProtocol

/// `GET /api/openapi.json`: the API described in OpenAPI 3.1, written by hand here in one place.
/// `OpenAPIDocumentTests` keeps it true: every route the router serves under `/api` is in it and
/// every operation in it is served.
enum OpenAPIDocument {
    /// The parsed document (the text below is checked to parse by the tests).
    static let document: JSONValue = (try? JSONValue.parse(Array(text.utf8))) ?? .null

    /// A Swift string as a JSON string literal, for the values below that come from the code.
    private static func json(_ text: String) -> String { JSONValue.string(text).text }
    private static func json(_ texts: [String]) -> String { JSONValue.array(texts.map(JSONValue.string)).text }

    static let text = #"""
{
  "openapi": "3.1.0",
  "info": {
    "title": "Trackwire storage API",
    "version": "1.0.0",
    "description": "Devices, position history (JSON, GeoJSON, GPX, CSV), events, geofences (GeoJSON Features, published as cfg.geofence), downlink commands (published as cmd.<device>), dead letters and reports. Times are accepted as ISO 8601 or unix milliseconds and returned as both. Errors are {\"error\": {\"status\", \"message\"}}. See docs/api.md."
  },
  "servers": [{"url": "http://localhost:8082"}],
  "security": [{}, {"bearer": []}],
  "paths": {
    "/api/openapi.json": {
      "get": {
        "summary": "This document",
        "operationId": "getOpenAPI",
        "responses": {"200": {"description": "The OpenAPI document", "content": {"application/json": {"schema": {"type": "object"}}}}, "401": {"$ref": "#/components/responses/Unauthorized"}}
      }
    },
    "/api/devices": {
      "get": {
        "summary": "Every known device, ordered by id",
        "operationId": "listDevices",
        "responses": {"200": {"description": "Devices", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/DeviceList"}}}}, "401": {"$ref": "#/components/responses/Unauthorized"}}
      }
    },
    "/api/devices/{id}": {
      "get": {
        "summary": "One device",
        "operationId": "getDevice",
        "parameters": [{"$ref": "#/components/parameters/Id"}],
        "responses": {"200": {"description": "The device", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Device"}}}}, "401": {"$ref": "#/components/responses/Unauthorized"}, "404": {"$ref": "#/components/responses/NotFound"}}
      }
    },
    "/api/positions": {
      "get": {
        "summary": "Position history ordered by fix time, one page at a time",
        "description": "The next page starts at next_cursor (also in a Link: <...>; rel=\"next\" header). format=geojson|gpx|csv exports the page.",
        "operationId": "listPositions",
        "parameters": [{"$ref": "#/components/parameters/Devices"}, {"$ref": "#/components/parameters/From"}, {"$ref": "#/components/parameters/To"}, {"$ref": "#/components/parameters/Limit"}, {"$ref": "#/components/parameters/Cursor"}, {"$ref": "#/components/parameters/Format"}],
        "responses": {"200": {"$ref": "#/components/responses/Positions"}, "400": {"$ref": "#/components/responses/BadRequest"}, "401": {"$ref": "#/components/responses/Unauthorized"}}
      }
    },
    "/api/positions/latest": {
      "get": {
        "summary": "The newest position of each device",
        "operationId": "latestPositions",
        "parameters": [{"$ref": "#/components/parameters/Devices"}, {"$ref": "#/components/parameters/Format"}],
        "responses": {"200": {"$ref": "#/components/responses/Positions"}, "400": {"$ref": "#/components/responses/BadRequest"}, "401": {"$ref": "#/components/responses/Unauthorized"}}
      }
    },
    "/api/events": {
      "get": {
        "summary": "Stored events ordered by time",
        "operationId": "listEvents",
        "parameters": [{"$ref": "#/components/parameters/Devices"}, {"name": "kind", "in": "query", "description": "Event kinds (topic names) joined by single commas; empty or absent means all", "schema": {"type": "string", "pattern": \#(json(APIQuery.eventKindsPattern)), "examples": ["enter,exit"]}}, {"$ref": "#/components/parameters/From"}, {"$ref": "#/components/parameters/To"}, {"$ref": "#/components/parameters/Limit"}],
        "responses": {"200": {"description": "Events", "content": {"application/json": {"schema": {"type": "object", "required": ["events"], "properties": {"events": {"type": "array", "items": {"$ref": "#/components/schemas/Event"}}}}}}}, "400": {"$ref": "#/components/responses/BadRequest"}, "401": {"$ref": "#/components/responses/Unauthorized"}}
      }
    },
    "/api/geofences": {
      "get": {
        "summary": "Every geofence as a GeoJSON FeatureCollection",
        "operationId": "listGeofences",
        "responses": {"200": {"description": "Geofences", "content": {"application/geo+json": {"schema": {"$ref": "#/components/schemas/FeatureCollection"}}}}, "401": {"$ref": "#/components/responses/Unauthorized"}}
      },
      "post": {
        "summary": "Create a geofence and publish cfg.geofence",
        "description": "The id comes from the Feature's id, else properties.id, else is generated.",
        "operationId": "createGeofence",
        "requestBody": {"$ref": "#/components/requestBodies/Feature"},
        "responses": {"201": {"$ref": "#/components/responses/Geofence"}, "400": {"$ref": "#/components/responses/BadRequest"}, "401": {"$ref": "#/components/responses/Unauthorized"}, "409": {"$ref": "#/components/responses/Conflict"}}
      }
    },
    "/api/geofences/{id}": {
      "get": {
        "summary": "One geofence",
        "operationId": "getGeofence",
        "parameters": [{"$ref": "#/components/parameters/Id"}],
        "responses": {"200": {"$ref": "#/components/responses/Geofence"}, "401": {"$ref": "#/components/responses/Unauthorized"}, "404": {"$ref": "#/components/responses/NotFound"}}
      },
      "put": {
        "summary": "Create or replace a geofence and publish cfg.geofence",
        "description": "A body id (the Feature's or properties.id) that differs from the path's is a 409.",
        "operationId": "putGeofence",
        "parameters": [{"$ref": "#/components/parameters/Id"}],
        "requestBody": {"$ref": "#/components/requestBodies/Feature"},
        "responses": {"200": {"$ref": "#/components/responses/Geofence"}, "201": {"$ref": "#/components/responses/Geofence"}, "400": {"$ref": "#/components/responses/BadRequest"}, "401": {"$ref": "#/components/responses/Unauthorized"}, "409": {"$ref": "#/components/responses/Conflict"}}
      },
      "delete": {
        "summary": "Delete a geofence and publish cfg.geofence (op DELETE)",
        "operationId": "deleteGeofence",
        "parameters": [{"$ref": "#/components/parameters/Id"}],
        "responses": {"204": {"description": "Deleted"}, "401": {"$ref": "#/components/responses/Unauthorized"}, "404": {"$ref": "#/components/responses/NotFound"}}
      }
    },
    "/api/devices/{id}/commands/types": {
      "get": {
        "summary": "The command types the device's protocol can encode (from its codec's descriptor)",
        "operationId": "commandTypes",
        "parameters": [{"$ref": "#/components/parameters/Id"}],
        "responses": {"200": {"description": "Command types", "content": {"application/json": {"schema": {"type": "object", "required": ["device", "protocol", "types"], "properties": {"device": {"type": "string"}, "protocol": {"type": "string"}, "types": {"type": "array", "items": {"type": "string"}}}}}}}, "401": {"$ref": "#/components/responses/Unauthorized"}, "404": {"$ref": "#/components/responses/NotFound"}}
      }
    },
    "/api/commands": {
      "get": {
        "summary": "Commands sent through the API, newest first",
        "operationId": "listCommands",
        "parameters": [{"name": "device", "in": "query", "description": "One device id", "schema": {"type": "string"}}, {"$ref": "#/components/parameters/Limit"}],
        "responses": {"200": {"description": "Commands", "content": {"application/json": {"schema": {"type": "object", "required": ["commands"], "properties": {"commands": {"type": "array", "items": {"$ref": "#/components/schemas/Command"}}}}}}}, "400": {"$ref": "#/components/responses/BadRequest"}, "401": {"$ref": "#/components/responses/Unauthorized"}}
      },
      "post": {
        "summary": "Send a downlink command: store it queued and publish cmd.<device>; it waits in storage for an offline device",
        "operationId": "sendCommand",
        "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/CommandRequest"}}}},
        "responses": {"202": {"description": "Stored and published", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Command"}}}}, "400": {"$ref": "#/components/responses/BadRequest"}, "401": {"$ref": "#/components/responses/Unauthorized"}, "404": {"$ref": "#/components/responses/NotFound"}, "422": {"description": "The device's protocol cannot encode this command type", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}}
      }
    },
    "/api/commands/{id}": {
      "get": {
        "summary": "One command with its status (queued, sent, acknowledged, failed, expired)",
        "operationId": "getCommand",
        "parameters": [{"$ref": "#/components/parameters/Id"}],
        "responses": {"200": {"description": "The command", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Command"}}}}, "401": {"$ref": "#/components/responses/Unauthorized"}, "404": {"$ref": "#/components/responses/NotFound"}}
      }
    },
    "/api/dead-letters": {
      "get": {
        "summary": "Rejected messages, newest first",
        "operationId": "listDeadLetters",
        "parameters": [{"$ref": "#/components/parameters/Limit"}, {"name": "before", "in": "query", "description": "Only dead letters with a smaller id (the next page)", "schema": {"type": "integer", "minimum": 1, "maximum": 9223372036854775807}}],
        "responses": {"200": {"description": "Dead letters", "content": {"application/json": {"schema": {"type": "object", "required": ["dead_letters"], "properties": {"dead_letters": {"type": "array", "items": {"$ref": "#/components/schemas/DeadLetter"}}}}}}}, "400": {"$ref": "#/components/responses/BadRequest"}, "401": {"$ref": "#/components/responses/Unauthorized"}}
      }
    },
    "/api/dead-letters/{id}/replay": {
      "post": {
        "summary": "Send a dead letter's original message again (raw.* to the frames queue, anything else to the store queue)",
        "operationId": "replayDeadLetter",
        "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "integer", "minimum": 1, "maximum": 9223372036854775807}}],
        "responses": {"202": {"description": "Queued", "content": {"application/json": {"schema": {"type": "object", "required": ["replayed", "topic", "queue"], "properties": {"replayed": {"type": "integer"}, "topic": {"type": "string"}, "queue": {"enum": ["frames", "store"]}}}}}}, "400": {"$ref": "#/components/responses/BadRequest"}, "401": {"$ref": "#/components/responses/Unauthorized"}, "404": {"$ref": "#/components/responses/NotFound"}, "409": {"$ref": "#/components/responses/Conflict"}}
      }
    },
    "/api/reports/trips": {
      "get": {
        "summary": "Trips: movement between stops",
        "operationId": "tripsReport",
        "parameters": [{"$ref": "#/components/parameters/ReportDevices"}, {"$ref": "#/components/parameters/ReportFrom"}, {"$ref": "#/components/parameters/ReportTo"}, {"$ref": "#/components/parameters/SpeedThreshold"}, {"$ref": "#/components/parameters/StopRadius"}, {"$ref": "#/components/parameters/MinStop"}, {"$ref": "#/components/parameters/MinTripDistance"}, {"$ref": "#/components/parameters/MinTrip"}, {"$ref": "#/components/parameters/MaxGap"}],
        "responses": {"200": {"description": "Trips", "content": {"application/json": {"schema": {"type": "object", "required": ["trips", "settings"], "properties": {"trips": {"type": "array", "items": {"$ref": "#/components/schemas/Trip"}}, "settings": {"$ref": "#/components/schemas/ReportSettings"}}}}}}, "400": {"$ref": "#/components/responses/BadRequest"}, "401": {"$ref": "#/components/responses/Unauthorized"}}
      }
    },
    "/api/reports/stops": {
      "get": {
        "summary": "Stops: standing still within stop_radius_m for at least min_stop_s",
        "operationId": "stopsReport",
        "parameters": [{"$ref": "#/components/parameters/ReportDevices"}, {"$ref": "#/components/parameters/ReportFrom"}, {"$ref": "#/components/parameters/ReportTo"}, {"$ref": "#/components/parameters/SpeedThreshold"}, {"$ref": "#/components/parameters/StopRadius"}, {"$ref": "#/components/parameters/MinStop"}, {"$ref": "#/components/parameters/MinTripDistance"}, {"$ref": "#/components/parameters/MinTrip"}, {"$ref": "#/components/parameters/MaxGap"}],
        "responses": {"200": {"description": "Stops", "content": {"application/json": {"schema": {"type": "object", "required": ["stops", "settings"], "properties": {"stops": {"type": "array", "items": {"$ref": "#/components/schemas/Stop"}}, "settings": {"$ref": "#/components/schemas/ReportSettings"}}}}}}, "400": {"$ref": "#/components/responses/BadRequest"}, "401": {"$ref": "#/components/responses/Unauthorized"}}
      }
    },
    "/api/reports/summary": {
      "get": {
        "summary": "Per-device summary: distance, speeds, driving and engine time",
        "operationId": "summaryReport",
        "parameters": [{"$ref": "#/components/parameters/ReportDevices"}, {"$ref": "#/components/parameters/ReportFrom"}, {"$ref": "#/components/parameters/ReportTo"}, {"$ref": "#/components/parameters/SpeedThreshold"}, {"$ref": "#/components/parameters/StopRadius"}, {"$ref": "#/components/parameters/MinStop"}, {"$ref": "#/components/parameters/MinTripDistance"}, {"$ref": "#/components/parameters/MinTrip"}, {"$ref": "#/components/parameters/MaxGap"}],
        "responses": {"200": {"description": "Summaries", "content": {"application/json": {"schema": {"type": "object", "required": ["summary", "settings"], "properties": {"summary": {"type": "array", "items": {"$ref": "#/components/schemas/Summary"}}, "settings": {"$ref": "#/components/schemas/ReportSettings"}}}}}}, "400": {"$ref": "#/components/responses/BadRequest"}, "401": {"$ref": "#/components/responses/Unauthorized"}}
      }
    }
  },
  "components": {
    "securitySchemes": {
      "bearer": {"type": "http", "scheme": "bearer", "description": "Required when tw-storage runs with an API token"}
    },
    "parameters": {
      "Id": {"name": "id", "in": "path", "required": true, "schema": {"type": "string"}},
      "Devices": {"name": "device", "in": "query", "description": "Device ids, comma-separated or repeated; absent means all", "schema": {"type": "string"}},
      "From": {"name": "from", "in": "query", "description": "Inclusive lower bound: RFC 3339 or unix ms; a from at or after to is an empty range", "schema": {"$ref": "#/components/schemas/TimeInput"}},
      "To": {"name": "to", "in": "query", "description": "Exclusive upper bound: ISO 8601 or unix ms", "schema": {"$ref": "#/components/schemas/TimeInput"}},
      "Limit": {"name": "limit", "in": "query", "description": "Page size (default 1000 for positions and events, 100 for commands and dead letters; at most the server's maximum page size, 10000 by default)", "schema": {"type": "integer", "minimum": 1, "maximum": 10000}},
      "Cursor": {"name": "cursor", "in": "query", "description": "The next_cursor of the previous page, unchanged", "schema": {"type": "string", "pattern": \#(json(PositionCursorCodec.pattern))}},
      "Format": {"name": "format", "in": "query", "schema": {"enum": ["json", "geojson", "gpx", "csv"], "default": "json"}},
      "ReportDevices": {"name": "device", "in": "query", "required": true, "description": "Device ids, comma-separated or repeated (spaces and tabs around each trimmed); at least one", "schema": {"type": "string", "pattern": "[^, \\t]"}},
      "ReportFrom": {"name": "from", "in": "query", "required": true, "description": "Inclusive lower bound; a from at or after to reports an empty range", "schema": {"$ref": "#/components/schemas/TimeInput"}},
      "ReportTo": {"name": "to", "in": "query", "required": true, "schema": {"$ref": "#/components/schemas/TimeInput"}},
      "SpeedThreshold": {"name": "speed_threshold_kmh", "in": "query", "description": "At or below this speed a fix counts as standing still", "schema": {"type": "number", "minimum": 0, "maximum": 1000, "default": 5}},
      "StopRadius": {"name": "stop_radius_m", "in": "query", "description": "A stop's fixes stay within this distance of its first fix", "schema": {"type": "number", "minimum": 1, "maximum": 100000, "default": 100}},
      "MinStop": {"name": "min_stop_s", "in": "query", "description": "Standing still at least this long is a stop", "schema": {"type": "number", "minimum": 0, "maximum": 86400, "default": 300}},
      "MinTripDistance": {"name": "min_trip_distance_m", "in": "query", "description": "A trip covers at least this distance or lasts min_trip_s", "schema": {"type": "number", "minimum": 0, "maximum": 1000000, "default": 500}},
      "MinTrip": {"name": "min_trip_s", "in": "query", "description": "A trip lasts at least this long or covers min_trip_distance_m", "schema": {"type": "number", "minimum": 0, "maximum": 86400, "default": 300}},
      "MaxGap": {"name": "max_gap_s", "in": "query", "description": "Silence longer than this ends a trip; ignition time is not counted across it", "schema": {"type": "number", "minimum": 1, "maximum": 2592000, "default": 3600}}
    },
    "requestBodies": {
      "Feature": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Feature"}}, "application/geo+json": {"schema": {"$ref": "#/components/schemas/Feature"}}}}
    },
    "responses": {
      "Positions": {
        "description": "Positions; the Link header names the next page",
        "headers": {"Link": {"description": "<url>; rel=\"next\" when there is a next page", "schema": {"type": "string"}}},
        "content": {
          "application/json": {"schema": {"$ref": "#/components/schemas/PositionPage"}},
          "application/geo+json": {"schema": {"$ref": "#/components/schemas/FeatureCollection"}},
          "application/gpx+xml": {"schema": {"type": "string", "description": "GPX 1.1, one trk per device"}},
          "text/csv": {"schema": {"type": "string", "description": "RFC 4180 with a header row; columns as in Position, attributes as JSON"}}
        }
      },
      "Geofence": {"description": "The geofence's Feature", "headers": {"Location": {"schema": {"type": "string"}}}, "content": {"application/geo+json": {"schema": {"$ref": "#/components/schemas/Feature"}}}},
      "BadRequest": {"description": "Bad input", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
      "Unauthorized": {"description": "Missing or wrong bearer token", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
      "NotFound": {"description": "Unknown id or route", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
      "Conflict": {"description": "The request conflicts with what is stored", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
    },
    "schemas": {
      "TimeInput": {"description": "Unix milliseconds or an RFC 3339 date-time (2024-05-01T12:00:00Z; upper-case T and Z, any offset, up to 9 fraction digits, rounded to the millisecond)", "anyOf": [{"type": "string", "pattern": \#(json(TimeFormat.unixMsPattern))}, {"type": "string", "format": "date-time", "pattern": \#(json(TimeFormat.dateTimePattern))}], "examples": ["2024-05-01T12:00:00Z", "1714564800000"]},
      "Error": {"type": "object", "required": ["error"], "properties": {"error": {"type": "object", "required": ["status", "message"], "properties": {"status": {"type": "integer"}, "message": {"type": "string"}}}}},
      "Attributes": {"type": "object", "description": "Typed device attributes, one flat object sorted by name (docs/attributes.md): ignition, battery_v, odometer_m, alarm, io<N>, ...", "additionalProperties": {"type": ["boolean", "integer", "number", "string"]}},
      "Position": {
        "description": "One position fix as every Trackwire surface renders it: the storage API, tw-push (WebSocket, SSE, webhooks: the data of a position message) and tw tap (the body of a pos.* line). Rendered in one place, PositionJSON in TrackwireProtocol. Members appear in this order. Numbers are JSON numbers (a double always has a fraction or exponent: 12.0, never 12), times are ISO 8601 UTC with milliseconds plus unix milliseconds. See docs/api.md.",
        "type": "object",
        "required": ["device_id", "protocol", "fix_time", "fix_time_ms", "device_time_ms", "server_time_ns", "latitude", "longitude", "altitude_m", "speed_kmh", "course_deg", "satellites", "hdop", "valid", "attributes"],
        "additionalProperties": false,
        "properties": {
          "device_id": {"type": "string", "description": "The device's unique id (IMEI or the id its protocol carries)"},
          "protocol": {"type": "string", "description": "The device protocol that reported it (gt06, teltonika, ...)"},
          "fix_time": {"type": "string", "format": "date-time", "description": "The GPS fix time, ISO 8601 UTC with milliseconds"},
          "fix_time_ms": {"type": "integer", "description": "The same time in unix milliseconds"},
          "device_time_ms": {"type": "integer", "description": "The time the device stamped on the record, unix ms (often the fix time)"},
          "server_time_ns": {"type": "integer", "description": "When the gateway read the frame, unix ns (a JavaScript number holds it to about 0.25 µs)"},
          "latitude": {"type": "number", "minimum": -90, "maximum": 90, "description": "Degrees, WGS84"},
          "longitude": {"type": "number", "minimum": -180, "maximum": 180, "description": "Degrees, WGS84"},
          "altitude_m": {"type": "number", "description": "Metres"},
          "speed_kmh": {"type": "number", "description": "km/h, whatever unit the device sent"},
          "course_deg": {"type": "number", "description": "Degrees clockwise from north"},
          "satellites": {"type": "integer", "minimum": 0},
          "hdop": {"type": "number"},
          "valid": {"type": "boolean", "description": "False when the device says the fix is not valid (last known location)"},
          "attributes": {"$ref": "#/components/schemas/Attributes"}
        }
      },
      "PositionPage": {"type": "object", "required": ["positions", "next_cursor"], "properties": {"positions": {"type": "array", "items": {"$ref": "#/components/schemas/Position"}}, "next_cursor": {"type": ["string", "null"]}}},
      "Device": {
        "type": "object",
        "required": ["id", "protocol", "first_seen", "first_seen_ms", "last_seen", "last_seen_ms", "online", "last_position"],
        "properties": {
          "id": {"type": "string"}, "protocol": {"type": "string"},
          "first_seen": {"type": "string", "format": "date-time"}, "first_seen_ms": {"type": "integer"},
          "last_seen": {"type": "string", "format": "date-time"}, "last_seen_ms": {"type": "integer"},
          "online": {"type": ["boolean", "null"]}, "last_position": {"oneOf": [{"$ref": "#/components/schemas/Position"}, {"type": "null"}]}
        }
      },
      "DeviceList": {"type": "object", "required": ["devices"], "properties": {"devices": {"type": "array", "items": {"$ref": "#/components/schemas/Device"}}}},
      "Event": {
        "type": "object",
        "required": ["id", "device_id", "kind", "time", "time_ms", "geofence_id", "source", "attributes", "position"],
        "properties": {
          "id": {"type": "string"}, "device_id": {"type": "string"},
          "kind": {"enum": ["online", "offline", "moving", "stopped", "enter", "exit", "dwell", "cross", "overspeed", "alarm", "ignition_on", "ignition_off", "command_result", "command_status"]},
          "time": {"type": "string", "format": "date-time"}, "time_ms": {"type": "integer"},
          "geofence_id": {"type": ["string", "null"]}, "source": {"type": "string"},
          "attributes": {"$ref": "#/components/schemas/Attributes"},
          "position": {"oneOf": [{"$ref": "#/components/schemas/Position"}, {"type": "null"}]}
        }
      },
      "Feature": {
        "type": "object",
        "description": "A GeoJSON Feature: Polygon, MultiPolygon, Point with properties.radius_m > 0 (circle) or LineString with properties.width_m > 0 (corridor). Longitude -180..180, latitude -90..90; a ring has at least 4 positions and is closed by the server when its last position is not its first.",
        "required": ["type", "geometry"],
        "properties": {"type": {"const": "Feature"}, "id": {"$ref": "#/components/schemas/FeatureID"}},
        "anyOf": [
          {"properties": {"geometry": {"type": "object", "required": ["type", "coordinates"], "properties": {"type": {"const": "Polygon"}, "coordinates": {"$ref": "#/components/schemas/PolygonCoordinates"}}}, "properties": {"$ref": "#/components/schemas/FenceProperties"}}},
          {"properties": {"geometry": {"type": "object", "required": ["type", "coordinates"], "properties": {"type": {"const": "MultiPolygon"}, "coordinates": {"type": "array", "minItems": 1, "items": {"$ref": "#/components/schemas/PolygonCoordinates"}}}}, "properties": {"$ref": "#/components/schemas/FenceProperties"}}},
          {"required": ["properties"], "properties": {"geometry": {"type": "object", "required": ["type", "coordinates"], "properties": {"type": {"const": "Point"}, "coordinates": {"$ref": "#/components/schemas/GeoPosition"}}}, "properties": {"allOf": [{"$ref": "#/components/schemas/FenceProperties"}, {"type": "object", "required": ["radius_m"], "properties": {"radius_m": {"type": "number", "exclusiveMinimum": 0}}}]}}},
          {"required": ["properties"], "properties": {"geometry": {"type": "object", "required": ["type", "coordinates"], "properties": {"type": {"const": "LineString"}, "coordinates": {"type": "array", "minItems": 2, "items": {"$ref": "#/components/schemas/GeoPosition"}}}}, "properties": {"allOf": [{"$ref": "#/components/schemas/FenceProperties"}, {"type": "object", "required": ["width_m"], "properties": {"width_m": {"type": "number", "exclusiveMinimum": 0}}}]}}}
        ]
      },
      "FeatureID": {"anyOf": [{"type": "string", "minLength": 1, "maxLength": \#(GeofenceFeature.maxIDLength)}, {"type": "integer", "minimum": -9223372036854775808, "maximum": 9223372036854775807}, {"type": "null"}]},
      "GeoPosition": {"type": "array", "description": "[longitude, latitude] or [longitude, latitude, altitude]", "minItems": 2, "maxItems": 3, "prefixItems": [{"type": "number", "minimum": -180, "maximum": 180}, {"type": "number", "minimum": -90, "maximum": 90}, {"type": "number"}]},
      "PolygonCoordinates": {"type": "array", "minItems": 1, "items": {"type": "array", "minItems": 4, "items": {"$ref": "#/components/schemas/GeoPosition"}}},
      "FenceProperties": {
        "type": ["object", "null"],
        "properties": {
          "id": {"$ref": "#/components/schemas/FeatureID"}, "name": {"type": ["string", "null"]},
          "speed_limit_kmh": {"type": ["number", "null"], "minimum": 0}, "dwell_s": {"type": ["integer", "null"], "minimum": 0, "maximum": 4294967295},
          "detect": {"type": ["array", "null"], "items": {"enum": \#(json(GeofenceFeature.detections.sorted()))}}
        }
      },
      "FeatureCollection": {"type": "object", "required": ["type", "features"], "properties": {"type": {"const": "FeatureCollection"}, "features": {"type": "array", "items": {"type": "object"}}, "next_cursor": {"type": ["string", "null"]}}},
      "CommandRequest": {
        "type": "object",
        "required": ["device", "type"],
        "properties": {
          "device": {"type": "string", "minLength": 1, "maxLength": 128},
          "type": {"enum": \#(json(CommandRequest.knownTypes.sorted())), "description": "A command type some codec encodes (docs/commands.md); GET /api/devices/{id}/commands/types lists a device's"},
          "text": {"type": ["string", "null"], "maxLength": \#(CommandRequest.maxTextLength), "description": "Required (not empty) for custom"},
          "params": {"type": ["object", "null"], "additionalProperties": {"type": ["string", "number", "boolean"]}},
          "expires_in": {"description": "Seconds storage keeps trying to deliver it (default: until delivered)", "type": "integer", "minimum": 1, "maximum": 2592000}
        },
        "anyOf": [
          {"properties": {"type": {"enum": \#(json(CommandRequest.knownTypes.sorted().filter { $0 != "custom" }))}}},
          {"required": ["text"], "properties": {"type": {"const": "custom"}, "text": {"type": "string", "minLength": 1}}}
        ]
      },
      "Command": {
        "type": "object",
        "required": ["id", "device", "type", "text", "params", "created", "created_ms", "topic"],
        "properties": {
          "id": {"type": "string"}, "device": {"type": "string"}, "type": {"type": "string"}, "text": {"type": ["string", "null"]},
          "params": {"type": "object", "additionalProperties": {"type": "string"}},
          "created": {"type": "string", "format": "date-time"}, "created_ms": {"type": "integer"}, "topic": {"type": "string"},
          "status": {"description": "null for commands stored before statuses existed", "enum": ["queued", "sent", "acknowledged", "failed", "expired", null]},
          "updated_ms": {"type": ["integer", "null"]}, "expires_ms": {"type": ["integer", "null"]},
          "result": {"description": "The device's reply (acknowledged) or why it failed (the gateway's reason: not encodable for this device, write failed)", "type": ["string", "null"]},
          "gateway": {"description": "The gateway that reported it sent", "type": ["string", "null"]}
        }
      },
      "DeadLetter": {
        "type": "object",
        "required": ["id", "stage", "instance", "reason", "error_type", "topic", "body_base64", "body_bytes", "time", "time_ms"],
        "properties": {
          "id": {"type": "integer"}, "stage": {"type": "string"}, "instance": {"type": "string"}, "reason": {"type": "string"},
          "error_type": {"type": "string"}, "topic": {"type": "string"}, "body_base64": {"type": "string", "contentEncoding": "base64"},
          "body_bytes": {"type": "integer"}, "time": {"type": "string", "format": "date-time"}, "time_ms": {"type": "integer"}
        }
      },
      "Span": {
        "type": "object",
        "required": ["device_id", "start_time", "start_time_ms", "end_time", "end_time_ms", "duration_s", "positions"],
        "properties": {
          "device_id": {"type": "string"}, "start_time": {"type": "string", "format": "date-time"}, "start_time_ms": {"type": "integer"},
          "end_time": {"type": "string", "format": "date-time"}, "end_time_ms": {"type": "integer"}, "duration_s": {"type": "number"}, "positions": {"type": "integer"}
        }
      },
      "Trip": {
        "allOf": [{"$ref": "#/components/schemas/Span"}, {
          "type": "object",
          "required": ["start_latitude", "start_longitude", "end_latitude", "end_longitude", "distance_m", "max_speed_kmh", "avg_speed_kmh"],
          "properties": {
            "start_latitude": {"type": "number"}, "start_longitude": {"type": "number"}, "end_latitude": {"type": "number"}, "end_longitude": {"type": "number"},
            "distance_m": {"type": "number"}, "max_speed_kmh": {"type": "number"}, "avg_speed_kmh": {"type": "number"}
          }
        }]
      },
      "Stop": {
        "allOf": [{"$ref": "#/components/schemas/Span"}, {
          "type": "object",
          "required": ["latitude", "longitude", "engine_s"],
          "properties": {"latitude": {"type": "number"}, "longitude": {"type": "number"}, "engine_s": {"type": ["number", "null"], "description": "Engine time during the stop (idling); null without ignition or hours attributes"}}
        }]
      },
      "Summary": {
        "type": "object",
        "required": ["device_id", "start_time", "end_time", "positions", "distance_m", "max_speed_kmh", "avg_speed_kmh", "driving_s", "trips", "stops", "engine_s", "start_odometer_m", "end_odometer_m"],
        "properties": {
          "device_id": {"type": "string"}, "start_time": {"type": ["string", "null"]}, "end_time": {"type": ["string", "null"]},
          "positions": {"type": "integer"}, "distance_m": {"type": "number"}, "max_speed_kmh": {"type": "number"},
          "avg_speed_kmh": {"type": "number"}, "driving_s": {"type": "number"}, "trips": {"type": "integer"}, "stops": {"type": "integer"},
          "engine_s": {"type": ["number", "null"]}, "start_odometer_m": {"type": ["number", "null"]}, "end_odometer_m": {"type": ["number", "null"]}
        }
      },
      "ReportSettings": {
        "type": "object",
        "properties": {
          "speed_threshold_kmh": {"type": "number"}, "stop_radius_m": {"type": "number"}, "min_stop_s": {"type": "number"},
          "min_trip_distance_m": {"type": "number"}, "min_trip_s": {"type": "number"}, "max_gap_s": {"type": "number"}
        }
      }
    }
  }
}
"""#
}
