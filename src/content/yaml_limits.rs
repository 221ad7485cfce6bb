//! What a YAML text must not do, checked before serde_yaml reads it: nest values too deep
//! (libyaml takes quadratic time on deep flow nesting: a 2 MB file of `[[[…` would stall the
//! build), repeat too much text through aliases (`&a` once, `*a` a thousand times: memory and
//! output multiply), or hold control characters written as escapes (`"\0"`, `"\e"`), which
//! libyaml refuses when they are typed but lets through when they are spelled.
//!
//! Most files cannot do any of this, and a cheap look at their bytes says so: the extra parse
//! (yaml-rust2, linear, stopped at the first problem) is only made for the others.

use std::collections::HashMap;
use std::path::Path;

use yaml_rust2::parser::{Event, Parser};
use yaml_rust2::scanner::Marker;

use crate::diagnostic::{Diagnostic, Pos};
use crate::i18n::{render, Lang, Msg};
use crate::msg;

/// The deepest nesting of lists and groups a content file may use (flow `[ ]`, `{ }` and
/// indented blocks alike). Real content nests four or five levels.
pub const MAX_DEPTH: usize = 64;

/// How much text (in bytes, a node counting one) all aliases of a file may repeat together:
/// as much as one file may hold (`source::MAX_TEXT_FILE`, which reads this module: the value is
/// written again here, and a test keeps the two equal).
pub const MAX_ALIAS_EXPANSION: u64 = 2 * 1024 * 1024;

/// The message for a control character, typed or written as an escape, with its code.
pub fn control_character(c: char) -> Msg {
    msg!(
        "content-control-character",
        code = format!("{:04X}", u32::from(c))
    )
}

/// The message for a control character whose code is not known.
pub fn control_characters() -> Msg {
    msg!("content-control-characters")
}

pub fn control_character_hint() -> Msg {
    msg!("content-control-character-hint")
}

/// The message for nesting beyond `MAX_DEPTH` (serde_yaml's own limit says "recursion").
pub fn too_deep_msg() -> Msg {
    msg!("content-too-deep", max = MAX_DEPTH)
}

pub fn too_deep_hint() -> Msg {
    msg!("content-too-deep-hint")
}

// The English texts of the same messages, for `yaml.rs` until its messages come from the
// catalogues too.

/// The message for a control character, typed or written as an escape.
pub const CONTROL_CHARACTER: &str = "control characters are not allowed";

/// The message for nesting beyond `MAX_DEPTH`, in English.
pub fn too_deep() -> String {
    render(Lang::En, &too_deep_msg())
}

pub const TOO_DEEP_HINT: &str = "content files nest a few levels at most: check that every `[` and `{` is closed, and the indentation";

pub const CONTROL_CHARACTER_HINT: &str = "remove it (an escape such as `\\0` or `\\e` in quoted YAML text, or `&#27;` in Markdown, also writes one): pages cannot show control characters";

/// `typed_control_msg` in English, for `yaml.rs` until its messages come from the catalogues.
pub fn typed_control(
    message: &str,
    text: &str,
    line_offset: usize,
) -> Option<(String, Option<Pos>)> {
    typed_control_msg(message, text, line_offset).map(|(m, pos)| (render(Lang::En, &m), pos))
}

/// For libyaml's message on a control character typed in `text` (`… at position N`, a byte
/// offset), the message `check` gives for an escaped one, and the character's position.
pub fn typed_control_msg(
    message: &str,
    text: &str,
    line_offset: usize,
) -> Option<(Msg, Option<Pos>)> {
    let at = message.strip_prefix("control characters are not allowed at position ")?;
    let found = at
        .trim()
        .parse::<usize>()
        .ok()
        .filter(|o| text.is_char_boundary(*o))
        .and_then(|o| Some((o, text[o..].chars().next()?)));
    let Some((offset, c)) = found else {
        return Some((control_characters(), None));
    };
    let before = &text[..offset];
    let pos = Pos {
        line: before.matches('\n').count() + 1 + line_offset,
        column: before.rsplit('\n').next().unwrap_or("").chars().count() + 1,
    };
    Some((control_character(c), Some(pos)))
}

/// Refuses `text` (a whole file, or front matter starting at line `line_offset + 1`) when it
/// nests too deep, repeats too much through aliases, or spells a control character.
// A diagnostic is the error path, taken once per broken file: its size does not matter.
#[allow(clippy::result_large_err)]
pub fn check(file: &Path, text: &str, line_offset: usize) -> Result<(), Diagnostic> {
    if !may_nest_deeply(text) && !may_alias(text) && !text.contains('\\') {
        return Ok(());
    }
    let problem = match first_problem(text) {
        Some(p) => p,
        None => return Ok(()),
    };
    let last = text.split('\n').count() + line_offset;
    let pos = Pos {
        line: (problem.at.line() + line_offset).min(last),
        column: problem.at.col() + 1,
    };
    let d = match problem.kind {
        Kind::TooDeep => Diagnostic::error(file, too_deep_msg()).hint(too_deep_hint()),
        Kind::Aliases => Diagnostic::error(
            file,
            msg!(
                "content-aliases-too-much",
                megabytes = MAX_ALIAS_EXPANSION / (1024 * 1024)
            ),
        )
        .hint(msg!("content-aliases-too-much-hint")),
        Kind::Control(c) => {
            Diagnostic::error(file, control_character(c)).hint(control_character_hint())
        }
    };
    Err(d.at(Some(pos)))
}

/// Whether the bytes allow nesting deeper than `MAX_DEPTH`: each level needs a `[` or `{`,
/// or, in block style, one more column of indentation or one more `- `, `? `, `: ` at the
/// start of a line (an indentless list adds a level or two on top).
fn may_nest_deeply(text: &str) -> bool {
    let openers = text.bytes().filter(|b| matches!(b, b'[' | b'{')).count();
    let lead = text
        .split('\n')
        .map(|l| {
            l.bytes()
                .take_while(|b| matches!(b, b' ' | b'\t' | b'-' | b'?' | b':'))
                .count()
        })
        .max()
        .unwrap_or(0);
    openers + lead + 8 > MAX_DEPTH
}

/// Whether the text may hold an anchor and an alias.
fn may_alias(text: &str) -> bool {
    text.contains('&') && text.contains('*')
}

enum Kind {
    TooDeep,
    Aliases,
    Control(char),
}

struct Problem {
    kind: Kind,
    at: Marker,
}

/// A character YAML refuses when typed in a file: the C0 and C1 controls but tab, line feed,
/// carriage return and next line, and the two non-characters U+FFFE and U+FFFF.
pub fn is_refused(c: char) -> bool {
    match c {
        '\t' | '\n' | '\r' | '\u{85}' => false,
        c if c.is_control() => true,
        '\u{fffe}' | '\u{ffff}' => true,
        _ => false,
    }
}

/// The first control character of `text`, typed or written as an HTML character reference
/// (`&#27;`, `&#x1b;`: Markdown decodes them), with its byte offset.
pub fn first_control(text: &str) -> Option<(usize, char)> {
    let typed = text.char_indices().find(|(_, c)| is_refused(*c));
    let mut from = 0;
    let referenced = loop {
        let Some(i) = text[from..].find("&#").map(|i| i + from) else {
            break None;
        };
        from = i + 2;
        let rest = &text[from..];
        let (digits, radix) = match rest.strip_prefix(['x', 'X']) {
            Some(hex) => (hex, 16),
            None => (rest, 10),
        };
        let len = digits.bytes().take_while(u8::is_ascii_alphanumeric).count();
        if !digits[len..].starts_with(';') {
            continue;
        }
        let c = u32::from_str_radix(&digits[..len], radix)
            .ok()
            .and_then(char::from_u32);
        if let Some(c) = c.filter(|c| is_refused(*c)) {
            break Some((i, c));
        }
    };
    match (typed, referenced) {
        (Some(a), Some(b)) => Some(if a.0 < b.0 { a } else { b }),
        (a, b) => a.or(b),
    }
}

/// The first problem of `text`, in reading order. Syntax errors are left to serde_yaml,
/// except yaml-rust2's own limit on flow nesting.
fn first_problem(text: &str) -> Option<Problem> {
    let mut parser = Parser::new_from_str(text);
    // The size of each open collection, with its anchor; the size of each anchored node.
    let mut open: Vec<(usize, u64)> = Vec::new();
    let mut anchored: HashMap<usize, u64> = HashMap::new();
    let mut repeated: u64 = 0;
    loop {
        let (event, at) = match parser.next_token() {
            Ok(x) => x,
            Err(e) if e.info() == "recursion limit exceeded" => {
                return Some(Problem {
                    kind: Kind::TooDeep,
                    at: *e.marker(),
                })
            }
            Err(_) => return None,
        };
        let done = match event {
            Event::StreamEnd => return None,
            Event::Scalar(value, _, anchor, _) => {
                if let Some(c) = value.chars().find(|c| is_refused(*c)) {
                    return Some(Problem {
                        kind: Kind::Control(c),
                        at,
                    });
                }
                Some((anchor, value.len() as u64 + 1))
            }
            Event::Alias(anchor) => {
                let size = anchored.get(&anchor).copied().unwrap_or(0);
                repeated = repeated.saturating_add(size);
                if repeated > MAX_ALIAS_EXPANSION {
                    return Some(Problem {
                        kind: Kind::Aliases,
                        at,
                    });
                }
                // The alias itself is not anchored again.
                Some((0, size))
            }
            Event::SequenceStart(anchor, _) | Event::MappingStart(anchor, _) => {
                open.push((anchor, 1));
                if open.len() > MAX_DEPTH {
                    return Some(Problem {
                        kind: Kind::TooDeep,
                        at,
                    });
                }
                None
            }
            Event::SequenceEnd | Event::MappingEnd => open.pop(),
            _ => None,
        };
        if let Some((anchor, size)) = done {
            if anchor != 0 {
                anchored.insert(anchor, size);
            }
            if let Some(parent) = open.last_mut() {
                parent.1 = parent.1.saturating_add(size);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_english_texts_for_yaml_rs_are_the_catalogue_messages() {
        assert_eq!(render(Lang::En, &control_characters()), CONTROL_CHARACTER);
        assert_eq!(
            render(Lang::En, &control_character_hint()),
            CONTROL_CHARACTER_HINT
        );
        assert_eq!(render(Lang::En, &too_deep_hint()), TOO_DEEP_HINT);
        assert_eq!(
            render(Lang::Fr, &control_character('\u{1b}')),
            "les caractères de contrôle sont interdits (U+001B dans ce texte)"
        );
    }

    #[test]
    fn aliases_may_repeat_as_much_as_a_file_holds() {
        assert_eq!(MAX_ALIAS_EXPANSION, crate::content::source::MAX_TEXT_FILE);
    }

    fn problem(text: &str) -> Option<Diagnostic> {
        check(Path::new("f.yaml"), text, 0).err()
    }

    #[test]
    fn deep_flow_nesting_is_refused_at_once() {
        let n = 900_000;
        let text = format!("title: {}{}\n", "[".repeat(n), "]".repeat(n));
        // How long it takes is checked by tests/broken.rs, on the built program.
        let d = problem(&text).expect("refused");
        assert_eq!(d.message, too_deep());
        assert_eq!(d.line, Some(1));
        let text = format!("title: {}1{}\n", "{a: ".repeat(n), "}".repeat(n));
        assert_eq!(problem(&text).expect("refused").message, too_deep());
    }

    #[test]
    fn deep_block_nesting_is_refused() {
        let mut text = String::from("title:\n");
        for i in 0..MAX_DEPTH {
            text.push_str(&" ".repeat(i + 1));
            text.push_str("a:\n");
        }
        let d = problem(&text).expect("refused");
        assert_eq!(d.message, too_deep());
        assert_eq!(d.line, Some(MAX_DEPTH + 1));
        let text = format!("title:\n{}x\n", "- ".repeat(MAX_DEPTH + 1));
        assert_eq!(problem(&text).expect("refused").line, Some(2));
    }

    #[test]
    fn nesting_up_to_the_limit_is_fine() {
        let n = MAX_DEPTH - 1;
        let text = format!("title: {}{}\n", "[".repeat(n), "]".repeat(n));
        assert!(problem(&text).is_none());
        assert!(may_nest_deeply(&text));
        assert!(!may_nest_deeply("a:\n  - b: [1, 2]\n    c: {d: e}\n"));
    }

    #[test]
    fn aliases_are_bounded_by_what_they_repeat() {
        let big = "x".repeat(700 * 1024);
        let mut text = format!("a: &big {big}\n");
        text.push_str("b: *big\nc: *big\n");
        assert!(
            problem(&text).is_none(),
            "two repetitions of 700 kB are fine"
        );
        text.push_str("d: *big\n");
        let d = problem(&text).expect("refused");
        assert!(d.message.contains("aliases"), "{}", d.message);
        assert_eq!(d.line, Some(4));
    }

    #[test]
    fn nested_aliases_count_what_they_expand_to() {
        let mut text = String::from("a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        let names: Vec<char> = ('b'..='z').collect();
        for (prev, name) in ['a'].iter().chain(&names).zip(&names) {
            let items = vec![format!("*{prev}"); 9].join(", ");
            text.push_str(&format!("{name}: &{name} [{items}]\n"));
        }
        let d = problem(&text).expect("refused");
        assert!(d.message.contains("aliases"), "{}", d.message);
        // A few aliases are fine: R&D and **bold** do not make a file suspicious by themselves.
        assert!(problem("a: &x R&D\nb: *x\nc: '**bold**'\n").is_none());
    }

    #[test]
    fn escaped_control_characters_are_refused() {
        for esc in [
            r"\0", r"\e", r"\v", r"\f", r"\x1b", r"\u0007", r"\x7f", r"\x80",
        ] {
            let text = format!("a: 1\ntitle: \"Salon {esc} de test\"\n");
            let d = problem(&text).unwrap_or_else(|| panic!("{esc} let through"));
            assert!(d.message.starts_with(CONTROL_CHARACTER), "{}", d.message);
            assert_eq!(d.line, Some(2));
        }
        for fine in [r"\t", r"\n", r"\r", r"\N", r"\u00e9", r"\\"] {
            let text = format!("title: \"Salon {fine} de test\"\n");
            assert!(problem(&text).is_none(), "{fine} refused");
        }
    }

    #[test]
    fn character_references_to_control_characters_are_found() {
        assert_eq!(first_control("a &#27; b"), Some((2, '\u{1b}')));
        assert_eq!(first_control("a &#x1B; &#1;"), Some((2, '\u{1b}')));
        assert_eq!(first_control("&#x80;"), Some((0, '\u{80}')));
        assert_eq!(first_control("x\u{7}y &#1;"), Some((1, '\u{7}')));
        for fine in ["&#233; &#x2014; &amp; &#; &#12", "R&D #1", "tab\there\r\n"] {
            assert_eq!(first_control(fine), None, "{fine}");
        }
    }

    #[test]
    fn front_matter_lines_are_offset() {
        let d = check(Path::new("f.md"), "a: 1\ntitle: \"\\0\"\n", 1).expect_err("refused");
        assert_eq!(d.line, Some(3));
    }
}
