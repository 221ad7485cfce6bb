//! The choice of language, rendering, and the catalogue test: every `msg!` of the source is
//! in both languages with the arguments the source gives, and nothing else is.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use fluent_syntax::ast::{Entry, Expression, InlineExpression, Pattern, PatternElement};

use super::*;
use crate::msg;

#[test]
fn pick_takes_the_first_source_naming_a_known_language() {
    assert_eq!(Lang::pick(None, None, None), Lang::Fr);
    assert_eq!(Lang::pick(Some("en"), Some("fr_BE.UTF-8"), None), Lang::En);
    assert_eq!(Lang::pick(None, Some("fr_BE.UTF-8"), Some("en")), Lang::Fr);
    assert_eq!(Lang::pick(None, Some("en_GB.UTF-8"), Some("fr")), Lang::En);
    assert_eq!(Lang::pick(None, Some("fr-BE"), None), Lang::Fr);
    assert_eq!(Lang::pick(None, Some("fr"), Some("en")), Lang::Fr);
    assert_eq!(Lang::pick(None, Some("EN_us"), None), Lang::En);
    assert_eq!(Lang::pick(None, Some("en_US@euro"), None), Lang::En);
    // Locales naming no language, or one without messages, leave the choice to the site.
    for env in ["C", "POSIX", "C.UTF-8", "", "de_DE.UTF-8", "nl_BE"] {
        assert_eq!(Lang::pick(None, Some(env), Some("en")), Lang::En, "{env}");
        assert_eq!(Lang::pick(None, Some(env), None), Lang::Fr, "{env}");
    }
    assert_eq!(Lang::pick(None, None, Some("nl")), Lang::Fr);
    // `english` is not `en`.
    assert_eq!(Lang::parse("english"), None);
}

#[test]
fn site_language_is_read_from_site_yaml() {
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(site_language(dir.path()), None);
    std::fs::create_dir(dir.path().join("content")).unwrap();
    let yaml = "title: x\n  language: nl\nlanguage: \"en\" # the site's\n";
    std::fs::write(dir.path().join("content/site.yaml"), yaml).unwrap();
    assert_eq!(site_language(dir.path()).as_deref(), Some("en"));
}

#[test]
fn arguments_are_rendered_without_isolation_marks() {
    let m = msg!("cli-build-failed", output = "/tmp/site");
    assert_eq!(
        render(Lang::En, &m),
        "build failed: /tmp/site left unchanged"
    );
    let fr = render(Lang::Fr, &m);
    assert!(fr.contains("/tmp/site"), "{fr}");
    assert!(!fr.contains(['\u{2068}', '\u{2069}']), "{fr:?}");
    assert_ne!(fr, render(Lang::En, &m));
}

#[test]
fn numbers_choose_the_plural_form() {
    let one = msg!("common-summary", errors = 1, warnings = 0);
    let many = msg!("common-summary", errors = 3usize, warnings = 2u64);
    assert_eq!(render(Lang::Fr, &one), "1 erreur, 0 avertissement");
    assert_eq!(render(Lang::Fr, &many), "3 erreurs, 2 avertissements");
    assert_eq!(render(Lang::En, &many), "3 error(s), 2 warning(s)");
}

#[test]
fn a_missing_message_or_argument_shows_instead_of_failing() {
    let unknown = Msg {
        id: "no-such-message",
        args: vec![("file", Arg::from("a.md")), ("line", Arg::from(3))],
    };
    for lang in [Lang::Fr, Lang::En] {
        assert_eq!(render(lang, &unknown), "no-such-message(file=a.md, line=3)");
    }
    let bare = Msg {
        id: "no-such-message",
        args: vec![],
    };
    assert_eq!(render(Lang::Fr, &bare), "no-such-message");
    let short = Msg {
        id: "cli-build-failed",
        args: vec![],
    };
    assert!(render(Lang::En, &short).contains("$output"));
}

#[test]
fn text_reads_as_english_and_renders_in_french() {
    let t = Text::from(msg!("cli-build-failed", output = "public"));
    assert_eq!(t, "build failed: public left unchanged");
    assert!(t.starts_with("build failed"));
    assert_eq!(t.to_string(), "build failed: public left unchanged");
    assert_eq!(t.in_lang(Lang::En), "build failed: public left unchanged");
    assert_eq!(t.in_lang(Lang::Fr), render(Lang::Fr, t.msg().unwrap()));
    assert_ne!(t.in_lang(Lang::Fr), t.in_lang(Lang::En));
    // Text not yet in the catalogues reads the same in every language.
    let plain = Text::from("not yet translated");
    assert_eq!(plain.in_lang(Lang::Fr), "not yet translated");
    assert!(plain.msg().is_none());
}

/// A message of a catalogue: the variables its value uses, and where it is defined.
struct Defined {
    vars: BTreeSet<String>,
    file: String,
}

fn catalogue(lang: Lang) -> BTreeMap<String, Defined> {
    let files = match lang {
        Lang::Fr => FR,
        Lang::En => EN,
    };
    let mut out = BTreeMap::new();
    for (name, text) in files {
        let where_ = format!("{}/{name}.ftl", lang.code());
        let resource = fluent_syntax::parser::parse(*text)
            .unwrap_or_else(|(_, errs)| panic!("{where_}: {errs:?}"));
        for entry in resource.body {
            match entry {
                Entry::Message(m) => {
                    let id = m.id.name.to_string();
                    assert!(
                        id.starts_with(&format!("{name}-")),
                        "{where_}: `{id}` should start with `{name}-`"
                    );
                    let value = m
                        .value
                        .unwrap_or_else(|| panic!("{where_}: `{id}` has no text"));
                    let mut vars = BTreeSet::new();
                    pattern_vars(&value, &mut vars);
                    let file = where_.clone();
                    assert!(
                        out.insert(id.clone(), Defined { vars, file }).is_none(),
                        "{where_}: `{id}` is defined twice"
                    );
                }
                Entry::Junk { content } => panic!("{where_}: cannot read {content:?}"),
                _ => {}
            }
        }
    }
    out
}

fn pattern_vars(p: &Pattern<&str>, out: &mut BTreeSet<String>) {
    for el in &p.elements {
        if let PatternElement::Placeable { expression } = el {
            expression_vars(expression, out);
        }
    }
}

fn expression_vars(e: &Expression<&str>, out: &mut BTreeSet<String>) {
    match e {
        Expression::Select { selector, variants } => {
            inline_vars(selector, out);
            for v in variants {
                pattern_vars(&v.value, out);
            }
        }
        Expression::Inline(i) => inline_vars(i, out),
    }
}

fn inline_vars(i: &InlineExpression<&str>, out: &mut BTreeSet<String>) {
    match i {
        InlineExpression::VariableReference { id } => {
            out.insert(id.name.to_string());
        }
        InlineExpression::FunctionReference { arguments, .. } => {
            for a in &arguments.positional {
                inline_vars(a, out);
            }
            for a in &arguments.named {
                inline_vars(&a.value, out);
            }
        }
        InlineExpression::Placeable { expression } => expression_vars(expression, out),
        _ => {}
    }
}

/// A `msg!` of the source: its id, the names of its arguments, and where it is.
struct Use {
    id: String,
    args: BTreeSet<String>,
    place: String,
}

fn source_uses() -> Vec<Use> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut uses = Vec::new();
    for entry in walkdir::WalkDir::new(&src).sort_by_file_name() {
        let entry = entry.unwrap();
        let path = entry.path();
        // This file makes messages with unknown ids on purpose.
        if path.extension().is_none_or(|e| e != "rs") || path.ends_with("i18n/tests.rs") {
            continue;
        }
        let text = std::fs::read_to_string(path).unwrap();
        // Whole-line comments mention `msg!` in examples.
        let code: String = text
            .lines()
            .map(|l| {
                if l.trim_start().starts_with("//") {
                    ""
                } else {
                    l
                }
            })
            .collect::<Vec<_>>()
            .join("\n");
        let shown = path.strip_prefix(&src).unwrap().display().to_string();
        let mut rest = code.as_str();
        while let Some(at) = rest.find("msg!(") {
            let line = code[..code.len() - rest.len() + at].lines().count().max(1);
            let place = format!("src/{shown}:{line}");
            rest = &rest[at + "msg!(".len()..];
            let (id, args) = parse_call(rest).unwrap_or_else(|| {
                panic!("{place}: cannot read this msg! (the id must be a string literal)")
            });
            uses.push(Use { id, args, place });
        }
    }
    uses
}

/// The id and argument names of a `msg!(` call whose text follows.
fn parse_call(s: &str) -> Option<(String, BTreeSet<String>)> {
    let s = s.trim_start().strip_prefix('"')?;
    let end = s.find('"')?;
    let id = s[..end].to_string();
    let mut pieces = vec![String::new()];
    let mut depth = 0usize;
    let mut chars = s[end + 1..].chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' if depth == 0 => break,
            ')' | ']' | '}' => depth -= 1,
            ',' if depth == 0 => {
                pieces.push(String::new());
                continue;
            }
            '"' => {
                // Skip the string, escapes included.
                while let Some(c) = chars.next() {
                    match c {
                        '\\' => {
                            chars.next();
                        }
                        '"' => break,
                        _ => {}
                    }
                }
                continue;
            }
            '\'' => {
                // A character literal ('x', '\n', ','); a lifetime has no closing quote.
                let mut look = chars.clone();
                let first = look.next();
                if first == Some('\\') {
                    look.next();
                }
                if look.next() == Some('\'') {
                    chars = look;
                }
                continue;
            }
            _ => {}
        }
        if let Some(last) = pieces.last_mut() {
            last.push(c);
        }
    }
    let mut args = BTreeSet::new();
    for piece in pieces.iter().map(|p| p.trim()).filter(|p| !p.is_empty()) {
        let name = piece.split('=').next()?.trim();
        if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
            return None;
        }
        args.insert(name.to_string());
    }
    Some((id, args))
}

#[test]
fn the_call_reader_finds_names_past_strings_and_nesting() {
    let (id, args) =
        parse_call(r#" "x-y", a = f(1, "),\"", [2, 3]), b = ',', c = g::<'static>(x) ); rest"#)
            .unwrap();
    assert_eq!(id, "x-y");
    assert_eq!(args, BTreeSet::from(["a", "b", "c"].map(String::from)));
    assert_eq!(parse_call(" name"), None);
}

#[test]
fn catalogues_load_without_problems() {
    for lang in [Lang::Fr, Lang::En] {
        let (_, problems) = load(lang);
        assert!(problems.is_empty(), "{problems:#?}");
    }
}

#[test]
fn every_message_used_is_in_both_languages_with_its_arguments() {
    let fr = catalogue(Lang::Fr);
    let en = catalogue(Lang::En);
    let uses = source_uses();
    assert!(
        uses.iter().any(|u| u.id == "common-summary"),
        "the source reader found no msg!"
    );
    let mut problems = Vec::new();
    for u in &uses {
        for (lang, cat) in [("fr", &fr), ("en", &en)] {
            match cat.get(&u.id) {
                None => problems.push(format!("{}: `{}` is not in {lang}/", u.place, u.id)),
                Some(e) if e.vars != u.args => problems.push(format!(
                    "{}: `{}` is given {:?} but {} uses {:?}",
                    u.place, u.id, u.args, e.file, e.vars
                )),
                Some(_) => {}
            }
        }
    }
    let used: BTreeSet<&str> = uses.iter().map(|u| u.id.as_str()).collect();
    for (id, e) in fr.iter().chain(en.iter()) {
        if !used.contains(id.as_str()) {
            problems.push(format!(
                "{}: `{id}` is used by no msg!(\"{id}\" in src/",
                e.file
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
