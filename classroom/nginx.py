"""The nginx in front of the Streamlit processes: its configuration, filled in from
``nginx.conf.template``, and an nginx of its own run from a folder (no root, no system nginx
touched).

``site_config`` is the part that also goes into an nginx you already run (the maps, the
upstream, the server); ``own_config`` wraps it in the main context of an nginx run by
:func:`start` (pid file, logs and temp folders in ``run_dir``, in the foreground).
"""

from __future__ import annotations

import grp
import os
import pwd
import shutil
import subprocess
from collections.abc import Sequence
from pathlib import Path

import streamlit

TEMPLATE = Path(__file__).with_name("nginx.conf.template")
STREAMLIT_STATIC = Path(streamlit.__file__).parent / "static" / "static"
STATIC_TYPES = {
    "application/javascript": "js mjs", "text/css": "css", "font/woff2": "woff2",
    "image/png": "png", "image/gif": "gif", "image/svg+xml": "svg",
}
TEMP_KINDS = ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
STATIC_BLOCK = """
    # Streamlit's own static files (its JavaScript: 25 MB), sent by nginx instead of Python.
    # Every machine must run the same Streamlit version (the file names carry its build hash).
    location /static/ {{
        alias {folder}/;
        types {{ {types} }}
        expires 30d;
        add_header Cache-Control "public, immutable";
    }}
"""


def nginx_binary() -> str | None:
    """The nginx executable (Debian puts it in /usr/sbin, which may not be on PATH)."""
    return shutil.which("nginx") or next(
        (p for p in ("/usr/sbin/nginx", "/usr/local/sbin/nginx") if Path(p).exists()), None)


def site_config(listen: str, servers: Sequence[str], *,
                static: Path | None = STREAMLIT_STATIC) -> str:
    """The template filled in: ``listen`` (``8501``, ``0.0.0.0:80``), the Streamlit processes
    ``servers`` (``host:port``), and the folder of Streamlit's static files if nginx is to
    send them itself (None: Streamlit sends them)."""
    if not servers:
        raise ValueError("at least one Streamlit process is needed")
    lines = "\n".join(f"    server {s} max_fails=1 fail_timeout=5s;" for s in servers)
    types = " ".join(f"{mime} {ext};" for mime, ext in STATIC_TYPES.items())
    block = STATIC_BLOCK.format(folder=static, types=types) if static else ""
    text = TEMPLATE.read_text(encoding="utf-8")
    return (text.replace("@@SERVERS@@", lines).replace("@@LISTEN@@", listen)
            .replace("@@STATIC@@", block))


def static_folder(run_dir: Path) -> Path:
    """Where an nginx started by :func:`start` finds Streamlit's static files: the package's
    own folder, or, when started as root (its workers then run as ``nobody``, who may not
    enter root's home), a copy in ``run_dir``."""
    if os.geteuid() != 0:
        return STREAMLIT_STATIC
    copy = run_dir / f"static-{streamlit.__version__}"
    if not copy.exists():
        shutil.copytree(STREAMLIT_STATIC, copy.with_suffix(".tmp"), dirs_exist_ok=True)
        copy.with_suffix(".tmp").rename(copy)
    return copy


def _worker_user(run_dir: Path) -> str:
    """Started as root, nginx's workers drop to ``nobody``: they get their own temp folders."""
    if os.geteuid() != 0:
        return ""
    account = pwd.getpwnam("nobody")
    for kind in TEMP_KINDS:
        (run_dir / kind).mkdir(parents=True, exist_ok=True)
        os.chown(run_dir / kind, account.pw_uid, account.pw_gid)
    return f"user nobody {grp.getgrgid(account.pw_gid).gr_name};\n"


def own_config(site: str, run_dir: Path) -> str:
    """A whole nginx.conf around ``site`` for an nginx of its own, everything in ``run_dir``."""
    temp = "\n".join(f"    {kind}_temp_path {run_dir}/{kind};" for kind in TEMP_KINDS)
    indented = "\n".join(("    " + line) if line else "" for line in site.splitlines())
    return (f"{_worker_user(run_dir)}worker_processes 1;\npid {run_dir}/nginx.pid;\n"
            f"error_log {run_dir}/nginx-error.log warn;\n"
            "events {\n    worker_connections 8192;\n}\n"
            f"http {{\n    access_log off;\n{temp}\n{indented}\n}}\n")


def start(site: str, run_dir: Path) -> subprocess.Popen:
    """Write the configuration into ``run_dir``, test it, and start nginx in the foreground;
    ``RuntimeError`` with nginx's own words if the configuration is refused."""
    binary = nginx_binary()
    if binary is None:
        raise RuntimeError("nginx is not installed (apt-get install nginx)")
    run_dir.mkdir(parents=True, exist_ok=True)
    conf = run_dir / "nginx.conf"
    conf.write_text(own_config(site, run_dir), encoding="utf-8")
    base = [binary, "-p", str(run_dir), "-c", str(conf), "-e", str(run_dir / "nginx-error.log")]
    check = subprocess.run([*base, "-t", "-q"], capture_output=True, text=True, check=False)
    if check.returncode != 0:
        raise RuntimeError(f"nginx refused {conf}:\n{check.stderr}")
    log = (run_dir / "nginx.out").open("ab")
    return subprocess.Popen([*base, "-g", "daemon off;"], stdout=log, stderr=subprocess.STDOUT)
