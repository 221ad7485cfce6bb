//! Add-to-calendar links read back against the event's own calendar file: a small site with a
//! timed, an all-day, an open-ended and two recurring events is built, and each page's Google
//! and Outlook links (their query strings) are compared with the `.ics` the page offers.

mod support;

use std::collections::HashMap;
use std::fs;
use std::path::Path;

use ambassade::content::Reference;
use ambassade::Options;
use chrono::{DateTime, NaiveDate, NaiveDateTime, TimeZone};
use icalendar::{Calendar, Component};
use scraper::{Html, Selector};

const BASE: &str = "https://test.example.org";

const ATELIER: &str = "\
Un atelier pour préparer la [semaine de la coopération](https://smart.coop/semaine) avec le
[groupe d'appui](/groupe-appui/).

## Programme

1. Accueil
2. Trois ateliers :
   - statuts
   - [charte](/charte/)
     1. lecture
     2. débat
3. Clôture

## Horaires

| Heure | Salle |
|-------|-------|
| 14h   | Verrière |
| 15h30 | Atelier 2 |

Plus d'informations sur <https://smart.coop/>.
";

/// The minimal fixture with these events instead of its own.
fn site() -> (tempfile::TempDir, std::path::PathBuf) {
    let (tmp, site) = support::minimal_site();
    let events = site.join("content/events");
    fs::remove_dir_all(&events).unwrap();
    fs::create_dir_all(&events).unwrap();
    let long: String = (1..=60)
        .map(|i| {
            format!(
                "Paragraphe {i} : la coopérative présente ses outils et répond aux questions.\n\n"
            )
        })
        .collect();
    for (slug, front, body) in [
        (
            "atelier",
            "start: 2027-02-10T14:00\nend: 2027-02-10T16:30\nlevel: local",
            ATELIER.to_string(),
        ),
        (
            "salon",
            "start: 2027-03-14\nend: 2027-03-16\nlevel: regional",
            "Trois jours de salon.".to_string(),
        ),
        (
            "permanence",
            "start: 2027-02-01T09:00\ntimezone: America/Montreal\nlevel: international",
            "Une permanence sans heure de fin.".to_string(),
        ),
        (
            "cafe",
            "start: 2027-01-07T08:30\nend: 2027-01-07T10:00\nrecurrence: FREQ=WEEKLY;BYDAY=TH;COUNT=6\nlevel: local",
            "Un café chaque jeudi.".to_string(),
        ),
        (
            "rencontre",
            "start: 2027-01-07T18:00\nend: 2027-01-07T19:30\nrecurrence: FREQ=WEEKLY;BYDAY=TH;COUNT=6\nexceptions: [2027-01-21, 2027-02-04]\nlevel: local",
            "Une rencontre chaque jeudi, sauf deux.".to_string(),
        ),
        (
            "conference",
            "start: 2027-04-20T10:00\nend: 2027-04-20T12:00\nlevel: national",
            long,
        ),
    ] {
        fs::write(
            events.join(format!("{slug}.md")),
            format!("---\ntitle: Événement {slug}\n{front}\n---\n{body}"),
        )
        .unwrap();
    }
    let opts = Options {
        root: site.clone(),
        output: Some(site.join("public")),
        base_url: None,
        drafts: false,
        today: Reference::Date(NaiveDate::from_ymd_opt(2026, 11, 26).unwrap()),
    };
    if let Err(d) = ambassade::build(&opts) {
        panic!(
            "{:?}",
            d.sorted().iter().map(|x| x.to_string()).collect::<Vec<_>>()
        );
    }
    (tmp, site)
}

/// What one event's page offers and its calendar file says.
struct Built {
    google: Option<HashMap<String, String>>,
    outlook: Option<HashMap<String, String>>,
    google_len: usize,
    note: String,
    links: Vec<String>,
    json_ld: serde_json::Value,
    ics: icalendar::Event,
}

fn query(link: &str) -> HashMap<String, String> {
    url::Url::parse(link)
        .unwrap()
        .query_pairs()
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

fn built(site: &Path, slug: &str) -> Built {
    let public = site.join("public");
    let html = fs::read_to_string(public.join(format!("agenda/{slug}/index.html"))).unwrap();
    let doc = Html::parse_document(&html);
    let sel = |css: &str| Selector::parse(css).unwrap();
    let links: Vec<String> = doc
        .select(&sel("main a"))
        .filter_map(|a| a.value().attr("href").map(str::to_string))
        .collect();
    let find = |prefix: &str| links.iter().find(|l| l.starts_with(prefix)).cloned();
    let google = find("https://calendar.google.com/");
    let note = doc
        .select(&sel("main .links-note"))
        .map(|e| e.text().collect::<String>())
        .collect();
    let json_ld = doc
        .select(&sel("script[type=\"application/ld+json\"]"))
        .next()
        .map(|s| serde_json::from_str(&s.text().collect::<String>()).unwrap())
        .unwrap();
    let text = fs::read_to_string(public.join(format!("agenda/{slug}/{slug}.ics"))).unwrap();
    let cal: Calendar = text.parse().unwrap();
    let ics = cal.events().next().unwrap().clone();
    Built {
        google_len: google.as_ref().map_or(0, String::len),
        google: google.as_deref().map(query),
        outlook: find("https://outlook.live.com/").as_deref().map(query),
        note,
        links,
        json_ld,
        ics,
    }
}

fn value<'a>(e: &'a icalendar::Event, prop: &str) -> Option<&'a str> {
    e.properties().get(prop).map(|p| p.value())
}

fn tzid<'a>(e: &'a icalendar::Event, prop: &str) -> Option<&'a str> {
    e.properties()[prop].params().get("TZID").map(|p| p.value())
}

/// The UTC instant of a DTSTART/DTEND with a TZID.
fn instant(e: &icalendar::Event, prop: &str) -> DateTime<chrono::Utc> {
    let tz: chrono_tz::Tz = tzid(e, prop).unwrap().parse().unwrap();
    let local = NaiveDateTime::parse_from_str(value(e, prop).unwrap(), "%Y%m%dT%H%M%S").unwrap();
    tz.from_local_datetime(&local)
        .single()
        .unwrap()
        .with_timezone(&chrono::Utc)
}

fn utc(rfc3339: &str) -> DateTime<chrono::Utc> {
    DateTime::parse_from_rfc3339(rfc3339)
        .unwrap_or_else(|e| panic!("{rfc3339}: {e}"))
        .with_timezone(&chrono::Utc)
}

#[test]
fn links_say_what_the_calendar_file_says() {
    let (_tmp, site) = site();

    // A timed event: same local times and zone in Google, same instants in Outlook.
    let b = built(&site, "atelier");
    let description = value(&b.ics, "DESCRIPTION").unwrap();
    let page = format!("{BASE}/agenda/atelier/");
    assert_eq!(
        description,
        format!(
            "Un atelier pour préparer la semaine de la coopération (https://smart.coop/semaine) \
             avec le groupe d'appui ({BASE}/groupe-appui/).\n\n\
             Programme\n\n\
             1. Accueil\n\
             2. Trois ateliers :\n   \
                - statuts\n   \
                - charte ({BASE}/charte/)\n     \
                  1. lecture\n     \
                  2. débat\n\
             3. Clôture\n\n\
             Horaires\n\n\
             Heure | Salle\n\
             14h | Verrière\n\
             15h30 | Atelier 2\n\n\
             Plus d'informations sur https://smart.coop/.\n\n\
             {page}"
        )
    );
    let g = b.google.as_ref().expect("google link");
    assert_eq!(g["dates"], "20270210T140000/20270210T163000");
    assert_eq!(
        g["dates"],
        format!(
            "{}/{}",
            value(&b.ics, "DTSTART").unwrap(),
            value(&b.ics, "DTEND").unwrap()
        )
    );
    assert_eq!(Some(g["ctz"].as_str()), tzid(&b.ics, "DTSTART"));
    assert!(!g.contains_key("recur"));
    // Short enough to travel whole: the links carry exactly the feed's text.
    assert_eq!(g["details"], description);
    let o = b.outlook.as_ref().expect("outlook link");
    assert_eq!(o["startdt"], "2027-02-10T14:00:00+01:00");
    assert_eq!(utc(&o["startdt"]), instant(&b.ics, "DTSTART"));
    assert_eq!(utc(&o["enddt"]), instant(&b.ics, "DTEND"));
    assert_eq!(o["allday"], "false");
    assert_eq!(o["body"], description);
    assert!(b.note.is_empty(), "{}", b.note);

    // All day over three days: DTEND and both links' ends are the day after the last.
    let b = built(&site, "salon");
    assert_eq!(value(&b.ics, "DTSTART"), Some("20270314"));
    assert_eq!(value(&b.ics, "DTEND"), Some("20270317"));
    let g = b.google.as_ref().unwrap();
    assert_eq!(g["dates"], "20270314/20270317");
    let o = b.outlook.as_ref().unwrap();
    assert_eq!(
        (
            o["startdt"].as_str(),
            o["enddt"].as_str(),
            o["allday"].as_str()
        ),
        ("2027-03-14", "2027-03-17", "true")
    );
    let description = value(&b.ics, "DESCRIPTION").unwrap();
    assert_eq!(
        description,
        format!("Trois jours de salon.\n\n{BASE}/agenda/salon/")
    );
    assert_eq!(
        (g["details"].as_str(), o["body"].as_str()),
        (description, description)
    );

    // No end: the feed has no duration, so the links end at the start (no added hour).
    let b = built(&site, "permanence");
    assert_eq!(value(&b.ics, "DTEND"), None);
    assert_eq!(value(&b.ics, "DURATION"), None);
    let g = b.google.as_ref().unwrap();
    let start = value(&b.ics, "DTSTART").unwrap();
    assert_eq!(g["dates"], format!("{start}/{start}"));
    assert_eq!(g["dates"], "20270201T090000/20270201T090000");
    assert_eq!(g["ctz"], "America/Montreal");
    let o = b.outlook.as_ref().unwrap();
    assert_eq!(o["startdt"], "2027-02-01T09:00:00-05:00");
    assert_eq!(o["enddt"], o["startdt"]);
    assert_eq!(utc(&o["startdt"]), instant(&b.ics, "DTSTART"));
    assert!(b.json_ld.get("endDate").is_none(), "{}", b.json_ld);
    assert_eq!(b.json_ld["startDate"], "2027-02-01T09:00:00-05:00");

    // A series without exceptions: Google carries its rule, Outlook (one date only) is not
    // offered and the page says so.
    let b = built(&site, "cafe");
    let g = b.google.as_ref().expect("google link for a plain series");
    assert_eq!(
        g["dates"],
        format!(
            "{}/{}",
            value(&b.ics, "DTSTART").unwrap(),
            value(&b.ics, "DTEND").unwrap()
        )
    );
    assert_eq!(
        g["recur"],
        format!("RRULE:{}", value(&b.ics, "RRULE").unwrap())
    );
    assert!(b.outlook.is_none());
    assert!(
        b.note.contains("Outlook") && b.note.contains("Ajouter à mon agenda"),
        "{}",
        b.note
    );
    assert!(b.links.contains(&"/agenda/cafe/cafe.ics".to_string()));
    let schedule = &b.json_ld["eventSchedule"];
    assert_eq!(schedule["repeatFrequency"], "P1W");
    assert_eq!(schedule["byDay"], "https://schema.org/Thursday");
    assert_eq!(schedule["repeatCount"], 6);
    // Six Thursdays from 7 January 2027.
    assert_eq!(schedule["startDate"], "2027-01-07");
    assert_eq!(schedule["endDate"], "2027-02-11");
    assert_eq!(schedule["startTime"], "08:30:00");
    assert_eq!(schedule["endTime"], "10:00:00");
    assert_eq!(schedule["scheduleTimezone"], "Europe/Brussels");
    assert!(schedule.get("exceptDate").is_none());
    assert_eq!(b.json_ld["startDate"], "2027-01-07T08:30:00+01:00");

    // A series with exceptions: no client link can carry them; the .ics is the way, and the
    // page says why. JSON-LD lists the same exceptions as the EXDATEs.
    let b = built(&site, "rencontre");
    assert!(b.google.is_none() && b.outlook.is_none(), "{:?}", b.links);
    assert!(b
        .links
        .contains(&"/agenda/rencontre/rencontre.ics".to_string()));
    assert!(b.note.contains("dates annulées"), "{}", b.note);
    let exdates: Vec<&str> = b.ics.multi_properties()["EXDATE"]
        .iter()
        .map(|p| p.value())
        .collect();
    assert_eq!(exdates, ["20270121T180000", "20270204T180000"]);
    assert_eq!(
        b.json_ld["eventSchedule"]["exceptDate"],
        serde_json::json!(["2027-01-21", "2027-02-04"])
    );
}

#[test]
fn long_descriptions_are_shortened_at_a_word_and_end_with_the_page() {
    let (_tmp, site) = site();
    let b = built(&site, "conference");
    let description = value(&b.ics, "DESCRIPTION").unwrap();
    let page = format!("{BASE}/agenda/conference/");
    assert!(description.starts_with("Paragraphe 1 : la coopérative"));
    assert!(description.ends_with(&format!(
        "Paragraphe 60 : la coopérative présente ses outils et répond aux questions.\n\n{page}"
    )));
    let g = b.google.as_ref().unwrap();
    let o = b.outlook.as_ref().unwrap();
    for details in [&g["details"], &o["body"]] {
        let kept = details
            .strip_suffix(&format!("…\n\n{page}"))
            .unwrap_or_else(|| panic!("not shortened or no page at the end: {details}"));
        assert!(kept.len() > 400, "{kept}");
        assert!(description.starts_with(kept), "{kept}");
        // Cut between two words.
        let next = description[kept.len()..].chars().next().unwrap();
        assert!(next.is_whitespace(), "cut before {next:?}: {kept}");
        assert!(!kept.ends_with(char::is_whitespace));
    }
    assert!(b.google_len < 2000, "{}", b.google_len);
}
