import Storage
import TrackwireRuntime

await StageMain.run(StorageCommand.self)
