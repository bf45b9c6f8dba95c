print("tw-push: not built yet")
