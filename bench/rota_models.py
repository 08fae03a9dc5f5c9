#!/usr/bin/env python3
"""The rota instance as the other solvers read it, and their answers back (bench/rota.sh):
  rota_models.py lp INSTANCE OUT.lp        CPLEX-LP for coinor-cbc (binary x[i,s]; min 10⁶·Σ(max−min load)
                                           + 10·unmet wishes + clustering, the checker's scalar)
  rota_models.py dzn INSTANCE OUT.dzn      MiniZinc data for bench/rota.mzn
  rota_models.py cbc-sol INSTANCE SOL OUT  CBC's solution file → rota JSON
  rota_models.py mzn-sol INSTANCE TXT OUT  the last solution MiniZinc printed → rota JSON
The rota JSON is [{"date","type","doctors":[index]}] (src/io/rota_json.h)."""
import datetime as dt
import json
import re
import sys
from collections import defaultdict

TYPES = ["weekday_night", "holiday_day", "holiday_night", "nenmatsu_day", "nenmatsu_night"]
NIGHT = {"weekday_night", "holiday_night", "nenmatsu_night"}


def load(path):
    inst = json.load(open(path))
    start = dt.date.fromisoformat(inst["from"])
    slots = inst["slots"]
    for s in slots:
        s["k"] = (dt.date.fromisoformat(s["date"]) - start).days
        assert s.get("need", 1) == 1, "the bench models take need 1"
    unav = {(u["doctor"], u["date"]) for u in inst.get("unavailable", [])}
    nD = len(inst["doctors"])
    avail = [[i for i in range(nD) if (i, s["date"]) not in unav] for s in slots]
    pairs = []
    rules = inst.get("rules", {})
    byday = defaultdict(list)
    for j, s in enumerate(slots):
        byday[s["k"]].append(j)
    for j, s in enumerate(slots):
        if s["type"] not in NIGHT:
            continue
        for j2 in byday.get(s["k"] + 1, []):
            t2 = slots[j2]["type"]
            if (t2 in NIGHT and rules.get("no_consecutive_nights", True)) or \
               (t2 not in NIGHT and rules.get("rest_after_night", True)):
                pairs.append((j, j2))
        if rules.get("one_duty_per_date", False):
            for j2 in byday[s["k"]]:
                if slots[j2]["type"] not in NIGHT:
                    pairs.append((j, j2))
    pins = []
    for p in inst.get("pins", []):
        for j, s in enumerate(slots):
            if s["date"] == p["date"] and s["type"] == p["type"]:
                pins.append((j, p["doctor"]))
    weeks, months = defaultdict(list), defaultdict(list)
    for j, s in enumerate(slots):
        d = dt.date.fromisoformat(s["date"])
        weeks[d.isocalendar()[:2]].append(j)
        months[(d.year, d.month)].append(j)
    ndays = (dt.date.fromisoformat(inst["to"]) - start).days + 1
    win = [[j for k in range(d, min(d + 3, ndays)) for j in byday.get(k, [])] for d in range(ndays)]
    wishes = []
    for w in inst.get("wishes", []):
        ss = [j for j in byday.get((dt.date.fromisoformat(w["date"]) - start).days, [])
              if w.get("type") in (None, slots[j]["type"])]
        wishes.append((w["doctor"], ss, bool(w.get("avoid"))))
    return inst, slots, avail, pairs, pins, list(weeks.values()), list(months.values()), win, wishes


def write_lp(inst, slots, avail, pairs, pins, weeks, months, win, wishes, out):
    D = inst["doctors"]
    nD = len(D)
    X = {(i, j) for j, a in enumerate(avail) for i in a}
    x = lambda i, j: "x_%d_%d" % (i, j)
    obj, cons, bounds = [], [], []
    for t in range(5):
        obj += ["+ 1000000 mx_%d" % t, "- 1000000 mn_%d" % t]
        bounds += ["-1e6 <= mx_%d <= 1e6" % t, "-1e6 <= mn_%d <= 1e6" % t]
        for i, doc in enumerate(D):
            terms = " ".join("+ %.9f %s" % (1 / doc.get("share", 1), x(i, j)) for j, s in enumerate(slots)
                             if s["type"] == TYPES[t] and (i, j) in X)
            c = doc.get("carried", {}).get(TYPES[t], 0)
            cons.append("hi_%d_%d: %s - mx_%d <= %.9f" % (t, i, terms, t, -c))
            cons.append("lo_%d_%d: %s - mn_%d >= %.9f" % (t, i, terms, t, -c))
    for j, a in enumerate(avail):
        cons.append("cover_%d: %s = 1" % (j, " + ".join(x(i, j) for i in a) if a else "0 x_none"))
    for n, (j1, j2) in enumerate(pairs):
        for i in range(nD):
            if (i, j1) in X and (i, j2) in X:
                cons.append("pair_%d_%d: %s + %s <= 1" % (n, i, x(i, j1), x(i, j2)))
    for j, i in pins:
        bounds.append("%s = 1" % x(i, j))
    for name, groups, key in (("wk", weeks, "cap_week"), ("mo", months, "cap_month")):
        for i, doc in enumerate(D):
            cap = doc.get(key, 0)
            if not cap:
                continue
            for g, js in enumerate(groups):
                vs = [x(i, j) for j in js if (i, j) in X]
                if len(vs) > cap:
                    cons.append("%s_%d_%d: %s <= %d" % (name, i, g, " + ".join(vs), cap))
    for k, (i, ss, avoid) in enumerate(wishes):
        vs = [x(i, j) for j in ss if (i, j) in X]
        obj.append("+ 10 w_%d" % k)
        bounds.append("0 <= w_%d <= 1" % k)
        if avoid:
            for v in vs:
                cons.append("wa_%d_%s: w_%d - %s >= 0" % (k, v, k, v))
        else:
            cons.append("wp_%d: w_%d %s >= 1" % (k, k, " ".join("+ " + v for v in vs)))
    for i in range(nD):
        for d, js in enumerate(win):
            vs = [x(i, j) for j in js if (i, j) in X]
            if len(vs) > 1:
                obj.append("+ c_%d_%d" % (i, d))
                cons.append("cl_%d_%d: c_%d_%d %s >= -1" % (i, d, i, d, " ".join("- " + v for v in vs)))
    with open(out, "w") as f:
        f.write("Minimize\n obj: %s\nSubject To\n" % " ".join(obj))
        for c in cons:
            f.write(" %s\n" % c)
        f.write("Bounds\n")
        for b in bounds:
            f.write(" %s\n" % b)
        f.write("Binary\n")
        for (i, j) in sorted(X):
            f.write(" %s\n" % x(i, j))
        f.write("End\n")


def sset(js):
    return "{" + ",".join(str(j + 1) for j in js) + "}"


def write_dzn(inst, slots, avail, pairs, pins, weeks, months, win, wishes, out):
    D = inst["doctors"]
    L = ["nD = %d;" % len(D), "nS = %d;" % len(slots),
         "stype = [%s];" % ",".join(str(TYPES.index(s["type"]) + 1) for s in slots),
         "avail = [%s];" % ",".join(sset(a) for a in avail),
         "nP = %d;" % len(pairs), "pair = array2d(1..%d, 1..2, [%s]);" % (len(pairs), ",".join("%d,%d" % (a + 1, b + 1) for a, b in pairs)),
         "nPin = %d;" % len(pins), "pin = array2d(1..%d, 1..2, [%s]);" % (len(pins), ",".join("%d,%d" % (j + 1, i + 1) for j, i in pins)),
         "nW = %d;" % len(weeks), "wslots = [%s];" % ",".join(sset(w) for w in weeks),
         "capw = [%s];" % ",".join(str(d.get("cap_week", 0)) for d in D),
         "nM = %d;" % len(months), "mslots = [%s];" % ",".join(sset(m) for m in months),
         "capm = [%s];" % ",".join(str(d.get("cap_month", 0)) for d in D),
         "inv = [%s];" % ",".join(str(round(1000 / d.get("share", 1))) for d in D),
         "carr = array2d(1..%d, 1..5, [%s]);" % (len(D), ",".join(str(round(1000 * d.get("carried", {}).get(t, 0))) for d in D for t in TYPES)),
         "nWish = %d;" % len(wishes), "wdoc = [%s];" % ",".join(str(i + 1) for i, _, _ in wishes),
         "wslots_of = [%s];" % ",".join(sset(ss) for _, ss, _ in wishes),
         "wavoid = [%s];" % ",".join("true" if a else "false" for _, _, a in wishes),
         "nDays = %d;" % len(win), "win = [%s];" % ",".join(sset(w) for w in win)]
    open(out, "w").write("\n".join(L) + "\n")


def rota_of(slots, who):
    return [{"date": s["date"], "type": s["type"], "doctors": [who[j]] if who.get(j) is not None else []}
            for j, s in enumerate(slots)]


def main():
    cmd, path = sys.argv[1], sys.argv[2]
    m = load(path)
    slots = m[1]
    if cmd == "lp":
        write_lp(*m, sys.argv[3])
    elif cmd == "dzn":
        write_dzn(*m, sys.argv[3])
    elif cmd == "cbc-sol":
        who = {}
        for line in open(sys.argv[3]):
            f = line.split()
            for tok in f:
                mm = re.fullmatch(r"x_(\d+)_(\d+)", tok)
                if mm and float(f[f.index(tok) + 1]) > 0.5:
                    who[int(mm.group(2))] = int(mm.group(1))
        json.dump(rota_of(slots, who), open(sys.argv[4], "w"))
    elif cmd == "mzn-sol":
        last = None
        for line in open(sys.argv[3]):
            if line.startswith("x = "):
                last = json.loads(line[4:])
        who = {j: v - 1 for j, v in enumerate(last)} if last else {}
        json.dump(rota_of(slots, who), open(sys.argv[4], "w"))


main()
