//! The open calls for volunteers (`Site::open_calls`): their page `/missions/`, the home
//! page's block, their Atom and calendar feeds, and the page on proposing an intervention.
//! Volunteering is a `mailto:` to the support group with the mission filled in (no form, no
//! script).

use serde_json::{json, Value};

use super::ics::FeedSpec;
use super::page::PageMeta;
use super::{atom, RenderCx, Section};
use crate::model::Event;
use crate::output::{Body, Output};
use crate::routes::url;
use crate::site::missions::{recipient, Listing};

/// The label the mission sheet gives value `key` of its choice field `field`: the page says
/// what the sheet says (`check` made sure the sheet offers every value an event uses).
fn sheet_label(cx: &RenderCx, field: &str, key: &str) -> String {
    cx.site
        .content
        .sheets
        .mission
        .sections
        .iter()
        .flat_map(|s| &s.fields)
        .find(|f| f.id.as_deref() == Some(field))
        .and_then(|f| f.options.iter().find(|o| o.id.as_deref() == Some(key)))
        .map_or_else(|| key.to_string(), |o| o.label.clone())
}

/// Where the event takes place, in one line: its place's name, address and city, or online.
fn place(ev: &Event) -> Option<String> {
    let parts: Vec<String> = ev
        .location
        .iter()
        .flat_map(|l| [&l.name, &l.address, &l.city])
        .flatten()
        .cloned()
        .collect();
    (!parts.is_empty()).then(|| parts.join(", "))
}

/// `pattern` with `{title}`, `{date}` and `{url}` filled in.
fn fill(pattern: &str, title: &str, date: &str, url: &str) -> String {
    pattern
        .replace("{title}", title)
        .replace("{date}", date)
        .replace("{url}", url)
}

impl RenderCx {
    /// An open call's template variables (`/missions/` and the home page).
    fn open_call(&self, l: &Listing) -> Value {
        let ev = self.site.event(&l.occurrence);
        let (Some(m), Some(call)) = (
            ev.mission.as_ref(),
            ev.mission.as_ref().and_then(|m| m.open.as_ref()),
        ) else {
            return Value::Null;
        };
        let when = self.words().when(&l.occurrence.when);
        let page = self.absolute(&self.link(&url::event(&ev.slug)));
        let words = &self.theme.words.missions;
        let to = recipient(
            m.contact.as_deref(),
            &self.site.content.config.organisation.email,
        );
        let mailto = url::mailto(
            to,
            &fill(&words.volunteer_subject, &ev.title, &when, &page),
            &fill(&words.volunteer_body, &ev.title, &when, &page),
        );
        // Names only with consent; the template names the others by their role.
        let staff: Vec<Value> = ev
            .representatives
            .iter()
            .filter(|r| r.role == crate::model::Role::Staff)
            .map(|r| json!({ "name": r.public_name }))
            .collect();
        let languages: Vec<String> = call
            .languages
            .iter()
            .map(|code| {
                self.theme.t["languages"][code.as_str()]
                    .as_str()
                    .unwrap_or(code)
                    .to_string()
            })
            .collect();
        let wanted = !(call.themes.is_empty()
            && call.sectors.is_empty()
            && languages.is_empty()
            && call.regions.is_empty());
        let (start_iso, _) = self.iso(ev, &l.occurrence.when);
        json!({
            "slug": ev.slug, "id": format!("mission-{}", ev.slug), "title": ev.title,
            "url": self.link(&url::event(&ev.slug)), "when": when, "start_iso": start_iso,
            "tentative": ev.status == crate::model::Status::Tentative,
            "place": place(ev), "online": ev.online.is_some(),
            "intervention": m.intervention.map(|i| sheet_label(self, "intervention", i.key())),
            "venue": m.venue.map(|v| sheet_label(self, "venue", v.key())),
            "compensation": m.compensation.map(|c| sheet_label(self, "compensation", c.key())),
            "audience": m.audience, "objectives_html": m.objectives_html,
            "staff": staff,
            "seats": call.seats, "seats_left": l.seats_left, "one_left": l.seats_left == 1,
            "deadline": self.words().date(call.deadline), "deadline_iso": call.deadline.to_string(),
            "wanted": wanted, "themes": call.themes, "sectors": call.sectors,
            "languages": languages, "regions": call.regions,
            "volunteer_url": mailto, "sheet_url": self.link(&url::event_sheet(&ev.slug)),
        })
    }

    /// The first `n` open calls' variables.
    pub fn open_calls(&self, n: usize) -> Vec<Value> {
        self.site
            .open_calls
            .iter()
            .take(n)
            .map(|l| self.open_call(l))
            .collect()
    }
}

/// `/missions/`: every open call, or a word that there is none and how to propose one.
pub fn page(cx: &RenderCx, out: &mut Output) {
    let calls = cx.open_calls(usize::MAX);
    cx.page(
        "missions.html",
        PageMeta::with_site_description(
            cx,
            cx.theme.words.titles.missions.clone(),
            &cx.link(url::MISSIONS),
            Section::Missions,
        ),
        json!({
            "calls": calls, "propose_url": cx.link(url::MISSIONS_PROPOSE),
            "atom_url": cx.link(url::MISSIONS_ATOM), "feed_url": cx.link(url::MISSIONS_FEED),
        }),
        out,
    );
}

/// `/missions/proposer/`: what to send to propose an intervention, the blank mission sheet
/// and a `mailto:` with the outline of the message.
pub fn propose(cx: &RenderCx, out: &mut Output) {
    let words = &cx.theme.words.missions;
    let c = &cx.site.content;
    let mailto = url::mailto(
        &c.config.organisation.email,
        &words.propose_subject,
        &words.propose_body,
    );
    cx.page(
        "missions_propose.html",
        PageMeta::with_site_description(
            cx,
            cx.theme.words.titles.missions_propose.clone(),
            &cx.link(url::MISSIONS_PROPOSE),
            Section::Missions,
        ),
        json!({
            "propose_mailto": mailto, "email": c.config.organisation.email,
            "sheet_url": cx.link(url::MISSION_SHEET), "missions_url": cx.link(url::MISSIONS),
        }),
        out,
    );
}

/// The Atom feed of the open calls: one entry per call, linked to its place on `/missions/`.
pub fn atom(cx: &RenderCx) -> String {
    let mut entries = String::new();
    let mut newest = None;
    for l in &cx.site.open_calls {
        let ev = cx.site.event(&l.occurrence);
        let Some(call) = ev.mission.as_ref().and_then(|m| m.open.as_ref()) else {
            continue;
        };
        newest = newest.max(Some(ev.stamp.at));
        let link = format!("{}#mission-{}", url::MISSIONS, ev.slug);
        let summary = cx
            .theme
            .words
            .missions
            .atom_summary
            .replace("{date}", &cx.words().when(&l.occurrence.when))
            .replace("{seats}", &l.seats_left.to_string())
            .replace("{deadline}", &cx.words().date(call.deadline));
        entries.push_str(&atom::entry(cx, &ev.title, &link, ev.stamp.at, &summary));
    }
    let title = cx
        .theme
        .words
        .missions
        .atom_title
        .replace("{site}", &cx.site.content.config.title);
    atom::document(
        cx,
        &title,
        url::MISSIONS,
        url::MISSIONS_ATOM,
        &entries,
        newest,
    )
}

/// The calendar feed of the events with an open call, each with its own UID.
pub fn feed_file(cx: &RenderCx, out: &mut Output) {
    let words = &cx.theme.words.missions;
    let site = &cx.site.content.config.title;
    let spec = FeedSpec {
        name: words.feed_name.replace("{site}", site),
        description: words.feed_description.replace("{site}", site),
        events: cx
            .site
            .open_calls
            .iter()
            .map(|l| l.occurrence.event)
            .collect(),
    };
    let text = cx.calendar(&spec, &cx.link(url::MISSIONS));
    out.add(
        url::file_for(&cx.link(url::MISSIONS_FEED)),
        Body::Bytes(text.into_bytes()),
    );
}
