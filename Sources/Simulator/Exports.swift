// The simulator uses the bus tools' helpers (`Output`, `OperatorFailure`, `inSeconds`) in most of
// its files; re-exported here so each file needs no import of its own.
@_exported import BusTools
