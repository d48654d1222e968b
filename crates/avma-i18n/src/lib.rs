//! avma's message catalog: every sentence a user reads, as Fluent files embedded in the binary
//! (`locales/<tag>/avma.ftl`). The set of languages is data: `build.rs` embeds every locale
//! folder it finds, so a language is added by adding its `.ftl` file (and, if wanted, its text
//! in the catalog's `{ en = ..., <tag> = ... }` tables), with no code change.
//!
//! A message missing from a language falls back to English, and to its id if English lacks it
//! too; `tests/coverage.rs` fails the build before either can ship.

pub mod pseudo;

use avma_core::text::{Lang, Localized, Msg, MsgArg};
use fluent_bundle::{FluentArgs, FluentBundle, FluentResource, FluentValue};

include!(concat!(env!("OUT_DIR"), "/locales.rs"));

/// The English catalog: the source language, every other language's fallback.
pub const EN_FTL: &str = include_str!("../locales/en/avma.ftl");

/// Every shipped locale: `(tag, Fluent source)`, English first.
pub fn shipped() -> &'static [(&'static str, &'static str)] {
    SHIPPED
}

/// The languages `--lang` accepts: every shipped locale, then the pseudo-locale.
pub fn languages() -> Vec<Lang> {
    let mut v: Vec<Lang> = SHIPPED.iter().filter_map(|(t, _)| Lang::parse(t)).collect();
    v.push(Lang::Qps);
    v
}

/// The shipped locale for a tag as people write it (`ja`, `ja-JP`, `ja_JP.UTF-8`, `qps`):
/// an exact tag first, then its primary subtag.
pub fn find_language(tag: &str) -> Option<Lang> {
    let tag = tag.split(['.', '@']).next().unwrap_or("").replace('_', "-");
    let langs = languages();
    let exact = langs.iter().find(|l| l.as_str().eq_ignore_ascii_case(&tag));
    let primary = tag.split('-').next().unwrap_or("");
    exact
        .or_else(|| {
            langs
                .iter()
                .find(|l| l.as_str().eq_ignore_ascii_case(primary))
        })
        .copied()
}

/// The Fluent source of a shipped language (the pseudo-locale is rendered from English).
pub fn ftl(lang: Lang) -> Option<&'static str> {
    let tag = lang.base();
    SHIPPED
        .iter()
        .find(|(t, _)| *t == tag.as_str())
        .map(|(_, s)| *s)
}

pub struct I18n {
    lang: Lang,
    bundle: FluentBundle<FluentResource>,
    fallback: Option<FluentBundle<FluentResource>>,
}

/// A bundle of `src` for `lang`, and the syntax errors of the entries it had to skip.
fn bundle(lang: Lang, src: &str) -> (FluentBundle<FluentResource>, Vec<String>) {
    let id: unic_langid::LanguageIdentifier = lang
        .base()
        .as_str()
        .parse()
        .unwrap_or_else(|_| unic_langid::langid!("en"));
    let mut b = FluentBundle::new(vec![id]);
    b.set_use_isolating(false);
    let mut errors = Vec::new();
    // A broken entry is skipped, not fatal; the coverage tests keep shipped files clean.
    let res = match FluentResource::try_new(src.to_string()) {
        Ok(r) => r,
        Err((r, e)) => {
            errors.extend(e.iter().map(|e| format!("{e:?}")));
            r
        }
    };
    if let Err(e) = b.add_resource(res) {
        errors.extend(e.iter().map(|e| format!("{e:?}")));
    }
    (b, errors)
}

impl I18n {
    /// The messages of a shipped language (English for a tag no locale has).
    pub fn new(lang: Lang) -> I18n {
        let src = ftl(lang).unwrap_or(EN_FTL);
        I18n::from_ftl(lang, src).0
    }

    /// The messages of `lang` from a Fluent source, with English behind it for any message it
    /// lacks, and the syntax errors of the entries it skipped. Every shipped locale is loaded
    /// this way; so can be any other.
    pub fn from_ftl(lang: Lang, src: &str) -> (I18n, Vec<String>) {
        let (bundle, errors) = bundle(lang, src);
        let fallback = (lang.base() != Lang::En).then(bundle_en);
        (
            I18n {
                lang,
                bundle,
                fallback,
            },
            errors,
        )
    }

    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// Does this language define the message (without falling back)?
    pub fn has(&self, id: &str) -> bool {
        self.bundle.has_message(id)
    }

    /// An argument as text in this language (nested messages and lists rendered).
    fn arg_text(&self, a: &MsgArg) -> String {
        match a {
            MsgArg::Str(s) => s.clone(),
            MsgArg::Num(n) => n.to_string(),
            MsgArg::Text(t) => self.text(t).to_string(),
            MsgArg::Msg(m) => self.msg(m),
            MsgArg::List(v, sep) => v
                .iter()
                .map(|a| self.arg_text(a))
                .collect::<Vec<_>>()
                .join(sep),
        }
    }

    fn format_in(
        &self,
        b: &FluentBundle<FluentResource>,
        id: &str,
        args: &[(&str, MsgArg)],
    ) -> Option<String> {
        let msg = b.get_message(id)?;
        let pattern = msg.value()?;
        let mut fargs = FluentArgs::new();
        // The argument values as placed, which the pseudo-locale leaves untouched.
        let mut values = Vec::new();
        for (name, value) in args {
            let v: FluentValue = match value {
                MsgArg::Num(n) => {
                    values.push(n.to_string());
                    FluentValue::from(*n)
                }
                other => {
                    let s = self.arg_text(other);
                    values.push(s.clone());
                    FluentValue::from(s)
                }
            };
            fargs.set(*name, v);
        }
        let mut errors = Vec::new();
        let s = b.format_pattern(pattern, Some(&fargs), &mut errors);
        if self.lang.is_pseudo() {
            return Some(pseudo::pseudo_keeping(&s, &values));
        }
        Some(s.into_owned())
    }

    /// Render a message with arguments.
    pub fn args(&self, id: &str, args: &[(&str, MsgArg)]) -> String {
        self.format_in(&self.bundle, id, args)
            .or_else(|| {
                self.fallback
                    .as_ref()
                    .and_then(|f| self.format_in(f, id, args))
            })
            .unwrap_or_else(|| id.to_string())
    }

    /// Render a message without arguments.
    pub fn t(&self, id: &str) -> String {
        self.args(id, &[])
    }

    /// Render a core message.
    pub fn msg(&self, m: &Msg) -> String {
        let args: Vec<(&str, MsgArg)> = m.args.iter().map(|(k, v)| (*k, v.clone())).collect();
        self.args(m.id, &args)
    }

    /// Catalog text in this language, falling back to English (the pseudo-locale transforms
    /// the English).
    pub fn text<'a>(&self, t: &'a Localized) -> &'a str {
        if self.lang.is_pseudo() {
            return pseudo::interned(t.en());
        }
        t.get(self.lang)
    }
}

/// The message id of a command placeholder's name, from its English name (`the node's
/// Datacenter key` → `placeholder-the-node-s-datacenter-key`).
pub fn placeholder_id(english: &str) -> String {
    let mut id = String::from("placeholder");
    let mut dash = true;
    for c in english.chars() {
        if c.is_ascii_alphanumeric() {
            if dash {
                id.push('-');
            }
            id.push(c.to_ascii_lowercase());
            dash = false;
        } else {
            dash = true;
        }
    }
    id
}

impl I18n {
    /// A command placeholder's name in this language (`None` for English, or when the
    /// catalog lacks it: the English name stays).
    pub fn placeholder(&self, english: &str) -> Option<String> {
        if self.lang == Lang::En {
            return None;
        }
        let id = placeholder_id(english);
        let has = self.bundle.has_message(&id)
            || self.fallback.as_ref().is_some_and(|f| f.has_message(&id));
        has.then(|| self.t(&id))
    }
}

fn bundle_en() -> FluentBundle<FluentResource> {
    bundle(Lang::En, EN_FTL).0
}
