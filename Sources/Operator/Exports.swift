// The simulator (Sim/) uses the bus tools' helpers (`Output`, `OperatorFailure`, `inSeconds`);
// re-exported here so its files need no import of their own until it moves to a library of its own.
@_exported import BusTools
