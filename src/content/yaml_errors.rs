//! serde_yaml's and libyaml's errors in an editor's words, from the `yaml` catalogue: the
//! arguments (field names, values, the allowed ones) are read out of serde's English text.
//! Two common mistakes get their own message: text holding `: ` left unquoted (French puts a
//! space before the colon: `Débat : quoi ?`), and a line that lost its indentation.

use std::path::Path;

use super::fix;
use super::yaml::spans;
use super::yaml_limits;
use crate::diagnostic::{Diagnostic, Pos, Text};
use crate::msg;

pub(super) fn describe_error(
    file: &Path,
    text: &str,
    line_offset: usize,
    e: &serde_yaml::Error,
) -> Diagnostic {
    let raw = e.to_string();
    // serde_yaml appends " at line L column C"; we report the position in our own format.
    let message = match raw.find(" at line ") {
        Some(i) => raw[..i].to_string(),
        None => raw.clone(),
    };
    let (serde_message, field) = split_field_prefix(&message);
    let mut pos = e.location().map(|l| Pos {
        line: l.line() + line_offset,
        column: l.column(),
    });
    let line_no = e.location().map(|l| l.line());
    let line_text = line_no
        .and_then(|l| text.lines().nth(l.saturating_sub(1)))
        .unwrap_or("");
    let (mut message, mut hint) = words_for(&serde_message, line_text, text);

    let at_char = e
        .location()
        .and_then(|l| line_text.chars().nth(l.column().saturating_sub(1)));
    if serde_message.contains("cannot start any token") && at_char == Some('\t') {
        message = msg!("yaml-tab-here").into();
    }
    // libyaml names what it was reading and where it began: for a quote that is never
    // closed, the problem is at the opening quote, not at the end of the file.
    if let Some((context, line, column)) = syntax_context(&raw) {
        let start = Some(Pos {
            line: line + line_offset,
            column,
        });
        match context {
            "while scanning a quoted scalar" => {
                message = msg!("yaml-quote-never-closed").into();
                hint = Some(msg!("yaml-quote-never-closed-hint").into());
                pos = start;
            }
            "while parsing a flow sequence" => {
                message = msg!("yaml-list-not-closed").into();
                hint = Some(msg!("yaml-list-not-closed-hint").into());
                pos = start;
            }
            "while parsing a flow mapping" => {
                message = msg!("yaml-group-not-closed").into();
                hint = Some(msg!("yaml-group-not-closed-hint").into());
                pos = start;
            }
            _ => {}
        }
    }
    if let Some(name) = serde_message
        .strip_prefix("duplicate field `")
        .and_then(|m| m.strip_suffix('`'))
    {
        let spans = spans(text, line_offset);
        let parent = field.clone().unwrap_or_default();
        let dup = spans
            .duplicates()
            .iter()
            .find(|d| d.key == name && d.parent == parent)
            .or_else(|| spans.duplicates().iter().find(|d| d.key == name));
        if let Some(d) = dup {
            message = msg!("yaml-field-twice-at", field = name, line = d.first.line).into();
            pos = Some(d.second);
        } else {
            message = msg!("yaml-field-twice", field = name).into();
        }
        hint = Some(msg!("yaml-field-twice-hint").into());
    }
    // Typed or spelled as an escape (found by `yaml_limits`), the same message.
    if let Some((m, at)) = yaml_limits::typed_control(&serde_message, text, line_offset) {
        message = m.into();
        pos = at.or(pos);
        hint = Some(yaml_limits::CONTROL_CHARACTER_HINT.into());
    }
    if serde_message == "recursion limit exceeded" {
        message = yaml_limits::too_deep().into();
        hint = Some(yaml_limits::TOO_DEEP_HINT.into());
    }
    if serde_message == "mapping values are not allowed in this context" {
        let column = e.location().map_or(0, |l| l.column());
        if let Some(fixed) =
            fix::quote_value(line_text).filter(|_| fix::in_value(line_text, column))
        {
            message = msg!("yaml-colon-in-value").into();
            hint = Some(msg!("yaml-colon-in-value-hint", fixed = fixed.trim_start()).into());
        }
    }
    let mut lost_indent = false;
    let no_better_guess =
        closest_field(&serde_message).is_none() && english_field(&serde_message).is_none();
    if serde_message.starts_with("unknown field") && no_better_guess {
        if let Some(parent) = line_no.and_then(|l| fix::lost_indentation(text, l)) {
            message = msg!("yaml-lost-indentation", parent = parent.clone()).into();
            hint = Some(msg!("yaml-lost-indentation-hint", parent = parent).into());
            lost_indent = true;
        }
    }

    let mut d = Diagnostic::error(file, message).at(pos);
    if let Some(f) = field.filter(|_| !lost_indent) {
        d = d.field(f);
    }
    if let Some(h) = hint {
        d = d.hint(h);
    }
    d
}

/// The message and hint for serde's or libyaml's `message`, before the cases that need the
/// position or the text around it.
fn words_for(message: &str, line_text: &str, whole: &str) -> (Text, Option<Text>) {
    let tab = line_text.contains('\t')
        || (message.contains("cannot start any token") && whole.contains('\t'));
    let tab_hint = || Some(Text::from(msg!("yaml-tab-hint")));
    if let Some(rest) = message.strip_prefix("unknown field ") {
        let hint = if tab {
            tab_hint()
        } else if let Some(guess) = closest_field(message) {
            Some(msg!("yaml-did-you-mean", field = guess).into())
        } else if let Some(english) = english_field(message) {
            Some(msg!("yaml-field-in-english", field = english).into())
        } else {
            Some(msg!("yaml-unknown-field-hint").into())
        };
        let m = match one_of(rest) {
            Some((value, names, last, count)) => msg!(
                "yaml-unknown-field",
                field = value,
                names = names,
                last = last,
                count = count
            )
            .into(),
            None => Text::from(message),
        };
        return (m, hint);
    }
    if let Some(rest) = message.strip_prefix("unknown variant ") {
        let m = match one_of(rest) {
            Some((value, names, last, count)) => msg!(
                "yaml-unknown-value",
                value = value,
                names = names,
                last = last,
                count = count
            )
            .into(),
            None => Text::from(format!("unknown value {rest}")),
        };
        let hint = if tab {
            tab_hint()
        } else {
            Some(msg!("yaml-unknown-value-hint").into())
        };
        return (m, hint);
    }
    if let Some(name) = message
        .strip_prefix("missing field `")
        .and_then(|m| m.strip_suffix('`'))
    {
        let hint = if tab {
            tab_hint()
        } else {
            Some(msg!("yaml-missing-field-hint").into())
        };
        return (msg!("yaml-missing-field", field = name).into(), hint);
    }
    let typed = message.starts_with("invalid type: ") || message.starts_with("invalid value: ");
    let m = if typed {
        type_message(message)
    } else if message == "mapping values are not allowed in this context" {
        msg!("yaml-unexpected-colon").into()
    } else {
        Text::from(message)
    };
    let hint = if tab {
        tab_hint()
    } else if message.contains("duplicate entry") || message.contains("duplicate field") {
        Some(msg!("yaml-key-twice-hint").into())
    } else if message.contains("did not find expected key")
        || message.contains("mapping values are not allowed")
    {
        Some(msg!("yaml-indentation-hint").into())
    } else if message.contains("found unexpected end of stream")
        || message.contains("quoted scalar")
    {
        Some(msg!("yaml-quote-hint").into())
    } else if message.starts_with("invalid type") {
        Some(msg!("yaml-wrong-form-hint").into())
    } else {
        None
    };
    (m, hint)
}

/// For serde's "`x`, expected one of `a`, `b`, `c`" (or "expected `a` or `b`", "expected
/// `a`"): `x`, the names but the last joined by ", ", the last and their count. The French
/// words of the vocabularies (aliases) are left out: the list names the codes, as the README.
fn one_of(rest: &str) -> Option<(String, String, String, usize)> {
    let (value, expected) = rest.split_once(", expected ")?;
    let names: Vec<&str> = expected
        .split('`')
        .skip(1)
        .step_by(2)
        .filter(|n| !crate::model::is_french_word(n))
        .collect();
    let (last, init) = names.split_last()?;
    let joined: Vec<String> = init.iter().map(|n| format!("`{n}`")).collect();
    Some((
        value.to_string(),
        joined.join(", "),
        format!("`{last}`"),
        names.len(),
    ))
}

/// The `, while … at line L column C` part of a libyaml message: what it was reading, and
/// where that began (1-based line within `raw`'s document, 1-based column).
fn syntax_context(raw: &str) -> Option<(&str, usize, usize)> {
    let i = raw.find(", while ")?;
    let rest = &raw[i + 2..];
    let (context, mark) = rest.split_once(" at line ")?;
    let (line, column) = mark.split_once(" column ")?;
    Some((
        context,
        line.trim().parse().ok()?,
        column.trim().parse().ok()?,
    ))
}

/// serde's `invalid type: X, expected Y` in an editor's words: `expected Y, found X`. What
/// was found and what was expected go to the catalogue as a kind (`list`, `text`…, chosen
/// there) and, for the kinds that show it, the value as written.
fn type_message(message: &str) -> Text {
    let body = message
        .strip_prefix("invalid type: ")
        .or_else(|| message.strip_prefix("invalid value: "))
        .unwrap_or(message);
    let Some((found, expected)) = body.split_once(", expected ") else {
        return Text::from(message);
    };
    let (found_kind, found_value) = match found {
        "sequence" => ("list", String::new()),
        "map" => ("group", String::new()),
        "unit value" => ("empty", String::new()),
        f => {
            if let Some(s) = f.strip_prefix("string ") {
                ("text", s.to_string())
            } else if let Some(n) = f
                .strip_prefix("integer ")
                .or_else(|| f.strip_prefix("floating point "))
            {
                ("number", n.trim_matches('`').to_string())
            } else if let Some(b) = f.strip_prefix("boolean ") {
                ("as-is", b.to_string())
            } else {
                ("as-is", f.to_string())
            }
        }
    };
    let (expected_kind, expected_value) = match expected {
        "a string" => ("text", ""),
        "a sequence" => ("list", ""),
        "a boolean" => ("boolean", ""),
        "u8" => ("byte", ""),
        "u16" => ("u16", ""),
        "u32" | "u64" => ("natural", ""),
        "i8" | "i16" | "i32" | "i64" => ("whole", ""),
        "f32" | "f64" => ("number", ""),
        e if e.starts_with("struct ") => ("group", ""),
        e => ("as-is", e),
    };
    msg!(
        "yaml-wrong-type",
        expected = expected_kind,
        expected_value = expected_value,
        found = found_kind,
        found_value = found_value
    )
    .into()
}

/// serde_yaml prefixes errors inside nested values with their path (`location.city: …`).
fn split_field_prefix(msg: &str) -> (String, Option<String>) {
    if let Some((head, tail)) = msg.split_once(": ") {
        let looks_like_path = !head.is_empty()
            && !head.contains(' ')
            && head
                .chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '_' | '.' | '[' | ']' | '-'));
        if looks_like_path {
            return (tail.to_string(), Some(head.to_string()));
        }
    }
    (msg.to_string(), None)
}

/// For `unknown field `x`, expected one of `a`, `b``: the allowed name closest to `x`, when
/// it is close enough to be a typo (one edit per three letters, a swap counting as one).
pub(super) fn closest_field(message: &str) -> Option<String> {
    let names: Vec<&str> = message.split('`').skip(1).step_by(2).collect();
    let (typo, allowed) = names.split_first()?;
    let limit = (typo.chars().count() / 3).max(1);
    allowed
        .iter()
        .map(|a| (edit_distance(typo, a), *a))
        .filter(|(d, _)| *d <= limit)
        .min()
        .map(|(_, a)| a.to_string())
}

/// Field names in French as editors write them, and the English name the files use.
const FRENCH_FIELDS: &[(&str, &str)] = &[
    ("titre", "title"),
    ("début", "start"),
    ("debut", "start"),
    ("fin", "end"),
    ("lieu", "location"),
    ("niveau", "level"),
    ("statut", "status"),
    ("axe", "axis"),
    ("thèmes", "themes"),
    ("région", "region"),
    ("représentants", "representatives"),
    ("representants", "representatives"),
    ("brouillon", "draft"),
    ("nom", "name"),
    ("adresse", "address"),
    ("ville", "city"),
    ("pays", "country"),
    ("rôle", "role"),
    ("aide", "help"),
    ("libellé", "label"),
    ("libelle", "label"),
    ("terme", "term"),
    ("définition", "definition"),
    ("langue", "language"),
    ("fichier", "file"),
    ("lien", "url"),
];

/// For `unknown field `x`, expected one of …`: the English name of `x` when `x` is a field
/// name in French and its English name is allowed here.
fn english_field(message: &str) -> Option<&'static str> {
    let names: Vec<&str> = message.split('`').skip(1).step_by(2).collect();
    let (written, allowed) = names.split_first()?;
    let written = written.to_lowercase();
    FRENCH_FIELDS
        .iter()
        .find(|(fr, en)| *fr == written && allowed.contains(en))
        .map(|(_, en)| *en)
}

/// Edit distance by characters, where swapping two neighbours counts as one edit.
pub(crate) fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(d[i - 2][j - 2] + 1);
            }
            d[i][j] = v;
        }
    }
    d[a.len()][b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn french_field_names_get_their_english_name() {
        let m = "unknown field `Ville`, expected one of `name`, `city`";
        assert_eq!(english_field(m), Some("city"));
        // Only when the English name is allowed there.
        assert_eq!(
            english_field("unknown field `ville`, expected `name`"),
            None
        );
    }

    #[test]
    fn allowed_names_leave_out_the_french_words() {
        let (value, names, last, count) =
            one_of("`x`, expected one of `regional`, `régional`, `local`").unwrap();
        assert_eq!(
            (value.as_str(), names.as_str(), last.as_str(), count),
            ("`x`", "`regional`", "`local`", 2)
        );
    }
}
