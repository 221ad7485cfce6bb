#!/usr/bin/env python3
"""Reads every .ics file of built sites with independent parsers (vobject with validation,
icalendar 7, ical) and, for the hard-cases fixture, checks the expanded occurrences with
recurring-ical-events. Usage: check_feeds.py EXAMPLE_PUBLIC FIXTURE_PUBLIC"""

import datetime as dt
import pathlib
import sys
import zoneinfo

import icalendar
import recurring_ical_events
import vobject
from ical.calendar_stream import IcsCalendarStream

failures = []
checked = 0


def fail(path, what):
    failures.append(f"{path}: {what}")


def check_file(path: pathlib.Path):
    global checked
    raw = path.read_bytes()
    text = raw.decode("utf-8")
    # Raw-format rules that the parsers below may forgive.
    for n, line in enumerate(raw.split(b"\r\n"), 1):
        if len(line) > 75:
            fail(path, f"line {n} is {len(line)} octets")
        if b"\r" in line or b"\n" in line:
            fail(path, f"line {n} has a bare CR or LF")
    if not raw.endswith(b"END:VCALENDAR\r\n"):
        fail(path, "does not end with END:VCALENDAR CRLF")
    try:
        vobject.readOne(text, validate=True)
    except Exception as e:  # noqa: BLE001 - any failure is a finding
        fail(path, f"vobject: {e!r}")
    try:
        cal = icalendar.Calendar.from_ical(raw)
        for comp in cal.walk():
            if comp.errors:
                fail(path, f"icalendar: {comp.name}: {comp.errors}")
        tzids = {str(c["TZID"]) for c in cal.walk("VTIMEZONE")}
        for ev in cal.walk("VEVENT"):
            for prop in ("DTSTART", "DTEND"):
                if prop in ev and "TZID" in ev[prop].params and ev[prop].params["TZID"] not in tzids:
                    fail(path, f"{prop} uses TZID {ev[prop].params['TZID']} without VTIMEZONE")
        if "METHOD" in cal:
            fail(path, "has METHOD")
    except Exception as e:  # noqa: BLE001
        fail(path, f"icalendar: {e!r}")
    try:
        IcsCalendarStream.calendar_from_ics(text)
    except Exception as e:  # noqa: BLE001
        fail(path, f"ical: {e!r}")
    checked += 1


def check_occurrences(public: pathlib.Path):
    """The weekly workshop crosses the spring DST change (2027-03-28) and skips 2027-03-30."""
    cal = icalendar.Calendar.from_ical((public / "agenda.ics").read_bytes())
    brussels = zoneinfo.ZoneInfo("Europe/Brussels")
    occ = [
        e
        for e in recurring_ical_events.of(cal).between(dt.date(2027, 3, 1), dt.date(2027, 5, 1))
        if str(e["UID"]) == "atelier-hebdo@test.example.org"
    ]
    starts = [e["DTSTART"].dt.astimezone(brussels) for e in occ]
    local = [s.strftime("%Y-%m-%d %H:%M") for s in starts]
    expected = ["2027-03-16 18:00", "2027-03-23 18:00", "2027-04-06 18:00", "2027-04-13 18:00"]
    if local != expected:
        fail("agenda.ics", f"recurring-ical-events occurrences {local} != {expected}")
    utc = [s.astimezone(dt.timezone.utc).strftime("%H:%M") for s in starts]
    if utc != ["17:00", "17:00", "16:00", "16:00"]:
        fail("agenda.ics", f"UTC times {utc} do not follow the DST change")
    fair = [
        e
        for e in recurring_ical_events.of(cal).between(dt.date(2027, 3, 1), dt.date(2027, 4, 1))
        if str(e["UID"]) == "salon@test.example.org"
    ]
    if len(fair) != 1 or fair[0]["DTSTART"].dt != dt.date(2027, 3, 14) or fair[0]["DTEND"].dt != dt.date(2027, 3, 17):
        fail("agenda.ics", "the three-day fair is not 2027-03-14 to 2027-03-17 (exclusive)")
    if str(fair[0]["STATUS"]) != "CANCELLED":
        fail("agenda.ics", "the cancelled fair is not CANCELLED")
    mtl = [
        e
        for e in recurring_ical_events.of(cal).between(dt.date(2027, 6, 1), dt.date(2027, 7, 1))
        if str(e["UID"]) == "montreal@test.example.org"
    ]
    if len(mtl) != 1 or mtl[0]["DTSTART"].dt.astimezone(dt.timezone.utc).strftime("%H:%M") != "13:00":
        fail("agenda.ics", "the Montréal event is not at 09:00 EDT (13:00 UTC)")


def main():
    for arg in sys.argv[1:]:
        for path in sorted(pathlib.Path(arg).rglob("*.ics")):
            check_file(path)
    check_occurrences(pathlib.Path(sys.argv[2]))
    for f in failures:
        print(f"FAIL {f}")
    print(f"python feed checks: {checked} files, {len(failures)} problems")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
