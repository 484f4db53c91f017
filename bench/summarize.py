#!/usr/bin/env python3
"""Prints the bench/run table (Markdown) from a results folder: facts + hyperfine JSON exports.

Usage: bench/summarize.py artifacts/bench/results/<time>
"""

import json
import statistics
import sys
from pathlib import Path

NA = "n/a (not implemented)"


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
    return f"{seconds * 1000:.1f} ms" if seconds >= 0.001 else f"{seconds * 1e6:.0f} µs"


def main():
    folder = Path(sys.argv[1])
    facts = load_facts(folder)
    medians = load_medians(folder)

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

    out = []
    out.append("# SecVault bench")
    out.append("")
    out.append(
        f"{facts.get('date', '?')}, commit {facts.get('commit', '?')}; {facts.get('cpu', '?')}, "
        f"{facts.get('cores', '?')} cores, {facts.get('kernel', '?')}; {facts.get('openssl', '?')}; "
        f"{facts.get('java', '?')}; .NET SDK {facts.get('dotnet', '?')}"
    )
    out.append("")

    out.append("## Medians (hyperfine, side by side)")
    out.append("")
    out.append("| command | median | status |")
    out.append("|---|---|---|")
    for name in ["configure", "java50", "create1", "pkeyutl", "bulk", "java10k", "resolve", "java1000d"]:
        label = facts.get(f"{name}.label", name)
        why = status(name)
        detail = facts.get(f"{name}.status", "baseline")
        out.append(f"| {label} | {ms(medians[name]) if why is None else why} | {detail} |")
    out.append("")

    one_verify = number(facts, "speed1.verify_per_s")
    one_sign = number(facts, "speed1.sign_per_s")
    all_verify = number(facts, "speedall.verify_per_s")
    all_sign = number(facts, "speedall.sign_per_s")
    cores = facts.get("cores", "?")
    out.append(f"## Machine RSA-2048 limits (openssl speed -seconds {facts.get('speed_seconds', '3')})")
    out.append("")
    out.append("| | private ops (sign/s) | public ops (verify/s) |")
    out.append("|---|---|---|")
    out.append(f"| one core | {one_sign or '?'} | {one_verify or '?'} |")
    out.append(f"| all {cores} cores (-multi) | {all_sign or '?'} | {all_verify or '?'} |")
    out.append("")

    def ratio_row(what, goal, compute, needs):
        missing = [status(n) for n in needs if status(n) is not None]
        if missing:
            return f"| {what} | {missing[0]} | {goal} | |"
        value, shown = compute()
        if value is None:
            return f"| {what} | n/a (no machine number) | {goal} | |"
        limit = float(goal.split()[1])
        met = value <= limit if goal.startswith("<=") else value >= limit
        return f"| {what} | {shown} | {goal} | {'yes' if met else 'NO'} |"

    def configure_ratio():
        r = medians["configure"] / medians["java50"]
        return r, f"{r:.3f} ({ms(medians['configure'])} / {ms(medians['java50'])})"

    def create1_ratio():
        r = medians["create1"] / medians["pkeyutl"]
        return r, f"{r:.2f} ({ms(medians['create1'])} / {ms(medians['pkeyutl'])})"

    def bulk_ratio():
        # Equal work: mi may use every core for the whole process, so its baseline is every core's public ops too.
        if not all_verify:
            return None, ""
        rate = 10000 / medians["bulk"]
        return rate / all_verify, f"{rate / all_verify:.2f} ({rate:.0f} secrets/s / {all_verify:.0f} verify/s, {cores} cores)"

    def resolve_ratio():
        if not all_sign:
            return None, ""
        rate = 1000 / medians["resolve"]
        return rate / all_sign, f"{rate / all_sign:.2f} ({rate:.0f} decryptions/s / {all_sign:.0f} sign/s)"

    rss = number(facts, "configure.rss_kib")
    java_rss = number(facts, "java50.rss_kib")

    out.append("## Goals")
    out.append("")
    out.append("| what | measured | goal | met |")
    out.append("|---|---|---|---|")
    out.append(ratio_row("`ciphertool -Dconfigure` 50 secrets, native wall / JDK doing the 50 encryptions",
                         "<= 0.15", configure_ratio, ["configure", "java50"]))
    out.append(ratio_row("`mi secret create` one piped secret, native wall / `openssl pkeyutl -encrypt`",
                         "<= 2.0", create1_ratio, ["create1", "pkeyutl"]))
    out.append(ratio_row("`mi secret create -f` 10,000: secrets/s / openssl all-core public ops/s",
                         ">= 1.0", bulk_ratio, ["bulk"]))
    out.append(ratio_row("`mi secret resolve` 1,000: decryptions/s / openssl all-core private ops/s",
                         ">= 0.8", resolve_ratio, ["resolve"]))
    if rss is None:
        reason = status("configure") or "n/a (not measured)"
        out.append(f"| peak RSS of `ciphertool -Dconfigure` (50 secrets), native | {reason} | <= 30 MB | |")
    else:
        mib = rss / 1024
        out.append(f"| peak RSS of `ciphertool -Dconfigure` (50 secrets), native | {mib:.1f} MiB | <= 30 MB | "
                   f"{'yes' if mib <= 30 else 'NO'} |")
    out.append("")
    if java_rss is not None:
        out.append(f"Context: the JDK baseline (50 encryptions) peaks at {java_rss / 1024:.1f} MiB RSS.")
        out.append("")
    print("\n".join(out))


if __name__ == "__main__":
    main()
