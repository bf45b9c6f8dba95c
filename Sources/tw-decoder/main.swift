import Decoder
import TrackwireRuntime

await StageMain.run(DecoderCommand.self)
