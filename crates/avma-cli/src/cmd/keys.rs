//! `avma keys`: the public keys, filtered.

use avma_core::catalog::{Key, KeyKind};
use avma_core::spec::parse_edition_words;
use serde_json::json;

use super::{confidence_label, os_option, source_json, spec_error, EXIT_INPUT, EXIT_OK};
use crate::cli::{Format, KeysArgs, KindArg};
use crate::out::{json as print_json, table, Ctx};

pub fn key_json(ctx: &Ctx, k: &Key) -> serde_json::Value {
    let cat = ctx.cat;
    let versions: Vec<_> = k
        .versions
        .iter()
        .filter_map(|v| cat.version(v))
        .map(|v| json!({"id": v.id, "name": v.name, "build": v.build}))
        .collect();
    json!({
        "key": k.key,
        "kind": k.kind.as_str(),
        "versions": versions,
        "edition_family": k.family,
        "edition_name": cat.family(&k.family).map(|f| f.name(ctx.lang())).unwrap_or(""),
        "editions": cat.editions.iter().filter(|e| e.family == k.family && !e.eval).map(|e| e.id.as_str()).collect::<Vec<_>>(),
        "confidence": k.confidence.as_str(),
        "source": source_json(cat, &k.source),
        "note": ctx.note(&k.note),
    })
}

pub fn kind_label(ctx: &Ctx, k: KeyKind) -> String {
    ctx.t(match k {
        KeyKind::Avma => "kind-avma",
        KeyKind::Gvlk => "kind-gvlk",
    })
}

pub fn run(ctx: &mut Ctx, a: &KeysArgs) -> u8 {
    let cat = ctx.cat;
    let Ok(version) = os_option(ctx, a.os.as_deref()) else {
        return EXIT_INPUT;
    };
    let family = match &a.edition {
        Some(s) => match parse_edition_words(s, cat) {
            Ok(w) => w.family.or_else(|| {
                w.edition_id
                    .and_then(|id| cat.edition(&id).map(|e| e.family.clone()))
            }),
            Err(e) => {
                let m = spec_error(ctx, "--edition", s, &e);
                ctx.problem("--edition", &m);
                return EXIT_INPUT;
            }
        },
        None => None,
    };
    let kind = a.kind.map(|k| match k {
        KindArg::Avma => KeyKind::Avma,
        KindArg::Gvlk => KeyKind::Gvlk,
    });
    let mut keys: Vec<&Key> = cat
        .keys
        .iter()
        .filter(|k| kind.is_none_or(|kk| k.kind == kk))
        .filter(|k| family.as_ref().is_none_or(|f| &k.family == f))
        .filter(|k| {
            version.is_none_or(|v| {
                k.serves(&v.id) || (k.kind == KeyKind::Avma && k.serves(cat.key_generation(v)))
            })
        })
        .collect();
    // AVMA keys first, then KMS client setup keys; newest version first.
    let order = |k: &Key| {
        let o = k
            .versions
            .first()
            .and_then(|v| cat.version(v))
            .map_or(0, |v| v.order);
        (
            k.kind != KeyKind::Avma,
            std::cmp::Reverse(o),
            k.family.clone(),
        )
    };
    keys.sort_by_key(|k| order(k));

    match a.format {
        Format::Json => {
            let list: Vec<_> = keys.iter().map(|k| key_json(ctx, k)).collect();
            print_json(ctx, &json!({"schema": "avma.keys/1", "keys": list}));
        }
        Format::Text => {
            if keys.is_empty() {
                let t = ctx.t("keys-none");
                ctx.line(&t);
                return EXIT_OK;
            }
            let mut rows = vec![vec![
                ctx.t("col-key"),
                ctx.t("col-kind"),
                ctx.t("col-version"),
                ctx.t("col-edition"),
                ctx.t("col-confidence"),
            ]];
            for k in &keys {
                let versions: Vec<&str> = k
                    .versions
                    .iter()
                    .filter_map(|v| cat.version(v))
                    .map(|v| {
                        v.name
                            .trim_start_matches("Windows Server")
                            .trim_start_matches(", ")
                            .trim()
                    })
                    .collect();
                rows.push(vec![
                    k.key.clone(),
                    kind_label(ctx, k.kind),
                    versions.join(", "),
                    cat.family(&k.family)
                        .map(|f| f.name(ctx.lang()).to_string())
                        .unwrap_or_default(),
                    confidence_label(ctx, k.confidence),
                ]);
            }
            let t = table(&rows);
            let mut lines = t.lines();
            if let Some(h) = lines.next() {
                let h = ctx.style.bold(h);
                ctx.line(&h);
            }
            for l in lines {
                ctx.line(l);
            }
            let note = ctx.t("keys-footer");
            ctx.line("");
            ctx.line(&ctx.style.dim(&note));
        }
    }
    EXIT_OK
}
