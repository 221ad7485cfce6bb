//! The closed vocabularies of the content (levels, statuses, roles…): their codes, the
//! French words accepted besides them, and the JSON Schemas listing both.

use serde::{Deserialize, Serialize};

use super::Mission;

/// A closed vocabulary: each value's code (what `key` gives, the translation key) and, after
/// `|`, the French words editors may write instead (the site's labels, with and without
/// accents), accepted as serde aliases and listed in the JSON Schema (schemars leaves
/// aliases out).
macro_rules! vocabulary {
    ($(#[$m:meta])* $name:ident {
        $($variant:ident = $text:literal $(| $alias:literal)*),+ $(,)?
    }) => {
        $(#[$m])*
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
            schemars::JsonSchema,
        )]
        #[schemars(extend("enum" = [$($text $(, $alias)*),+]))]
        pub enum $name {
            $(#[serde(rename = $text $(, alias = $alias)*)] $variant),+
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The French words accepted besides the codes.
            pub const FRENCH: &'static [&'static str] = &[$($($alias,)*)+];

            /// The value as written in content files and used as a translation key.
            pub fn key(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }

            /// The French words accepted for this value.
            pub fn french(self) -> &'static [&'static str] {
                match self { $($name::$variant => &[$($alias),*]),+ }
            }
        }
    };
}

/// True when `word` is one of the French words a vocabulary accepts besides its codes (the
/// messages listing the allowed values name the codes only).
/// Languages by code (`nl`), with the names people write for them (folded: no accents, lower
/// case) in French first, then English and Dutch: an open call may say `néerlandais`, and the
/// identification sheet's options are such words. The first name is the French one.
const LANGUAGES: [(&str, &[&str]); 8] = [
    ("fr", &["francais", "french", "frans"]),
    (
        "nl",
        &["neerlandais", "dutch", "nederlands", "flamand", "vlaams"],
    ),
    ("en", &["anglais", "english", "engels"]),
    ("de", &["allemand", "german", "deutsch", "duits"]),
    ("es", &["espagnol", "spanish", "spaans"]),
    ("it", &["italien", "italian", "italiaans"]),
    ("pt", &["portugais", "portuguese", "portugees"]),
    ("ar", &["arabe", "arabic", "arabisch"]),
];

/// The code of a language written as a code or a name (`néerlandais`, `Dutch`, `nl` → `nl`).
pub fn language_code(written: &str) -> Option<&'static str> {
    let folded = super::Slug::from_text(written)?;
    LANGUAGES
        .iter()
        .find(|(code, names)| *code == folded.as_str() || names.contains(&folded.as_str()))
        .map(|(code, _)| *code)
}

/// The French name of a language code, as the identification sheet writes it.
pub fn language_name_fr(code: &str) -> Option<&'static str> {
    Some(match code {
        "fr" => "français",
        "nl" => "néerlandais",
        "en" => "anglais",
        "de" => "allemand",
        "es" => "espagnol",
        "it" => "italien",
        "pt" => "portugais",
        "ar" => "arabe",
        _ => return None,
    })
}

pub fn is_french_word(word: &str) -> bool {
    [
        Level::FRENCH,
        Status::FRENCH,
        Role::FRENCH,
        Axis::FRENCH,
        KitKind::FRENCH,
        Intervention::FRENCH,
        Venue::FRENCH,
        Compensation::FRENCH,
        Criterion::FRENCH,
    ]
    .iter()
    .any(|list| list.contains(&word))
}

vocabulary!(
    /// The level at which SMart is represented or a network operates.
    Level {
        Local = "local",
        Regional = "regional" | "régional",
        Sectoral = "sectoral" | "sectoriel",
        National = "national",
        European = "european" | "européen" | "europeen",
        International = "international",
    }
);

vocabulary!(
    /// Whether the event takes place as announced: `confirmed`, `tentative`, `postponed` (put
    /// off to a date not known yet) or `cancelled`.
    Status {
        Confirmed = "confirmed" | "confirmé" | "confirme",
        Tentative = "tentative" | "à confirmer" | "a confirmer",
        Postponed = "postponed" | "reporté" | "reporte",
        Cancelled = "cancelled" | "annulé" | "annule",
    }
);

vocabulary!(
    /// The role of a person representing SMart at an event.
    Role {
        Ambassador = "ambassador" | "ambassadeur" | "ambassadrice" | "ambassadeur·rice",
        Staff = "staff" | "équipe" | "equipe",
        Board = "board" | "conseil d’administration" | "conseil d'administration" | "administrateur" | "administratrice",
    }
);

vocabulary!(
    /// The three axes of representation named by the working group.
    Axis {
        Promote = "promote" | "promouvoir",
        Inform = "inform" | "informer",
        Defend = "defend" | "défendre" | "defendre",
    }
);

vocabulary!(
    /// What kind of item of the representation kit this is.
    KitKind {
        Brochure = "brochure",
        Video = "video" | "vidéo",
        BusinessCard = "business_card" | "carte de visite",
        Slides = "slides" | "présentation" | "presentation",
        Pitch = "pitch" | "argumentaire",
        Poster = "poster" | "affiche",
        Template = "template" | "modèle" | "modele",
        Other = "other" | "autre",
    }
);

vocabulary!(
    /// The kind of intervention asked of the ambassador on a mission.
    Intervention {
        Informal = "informal" | "représentation informelle" | "representation informelle",
        PublicTalk = "public_talk" | "prise de parole publique" | "prise de parole",
        Debate = "debate" | "débat" | "debat",
        Workshop = "workshop" | "atelier",
        Stand = "stand",
        OfficialMeeting = "official_meeting" | "réunion officielle" | "reunion officielle",
        Interview = "interview",
    }
);

vocabulary!(
    /// The kind of place or setting of a mission.
    Venue {
        Fair = "fair" | "salon",
        Conference = "conference" | "conférence",
        OneToOne = "one_to_one" | "rencontre individuelle",
        Official = "official" | "instance officielle",
        Online = "online" | "en ligne",
        Other = "other" | "autre",
    }
);

vocabulary!(
    /// How a mission is compensated.
    Compensation {
        ExpensesOnly = "expenses_only" | "défraiement" | "defraiement" | "défraiement uniquement" | "defraiement uniquement",
        PaidContract = "paid_contract" | "rémunéré" | "remunere" | "rémunéré sous contrat" | "remunere sous contrat",
        Volunteer = "volunteer" | "bénévolat" | "benevolat",
    }
);

vocabulary!(
    /// A criterion for choosing who goes on a mission.
    Criterion {
        Time = "time" | "temps consacré" | "temps consacre",
        Expertise = "expertise",
        Reporting = "reporting" | "rapport de mission",
        AddedValue = "added_value" | "valeur ajoutée" | "valeur ajoutee",
    }
);

vocabulary!(
    /// A field of the mission sheet whose options are one of the closed vocabularies above,
    /// ticked from the event; its key is the field's `id`. The ids live here, in code:
    /// `content/sheets/mission.yaml` gives each option of these fields one of them as its `id`
    /// and a label of its own (`check` refuses an option id outside the vocabulary, and an
    /// event value the sheet offers no option for).
    SheetChoice {
        Intervention = "intervention",
        Venue = "venue",
        Axis = "axis",
        Compensation = "compensation",
        Criteria = "criteria",
    }
);

impl SheetChoice {
    pub fn of_field(id: &str) -> Option<SheetChoice> {
        SheetChoice::ALL.iter().copied().find(|c| c.key() == id)
    }

    /// Where an event file writes the value (`axis` is the event's own, the rest its mission's).
    pub fn event_key(self) -> &'static str {
        match self {
            SheetChoice::Axis => "axis",
            SheetChoice::Intervention => "mission.intervention",
            SheetChoice::Venue => "mission.venue",
            SheetChoice::Compensation => "mission.compensation",
            SheetChoice::Criteria => "mission.criteria",
        }
    }

    /// Whether an event gives a list (`criteria: [time, reporting]`), ticked as several boxes.
    pub fn multiple(self) -> bool {
        self == SheetChoice::Criteria
    }

    /// The ids an option of this field may have: the values an event may write.
    pub fn values(self) -> Vec<&'static str> {
        fn keys<T: Copy>(all: &[T], key: fn(T) -> &'static str) -> Vec<&'static str> {
            all.iter().map(|x| key(*x)).collect()
        }
        match self {
            SheetChoice::Intervention => keys(Intervention::ALL, Intervention::key),
            SheetChoice::Venue => keys(Venue::ALL, Venue::key),
            SheetChoice::Axis => keys(Axis::ALL, Axis::key),
            SheetChoice::Compensation => keys(Compensation::ALL, Compensation::key),
            SheetChoice::Criteria => keys(Criterion::ALL, Criterion::key),
        }
    }

    /// What an event with this `axis` and `mission` block says for the field.
    pub fn event_values(self, axis: Option<Axis>, m: &Mission) -> Vec<&'static str> {
        let one = |key: Option<&'static str>| key.into_iter().collect();
        match self {
            SheetChoice::Intervention => one(m.intervention.map(Intervention::key)),
            SheetChoice::Venue => one(m.venue.map(Venue::key)),
            SheetChoice::Axis => one(axis.map(Axis::key)),
            SheetChoice::Compensation => one(m.compensation.map(Compensation::key)),
            SheetChoice::Criteria => m.criteria.iter().map(|c| c.key()).collect(),
        }
    }
}

vocabulary!(
    /// The kind of a field on a printable sheet.
    FieldKind {
        Text = "text",
        Lines = "lines",
        Choice = "choice",
        MultiChoice = "multichoice",
        YesNo = "yesno",
        Date = "date",
        Grid = "grid",
        Charter = "charter",
        Signature = "signature",
    }
);
