//! `site.yaml`: the site's settings (title, address, language, time zone, organisation), which
//! the other files' checks depend on.

use std::path::PathBuf;

use super::files::{no_angle_brackets, FileCx};
use super::raw::SiteFile;
use super::values::{is_email, is_language_code, web_address};
use super::yaml::Spans;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::model::{Config, Organisation, Slug};
use crate::msg;

/// Checks `site.yaml`; `base_url` (from `--base-url`) replaces the one written in the file.
pub(super) fn site(
    raw: SiteFile,
    spans: Spans,
    file: PathBuf,
    base_url: Option<&str>,
    diags: &mut Diagnostics,
) -> Option<Config> {
    let errors_before = diags.errors().count();
    let mut cx = FileCx {
        file,
        spans,
        diags,
        raw_html: false,
    };
    let title = cx.required_text("title", &raw.title);
    let description = cx.required_text("description", &raw.description);
    let base_url = match base_url {
        Some(b) => command_line_url(b, cx.diags),
        None => cx.url("base_url", &raw.base_url),
    };
    let base_url = base_url.map(|mut u| {
        if !u.path().ends_with('/') {
            let p = format!("{}/", u.path());
            u.set_path(&p);
        }
        u.set_query(None);
        u.set_fragment(None);
        u
    });
    let mut languages: Vec<String> = Vec::new();
    for (i, code) in raw.languages.iter().flatten().enumerate() {
        let code = code.trim().to_string();
        let field = format!("languages[{i}]");
        if !is_language_code(&code) {
            cx.err(
                &field,
                msg!("content-language-invalid", code = &code),
                Some(msg!("content-language-invalid-hint")),
            );
        } else if languages.contains(&code) {
            cx.err(
                &field,
                msg!("content-language-twice", code = &code),
                Some(msg!("content-language-twice-hint")),
            );
        } else {
            languages.push(code);
        }
    }
    let language = match (raw.language, languages.first()) {
        (Some(one), Some(first)) if one.trim() != first => {
            cx.err(
                "language",
                msg!(
                    "content-language-not-first",
                    code = one.trim(),
                    first = first
                ),
                Some(msg!("content-language-not-first-hint")),
            );
            first.clone()
        }
        (_, Some(first)) => first.clone(),
        (Some(one), None) => one.trim().to_string(),
        (None, None) => "fr".into(),
    };
    if !is_language_code(&language) {
        cx.err(
            "language",
            msg!("content-language-invalid", code = &language),
            Some(msg!("content-language-invalid-hint")),
        );
    }
    if languages.is_empty() {
        languages.push(language.clone());
    }
    let timezone = match &raw.timezone {
        Some(tz) => cx.timezone("timezone", tz),
        None => Some(chrono_tz::Europe::Brussels),
    };
    if let Some(theme) = &raw.theme {
        if Slug::parse(theme).is_none() {
            cx.err(
                "theme",
                msg!("content-theme-invalid", theme = theme),
                Some(msg!("content-theme-invalid-hint")),
            );
        }
    }
    let org = raw.organisation;
    let org_name = cx.required_text("organisation.name", &org.name);
    no_angle_brackets(&mut cx, "organisation.name", &org_name);
    check_email(&mut cx, "organisation.email", &org.email);
    let org_url = org
        .url
        .as_deref()
        .and_then(|u| cx.url("organisation.url", u))
        .map(|u| u.to_string());
    let join_page = raw.join_page.as_deref().and_then(|j| {
        let s = Slug::parse(j);
        if s.is_none() {
            cx.err(
                "join_page",
                msg!("content-join-page-invalid", page = j),
                Some(msg!("content-join-page-invalid-hint")),
            );
        }
        s
    });
    let feed_past_days = raw.feed_past_days.unwrap_or(180);
    if feed_past_days > MAX_FEED_PAST_DAYS {
        cx.err(
            "feed_past_days",
            msg!(
                "content-feed-past-days-too-many",
                days = feed_past_days,
                max = MAX_FEED_PAST_DAYS
            ),
            Some(msg!("content-feed-past-days-too-many-hint")),
        );
    }
    if cx.diags.errors().count() > errors_before {
        return None;
    }
    Some(Config {
        title,
        description,
        base_url: base_url?,
        language,
        languages,
        timezone: timezone?,
        theme: raw.theme,
        organisation: Organisation {
            name: org_name,
            url: org_url,
            email: org.email.trim().to_string(),
            phone: org.phone,
            address: org.address,
        },
        join_page,
        allow_raw_html: raw.allow_raw_html,
        feed_past_days,
    })
}

/// The most days past events may stay in the feeds; more would only overflow date arithmetic.
pub const MAX_FEED_PAST_DAYS: u32 = 36_500;

/// `--base-url`, checked as `base_url` is; a problem names the option, not a line of site.yaml.
fn command_line_url(value: &str, diags: &mut Diagnostics) -> Option<url::Url> {
    web_address(value)
        .map_err(|e| {
            diags.push(
                Diagnostic::error("command line", e.message)
                    .field("--base-url")
                    .hint(e.hint),
            )
        })
        .ok()
}

fn check_email(cx: &mut FileCx, path: &str, email: &str) {
    if !is_email(email) {
        cx.err(
            path,
            msg!("content-email-invalid", email = email),
            Some(msg!("content-email-invalid-hint")),
        );
    }
}
