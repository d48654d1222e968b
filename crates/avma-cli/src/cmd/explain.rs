//! `avma explain TOPIC`: whatever the topic is, say what avma knows of it, with sources.

use avma_core::catalog::{Catalog, Edition, ErrorCode, Event, Key, KeyKind, Version};
use avma_core::key::ProductKey;
use avma_core::rules::{self, Rule};
use avma_core::text::Msg;
use serde_json::json;

use super::keys::{key_json, kind_label};
use super::{confidence_label, os_option, source_json, EXIT_INPUT, EXIT_OK};
use avma_render::{plain, toned, Block, Cell, Doc, Field, Tone};

use crate::cli::ExplainArgs;
use crate::out::{json as print_json, Ctx};

pub enum Topic<'c> {
    Key(&'c Key),
    PrivateKey(ProductKey),
    Error(&'c ErrorCode),
    Event(&'c Event),
    Edition(&'c Edition),
    Version(&'c Version),
    Rule(&'static Rule),
    Channel(&'c avma_core::catalog::ChannelToken),
}

/// Parse an HRESULT written as 0xC004FD02, C004FD02, -1073414910 or 3221549076.
pub fn parse_hresult(s: &str) -> Option<u32> {
    let t = s.trim();
    if let Some(h) = t.strip_prefix("0x").or_else(|| t.strip_prefix("0X")) {
        return u32::from_str_radix(h, 16).ok();
    }
    if t.len() == 8
        && t.chars().all(|c| c.is_ascii_hexdigit())
        && !t.chars().all(|c| c.is_ascii_digit())
    {
        return u32::from_str_radix(t, 16).ok();
    }
    if let Ok(n) = t.parse::<i64>() {
        if n < 0 && n >= i64::from(i32::MIN) {
            return Some(n as i32 as u32);
        }
        if n >= 0x8000_0000 && n <= i64::from(u32::MAX) {
            return Some(n as u32);
        }
    }
    None
}

fn find<'c>(topic: &str, cat: &'c Catalog) -> Vec<Topic<'c>> {
    let mut out = Vec::new();
    let t = topic.trim();
    if let Some(k) = ProductKey::parse(t) {
        match cat.key(&k) {
            Some(key) => out.push(Topic::Key(key)),
            None => out.push(Topic::PrivateKey(k)),
        }
        return out;
    }
    if t.len() == 5 && t.chars().all(|c| c.is_ascii_alphanumeric()) {
        for k in cat.keys_by_last5(t) {
            out.push(Topic::Key(k));
        }
    }
    if let Some(v) = parse_hresult(t) {
        if let Some(e) = cat.error_by_value(v) {
            out.push(Topic::Error(e));
        }
    }
    if let Ok(n) = t.parse::<u32>() {
        for e in cat.events_by_id(n) {
            out.push(Topic::Event(e));
        }
        if let Some(e) = cat.dism_exit(n) {
            out.push(Topic::Error(e));
        }
    }
    if let Some(e) = cat.edition(t) {
        out.push(Topic::Edition(e));
    }
    if !t.chars().all(|c| c.is_ascii_digit()) || t.len() == 4 {
        if let Some(v) = cat.version_named(t) {
            out.push(Topic::Version(v));
        }
    }
    if let Some(r) = rules::find(t) {
        out.push(Topic::Rule(r));
    }
    if let Some(c) = cat
        .channels
        .iter()
        .find(|c| c.token.eq_ignore_ascii_case(t))
    {
        out.push(Topic::Channel(c));
    }
    // A machine as people write it, in either language ("2019 Standard", "Windows Server 2019
    // Standard (デスクトップ エクスペリエンス)"): its edition and its version.
    if out.is_empty() {
        if let Ok(m) = avma_core::spec::parse_machine(t, cat) {
            out.push(Topic::Edition(m.edition));
            out.push(Topic::Version(m.version));
        }
    }
    out
}

pub fn run(ctx: &mut Ctx, a: &ExplainArgs) -> u8 {
    let cat = ctx.cat;
    let Ok(for_version) = os_option(ctx, a.os.as_deref()) else {
        return EXIT_INPUT;
    };
    let topics = find(&a.topic, cat);
    if topics.is_empty() {
        let m = ctx.msg(&Msg::new("explain-unknown").arg("topic", a.topic.as_str()));
        ctx.problem(&a.topic, &m);
        return EXIT_INPUT;
    }
    match a.format.view() {
        None => {
            let matches: Vec<_> = topics
                .iter()
                .map(|t| topic_json(ctx, t, for_version))
                .collect();
            print_json(
                ctx,
                &json!({"schema": "avma.explain/1", "topic": redacted_topic(&a.topic, cat), "matches": matches}),
            );
        }
        Some(view) => {
            let doc = document(ctx, &a.topic, &topics, for_version);
            crate::document::show(ctx, &doc, view);
        }
    }
    EXIT_OK
}

fn redacted_topic(t: &str, cat: &Catalog) -> String {
    avma_core::key::redact_text(t, cat)
}

/// Keys of the same kind and edition (and the AVMA key) that fit another version.
fn fits<'c>(cat: &'c Catalog, k: &Key, v: &Version) -> Vec<&'c Key> {
    let mut out = Vec::new();
    if let Some(g) = cat.key_for(KeyKind::Gvlk, &v.id, &k.family) {
        out.push(g);
    }
    if let Some(a) = cat.key_for(KeyKind::Avma, cat.key_generation(v), &k.family) {
        out.push(a);
    }
    out
}

fn topic_json(ctx: &Ctx, t: &Topic<'_>, for_version: Option<&Version>) -> serde_json::Value {
    let cat = ctx.cat;
    match t {
        Topic::Key(k) => {
            let mut j = key_json(ctx, k);
            j["type"] = json!("key");
            j["is_avma_key"] = json!(k.kind == KeyKind::Avma);
            j["summary"] = json!(key_summary(ctx, k));
            if k.kind == KeyKind::Gvlk {
                let avma: Vec<_> = k
                    .versions
                    .iter()
                    .filter_map(|v| cat.version(v))
                    .filter_map(|v| cat.key_for(KeyKind::Avma, cat.key_generation(v), &k.family))
                    .map(|a| a.key.clone())
                    .collect();
                j["avma_key_of_same_version"] = json!(avma);
            }
            if let Some(v) = for_version {
                j["fits"] = json!({
                    "version": v.id,
                    "keys": fits(cat, k, v).iter().map(|f| key_json(ctx, f)).collect::<Vec<_>>(),
                });
            }
            j
        }
        Topic::PrivateKey(k) => json!({
            "type": "unknown-key",
            "key": k.redacted(),
            "summary": ctx.msg(&Msg::new("explain-private-key").arg("key", k.redacted())),
        }),
        Topic::Error(e) => json!({
            "type": "error",
            "code": e.code,
            "kind": e.kind,
            "value": e.value(),
            "symbol": e.symbol,
            "message": e.message,
            "meaning": ctx.text(&e.meaning),
            "fix": ctx.text(&e.fix),
            "confidence": e.confidence.as_str(),
            "source": source_json(cat, &e.source),
            "note": ctx.note(&e.note),
        }),
        Topic::Event(e) => json!({
            "type": "event",
            "id": e.id,
            "provider": e.provider,
            "provider_confidence": e.provider_confidence.as_str(),
            "log": e.log,
            "logged_on": e.role,
            "qualifiers": e.qualifiers,
            "meaning": ctx.text(&e.text),
            "confidence": e.confidence.as_str(),
            "source": source_json(cat, &e.source),
            "note": ctx.note(&e.note),
        }),
        Topic::Edition(e) => json!({
            "type": "edition",
            "edition_id": e.id,
            "name": e.name(ctx.lang()),
            "family": e.family,
            "evaluation": e.eval,
            "core": e.core,
            "confidence": e.confidence.as_str(),
            "source": source_json(cat, &e.source),
        }),
        Topic::Version(v) => json!({
            "type": "version",
            "id": v.id,
            "name": v.name,
            "build": v.build,
            "channel": match v.channel { avma_core::catalog::ReleaseChannel::Ltsc => "ltsc", avma_core::catalog::ReleaseChannel::Sac => "sac" },
            "avma_guest": v.avma_guest,
            "keys": cat.keys.iter().filter(|k| k.serves(&v.id)).map(|k| k.key.clone()).collect::<Vec<_>>(),
            "confidence": v.confidence.as_str(),
            "source": source_json(cat, &v.source),
            "note": ctx.note(&v.note),
        }),
        Topic::Rule(r) => crate::cmd::rules::rule_json(ctx, r),
        Topic::Channel(c) => json!({
            "type": "channel",
            "token": c.token,
            "kind": c.kind,
            "meaning": ctx.text(&c.text),
            "confidence": c.confidence.as_str(),
            "source": source_json(cat, &c.source),
            "note": ctx.note(&c.note),
        }),
    }
}

fn key_summary(ctx: &Ctx, k: &Key) -> String {
    let what = avma_core::lint::describe_key(ctx.cat, k);
    let id = if k.kind == KeyKind::Avma {
        "explain-key-avma"
    } else {
        "explain-key-gvlk"
    };
    ctx.msg(&Msg::new(id).arg("key", k.key.as_str()).arg("what", what))
}

/// A field of a topic: a translated label and its value.
fn field(ctx: &Ctx, label: &str, value: impl Into<String>) -> Field {
    Field {
        key: ctx.t(label),
        value: plain(value),
    }
}

/// The note and the source of a catalog entry, as fields.
fn note_and_source(
    ctx: &Ctx,
    fields: &mut Vec<Field>,
    note: Option<&str>,
    conf: avma_core::catalog::Confidence,
    source: &str,
) {
    if let Some(n) = note {
        fields.push(field(ctx, "label-note", n));
    }
    fields.push(field(
        ctx,
        "label-source",
        format!(
            "{} — {}",
            confidence_label(ctx, conf),
            ctx.source_url(source)
        ),
    ));
}

/// One topic: its head line and the blocks under it.
fn topic_blocks(ctx: &Ctx, t: &Topic<'_>, for_version: Option<&Version>) -> (String, Vec<Block>) {
    let cat = ctx.cat;
    let mut blocks = Vec::new();
    let head = match t {
        Topic::Key(k) => {
            let versions: Vec<String> = k
                .versions
                .iter()
                .filter_map(|v| cat.version(v))
                .map(|v| {
                    format!(
                        "{} {}",
                        v.name_in(ctx.lang()),
                        ctx.msg(&Msg::new("value-build").arg("build", i64::from(v.build)))
                    )
                })
                .collect();
            let mut fields = vec![
                field(ctx, "col-version", versions.join(&ctx.t("list-separator"))),
                field(ctx, "col-kind", kind_label(ctx, k.kind)),
            ];
            note_and_source(ctx, &mut fields, ctx.note(&k.note), k.confidence, &k.source);
            blocks.push(Block::Fields(fields));
            if k.kind == KeyKind::Gvlk {
                blocks.push(Block::Para(plain(ctx.t("explain-gvlk-not-avma"))));
                for v in k.versions.iter().filter_map(|v| cat.version(v)) {
                    if let Some(a) = cat.key_for(KeyKind::Avma, cat.key_generation(v), &k.family) {
                        blocks.push(Block::Para(plain(
                            ctx.msg(
                                &Msg::new("explain-avma-of-same")
                                    .arg("version", v.name_in(ctx.lang()))
                                    .arg("key", a.key.as_str()),
                            ),
                        )));
                    }
                }
            }
            match for_version {
                Some(v) => {
                    blocks.push(Block::Para(plain(ctx.msg(
                        &Msg::new("explain-fits-for").arg("version", v.name_in(ctx.lang())),
                    ))));
                    let f = fits(cat, k, v);
                    if f.is_empty() {
                        blocks.push(Block::List(vec![plain(ctx.t("explain-fits-none"))]));
                    } else {
                        let mut table = crate::document::table(
                            vec![ctx.t("col-key"), ctx.t("col-kind")],
                            Vec::new(),
                        );
                        for f in f {
                            table.rows.push(vec![
                                Cell::toned(f.key.as_str(), Tone::Code),
                                Cell::new(kind_label(ctx, f.kind)),
                            ]);
                        }
                        blocks.push(Block::Table(table));
                    }
                }
                None => blocks.push(Block::Para(toned(ctx.t("explain-fits-hint"), Tone::Dim))),
            }
            key_summary(ctx, k)
        }
        Topic::PrivateKey(k) => ctx.msg(&Msg::new("explain-private-key").arg("key", k.redacted())),
        Topic::Error(e) => {
            let mut fields = vec![
                // Windows' text as the catalog holds it (English): labelled as such, never
                // given as what a Japanese Windows prints.
                field(
                    ctx,
                    "label-message",
                    ctx.msg(
                        &Msg::new("explain-message-english").arg("message", e.message.as_str()),
                    ),
                ),
                field(ctx, "label-meaning", ctx.text(&e.meaning)),
                field(ctx, "label-fix", ctx.text(&e.fix)),
            ];
            note_and_source(ctx, &mut fields, ctx.note(&e.note), e.confidence, &e.source);
            blocks.push(Block::Fields(fields));
            match &e.symbol {
                Some(s) => format!("{} {}", e.code, s),
                None => e.code.clone(),
            }
        }
        Topic::Event(e) => {
            let mut fields = vec![
                field(ctx, "label-meaning", ctx.text(&e.text)),
                field(
                    ctx,
                    "label-provider",
                    format!(
                        "{} [{}]",
                        e.provider,
                        confidence_label(ctx, e.provider_confidence)
                    ),
                ),
            ];
            note_and_source(ctx, &mut fields, ctx.note(&e.note), e.confidence, &e.source);
            blocks.push(Block::Fields(fields));
            // An UNVERIFIED provider is named only on its marked line, not in the heading.
            if e.provider_confidence == avma_core::catalog::Confidence::Unverified {
                ctx.msg(
                    &Msg::new("explain-event-head-log")
                        .arg("id", i64::from(e.id))
                        .arg("log", e.log.as_str()),
                )
            } else {
                ctx.msg(
                    &Msg::new("explain-event-head")
                        .arg("id", i64::from(e.id))
                        .arg("provider", e.provider.as_str())
                        .arg("log", e.log.as_str()),
                )
            }
        }
        Topic::Edition(e) => {
            let fam = cat
                .family(&e.family)
                .map(|f| f.name(ctx.lang()).to_string())
                .unwrap_or_default();
            blocks.push(Block::Para(plain(
                ctx.msg(
                    &Msg::new("explain-edition")
                        .arg("family", fam)
                        .arg("eval", ctx.t(if e.eval { "value-yes" } else { "value-no" }))
                        .arg("core", ctx.t(if e.core { "value-yes" } else { "value-no" })),
                ),
            )));
            if e.eval {
                if let Some(f) = cat.fact("eval-needs-conversion") {
                    blocks.push(Block::Para(plain(ctx.text(&f.text))));
                }
            }
            let mut fields = Vec::new();
            note_and_source(ctx, &mut fields, None, e.confidence, &e.source);
            blocks.push(Block::Fields(fields));
            format!("{} — {}", e.id, e.name(ctx.lang()))
        }
        Topic::Version(v) => {
            let mut table = crate::document::table(
                vec![ctx.t("col-key"), ctx.t("col-kind"), ctx.t("col-edition")],
                Vec::new(),
            );
            for k in cat.keys.iter().filter(|k| k.serves(&v.id)) {
                let fam = cat
                    .family(&k.family)
                    .map(|f| f.name(ctx.lang()).to_string())
                    .unwrap_or_default();
                table.rows.push(vec![
                    Cell::toned(k.key.as_str(), Tone::Code),
                    Cell::new(kind_label(ctx, k.kind)),
                    Cell::new(fam),
                ]);
            }
            let mut fields = Vec::new();
            note_and_source(ctx, &mut fields, ctx.note(&v.note), v.confidence, &v.source);
            blocks.push(Block::Fields(fields));
            if !table.rows.is_empty() {
                blocks.push(Block::Table(table));
            }
            format!(
                "{} {}",
                v.name_in(ctx.lang()),
                ctx.msg(&Msg::new("value-build").arg("build", i64::from(v.build)))
            )
        }
        Topic::Rule(r) => {
            let (head, b) = crate::cmd::rules::rule_blocks(ctx, r);
            blocks = b;
            head
        }
        Topic::Channel(c) => {
            let mut fields = vec![field(ctx, "label-meaning", ctx.text(&c.text))];
            note_and_source(ctx, &mut fields, None, c.confidence, &c.source);
            blocks.push(Block::Fields(fields));
            c.token.clone()
        }
    };
    (head, blocks)
}

/// What avma knows of a topic, as a document: one match is the document itself (its head line
/// the title); several are headed sections under the topic.
pub fn document(
    ctx: &Ctx,
    topic: &str,
    topics: &[Topic<'_>],
    for_version: Option<&Version>,
) -> Doc {
    let lang = crate::document::lang_tag(ctx);
    if let [only] = topics {
        let (head, blocks) = topic_blocks(ctx, only, for_version);
        let mut doc = Doc::new(head, lang);
        doc.blocks = blocks;
        return doc;
    }
    let mut doc = Doc::new(redacted_topic(topic, ctx.cat), lang);
    for t in topics {
        let (head, blocks) = topic_blocks(ctx, t, for_version);
        doc.heading(1, head);
        doc.blocks.extend(blocks);
    }
    doc
}

/// The document `avma explain` prints for these arguments; `Err` (an exit code) after one input
/// problem line.
pub fn explain_doc(ctx: &mut Ctx, a: &ExplainArgs) -> Result<Doc, u8> {
    let for_version = os_option(ctx, a.os.as_deref())?;
    let topics = find(&a.topic, ctx.cat);
    if topics.is_empty() {
        let m = ctx.msg(&Msg::new("explain-unknown").arg("topic", a.topic.as_str()));
        ctx.problem(&a.topic, &m);
        return Err(EXIT_INPUT);
    }
    Ok(document(ctx, &a.topic, &topics, for_version))
}

#[cfg(test)]
mod tests {
    use super::parse_hresult;

    #[test]
    fn hresult_forms() {
        assert_eq!(parse_hresult("0xC004FD02"), Some(0xC004FD02));
        assert_eq!(parse_hresult("C004FD02"), Some(0xC004FD02));
        assert_eq!(parse_hresult("c004fd02"), Some(0xC004FD02));
        assert_eq!(parse_hresult("-1073414910"), Some(0xC004FD02));
        assert_eq!(parse_hresult("3221549076"), Some(0xC004F014));
        assert_eq!(parse_hresult("12309"), None);
        assert_eq!(parse_hresult("20348020"), None);
    }
}
