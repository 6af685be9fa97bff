"""Shared by pip_parse.py and pip_bench.py: make pip 23.2 read PEP 508 as current pip does.

  * PEP 508 strings are parsed with the installed `packaging` (the grammar current pip vendors),
    not the packaging 21.3 that pip 23.2 vendors (which still accepted legacy versions such as
    `>=4.38.*`).
  * Local paths are assumed to exist and be installable projects (the corpus holds only the
    requirements files, and the TypeScript parser never touches the file system either).
Importing this module applies both.
"""
import logging
import os
import re
import warnings

warnings.filterwarnings("ignore")
logging.disable(logging.CRITICAL)

import packaging.markers as pk_markers  # noqa: E402
import packaging.requirements as pk_req  # noqa: E402
from pip._internal.req import constructors  # noqa: E402
from pip._internal.vcs import is_url  # noqa: E402
import pip._internal.utils.misc as pip_misc  # noqa: E402

constructors.get_requirement = pk_req.Requirement
constructors.Requirement = pk_req.Requirement
constructors.InvalidRequirement = pk_req.InvalidRequirement
constructors.Marker = pk_markers.Marker
import pip._internal.req.req_install as req_install  # noqa: E402

req_install.Requirement = pk_req.Requirement
if hasattr(req_install, "Marker"):
    req_install.Marker = pk_markers.Marker

_real_isdir = os.path.isdir


_ARCHIVES = (".whl", ".zip", ".tar.gz", ".tgz", ".tar", ".tar.bz2", ".tbz", ".tar.xz", ".txz", ".tlz", ".tar.lz", ".tar.lzma")


def _valid_pep508(s):
    try:
        pk_req.Requirement(s)
        return True
    except Exception:
        return False


_CURRENT_NAME = [None]
_orig_get_url_from_path = constructors._get_url_from_path


def _get_url_from_path(path, name):
    _CURRENT_NAME[0] = name
    try:
        return _orig_get_url_from_path(path, name)
    finally:
        _CURRENT_NAME[0] = None


constructors._get_url_from_path = _get_url_from_path


def _isdir(p):
    """A path-like string that is not a PEP 508 requirement names a local project directory."""
    if _real_isdir(p):
        return True
    name = _CURRENT_NAME[0]
    if name is not None:  # install_req_from_line: judge the requirement as written
        return constructors._looks_like_path(name) and not _valid_pep508(name) and not p.lower().endswith(_ARCHIVES)
    # parse_editable: the target as written
    if is_url(p) or re.match(r"^[A-Za-z][A-Za-z0-9+.-]+:", p) or p.lower().endswith(_ARCHIVES):
        return False
    return constructors._looks_like_path(p) and not _valid_pep508(p)


class _OsPath:
    """os.path for the constructors module, with isdir as above."""

    def __getattr__(self, name):
        return _isdir if name == "isdir" else getattr(os.path, name)


class _Os:
    def __getattr__(self, name):
        return _OsPath() if name == "path" else getattr(os, name)


constructors.os = _Os()
constructors.is_installable_dir = lambda p: True
pip_misc.is_installable_dir = lambda p: True

