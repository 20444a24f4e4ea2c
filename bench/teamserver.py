"""What the team benches share (bench/team-bench.py, bench/push-ab.py, bench/queue-bench.py, bench/waves-bench.py): a PostgreSQL server of
their own started with scripts/team-server, and a team on it whose members each have a data folder.

Standard library only. Import it from a bench in this folder:

    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    import teamserver
"""
import contextlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TEAM_SERVER = os.path.join(ROOT, "scripts/team-server")
MAKE_WALKS = os.path.join(ROOT, "bench/make-walks.py")


def run(arguments, env=None, check=True):
    """Runs a command to its end; its output (stdout and stderr together) as text. Exits on failure."""
    result = subprocess.run(arguments, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if check and result.returncode != 0:
        sys.exit("failed: %s\n%s" % (" ".join(arguments), result.stdout))
    return result


def timed(arguments, env):
    """Milliseconds from the command's start to its exit, and its output."""
    start = time.perf_counter()
    result = run(arguments, env)
    return (time.perf_counter() - start) * 1000, result.stdout


def load_average():
    """The three load averages of /proc/loadavg, as text ("1.10 0.90 0.80")."""
    with open("/proc/loadavg") as handle:
        return " ".join(handle.read().split()[:3])


class Server:
    """A server of scripts/team-server in `folder` (folder/server): started fresh with `start`, or
    again on its port with `restart` (a folder kept from an earlier run)."""

    def __init__(self, folder, fsync=True):
        self.folder = os.path.abspath(folder)
        self.path = os.path.join(self.folder, "server")
        self.env = dict(os.environ, JOURNEYWALK_PG_FSYNC="on" if fsync else "off")

    def start(self):
        os.makedirs(self.folder, exist_ok=True)
        os.chmod(self.folder, 0o755)
        run([TEAM_SERVER, "start", self.path], self.env)
        self._read_env()

    def restart(self):
        run([TEAM_SERVER, "restart", self.path], self.env)
        self._read_env()

    def stop(self):
        run([TEAM_SERVER, "stop", self.path], self.env, check=False)

    def _read_env(self):
        values = {}
        with open(os.path.join(self.path, "env")) as handle:
            for line in handle:
                key, _, value = line.replace("export ", "").strip().partition("=")
                values[key] = value
        self.port = values["JOURNEYWALK_TEST_PGPORT"]
        self.socket = values["JOURNEYWALK_TEST_PGSOCKET"]

    def psql(self, statement, database="postgres", user="postgres", password=None, extra=()):
        """Runs SQL with psql: as the superuser over the Unix socket, or as `user` over TCP (with its
        password, so that the member's row security applies)."""
        arguments = ["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-p", self.port, "-U", user, "-d", database] + list(extra)
        env = dict(os.environ)
        if password is None:
            arguments += ["-h", self.socket]
        else:
            arguments += ["-h", "127.0.0.1"]
            env["PGPASSWORD"] = password
        return run(arguments + ["-c", statement], env).stdout

    def url(self, user, database="agency"):
        return "postgres://%s@127.0.0.1:%s/%s" % (user, self.port, database)


class Team:
    """A team on `server` in database `database` owned by `owner` (an admin); each member has a data
    folder folder/NAME whose password is NAME-password (PGPASSWORD in the member's environment)."""

    def __init__(self, server, binary, folder, owner="agency", database="agency"):
        self.server = server
        self.binary = binary
        self.folder = os.path.abspath(folder)
        self.owner = owner
        self.database = database

    @staticmethod
    def password(name):
        return name + "-password"

    def home(self, name):
        return os.path.join(self.folder, name)

    def env(self, name):
        return dict(os.environ, PGPASSWORD=self.password(name), HOME=self.folder)

    def person(self, name):
        """The member's data folder (made if missing) and environment."""
        home = self.home(name)
        os.makedirs(home, exist_ok=True)
        return home, self.env(name)

    def create(self, members):
        """Creates the database and the team, and adds `members`: (name, role) pairs, each connected
        from a data folder of its own."""
        self.server.psql("CREATE ROLE %s LOGIN CREATEROLE PASSWORD '%s'" % (self.owner, self.password(self.owner)))
        self.server.psql("CREATE DATABASE %s OWNER %s" % (self.database, self.owner))
        owner_home, owner_env = self.person(self.owner)
        url = self.server.url(self.owner, self.database)
        run([self.binary, "team", "init", "--url", url, "--data-dir", owner_home], owner_env)
        run([self.binary, "team", "connect", url, "--data-dir", owner_home], owner_env)
        for name, role in members:
            self.add(name, role)

    def add(self, name, role):
        password_file = os.path.join(self.folder, name + ".password")
        with open(password_file, "w") as handle:
            handle.write(self.password(name) + "\n")
        run([self.binary, "team", "member", "add", name, "--role", role, "--password-file", password_file,
             "--data-dir", self.home(self.owner)], self.env(self.owner))
        home, env = self.person(name)
        run([self.binary, "team", "connect", self.server.url(name, self.database), "--data-dir", home], env)


@contextlib.contextmanager
def new_team(binary, members, prefix):
    """A server of its own (fsync on, as a real server runs) in a new folder, and a team on it made by
    `binary` with `members` ((name, role) pairs); stopped and removed afterwards, whatever happens."""
    work = tempfile.mkdtemp(prefix=prefix)
    os.chmod(work, 0o755)
    server = Server(work, fsync=True)
    server.start()
    try:
        team = Team(server, binary, work)
        team.create(members)
        yield team
    finally:
        server.stop()
        shutil.rmtree(work, ignore_errors=True)


def make_walks(home, count, seed=7):
    """`count` walks of bench/make-walks.py (format 3, finished and submitted) into home/walks."""
    run([sys.executable, MAKE_WALKS, "--count", str(count), "--home", home, "--format", "3", "--submitted", "--seed", str(seed)])


def write_json(path, value):
    with open(path, "w") as handle:
        json.dump(value, handle, indent=1)
        handle.write("\n")
