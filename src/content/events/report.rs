//! An event's `report:` block checked into a `model::Report`: a date not before the event, at
//! least one part written, and a warning when the event is not over yet (the report then stays
//! off the site until it is).

use chrono::NaiveDate;

use crate::content::files::FileCx;
use crate::content::raw::ReportRaw;
use crate::markdown;
use crate::model::{Report, ReportPart, When};
use crate::msg;

/// The report of an event happening at `when` (its first occurrence); `page` is the event's
/// page, which relative links in the plain text are relative to.
pub(super) fn report(
    raw: &ReportRaw,
    when: Option<&When>,
    today: NaiveDate,
    page: Option<&url::Url>,
    cx: &mut FileCx,
) -> Option<Report> {
    let date = cx.date("report.date", &raw.date);
    let part = |s: &Option<String>| -> Option<ReportPart> {
        let s = s.as_deref().filter(|s| !s.trim().is_empty())?;
        Some(ReportPart {
            html: cx.md(s),
            text: markdown::to_plain_text(s, page),
        })
    };
    let summary = part(&raw.summary);
    let messages = part(&raw.messages);
    let organisations = part(&raw.organisations);
    let questions = part(&raw.questions);
    let first = [
        &raw.summary,
        &raw.messages,
        &raw.organisations,
        &raw.questions,
    ]
    .into_iter()
    .flatten()
    .find(|s| !s.trim().is_empty());
    let Some(first) = first else {
        cx.err(
            "report",
            msg!("events-report-empty"),
            Some(msg!("events-report-empty-hint")),
        );
        return None;
    };
    let excerpt = markdown::summary(first);
    let (date, when) = (date?, when?);
    if date < when.start_date() {
        cx.err(
            "report.date",
            msg!(
                "events-report-before-event",
                date = date.to_string(),
                start = when.start_date().to_string()
            ),
            Some(msg!("events-report-before-event-hint")),
        );
        return None;
    }
    if when.end_date() >= today {
        cx.warn(
            "report",
            msg!(
                "events-report-not-past",
                end = when.end_date().to_string(),
                today = today.to_string()
            ),
            msg!("events-report-not-past-hint"),
        );
    }
    Some(Report {
        date,
        summary,
        messages,
        organisations,
        questions,
        excerpt,
    })
}
