print("tw-storage: not built yet")
