#!/usr/bin/env python3
"""Publishes one trackwire.v1.Position through a real tw-bus from Python: proof that the bus and
its protobuf messages are language-neutral.

Generates the Python protobuf code from protocol/ with protoc into --gen (default: gen/ beside
this script, git-ignored), connects an XPUB to the bus's broadcast-in, waits until the bus reports
a subscription covering the topic (so nothing is lost to the slow joiner), publishes, and prints
the Position it sent as one JSON line (.proto field names) for the caller to compare.

Needs: protoc, pyzmq, protobuf (4.21+, matching Debian's protoc 3.21).
"""
import argparse
import json
import pathlib
import subprocess
import sys
import time

HERE = pathlib.Path(__file__).resolve().parent
PROTOCOL = HERE.parents[2] / "protocol"


def generate(gen_dir: pathlib.Path) -> None:
    """Runs protoc --python_out over every .proto file into gen_dir."""
    gen_dir.mkdir(parents=True, exist_ok=True)
    protos = sorted(str(p.relative_to(PROTOCOL)) for p in PROTOCOL.rglob("*.proto"))
    subprocess.run(["protoc", f"-I{PROTOCOL}", f"--python_out={gen_dir}", *protos], check=True)
    sys.path.insert(0, str(gen_dir))


def sample_position(position_pb2):
    """The Position the Swift test expects, field for field."""
    position = position_pb2.Position(
        device_id="py-863286023345490", protocol="osmand", fix_time_ms=1700000000123,
        device_time_ms=1700000000100, server_time_ns=1700000000200000300,
        latitude=-33.868820, longitude=151.209296, altitude_m=58.25, speed_kmh=61.5,
        course_deg=93.0, satellites=11, hdop=0.7, valid=True,
    )
    position.attributes["ignition"].bool_value = True
    position.attributes["odometer_m"].int_value = 987654
    position.attributes["battery_v"].double_value = 3.95
    position.attributes["driver"].string_value = "Ada"
    position.frame.gateway_id = "gw-py"
    position.frame.session_id = 3
    position.frame.sequence = 9
    return position


def partition(device_id: str) -> str:
    """FNV-1a 32-bit of the UTF-8 bytes, modulo 64, as two lowercase hex digits (docs/architecture.md, "The bus")."""
    value = 2166136261
    for byte in device_id.encode():
        value = ((value ^ byte) * 16777619) & 0xFFFFFFFF
    return f"{value % 64:02x}"


def publish(endpoint: str, topic: str, body: bytes, wait_s: float) -> bool:
    """Sends topic+body on an XPUB once a subscription covers the topic; False if none came."""
    import zmq

    context = zmq.Context()
    socket = context.socket(zmq.XPUB)
    socket.setsockopt(zmq.LINGER, 2000)
    socket.connect(endpoint)
    deadline = time.monotonic() + wait_s
    covered = False
    while not covered and time.monotonic() < deadline:
        if socket.poll(100, zmq.POLLIN):
            frame = socket.recv()
            covered = frame[:1] == b"\x01" and topic.encode().startswith(frame[1:])
    socket.send_multipart([topic.encode(), body])
    socket.close()
    context.term()
    return covered


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--endpoint", required=True, help="the bus's broadcast-in, e.g. tcp://127.0.0.1:7100")
    parser.add_argument("--gen", default=str(HERE / "gen"), help="where protoc writes the Python code")
    parser.add_argument("--wait", type=float, default=10.0, help="seconds to wait for a subscriber")
    args = parser.parse_args()

    generate(pathlib.Path(args.gen))
    from google.protobuf import json_format
    from trackwire.v1 import position_pb2

    position = sample_position(position_pb2)
    topic = f"pos.{partition(position.device_id)}.{position.device_id}"
    if not publish(args.endpoint, topic, position.SerializeToString(), args.wait):
        print(f"no subscriber for {topic} within {args.wait} s", file=sys.stderr)
        return 1
    body = json_format.MessageToDict(position, preserving_proto_field_name=True)
    print(json.dumps({"topic": topic, "body": body}), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
