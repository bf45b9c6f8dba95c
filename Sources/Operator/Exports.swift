// `tw`'s commands use the bus tools' helpers (`Output`, `OperatorFailure`, `inSeconds`);
// re-exported here so each file needs no import of its own.
@_exported import BusTools
