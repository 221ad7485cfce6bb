//! Benchmark helper: writes a site folder with N realistic, deterministic events on top of the
//! example content of this repository.
//!
//! ```sh
//! cargo run --release --example gen_site -- --events 10000 --out /tmp/site-10k
//! cargo run --release --example gen_site -- --events 1000 --out /tmp/s --hugo /tmp/h --zola /tmp/z
//! ```
//!
//! - copies `content/` of the repository (everything but `content/events/`) into `OUT/content/`
//!   and writes N events into `OUT/content/events/`;
//! - the events vary in level, axis, themes, region, time zone (mostly Europe/Brussels, some
//!   Europe/Paris, Europe/Madrid and America/Montreal), all-day and multi-day events, weekly and
//!   monthly recurrences with COUNT or UNTIL and exceptions, cancelled and tentative ones,
//!   representatives, mission blocks, and Markdown bodies with lists and links; their dates
//!   spread over the two years before and the two years after 2026-11-26;
//! - the same seed gives the same files (a small LCG, no `rand`);
//! - `--hugo DIR` and `--zola DIR` also write the *same* events as `DIR/content/agenda/*.md` with
//!   Hugo (YAML) or Zola (TOML) front matter, for `benches/compare.sh`, which adds the
//!   configuration and the templates.
//!
//! Every generated site passes `ambassade check --today 2026-11-26`.

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Weekday};
use chrono_tz::Tz;

/// The reference date of the benchmarks: events spread two years either side of it.
pub const TODAY: (i32, u32, u32) = (2026, 11, 26);
/// Occurrences of recurring events are listed up to this many days after "today" (as the
/// loader does, see `content::RECURRENCE_HORIZON_DAYS`); exceptions are kept well inside it.
const HORIZON_DAYS: i64 = 730;

const USAGE: &str = "usage: gen_site --events N --out DIR [--seed S] [--source REPO] [--force] \
                     [--hugo DIR] [--zola DIR]";

/// What to generate (the command line, parsed). Public, with `run`, for `tests/scale.rs`, which
/// includes this file as a module.
pub struct Args {
    /// How many events to write.
    pub events: usize,
    /// The site folder to write (`OUT/content/`).
    pub out: PathBuf,
    /// The generator's seed: the same seed gives the same files.
    pub seed: u64,
    /// The repository whose `content/` is copied (all but its events).
    pub source: PathBuf,
    /// Replace an existing `OUT/content/`.
    pub force: bool,
    /// Also write the events for Hugo into this folder.
    pub hugo: Option<PathBuf>,
    /// Also write the events for Zola into this folder.
    pub zola: Option<PathBuf>,
}

/// The seed used when `--seed` is not given.
pub const DEFAULT_SEED: u64 = 20_261_126;

fn parse_args() -> Result<Args, String> {
    let mut events = None;
    let mut out = None;
    let mut seed = DEFAULT_SEED;
    let mut source = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut force = false;
    let mut hugo = None;
    let mut zola = None;
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        let mut value = || it.next().ok_or_else(|| format!("{a} needs a value"));
        match a.as_str() {
            "--events" | "-n" => {
                let v = value()?.replace(['_', ','], "");
                events = Some(
                    v.parse()
                        .map_err(|_| format!("--events: `{v}` is not a number"))?,
                )
            }
            "--out" | "-o" => out = Some(PathBuf::from(value()?)),
            "--seed" => {
                let v = value()?;
                seed = v
                    .parse()
                    .map_err(|_| format!("--seed: `{v}` is not a number"))?
            }
            "--source" => source = PathBuf::from(value()?),
            "--force" => force = true,
            "--hugo" => hugo = Some(PathBuf::from(value()?)),
            "--zola" => zola = Some(PathBuf::from(value()?)),
            "-h" | "--help" => return Err(String::new()),
            other => return Err(format!("unknown argument `{other}`")),
        }
    }
    Ok(Args {
        events: events.ok_or("--events is required")?,
        out: out.ok_or("--out is required")?,
        seed,
        source,
        force,
        hugo,
        zola,
    })
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(a) => a,
        Err(e) => {
            if !e.is_empty() {
                eprintln!("error: {e}");
            }
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Writes the site folder `args.out` (and the Hugo and Zola folders when asked).
pub fn run(args: &Args) -> Result<(), String> {
    let events = generate(args.events, args.seed);

    let content = args.out.join("content");
    prepare(&content, args.force)?;
    copy_content(&args.source.join("content"), &content)?;
    let dir = content.join("events");
    fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    for ev in &events {
        write(&dir.join(format!("{}.md", ev.slug)), &ambassade_file(ev))?;
    }
    if let Some(h) = &args.hugo {
        let dir = h.join("content").join("agenda");
        prepare(&h.join("content"), args.force)?;
        fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        write(
            &dir.join("_index.md"),
            "---\ntitle: Agenda\noutputs: [HTML, Calendar]\n---\nLes événements où SMart est représentée.\n",
        )?;
        for ev in &events {
            write(&dir.join(format!("{}.md", ev.slug)), &hugo_file(ev))?;
        }
    }
    if let Some(z) = &args.zola {
        let dir = z.join("content").join("agenda");
        prepare(&z.join("content"), args.force)?;
        fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        write(
            &z.join("content").join("_index.md"),
            "+++\ntitle = \"Accueil\"\n+++\n",
        )?;
        write(
            &dir.join("_index.md"),
            "+++\ntitle = \"Agenda\"\nsort_by = \"date\"\n+++\nLes événements où SMart est représentée.\n",
        )?;
        for ev in &events {
            write(&dir.join(format!("{}.md", ev.slug)), &zola_file(ev))?;
        }
    }
    let recurring = events.iter().filter(|e| e.recurrence.is_some()).count();
    let all_day = events
        .iter()
        .filter(|e| matches!(e.when, When::AllDay { .. }))
        .count();
    eprintln!(
        "wrote {} events ({recurring} recurring, {all_day} all-day) into {}",
        events.len(),
        dir.display()
    );
    Ok(())
}

fn prepare(content: &Path, force: bool) -> Result<(), String> {
    if content.exists() {
        if !force {
            return Err(format!(
                "{} already exists: remove it or pass --force",
                content.display()
            ));
        }
        fs::remove_dir_all(content).map_err(|e| format!("{}: {e}", content.display()))?;
    }
    Ok(())
}

fn write(path: &Path, text: &str) -> Result<(), String> {
    fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))
}

/// Copies `from` into `to`, leaving out `events/` at the top level.
fn copy_content(from: &Path, to: &Path) -> Result<(), String> {
    fn copy(from: &Path, to: &Path, top: bool) -> Result<(), String> {
        fs::create_dir_all(to).map_err(|e| format!("{}: {e}", to.display()))?;
        let entries = fs::read_dir(from).map_err(|e| format!("{}: {e}", from.display()))?;
        for entry in entries {
            let entry = entry.map_err(|e| format!("{}: {e}", from.display()))?;
            let name = entry.file_name();
            if top && name == "events" {
                continue;
            }
            let (src, dst) = (entry.path(), to.join(&name));
            let ft = entry
                .file_type()
                .map_err(|e| format!("{}: {e}", src.display()))?;
            if ft.is_dir() {
                copy(&src, &dst, false)?;
            } else if ft.is_file() {
                fs::copy(&src, &dst).map_err(|e| format!("{}: {e}", src.display()))?;
            }
        }
        Ok(())
    }
    if !from.join("site.yaml").is_file() {
        return Err(format!(
            "{} is not a content folder (no site.yaml); pass --source REPO",
            from.display()
        ));
    }
    copy(from, to, true)
}

// ---------------------------------------------------------------------------------------------
// A deterministic pseudo-random generator (PCG-style LCG with an output mix).

struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        let mut r = Rng(seed ^ 0x9E37_79B9_7F4A_7C15);
        r.next();
        r
    }
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        let x = self.0;
        (x ^ (x >> 33)).wrapping_mul(0xff51_afd7_ed55_8ccd) ^ (x >> 29)
    }
    /// 0..n
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    /// true with probability `percent`/100.
    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
    fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }
    /// A copy of one of `xs`.
    fn one<T: Copy>(&mut self, xs: &[T]) -> T {
        *self.pick(xs)
    }
    /// A copy of one of `xs`, by weight.
    fn one_weighted<T: Copy>(&mut self, xs: &[(usize, T)]) -> T {
        *self.weighted(xs)
    }
    /// Picks by weight: `xs` holds (weight, value).
    fn weighted<'a, T>(&mut self, xs: &'a [(usize, T)]) -> &'a T {
        let total: usize = xs.iter().map(|(w, _)| w).sum();
        let mut n = self.below(total);
        for (w, v) in xs {
            if n < *w {
                return v;
            }
            n -= w;
        }
        &xs[xs.len() - 1].1
    }
    /// `k` distinct items of `xs`, in the order of `xs`.
    fn some<'a, T>(&mut self, xs: &'a [T], k: usize) -> Vec<&'a T> {
        let mut idx: Vec<usize> = (0..xs.len()).collect();
        for i in 0..k.min(xs.len()) {
            let j = i + self.below(xs.len() - i);
            idx.swap(i, j);
        }
        let mut chosen: Vec<usize> = idx[..k.min(xs.len())].to_vec();
        chosen.sort_unstable();
        chosen.into_iter().map(|i| &xs[i]).collect()
    }
}

// ---------------------------------------------------------------------------------------------
// Vocabularies.

struct Place {
    city: &'static str,
    postal: &'static str,
    country: &'static str,
    region: &'static str,
    tz: &'static str,
    lat: f64,
    lon: f64,
}

const fn place(
    city: &'static str,
    postal: &'static str,
    country: &'static str,
    region: &'static str,
    tz: &'static str,
    lat: f64,
    lon: f64,
) -> Place {
    Place {
        city,
        postal,
        country,
        region,
        tz,
        lat,
        lon,
    }
}

const BXL: &str = "Europe/Brussels";
const PAR: &str = "Europe/Paris";
const MAD: &str = "Europe/Madrid";
const MTL: &str = "America/Montreal";

/// (weight, place): mostly Belgium (Europe/Brussels), then France, Spain and Québec.
const PLACES: &[(usize, Place)] = &[
    (
        14,
        place("Bruxelles", "1000", "BE", "Bruxelles", BXL, 50.8466, 4.3528),
    ),
    (
        6,
        place(
            "Saint-Gilles",
            "1060",
            "BE",
            "Bruxelles",
            BXL,
            50.8275,
            4.3457,
        ),
    ),
    (
        4,
        place("Ixelles", "1050", "BE", "Bruxelles", BXL, 50.8333, 4.3667),
    ),
    (
        7,
        place("Liège", "4000", "BE", "Wallonie", BXL, 50.6326, 5.5797),
    ),
    (
        6,
        place("Namur", "5000", "BE", "Wallonie", BXL, 50.4674, 4.8718),
    ),
    (
        5,
        place("Charleroi", "6000", "BE", "Wallonie", BXL, 50.4108, 4.4446),
    ),
    (
        4,
        place("Mons", "7000", "BE", "Wallonie", BXL, 50.4542, 3.9567),
    ),
    (
        3,
        place(
            "Louvain-la-Neuve",
            "1348",
            "BE",
            "Wallonie",
            BXL,
            50.6681,
            4.6118,
        ),
    ),
    (
        5,
        place("Gand", "9000", "BE", "Flandre", BXL, 51.0543, 3.7174),
    ),
    (
        5,
        place("Anvers", "2000", "BE", "Flandre", BXL, 51.2194, 4.4025),
    ),
    (
        3,
        place("Louvain", "3000", "BE", "Flandre", BXL, 50.8798, 4.7005),
    ),
    (
        2,
        place("Bruges", "8000", "BE", "Flandre", BXL, 51.2093, 3.2247),
    ),
    (
        1,
        place("Eupen", "4700", "BE", "Ostbelgien", BXL, 50.6280, 6.0350),
    ),
    (
        1,
        place(
            "Luxembourg",
            "1111",
            "LU",
            "Europe",
            "Europe/Luxembourg",
            49.6116,
            6.1319,
        ),
    ),
    (
        4,
        place(
            "Paris",
            "75011",
            "FR",
            "Île-de-France",
            PAR,
            48.8566,
            2.3522,
        ),
    ),
    (
        2,
        place(
            "Lille",
            "59000",
            "FR",
            "Hauts-de-France",
            PAR,
            50.6292,
            3.0573,
        ),
    ),
    (
        2,
        place(
            "Lyon",
            "69001",
            "FR",
            "Auvergne-Rhône-Alpes",
            PAR,
            45.7640,
            4.8357,
        ),
    ),
    (
        1,
        place("Strasbourg", "67000", "FR", "Europe", PAR, 48.5734, 7.7521),
    ),
    (
        2,
        place("Madrid", "28012", "ES", "Espagne", MAD, 40.4168, -3.7038),
    ),
    (
        1,
        place(
            "Barcelone",
            "08001",
            "ES",
            "Catalogne",
            MAD,
            41.3874,
            2.1686,
        ),
    ),
    (
        2,
        place(
            "Montréal",
            "H2X 1Y4",
            "CA",
            "Québec",
            MTL,
            45.5017,
            -73.5673,
        ),
    ),
    (
        1,
        place("Québec", "G1R 4P5", "CA", "Québec", MTL, 46.8139, -71.2080),
    ),
];

const LEVELS: &[(usize, &str)] = &[
    (30, "local"),
    (25, "regional"),
    (15, "sectoral"),
    (15, "national"),
    (10, "european"),
    (5, "international"),
];

const AXES: &[&str] = &["promote", "inform", "defend"];

const THEMES: &[&str] = &[
    "coopération",
    "culture",
    "travail",
    "protection sociale",
    "économie sociale",
    "numérique",
    "formation",
    "entrepreneuriat",
    "arts de la scène",
    "musique",
    "audiovisuel",
    "tiers-lieux",
    "fiscalité",
    "droits d'auteur",
];

const KINDS: &[(&str, &str)] = &[
    ("Salon", "salon"),
    ("Table ronde", "table-ronde"),
    ("Débat", "debat"),
    ("Atelier", "atelier"),
    ("Rencontre", "rencontre"),
    ("Forum", "forum"),
    ("Journée d'étude", "journee-d-etude"),
    ("Petit-déjeuner", "petit-dejeuner"),
    ("Conférence", "conference"),
    ("Soirée d'information", "soiree-d-information"),
    ("Foire", "foire"),
    ("Permanence", "permanence"),
    ("Assemblée", "assemblee"),
];

const SUBJECTS: &[&str] = &[
    "des indépendants",
    "des travailleur·euses autonomes",
    "de l'économie sociale",
    "des arts de la scène",
    "des freelances créatifs",
    "des coopératives de travail",
    "du numérique responsable",
    "des métiers de la culture",
    "des tiers-lieux",
    "de l'entrepreneuriat collectif",
    "des musicien·nes",
    "de l'audiovisuel",
];

const NAMES: &[&str] = &[
    "Camille Dupont",
    "Léa Martin",
    "Nadia El Amrani",
    "Karim Benali",
    "Sophie Lambert",
    "Julien Renard",
    "Inès Vandenbroucke",
    "Pieter Janssens",
    "Aurélie Dubois",
    "Thomas Peeters",
    "Sarah Vermeulen",
    "Antoine Collard",
    "Fatima Bensaïd",
    "Brigitte Leclercq",
    "Elise Wouters",
    "Bart Claes",
    "Marie Lejeune",
    "Youssef Haddad",
    "Lucie Marchal",
    "Hugo Lemaire",
    "Anouk De Smet",
    "Mehdi Ouali",
    "Chloé Gérard",
    "Jonas Maes",
];

const ROLES: &[(usize, &str)] = &[(60, "ambassador"), (30, "staff"), (10, "board")];
const INTERVENTIONS: &[&str] = &[
    "informal",
    "public_talk",
    "debate",
    "workshop",
    "stand",
    "official_meeting",
    "interview",
];
const VENUES: &[&str] = &[
    "fair",
    "conference",
    "one_to_one",
    "official",
    "online",
    "other",
];
const COMPENSATIONS: &[&str] = &["expenses_only", "paid_contract", "volunteer"];
const CRITERIA: &[&str] = &["time", "expertise", "reporting", "added_value"];
const AUDIENCES: &[&str] = &[
    "Porteurs et porteuses de projet",
    "Artistes et technicien·nes du spectacle",
    "Freelances des secteurs créatifs",
    "Élu·es et administrations locales",
    "Étudiant·es des écoles d'art",
    "Entreprises d'économie sociale",
    "Sociétaires de la coopérative",
];
const VENUE_NAMES: &[&str] = &[
    "Maison de la culture",
    "Centre de congrès",
    "Hôtel de ville",
    "Espace coopératif",
    "Halles",
    "Bibliothèque communale",
    "Tiers-lieu du quartier",
    "Bureau SMart",
    "Maison des associations",
];
const STREETS: &[&str] = &[
    "Rue de la Station",
    "Avenue de la Coopération",
    "Place du Marché",
    "Rue des Ateliers",
    "Boulevard de l'Europe",
    "Chaussée de Louvain",
];

/// (lexicon id, words as they appear in a sentence), network ids and site pages: every link of
/// a generated body points to something the example site has.
const TERMS: &[(&str, &str)] = &[
    ("binome", "binôme"),
    ("groupe-d-appui", "groupe d'appui"),
    ("travailleur-autonome", "travailleur·euse autonome"),
    ("societaire", "sociétaire"),
    ("defraiement", "défraiement"),
    ("economie-sociale", "économie sociale"),
    ("fiche-de-mission", "fiche de mission"),
];
const NETWORKS: &[(&str, &str)] = &[
    ("cecop", "CECOP – CICOPA Europe"),
    ("cooperatief-netwerk-gent", "Coöperatief Netwerk Gent"),
    (
        "collectif-createurs-liege",
        "Collectif des indépendants créatifs de Liège",
    ),
    (
        "alliance-cooperative-internationale",
        "l'Alliance coopérative internationale",
    ),
];

// ---------------------------------------------------------------------------------------------
// The events.

enum When {
    Timed {
        start: NaiveDateTime,
        end: NaiveDateTime,
    },
    AllDay {
        start: NaiveDate,
        last: NaiveDate,
    },
}

struct Rep {
    name: &'static str,
    role: &'static str,
    public: bool,
    email: bool,
    phone: bool,
}

struct Mission {
    intervention: &'static str,
    audience: &'static str,
    venue: &'static str,
    objectives: String,
    expectations: Option<String>,
    preparation: Option<String>,
    compensation: &'static str,
    criteria: Vec<&'static str>,
}

struct Loc {
    name: String,
    address: Option<String>,
    place: &'static Place,
    coordinates: bool,
}

struct Ev {
    slug: String,
    title: String,
    tz: &'static str,
    when: When,
    recurrence: Option<String>,
    exceptions: Vec<NaiveDate>,
    status: &'static str,
    location: Option<Loc>,
    online: Option<String>,
    level: &'static str,
    axis: Option<&'static str>,
    themes: Vec<&'static str>,
    region: Option<&'static str>,
    reps: Vec<Rep>,
    mission: Option<Mission>,
    updated: Option<NaiveDateTime>,
    sequence: u32,
    body: String,
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(TODAY.0, TODAY.1, TODAY.2).expect("valid date")
}

fn generate(n: usize, seed: u64) -> Vec<Ev> {
    let mut rng = Rng::new(seed);
    (0..n).map(|i| event(&mut rng, i)).collect()
}

fn event(rng: &mut Rng, i: usize) -> Ev {
    let today = today();
    let first = today - Duration::days(730);
    let span = 1461; // two years back, two years ahead
    let place = rng.weighted(PLACES);
    let (kind, kind_slug) = *rng.pick(KINDS);
    let subject = *rng.pick(SUBJECTS);
    let level = *rng.weighted(LEVELS);
    let mut day = first + Duration::days(rng.below(span) as i64);

    // Recurring events (4%), all-day ones (12%, half of them over several days), timed others.
    let mut recurrence = None;
    let mut exceptions = Vec::new();
    let when = if rng.chance(4) {
        // The loader lists occurrences up to two years after "today" and rejects a rule with
        // none before that horizon: recurring events start a month or more before it.
        if day > today + Duration::days(HORIZON_DAYS - 40) {
            day -= Duration::days(365);
        }
        let (rule, start_day, occurrences) = recurring(rng, day);
        day = start_day;
        // Exceptions: occurrences after the first, well inside the loader's horizon.
        let limit = today + Duration::days(HORIZON_DAYS - 10);
        let candidates: Vec<NaiveDate> = occurrences
            .iter()
            .skip(1)
            .copied()
            .filter(|d| *d < limit)
            .collect();
        if !candidates.is_empty() && rng.chance(50) {
            exceptions.push(*rng.pick(&candidates));
        }
        recurrence = Some(rule);
        let start = day.and_time(time(*rng.pick(&[9, 10, 12, 14, 17, 18]), 0));
        When::Timed {
            start,
            end: start + Duration::minutes(*rng.pick(&[60, 90, 120, 150]) as i64),
        }
    } else if rng.chance(12) {
        let days = if rng.chance(50) { 0 } else { 1 + rng.below(3) };
        When::AllDay {
            start: day,
            last: day + Duration::days(days as i64),
        }
    } else {
        let hour = *rng.pick(&[8, 9, 9, 10, 12, 13, 14, 17, 18, 18, 19]);
        let minute = *rng.pick(&[0, 0, 0, 30, 30, 15]);
        let start = day.and_time(time(hour, minute));
        let end = if rng.chance(5) {
            // A conference over two or three days.
            (day + Duration::days(1 + rng.below(2) as i64)).and_time(time(17, 0))
        } else {
            let max = (22 - hour as i64) * 60 - minute as i64;
            let mins = (60 + 30 * rng.below(12) as i64).min(max.max(30));
            start + Duration::minutes(mins)
        };
        When::Timed { start, end }
    };

    let online_only = rng.chance(6);
    let location = (!online_only).then(|| Loc {
        name: format!("{} {}", rng.pick(VENUE_NAMES), of(place.city)),
        address: rng
            .chance(50)
            .then(|| format!("{} {}", rng.pick(STREETS), 1 + rng.below(180))),
        place,
        coordinates: rng.chance(30),
    });
    let online =
        (online_only || rng.chance(10)).then(|| format!("https://visio.example.org/{}", i + 1));
    let status = if rng.chance(4) {
        "cancelled"
    } else if rng.chance(6) {
        "tentative"
    } else {
        "confirmed"
    };
    let (updated, sequence) = if status == "cancelled" || rng.chance(15) {
        let u = day.min(today) - Duration::days(3 + rng.below(60) as i64);
        (
            Some(u.and_time(time(*rng.pick(&[9, 10, 11, 14, 16]), 0))),
            1 + rng.below(2) as u32,
        )
    } else {
        (None, 0)
    };
    let themes: Vec<&str> = {
        let k = 1 + rng.below(3);
        rng.some(THEMES, k).into_iter().copied().collect()
    };
    let axis = rng.chance(85).then(|| *rng.pick(AXES));
    let region = (!online_only || rng.chance(50)).then_some(place.region);
    let reps = (0..rng.below(4))
        .map(|_| Rep {
            name: rng.one(NAMES),
            role: rng.one_weighted(ROLES),
            public: rng.chance(60),
            email: rng.chance(50),
            phone: rng.chance(10),
        })
        .fold(Vec::<Rep>::new(), |mut v, r| {
            if !v.iter().any(|x| x.name == r.name) {
                v.push(r);
            }
            v
        });
    let mission = rng.chance(30).then(|| mission(rng, place));

    let year = day.year();
    let title = match rng.below(3) {
        0 => format!("{kind} {subject} à {}", place.city),
        1 => format!("{kind} {subject} – {} {year}", place.city),
        _ => format!("{kind} : la place {subject} ({})", place.city),
    };
    let slug = format!("{kind_slug}-{}-{year}-{}", slugify(place.city), i + 1);
    let body = body(rng, &title, place.city, recurrence.is_some(), status);
    Ev {
        slug,
        title,
        tz: place.tz,
        when,
        recurrence,
        exceptions,
        status,
        location,
        online,
        level,
        axis,
        themes,
        region,
        reps,
        mission,
        updated,
        sequence,
        body,
    }
}

fn time(h: u32, m: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, m, 0).expect("valid time")
}

/// A recurrence rule near `day`: the rule, its first occurrence (the event's start) and the
/// dates of its occurrences.
fn recurring(rng: &mut Rng, day: NaiveDate) -> (String, NaiveDate, Vec<NaiveDate>) {
    let code =
        |w: Weekday| ["MO", "TU", "WE", "TH", "FR", "SA", "SU"][w.num_days_from_monday() as usize];
    if rng.chance(40) {
        // Weekly on the start's weekday.
        let count = 4 + rng.below(12);
        let dates: Vec<NaiveDate> = (0..count)
            .map(|k| day + Duration::weeks(k as i64))
            .collect();
        let rule = if rng.chance(50) {
            format!("FREQ=WEEKLY;COUNT={count}")
        } else {
            format!("FREQ=WEEKLY;BYDAY={};COUNT={count}", code(day.weekday()))
        };
        (rule, day, dates)
    } else {
        // Monthly on the n-th weekday (1TU, 3TH…), with COUNT or UNTIL.
        let n = 1 + rng.below(4) as u8;
        let weekday = *rng.pick(&[
            Weekday::Mon,
            Weekday::Tue,
            Weekday::Wed,
            Weekday::Thu,
            Weekday::Fri,
        ]);
        let nth = |y: i32, m: u32| {
            NaiveDate::from_weekday_of_month_opt(y, m, weekday, n).expect("1st to 4th exist")
        };
        let mut months = Vec::new();
        let (mut y, mut m) = (day.year(), day.month());
        for _ in 0..24 {
            months.push(nth(y, m));
            m += 1;
            if m > 12 {
                m = 1;
                y += 1;
            }
        }
        let start = months[0];
        let by = format!("{n}{}", code(weekday));
        if rng.chance(50) {
            let count = 3 + rng.below(10);
            (
                format!("FREQ=MONTHLY;BYDAY={by};COUNT={count}"),
                start,
                months[..count].to_vec(),
            )
        } else {
            // UNTIL the 15th of a month a few months on, at 23:59:59 UTC: every occurrence on
            // or before that day is in (starts are at 18:00 local at the latest, 23:00 UTC in
            // Montréal).
            let k = 3 + rng.below(10);
            let until = NaiveDate::from_ymd_opt(months[k].year(), months[k].month(), 15)
                .expect("valid date");
            let dates: Vec<NaiveDate> =
                months.iter().copied().take_while(|d| *d <= until).collect();
            (
                format!(
                    "FREQ=MONTHLY;BYDAY={by};UNTIL={}T235959Z",
                    until.format("%Y%m%d")
                ),
                start,
                dates,
            )
        }
    }
}

fn mission(rng: &mut Rng, place: &Place) -> Mission {
    let n = rng.below(4);
    Mission {
        intervention: rng.one(INTERVENTIONS),
        audience: rng.one(AUDIENCES),
        venue: rng.one(VENUES),
        objectives: format!(
            "- Présenter le modèle coopératif de SMart au public {}.\n- Orienter les personnes qui portent un projet vers le bureau le plus proche.\n",
            of(place.city)
        ),
        expectations: rng.chance(60).then(|| {
            "Une présence continue et un témoignage concret sur la vie de travailleur·euse \
             autonome au sein de la coopérative."
                .to_string()
        }),
        preparation: rng
            .chance(50)
            .then(|| "Relire la brochure de présentation et le pitch de 30 secondes.".to_string()),
        compensation: rng.one(COMPENSATIONS),
        criteria: rng.some(CRITERIA, n).into_iter().copied().collect(),
    }
}

fn body(rng: &mut Rng, title: &str, city: &str, recurring: bool, status: &str) -> String {
    let mut b = String::new();
    if status == "cancelled" {
        b.push_str("**Annulé.** Les organisateurs ont annoncé le report de cet événement ; la nouvelle date sera publiée dans l'agenda dès qu'elle sera fixée.\n\n");
    } else if status == "tentative" {
        b.push_str("**À confirmer.** La date et le lieu ne sont pas encore définitifs.\n\n");
    }
    let (term_id, term) = *rng.pick(TERMS);
    let (net_id, net) = *rng.pick(NETWORKS);
    let _ = writeln!(
        b,
        "{title} : une occasion de rencontrer les acteurs locaux et de présenter la coopérative. \
         Un·e sociétaire ambassadeur·rice y représente SMart, avec l'appui d'un permanent du \
         bureau {}. Voir aussi [{term}](/lexique/#{term_id}) dans le lexique.\n",
        of(city)
    );
    if recurring {
        b.push_str("Chaque rencontre suit le même déroulé :\n\n1. les missions à venir et la constitution des binômes ;\n2. le retour des missions passées ;\n3. une information sur un dossier en cours de la coopérative.\n\n");
    }
    if rng.chance(60) {
        b.push_str("Au programme :\n\n");
        let k = 2 + rng.below(3);
        for item in rng.some(
            &[
                "une présentation du modèle coopératif et de la mutualisation des risques ;",
                "un témoignage d'une travailleuse autonome du secteur culturel ;",
                "un temps d'échange avec la salle et des questions concrètes sur le *défraiement* ;",
                "la présentation du [kit de représentation](/kit/) ;",
                "une lecture commune de la [charte](/charte/) ;",
                "un atelier de prise de parole (*elevator pitch*) ;",
                "un verre de clôture pour prolonger les conversations.",
            ],
            k,
        ) {
            let _ = writeln!(b, "- {item}");
        }
        b.push('\n');
    }
    let _ = writeln!(
        b,
        "L'événement est organisé avec le soutien de [{net}](/reseaux/#{net_id}). Pour en savoir \
         plus sur la coopérative, consultez le [site de SMart](https://smart.coop) ou écrivez au \
         groupe d'appui.\n"
    );
    if rng.chance(50) {
        b.push_str("Les frais de déplacement sont défrayés selon les règles habituelles ; une **fiche de mission** est remplie avant le départ et un court rapport est transmis au groupe d'appui au retour.\n");
    }
    b
}

/// "de Namur", "d'Anvers".
fn of(city: &str) -> String {
    match city.chars().next() {
        Some('A' | 'E' | 'I' | 'O' | 'U' | 'É' | 'Î') => format!("d'{city}"),
        _ => format!("de {city}"),
    }
}

fn slugify(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars().flat_map(char::to_lowercase) {
        let c = match c {
            'à' | 'â' | 'ä' => 'a',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'î' | 'ï' => 'i',
            'ô' | 'ö' => 'o',
            'ù' | 'û' | 'ü' => 'u',
            'ç' => 'c',
            c if c.is_ascii_alphanumeric() => c,
            _ => '-',
        };
        if c != '-' || !(out.is_empty() || out.ends_with('-')) {
            out.push(c);
        }
    }
    out.trim_end_matches('-').to_string()
}

// ---------------------------------------------------------------------------------------------
// Writers.

/// A YAML double-quoted string.
fn q(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

fn ambassade_file(ev: &Ev) -> String {
    let mut f = String::from("---\n");
    let _ = writeln!(f, "title: {}", q(&ev.title));
    match ev.when {
        When::Timed { start, end } => {
            let _ = writeln!(f, "start: {}", start.format("%Y-%m-%dT%H:%M"));
            let _ = writeln!(f, "end: {}", end.format("%Y-%m-%dT%H:%M"));
        }
        When::AllDay { start, last } => {
            let _ = writeln!(f, "start: {start}");
            if last != start {
                let _ = writeln!(f, "end: {last}");
            }
        }
    }
    if ev.tz != BXL {
        let _ = writeln!(f, "timezone: {}", ev.tz);
    }
    if let Some(r) = &ev.recurrence {
        let _ = writeln!(f, "recurrence: {r}");
    }
    if !ev.exceptions.is_empty() {
        let list: Vec<String> = ev.exceptions.iter().map(|d| d.to_string()).collect();
        let _ = writeln!(f, "exceptions: [{}]", list.join(", "));
    }
    if ev.status != "confirmed" {
        let _ = writeln!(f, "status: {}", ev.status);
    }
    if let Some(u) = ev.updated {
        let _ = writeln!(f, "updated: {}", u.format("%Y-%m-%dT%H:%M"));
        let _ = writeln!(f, "sequence: {}", ev.sequence);
    }
    if let Some(l) = &ev.location {
        f.push_str("location:\n");
        let _ = writeln!(f, "  name: {}", q(&l.name));
        if let Some(a) = &l.address {
            let _ = writeln!(f, "  address: {}", q(a));
        }
        let _ = writeln!(f, "  postal_code: {}", q(l.place.postal));
        let _ = writeln!(f, "  city: {}", q(l.place.city));
        let _ = writeln!(f, "  country: {}", l.place.country);
        if l.coordinates {
            let _ = writeln!(f, "  latitude: {:.4}", l.place.lat);
            let _ = writeln!(f, "  longitude: {:.4}", l.place.lon);
        }
    }
    if let Some(o) = &ev.online {
        let _ = writeln!(f, "online: {o}");
    }
    let _ = writeln!(f, "level: {}", ev.level);
    if let Some(a) = ev.axis {
        let _ = writeln!(f, "axis: {a}");
    }
    let themes: Vec<String> = ev.themes.iter().map(|t| q(t)).collect();
    let _ = writeln!(f, "themes: [{}]", themes.join(", "));
    if let Some(r) = ev.region {
        let _ = writeln!(f, "region: {}", q(r));
    }
    if !ev.reps.is_empty() {
        f.push_str("representatives:\n");
        for r in &ev.reps {
            let _ = writeln!(f, "  - name: {}", q(r.name));
            let _ = writeln!(f, "    role: {}", r.role);
            if r.public {
                f.push_str("    public: true\n");
            }
            if r.email {
                let _ = writeln!(
                    f,
                    "    email: {}@example.org",
                    slugify(r.name).replace('-', ".")
                );
            }
            if r.phone {
                f.push_str("    phone: \"+32 2 000 00 00\"\n");
            }
        }
    }
    if let Some(m) = &ev.mission {
        f.push_str("mission:\n");
        let _ = writeln!(f, "  intervention: {}", m.intervention);
        let _ = writeln!(f, "  audience: {}", q(m.audience));
        let _ = writeln!(f, "  venue: {}", m.venue);
        f.push_str("  objectives: |\n");
        for line in m.objectives.lines() {
            let _ = writeln!(f, "    {line}");
        }
        if let Some(e) = &m.expectations {
            let _ = writeln!(f, "  expectations: {}", q(e));
        }
        if let Some(p) = &m.preparation {
            let _ = writeln!(f, "  preparation: {}", q(p));
        }
        let _ = writeln!(f, "  compensation: {}", m.compensation);
        if !m.criteria.is_empty() {
            let _ = writeln!(f, "  criteria: [{}]", m.criteria.join(", "));
        }
        f.push_str("  contact: \"Groupe d'appui – ambassade@smart.coop\"\n");
    }
    f.push_str("---\n");
    f.push_str(&ev.body);
    f
}

/// Start and end as RFC 3339 instants with the zone's offset (Hugo and Zola have no zones per
/// page); all-day events start at midnight.
fn instants(ev: &Ev) -> (String, String) {
    let tz: Tz = ev.tz.parse().expect("known zone");
    let fmt = |t: NaiveDateTime| {
        tz.from_local_datetime(&t)
            .earliest()
            .map(|t| t.to_rfc3339())
            .unwrap_or_else(|| format!("{}Z", t.format("%Y-%m-%dT%H:%M:%S")))
    };
    match ev.when {
        When::Timed { start, end } => (fmt(start), fmt(end)),
        When::AllDay { start, last } => (
            fmt(start.and_time(NaiveTime::MIN)),
            fmt((last + Duration::days(1)).and_time(NaiveTime::MIN)),
        ),
    }
}

fn hugo_file(ev: &Ev) -> String {
    let (start, end) = instants(ev);
    let mut f = String::from("---\n");
    let _ = writeln!(f, "title: {}", q(&ev.title));
    let _ = writeln!(f, "date: {start}");
    let _ = writeln!(f, "enddate: {end}");
    let _ = writeln!(f, "allday: {}", matches!(ev.when, When::AllDay { .. }));
    let _ = writeln!(f, "timezone: {}", ev.tz);
    let _ = writeln!(f, "status: {}", ev.status);
    let _ = writeln!(f, "uid: {}@ambassade.smart.coop", ev.slug);
    if let Some(r) = &ev.recurrence {
        let _ = writeln!(f, "recurrence: {r}");
    }
    if let Some(l) = &ev.location {
        let _ = writeln!(
            f,
            "location: {}",
            q(&format!("{}, {} {}", l.name, l.place.postal, l.place.city))
        );
    }
    if let Some(o) = &ev.online {
        let _ = writeln!(f, "online: {o}");
    }
    let _ = writeln!(f, "niveaux: [{}]", ev.level);
    let themes: Vec<String> = ev.themes.iter().map(|t| q(t)).collect();
    let _ = writeln!(f, "sujets: [{}]", themes.join(", "));
    if let Some(r) = ev.region {
        let _ = writeln!(f, "regions: [{}]", q(r));
    }
    f.push_str("---\n");
    f.push_str(&ev.body);
    f
}

/// A TOML basic string.
fn tq(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

fn zola_file(ev: &Ev) -> String {
    let (start, end) = instants(ev);
    let mut f = String::from("+++\n");
    let _ = writeln!(f, "title = {}", tq(&ev.title));
    let _ = writeln!(f, "date = {start}");
    let _ = writeln!(f, "slug = {}", tq(&ev.slug));
    f.push_str("[taxonomies]\n");
    let _ = writeln!(f, "niveaux = [{}]", tq(ev.level));
    let themes: Vec<String> = ev.themes.iter().map(|t| tq(t)).collect();
    let _ = writeln!(f, "sujets = [{}]", themes.join(", "));
    if let Some(r) = ev.region {
        let _ = writeln!(f, "regions = [{}]", tq(r));
    }
    f.push_str("[extra]\n");
    let _ = writeln!(f, "enddate = {}", tq(&end));
    let _ = writeln!(f, "timezone = {}", tq(ev.tz));
    let _ = writeln!(f, "status = {}", tq(ev.status));
    if let Some(l) = &ev.location {
        let _ = writeln!(
            f,
            "location = {}",
            tq(&format!("{}, {} {}", l.name, l.place.postal, l.place.city))
        );
    }
    f.push_str("+++\n");
    f.push_str(&ev.body);
    f
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_events() {
        let a: Vec<String> = generate(200, 7).iter().map(ambassade_file).collect();
        let b: Vec<String> = generate(200, 7).iter().map(ambassade_file).collect();
        assert_eq!(a, b);
    }

    #[test]
    fn slugs_are_addresses() {
        assert_eq!(slugify("Louvain-la-Neuve"), "louvain-la-neuve");
        assert_eq!(slugify("Liège"), "liege");
        assert_eq!(slugify("Montréal"), "montreal");
    }
}
