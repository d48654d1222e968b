//! Language-neutral messages. The core never formats a sentence: it returns a [`Msg`] (a
//! message id of the Fluent catalog plus arguments) and the CLI renders it in the user's
//! language. Catalog facts, which are bilingual data, travel as [`MsgArg::Text`].

use serde::Serialize;

/// The languages avma speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    En,
    Ja,
    /// The pseudo-locale for testing (`--lang qps`): English, accented, bracketed and
    /// lengthened by the message catalog (avma-i18n), to find text that bypasses it.
    Qps,
}

impl Lang {
    pub fn as_str(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ja => "ja",
            Lang::Qps => "qps",
        }
    }

    /// The language whose data this one is made from (the pseudo-locale is made from English).
    pub fn base(self) -> Lang {
        match self {
            Lang::Qps => Lang::En,
            l => l,
        }
    }
}

/// A borrowed bilingual text from the catalog.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Text<'a> {
    pub en: &'a str,
    pub ja: &'a str,
}

impl<'a> Text<'a> {
    pub fn new(en: &'a str, ja: &'a str) -> Self {
        Text { en, ja }
    }
    /// The text in `lang`'s data language. The pseudo-locale gets English here; the message
    /// catalog (avma-i18n's `I18n::pick`) transforms it.
    pub fn get(&self, lang: Lang) -> &'a str {
        match lang.base() {
            Lang::Ja => self.ja,
            _ => self.en,
        }
    }
}

/// One argument of a message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum MsgArg {
    /// Language-neutral text: a key, an EditionID, a command, a version name.
    Str(String),
    Num(i64),
    /// Bilingual text picked by the renderer.
    Text {
        en: String,
        ja: String,
    },
}

impl From<&str> for MsgArg {
    fn from(s: &str) -> Self {
        MsgArg::Str(s.to_string())
    }
}
impl From<String> for MsgArg {
    fn from(s: String) -> Self {
        MsgArg::Str(s)
    }
}
impl From<i64> for MsgArg {
    fn from(n: i64) -> Self {
        MsgArg::Num(n)
    }
}
impl From<Text<'_>> for MsgArg {
    fn from(t: Text<'_>) -> Self {
        MsgArg::Text {
            en: t.en.to_string(),
            ja: t.ja.to_string(),
        }
    }
}

/// A message of the Fluent catalog (`crates/avma-i18n/locales/*/avma.ftl`) with its arguments.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Msg {
    pub id: &'static str,
    pub args: Vec<(&'static str, MsgArg)>,
}

impl Msg {
    pub fn new(id: &'static str) -> Msg {
        Msg {
            id,
            args: Vec::new(),
        }
    }
    pub fn arg(mut self, name: &'static str, value: impl Into<MsgArg>) -> Msg {
        self.args.push((name, value.into()));
        self
    }
}
