//! Ambassadors' private profiles (`private/ambassadeurs/<id>.yaml`), checked against the
//! identification sheet. They are never part of `Content`: only `check --private`, `match` and
//! `sheets` read them, and nothing of them reaches the site.

use std::collections::BTreeMap;
use std::path::PathBuf;

use chrono::NaiveDate;

use super::Slug;

/// One ambassador's answers to the identification sheet, keyed by the sheet's field ids.
#[derive(Debug, Clone)]
pub struct PrivateProfile {
    /// The file's name: the id events give in `representatives[].id`.
    pub id: Slug,
    /// The file, as shown in messages.
    pub source: PathBuf,
    pub values: BTreeMap<String, ProfileValue>,
}

/// A value of a profile, typed by its field's kind.
#[derive(Debug, Clone, PartialEq)]
pub enum ProfileValue {
    /// `text` and `lines` (a list of lines is joined with line breaks).
    Text(String),
    /// `choice`.
    Choice(Pick),
    /// `multichoice`, in the sheet's order.
    Choices(Vec<Pick>),
    /// `grid`: the ticked cells, row by row.
    Cells(Vec<Cell>),
    /// `yesno`.
    YesNo(bool),
    Date(NaiveDate),
    /// `charter`: signed or not.
    Charter(bool),
}

/// An option of a `choice` or `multichoice` field: its place among the options and its label.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pick {
    pub index: usize,
    pub label: String,
}

/// A ticked cell of a grid, by row and column index.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Cell {
    pub row: usize,
    pub column: usize,
}

impl PrivateProfile {
    /// The text of a `text` or `lines` field.
    pub fn text(&self, field: &str) -> Option<&str> {
        match self.values.get(field)? {
            ProfileValue::Text(t) => Some(t),
            _ => None,
        }
    }

    /// The option picked in a `choice` field.
    pub fn choice(&self, field: &str) -> Option<&Pick> {
        match self.values.get(field)? {
            ProfileValue::Choice(p) => Some(p),
            _ => None,
        }
    }

    /// The items of a field: the options picked, or a text's lines and comma- or
    /// semicolon-separated parts (`themes: "culture, numérique"`).
    pub fn items(&self, field: &str) -> Vec<&str> {
        match self.values.get(field) {
            Some(ProfileValue::Text(t)) => t
                .split(['\n', ',', ';'])
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .collect(),
            Some(ProfileValue::Choice(p)) => vec![p.label.as_str()],
            Some(ProfileValue::Choices(ps)) => ps.iter().map(|p| p.label.as_str()).collect(),
            _ => Vec::new(),
        }
    }

    /// The name to show the support group: the `name` field, else the id.
    pub fn display_name(&self) -> &str {
        self.text("name").unwrap_or(self.id.as_str())
    }
}
