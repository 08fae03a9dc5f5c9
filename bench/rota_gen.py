#!/usr/bin/env python3
"""Generator of realistic rota instances for bench/rota.sh (issue 15 "Benchmarks"): a group of N doctors
over a fiscal year (April–March), shares 0.5–1 (part-time doctors), 10–20 % unavailability per doctor
(a holiday block or two plus scattered conference days), caps per week and month for some, carried-over
points, prefer/avoid wishes, a few pinned duties. Holidays come from `zaitaku holidays` (the calendar is
input data here); 年末年始 12/29–1/3 and the duty types follow docs/network.md. Writes the instance in
the JSON of src/io/rota_json.h with explicit slots, so every solver and the checker read the same slots.
Usage: rota_gen.py ZAITAKU_BIN SEED DOCTORS DAYS FROM OUT"""
import datetime as dt
import json
import random
import subprocess
import sys

zb, seed, ndoc, ndays, start, out = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), sys.argv[5], sys.argv[6]
rng = random.Random(seed)
d0 = dt.date.fromisoformat(start)
days = [d0 + dt.timedelta(days=k) for k in range(ndays)]
hol = set()
for line in subprocess.run([zb, "holidays", str(days[0].year), str(days[-1].year)], capture_output=True, text=True,
                           check=True).stdout.splitlines():
    hol.add(line.split("\t")[0])


def nenmatsu(d):
    return (d.month == 12 and d.day >= 29) or (d.month == 1 and d.day <= 3)


slots = []
for d in days:
    iso = d.isoformat()
    if nenmatsu(d):
        slots += [{"date": iso, "type": "nenmatsu_day"}, {"date": iso, "type": "nenmatsu_night"}]
    elif iso in hol or d.weekday() == 6:
        slots += [{"date": iso, "type": "holiday_day"}, {"date": iso, "type": "holiday_night"}]
    else:
        slots.append({"date": iso, "type": "weekday_night"})

surnames = ["佐藤", "鈴木", "高橋", "田中", "伊藤", "渡辺", "山本", "中村", "小林", "加藤", "吉田", "山田", "佐々木",
            "山口", "松本", "井上", "木村", "林", "斎藤", "清水", "山崎", "森", "池田", "橋本", "阿部", "石川", "山下",
            "中島", "石井", "小川", "前田", "岡田", "長谷川", "藤田", "後藤", "近藤", "村上", "遠藤", "青木", "坂本"]
doctors, unavailable, wishes, pins = [], [], [], []
types = ["weekday_night", "holiday_day", "holiday_night", "nenmatsu_day", "nenmatsu_night"]
for i in range(ndoc):
    share = rng.choice([0.5, 0.6, 0.7, 0.8, 0.9, 1.0, 1.0, 1.0])
    doc = {"id": i + 1, "name": "%s %d" % (surnames[i % len(surnames)], i + 1), "share": share}
    if rng.random() < 0.5:
        doc["cap_week"] = 2
    if rng.random() < 0.3:
        doc["cap_month"] = 5
    carried = {t: round(rng.uniform(-1, 1), 2) for t in types if rng.random() < 0.3}
    if carried:
        doc["carried"] = carried
    doctors.append(doc)
    rate = rng.uniform(0.10, 0.20)
    off = set()
    while len(off) < rate * ndays:
        if rng.random() < 0.3:  # a holiday block of 3–9 days
            a = rng.randrange(ndays)
            for k in range(rng.randint(3, 9)):
                if a + k < ndays:
                    off.add(a + k)
        else:  # a conference or a family day
            off.add(rng.randrange(ndays))
    reasons = ["学会", "休暇", "研修", "家庭の事情"]
    for k in sorted(off):
        unavailable.append({"doctor": i, "date": days[k].isoformat(), "reason": rng.choice(reasons)})
    for _ in range(rng.randint(2, 8)):
        k = rng.randrange(ndays)
        if k in off:
            continue
        wishes.append({"doctor": i, "date": days[k].isoformat(), "type": None, "avoid": rng.random() < 0.7})
offs = {(u["doctor"], u["date"]) for u in unavailable}
for _ in range(max(1, ndoc // 10)):
    s = rng.choice(slots)
    i = rng.randrange(ndoc)
    if (i, s["date"]) not in offs and all(p["date"] != s["date"] for p in pins):
        pins.append({"doctor": i, "date": s["date"], "type": s["type"]})
inst = {"from": days[0].isoformat(), "to": days[-1].isoformat(), "slots": slots,
        "rules": {"no_consecutive_nights": True, "rest_after_night": True, "one_duty_per_date": False},
        "doctors": doctors, "unavailable": unavailable, "wishes": wishes, "pins": pins}
with open(out, "w") as f:
    json.dump(inst, f, ensure_ascii=False)
