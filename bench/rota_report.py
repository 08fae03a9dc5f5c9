#!/usr/bin/env python3
"""The table of bench/rota.sh: ours per seed (first feasible, objective at 1 s / 10 s / 60 s from the
progress lines, the checker's verdict on the final rota), CBC (incumbent and dual bound at 60 s and at
the end, from its log), Gecode (its last solution), each with the checker's recomputed objective.
Usage: rota_report.py OUTDIR OURS_S CBC_S GECODE_S SEED…"""
import json
import re
import sys

out, ours_s, cbc_s, gec_s, seeds = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4]), sys.argv[5:]


def scalar(spread, wishes, clust):
    return 1e6 * spread + 10 * wishes + clust


def check(name):
    c = json.load(open("%s/%s.check" % (out, name)))
    v = "valid" if c["valid"] else "INVALID %s" % {k: n for k, n in c["violations"].items() if n}
    return c, v


print("\n%-8s %9s %14s %14s %14s  %-8s %s" % ("solver", "feasible", "obj@1s", "obj@10s", "obj@%gs" % ours_s, "checker",
                                                "checker's spread / wishes / clustering / scalar"))
best10 = []
for s in seeds:
    first, pts = None, []
    for line in open("%s/ours-%s.log" % (out, s)):
        f = line.split()
        if f[0] == "improve":
            pts.append((float(f[1]) / 1000, scalar(float(f[2]), int(f[3]), int(f[4]))))
        if f[0] == "done":
            first = float(f[5]) / 1000
    at = lambda t: min([v for (ts, v) in pts if ts <= t], default=None)
    c, v = check("ours-%s" % s)
    fmt = lambda x: "%14.0f" % x if x is not None else "%14s" % "—"
    best10.append(at(10))
    print("%-8s %8.3fs %s %s %s  %-8s %.4f / %d / %d / %.0f" % ("ours#%s" % s, first if first is not None and first >= 0 else float("nan"),
                                                           fmt(at(1)), fmt(at(10)), fmt(at(ours_s)), v,
                                                           c["spread_sum"], c["wishes"], c["clustering"], c["scalar"]))
# CBC: incumbents and bounds with their times
inc, bnd, first = [], [], None
for line in open("%s/cbc.log" % out):
    m = re.search(r"Integer solution of ([-\d.e+]+) found.*\(([\d.]+) seconds\)", line)
    if m:
        inc.append((float(m.group(2)), float(m.group(1))))
        first = first if first is not None else float(m.group(2))
    m = re.search(r"best solution, best possible ([-\d.e+]+) \(([\d.]+) seconds\)", line)
    if m:
        bnd.append((float(m.group(2)), float(m.group(1))))
    m = re.search(r"Objective value:\s+([-\d.e+]+)", line)
    if m:
        inc.append((cbc_s, float(m.group(1))))
    m = re.search(r"Lower bound:\s+([-\d.e+]+)", line)
    if m:
        bnd.append((cbc_s, float(m.group(1))))
at = lambda xs, t: ([v for (ts, v) in xs if ts <= t] or [None])[-1]
c, v = check("cbc")
f = lambda x: "%.0f" % x if x is not None else "—"
print("%-8s %8ss %14s %14s %14s  %-8s %.4f / %d / %d / %.0f" % ("cbc", "%.1f" % first if first is not None else "—", "", "",
                                                          f(at(inc, cbc_s)), v, c["spread_sum"], c["wishes"],
                                                          c["clustering"], c["scalar"]))
print("         CBC incumbent / dual bound at 60 s: %s / %s; at %gs: %s / %s" % (
    f(at(inc, 60)), f(at(bnd, 60)), cbc_s, f(at(inc, cbc_s)), f(at(bnd, cbc_s))))
gobj, gt = None, None
for line in open("%s/gecode.txt" % out):
    m = re.match(r"obj = (\d+)", line)
    if m:
        gobj = int(m.group(1))
    m = re.match(r"% time elapsed: ([\d.]+) s", line)
    if m and gobj is not None and gt is None:
        gt = float(m.group(1))
c, v = check("gecode")
print("%-8s %8ss %14s %14s %14s  %-8s %.4f / %d / %d / %.0f" % ("gecode", "%.1f" % gt if gt else "—", "", "", f(gobj),
                                                          v, c["spread_sum"], c["wishes"], c["clustering"], c["scalar"]))
cert = json.load(open("%s/ours-1.certificate.json" % out))["certificate"]
lb = sum(t["bound"] for t in cert["types"])
print("\nour certificate (seed 1): spread %.4f, counting lower bound %.4f (%s)" % (
    sum(t["spread"] for t in cert["types"]), lb,
    "optimal for spread" if all(t["optimal"] for t in cert["types"]) else "not proven optimal"))
cb = at(bnd, cbc_s)
worst10 = max([b for b in best10 if b is not None], default=None)
cbc_end = at(inc, cbc_s)
if worst10 is not None and cbc_end is not None:
    print("goal at 10 s: ours (worst seed) %.0f %s CBC at %gs %.0f" % (worst10, "<=" if worst10 <= cbc_end else ">", cbc_s, cbc_end))
if worst10 is not None and cb:
    print("gap of ours at 10 s to CBC's dual bound: %.2f %%; to our counting bound 10⁶·%.4f: %.2f %%" % (
        100 * (worst10 - cb) / abs(cb), lb, 100 * (worst10 - 1e6 * lb) / (1e6 * lb) if lb > 0 else float("nan")))
