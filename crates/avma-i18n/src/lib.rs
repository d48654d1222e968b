//! avma's message catalog: every sentence a user reads, in English and Japanese, as Fluent
//! files embedded in the binary (`locales/<lang>/avma.ftl`).
//!
//! A message missing from a language falls back to English, and to its id if English lacks it
//! too; `tests/coverage.rs` fails the build before either can ship.

pub mod pseudo;

use avma_core::text::{Lang, Msg, MsgArg};
use fluent_bundle::{FluentArgs, FluentBundle, FluentResource, FluentValue};

pub const EN_FTL: &str = include_str!("../locales/en/avma.ftl");
pub const JA_FTL: &str = include_str!("../locales/ja/avma.ftl");

/// The source text of a language's catalog.
pub fn ftl(lang: Lang) -> &'static str {
    match lang {
        Lang::Ja => JA_FTL,
        // The pseudo-locale is rendered from the English catalog.
        Lang::En | Lang::Qps => EN_FTL,
    }
}

pub struct I18n {
    lang: Lang,
    bundle: FluentBundle<FluentResource>,
    fallback: Option<FluentBundle<FluentResource>>,
}

fn bundle(lang: Lang) -> FluentBundle<FluentResource> {
    let id: unic_langid::LanguageIdentifier = match lang {
        Lang::Ja => unic_langid::langid!("ja"),
        Lang::En | Lang::Qps => unic_langid::langid!("en"),
    };
    let mut b = FluentBundle::new(vec![id]);
    b.set_use_isolating(false);
    // Syntax errors are caught by the coverage tests; a broken entry is skipped, not fatal.
    let res = match FluentResource::try_new(ftl(lang).to_string()) {
        Ok(r) => r,
        Err((r, _)) => r,
    };
    let _ = b.add_resource(res);
    b
}

impl I18n {
    pub fn new(lang: Lang) -> I18n {
        I18n {
            lang,
            bundle: bundle(lang),
            fallback: (lang == Lang::Ja).then(|| bundle(Lang::En)),
        }
    }

    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// Does this language define the message (without falling back)?
    pub fn has(&self, id: &str) -> bool {
        self.bundle.has_message(id)
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
        let mut values = Vec::new();
        for (name, value) in args {
            let v: FluentValue = match value {
                MsgArg::Str(s) => {
                    values.push(s.clone());
                    FluentValue::from(s.clone())
                }
                MsgArg::Num(n) => {
                    values.push(n.to_string());
                    FluentValue::from(*n)
                }
                MsgArg::Text { en, ja } => FluentValue::from(match self.lang {
                    Lang::En => en.clone(),
                    Lang::Ja => ja.clone(),
                    Lang::Qps => {
                        let p = pseudo::interned(en).to_string();
                        values.push(p.clone());
                        p
                    }
                }),
            };
            fargs.set(*name, v);
        }
        let mut errors = Vec::new();
        let s = b.format_pattern(pattern, Some(&fargs), &mut errors);
        if self.lang == Lang::Qps {
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

    /// Pick the language's side of a bilingual catalog text.
    pub fn pick<'a>(&self, en: &'a str, ja: &'a str) -> &'a str {
        match self.lang {
            Lang::En => en,
            Lang::Ja => ja,
            Lang::Qps => pseudo::interned(en),
        }
    }

    /// Bilingual catalog data in this language (the pseudo-locale transforms the English).
    pub fn text(&self, t: avma_core::text::Text<'_>) -> String {
        self.pick(t.en, t.ja).to_string()
    }
}
