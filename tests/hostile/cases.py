#!/usr/bin/env python3
"""SecVault's hostile-environment cases: an MI home owned by a service account (svowner, the
attacker) and an operator who runs ciphertool / mi in it as root, or as an unprivileged user (svother) with
write access through the group svshare. Run by tests/hostile/run, as root; see tests/hostile/README.md.

Each case prints `PASS|FAIL name (details, elapsed ms)`; the exit code is 1 when any case failed.
"""

import argparse
import concurrent.futures
import grp
import hashlib
import os
import pwd
import re
import shutil
import stat
import subprocess
import sys
import threading
import time

import racer

PASSWORD = b"wso2carbon\n"
REFUSAL_LIMIT_MS = 1000      # a FIFO or device input must be refused within this
MEMORY_LIMIT_KB = 400 * 1024  # and without growing past this (a .NET tool idles at ~60-90 MB)
TIMEOUT = 10                  # every command; a hang is a failure
STACK_TRACE = re.compile(r"^\s+at \S+", re.M)
NOT_REGULAR = re.compile(r"regular|not a file|fifo|pipe|device|special", re.I)

ARGS = None
WORK = None
TEMPLATE = None
CONFIGURED = None  # TEMPLATE after a plain root configure: encrypted [secrets] and conf/security/secret-conf.properties
MI = []
CIPHERTOOL = []
RESULTS = []
RESULTS_LOCK = threading.Lock()
RACE_SUMMARY = []


# ---------------------------------------------------------------- users and processes

class User:
    def __init__(self, name):
        self.name = name
        if name == "root":
            self.uid, self.gid, self.groups = 0, 0, []
        else:
            pw = pwd.getpwnam(name)
            self.uid, self.gid = pw.pw_uid, pw.pw_gid
            self.groups = sorted({g.gr_gid for g in grp.getgrall() if name in g.gr_mem} | {pw.pw_gid})
        self.home = os.path.join(WORK, "users", name)
        os.makedirs(self.home, exist_ok=True)
        os.chown(self.home, self.uid, self.gid)
        os.chmod(self.home, 0o700)
        self.cli = os.path.join(self.home, "cli")

    def spawn_kwargs(self):
        if self.uid == 0:
            return {}
        return {"user": self.uid, "group": self.gid, "extra_groups": self.groups}

    def env(self, extra=None):
        env = {
            "PATH": "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
            "HOME": self.home,
            "LANG": "C.UTF-8",
            "DOTNET_CLI_TELEMETRY_OPTOUT": "1",
            "DOTNET_NOLOGO": "1",
            # A safety belt for a shared machine: a tool that reads /dev/zero forever stops at 1 GiB
            # instead of taking the machine's memory; the memory check below fails it long before that.
            "DOTNET_GCHeapHardLimit": "0x40000000",
            "MI_CLI_HOME": self.cli,
        }
        if os.environ.get("DOTNET_ROOT"):
            env["DOTNET_ROOT"] = os.environ["DOTNET_ROOT"]
        env.update(extra or {})
        return {k: v for k, v in env.items() if v is not None}


class Result:
    def __init__(self, rc, out, err, ms, maxrss_kb, timed_out):
        self.rc, self.out, self.err, self.ms, self.maxrss_kb, self.timed_out = rc, out, err, ms, maxrss_kb, timed_out

    def errors(self):
        return [line for line in self.err.splitlines() if "error:" in line]

    def short(self):
        if self.timed_out:
            return "hung, killed after %d s" % TIMEOUT
        lines = self.err.strip().splitlines()
        first = next((l for l in lines if "error:" in l), lines[0] if lines else "")
        return "exit %s%s" % (self.rc, (": " + first[:160]) if first else "")


def run(argv, user, stdin=PASSWORD, env=None, cwd=None, timeout=TIMEOUT):
    """Runs argv as user with a timeout; returns exit code, output, elapsed ms and peak memory."""
    start = time.monotonic()
    proc = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env=user.env(env), cwd=cwd or WORK, start_new_session=True, **user.spawn_kwargs())
    chunks = {"out": [], "err": []}

    def pump(stream, key):
        chunks[key].append(stream.read())

    threads = [threading.Thread(target=pump, args=(proc.stdout, "out"), daemon=True),
               threading.Thread(target=pump, args=(proc.stderr, "err"), daemon=True)]
    for t in threads:
        t.start()

    def feed():
        try:
            proc.stdin.write(stdin or b"")
            proc.stdin.close()
        except OSError:
            pass

    threading.Thread(target=feed, daemon=True).start()
    timed_out = False
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        if time.monotonic() - start > timeout:
            timed_out = True
            try:
                os.killpg(proc.pid, 9)
            except OSError:
                pass
            pid, status, usage = os.wait4(proc.pid, 0)
            break
        time.sleep(0.005)
    ms = int((time.monotonic() - start) * 1000)
    proc.returncode = os.waitstatus_to_exitcode(status)
    for t in threads:
        t.join(2)
    out = b"".join(chunks["out"]).decode("utf-8", "replace")
    err = b"".join(chunks["err"]).decode("utf-8", "replace")
    return Result(proc.returncode, out, err, ms, usage.ru_maxrss, timed_out)


def configure(home, user, env=None, timeout=TIMEOUT):
    return run(CIPHERTOOL + ["-Dcarbon.home=" + home, "-Dpassword.stdin", "-Dconfigure"], user, env=env, timeout=timeout)


def mi(args, user, **kw):
    return run(MI + ["secret"] + args, user, **kw)


# ---------------------------------------------------------------- files

def sh(*argv):
    subprocess.run(argv, check=True)


def case_dir(name):
    path = os.path.join(WORK, "cases", name)
    os.makedirs(path)
    os.chmod(path, 0o755)
    return path


def make_home(name, owner, group="svshare", group_write=False, toml_mode=0o640, configured=False):
    """A copy of the sample home (encrypted when configured) in a fresh folder, owned by owner:group; returns its path."""
    home = os.path.join(case_dir(name), "home")
    shutil.copytree(CONFIGURED if configured else TEMPLATE, home, symlinks=True)
    uid = pwd.getpwnam(owner).pw_uid if owner != "root" else 0
    gid = grp.getgrnam(group).gr_gid
    for root, dirs, files in os.walk(home):
        os.chown(root, uid, gid)
        os.chmod(root, (0o770 if group_write else 0o700) if root.endswith("/conf/security") else (0o775 if group_write else 0o755))
        for f in files:
            p = os.path.join(root, f)
            os.chown(p, uid, gid)
            private = os.path.basename(p) == "secret-conf.properties"
            os.chmod(p, (0o660 if group_write else 0o600) if private else (0o664 if group_write else 0o644))
    toml = os.path.join(home, "conf", "deployment.toml")
    os.chmod(toml, toml_mode | (0o020 if group_write else 0))
    return home


def write_file(path, content, uid=0, gid=0, mode=0o600):
    if isinstance(content, str):
        content = content.encode()
    if os.path.lexists(path):
        os.unlink(path)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, mode)
    os.write(fd, content)
    os.fchown(fd, uid, gid)
    os.fchmod(fd, mode)
    os.close(fd)


def owned_symlink(target, link, owner):
    if os.path.lexists(link):
        os.unlink(link)
    os.symlink(target, link)
    u = pwd.getpwnam(owner)
    os.lchown(link, u.pw_uid, u.pw_gid)


def snapshot(path):
    """Everything about a file that an attacker could make a privileged tool change."""
    if not os.path.lexists(path):
        return None
    st = os.lstat(path)
    digest = None
    if stat.S_ISREG(st.st_mode):
        with open(path, "rb") as f:
            digest = hashlib.sha256(f.read()).hexdigest()
    elif stat.S_ISLNK(st.st_mode):
        digest = "-> " + os.readlink(path)
    return (stat.filemode(st.st_mode), st.st_uid, st.st_gid, st.st_ino, st.st_nlink,
            os.major(st.st_rdev), os.minor(st.st_rdev), digest)


def tree_state(folder):
    """snapshot() of every entry below folder (links not followed), by relative path."""
    states = {".": snapshot(folder)}
    for root, dirs, files in os.walk(folder):
        for name in dirs + files:
            path = os.path.join(root, name)
            states[os.path.relpath(path, folder)] = snapshot(path)
    return states


def tree_changes(before, after):
    changed = sorted(k for k in set(before) | set(after) if before.get(k) != after.get(k) and not is_new_lock_file(k, before, after))
    return ", ".join("%s (%s -> %s)" % (k, describe(before.get(k)), describe(after.get(k))) for k in changed[:3])


def is_new_lock_file(key, before, after):
    """The writers' lock, conf/.secvault.lock, is left by design (docs/decisions.md): new, empty, private."""
    state = after.get(key)
    return (os.path.basename(key) == ".secvault.lock" and before.get(key) is None and state is not None
            and state[0] == "-rw-------" and state[7] == hashlib.sha256(b"").hexdigest())


def describe(state):
    if state is None:
        return "missing"
    mode, uid, gid, ino, nlink, major, minor, digest = state
    return "%s %d:%d nlink %d %s" % (mode, uid, gid, nlink, (digest or "dev %d,%d" % (major, minor))[:20])


def read(path):
    with open(path, "rb") as f:
        return f.read().decode("utf-8", "replace")


def is_encrypted(toml_text):
    """True when the [secrets] plain-text markers of the sample are gone (encrypted)."""
    return "keystore_password" in toml_text and '"[wso2carbon]"' not in toml_text


# ---------------------------------------------------------------- the case runner

class Case:
    def __init__(self, name, who):
        self.name, self.who = name, who
        self.problems, self.notes, self.ms = [], [], None
        self.skipped = None

    def check(self, condition, problem):
        if not condition:
            self.problems.append(problem)
        return condition

    def note(self, text):
        self.notes.append(text)

    def timed(self, result):
        self.ms = (self.ms or 0) + result.ms
        return result

    def refused(self, result, names, what="the command"):
        """Non-zero exit, no hang, exactly one `error:` line that names one of names, no stack trace."""
        if not self.check(not result.timed_out, "%s hung (killed after %d s)" % (what, TIMEOUT)):
            return False
        ok = self.check(result.rc not in (0, None), "%s succeeded (exit 0), expected a refusal" % what)
        errors = result.errors()
        ok &= self.check(len(errors) == 1, "%s printed %d `error:` lines, expected 1: %r" % (what, len(errors), result.err.strip()[:300]))
        if errors:
            ok &= self.check(any(n in errors[0] for n in names), "the error does not name %s: %r" % (names[0], errors[0][:200]))
        ok &= self.check(not STACK_TRACE.search(result.err), "%s printed a stack trace" % what)
        return ok

    def succeeded(self, result, what="the command"):
        return self.check(result.rc == 0 and not result.timed_out, "%s failed: %s" % (what, result.short()))

    def fast_refusal(self, result, path, what="the command"):
        """A non-regular input: refused, within REFUSAL_LIMIT_MS, small memory, the error says why."""
        if not self.check(not result.timed_out, "%s hung on %s (killed after %d s)" % (what, os.path.basename(path), TIMEOUT)):
            return
        self.check(result.rc not in (0, None), "%s succeeded (exit 0) on a non-regular %s" % (what, os.path.basename(path)))
        self.check(result.ms <= REFUSAL_LIMIT_MS, "refusal took %d ms > %d ms" % (result.ms, REFUSAL_LIMIT_MS))
        self.check(result.maxrss_kb <= MEMORY_LIMIT_KB, "peak memory %d MB" % (result.maxrss_kb // 1024))
        # verify reports findings as data on standard output, the other commands as errors on standard error.
        errors = result.errors() + [l for l in result.out.splitlines() if "error" in l]
        self.check(len(errors) >= 1 and any(os.path.basename(path) in e and NOT_REGULAR.search(e) for e in errors),
                   "no error saying %s is not a regular file: %s" % (os.path.basename(path), result.short()))
        self.check(not STACK_TRACE.search(result.err), "%s printed a stack trace" % what)


CASES = []


def case(name, who, group="main"):
    def register(fn):
        CASES.append((name, who, group, fn))
        return fn
    return register


def run_case(name, who, fn):
    c = Case(name, who)
    started = time.monotonic()
    try:
        fn(c)
    except Exception as e:  # noqa: BLE001 - a broken case is a failure, reported as such
        c.problems.append("case raised %s: %s" % (type(e).__name__, e))
    if c.ms is None:
        c.ms = int((time.monotonic() - started) * 1000)
    if c.skipped:
        status = "SKIP"
        detail = c.skipped
    else:
        status = "FAIL" if c.problems else "PASS"
        detail = "; ".join(c.problems + c.notes) or "ok"
    line = "%s %s [%s] (%s, %d ms)" % (status, name, who, detail, c.ms)
    with RESULTS_LOCK:
        RESULTS.append((status, name))
        print(line, flush=True)


# ================================================================ the cases

# ---- descriptor-based writes: the temp-swap race

@case("racer-selftest", "the suite itself: reference writers in python")
def _(c):
    """The racer must win against a path-based chmod and never against a descriptor-based write, or the race
    cases below prove nothing."""
    folder = os.path.join(case_dir(c.name), "out")
    owner = pwd.getpwnam("svowner")
    os.mkdir(folder)
    os.chown(folder, owner.pw_uid, owner.pw_gid)
    target = os.path.join(folder, "file")
    victim = os.path.join(os.path.dirname(folder), "victim-root-0600")

    def reset():
        for entry in os.listdir(folder):
            try:
                os.unlink(os.path.join(folder, entry))
            except FileNotFoundError:
                pass
        write_file(target, "old\n", owner.pw_uid, owner.pw_gid, 0o644)

    started = time.monotonic()
    results = {}
    for kind in ("path", "descriptor"):
        results[kind] = racer.race(lambda kind=kind: racer.write(kind, target, b"new\n"), reset, [folder], {"file"},
                                   victim, owner.pw_uid, owner.pw_gid, ARGS.selftest_tries)
    c.ms = int((time.monotonic() - started) * 1000)
    path, descriptor = results["path"], results["descriptor"]
    c.check(path[2] > 0, "the racer never won against a path-based chmod in %d tries (%d swaps)" % (path[0], path[1]))
    c.check(descriptor[2] == 0, "the racer won %d times against a descriptor-based write: the victim check is wrong" % descriptor[2])
    c.note("path-based writer: %d/%d wins; descriptor-based writer: %d/%d wins" % (path[2], path[0], descriptor[2], descriptor[0]))


def configure_race(c, operator, tries):
    """svowner swaps every temporary file in conf/ and conf/security/ for a link to the operator's private file."""
    unprivileged = operator.uid != 0
    home = make_home(c.name, "svowner", group_write=unprivileged)
    conf = os.path.join(home, "conf")
    security = os.path.join(conf, "security")
    toml = os.path.join(conf, "deployment.toml")
    plain = read(os.path.join(TEMPLATE, "conf", "deployment.toml"))
    owner = pwd.getpwnam("svowner")
    os.mkdir(security)  # the service account's own security folder, as after a first configure
    os.chown(security, owner.pw_uid, owner.pw_gid)
    os.chmod(security, 0o700)
    victim_dir = case_dir(c.name + "-victim")
    os.chown(victim_dir, operator.uid, operator.gid)
    victim = os.path.join(victim_dir, "victim-0600")
    if unprivileged:
        os.chmod(security, 0o770)
        os.chown(security, owner.pw_uid, grp.getgrnam("svshare").gr_gid)

    def reset():
        for folder in (conf, security):
            for entry in os.listdir(folder):
                p = os.path.join(folder, entry)
                if entry != "security":
                    try:
                        os.unlink(p)
                    except FileNotFoundError:
                        pass
        write_file(toml, plain, owner.pw_uid, grp.getgrnam("svshare").gr_gid, 0o660 if unprivileged else 0o640)

    started = time.monotonic()
    tries, swaps, wins, failures, details = racer.race(
        CIPHERTOOL + ["-Dcarbon.home=" + home, "-Dpassword.stdin", "-Dconfigure"], reset,
        [conf, security], {"deployment.toml", "security", "secret-conf.properties"}, victim, owner.pw_uid, owner.pw_gid,
        tries, env=operator.env(), victim_owner=(operator.uid, operator.gid),
        run_as=(operator.uid, operator.gid, operator.groups) if unprivileged else None)
    c.ms = int((time.monotonic() - started) * 1000)
    RACE_SUMMARY.append(("configure as %s" % operator.name, tries, swaps, wins))
    c.check(wins == 0, "%d of %d tries changed %s's private victim (%s)" % (wins, tries, operator.name, "; ".join(details)))
    c.note("%d tries, %d temp files swapped for links, %d wins, %d configure runs failed" % (tries, swaps, wins, failures))


@case("race-temp-swap-configure", "root vs svowner home")
def _(c):
    configure_race(c, User("root"), ARGS.race_tries)


@case("race-temp-swap-configure", "svother (group write) vs svowner home")
def _(c):
    c.name += "-svother"
    configure_race(c, User("svother"), ARGS.race_unprivileged_tries)
    c.name = c.name[:-len("-svother")]


@case("race-temp-swap-create-out", "root, --out in svowner folder")
def _(c):
    folder = os.path.join(case_dir("race-create"), "out")
    owner = pwd.getpwnam("svowner")
    os.mkdir(folder)
    os.chown(folder, owner.pw_uid, owner.pw_gid)
    os.chmod(folder, 0o755)
    target = os.path.join(folder, "wso2-secrets.properties")
    victim = os.path.join(os.path.dirname(folder), "victim-root-0600")

    def reset():
        for entry in os.listdir(folder):
            os.unlink(os.path.join(folder, entry))
        write_file(target, "old = value\n", owner.pw_uid, owner.pw_gid, 0o644)

    started = time.monotonic()
    tries, swaps, wins, failures, details = racer.race(
        MI + ["secret", "create", "-o", "file", "--out", target], reset, [folder],
        {"wso2-secrets.properties"}, victim, owner.pw_uid, owner.pw_gid, ARGS.race_create_tries,
        env=User("root").env(), stdin=b"a\nb\n")
    c.ms = int((time.monotonic() - started) * 1000)
    RACE_SUMMARY.append(("create --out", tries, swaps, wins))
    c.check(wins == 0, "%d of %d tries changed the root-owned victim (%s)" % (wins, tries, "; ".join(details)))
    c.note("%d tries, %d swaps, %d wins, %d create runs failed" % (tries, swaps, wins, failures))


# ---- the symbolic-link rule

def foreign_link_case(c, home, link, victim_content, command, who=None):
    """link (svowner-owned) -> a victim owned by someone else: refused, victim and link unchanged."""
    victim_dir = case_dir(c.name + "-victim")
    victim = os.path.join(victim_dir, "victim")
    owner = who or User("root")
    os.chown(victim_dir, owner.uid, owner.gid)  # so that a tool which follows the link can replace the victim
    write_file(victim, victim_content, owner.uid, owner.gid, 0o600)
    owned_symlink(victim, link, "svowner")
    before, tree = snapshot(victim), tree_state(home)
    r = c.timed(command())
    c.refused(r, [link, os.path.relpath(link, home)])
    c.check(snapshot(victim) == before, "the victim changed: %s -> %s" % (describe(before), describe(snapshot(victim))))
    after = tree_state(home)
    c.check(not tree_changes(tree, after), "the home was touched: " + tree_changes(tree, after))


@case("symlink-toml-to-root-file", "root vs svowner home")
def _(c):
    home = make_home(c.name, "svowner")
    toml = os.path.join(home, "conf", "deployment.toml")
    foreign_link_case(c, home, toml, read(toml), lambda: configure(home, User("root")))


@case("symlink-secret-conf-to-root-file", "root vs svowner home")
def _(c):
    home = make_home(c.name, "svowner")
    security = os.path.join(home, "conf", "security")
    os.mkdir(security, 0o700)
    os.chown(security, pwd.getpwnam("svowner").pw_uid, pwd.getpwnam("svowner").pw_gid)
    toml = os.path.join(home, "conf", "deployment.toml")
    toml_before = snapshot(toml)
    foreign_link_case(c, home, os.path.join(security, "secret-conf.properties"), "root=secret\n",
                      lambda: configure(home, User("root")))
    c.check(snapshot(toml) == toml_before, "deployment.toml was changed although the command was refused")


@case("symlink-conf-folder-to-root-folder", "root vs svowner home")
def _(c):
    home = make_home(c.name, "svowner")
    conf = os.path.join(home, "conf")
    rootconf = os.path.join(case_dir(c.name + "-rootconf"), "conf")
    shutil.copytree(conf, rootconf)
    for p in (rootconf, os.path.join(rootconf, "deployment.toml")):
        os.chown(p, 0, 0)
    os.chmod(os.path.join(rootconf, "deployment.toml"), 0o600)
    shutil.rmtree(conf)
    owned_symlink(rootconf, conf, "svowner")
    tree, root_tree = tree_state(home), tree_state(rootconf)
    r = c.timed(configure(home, User("root")))
    c.refused(r, [conf, os.path.relpath(conf, home)])
    after = tree_state(rootconf)
    c.check(after == root_tree, "the root-owned folder behind the conf link changed: " + tree_changes(root_tree, after))
    after = tree_state(home)
    c.check(not tree_changes(tree, after), "the home was touched: " + tree_changes(tree, after))


def same_owner_link_case(c, home, target, user):
    """conf/deployment.toml is an svowner link to an svowner file: followed, the target replaced, the link kept."""
    toml = os.path.join(home, "conf", "deployment.toml")
    u = pwd.getpwnam("svowner")
    write_file(target, read(toml), u.pw_uid, grp.getgrnam("svshare").gr_gid, os.stat(toml).st_mode & 0o777)
    os.unlink(toml)
    owned_symlink(target, toml, "svowner")
    r = c.timed(configure(home, user))
    c.succeeded(r, "configure")
    c.check("changed" not in r.err, "false 'changed by another process': %r" % r.err.strip()[:200])
    c.check(os.path.islink(toml) and os.readlink(toml) == target, "conf/deployment.toml is no longer the link")
    c.check(os.path.isfile(target) and is_encrypted(read(target)), "the link's target was not encrypted")
    st = os.lstat(target)
    c.check(st.st_uid == u.pw_uid, "the target's owner changed to %d" % st.st_uid)


@case("symlink-toml-same-owner-inside-home", "root vs svowner home")
def _(c):
    home = make_home(c.name, "svowner")
    os.mkdir(os.path.join(home, "conf", "real"))
    os.chown(os.path.join(home, "conf", "real"), pwd.getpwnam("svowner").pw_uid, grp.getgrnam("svshare").gr_gid)
    same_owner_link_case(c, home, os.path.join(home, "conf", "real", "deployment.toml"), User("root"))


@case("symlink-toml-same-owner-outside-home", "root vs svowner home")
def _(c):
    home = make_home(c.name, "svowner")
    outside = case_dir(c.name + "-outside")
    os.chown(outside, pwd.getpwnam("svowner").pw_uid, grp.getgrnam("svshare").gr_gid)
    same_owner_link_case(c, home, os.path.join(outside, "deployment.toml"), User("root"))


def configmap(home, owner_name, group_write=False):
    """Kubernetes ConfigMap layout: conf/..2026_11_30/deployment.toml, conf/..data -> it, deployment.toml -> ..data/."""
    conf = os.path.join(home, "conf")
    u = pwd.getpwnam(owner_name)
    gid = grp.getgrnam("svshare").gr_gid
    version = os.path.join(conf, "..2026_11_30_00_00_00.1")
    os.mkdir(version)
    os.chown(version, u.pw_uid, gid)
    os.chmod(version, 0o775 if group_write else 0o755)
    toml = os.path.join(conf, "deployment.toml")
    os.rename(toml, os.path.join(version, "deployment.toml"))
    owned_symlink("..2026_11_30_00_00_00.1", os.path.join(conf, "..data"), owner_name)
    owned_symlink("..data/deployment.toml", toml, owner_name)
    return os.path.join(version, "deployment.toml")


@case("symlink-configmap-layout", "root vs svowner home")
def _(c):
    home = make_home(c.name, "svowner")
    real = configmap(home, "svowner")
    toml = os.path.join(home, "conf", "deployment.toml")
    r = c.timed(configure(home, User("root")))
    c.succeeded(r, "configure")
    c.check("changed" not in r.err, "false 'changed by another process': %r" % r.err.strip()[:200])
    c.check(os.path.islink(toml) and os.path.islink(os.path.join(home, "conf", "..data")), "the ConfigMap links were replaced")
    c.check(is_encrypted(read(real)), "the ConfigMap file was not encrypted")
    c.check(os.lstat(real).st_uid == pwd.getpwnam("svowner").pw_uid, "the ConfigMap file's owner changed")


@case("symlink-secret-conf-same-owner", "root vs svowner home")
def _(c):
    home = make_home(c.name, "svowner")
    u = pwd.getpwnam("svowner")
    security = os.path.join(home, "conf", "security")
    os.mkdir(security, 0o700)
    os.chown(security, u.pw_uid, u.pw_gid)
    target = os.path.join(case_dir(c.name + "-outside"), "secret-conf.properties")
    write_file(target, "# placeholder\n", u.pw_uid, u.pw_gid, 0o600)
    link = os.path.join(security, "secret-conf.properties")
    owned_symlink(target, link, "svowner")
    r = c.timed(configure(home, User("root")))
    c.succeeded(r, "configure")
    c.check(os.path.islink(link) and os.readlink(link) == target, "secret-conf.properties is no longer the link")
    c.check("secretRepositories" in read(target), "the link's target was not written")
    c.check(os.lstat(target).st_uid == u.pw_uid, "the target's owner changed to %d" % os.lstat(target).st_uid)


@case("symlink-toml-to-caller-file", "svother (group write) vs svowner home")
def _(c):
    # The service account links deployment.toml to the unprivileged operator's own private file.
    home = make_home(c.name, "svowner", group_write=True)
    toml = os.path.join(home, "conf", "deployment.toml")
    foreign_link_case(c, home, toml, read(toml), lambda: configure(home, User("svother")), who=User("svother"))


@case("symlink-caller-owned-link-followed", "svother (group write) vs svowner home")
def _(c):
    home = make_home(c.name, "svowner", group_write=True)
    toml = os.path.join(home, "conf", "deployment.toml")
    o = User("svother")
    target = os.path.join(o.home, "mine.toml")
    write_file(target, read(toml), o.uid, o.gid, 0o600)
    os.unlink(toml)
    owned_symlink(target, toml, "svother")
    r = c.timed(configure(home, o))
    c.succeeded(r, "configure")
    c.check(os.path.islink(toml), "the link was replaced")
    c.check(is_encrypted(read(target)), "the caller's own target was not encrypted")


@case("symlink-configmap-layout", "svother (group write) vs svowner home")
def _(c):
    home = make_home(c.name + "-svother", "svowner", group_write=True)
    real = configmap(home, "svowner", group_write=True)
    os.chmod(real, 0o660)
    r = c.timed(configure(home, User("svother")))
    c.succeeded(r, "configure")
    c.check("changed" not in r.err, "false 'changed by another process': %r" % r.err.strip()[:200])
    c.check(is_encrypted(read(real)), "the ConfigMap file was not encrypted")


@case("configure-group-writable-home", "svother (group write) vs svowner home")
def _(c):
    # The baseline for the unprivileged cases: no links, the operator writes through the group.
    home = make_home(c.name, "svowner", group_write=True)
    toml = os.path.join(home, "conf", "deployment.toml")
    r = c.timed(configure(home, User("svother")))
    c.succeeded(r, "configure")
    c.check(is_encrypted(read(toml)), "deployment.toml was not encrypted")
    c.check(stat.S_IMODE(os.stat(toml).st_mode) == 0o660, "deployment.toml mode %o, expected 660 kept" % stat.S_IMODE(os.stat(toml).st_mode))


# ---- password files (mi secret resolve --consume-password-file)

def consume(home, user):
    return mi(["resolve", "--home", home, "--format", "flat", "--consume-password-file"], user, stdin=b"")


def password_refused(c, home, name, victim, extra_names=()):
    path = os.path.join(home, name)
    before, tree = snapshot(victim), tree_state(home)
    r = c.timed(consume(home, User("root")))
    c.refused(r, [path, name] + list(extra_names))
    c.check(snapshot(victim) == before, "the victim changed: %s -> %s" % (describe(before), describe(snapshot(victim))))
    after = tree_state(home)
    c.check(not tree_changes(tree, after), "the home was touched: " + tree_changes(tree, after))


@case("password-tmp-symlink-to-root-file", "root vs svowner home")
def _(c):
    home = make_home(c.name, "svowner", configured=True)
    victim = os.path.join(case_dir(c.name + "-v"), "victim")
    write_file(victim, PASSWORD, 0, 0, 0o600)
    owned_symlink(victim, os.path.join(home, "password-tmp"), "svowner")
    password_refused(c, home, "password-tmp", victim)


@case("password-symlink-to-root-file", "root vs svowner home")
def _(c):
    home = make_home(c.name, "svowner", configured=True)
    victim = os.path.join(case_dir(c.name + "-v"), "victim")
    write_file(victim, PASSWORD, 0, 0, 0o600)
    owned_symlink(victim, os.path.join(home, "password"), "svowner")
    password_refused(c, home, "password", victim)


@case("password-tmp-hard-link", "root vs svowner home")
def _(c):
    home = make_home(c.name, "svowner", configured=True)
    victim = os.path.join(case_dir(c.name + "-v"), "victim")
    write_file(victim, PASSWORD, pwd.getpwnam("svowner").pw_uid, 0, 0o600)
    os.link(victim, os.path.join(home, "password-tmp"))
    password_refused(c, home, "password-tmp", victim)


@case("password-tmp-owned-by-third-user", "root vs svowner home")
def _(c):
    home = make_home(c.name, "svowner", configured=True)
    o = User("svother")
    path = os.path.join(home, "password-tmp")
    write_file(path, PASSWORD, o.uid, o.gid, 0o600)
    password_refused(c, home, "password-tmp", path)


@case("password-tmp-owned-by-home-owner-consumed", "root vs svowner home")
def _(c):
    home = make_home(c.name, "svowner", configured=True)
    u = pwd.getpwnam("svowner")
    path = os.path.join(home, "password-tmp")
    write_file(path, PASSWORD, u.pw_uid, u.pw_gid, 0o600)
    r = c.timed(consume(home, User("root")))
    c.succeeded(r, "resolve --consume-password-file")
    c.check(not os.path.lexists(path), "password-tmp was not consumed")


@case("password-tmp-owned-by-home-owner-consumed", "svother (group write) vs svowner home")
def _(c):
    home = make_home(c.name + "-svother", "svowner", group_write=True, configured=True)
    u = pwd.getpwnam("svowner")
    path = os.path.join(home, "password-tmp")
    write_file(path, PASSWORD, u.pw_uid, grp.getgrnam("svshare").gr_gid, 0o660)
    r = c.timed(consume(home, User("svother")))
    c.succeeded(r, "resolve --consume-password-file")
    c.check(not os.path.lexists(path), "password-tmp was not consumed")


# ---- owner, group and mode kept

@case("owner-and-mode-kept", "root vs svowner home")
def _(c):
    home = make_home(c.name, "svowner")
    toml = os.path.join(home, "conf", "deployment.toml")
    os.chmod(toml, 0o640)
    u = pwd.getpwnam("svowner")
    gid = grp.getgrnam("svshare").gr_gid
    r = c.timed(configure(home, User("root")))
    if not c.succeeded(r, "configure"):
        return
    st = os.stat(toml)
    c.check((st.st_uid, st.st_gid) == (u.pw_uid, gid), "deployment.toml now owned %d:%d, expected svowner:svshare" % (st.st_uid, st.st_gid))
    c.check(stat.S_IMODE(st.st_mode) == 0o640, "deployment.toml mode %o, expected 640" % stat.S_IMODE(st.st_mode))
    security = os.path.join(home, "conf", "security")
    props = os.path.join(security, "secret-conf.properties")
    for path, mode in ((security, 0o700), (props, 0o600)):
        st = os.stat(path)
        c.check(st.st_uid == u.pw_uid, "%s owned by uid %d, expected svowner (the folder's owner)" % (os.path.relpath(path, home), st.st_uid))
        c.check(stat.S_IMODE(st.st_mode) == mode, "%s mode %o, expected %o" % (os.path.relpath(path, home), stat.S_IMODE(st.st_mode), mode))


# ---- hard links and bind mounts

@case("hard-linked-toml-warns", "root vs svowner home")
def _(c):
    home = make_home(c.name, "svowner")
    toml = os.path.join(home, "conf", "deployment.toml")
    other = os.path.join(home, "conf", "deployment.toml.orig")
    os.link(toml, other)
    r = c.timed(configure(home, User("root")))
    c.succeeded(r, "configure")
    c.check(is_encrypted(read(toml)), "deployment.toml was not encrypted")
    warnings = [l for l in r.err.splitlines() if "warning" in l.lower()]
    c.check(any("link" in l.lower() for l in warnings), "no warning about the hard link on stderr: %r" % r.err.strip()[-200:])


@case("bind-mounted-toml", "root vs svowner home")
def _(c):
    home = make_home(c.name, "svowner")
    toml = os.path.join(home, "conf", "deployment.toml")
    host = os.path.join(case_dir(c.name + "-host"), "host.toml")
    shutil.copyfile(toml, host)
    if subprocess.run(["unshare", "-m", "true"], capture_output=True).returncode != 0:
        c.skipped = "unshare -m is not permitted here"
        return
    argv = ["unshare", "-m", "--propagation", "private", "sh", "-c", 'mount --bind "$0" "$1" || exit 97; shift; exec "$@"',
            host, toml] + CIPHERTOOL + ["-Dcarbon.home=" + home, "-Dpassword.stdin", "-Dconfigure"]
    r = c.timed(run(argv, User("root")))
    c.check(r.rc != 97, "the bind mount failed")
    c.succeeded(r, "configure")
    c.check(is_encrypted(read(host)), "the bind-mounted file was not encrypted")
    c.check(any("warning" in l.lower() for l in r.err.splitlines()), "no warning about the in-place write: %r" % r.err.strip()[-200:])


# ---- the lock

def flock_case(c, paths):
    """nobody (no write access to the home) holds flock on paths; a root configure must neither wait nor fail."""
    home = make_home(c.name, "svowner", toml_mode=0o644)
    conf = os.path.join(home, "conf")
    holders = []
    try:
        for rel in paths:
            holders.append(subprocess.Popen(["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups",
                                             "flock", "-n", os.path.join(home, rel), "sleep", "60"]))
        time.sleep(0.5)
        alive = [h for h in holders if h.poll() is None]
        if not c.check(len(alive) == len(paths), "nobody could not take the flocks (%d of %d held)" % (len(alive), len(paths))):
            return
        r = c.timed(configure(home, User("root")))
        c.succeeded(r, "configure")
        c.check(r.ms < 5000, "configure took %d ms while nobody held the flocks" % r.ms)
        c.check(is_encrypted(read(os.path.join(conf, "deployment.toml"))), "deployment.toml was not encrypted")
    finally:
        for h in holders:
            h.kill()
            h.wait()


@case("foreign-flock-on-conf-folder", "root vs svowner home, nobody holds flock on conf/ and the home")
def _(c):
    flock_case(c, [".", "conf"])


@case("foreign-flock-on-deployment-toml", "root vs svowner home, nobody holds flock on deployment.toml")
def _(c):
    flock_case(c, ["conf/deployment.toml"])


# ---- core dumps and /proc

def waiting_mi(user, home):
    """mi waiting for the password on standard input, started with ulimit -c unlimited."""
    argv = ["sh", "-c", 'ulimit -c unlimited && exec "$@"', "sh"] + MI + ["secret", "resolve", "--home", home, "--password-stdin"]
    return subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            env=user.env(), cwd=WORK, **user.spawn_kwargs())


def reading_stdin(pid):
    """True once the process's main thread is blocked in read(0, ...) (so it is past start-up and its own set-up)."""
    try:
        fields = read("/proc/%d/syscall" % pid).split()
        if "resolve" not in read("/proc/%d/cmdline" % pid) or fields[0] != "0":
            return False
        # .NET reads standard input through a duplicate of descriptor 0.
        return os.readlink("/proc/%d/fd/%d" % (pid, int(fields[1], 16))) == os.readlink("/proc/%d/fd/0" % pid)
    except (OSError, IndexError):
        return False


def proc_core_limit(pid):
    try:
        for line in read("/proc/%d/limits" % pid).splitlines():
            if line.startswith("Max core file size"):
                return line.split()[4]
    except OSError:
        return None
    return None


def wait_for(predicate, seconds):
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if predicate():
            return True
        time.sleep(0.02)
    return predicate()


def core_case(c, user, home):
    p = waiting_mi(user, home)
    try:
        if not c.check(wait_for(lambda: reading_stdin(p.pid), 8), "mi never blocked reading the password from stdin (%s)"
                       % ("exited %s: %s" % (p.poll(), p.stderr.read().decode()[:200]) if p.poll() is not None else "still running")):
            return None
        c.check(proc_core_limit(p.pid) == "0", "/proc/%d/limits core size is %s, expected 0 (started with ulimit -c unlimited)"
                % (p.pid, proc_core_limit(p.pid)))
        return p
    except BaseException:
        p.kill()
        p.wait()
        raise


@case("core-dumps-off", "root vs svowner home")
def _(c):
    home = make_home(c.name, "svowner", configured=True)
    p = core_case(c, User("root"), home)
    if p:
        p.kill()
        p.wait()


@case("core-dumps-off-not-dumpable", "svother vs svowner home")
def _(c):
    home = make_home(c.name, "svowner", group_write=True, configured=True)
    o = User("svother")
    p = core_case(c, o, home)
    if not p:
        return
    try:
        # /proc/<pid>/status is mode 0444 on Linux whatever the process does, so "not readable" cannot be checked;
        # what PR_SET_DUMPABLE 0 changes is the owner of /proc/<pid>/* (root) and the ptrace check on
        # environ/mem/maps, which then fails even for the same user.
        owner = os.stat("/proc/%d/status" % p.pid).st_uid
        c.check(owner == 0, "/proc/%d/status is owned by uid %s, not root: the process is dumpable" % (p.pid, owner))
        peek = run(["cat", "/proc/%d/environ" % p.pid], o, stdin=b"")
        c.check(peek.rc != 0, "svother can read its own mi's /proc/%d/environ (dumpable)" % p.pid)
        c.check(p.poll() is None, "mi stopped waiting on stdin (exited %s)" % p.poll())
    finally:
        p.kill()
        p.wait()


# ---- mi secret exec

def ciphertext(value):
    root = User("root")
    r = mi(["create", "-o", "console"], root, stdin=b"x\n" + value + b"\n")
    if r.rc != 0:
        raise RuntimeError("mi secret create failed: " + r.short())
    return r.out.split(" : ", 1)[1].strip()


def home_with_secret(name, alias, value):
    home = make_home(name, "svowner", configured=True)
    toml = os.path.join(home, "conf", "deployment.toml")
    text = read(toml).replace("[secrets]\n", '[secrets]\n%s = "%s"\n' % (alias, ciphertext(value)), 1)
    u = pwd.getpwnam("svowner")
    write_file(toml, text, u.pw_uid, grp.getgrnam("svshare").gr_gid, 0o640)
    return home


for _alias, _value in (("LD_PRELOAD", b"/nonexistent/hostile.so"), ("BASH_ENV", b"/nonexistent/hostile.sh"),
                       ("PYTHONPATH", b"/nonexistent/hostile")):
    def _make(alias, value):
        def fn(c):
            home = home_with_secret(c.name, alias, value)
            marker = os.path.join(os.path.dirname(home), "child-started")
            r = c.timed(mi(["exec", "--home", home, "--password-stdin", "--", "sh", "-c", 'touch "$0"', marker], User("root")))
            c.check(not os.path.exists(marker), "the child was started with %s from [secrets]" % alias)
            c.check(r.rc != 0 and not r.timed_out, "exec did not fail: %s" % r.short())
            c.check(any(alias in e for e in r.errors()), "no error naming %s: %s" % (alias, r.short()))
        return fn
    case("exec-refuses-" + _alias, "root")(_make(_alias, _value))


@case("exec-hides-MI_KEYSTORE_PASSWORD", "root")
def _(c):
    home = make_home(c.name, "svowner", configured=True)
    out = os.path.join(os.path.dirname(home), "child-env")
    r = c.timed(mi(["exec", "--home", home, "--", "sh", "-c", 'env > "$0"', out], User("root"), stdin=b"",
                   env={"MI_KEYSTORE_PASSWORD": "wso2carbon", "MI_KEY_PASSWORD": "wso2carbon"}))
    if not c.succeeded(r, "exec"):
        return
    env = read(out)
    c.check("db_password=" in env, "the child did not get the secrets (the case proves nothing)")
    c.check("MI_KEYSTORE_PASSWORD" not in env, "MI_KEYSTORE_PASSWORD is in the child's environment")
    c.check("MI_KEY_PASSWORD" not in env, "MI_KEY_PASSWORD is in the child's environment")


@case("exec-empty-command", "root")
def _(c):
    home = make_home(c.name, "svowner", configured=True)
    r = c.timed(mi(["exec", "--home", home, "--password-stdin", "--", ""], User("root")))
    c.check(r.rc == 2, "exit %s, expected 2 (usage)" % r.rc)
    lines = [l for l in r.err.splitlines() if l.strip() and not l.startswith("mi: hint:")]
    c.check(len(lines) == 1, "%d lines on stderr besides the hint, expected 1: %r" % (len(lines), r.err.strip()[:200]))
    c.check(not STACK_TRACE.search(r.err), "a stack trace on stderr")


# ---- CLI config (MI_CLI_HOME)

def cli_home(name, owner, mode):
    """A copy of root's initialised keystore_info.yaml in a fresh MI_CLI_HOME, owned by owner with mode."""
    folder = os.path.join(case_dir(name), "cli")
    os.mkdir(folder, 0o700)
    u = User(owner)
    os.chown(folder, 0, 0)
    with open(os.path.join(User("root").cli, "keystore_info.yaml"), "rb") as f:
        write_file(os.path.join(folder, "keystore_info.yaml"), f.read(), u.uid, u.gid, mode)
    os.chmod(os.path.join(folder, "keystore_info.yaml"), mode)
    return folder


def create_refused(c, folder, user):
    out = os.path.join(user.home, c.name + ".properties")
    r = c.timed(mi(["create", "-o", "file", "--out", out], user, stdin=b"a\nb\n", env={"MI_CLI_HOME": folder}))
    c.refused(r, [os.path.join(folder, "keystore_info.yaml"), "keystore_info.yaml"])
    c.check(not os.path.exists(out), "create wrote its output")


@case("cli-home-world-writable-keystore-info", "root")
def _(c):
    folder = cli_home(c.name, "root", 0o666)
    create_refused(c, folder, User("root"))


@case("cli-home-foreign-keystore-info", "root, file owned by svowner")
def _(c):
    folder = cli_home(c.name, "svowner", 0o600)
    create_refused(c, folder, User("root"))


@case("cli-home-foreign-keystore-info", "svother, file owned by svowner")
def _(c):
    folder = cli_home(c.name + "-svother", "svowner", 0o644)
    os.chmod(folder, 0o755)
    create_refused(c, folder, User("svother"))


@case("cli-home-keystore-info-symlink-to-root-file", "root, shared MI_CLI_HOME owned by svowner")
def _(c):
    folder = os.path.join(case_dir(c.name), "cli")
    u = pwd.getpwnam("svowner")
    os.mkdir(folder, 0o700)
    os.chown(folder, u.pw_uid, u.pw_gid)
    victim = os.path.join(case_dir(c.name + "-v"), "victim")
    write_file(victim, "root: data\n", 0, 0, 0o600)
    link = os.path.join(folder, "keystore_info.yaml")
    owned_symlink(victim, link, "svowner")
    before = snapshot(victim)
    keystore = os.path.join(TEMPLATE, "repository", "resources", "security", "wso2carbon.jks")
    r = c.timed(mi(["init", "--keystore", keystore, "--type", "JKS", "--alias", "wso2carbon", "--password-stdin"],
                   User("root"), env={"MI_CLI_HOME": folder}))
    c.refused(r, [link, "keystore_info.yaml"])
    c.check(snapshot(victim) == before, "the victim changed: %s -> %s" % (describe(before), describe(snapshot(victim))))


@case("create-out-symlink-to-root-file", "root, --out in svowner folder")
def _(c):
    folder = case_dir(c.name + "-out")
    u = pwd.getpwnam("svowner")
    os.chown(folder, u.pw_uid, u.pw_gid)
    victim = os.path.join(case_dir(c.name + "-v"), "victim")
    write_file(victim, "root: data\n", 0, 0, 0o600)
    link = os.path.join(folder, "secrets.properties")
    owned_symlink(victim, link, "svowner")
    before = snapshot(victim)
    r = c.timed(mi(["create", "-o", "file", "--out", link], User("root"), stdin=b"a\nb\n"))
    c.refused(r, [link])
    c.check(snapshot(victim) == before, "the victim changed: %s -> %s" % (describe(before), describe(snapshot(victim))))


@case("create-out-symlink-same-owner", "root, --out in svowner folder")
def _(c):
    folder = case_dir(c.name + "-out")
    u = pwd.getpwnam("svowner")
    os.chown(folder, u.pw_uid, u.pw_gid)
    target = os.path.join(case_dir(c.name + "-t"), "secrets.properties")
    write_file(target, "old = value\n", u.pw_uid, u.pw_gid, 0o640)
    link = os.path.join(folder, "secrets.properties")
    owned_symlink(target, link, "svowner")
    r = c.timed(mi(["create", "-o", "file", "--out", link], User("root"), stdin=b"a\nb\n"))
    c.succeeded(r, "create")
    c.check(os.path.islink(link) and os.readlink(link) == target, "the link was replaced")
    c.check(re.search(r"^a\s*=", read(target), re.M) is not None, "the target was not written")
    c.check(os.lstat(target).st_uid == u.pw_uid, "the target's owner changed to %d" % os.lstat(target).st_uid)


# ---- write targets that are not regular files

@case("create-out-char-device-refused", "root")
def _(c):
    folder = case_dir(c.name)
    dev = os.path.join(folder, "null-device")
    os.mknod(dev, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    before = snapshot(dev)
    r = c.timed(mi(["create", "-o", "file", "--out", dev], User("root"), stdin=b"a\nb\n"))
    c.refused(r, [dev])
    c.check(snapshot(dev) == before, "the device node was replaced: %s" % describe(snapshot(dev)))


@case("create-out-fifo-refused", "root")
def _(c):
    folder = case_dir(c.name)
    fifo = os.path.join(folder, "fifo")
    os.mkfifo(fifo, 0o666)
    before = snapshot(fifo)
    r = c.timed(mi(["create", "-o", "file", "--out", fifo], User("root"), stdin=b"a\nb\n"))
    c.refused(r, [fifo])
    c.check(r.ms <= REFUSAL_LIMIT_MS, "refusal took %d ms" % r.ms)
    c.check(snapshot(fifo) == before, "the FIFO was replaced: %s" % describe(snapshot(fifo)))


# ---- reads: FIFOs and devices are refused at once

def special(path, kind):
    if os.path.lexists(path):
        os.unlink(path)
    if kind == "fifo":
        os.mkfifo(path, 0o644)
    else:
        os.mknod(path, 0o644 | stat.S_IFCHR, os.makedev(1, 5 if kind == "zero" else 3))


def read_case(name, kind, setup, command, configured=True):
    def fn(c):
        home = make_home(c.name, "svowner", configured=configured)
        path = setup(c, home)
        special(path, kind)
        r = c.timed(command(home, path))
        c.fast_refusal(r, path)
        c.note("%d ms, peak %d MB" % (r.ms, r.maxrss_kb // 1024))
    case("read-%s-%s" % (name, kind), "root vs svowner home", group="read")(fn)


def _toml(c, home):
    return os.path.join(home, "conf", "deployment.toml")


def _keystore(c, home):
    return os.path.join(home, "repository", "resources", "security", "wso2carbon.jks")


def _password_persist(c, home):
    return os.path.join(home, "password-persist")


def _secret_conf(c, home):
    r = configure(home, User("root"))
    if r.rc != 0:
        raise RuntimeError("the setup configure failed: " + r.short())
    return os.path.join(home, "conf", "security", "secret-conf.properties")


def _synapse(c, home):
    return os.path.join(os.path.dirname(home), "api.xml")


def _file_lookup(c, home):
    xml = os.path.join(os.path.dirname(home), "lookup.xml")
    write_file(xml, '<api xmlns="http://ws.apache.org/ns/synapse" name="A" context="/a"><resource><inSequence>'
                    '<property name="p" expression="wso2:vault-lookup(\'hostile_secret\', \'FILE\', \'false\')"/>'
                    '</inSequence></resource></api>\n', 0, 0, 0o644)
    return os.path.join(home, "hostile_secret")


def _cli_config(c, home):
    folder = os.path.join(os.path.dirname(home), "cli")
    os.mkdir(folder, 0o700)
    return os.path.join(folder, "keystore_info.yaml")


def _bulk_input(c, home):
    return os.path.join(os.path.dirname(home), "secrets.properties")


_configure = lambda home, path: configure(home, User("root"))  # noqa: E731
_resolve = lambda home, path: mi(["resolve", "--home", home, "--password-stdin"], User("root"))  # noqa: E731
for _kind in ("fifo", "zero", "null"):
    read_case("deployment-toml-configure", _kind, _toml, _configure, configured=False)
    read_case("keystore-configure", _kind, _keystore, _configure, configured=False)
read_case("deployment-toml-resolve", "fifo", _toml, _resolve)
read_case("deployment-toml-verify", "zero", _toml, lambda home, path: mi(["verify", "--home", home, "--password-stdin"], User("root")))
read_case("password-persist-resolve", "fifo", _password_persist, lambda home, path: mi(["resolve", "--home", home], User("root"), stdin=b""))
read_case("password-persist-resolve", "zero", _password_persist, lambda home, path: mi(["resolve", "--home", home], User("root"), stdin=b""))
read_case("secret-conf-configure", "fifo", _secret_conf, _configure, configured=False)
read_case("synapse-xml-verify", "fifo", _synapse,
          lambda home, path: mi(["verify", "--home", home, "--password-stdin", "--synapse", path], User("root")))
read_case("synapse-xml-resolve", "zero", _synapse,
          lambda home, path: mi(["resolve", "--home", home, "--password-stdin", "--synapse", path], User("root")))
read_case("file-lookup-resolve", "fifo", _file_lookup,
          lambda home, path: mi(["resolve", "--home", home, "--password-stdin", "--synapse",
                                 os.path.join(os.path.dirname(home), "lookup.xml")], User("root")))
read_case("file-lookup-resolve", "zero", _file_lookup,
          lambda home, path: mi(["resolve", "--home", home, "--password-stdin", "--synapse",
                                 os.path.join(os.path.dirname(home), "lookup.xml")], User("root")))
read_case("keystore-info-create", "fifo", _cli_config,
          lambda home, path: mi(["create", "-o", "console"], User("root"), stdin=b"a\nb\n", env={"MI_CLI_HOME": os.path.dirname(path)}))
read_case("bulk-input-create", "fifo", _bulk_input,
          lambda home, path: mi(["create", "-o", "console", "-f", path], User("root"), stdin=b""))
read_case("bulk-input-create", "zero", _bulk_input,
          lambda home, path: mi(["create", "-o", "console", "-f", path], User("root"), stdin=b""))


# ================================================================ main

def main():
    global ARGS, WORK, TEMPLATE, CONFIGURED, MI, CIPHERTOOL
    parser = argparse.ArgumentParser()
    parser.add_argument("--work", required=True)
    parser.add_argument("--mi", required=True, help="command prefix, e.g. 'dotnet /x/mi.dll'")
    parser.add_argument("--ciphertool", required=True)
    parser.add_argument("--samples", required=True, help="samples/mi-home")
    parser.add_argument("--race-tries", type=int, default=120)
    parser.add_argument("--race-create-tries", type=int, default=30)
    parser.add_argument("--race-unprivileged-tries", type=int, default=30)
    parser.add_argument("--selftest-tries", type=int, default=40)
    parser.add_argument("--jobs", type=int, default=3, help="read cases run this many at a time")
    parser.add_argument("--only", default="", help="run only the cases whose name contains this")
    ARGS = parser.parse_args()
    if os.geteuid() != 0:
        sys.exit("cases.py: run as root (through tests/hostile/run)")
    WORK = ARGS.work
    MI, CIPHERTOOL = ARGS.mi.split(), ARGS.ciphertool.split()
    os.umask(0o022)

    # The template: the sample home without the dynamic api_key (it needs an environment variable).
    TEMPLATE = os.path.join(WORK, "template")
    shutil.copytree(ARGS.samples, TEMPLATE)
    toml = os.path.join(TEMPLATE, "conf", "deployment.toml")
    with open(toml) as f:
        text = "".join(l for l in f if not l.startswith("api_key"))
    with open(toml, "w") as f:
        f.write(text)
    # ... and without the artifact lines that look it up (resolve checks the home's own artifacts).
    for root, dirs, files in os.walk(os.path.join(TEMPLATE, "repository", "deployment")):
        for name in files:
            path = os.path.join(root, name)
            with open(path, encoding="utf-8") as f:
                lines = f.readlines()
            kept = [l for l in lines if "vault-lookup('api_key')" not in l]
            if kept != lines:
                with open(path, "w", encoding="utf-8") as f:
                    f.writelines(kept)
    for root, dirs, files in os.walk(TEMPLATE):
        os.chmod(root, 0o755)
        for name in files:
            os.chmod(os.path.join(root, name), 0o644)

    # root's CLI config, for the cases that encrypt with mi secret create.
    keystore = os.path.join(TEMPLATE, "repository", "resources", "security", "wso2carbon.jks")
    r = mi(["init", "--keystore", keystore, "--type", "JKS", "--alias", "wso2carbon", "--password-stdin"], User("root"))
    if r.rc != 0:
        sys.exit("cases.py: mi secret init failed, cannot run the suite: " + r.err)
    CONFIGURED = os.path.join(WORK, "template-configured")
    shutil.copytree(TEMPLATE, CONFIGURED)
    r = configure(CONFIGURED, User("root"))
    if r.rc != 0 or not os.path.isfile(os.path.join(CONFIGURED, "conf", "security", "secret-conf.properties")):
        sys.exit("cases.py: a plain configure of the sample fails, cannot run the suite: " + r.err)

    started = time.monotonic()
    selected = [c for c in CASES if ARGS.only in c[0]]
    for name, who, group, fn in selected:
        if group != "read":
            run_case(name, who, fn)
    reads = [c for c in selected if c[2] == "read"]
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, ARGS.jobs)) as pool:
        list(pool.map(lambda c: run_case(c[0], c[1], c[3]), reads))

    passed = sum(1 for s, _ in RESULTS if s == "PASS")
    failed = [n for s, n in RESULTS if s == "FAIL"]
    skipped = sum(1 for s, _ in RESULTS if s == "SKIP")
    print("")
    for label, tries, swaps, wins in RACE_SUMMARY:
        print("race %s: %d tries, %d temp files swapped for links, %d wins" % (label, tries, swaps, wins))
    print("summary: %d cases, %d passed, %d failed, %d skipped, %.0f s" % (
        len(RESULTS), passed, len(failed), skipped, time.monotonic() - started))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
