"""Slow clients against a server, and one normal request among them (for .ci/smoke).

`python .ci/slow_clients.py HOST:PORT N SECONDS`: opens N connections that trickle a request (half
of them its headers, half a form's body) a byte at a time, then times a normal GET of /healthz/ made
while they hang on. Prints the time and exits 0 when the normal request was served within SECONDS,
else 1. Behind the proxy it must pass; straight to gunicorn's sync workers it does not.
"""

import socket
import sys
import threading
import time
import urllib.request

host, port = sys.argv[1].rsplit(":", 1)
clients, patience = int(sys.argv[2]), float(sys.argv[3])
stop = threading.Event()


def trickle(number: int) -> None:
    try:
        with socket.create_connection((host, int(port)), timeout=5) as sock:
            if number % 2:  # slow headers
                sock.sendall(f"GET / HTTP/1.1\r\nHost: {host}\r\n".encode())
                while not stop.wait(0.5):
                    sock.sendall(b"X-a: b\r\n")
            else:  # a slow body, after whole headers
                sock.sendall(
                    f"POST /brief/new/ HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                    "Content-Length: 100000\r\n\r\n".encode()
                )
                while not stop.wait(0.5):
                    sock.sendall(b"a")
    except OSError:
        pass  # the server hung up on it: fine


threads = [threading.Thread(target=trickle, args=(n,), daemon=True) for n in range(clients)]
for thread in threads:
    thread.start()
time.sleep(2)  # every slow client connected and holding on
start = time.monotonic()
try:
    urllib.request.urlopen(f"http://{host}:{port}/healthz/", timeout=patience).read()
    took = time.monotonic() - start
    print(f"{clients} slow clients: a normal request was served in {took:.2f} s")
    ok = True
except OSError as error:
    print(f"{clients} slow clients: a normal request was not served within {patience:g} s ({error})")
    ok = False
stop.set()
sys.exit(0 if ok else 1)
