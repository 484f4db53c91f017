#!/usr/bin/env python3
"""Prints the bench/run tables (Markdown) from a results folder: facts + hyperfine JSON exports.

Usage: bench/summarize.py artifacts/bench/results/<time>
"""

import json
import statistics
import sys
from pathlib import Path

NA = "n/a (not implemented)"
MIB = 1024 * 1024

# Every command bench/run times, in table order: SecVault's, then what it is compared with.
COMMANDS = ["configure", "up_configure", "java50", "create1", "pkeyutl", "bulk", "go_bulk", "java10k",
            "resolve", "java1000d"]
# The large inputs (bench/scale's generators), timed with GNU time.
LARGE = {
    "configure100k": "`ciphertool -Dconfigure`, 100,000 plain-text markers in a 19 MB deployment.toml (native)",
    "verify16": "`mi secret verify --home`, 16 MB deployment.toml of 1,000,000 plain keys (native)",
    "verify64": "`mi secret verify --home`, 64 MB deployment.toml of 4,000,000 plain keys (native)",
    "synapse": "`mi secret verify --synapse`, 2.5 MB artifact of `{` (native)",
}


def load_facts(folder):
    facts = {}
    for line in (folder / "facts").read_text(encoding="utf-8").splitlines():
        key, _, value = line.partition("=")
        facts[key] = value
    return facts


def load_medians(folder):
    """name -> median seconds, over every hyperfine export in the folder."""
    medians = {}
    for path in sorted(folder.glob("*.json")):
        for result in json.loads(path.read_text(encoding="utf-8")).get("results", []):
            times = result.get("times") or []
            median = result.get("median", statistics.median(times) if times else None)
            if median is not None:
                medians[result["command"]] = median
    return medians


def number(facts, key):
    try:
        return float(facts[key])
    except (KeyError, ValueError):
        return None


def ms(seconds):
    if seconds >= 1:
        return f"{seconds:.2f} s"
    return f"{seconds * 1000:.1f} ms" if seconds >= 0.001 else f"{seconds * 1e6:.0f} µs"


def mib(kib):
    return f"{kib / 1024:.1f} MiB"


def main():
    folder = Path(sys.argv[1])
    facts = load_facts(folder)
    medians = load_medians(folder)
    # The large inputs' median walls join the hyperfine medians, so one status() covers both.
    for name in LARGE:
        wall = number(facts, f"{name}.wall_s")
        if wall is not None:
            medians[name] = wall

    def status(name):
        """Why a command has no time, or None when it was timed."""
        if name in medians:
            return None
        state = facts.get(f"{name}.status")
        if state is None or state == "ok":
            return "n/a (not measured)"
        if state.startswith("not implemented"):
            return NA
        return f"n/a ({state})"

    def rss(name):
        return number(facts, f"{name}.rss_kib")

    all_verify = number(facts, "speedall.verify_per_s")
    all_sign = number(facts, "speedall.sign_per_s")
    one_verify = number(facts, "speed1.verify_per_s")
    cores = facts.get("cores", "?")

    out = []
    out.append("# SecVault bench")
    out.append("")
    out.append(
        f"{facts.get('date', '?')}, commit {facts.get('commit', '?')}, `{facts.get('command', 'bench/run')}`; "
        f"{facts.get('cpu', '?')}, {cores} cores, {facts.get('kernel', '?')}; {facts.get('openssl', '?')}; "
        f"{facts.get('java', '?')}; .NET SDK {facts.get('dotnet', '?')}; upstream Go MI CLI "
        f"{facts.get('go_cli', '?').replace('Version: ', '')}, Cipher Tool 1.2.6"
    )
    out.append("")
    out.append(f"Load average (1, 5, 15 min) at the start: {facts.get('load_start', '?')}; at the end: "
               f"{facts.get('load_end', '?')}. Tools measured: `{facts.get('native', '?')}`; peers: "
               f"`{facts.get('peers', '?')}`.")
    out.append("")

    # ------------------------------------------------------------ the goal table (the performance goals)
    def row(what, goal, compute, needs):
        """goal: (text, '<=' or '>=', limit); compute() -> (value, shown)."""
        text, op, limit = goal
        missing = [status(n) for n in needs if status(n) is not None]
        if missing:
            return f"| {what} | {missing[0]} | {text} | |"
        value, shown = compute()
        if value is None:
            return f"| {what} | {shown or 'n/a (not measured)'} | {text} | |"
        met = value <= limit if op == "<=" else value >= limit
        return f"| {what} | {shown} | {text} | {'yes' if met else 'NO'} |"

    def rate_ratio(name, count, per_s, per_s_what):
        if not per_s:
            return None, "n/a (no `openssl speed` number)"
        rate = count / medians[name]
        return rate / per_s, f"{rate / per_s:.2f} ({rate:,.0f}/s ÷ {per_s:,.0f} {per_s_what})"

    def wall_ratio(name, baseline, digits):
        r = medians[name] / medians[baseline]
        return r, f"{r:.{digits}f} ({ms(medians[name])} ÷ {ms(medians[baseline])})"

    def rss_value(name, note=""):
        def compute():
            kib = rss(name)
            if kib is None:
                return None, "n/a (no peak RSS)"
            return kib / 1024, mib(kib) + note
        return compute

    def rss_per_byte(name):
        def compute():
            kib, size = rss(name), number(facts, f"{name}.bytes")
            if kib is None or not size:
                return None, "n/a (no peak RSS)"
            r = kib * 1024 / size
            return r, f"{r:.2f} ({mib(kib)} ÷ {size / MIB:.1f} MiB)"
        return compute

    def configure100k_ratio():
        if not all_verify:
            return None, "n/a (no `openssl speed -multi` number)"
        floor = 100000 / all_verify
        r = medians["configure100k"] / floor
        return r, f"{r:.2f} ({ms(medians['configure100k'])} ÷ {ms(floor)})"

    def wall_value(name):
        return lambda: (medians[name], ms(medians[name]))

    go_rss = rss("go_bulk")
    go_note = f" (Go CLI: {mib(go_rss)})" if go_rss is not None else ""
    out.append("## Goals")
    out.append("")
    out.append("Ratios of commands timed side by side in one run; `openssl speed -multi` is the machine's all-core "
               "RSA-2048 rate (verify = public-key operation, sign = private-key operation).")
    out.append("")
    out.append("| work | measured | goal | met |")
    out.append("|---|---|---|---|")
    out.append(row("`mi secret create -f` 10,000 secrets: secrets/s ÷ `openssl speed -multi` public ops/s",
                   ("≥ 0.9", ">=", 0.9), lambda: rate_ratio("bulk", 10000, all_verify, "verify/s"), ["bulk"]))
    out.append(row("same, peak RSS", ("≤ 20 MiB", "<=", 20), rss_value("bulk", go_note), ["bulk"]))
    out.append(row("same, wall ÷ upstream Go `mi secret create -f -o file` of the same file",
                   ("≤ 0.25", "<=", 0.25), lambda: wall_ratio("bulk", "go_bulk", 3), ["bulk", "go_bulk"]))
    out.append(row("`ciphertool -Dconfigure` 50 secrets, wall ÷ upstream Cipher Tool 1.2.6 on the same home",
                   ("≤ 0.02", "<=", 0.02), lambda: wall_ratio("configure", "up_configure", 3),
                   ["configure", "up_configure"]))
    out.append(row("one piped `mi secret create` ÷ `openssl pkeyutl -encrypt` of one value",
                   ("≤ 1.3", "<=", 1.3), lambda: wall_ratio("create1", "pkeyutl", 2), ["create1", "pkeyutl"]))
    out.append(row("`mi secret resolve` of 1,000 referenced secrets: decryptions/s ÷ `openssl speed -multi` "
                   "private ops/s", ("≥ 0.95", ">=", 0.95),
                   lambda: rate_ratio("resolve", 1000, all_sign, "sign/s"), ["resolve"]))
    out.append(row("`-Dconfigure` of a 19 MB deployment.toml with 100,000 secrets: wall ÷ (100,000 ÷ all-core "
                   "public ops/s)", ("≤ 2.0", "<=", 2.0), configure100k_ratio, ["configure100k"]))
    out.append(row("same, peak RSS ÷ file size", ("≤ 4", "<=", 4), rss_per_byte("configure100k"), ["configure100k"]))
    out.append(row("`mi secret verify` of a 16 MB deployment.toml of 1M plain keys: peak RSS ÷ file size",
                   ("≤ 4", "<=", 4), rss_per_byte("verify16"), ["verify16"]))
    out.append(row("same of a 64 MB one (4M keys): peak RSS ÷ file size", ("≤ 4", "<=", 4),
                   rss_per_byte("verify64"), ["verify64"]))
    out.append(row("same 64 MB one, wall", ("≤ 10 s", "<=", 10), wall_value("verify64"), ["verify64"]))
    out.append(row("Synapse scan (`mi secret verify --synapse`) of a 2.5 MB artifact of `{`, wall",
                   ("≤ 0.5 s", "<=", 0.5), wall_value("synapse"), ["synapse"]))
    out.append("")

    # ------------------------------------------------------------ context: the JDK baselines, one core, memory
    out.append("## Context")
    out.append("")
    out.append("| comparison | measured |")
    out.append("|---|---|")

    def context(what, compute, needs):
        missing = [status(n) for n in needs if status(n) is not None]
        out.append(f"| {what} | {missing[0] if missing else compute()[1]} |")

    context("`ciphertool -Dconfigure` 50 secrets, wall ÷ JDK doing the 50 encryptions in one process",
            lambda: wall_ratio("configure", "java50", 3), ["configure", "java50"])
    context("`mi secret create -f` 10,000, wall ÷ JDK doing the 10,000 encryptions in one process",
            lambda: wall_ratio("bulk", "java10k", 3), ["bulk", "java10k"])
    context("`mi secret create -f` 10,000: secrets/s ÷ one-core public ops/s (the first goal's baseline)",
            lambda: rate_ratio("bulk", 10000, one_verify, "one-core verify/s"), ["bulk"])
    context("`mi secret resolve` 1,000, wall ÷ JDK doing the 1,000 decryptions in one process",
            lambda: wall_ratio("resolve", "java1000d", 3), ["resolve", "java1000d"])
    for name, what in [("configure", "`ciphertool -Dconfigure` 50 secrets"),
                       ("up_configure", "upstream Cipher Tool 1.2.6 -Dconfigure 50 secrets"),
                       ("java50", "JDK, 50 encryptions"),
                       ("go_bulk", "upstream Go `mi secret create -f` 10,000 secrets")]:
        kib = rss(name)
        out.append(f"| peak RSS, {what} | {mib(kib) if kib is not None else status(name) or 'n/a (not measured)'} |")
    out.append("")

    # ------------------------------------------------------------ every command's time
    out.append("## Medians (hyperfine, side by side; large inputs: GNU time)")
    out.append("")
    out.append("| command | median | status |")
    out.append("|---|---|---|")
    for name in COMMANDS + list(LARGE):
        label = LARGE.get(name) or facts.get(f"{name}.label", name)
        why = status(name)
        detail = facts.get(f"{name}.status", "baseline")
        out.append(f"| {label} | {ms(medians[name]) if why is None else why} | {detail} |")
    out.append("")

    one_sign = number(facts, "speed1.sign_per_s")
    out.append(f"## Machine RSA-2048 limits (openssl speed -seconds {facts.get('speed_seconds', '3')})")
    out.append("")
    out.append("| | private ops (sign/s) | public ops (verify/s) |")
    out.append("|---|---|---|")
    def ops(value):
        return f"{value:,.0f}" if value else "?"

    out.append(f"| one core | {ops(one_sign)} | {ops(one_verify)} |")
    out.append(f"| all {cores} cores (-multi {cores}) | {ops(all_sign)} | {ops(all_verify)} |")
    out.append("")
    print("\n".join(out))


if __name__ == "__main__":
    main()
