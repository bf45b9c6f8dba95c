import Operator

await OperatorMain.run()
