#!/usr/bin/env python3
"""A bus client that tw-bus should refuse: subscribes, pulls, publishes and pushes through a CURVE
bus with no key or with a key that is not on its allow-list, and prints what got through as one
JSON line. With a listed key (--key-pair) it is the control that shows each path works.

Needs: pyzmq built with CURVE (PyPI's wheels are).
"""
import argparse
import json
import time

import zmq


def configure(socket, args):
    """Client CURVE settings when keys were given; none means plaintext."""
    socket.setsockopt(zmq.LINGER, 0)
    if args.public and args.secret:
        socket.curve_serverkey = args.server_key.encode()
        socket.curve_publickey = args.public.encode()
        socket.curve_secretkey = args.secret.encode()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", type=int, required=True, help="the bus's first port (broadcast-in)")
    parser.add_argument("--server-key", default="", help="the bus's public key (Z85)")
    parser.add_argument("--public", default="", help="this client's public key (Z85); none: plaintext")
    parser.add_argument("--secret", default="", help="this client's secret key (Z85)")
    parser.add_argument("--store-body", default="", help="hex of a record to push to store-in")
    parser.add_argument("--store-topic", default="", help="its topic")
    parser.add_argument("--command-topic", default="", help="a cmd.* topic to publish on broadcast-in")
    parser.add_argument("--pull", action="store_true", help="also pull from frames-out and store-out")
    parser.add_argument("--seconds", type=float, default=3.0)
    args = parser.parse_args()

    context = zmq.Context()
    endpoint = lambda offset: f"tcp://127.0.0.1:{args.base + offset}"
    sub = context.socket(zmq.SUB)
    configure(sub, args)
    sub.setsockopt(zmq.SUBSCRIBE, b"")
    sub.connect(endpoint(1))
    pub = context.socket(zmq.PUB)
    configure(pub, args)
    pub.connect(endpoint(0))
    push = context.socket(zmq.PUSH)
    configure(push, args)
    push.connect(endpoint(4))
    pulls = []
    if args.pull:
        for offset in (3, 5):
            pull = context.socket(zmq.PULL)
            configure(pull, args)
            pull.connect(endpoint(offset))
            pulls.append(pull)

    counts = {"subscribed": 0, "pulled": 0, "pushed": 0, "published": 0}
    poller = zmq.Poller()
    for socket in [sub] + pulls:
        poller.register(socket, zmq.POLLIN)
    deadline = time.monotonic() + args.seconds
    while time.monotonic() < deadline:
        if args.store_body:
            try:
                push.send_multipart([args.store_topic.encode(), bytes.fromhex(args.store_body)], zmq.DONTWAIT)
                counts["pushed"] += 1
            except zmq.Again:
                pass
        if args.command_topic:
            pub.send_multipart([args.command_topic.encode(), b"engine_stop"])
            counts["published"] += 1
        for socket, _ in poller.poll(100):
            while True:
                try:
                    socket.recv_multipart(zmq.DONTWAIT)
                except zmq.Again:
                    break
                counts["subscribed" if socket is sub else "pulled"] += 1
    print(json.dumps(counts), flush=True)
    for socket in [sub, pub, push] + pulls:
        socket.close()
    context.term()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
