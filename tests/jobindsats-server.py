#!/usr/bin/env python3
"""A small stand-in for the Jobindsats API v3, for the fetch tests.

Serves /table/<id> and /data/<id> in the shapes the real API uses, checks the
Bearer token, and misbehaves on purpose under a path prefix:
  /ok/v3/...         answers
  /flaky/v3/...      answers 503 to the first request of each path, then answers
  /down/v3/...       always 503
  /422/v3/...        the data request gets a 422 with a cause
  /slow/v3/...       the data request waits 3 s before answering
  /truncated/v3/...  the data answer stops halfway through its promised length
  /changed/v3/...    answers, with other values for Ishøj
Every request is logged as one line: prefix, path, query, Authorization.
Usage: jobindsats-server.py PORT-FILE LOG-FILE TOKEN
"""
import json
import os
import sys
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PORT_FILE, LOG_FILE, TOKEN = sys.argv[1:4]

AREAS = {  # value_id (opaque, with characters that need escaping) -> name
    "nykom/183 ø": "Ishøj",
    "nykom/153": "Brøndby",
    "nykom/165": "Albertslund",
    "nykom/183&x": "Ikast-Brande",
    "nykom/147": "Frederiksberg",
}
WHOLE = {"hl": "Hele landet"}
GROUPS = {"yg0": "Ydelsesgrupper i alt", "yg1": "A-dagpenge mv.", "yg2": "Kontanthjælp mv."}
AKASSER = {"ak0": "I alt", "ak7": "FOAs A-kasse"}
MONTHS = ["2025M%02d" % m for m in range(1, 13)] + ["2026M%02d" % m for m in range(1, 7)]
BASE = {"Ishøj": 900, "Brøndby": 1400, "Albertslund": 1100, "Ikast-Brande": 700, "Frederiksberg": 2100,
        "Hele landet": 101000}

seen = {}
lock = threading.Lock()


def values(hierarchy, ids):
    return [{"value_id": i, "value_name": n} for i, n in ids.items()]


def table_answer(table):
    return {
        "table_id": table,
        "periods": [{"periodtype_id": "M", "values": [{"period_id": p} for p in MONTHS]}],
        "dimensions": [
            {"dimension_id": "area", "hierarchies": [
                {"hierarchy_id": "_hele_landet", "levels": [{"level_id": 1, "values": values("_hele_landet", WHOLE)}]},
                {"hierarchy_id": "_nykom", "levels": [{"level_id": 1, "values": []},
                                                       {"level_id": 2, "values": values("_nykom", AREAS)}]},
            ]},
            {"dimension_id": "ydelsesgrupper", "hierarchies": [
                {"hierarchy_id": "_ydelsesgrupper", "levels": [{"level_id": 1, "values": values("", GROUPS)}]}]},
            {"dimension_id": "akasse", "hierarchies": [
                {"hierarchy_id": "_akasse", "levels": [{"level_id": 1, "values": values("", AKASSER)}]}]},
        ],
    }


def data_answer(query, changed):
    latest = query.get("period.M", ["latest:12"])[0]
    n = int(latest.split(":")[1])
    if n > len(MONTHS):
        return None, {"code": 422, "cause": "Requested latest:%d for type M, but only %d periods are available."
                      % (n, len(MONTHS)), "request_id": "test"}
    if query.get("mgroup.*") != ["*"]:
        return None, {"code": 422, "cause": "No measures requested", "request_id": "test"}
    areas = []
    for key, names in (("hierarchy._nykom", AREAS), ("hierarchy._hele_landet", WHOLE)):
        for selection in query.get(key, []):
            if selection == "/":
                areas.append("Hele landet")
            else:
                for i in selection.split(","):
                    if i not in names:
                        return None, {"code": 422, "cause": "Unknown value: %s" % i, "request_id": "test"}
                    areas.append(names[i])
    if not areas:
        areas = ["Hele landet"]
    groups = [i for s in query.get("hierarchy._ydelsesgrupper", ["yg0"]) for i in s.split(",")]
    akasser = [i for s in query.get("hierarchy._akasse", ["ak0"]) for i in s.split(",")]
    if "*" in groups:
        groups = list(GROUPS)
    if "*" in akasser:
        akasser = list(AKASSER)
    rows = []
    for area in areas:
        for k, period in enumerate(MONTHS[-n:]):
            for group in groups:
                for akasse in akasser:
                    g, a = list(GROUPS).index(group), list(AKASSER).index(akasse)
                    people = BASE[area] + 10 * k - 100 * g - 300 * a + (7 if changed and area == "Ishøj" else 0)
                    share = round(people / BASE[area] * 2.5, 1)
                    rows.append([period, area, GROUPS[group], AKASSER[akasse], people, None if area == "Albertslund" else
                                 people - 50, share])
    rows.reverse()  # the real API does not sort either
    return {"columns": ["Periode", "Område", "Ydelsesgrupper", "A-kasse", "Antal ledige personer",
                        "Antal ledige fuldtidspersoner", "Ledige i pct. af arbejdsstyrken"],
            "rows": rows}, None


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def send(self, status, body, content_type="application/json", length=None):
        data = body if isinstance(body, bytes) else json.dumps(body, ensure_ascii=False).encode()
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(length if length is not None else len(data)))
        self.end_headers()
        self.wfile.write(data)
        self.wfile.flush()

    def do_GET(self):
        url = urllib.parse.urlsplit(self.path)
        parts = url.path.split("/")  # "", prefix, "v3", kind, table
        query = urllib.parse.parse_qs(url.query, keep_blank_values=True)
        auth = self.headers.get("Authorization", "")
        with open(LOG_FILE, "a") as log:
            log.write("%s\t%s\t%s\n" % (url.path, urllib.parse.unquote(url.query), auth))
        if len(parts) != 5 or parts[2] != "v3" or parts[3] not in ("table", "data"):
            return self.send(404, {"detail": "Not Found"})
        prefix, kind, table = parts[1], parts[3], parts[4]
        if query.get("format") != ["json"]:
            return self.send(422, {"code": 422, "cause": "format missing", "request_id": "test"})
        if auth != "Bearer " + TOKEN:
            return self.send(401, b"Unauthorized", "text/plain")
        with lock:
            seen[url.path] = seen.get(url.path, 0) + 1
            count = seen[url.path]
        if prefix == "down" or (prefix == "flaky" and count == 1):
            return self.send(503, b"<html><body>Service Unavailable</body></html>", "text/html")
        if table != "y25i01":
            return self.send(404, {"detail": "Not Found"})
        if kind == "table":
            return self.send(200, table_answer(table))
        if prefix == "slow":
            time.sleep(3)
        if prefix == "422":
            return self.send(422, {"code": 422, "cause": "Unknown hierarchies: ['_nykom']",
                                   "request_id": "d93663a8"})
        answer, error = data_answer(query, prefix == "changed")
        if error:
            return self.send(422, error)
        if prefix == "truncated":
            data = json.dumps(answer).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data[: len(data) // 2])
            self.wfile.flush()
            self.close_connection = True
            return
        return self.send(200, answer)


class Server(ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        pass  # a client that gave up waiting (the timeout test) is no error here


def watch_parent(parent):
    while os.getppid() == parent:  # a test that crashed leaves no server behind
        time.sleep(0.5)
    os._exit(0)


threading.Thread(target=watch_parent, args=(os.getppid(),), daemon=True).start()
server = Server(("127.0.0.1", 0), Handler)
server.daemon_threads = True
with open(PORT_FILE + ".tmp", "w") as f:
    f.write(str(server.server_address[1]))
os.rename(PORT_FILE + ".tmp", PORT_FILE)
server.serve_forever()
