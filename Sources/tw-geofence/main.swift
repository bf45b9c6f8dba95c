print("tw-geofence: not built yet")
