#!/usr/bin/env python3
"""Publishes a small fleet of moving vehicles on a Trackwire bus's broadcast-in, for the live map
(make screenshot) and its browser test. Protobuf bodies are encoded by hand (a few fields of
trackwire.v1.Position and Event), so only pyzmq is needed.

usage: demo-fleet.py ENDPOINT [SECONDS] [VEHICLES]   e.g. tcp://127.0.0.1:7100 20 6
"""
import math, struct, sys, time
import zmq

def fnv1a(text):
    h = 2166136261
    for b in text.encode():
        h = ((h ^ b) * 16777619) & 0xFFFFFFFF
    return h

def topic(kind, device, suffix=""):
    return f"{kind}.{fnv1a(device) % 64:02x}.{device}{suffix}".encode()

def varint(n):
    out = bytearray()
    n &= (1 << 64) - 1
    while True:
        b = n & 0x7F; n >>= 7
        out.append(b | (0x80 if n else 0))
        if not n: return bytes(out)

def field_str(no, s): b = s.encode(); return varint(no << 3 | 2) + varint(len(b)) + b
def field_int(no, n): return varint(no << 3) + varint(n)
def field_double(no, x): return varint(no << 3 | 1) + struct.pack("<d", x)

def position(device, lat, lon, speed, course):
    now = time.time()
    return (field_str(1, device) + field_str(2, "demo") + field_int(3, int(now * 1000)) + field_int(5, int(now * 1e9))
            + field_double(6, lat) + field_double(7, lon) + field_double(9, speed) + field_double(10, course) + field_int(13, 1))

def event(device, kind, kind_name, fence, n):
    return field_str(1, f"{device}-{kind_name}-{n}") + field_str(2, device) + field_int(3, kind) + field_int(4, int(time.time() * 1000)) + field_str(5, fence)

def main():
    endpoint = sys.argv[1]
    seconds = float(sys.argv[2]) if len(sys.argv) > 2 else 20
    vehicles = int(sys.argv[3]) if len(sys.argv) > 3 else 6
    sock = zmq.Context().socket(zmq.PUB)
    sock.setsockopt(zmq.LINGER, 0)
    sock.connect(endpoint)
    time.sleep(0.5)
    names = [f"truck-{i + 1:02d}" for i in range(vehicles)]
    start, step = time.time(), 0
    while time.time() - start < seconds:
        for i, name in enumerate(names):
            t = step * 0.06 + i
            radius = 0.01 + 0.004 * i
            lat = 52.52 + radius * math.sin(t) + 0.01 * (i % 3)
            lon = 13.40 + radius * 1.6 * math.cos(t) - 0.015 * (i % 2)
            sock.send_multipart([topic("pos", name), position(name, lat, lon, 30 + 5 * i, (math.degrees(t) + 90) % 360)])
            if step % 25 == i:
                kind, kind_name = [(5, "enter"), (6, "exit"), (9, "overspeed")][step % 3]
                sock.send_multipart([topic("evt", name, "." + kind_name), event(name, kind, kind_name, "depot", step)])
        step += 1
        time.sleep(0.1)

main()
