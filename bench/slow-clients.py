#!/usr/bin/env python3
"""Slow clients for bench/soak.sh: COUNT connections from another loopback address (127.0.0.2), each sending the
headers of a POST with a 1,000-byte body and then one byte every 5 s, opening a new one whenever the server closes
it. Runs for SECONDS, then prints how many connections it opened and how many the server answered with a 408.

    python3 bench/slow-clients.py PORT COUNT SECONDS
"""
import socket
import sys
import time

port, count, seconds = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3])
HEAD = (b"POST /api/v1/parse HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
        b"Content-Length: 1000\r\n\r\n{")


def connect():
    s = socket.create_connection(("127.0.0.1", port), timeout=2, source_address=("127.0.0.2", 0))
    s.sendall(HEAD)
    s.setblocking(False)
    return s


opened, timeouts, conns = 0, 0, []
end = time.time() + seconds
while time.time() < end:
    while len(conns) < count:
        try:
            conns.append(connect())
            opened += 1
        except OSError:
            time.sleep(0.2)
            break
    for s in list(conns):
        try:
            answer = s.recv(4096)
            if answer.startswith(b"HTTP/1.1 408"):
                timeouts += 1
            conns.remove(s)
            s.close()
            continue
        except BlockingIOError:
            pass
        except OSError:
            conns.remove(s)
            s.close()
            continue
        try:
            s.send(b" ")
        except OSError:
            conns.remove(s)
            s.close()
    time.sleep(5)
for s in conns:
    s.close()
print(f"SLOW opened={opened} answered_408={timeouts}")
