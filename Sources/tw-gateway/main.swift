import Gateway
import TrackwireRuntime

await StageMain.run(GatewayCommand.self)
