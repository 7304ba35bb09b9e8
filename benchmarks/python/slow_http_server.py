"""The crawler workload's server: answers every GET after a delay (1 s by default), on 127.0.0.1 only.

Usage: python3 slow_http_server.py [--delay SECONDS] [--port PORT]
Prints "PORT <n>" on stdout once listening, then serves until killed. Each response carries
"Connection: close", so every request of every client is one fresh TCP connection, on all sides alike.

It is an asyncio Protocol server with a loop timer per request (no Task, no streams per connection), so that
serving 1,000 connections at once costs the server as little as CPython allows: the server is the same for every
client measured, and should not be what they all wait for.
"""
import argparse
import asyncio
import sys

BODY = b"ok"
RESPONSE = (b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: %d\r\nConnection: close\r\n\r\n"
            % len(BODY)) + BODY


class SlowHttp(asyncio.Protocol):
    def __init__(self, delay):
        self.delay = delay
        self.buffer = b""
        self.transport = None
        self.timer = None

    def connection_made(self, transport):
        self.transport = transport

    def data_received(self, data):
        if self.timer is not None:
            return
        self.buffer += data
        if b"\r\n\r\n" in self.buffer:
            self.timer = asyncio.get_running_loop().call_later(self.delay, self.respond)

    def respond(self):
        if not self.transport.is_closing():
            self.transport.write(RESPONSE)
            self.transport.close()

    def connection_lost(self, exc):
        if self.timer is not None:
            self.timer.cancel()


async def serve(delay, port):
    loop = asyncio.get_running_loop()
    server = await loop.create_server(lambda: SlowHttp(delay), "127.0.0.1", port, backlog=4096)
    print("PORT", server.sockets[0].getsockname()[1], flush=True)
    async with server:
        await server.serve_forever()


def main(argv):
    p = argparse.ArgumentParser()
    p.add_argument("--delay", type=float, default=1.0)
    p.add_argument("--port", type=int, default=0)
    a = p.parse_args(argv)
    try:
        asyncio.run(serve(a.delay, a.port))
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main(sys.argv[1:])
