#!/usr/bin/env python3
"""Writes N generated walk files (walk format 2, or 3 with --format 3) into a data folder's walks/,
for the benchmarks.

Usage: python3 bench/make-walks.py --count 100000 --home /tmp/jw-100k [--format 3] [--submitted] [--journey ID]

--format 3 chains every record as journeywalk does (seq, and prev: the SHA-256 of the line before);
--submitted finishes every walk and submits it.
--journey ID writes walks of that journey only (its versions), as a calibration round would have them.

Four journeys, three of them in several versions (touchpoints added, removed and renamed between
versions), 14 locations, 24 operators, all three roles, walks spread over 2026; a quarter are
unfinished (the last third of their touchpoints unrecorded). Each walk answers checklists, runs a
split timer on some touchpoints and writes a note on about a third of them, as real walks do.
The output is deterministic (seeded) and written with plain writes, about 5 KB a walk.
"""
import argparse
import hashlib
import json
import os
import random

LOCATIONS = ["Main Street", "Harbour Road", "Old Town", "Station Square", "Riverside", "North Mall",
             "Airport", "University", "West End", "Market Hall", "Hillside", "Docklands", "Canal Side", "Parkway"]
OPERATORS = ["Ann", "Sam", "Zoë", "Lee", "Priya", "Tom", "Maria", "Jon", "Aiko", "Ben", "Chloé", "Dev",
             "Eva", "Finn", "Grace", "Hugo", "Ines", "Jack", "Kemal", "Lina", "Mo", "Nora", "Omar", "Pia"]
ROLES = ["shopper", "shopper", "leader", "trainer"]
NOTES = ["Nobody looked up for 50 s", "Asked who it was for and listened", "Queue of six, one till open",
         "Thanked me by name", "Had to repeat my account number twice", "Hours on the door match the site"]


def touchpoint(i, title, channel, target=None, items=2):
    tp = {"id": title.lower().replace(" ", "-").replace(",", ""), "title": title, "channel": channel,
          "prompt": f"Check what happens at {title.lower()} and note how long it takes.",
          "look_for": [f"{title}: thing {n + 1} to look for" for n in range(items)]}
    if target:
        tp["target_seconds"] = target
    return tp


def journey(jid, title, version, stages):
    return {"id": jid, "title": title, "version": version, "fingerprint": f"fnv1a64:{abs(hash((jid, version))) % (1 << 60):016x}",
            "path": f"/home/bench/journeys/{jid}.yaml", "description": f"{title}, generated for the benchmarks.",
            "promise": "Friendly experts help you in ten minutes.", "persona": "First-time visitor",
            "stages": [{"name": name, "touchpoints": tps} for name, tps in stages]}


def journeys():
    hours = touchpoint(0, "Find opening hours", "web", 120)
    stock = touchpoint(1, "Check stock online", "web")
    arrive = touchpoint(2, "Arrival and first impression", "store")
    greet = touchpoint(3, "Greeting", "store", 30, 3)
    needs = touchpoint(4, "Understanding what you need", "store", None, 3)
    know = touchpoint(5, "Product knowledge", "store")
    queue = touchpoint(6, "Queue and payment", "store", 300)
    bye = touchpoint(7, "Farewell", "store")
    parking = touchpoint(8, "Parking", "store")
    greet2 = dict(greet, title="Welcome at the door")
    retail = [
        journey("retail-store-visit", "Retail store visit", 1, [("Before the visit", [hours, stock]), ("In the store", [arrive, greet, needs, know, queue, bye])]),
        journey("retail-store-visit", "Retail store visit", 2, [("Before the visit", [hours, stock]), ("In the store", [parking, arrive, greet2, needs, know, queue, bye])]),
        journey("retail-store-visit", "Retail store visit", 3, [("Before the visit", [hours]), ("In the store", [parking, arrive, greet2, needs, know, queue, bye])]),
    ]
    phone = [touchpoint(0, t, c, tg) for t, c, tg in [
        ("Find the support number", "web", 120), ("Automated menu", "phone", 60), ("Identification", "phone", 60),
        ("Waiting time", "phone", 180), ("First agent", "phone", None), ("Transfer", "phone", 60),
        ("Resolution", "phone", None), ("Confirmation email", "email", 3600)]]
    phones = [
        journey("phone-support-call", "Phone support call", 1, [("Finding help", phone[:1]), ("On the phone", phone[1:7]), ("After the call", phone[7:])]),
        journey("phone-support-call", "Phone support call", 2, [("Finding help", phone[:1]), ("On the phone", phone[1:5] + phone[6:7]), ("After the call", phone[7:])]),
    ]
    online = [touchpoint(0, t, c, tg) for t, c, tg in [
        ("Find the returns page", "web", 120), ("Print the label", "web", None), ("Drop off the parcel", "store", 600),
        ("Refund email", "email", None), ("Refund arrives", "bank", None)]]
    gym = [touchpoint(0, t, c, tg) for t, c, tg in [
        ("Book a tour", "web", None), ("Tour of the gym", "store", 900), ("Price explained", "store", None),
        ("Sign up", "store", 600), ("First class", "store", None), ("Cancel membership", "phone", 300)]]
    return [
        (retail, 0.45), (phones, 0.25),
        ([journey("online-order-return", "Online order return", 1, [("Return", online)])], 0.15),
        ([journey("gym-membership", "Gym membership", 1, [("Joining", gym[:4]), ("Member", gym[4:])])], 0.15),
    ]


def stamp(seconds):
    days, rest = divmod(int(seconds), 86400)
    # 2026-01-01 is day 20454 since 1970-01-01.
    import datetime
    day = datetime.date(1970, 1, 1) + datetime.timedelta(days=days)
    return f"{day.isoformat()}T{rest // 3600:02d}:{rest % 3600 // 60:02d}:{rest % 60:02d}.000Z"


def chained(lines):
    """The lines with seq and prev as the last keys of each record (the header: seq only)."""
    out = []
    previous = None
    for seq, line in enumerate(lines, start=1):
        tail = ',"seq":%d}' % seq if previous is None else ',"seq":%d,"prev":"%s"}' % (seq, previous)
        text = line[:-1] + tail
        out.append(text)
        previous = hashlib.sha256(text.encode()).hexdigest()
    return out


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, required=True)
    parser.add_argument("--home", required=True, help="the data folder; walks go into HOME/walks")
    parser.add_argument("--format", type=int, choices=[2, 3], default=2)
    parser.add_argument("--submitted", action="store_true", help="every walk finished and submitted")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--journey", help="only walks of this journey (retail-store-visit, phone-support-call, online-order-return, gym-membership)")
    options = parser.parse_args()
    folder = os.path.join(options.home, "walks")
    os.makedirs(folder, mode=0o700, exist_ok=True)
    rng = random.Random(options.seed)
    families = journeys()
    if options.journey:
        families = [(family, weight) for family, weight in families if family[0]["id"] == options.journey]
        if not families:
            parser.error(f"--journey: no generated journey has the id {options.journey!r}")
    weights = [w for _, w in families]
    year_start = 1767225600  # 2026-01-01T00:00:00Z
    encoded_journeys = {}
    for i in range(options.count):
        family = rng.choices(families, weights)[0][0]
        started = year_start + int(i * (365 * 86400 / max(1, options.count))) + rng.randrange(3600)
        # Later walks use later versions.
        version_index = min(len(family) - 1, int(len(family) * (started - year_start) / (365 * 86400) + rng.random() * 0.3))
        jny = family[version_index]
        key = (jny["id"], jny["version"])
        if key not in encoded_journeys:
            encoded_journeys[key] = json.dumps(jny, ensure_ascii=False, separators=(",", ":"))
        walk_id = f"{stamp(started)[:10].replace('-', '')}-{i:06d}-{jny['id']}"
        role = rng.choice(ROLES)
        header = ('{"type":"walk","format":%d,"walk":"%s","started":"%s","operator":%s,"role":"%s","location":%s,"channel":"%s","journey":%s}'
                  % (options.format, walk_id, stamp(started), json.dumps(rng.choice(OPERATORS), ensure_ascii=False), role,
                     json.dumps(rng.choice(LOCATIONS)), "store", encoded_journeys[key]))
        lines = [header]
        tps = [tp for stage in jny["stages"] for tp in stage["touchpoints"]]
        unfinished = rng.random() < 0.25 and not options.submitted
        recorded = len(tps) * 2 // 3 if unfinished else len(tps)
        at = started
        # Each walk has its own leaning, so that locations and operators differ.
        lean = rng.random()
        for tp in tps[:recorded]:
            at += rng.randrange(20, 240)
            for item in range(len(tp["look_for"])):
                answer = "yes" if rng.random() < 0.5 + lean * 0.4 else rng.choice(["no", "na"])
                lines.append('{"type":"answer","at":"%s","touchpoint":"%s","item":%d,"answer":"%s"}' % (stamp(at), tp["id"], item, answer))
            if "target_seconds" in tp:
                seconds = round(rng.uniform(0.3, 1.6) * tp["target_seconds"], 1)
                lines.append('{"type":"timer","at":"%s","touchpoint":"%s","seconds":0.0,"running":true}' % (stamp(at), tp["id"]))
                lines.append('{"type":"timer","at":"%s","touchpoint":"%s","seconds":%.1f,"running":false}' % (stamp(at + 1), tp["id"], seconds))
            roll = rng.random()
            verdict = "magic" if roll < 0.2 + lean * 0.3 else "neutral" if roll < 0.55 + lean * 0.2 else "misery" if roll < 0.95 else "skipped"
            intensity = (2 if rng.random() < 0.25 else 1) if verdict in ("magic", "misery") else 0
            lines.append('{"type":"verdict","at":"%s","touchpoint":"%s","verdict":"%s","intensity":%d,"timer_seconds":%d}'
                         % (stamp(at + 2), tp["id"], verdict, intensity, rng.randrange(5, 400)))
            if rng.random() < 0.33:
                lines.append('{"type":"note","at":"%s","touchpoint":"%s","text":%s}' % (stamp(at + 3), tp["id"], json.dumps(rng.choice(NOTES))))
        if not unfinished:
            lines.append('{"type":"finish","at":"%s"}' % stamp(at + 5))
        if options.submitted:
            lines.append('{"type":"submit","at":"%s"}' % stamp(at + 6))
        if options.format == 3:
            lines = chained(lines)
        path = os.path.join(folder, walk_id + ".jsonl")
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        os.write(fd, ("\n".join(lines) + "\n").encode())
        os.close(fd)


if __name__ == "__main__":
    main()
