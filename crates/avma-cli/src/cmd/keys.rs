//! `avma keys`: the public keys, filtered.

use avma_core::catalog::{Catalog, Key, KeyKind, Version};
use avma_core::spec::{parse_edition_words, SpecError};
use avma_core::text::Msg;
use avma_render::{plain, toned, Block, Cell, Doc, Tone};
use serde_json::json;

use super::{confidence_label, os_option, source_json, spec_error, EXIT_INPUT, EXIT_OK};
use crate::cli::{KeyFamilyArg, KeysArgs, KindArg};
use crate::out::{json as print_json, Ctx};

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

pub type Selection = (Vec<&'static Key>, Option<&'static Version>);

/// The keys `a` asks for, in the order they are listed, and the version asked for; `Err` (an
/// exit code) after one input problem line.
pub fn select(ctx: &mut Ctx, a: &KeysArgs) -> Result<Selection, u8> {
    let cat: &'static Catalog = ctx.cat;
    // `--os "Windows 10"`: a Windows client names the client keys, of no server version.
    let client_os =
        a.os.as_deref()
            .is_some_and(|s| matches!(parse_edition_words(s, cat), Err(SpecError::Client(_))));
    let version = if client_os {
        None
    } else {
        os_option(ctx, a.os.as_deref())?
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
                return Err(EXIT_INPUT);
            }
        },
        None => None,
    };
    // Windows client keys are catalogued under the server releases of their era: a server
    // --os lists the server's keys unless the client's are asked for.
    let which = match (a.family, client_os, version) {
        (Some(f), _, _) => f,
        (None, true, _) => KeyFamilyArg::Client,
        (None, false, Some(_)) => KeyFamilyArg::Server,
        (None, false, None) => KeyFamilyArg::All,
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
        .filter(|k| match which {
            KeyFamilyArg::Server => k.family != CLIENT,
            KeyFamilyArg::Client => k.family == CLIENT,
            KeyFamilyArg::All => true,
        })
        .filter(|k| {
            version.is_none_or(|v| {
                k.serves(&v.id) || (k.kind == KeyKind::Avma && k.serves(cat.key_generation(v)))
            })
        })
        .collect();
    // AVMA keys first, then KMS client setup keys; newest version first (the JSON's order).
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
    Ok((keys, version))
}

/// The edition family of Windows client keys.
const CLIENT: &str = "client";

/// The versions of a key as its table shows them: server releases by their short names; a
/// client key's as the era of Windows 10/11 it belongs to.
pub fn versions_cell(ctx: &Ctx, k: &Key) -> String {
    let versions: Vec<&str> = k
        .versions
        .iter()
        .filter_map(|v| ctx.cat.version(v))
        .map(|v| {
            // "Windows Server, version 1809" as "version 1809" (ja: "バージョン 1809").
            v.name_in(ctx.lang())
                .trim_start_matches("Windows Server")
                .trim_start_matches(", ")
                .trim()
        })
        .collect();
    let list = versions.join(&ctx.t("list-separator"));
    if k.family == CLIENT {
        ctx.msg(&Msg::new("keys-client-era").arg("versions", list))
    } else {
        list
    }
}

/// The document of a key list.
pub fn document(ctx: &Ctx, keys: &[&Key], version: Option<&Version>) -> Doc {
    let cat = ctx.cat;
    // Only Windows client keys listed: the title says so.
    let client = !keys.is_empty() && keys.iter().all(|k| k.family == CLIENT);
    let title = match (version, client) {
        (Some(v), true) => {
            ctx.msg(&Msg::new("keys-title-client-os").arg("version", v.name_in(ctx.lang())))
        }
        (Some(v), false) => {
            ctx.msg(&Msg::new("keys-title-os").arg("version", v.name_in(ctx.lang())))
        }
        (None, true) => ctx.t("keys-title-client"),
        (None, false) => ctx.t("keys-title"),
    };
    let mut doc = Doc::new(title, crate::document::lang_tag(ctx));
    if keys.is_empty() {
        doc.para(plain(ctx.t("keys-none")));
        return doc;
    }
    let head = vec![
        ctx.t("col-key"),
        ctx.t("col-kind"),
        ctx.t("col-version"),
        ctx.t("col-edition"),
        ctx.t("col-confidence"),
    ];
    let mut table = crate::document::table(head, Vec::new());
    table.id = Some("keys".into());
    for k in keys {
        table.rows.push(vec![
            Cell::toned(k.key.as_str(), Tone::Code),
            Cell::new(kind_label(ctx, k.kind)),
            Cell::new(versions_cell(ctx, k)),
            Cell::new(
                cat.family(&k.family)
                    .map(|f| f.name(ctx.lang()).to_string())
                    .unwrap_or_default(),
            ),
            Cell::new(confidence_label(ctx, k.confidence)),
        ]);
    }
    doc.push(Block::Table(table));
    doc.para(toned(ctx.t("keys-footer"), Tone::Dim));
    doc
}

/// The document `avma keys` prints for these arguments.
pub fn keys_doc(ctx: &mut Ctx, a: &KeysArgs) -> Result<Doc, u8> {
    let (keys, version) = select(ctx, a)?;
    Ok(document(ctx, &keys, version))
}

pub fn run(ctx: &mut Ctx, a: &KeysArgs) -> u8 {
    let (keys, version) = match select(ctx, a) {
        Ok(k) => k,
        Err(code) => return code,
    };
    match a.format.view() {
        None => {
            let list: Vec<_> = keys.iter().map(|k| key_json(ctx, k)).collect();
            print_json(ctx, &json!({"schema": "avma.keys/1", "keys": list}));
        }
        Some(view) => {
            let doc = document(ctx, &keys, version);
            crate::document::show(ctx, &doc, view);
        }
    }
    EXIT_OK
}
