#!/usr/bin/env python3
"""Measure publication-date inference on real articles whose dates are known.

Each article of ../shared/corpus/*.jsonl.gz is fed to `sitrep analyze
--format jsonl` WITHOUT its `published` field (id, title, url, source and
text stay), into a throw-away store, and the date sitrep infers from the
content is compared with the known one. Nothing from the corpus is kept.

Per corpus it prints, as shares of the articles with a known date:
dated (a date was inferred), null (none was), exact, within 1/3/7/31 days,
and wrong by more than a year; and "prec7", the share of inferred dates
that are within 7 days (a null is better than a wrong date). bbc2005 has
no dates; its articles are all from 2004-2005, so for it "in 2004-05" is
the share of inferred dates inside those two years.

Two variants of each text are run:
  as-is     the text as the corpus gives it;
  stripped  without the publication stamp two sources open every text
            with ("This story is from March 10, 2002" in
            indiapoliceevents, "Wed 05 Apr 2017 at 0914" in fakes), so the
            rest of the content has to date the article.

Usage:
  go build -o /tmp/sitrep ./cmd/sitrep
  python3 scripts/pubdate-eval.py --sitrep /tmp/sitrep [--corpus ../shared/corpus]
      [--only giveme5w1h_news,...] [--variant as-is|stripped|both]
      [--errors N] [--workers N]

--errors N lists the N worst errors per corpus and variant (id, known
date, inferred date, evidence) to read what went wrong.
"""

import argparse
import datetime as dt
import gzip
import json
import os
import re
import subprocess
import sys
import tempfile

CORPORA = ["giveme5w1h_news", "indiapoliceevents", "fakes", "bbc2005_control"]

# The publication stamps that open the texts of two sources (see the
# corpus README): "This story is from March 10, 2002" (indiapoliceevents),
# "Wed 05 Apr 2017 at 0914", "Posted on April 19 2017 by", "Date of
# publication 5 July 2016", "12-04-2017" (fakes).
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_DATE = r"(?:\d{1,2}(?:st|nd|rd|th)? %s,? \d{4}|%s \d{1,2}(?:st|nd|rd|th)?,? \d{4}|\d{1,2}[-./]\d{1,2}[-./]\d{2,4})" % (_MONTH, _MONTH)
STAMP = re.compile(
    r"\A\s*(?:(?:This story is from|Posted on|Published on|Published|Date of publication|Updated|AFP)[:,]?\s+)?"
    r"(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*\.?,? )?" + _DATE +
    r"(?:,? (?:at )?\d{1,2}[:.]?\d{2}(?: ?[AaPp]\.?[Mm]\.?)?(?: [A-Z]{2,4})?)?[\s)(.,:|-]*")


def strip_stamp(text):
    m = STAMP.match(text)
    if m:
        return text[m.end():], True
    return text, False


def parse_day(s):
    if not s:
        return None
    try:
        return dt.date.fromisoformat(s[:10])
    except ValueError:
        return None


def run(sitrep, path, workers, tmp):
    db = os.path.join(tmp, "store-%d.db" % os.getpid())
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(db + suffix):
            os.remove(db + suffix)
    cmd = [sitrep, "analyze", "--db", db, "--format", "jsonl", path]
    if workers:
        cmd[2:2] = ["--workers", str(workers)]
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if p.returncode not in (0, 1):  # 1: some inputs had errors; still measured
        sys.stderr.write(p.stderr)
        raise SystemExit("sitrep analyze failed (exit %d)" % p.returncode)
    # Keyed by input line: a text already stored reports the stored
    # document's id, not the line's.
    out = {}
    for line in p.stdout.splitlines():
        r = json.loads(line)
        if r.get("record") != "document":
            continue
        out[int(r["origin"].rsplit("#", 1)[1])] = r
    return out


def measure(name, variant, rows, results, nerr):
    gold_n = 0
    c = dict(dated=0, null=0, exact=0, d1=0, d3=0, d7=0, d31=0, year=0, in_range=0, dated_all=0)
    errs = []
    for i, r in enumerate(rows, 1):
        got = results.get(i)
        if got is None:
            raise SystemExit("%s: no document record for %s" % (name, r["id"]))
        inferred = parse_day(got.get("published")) if got.get("published_inferred") else None
        if inferred is not None:
            c["dated_all"] += 1
            if dt.date(2004, 1, 1) <= inferred <= dt.date(2005, 12, 31):
                c["in_range"] += 1
        want = parse_day(r.get("published"))
        if want is None:
            continue
        gold_n += 1
        if inferred is None:
            c["null"] += 1
            continue
        c["dated"] += 1
        d = abs((inferred - want).days)
        c["exact"] += d == 0
        c["d1"] += d <= 1
        c["d3"] += d <= 3
        c["d7"] += d <= 7
        c["d31"] += d <= 31
        c["year"] += d > 365
        if d > 0:
            ev = (got.get("published_evidence") or {}).get("text", "")
            errs.append((d, r["id"], str(want), str(inferred), ev))
    pct = lambda k: 100.0 * c[k] / gold_n if gold_n else 0.0
    if gold_n:
        prec = 100.0 * c["d7"] / c["dated"] if c["dated"] else 0.0
        print("%-18s %-8s %5d %6.1f %6.1f %6.1f %6.1f %6.1f %6.1f %6.1f %6.1f %6.1f" % (
            name, variant, gold_n, pct("dated"), pct("null"), pct("exact"), pct("d1"),
            pct("d3"), pct("d7"), pct("d31"), pct("year"), prec))
    else:
        n = len(rows)
        rng = 100.0 * c["in_range"] / c["dated_all"] if c["dated_all"] else 0.0
        print("%-18s %-8s %5d %6.1f %6.1f   (no known dates; in 2004-05: %.1f%% of the dated)" % (
            name, variant, n, 100.0 * c["dated_all"] / n, 100.0 * (n - c["dated_all"]) / n, rng))
        if nerr:
            for i, r in enumerate(rows, 1):
                got = results[i]
                inferred = parse_day(got.get("published")) if got.get("published_inferred") else None
                if inferred and not dt.date(2004, 1, 1) <= inferred <= dt.date(2005, 12, 31):
                    d = min(abs((inferred - dt.date(2004, 1, 1)).days), abs((inferred - dt.date(2005, 12, 31)).days))
                    ev = (got.get("published_evidence") or {}).get("text", "")
                    errs.append((d, r["id"], "2004-05", str(inferred), ev))
    errs.sort(reverse=True)
    for d, id_, want, got, ev in errs[:nerr]:
        print("    %5dd  %-28s want %s got %s  evidence %r" % (d, id_, want, got, ev[:80]))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sitrep", required=True, help="the sitrep binary")
    here = os.path.dirname(os.path.abspath(__file__))
    ap.add_argument("--corpus", default=os.path.join(here, "..", "..", "shared", "corpus"))
    ap.add_argument("--only", default="", help="comma-separated corpus names")
    ap.add_argument("--variant", default="both", choices=["as-is", "stripped", "both"])
    ap.add_argument("--errors", type=int, default=0, help="list the N worst errors")
    ap.add_argument("--workers", type=int, default=0)
    a = ap.parse_args()

    names = [n for n in a.only.split(",") if n] or CORPORA
    variants = ["as-is", "stripped"] if a.variant == "both" else [a.variant]
    print("%-18s %-8s %5s %6s %6s %6s %6s %6s %6s %6s %6s %6s" % (
        "corpus", "variant", "docs", "dated", "null", "exact", "<=1d", "<=3d", "<=7d", "<=31d", ">1y", "prec7"))
    with tempfile.TemporaryDirectory(prefix="pubdate-eval-") as tmp:
        for name in names:
            with gzip.open(os.path.join(a.corpus, name + ".jsonl.gz"), "rt", encoding="utf-8") as f:
                rows = [json.loads(l) for l in f if l.strip()]
            for variant in variants:
                stripped = 0
                path = os.path.join(tmp, "%s-%s.jsonl" % (name, variant))
                with open(path, "w", encoding="utf-8") as out:
                    for r in rows:
                        rec = {k: r[k] for k in ("id", "source", "url", "title", "text") if r.get(k) is not None}
                        if variant == "stripped":
                            rec["text"], hit = strip_stamp(rec["text"])
                            stripped += hit
                        out.write(json.dumps(rec) + "\n")
                if variant == "stripped" and stripped == 0:
                    continue  # the same as as-is
                results = run(a.sitrep, path, a.workers, tmp)
                measure(name, variant, rows, results, a.errors)


if __name__ == "__main__":
    main()
