//! Serde structs that mirror the content files one to one. Unknown fields are rejected so that
//! a typo is an error, not a silently ignored setting. Dates, URLs and references stay strings
//! here; `validate` turns them into the types of `crate::model`.

use serde::Deserialize;

use crate::model::{
    Axis, Compensation, Criterion, FieldKind, Intervention, KitKind, Level, Role, Status, Venue,
};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SiteFile {
    pub title: String,
    pub description: String,
    pub base_url: String,
    pub language: Option<String>,
    pub timezone: Option<String>,
    pub theme: Option<String>,
    pub organisation: OrganisationRaw,
    pub join_page: Option<String>,
    #[serde(default)]
    pub allow_raw_html: bool,
    pub feed_past_days: Option<u32>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OrganisationRaw {
    pub name: String,
    pub email: String,
    pub url: Option<String>,
    pub phone: Option<String>,
    pub address: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BaselineFile {
    pub statement: String,
    pub explanation: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AxesFile {
    pub axes: Vec<AxisRaw>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AxisRaw {
    pub axis: Axis,
    pub title: String,
    pub summary: String,
    pub description: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CharterFile {
    pub title: String,
    pub introduction: String,
    pub commitments: Vec<CommitmentRaw>,
    pub conclusion: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CommitmentRaw {
    pub title: String,
    pub text: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LexiconFile {
    pub introduction: Option<String>,
    pub terms: Vec<TermRaw>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TermRaw {
    pub term: String,
    pub id: Option<String>,
    pub definition: String,
    #[serde(default)]
    pub see_also: Vec<String>,
    #[serde(default)]
    pub not_to_confuse: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KitFile {
    pub introduction: Option<String>,
    pub items: Vec<KitItemRaw>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KitItemRaw {
    pub title: String,
    pub id: Option<String>,
    pub kind: KitKind,
    pub description: String,
    pub audience: Option<String>,
    pub language: String,
    pub updated: String,
    pub file: Option<String>,
    pub url: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NetworksFile {
    pub introduction: Option<String>,
    pub networks: Vec<NetworkRaw>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NetworkRaw {
    pub name: String,
    pub id: Option<String>,
    pub url: Option<String>,
    pub level: Level,
    pub sector: Option<String>,
    pub territory: Option<String>,
    pub description: Option<String>,
    pub member_since: Option<u16>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PageFront {
    pub title: String,
    pub description: Option<String>,
    pub menu: Option<i32>,
    #[serde(default)]
    pub draft: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EventFront {
    pub title: String,
    pub start: String,
    pub end: Option<String>,
    pub timezone: Option<String>,
    pub recurrence: Option<String>,
    #[serde(default)]
    pub exceptions: Vec<String>,
    #[serde(default = "default_status")]
    pub status: Status,
    pub location: Option<LocationRaw>,
    pub online: Option<String>,
    pub level: Level,
    pub axis: Option<Axis>,
    #[serde(default)]
    pub themes: Vec<String>,
    pub region: Option<String>,
    #[serde(default)]
    pub representatives: Vec<RepresentativeRaw>,
    pub mission: Option<MissionRaw>,
    pub uid: Option<String>,
    pub updated: Option<String>,
    #[serde(default)]
    pub sequence: u32,
    #[serde(default)]
    pub draft: bool,
}

fn default_status() -> Status {
    Status::Confirmed
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LocationRaw {
    pub name: Option<String>,
    pub address: Option<String>,
    pub postal_code: Option<String>,
    pub city: Option<String>,
    pub country: Option<String>,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RepresentativeRaw {
    pub name: String,
    pub role: Role,
    #[serde(default)]
    pub public: bool,
    /// Private: kept for the support group, never published.
    #[allow(dead_code)]
    pub email: Option<String>,
    /// Private: kept for the support group, never published.
    #[allow(dead_code)]
    pub phone: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MissionRaw {
    pub intervention: Option<Intervention>,
    pub audience: Option<String>,
    pub venue: Option<Venue>,
    pub objectives: Option<String>,
    pub expectations: Option<String>,
    pub preparation: Option<String>,
    pub compensation: Option<Compensation>,
    #[serde(default)]
    pub criteria: Vec<Criterion>,
    pub contact: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SheetFile {
    pub title: String,
    pub introduction: Option<String>,
    pub sections: Vec<SheetSectionRaw>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SheetSectionRaw {
    pub title: String,
    pub fields: Vec<SheetFieldRaw>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SheetFieldRaw {
    pub label: String,
    pub kind: FieldKind,
    pub id: Option<String>,
    pub help: Option<String>,
    pub lines: Option<u8>,
    #[serde(default)]
    pub options: Vec<String>,
    #[serde(default)]
    pub rows: Vec<String>,
    #[serde(default)]
    pub columns: Vec<String>,
}
