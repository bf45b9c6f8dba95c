import Push
import TrackwireRuntime

await StageMain.run(PushCommand.self)
