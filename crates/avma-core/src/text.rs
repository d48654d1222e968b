//! Language-neutral messages. The core never formats a sentence: it returns a [`Msg`] (a
//! message id of the Fluent catalog plus arguments) and the CLI renders it in the user's
//! language. Catalog facts, which are data in several languages, are [`Localized`] and travel
//! as [`MsgArg::Text`].
//!
//! Languages are data: a [`Lang`] is a language tag (`en`, `ja`, or any locale avma-i18n
//! finds in its `locales/` folder), and a [`Localized`] text is a map from tags to text that
//! falls back to English. Nothing here lists the languages.

use std::fmt;

use serde::de::{MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

const TAG_MAX: usize = 15;

/// A language: a BCP 47-style tag (`en`, `ja`, `pt-BR`), at most 15 ASCII letters, digits or
/// `-`. `Copy`, so it is passed around like the enum it replaces.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Lang {
    len: u8,
    tag: [u8; TAG_MAX],
}

#[allow(non_upper_case_globals)]
impl Lang {
    /// English: the language of the source catalog and the fallback of every other.
    pub const En: Lang = Lang::from_static("en");
    /// Japanese.
    pub const Ja: Lang = Lang::from_static("ja");
    /// The pseudo-locale for testing (`--lang qps`): English, accented, bracketed and
    /// lengthened by the message catalog (avma-i18n), to find text that bypasses it.
    pub const Qps: Lang = Lang::from_static("qps");

    /// A tag known at compile time (a tag that is not valid fails the build).
    pub const fn from_static(tag: &'static str) -> Lang {
        let b = tag.as_bytes();
        assert!(!b.is_empty() && b.len() <= TAG_MAX, "language tag length");
        let mut out = [0u8; TAG_MAX];
        let mut i = 0;
        while i < b.len() {
            assert!(
                b[i].is_ascii_alphanumeric() || b[i] == b'-',
                "language tag character"
            );
            out[i] = b[i];
            i += 1;
        }
        Lang {
            len: b.len() as u8,
            tag: out,
        }
    }

    /// A tag from text (`ja`, `pt-BR`); `None` when it is not a plausible tag.
    pub fn parse(tag: &str) -> Option<Lang> {
        let b = tag.as_bytes();
        if b.is_empty()
            || b.len() > TAG_MAX
            || b.first() == Some(&b'-')
            || !b.iter().all(|c| c.is_ascii_alphanumeric() || *c == b'-')
        {
            return None;
        }
        let mut out = [0u8; TAG_MAX];
        out[..b.len()].copy_from_slice(b);
        Some(Lang {
            len: b.len() as u8,
            tag: out,
        })
    }

    pub fn as_str(&self) -> &str {
        // Only ASCII is ever stored.
        std::str::from_utf8(&self.tag[..self.len as usize]).unwrap_or("en")
    }

    /// Is this the pseudo-locale (made from English by transforming it)?
    pub fn is_pseudo(self) -> bool {
        self == Lang::Qps
    }

    /// The language whose data this one is made from (the pseudo-locale is made from English).
    pub fn base(self) -> Lang {
        if self.is_pseudo() {
            Lang::En
        } else {
            self
        }
    }

    /// The primary language subtag (`pt` of `pt-BR`), as the fallback of a regional tag.
    pub fn primary(&self) -> &str {
        self.as_str().split('-').next().unwrap_or("en")
    }
}

impl fmt::Debug for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Lang({})", self.as_str())
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Lang {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// Text in several languages: language tag → text, with English as the fallback. The catalog
/// writes it `note = { en = "...", ja = "..." }`; the rule registry builds it from a static
/// list of pairs ([`Localized::from_static`]). Adding a language to the data is adding a key.
#[derive(Clone)]
pub struct Localized(Repr);

#[derive(Clone)]
enum Repr {
    Static(&'static [(&'static str, &'static str)]),
    Owned(Vec<(String, String)>),
}

impl Localized {
    /// From `(tag, text)` pairs known at compile time (the rule registry's docs).
    pub const fn from_static(pairs: &'static [(&'static str, &'static str)]) -> Localized {
        Localized(Repr::Static(pairs))
    }

    /// From `(tag, text)` pairs.
    pub fn from_pairs<T: Into<String>, S: Into<String>>(
        pairs: impl IntoIterator<Item = (T, S)>,
    ) -> Localized {
        let mut v: Vec<(String, String)> = Vec::new();
        for (t, s) in pairs {
            let t = t.into();
            match v.iter_mut().find(|(k, _)| *k == t) {
                Some(slot) => slot.1 = s.into(),
                None => v.push((t, s.into())),
            }
        }
        Localized(Repr::Owned(v))
    }

    /// One text for every language (a name that is not translated).
    pub fn same(text: impl Into<String>) -> Localized {
        Localized::from_pairs([("en", text.into())])
    }

    /// Every `(tag, text)` pair, in the order written.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> + '_ {
        let (a, b) = match &self.0 {
            Repr::Static(p) => (Some(p.iter().map(|(t, s)| (*t, *s))), None),
            Repr::Owned(v) => (None, Some(v.iter().map(|(t, s)| (t.as_str(), s.as_str())))),
        };
        a.into_iter().flatten().chain(b.into_iter().flatten())
    }

    /// The languages this text is written in.
    pub fn tags(&self) -> impl Iterator<Item = &str> + '_ {
        self.iter().map(|(t, _)| t)
    }

    /// The text written for exactly this tag, without falling back.
    pub fn exact(&self, tag: &str) -> Option<&str> {
        self.iter().find(|(t, _)| *t == tag).map(|(_, s)| s)
    }

    /// The text in `lang`'s data language: the tag itself, then its primary subtag, then
    /// English, then whatever is there. The pseudo-locale gets English here; the message
    /// catalog (avma-i18n's `I18n::text`) transforms it.
    pub fn get(&self, lang: Lang) -> &str {
        let lang = lang.base();
        self.exact(lang.as_str())
            .or_else(|| self.exact(lang.primary()))
            .or_else(|| self.exact("en"))
            .or_else(|| self.iter().next().map(|(_, s)| s))
            .unwrap_or("")
    }

    /// Is a text written for `lang` (itself or its primary subtag), or would it fall back?
    pub fn has(&self, lang: Lang) -> bool {
        let lang = lang.base();
        self.exact(lang.as_str()).is_some() || self.exact(lang.primary()).is_some()
    }

    /// The English text.
    pub fn en(&self) -> &str {
        self.get(Lang::En)
    }

    /// Every language's text passed through `f`.
    pub fn map(&self, mut f: impl FnMut(&str) -> String) -> Localized {
        Localized(Repr::Owned(
            self.iter().map(|(t, s)| (t.to_string(), f(s))).collect(),
        ))
    }

    /// Several texts combined per language: for each language any of them is written in,
    /// `f` gets each part in that language (falling back as [`Localized::get`] does).
    pub fn combine(parts: &[&Localized], f: impl Fn(&[&str]) -> String) -> Localized {
        let mut tags: Vec<&str> = Vec::new();
        for p in parts {
            for t in p.tags() {
                if !tags.contains(&t) {
                    tags.push(t);
                }
            }
        }
        if tags.is_empty() {
            tags.push("en");
        }
        let mut out = Vec::new();
        for t in tags {
            let lang = Lang::parse(t).unwrap_or(Lang::En);
            let texts: Vec<&str> = parts.iter().map(|p| p.get(lang)).collect();
            out.push((t.to_string(), f(&texts)));
        }
        Localized(Repr::Owned(out))
    }

    /// Is every language's text empty (or none written)?
    pub fn is_empty(&self) -> bool {
        self.iter().all(|(_, s)| s.is_empty())
    }
}

impl Default for Localized {
    fn default() -> Self {
        Localized(Repr::Owned(Vec::new()))
    }
}

impl PartialEq for Localized {
    fn eq(&self, other: &Self) -> bool {
        self.iter().eq(other.iter())
    }
}
impl Eq for Localized {}

impl fmt::Debug for Localized {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
}

impl Serialize for Localized {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(self.iter())
    }
}

impl<'de> Deserialize<'de> for Localized {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Localized;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a table of language tag = text, with `en` among them")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut m: A) -> Result<Localized, A::Error> {
                let mut v: Vec<(String, String)> = Vec::new();
                while let Some((tag, text)) = m.next_entry::<String, String>()? {
                    if Lang::parse(&tag).is_none() {
                        return Err(serde::de::Error::custom(format!(
                            "`{tag}` is not a language tag"
                        )));
                    }
                    if v.iter().any(|(t, _)| *t == tag) {
                        return Err(serde::de::Error::custom(format!("`{tag}` given twice")));
                    }
                    v.push((tag, text));
                }
                if !v.iter().any(|(t, _)| t == "en") {
                    return Err(serde::de::Error::custom(
                        "no `en` text (English is every language's fallback)",
                    ));
                }
                Ok(Localized(Repr::Owned(v)))
            }
        }
        d.deserialize_map(V)
    }
}

/// One argument of a message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum MsgArg {
    /// Language-neutral text: a key, an EditionID, a command, a version name.
    Str(String),
    Num(i64),
    /// Catalog text in several languages, picked by the renderer.
    Text(Localized),
    /// A message of its own, rendered in the same language (a phrase made of parts).
    Msg(Box<Msg>),
    /// Several arguments rendered and joined by a separator (`" / "`, `"; "`).
    List(Vec<MsgArg>, &'static str),
}

impl MsgArg {
    /// This argument with every text in it (strings, every language of a text, nested
    /// messages and lists) passed through `f`: for escaping and redaction.
    pub fn map_text(&self, f: &dyn Fn(&str) -> String) -> MsgArg {
        match self {
            MsgArg::Str(s) => MsgArg::Str(f(s)),
            MsgArg::Num(n) => MsgArg::Num(*n),
            MsgArg::Text(t) => MsgArg::Text(t.map(f)),
            MsgArg::Msg(m) => MsgArg::Msg(Box::new(m.map_text(f))),
            MsgArg::List(v, sep) => MsgArg::List(v.iter().map(|a| a.map_text(f)).collect(), sep),
        }
    }
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
impl From<&Localized> for MsgArg {
    fn from(t: &Localized) -> Self {
        MsgArg::Text(t.clone())
    }
}
impl From<Localized> for MsgArg {
    fn from(t: Localized) -> Self {
        MsgArg::Text(t)
    }
}
impl From<Msg> for MsgArg {
    fn from(m: Msg) -> Self {
        MsgArg::Msg(Box::new(m))
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
    /// This message with every text argument passed through `f` ([`MsgArg::map_text`]).
    pub fn map_text(&self, f: &dyn Fn(&str) -> String) -> Msg {
        Msg {
            id: self.id,
            args: self.args.iter().map(|(k, v)| (*k, v.map_text(f))).collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tag_round_trips_and_bad_tags_are_refused() {
        assert_eq!(
            Lang::parse("pt-BR").map(|l| l.to_string()),
            Some("pt-BR".into())
        );
        assert_eq!(Lang::parse("ja"), Some(Lang::Ja));
        for bad in ["", "-x", "a b", "toolongtagisnotatag", "日本"] {
            assert_eq!(Lang::parse(bad), None, "{bad}");
        }
        assert_eq!(
            Lang::parse("pt-BR").map(|l| l.primary().to_string()),
            Some("pt".into())
        );
    }

    #[test]
    fn text_falls_back_to_the_primary_subtag_then_english() {
        let t = Localized::from_pairs([("en", "E"), ("ja", "J"), ("pt", "P")]);
        assert_eq!(t.get(Lang::Ja), "J");
        assert_eq!(t.get(Lang::Qps), "E");
        assert_eq!(t.get(Lang::parse("pt-BR").unwrap_or(Lang::En)), "P");
        assert_eq!(t.get(Lang::parse("de").unwrap_or(Lang::En)), "E");
        assert!(!t.has(Lang::parse("de").unwrap_or(Lang::En)));
        let s = Localized::from_static(&[("en", "E"), ("ja", "J")]);
        assert_eq!(s, Localized::from_pairs([("en", "E"), ("ja", "J")]));
    }

    #[test]
    fn combine_joins_per_language() {
        let a = Localized::from_pairs([("en", "Standard"), ("ja", "スタンダード")]);
        let b = Localized::same("2022");
        let c = Localized::combine(&[&b, &a], |p| p.join(" "));
        assert_eq!(c.get(Lang::Ja), "2022 スタンダード");
        assert_eq!(c.get(Lang::En), "2022 Standard");
    }
}
