#!/usr/bin/env python3
"""Summarise what sitrep reads from two real corpora whose text is unusual.

  python3 scripts/corpus-summary.py --sitrep BIN [--corpus ../shared/corpus]

fakes.jsonl.gz (Syrian-war reports with commas and apostrophes stripped and
headlines run into the lead) goes through `sitrep extract` with its
`published` field; the "main event" of a text is its first event record.
indiapoliceevents.jsonl.gz (lower-cased upstream) goes through
`sitrep geoparse`. Nothing from the corpora is written anywhere.

Printed, for fakes: texts with an event, main events located in Syria,
main events whose actor1 is civilians, events with a toll of 200 or more,
and main-event tolls equal to the sum of two numbers of the text and to no
single one (figures summed by mistake, or real lists of two sides); for
indiapoliceevents: documents with at least one resolved place.
"""
import argparse, gzip, json, os, re, subprocess, sys


def run(cmd, lines):
    p = subprocess.run(cmd, input="".join(json.dumps(l) + "\n" for l in lines),
                       capture_output=True, text=True)
    if p.returncode not in (0, 1):
        sys.exit(f"{' '.join(cmd)}: exit {p.returncode}: {p.stderr[-500:]}")
    return [json.loads(l) for l in p.stdout.splitlines() if l.strip()]


def read(path):
    with gzip.open(path, "rt") as f:
        return [json.loads(l) for l in f]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--sitrep", required=True)
    ap.add_argument("--corpus", default=os.path.join(os.path.dirname(__file__), "..", "..", "shared", "corpus"))
    a = ap.parse_args()

    fakes = read(os.path.join(a.corpus, "fakes.jsonl.gz"))
    text = {d["id"]: d["text"] for d in fakes}
    out = run([a.sitrep, "extract"], [{"id": d["id"], "text": d["text"], "published": d.get("published")} for d in fakes])
    withEvent = syria = civ = big = summed = 0
    for r in out:
        evs = r.get("events") or []
        big += sum(1 for e in evs if ((e.get("fatalities") or {}).get("min") or 0) >= 200)
        if not evs:
            continue
        withEvent += 1
        e = evs[0]
        if (e.get("location") or {}).get("country") == "SY":
            syria += 1
        if (e.get("actor1") or {}).get("type") == "civilians":
            civ += 1
        n = (e.get("fatalities") or {}).get("min")
        if n and n > 1:
            nums = {int(x) for x in re.findall(r"\b\d{1,5}\b", text[r["id"]]) if 1 < int(x) < 1900}
            if n not in nums and any(n - x in nums for x in nums if x < n):
                summed += 1
    print(f"fakes: {len(out)} texts, {withEvent} with an event; main events in Syria {syria}; "
          f"main-event actor1 civilians {civ}; events with a toll >= 200: {big}; "
          f"main-event tolls that are a sum of two numbers of the text: {summed}")

    ipe = read(os.path.join(a.corpus, "indiapoliceevents.jsonl.gz"))
    geo = run([a.sitrep, "geoparse"], [{"id": d["id"], "text": d["text"]} for d in ipe])
    placed = sum(1 for r in geo if any(t.get("lat") is not None for t in r.get("toponyms") or []))
    print(f"indiapoliceevents: {len(geo)} documents, {placed} with a resolved place")


if __name__ == "__main__":
    main()
