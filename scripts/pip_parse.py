#!/usr/bin/env python3
"""Read requirements files with pip's own parser and print what pip would install, as JSON.
(With the adjustments of pip_compat.py.)

Usage: pip_parse.py FILE...   ->   [{"file", "ok", "error", "requirements": [...]}, ...]

pip's req_file.parse_requirements() reads each file (logical lines, options, -r/-c includes) and
req/constructors.install_req_from_parsed_requirement() turns each line into an InstallRequirement,
exactly as `pip install -r FILE` does. Two adjustments, both stated:
  * PEP 508 strings are parsed with the installed `packaging` (the grammar current pip vendors),
    not the packaging 21.3 that pip 23.2 vendors (which still accepted legacy versions).
  * Local paths are assumed to exist and be installable projects (the corpus holds only the
    requirements files, and the TypeScript parser never touches the file system either).
Each file is parsed with the working directory set to its folder, as a user in that folder would.
"""
import json
import os
import re
import sys
import warnings

warnings.filterwarnings("ignore")

import pip_compat  # noqa: E402,F401  (applies the adjustments above)
from pip._internal.network.session import PipSession  # noqa: E402
from pip._internal.req import constructors  # noqa: E402
from pip._internal.req.req_file import parse_requirements  # noqa: E402
from pip._internal.vcs import is_url  # noqa: E402

COMES_FROM = re.compile(r"^-[rc] (.*) \(line (\d+)\)$")


def _strip_extras(s):
    m = re.match(r"^(.+)(\[[^\]]+\])$", s)
    return m.group(1) if m else s


def written_url(parsed, ireq):
    """The URL or path as written in the file (the JSON contract's "url")."""
    text = parsed.requirement.strip()
    if parsed.is_editable:
        scheme = text.split(":", 1)[0].lower() if ":" in text else None
        if scheme is None or len(scheme) == 1 or scheme == "file":
            return _strip_extras(text)
        return text
    sep = "; " if is_url(text) else ";"
    name = text.split(sep, 1)[0].strip() if sep in text else text
    if is_url(name):
        return name
    if ireq.req is not None and ireq.req.url:
        return ireq.req.url
    if ireq.link is not None:
        return _strip_extras(name)
    return None


def written_marker(parsed):
    if parsed.is_editable:
        return None
    text = parsed.requirement
    sep = "; " if is_url(text) else ";"
    if sep not in text:
        return None
    m = text.split(sep, 1)[1].strip()
    return m or None


_SESSION = []


def _session():
    if not _SESSION:
        _SESSION.append(PipSession())
    return _SESSION[0]


def one(path):
    path = os.path.abspath(path)
    out = {"file": path, "ok": True, "error": None, "requirements": []}
    cwd = os.getcwd()
    os.chdir(os.path.dirname(path))
    try:
        for parsed in parse_requirements(path, session=_session()):
            ireq = constructors.install_req_from_parsed_requirement(parsed)
            m = COMES_FROM.match(parsed.comes_from)
            hashes = []
            for algo, digests in ((parsed.options or {}).get("hashes") or {}).items():
                hashes += [f"{algo}:{d}" for d in digests]
            out["requirements"].append(
                {
                    "file": os.path.abspath(m.group(1)) if m else None,
                    "line": int(m.group(2)) if m else None,
                    "name": ireq.req.name if ireq.req is not None else None,
                    "extras": sorted(ireq.extras),
                    "specifier": sorted(str(s) for s in ireq.req.specifier) if ireq.req is not None else [],
                    "marker": written_marker(parsed),
                    "url": written_url(parsed, ireq),
                    "editable": bool(parsed.is_editable),
                    "constraint": bool(parsed.constraint),
                    "hashes": sorted(hashes),
                }
            )
    except BaseException as e:  # pip stops at the first bad line: the whole file is rejected
        if isinstance(e, KeyboardInterrupt):
            raise
        out["ok"] = False
        out["error"] = f"{type(e).__name__}: {e}"
        out["requirements"] = []
    finally:
        os.chdir(cwd)
    return out


if __name__ == "__main__":
    sys.setrecursionlimit(2000)
    json.dump([one(p) for p in sys.argv[1:]], sys.stdout)
