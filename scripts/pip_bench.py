#!/usr/bin/env python3
"""Time pip's own requirements-file parser on FILE..., in memory, and print JSON.

Usage: pip_bench.py [--min-seconds S] [--rounds R] FILE...
  -> {"files": n, "accepted": [paths pip parses without error], "bytes": b, "secondsPerPass": median,
      "passes": k, "pip": version}

One pass = for every file pip accepts: RequirementsFileParser._parse_file() (pip's logical lines,
option parsing; includes are not followed, so each file is parsed once, as the TypeScript side does)
and, for every requirement line, install_req_from_parsed_requirement() (PEP 508, URLs, wheels,
editables). File contents are read once up front: the loop measures parsing, not disk reads.
"""
import json
import os
import statistics
import sys
import time
import warnings
import logging

warnings.filterwarnings("ignore")
logging.disable(logging.CRITICAL)

import pip  # noqa: E402
import pip_compat  # noqa: E402,F401  (current pip's PEP 508 grammar; local paths assumed to exist)
from pip._internal.network.session import PipSession  # noqa: E402
from pip._internal.req import constructors, req_file  # noqa: E402

args = sys.argv[1:]
min_seconds = 1.0
rounds = 5
while args and args[0].startswith("--"):
    flag, value = args[0], args[1]
    args = args[2:]
    if flag == "--min-seconds":
        min_seconds = float(value)
    elif flag == "--rounds":
        rounds = int(value)
files = [os.path.abspath(f) for f in args]
contents = {}
for f in files:
    with open(f, "rb") as fh:
        contents[f] = req_file.auto_decode(fh.read())
req_file.get_file_content = lambda url, session: (url, contents[url])

session = PipSession()
parser = req_file.RequirementsFileParser(session, req_file.get_line_parser(None))


def parse_one(f):
    n = 0
    for line in parser._parse_file(f, False):
        if line.is_requirement:
            parsed = req_file.handle_requirement_line(line)
            constructors.install_req_from_parsed_requirement(parsed)
            n += 1
    return n


accepted = []
for f in files:
    try:
        parse_one(f)
        accepted.append(f)
    except Exception:
        pass

size = sum(len(contents[f].encode("utf-8")) for f in accepted)
per_pass = []
passes = 0
for _ in range(rounds):
    start = time.perf_counter()
    k = 0
    while True:
        for f in accepted:
            parse_one(f)
        k += 1
        elapsed = time.perf_counter() - start
        if elapsed >= min_seconds / rounds:
            break
    per_pass.append(elapsed / k)
    passes += k

json.dump(
    {
        "files": len(files),
        "accepted": accepted,
        "bytes": size,
        "secondsPerPass": statistics.median(per_pass),
        "passes": passes,
        "pip": pip.__version__,
    },
    sys.stdout,
)
