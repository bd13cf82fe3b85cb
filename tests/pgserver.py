"""A throwaway PostgreSQL server for the tests marked ``postgres``: ``initdb`` into a temporary directory, run
on a free loopback port as an unprivileged user (PostgreSQL refuses root), stopped and removed after.

CI (``.ci/run``, CI=true) must never skip these tests: when no server can be started there, they fail.
"""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import shutil
import socket
import subprocess
import sys
import tempfile
from pathlib import Path

USER = "factbot"  # the database role the tests connect as


def _binaries() -> Path | None:
    found = shutil.which("initdb")
    if found:
        return Path(found).parent
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    return Path(candidates[-1]).parent if candidates else None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class TempPostgres:
    """``start()``, ``stop()`` (the database going away mid-run), ``start()`` again, ``remove()``.

    ``TempPostgres(existing=DIR, port=N)`` takes over a server made earlier (by ``.ci/run``, through this
    file's command line) instead of making one."""

    def __init__(self, existing: Path | None = None, port: int | None = None) -> None:
        bin_dir = _binaries()
        if bin_dir is None:
            raise RuntimeError("PostgreSQL's initdb is not installed (apt-get install postgresql)")
        self.bin = bin_dir
        self.dir = existing or Path(tempfile.mkdtemp(prefix="factbot-pg-"))
        self.data = self.dir / "data"
        self.port = port or _free_port()
        self.as_user: list[str] = []
        if os.geteuid() == 0:  # PostgreSQL never runs as root: as the system's postgres account
            account = next((name for name in ("postgres", "nobody") if _exists(name)), None)
            if account is None:
                raise RuntimeError("running as root and no unprivileged account to run PostgreSQL as")
            if existing is None:
                shutil.chown(self.dir, account)
            self.as_user = ["runuser", "-u", account, "--"]
        if existing is None:
            self._run("initdb", "-D", str(self.data), "-U", USER, "--auth=trust", "-E", "UTF8", "--no-sync")

    @classmethod
    def from_environment(cls) -> TempPostgres | None:
        """The server ``.ci/run`` started for the whole test run, if it did (FACTBOT_TEST_PG_DIR and _PORT)."""
        folder, port = os.environ.get("FACTBOT_TEST_PG_DIR"), os.environ.get("FACTBOT_TEST_PG_PORT")
        return cls(Path(folder), int(port)) if folder and port else None

    def running(self) -> bool:
        result = subprocess.run([*self.as_user, str(self.bin / "pg_ctl"), "-D", str(self.data), "status"],
                                capture_output=True, text=True, timeout=30, check=False)
        return result.returncode == 0

    @property
    def url(self) -> str:
        return f"postgresql://{USER}@127.0.0.1:{self.port}/postgres"

    def _run(self, tool: str, *args: str) -> None:
        result = subprocess.run([*self.as_user, str(self.bin / tool), *args], capture_output=True, text=True,
                                timeout=60, check=False)
        if result.returncode != 0:
            raise RuntimeError(f"{tool} failed: {result.stderr.strip()[-500:]}")

    def start(self) -> None:
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.dir / "log"), "-w", "-t", "30",
                  "-o", f"-h 127.0.0.1 -p {self.port} -k {self.dir} -c fsync=off", "start")

    def stop(self) -> None:
        self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop")

    def remove(self) -> None:
        with contextlib.suppress(RuntimeError):  # already stopped
            self.stop()
        shutil.rmtree(self.dir, ignore_errors=True)


def _exists(name: str) -> bool:
    try:
        pwd.getpwnam(name)
    except KeyError:
        return False
    return True


def main(argv: list[str]) -> int:
    """``start``: make and start a server, print its place as shell assignments; ``remove DIR PORT``: stop and
    delete it. ``.ci/run`` starts one for the whole test run this way, and removes it after."""
    if argv[:1] == ["start"]:
        server = TempPostgres()
        server.start()
        print(f"export FACTBOT_TEST_PG_DIR={server.dir} FACTBOT_TEST_PG_PORT={server.port}")
        return 0
    if argv[:1] == ["remove"] and len(argv) == 3:
        TempPostgres(Path(argv[1]), int(argv[2])).remove()
        return 0
    print("usage: python tests/pgserver.py start | remove DIR PORT", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
