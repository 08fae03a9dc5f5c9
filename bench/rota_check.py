#!/usr/bin/env python3
"""Independent checker of rota solutions (bench/rota.sh; not the solver's code): recomputes from the
instance JSON the hard violations of a rota (cover, unavailable, twice in a slot, consecutive nights,
rest after a night, one duty per date, week and month caps, pins) and its objective: per type the spread
max−min of count/share + carried over all doctors, unmet wishes, clustering (Σ over doctors and each
date d of max(0, duties on d..d+2 − 1)), and the weighted scalar 10⁶·spread + 10·wishes + clustering (lexicographic on these instances: a
spread step is ≥ 0.004, more than 10·wishes + clustering can reach)
that the LP and MiniZinc models minimise.
Usage: rota_check.py INSTANCE ROTA  (ROTA: [{"date","type","doctors":[index]}]) → one JSON line."""
import datetime as dt
import json
import sys
from collections import defaultdict

inst = json.load(open(sys.argv[1]))
rota = json.load(open(sys.argv[2]))
D = inst["doctors"]
nD = len(D)
rules = inst.get("rules", {})
NIGHT = {"weekday_night", "holiday_night", "nenmatsu_night"}
TYPES = ["weekday_night", "holiday_day", "holiday_night", "nenmatsu_day", "nenmatsu_night"]
slots = {(s["date"], s["type"]): s.get("need", 1) for s in inst["slots"]}
unav = {(u["doctor"], u["date"]) for u in inst.get("unavailable", [])}
viol = defaultdict(int)
duty = defaultdict(list)  # (doctor, date) -> [type]
seen = set()
for r in rota:
    key = (r["date"], r["type"])
    if key not in slots or key in seen:
        viol["bad_slot"] += 1
        continue
    seen.add(key)
    ds = r["doctors"]
    if len(ds) != slots[key]:
        viol["cover"] += abs(slots[key] - len(ds))
    if len(set(ds)) != len(ds):
        viol["twice_in_slot"] += 1
    for i in set(ds):
        if not (0 <= i < nD):
            viol["doctor"] += 1
            continue
        if (i, r["date"]) in unav:
            viol["unavailable"] += 1
        duty[(i, r["date"])].append(r["type"])
viol["cover"] += sum(n for k, n in slots.items() if k not in seen)
dates = sorted({s["date"] for s in inst["slots"]})
start = dt.date.fromisoformat(inst["from"])
ndays = (dt.date.fromisoformat(inst["to"]) - start).days + 1
alld = [(start + dt.timedelta(days=k)).isoformat() for k in range(ndays)]
for i in range(nD):
    week, month = defaultdict(int), defaultdict(int)
    for k, d in enumerate(alld):
        ts = duty.get((i, d), [])
        nights = sum(t in NIGHT for t in ts)
        days_ = len(ts) - nights
        if k > 0:
            prev = duty.get((i, alld[k - 1]), [])
            pn = sum(t in NIGHT for t in prev)
            if rules.get("no_consecutive_nights", True) and pn and nights:
                viol["consecutive_nights"] += pn * nights
            if rules.get("rest_after_night", True) and pn and days_:
                viol["rest_after_night"] += pn * days_
        if rules.get("one_duty_per_date", False) and nights and days_:
            viol["one_per_date"] += 1
        date = dt.date.fromisoformat(d)
        week[date.isocalendar()[:2]] += len(ts)
        month[(date.year, date.month)] += len(ts)
    cw, cm = D[i].get("cap_week", 0), D[i].get("cap_month", 0)
    if cw:
        viol["cap_week"] += sum(max(0, n - cw) for n in week.values())
    if cm:
        viol["cap_month"] += sum(max(0, n - cm) for n in month.values())
for p in inst.get("pins", []):
    if p["type"] not in duty.get((p["doctor"], p["date"]), []):
        viol["pin"] += 1
spread = {}
for t in TYPES:
    loads = []
    for i, doc in enumerate(D):
        c = sum(1 for (j, d), ts in duty.items() if j == i for x in ts if x == t)
        loads.append(c / doc.get("share", 1) + doc.get("carried", {}).get(t, 0))
    spread[t] = max(loads) - min(loads)
wishes = 0
for w in inst.get("wishes", []):
    ts = duty.get((w["doctor"], w["date"]), [])
    has = any(w.get("type") in (None, t) for t in ts)
    wishes += has if w.get("avoid") else not has
clust = 0
for i in range(nD):
    per = [len(duty.get((i, d), [])) for d in alld]
    for k in range(ndays):
        s = sum(per[k:k + 3])
        clust += max(0, s - 1)
ss = sum(spread.values())
print(json.dumps({"valid": sum(viol.values()) == 0, "violations": dict(viol), "spread_sum": round(ss, 6),
                  "spread": {t: round(v, 6) for t, v in spread.items()}, "wishes": wishes, "clustering": clust,
                  "scalar": round(1e6 * ss + 10 * wishes + clust, 3)}))
