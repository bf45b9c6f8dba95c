import Operator

OperatorMain.run()
