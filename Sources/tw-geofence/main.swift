import Geofence
import TrackwireRuntime

await StageMain.run(GeofenceCommand.self)
