//! `Text`: a diagnostic's message or hint, readable as English (what tests and `Display`
//! see) and renderable in any language when it was made from a `Msg`.

use std::borrow::Cow;
use std::cmp::Ordering;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::ops::Deref;

use super::{render, Lang, Msg};

/// Text for people. Plain strings (not yet in the catalogues) read the same in every
/// language; a `Msg` is rendered in English once, and again in the language asked for.
/// Two texts are equal when their English is.
#[derive(Debug, Clone)]
pub struct Text {
    en: String,
    msg: Option<Msg>,
}

impl Text {
    /// The text in `lang`.
    pub fn in_lang(&self, lang: Lang) -> Cow<'_, str> {
        match (&self.msg, lang) {
            (Some(msg), Lang::Fr) => Cow::Owned(render(lang, msg)),
            _ => Cow::Borrowed(&self.en),
        }
    }

    /// The English text.
    pub fn as_str(&self) -> &str {
        &self.en
    }

    /// The message it was made from, if any.
    pub fn msg(&self) -> Option<&Msg> {
        self.msg.as_ref()
    }
}

impl From<Msg> for Text {
    fn from(msg: Msg) -> Text {
        Text {
            en: render(Lang::En, &msg),
            msg: Some(msg),
        }
    }
}

impl From<String> for Text {
    fn from(en: String) -> Text {
        Text { en, msg: None }
    }
}

impl From<&str> for Text {
    fn from(en: &str) -> Text {
        Text::from(en.to_string())
    }
}

impl From<&String> for Text {
    fn from(en: &String) -> Text {
        Text::from(en.clone())
    }
}

impl Deref for Text {
    type Target = str;
    fn deref(&self) -> &str {
        &self.en
    }
}

impl AsRef<str> for Text {
    fn as_ref(&self) -> &str {
        &self.en
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.en)
    }
}

impl PartialEq for Text {
    fn eq(&self, other: &Text) -> bool {
        self.en == other.en
    }
}

impl Eq for Text {}

impl PartialEq<str> for Text {
    fn eq(&self, other: &str) -> bool {
        self.en == other
    }
}

impl PartialEq<&str> for Text {
    fn eq(&self, other: &&str) -> bool {
        self.en == *other
    }
}

impl PartialEq<String> for Text {
    fn eq(&self, other: &String) -> bool {
        &self.en == other
    }
}

impl PartialOrd for Text {
    fn partial_cmp(&self, other: &Text) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Text {
    fn cmp(&self, other: &Text) -> Ordering {
        self.en.cmp(&other.en)
    }
}

impl Hash for Text {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.en.hash(state);
    }
}
