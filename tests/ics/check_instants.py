#!/usr/bin/env python3
"""For every event of every .ics file under the given folders, computes its occurrences
independently (the raw DTSTART/DTEND/RRULE/EXDATE values, dateutil for the rule, Python's
zoneinfo for the offsets: the feed's VTIMEZONEs are not used) up to UNTIL, and checks that
recurring-ical-events and ical.js (occurrences_icaljs.mjs's JSON) give the same UTC instants.
A repeated local time is read as its first occurrence (RFC 5545 §3.3.5, zoneinfo fold=0).

Usage: check_instants.py UNTIL ICALJS_JSON DIR..."""

import datetime as dt
import json
import pathlib
import sys
import zoneinfo

import icalendar
import recurring_ical_events
from dateutil.rrule import rrulestr

UTC = dt.timezone.utc
failures = []


def raw(prop):
    return prop.to_ical().decode()


def moment(prop):
    """A DTSTART/DTEND as (naive local value, ZoneInfo or UTC or None for a date)."""
    value = raw(prop)
    if "T" not in value:
        return dt.datetime.strptime(value, "%Y%m%d"), None
    if value.endswith("Z"):
        return dt.datetime.strptime(value, "%Y%m%dT%H%M%SZ"), UTC
    return dt.datetime.strptime(value, "%Y%m%dT%H%M%S"), zoneinfo.ZoneInfo(str(prop.params["TZID"]))


def utc_text(naive, zone):
    if zone is None:
        return naive.strftime("%Y-%m-%d")
    return naive.replace(tzinfo=zone, fold=0).astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def expected(ev, until):
    start, zone = moment(ev["DTSTART"])
    end = moment(ev["DTEND"]) if "DTEND" in ev else None
    if "RRULE" not in ev:
        return [(utc_text(start, zone), utc_text(*end) if end else None)]
    exdates = set()
    for p in ev.get("EXDATE", []) if isinstance(ev.get("EXDATE"), list) else [ev.get("EXDATE")] if "EXDATE" in ev else []:
        exdates.update(raw(p).split(","))
    aware = zone is not None
    first = start.replace(tzinfo=zone) if aware else start
    limit = dt.datetime.combine(until, dt.time(), tzinfo=UTC if aware else None)
    out = []
    for occ in rrulestr(raw(ev["RRULE"]), dtstart=first):
        if (occ.astimezone(UTC) if aware else occ) >= limit:
            break
        local = occ.replace(tzinfo=None)
        if local.strftime("%Y%m%dT%H%M%S" if aware else "%Y%m%d") in exdates:
            continue
        e = None
        if end:
            # Same length as the first occurrence, on the local clock.
            e = utc_text(local + (end[0] - start), end[1])
        out.append((utc_text(local, zone), e))
    return out


def as_text(value):
    if isinstance(value, dt.datetime):
        return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return value.strftime("%Y-%m-%d")


def main():
    until = dt.date.fromisoformat(sys.argv[1])
    icaljs = json.loads(pathlib.Path(sys.argv[2]).read_text())
    files = events = occurrences = 0
    for arg in sys.argv[3:]:
        for path in sorted(pathlib.Path(arg).rglob("*.ics")):
            cal = icalendar.Calendar.from_ical(path.read_bytes())
            files += 1
            by_uid = {}
            for occ in recurring_ical_events.of(cal).between(dt.date(2000, 1, 1), until):
                by_uid.setdefault(str(occ["UID"]), []).append(occ)
            js = icaljs.get(str(path), {})
            for ev in cal.walk("VEVENT"):
                uid = str(ev["UID"])
                want = expected(ev, until)
                events += 1
                occurrences += len(want)
                rie = [
                    (as_text(o["DTSTART"].dt), as_text(o["DTEND"].dt) if "DTEND" in ev else None)
                    for o in by_uid.get(uid, [])
                ]
                got_js = [tuple(x) for x in js.get(uid, [])]
                for name, got in (("recurring-ical-events", sorted(rie)), ("ical.js", got_js)):
                    if got != want:
                        diff = [
                            f"{w} != {g}" for w, g in zip(want, got) if w != g
                        ][:3] or [f"{len(want)} expected, {len(got)} given"]
                        failures.append(f"{path}: {uid}: {name}: {'; '.join(diff)}")
    for f in failures:
        print(f"FAIL {f}")
    print(
        f"occurrence checks: {files} files, {events} events, {occurrences} occurrences up to {until}, "
        f"{len(failures)} problems"
    )
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
