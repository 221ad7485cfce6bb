//! Serde structs that mirror the content files one to one. Unknown fields are rejected so that
//! a typo is an error, not a silently ignored setting. Dates, URLs and references stay strings
//! here; the module of each kind (`config`, `kit`, `events`…) turns them into the types of
//! `crate::model`.
//!
//! The same structs give the JSON Schemas of `ambassade schema` (`crate::schema`): their doc
//! comments become the descriptions editors see in their editor, so they are written for
//! editors, like the README's content reference.

use schemars::JsonSchema;
use serde::Deserialize;

use crate::model::{
    Axis, Compensation, Criterion, FieldKind, Intervention, KitKind, Level, Role, Status, Venue,
};

/// `content/site.yaml`: the site's settings.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SiteFile {
    /// The site's name, shown in the header and the browser tab.
    pub title: String,
    /// One sentence for search engines and link previews.
    pub description: String,
    /// The public address, `https://…` (a build may override it with `--base-url`).
    pub base_url: String,
    /// Language of the site and of its interface texts (default `fr`).
    pub language: Option<String>,
    /// The site's languages, the first served at `/` and the others under `/<code>/`
    /// (`[fr, nl]`); translations sit beside the originals (`events/<slug>.nl.md`).
    pub languages: Option<Vec<String>>,
    /// IANA time-zone name used for events without their own (default `Europe/Brussels`).
    pub timezone: Option<String>,
    /// A theme folder `themes/<name>/` beside `content/` that overrides the built-in theme.
    pub theme: Option<String>,
    /// The organisation behind the site.
    pub organisation: OrganisationRaw,
    /// Slug of the page the home page's "become an ambassador" call points to.
    pub join_page: Option<String>,
    /// `true` lets raw HTML in Markdown through unfiltered; leave it off.
    #[serde(default)]
    pub allow_raw_html: bool,
    /// Past events older than this many days leave the calendar feeds (default 180).
    pub feed_past_days: Option<u32>,
}

/// The organisation behind the site.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OrganisationRaw {
    /// Its name.
    pub name: String,
    /// The public contact address.
    pub email: String,
    /// Its website.
    pub url: Option<String>,
    /// Its public phone number.
    pub phone: Option<String>,
    /// Its postal address.
    pub address: Option<String>,
}

/// `content/baseline.yaml`: what an ambassador is, in one line.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BaselineFile {
    /// One line: what a SMart ambassador is.
    pub statement: String,
    /// Markdown: a short explanation under the statement.
    pub explanation: String,
}

/// `content/axes.yaml`: the three axes of representation.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AxesFile {
    /// Exactly the three axes, each once, in the order they should appear.
    pub axes: Vec<AxisRaw>,
}

/// One axis of representation.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AxisRaw {
    /// Which axis: `promote`, `inform` or `defend`.
    pub axis: Axis,
    /// Short title, e.g. "Promouvoir le modèle coopératif".
    pub title: String,
    /// One sentence.
    pub summary: String,
    /// Markdown.
    pub description: Option<String>,
}

/// `content/charter.yaml`: the charter and its commitments.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CharterFile {
    /// The charter's title.
    pub title: String,
    /// Markdown.
    pub introduction: String,
    /// What an ambassador commits to (at least one).
    pub commitments: Vec<CommitmentRaw>,
    /// Markdown, after the list.
    pub conclusion: Option<String>,
}

/// One commitment of the charter.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CommitmentRaw {
    /// The commitment, one sentence ("Je ne parle que de ce que je connais.").
    pub title: String,
    /// Markdown: what it means in practice.
    pub text: Option<String>,
}

/// `content/lexicon.yaml`: the lexicon.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LexiconFile {
    /// Markdown.
    pub introduction: Option<String>,
    /// The terms, in any order (the page sorts them A–Z).
    pub terms: Vec<TermRaw>,
}

/// One term of the lexicon.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TermRaw {
    /// The term as written ("Sociétaire").
    pub term: String,
    /// Its anchor, `/lexique/#<id>`; default: made from the term. Never change it once
    /// published: links point to it.
    pub id: Option<String>,
    /// Markdown.
    pub definition: String,
    /// Ids of other terms.
    #[serde(default)]
    pub see_also: Vec<String>,
    /// Ids of other terms this term must not be confused with.
    #[serde(default)]
    pub not_to_confuse: Vec<String>,
}

/// `content/kit.yaml`: the representation kit.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct KitFile {
    /// Markdown.
    pub introduction: Option<String>,
    /// The kit's items.
    pub items: Vec<KitItemRaw>,
}

/// One item of the representation kit: a `file` inside `content/` or a `url`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct KitItemRaw {
    /// The item's title.
    pub title: String,
    /// Anchor on `/kit/`; default: made from the title.
    pub id: Option<String>,
    /// What kind of item this is.
    pub kind: KitKind,
    /// Markdown.
    pub description: String,
    /// Context and audience it is made for.
    pub audience: Option<String>,
    /// Language code of the item: `fr`, `nl`, `en`, `de`…
    pub language: String,
    /// Date of its last update, YYYY-MM-DD.
    pub updated: String,
    /// Path of a file inside `content/` (e.g. `kit/carte-de-visite.pdf`), copied to the site.
    /// Give either `file` or `url`.
    pub file: Option<String>,
    /// Address of the item elsewhere (a video, a shared folder). Give either `file` or `url`.
    pub url: Option<String>,
}

/// `content/networks.yaml`: the networks SMart belongs to.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NetworksFile {
    /// Markdown.
    pub introduction: Option<String>,
    /// The networks.
    pub networks: Vec<NetworkRaw>,
}

/// One network SMart belongs to.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NetworkRaw {
    /// The network's name.
    pub name: String,
    /// Anchor on `/reseaux/`; default: made from the name.
    pub id: Option<String>,
    /// Its website, `https://…`.
    pub url: Option<String>,
    /// The level at which it operates.
    pub level: Level,
    /// Sector or theme ("Économie sociale", "Arts de la scène").
    pub sector: Option<String>,
    /// Territory ("Bruxelles", "Wallonie", "Union européenne").
    pub territory: Option<String>,
    /// Markdown.
    pub description: Option<String>,
    /// Year SMart joined (`2016`).
    pub member_since: Option<u16>,
}

/// The front matter of `content/pages/<slug>.md`, a page published at `/<slug>/`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PageFront {
    /// The page's title.
    pub title: String,
    /// One sentence for search engines.
    pub description: Option<String>,
    /// A number: the page appears in the main menu, ordered by this number.
    pub menu: Option<i32>,
    /// `true`: built only with `--drafts`.
    #[serde(default)]
    pub draft: bool,
}

/// The front matter of `content/ambassadeurs/<id>.md`: the public profile of an ambassador
/// who agreed to be listed at `/ambassadeurs/<id>/`. It never holds an e-mail or a phone
/// number: people reach an ambassador through the support group.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AmbassadorFront {
    /// The name shown on the site.
    pub name: String,
    /// Themes they can speak about (`[culture, numérique]`).
    #[serde(default)]
    pub themes: Vec<String>,
    /// Professional sectors (`[arts de la scène]`).
    #[serde(default)]
    pub sectors: Vec<String>,
    /// Regions where they can go (`[Bruxelles, Wallonie]`).
    #[serde(default)]
    pub regions: Vec<String>,
    /// Languages, among the identification sheet's options (`[français, anglais]`).
    #[serde(default)]
    pub languages: Vec<String>,
    /// An image inside `content/` (`photos/amina-benali.svg`), copied to the site.
    pub photo: Option<String>,
    /// What the photo shows, for people who cannot see it (default: "Portrait de <name>").
    pub photo_alt: Option<String>,
    /// The year they became an ambassador.
    pub since: Option<u16>,
}

/// The front matter of `content/events/<slug>.md`, an event published at `/agenda/<slug>/`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EventFront {
    /// The event's title.
    pub title: String,
    /// `YYYY-MM-DDTHH:MM` for a timed event, `YYYY-MM-DD` for an all-day event, in local time
    /// of the event's time zone.
    pub start: String,
    /// Same form as `start`; for an all-day event the last day, inclusive.
    pub end: Option<String>,
    /// IANA zone of `start` and `end` (`America/Montreal`); default: the site's.
    pub timezone: Option<String>,
    /// An RFC 5545 rule, e.g. `FREQ=MONTHLY;BYDAY=1TU;COUNT=10`; `start` must be one of its
    /// occurrences. Upper or lower case; `UNTIL` may be a date (`UNTIL=2027-06-30`).
    pub recurrence: Option<String>,
    /// The same without RFC 5545: `every: month`, `on: tuesday`, `which: first`, `until` or
    /// `times`, `except`. Use `repeat` or `recurrence`, not both.
    pub repeat: Option<RepeatRaw>,
    /// Dates (YYYY-MM-DD) of occurrences that do not take place.
    #[serde(default)]
    pub exceptions: Vec<String>,
    /// `confirmed` (default), `tentative` or `cancelled`.
    #[serde(default = "default_status")]
    pub status: Status,
    /// Where the event takes place.
    pub location: Option<LocationRaw>,
    /// Address of the online event (stream, video call).
    pub online: Option<String>,
    /// The level at which SMart is represented.
    pub level: Level,
    /// The axis of representation.
    pub axis: Option<Axis>,
    /// Themes (`[coopération, culture]`).
    #[serde(default)]
    pub themes: Vec<String>,
    /// Region (`Bruxelles`, `Wallonie`, `Flandre`…).
    pub region: Option<String>,
    /// Who represents SMart (the binôme).
    #[serde(default)]
    pub representatives: Vec<RepresentativeRaw>,
    /// The mission sheet of this event.
    pub mission: Option<MissionRaw>,
    /// The report of the event, published on its page once it is past.
    pub report: Option<ReportRaw>,
    /// A permanent identifier for calendars; default `<slug>@<site host>`. Never change it once
    /// published.
    pub uid: Option<String>,
    /// Date-time (YYYY-MM-DDTHH:MM) of the last significant change; calendar apps use it to
    /// refresh the event.
    pub updated: Option<String>,
    /// Raise it by one each time the date, time or place changes (default 0).
    #[serde(default)]
    pub sequence: u32,
    /// `true`: built only with `--drafts`.
    #[serde(default)]
    pub draft: bool,
}

fn default_status() -> Status {
    Status::Confirmed
}

/// Where an event takes place.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LocationRaw {
    /// Name of the place ("Tour & Taxis").
    pub name: Option<String>,
    /// Street and number.
    pub address: Option<String>,
    /// Postal code, as text (`"1000"`).
    pub postal_code: Option<String>,
    /// City.
    pub city: Option<String>,
    /// Two-letter country code (`BE`).
    pub country: Option<String>,
    /// Latitude in degrees, for the map.
    pub latitude: Option<f64>,
    /// Longitude in degrees, for the map.
    pub longitude: Option<f64>,
}

/// A person representing SMart at an event.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RepresentativeRaw {
    /// The ambassador's id: their file `ambassadeurs/<id>.md` when they agreed to a public
    /// profile, and their private file `<id>.yaml` for the support group.
    pub id: Option<String>,
    /// The person's name (published only with `public: true`). May be left out when `id` is
    /// given: the public profile, if any, names them.
    pub name: Option<String>,
    /// `ambassador`, `staff` or `board`.
    pub role: Role,
    /// `true` to show the name publicly; otherwise only the role is shown. With an `id`, the
    /// public profile `ambassadeurs/<id>.md` is the consent instead.
    #[serde(default)]
    pub public: bool,
    /// Private: kept for the support group, never published.
    #[allow(dead_code)]
    pub email: Option<String>,
    /// Private: kept for the support group, never published.
    #[allow(dead_code)]
    pub phone: Option<String>,
}

/// The mission sheet of an event (every field optional).
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MissionRaw {
    /// The kind of intervention.
    pub intervention: Option<Intervention>,
    /// The audience, in words.
    pub audience: Option<String>,
    /// The kind of venue.
    pub venue: Option<Venue>,
    /// Markdown.
    pub objectives: Option<String>,
    /// Markdown.
    pub expectations: Option<String>,
    /// Markdown.
    pub preparation: Option<String>,
    /// How the mission is compensated.
    pub compensation: Option<Compensation>,
    /// Criteria for choosing who goes.
    #[serde(default)]
    pub criteria: Vec<Criterion>,
    /// The support-group contact.
    pub contact: Option<String>,
    /// An open call: ambassadors may volunteer for this mission until its deadline.
    pub open: Option<OpenCallRaw>,
}

/// An open call for volunteers (`mission: open:`).
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OpenCallRaw {
    /// How many ambassadors are wanted (1 when not given).
    #[serde(default = "one_seat")]
    #[schemars(range(min = 1))]
    pub seats: u32,
    /// The last day to volunteer, `YYYY-MM-DD`.
    pub deadline: String,
    /// Themes the ambassadors should be able to speak about.
    #[serde(default)]
    pub themes: Vec<String>,
    /// Professional sectors wanted.
    #[serde(default)]
    pub sectors: Vec<String>,
    /// Languages the mission is held in.
    #[serde(default)]
    pub languages: Vec<String>,
    /// Regions the ambassadors should come from or be able to travel to.
    #[serde(default)]
    pub regions: Vec<String>,
    /// `true` when the support group has found everyone, before naming them.
    #[serde(default)]
    pub closed: bool,
}

/// The public report of an event (`report:`). Organisations only, never private people; the
/// evaluation and internal remarks stay off the site.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ReportRaw {
    /// When the report was written, `YYYY-MM-DD` (not before the event).
    pub date: String,
    /// Markdown: what happened, what was said.
    pub summary: Option<String>,
    /// Markdown: the messages the representatives carried.
    pub messages: Option<String>,
    /// Markdown: the organisations met (organisations and functions, never people's names).
    pub organisations: Option<String>,
    /// Markdown: the questions brought back to the cooperative.
    pub questions: Option<String>,
}

fn one_seat() -> u32 {
    1
}

/// `content/sheets/mission.yaml` or `content/sheets/identification.yaml`: a printable form.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SheetFile {
    /// The sheet's title.
    pub title: String,
    /// Markdown.
    pub introduction: Option<String>,
    /// The sections of the form.
    pub sections: Vec<SheetSectionRaw>,
}

/// One section of a printable form.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SheetSectionRaw {
    /// The section's title.
    pub title: String,
    /// The fields of the section.
    pub fields: Vec<SheetFieldRaw>,
}

/// One field of a printable form.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SheetFieldRaw {
    /// The question as printed.
    pub label: String,
    /// How the field is printed.
    pub kind: FieldKind,
    /// A name for the field; on the mission sheet some ids are filled from the event.
    pub id: Option<String>,
    /// A short hint printed under the label.
    pub help: Option<String>,
    /// Number of ruled lines, for `lines` (default 3).
    pub lines: Option<u8>,
    /// The options, for `choice` and `multichoice`: each a label, or on the mission sheet's
    /// `intervention`, `venue`, `axis`, `compensation` and `criteria` fields `{ id, label }`,
    /// the id being the value an event's `mission:` block (or `axis:`) writes.
    #[serde(default)]
    pub options: Vec<SheetOptionRaw>,
    /// The row headings, for `grid`.
    #[serde(default)]
    pub rows: Vec<String>,
    /// The column headings, for `grid`.
    #[serde(default)]
    pub columns: Vec<String>,
}

/// How an event repeats, in words rather than an RFC 5545 rule. `start` is the first time.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RepeatRaw {
    /// `day`, `week`, `month` or `year` (also `jour`, `semaine`, `mois`, `an`).
    pub every: Every,
    /// Every two weeks: `every: week` and `interval: 2` (default 1).
    pub interval: Option<u16>,
    /// The day of the week, or several: `tuesday` or `[monday, thursday]` (also `mardi`…).
    #[serde(default, deserialize_with = "one_or_many")]
    #[schemars(with = "OneOrMany<Weekday>")]
    pub on: Vec<Weekday>,
    /// With `every: month` or `year` and `on`: which one of the month, `first`, `second`,
    /// `third`, `fourth`, `fifth` or `last` (also `premier`, `dernier`…). Several days and
    /// `which: last`: the last of those days in the month (e.g. the last weekday).
    pub which: Option<Which>,
    /// The last day it may take place (YYYY-MM-DD). Or `times`; without either it goes on.
    pub until: Option<String>,
    /// How many times in all, the first included.
    pub times: Option<u32>,
    /// Dates (YYYY-MM-DD) on which it does not take place.
    #[serde(default)]
    pub except: Vec<String>,
}

/// A value written alone or as a list.
#[derive(JsonSchema)]
#[serde(untagged)]
#[allow(dead_code)]
enum OneOrMany<T> {
    One(T),
    Many(Vec<T>),
}

/// A list, or one value written alone (`on: tuesday`). Written by hand rather than as an
/// untagged enum, whose error ("did not match any variant") would hide the real one.
fn one_or_many<'de, D, T>(d: D) -> Result<Vec<T>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Deserialize<'de>,
{
    use serde::de::{value::StrDeserializer, Error, SeqAccess, Visitor};
    struct V<T>(std::marker::PhantomData<T>);
    impl<'de, T: Deserialize<'de>> Visitor<'de> for V<T> {
        type Value = Vec<T>;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a value or a list of values")
        }
        fn visit_str<E: Error>(self, s: &str) -> Result<Vec<T>, E> {
            T::deserialize(StrDeserializer::<E>::new(s)).map(|t| vec![t])
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<T>, A::Error> {
            let mut out = Vec::new();
            while let Some(t) = seq.next_element()? {
                out.push(t);
            }
            Ok(out)
        }
    }
    d.deserialize_any(V(std::marker::PhantomData))
}

/// How often an event repeats.
#[derive(Debug, Clone, Copy, PartialEq, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
// The schema lists the French words too (schemars leaves aliases out).
#[schemars(extend("enum" = ["day", "jour", "week", "semaine", "month", "mois", "year", "an", "année", "annee"]))]
pub enum Every {
    #[serde(alias = "jour")]
    Day,
    #[serde(alias = "semaine")]
    Week,
    #[serde(alias = "mois")]
    Month,
    #[serde(alias = "an", alias = "année", alias = "annee")]
    Year,
}

/// A day of the week.
#[derive(Debug, Clone, Copy, PartialEq, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
#[schemars(extend("enum" = ["monday", "lundi", "tuesday", "mardi", "wednesday", "mercredi", "thursday", "jeudi", "friday", "vendredi", "saturday", "samedi", "sunday", "dimanche"]))]
pub enum Weekday {
    #[serde(alias = "lundi")]
    Monday,
    #[serde(alias = "mardi")]
    Tuesday,
    #[serde(alias = "mercredi")]
    Wednesday,
    #[serde(alias = "jeudi")]
    Thursday,
    #[serde(alias = "vendredi")]
    Friday,
    #[serde(alias = "samedi")]
    Saturday,
    #[serde(alias = "dimanche")]
    Sunday,
}

/// Which one of the month.
#[derive(Debug, Clone, Copy, PartialEq, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
#[schemars(extend("enum" = ["first", "premier", "première", "1er", "1re", "second", "deuxième", "seconde", "2e", "third", "troisième", "3e", "fourth", "quatrième", "4e", "fifth", "cinquième", "5e", "last", "dernier", "dernière"]))]
pub enum Which {
    #[serde(alias = "premier", alias = "première", alias = "1er", alias = "1re")]
    First,
    #[serde(alias = "deuxième", alias = "second", alias = "seconde", alias = "2e")]
    Second,
    #[serde(alias = "troisième", alias = "3e")]
    Third,
    #[serde(alias = "quatrième", alias = "4e")]
    Fourth,
    #[serde(alias = "cinquième", alias = "5e")]
    Fifth,
    #[serde(alias = "dernier", alias = "dernière")]
    Last,
}

/// One option of a `choice` or `multichoice` field: its label (`Oui`), or an id and a label
/// (`{ id: fair, label: Salon }`).
#[derive(Debug, JsonSchema)]
#[serde(untagged)]
pub enum SheetOptionRaw {
    /// The option as printed.
    Label(String),
    /// An option ticked when an event says `id`.
    Choice(SheetChoiceRaw),
}

/// An option of the mission sheet bound to a value an event writes.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SheetChoiceRaw {
    /// The value an event writes to tick this option (`fair` for `mission: { venue: fair }`).
    #[schemars(schema_with = "choice_id_schema")]
    pub id: String,
    /// The option as printed (`Salon`).
    pub label: String,
}

/// Every id a `SheetChoice` field may use, so that editors complete and check them.
fn choice_id_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
    let mut ids: Vec<&str> = crate::model::SheetChoice::ALL
        .iter()
        .flat_map(|c| c.values())
        .collect();
    ids.sort_unstable();
    ids.dedup();
    schemars::json_schema!({ "type": "string", "enum": ids })
}

// Written by hand rather than `#[serde(untagged)]`, whose error names no field: a misspelt
// key inside `{ id, label }` is reported as such.
impl<'de> Deserialize<'de> for SheetOptionRaw {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visit;
        impl<'de> serde::de::Visitor<'de> for Visit {
            type Value = SheetOptionRaw;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("an option's label, or `{ id: …, label: … }`")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<SheetOptionRaw, E> {
                Ok(SheetOptionRaw::Label(v.to_string()))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                map: A,
            ) -> Result<SheetOptionRaw, A::Error> {
                let d = serde::de::value::MapAccessDeserializer::new(map);
                SheetChoiceRaw::deserialize(d).map(SheetOptionRaw::Choice)
            }
        }
        d.deserialize_any(Visit)
    }
}

/// `content/site.<lang>.yaml`: the site's title and description in another language.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SiteTextsFile {
    /// The site's name in that language.
    pub title: Option<String>,
    /// Its one-sentence description in that language.
    pub description: Option<String>,
}

/// `events/<slug>.<lang>.md`: an event's words in another language. Everything else (level,
/// themes, people, mission choices…) comes from the original; dates, zone and rule may be
/// repeated, and must then be the original's.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EventTextFront {
    /// The title in that language.
    pub title: String,
    /// The original's start, repeated (checked to be the same).
    pub start: Option<String>,
    /// The original's end, repeated (checked to be the same).
    pub end: Option<String>,
    /// The original's time zone, repeated (checked to be the same).
    pub timezone: Option<String>,
    /// The original's rule, repeated (checked to be the same).
    pub recurrence: Option<String>,
    /// The place's words in that language (its other fields come from the original).
    pub location: Option<LocationTextRaw>,
    /// The mission's words in that language.
    pub mission: Option<MissionTextRaw>,
}

/// The translatable words of a place.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LocationTextRaw {
    pub name: Option<String>,
    pub address: Option<String>,
    pub city: Option<String>,
}

/// The translatable words of a mission.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MissionTextRaw {
    pub audience: Option<String>,
    /// Markdown.
    pub objectives: Option<String>,
    /// Markdown.
    pub expectations: Option<String>,
    /// Markdown.
    pub preparation: Option<String>,
    pub contact: Option<String>,
}
