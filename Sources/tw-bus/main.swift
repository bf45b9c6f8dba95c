import Bus
import TrackwireRuntime

await StageMain.run(BusCommand.self)
