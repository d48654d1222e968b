//! `avma matrix`: which host can activate which guest.

use serde_json::json;

use super::{confidence_label, fact_json, source_json, EXIT_OK};
use avma_render::{toned, Block, Cell, Doc, Inline, Span, Table, Tone};

use crate::cli::MatrixArgs;
use crate::out::{json as print_json, Ctx};

const REQUIREMENTS: &[&str] = &[
    "host-datacenter-hyperv",
    "host-version-ge-guest",
    "host-must-be-activated",
    "host-channel-any",
    "kvp-required",
    "cluster-every-node",
    "guest-server-2012r2-or-later",
    "no-other-hypervisors",
    "not-on-azure",
    "azure-local-subscription",
    "sac-by-build",
];

pub fn run(ctx: &mut Ctx, a: &MatrixArgs) -> u8 {
    let cat = ctx.cat;
    let m = &cat.matrix;
    match a.format.view() {
        None => {
            let cells: Vec<_> = m
                .cell
                .iter()
                .map(|c| {
                    json!({
                        "host": c.host,
                        "host_edition": "datacenter",
                        "guest": c.guest,
                        "guest_editions": ["standard", "datacenter", "datacenter-azure", "essentials"],
                        "supported": c.supported,
                        "confidence": c.confidence.as_str(),
                        "source": source_json(cat, &c.source),
                        "note": ctx.note(&c.note),
                    })
                })
                .collect();
            let al: Vec<_> = cat
                .azure_local
                .iter()
                .map(|a| {
                    json!({
                        "method": a.method,
                        "name": ctx.text(&a.name),
                        "guests": a.guests,
                        "confidence": a.confidence.as_str(),
                        "source": source_json(cat, &a.source),
                        "note": ctx.note(&a.note),
                    })
                })
                .collect();
            let reqs: Vec<_> = REQUIREMENTS.iter().map(|f| fact_json(ctx, f)).collect();
            print_json(
                ctx,
                &json!({
                    "schema": "avma.matrix/1",
                    "hosts": m.hosts,
                    "guests": m.guests,
                    "cells": cells,
                    "azure_local": al,
                    "requirements": reqs,
                }),
            );
        }
        Some(view) => {
            let doc = document(ctx);
            crate::document::show(ctx, &doc, view);
        }
    }
    EXIT_OK
}

/// The matrix as a document: the host × guest table, its legend, the requirements, Azure Local.
pub fn document(ctx: &Ctx) -> Doc {
    let cat = ctx.cat;
    let m = &cat.matrix;
    let mut doc = Doc::new(ctx.t("matrix-title"), crate::document::lang_tag(ctx));
    let name = |id: &str| {
        cat.version(id)
            .map(|v| v.name.trim_start_matches("Windows Server ").to_string())
            .unwrap_or_else(|| id.to_string())
    };
    let mut head = vec![Cell::new(ctx.t("matrix-host-guest"))];
    head.extend(m.guests.iter().map(|g| Cell::new(name(g))));
    let mut rows = Vec::new();
    for h in &m.hosts {
        let mut row = vec![Cell::new(format!("{} Datacenter", name(h)))];
        for g in &m.guests {
            let cell = match cat.host_can_activate(h, g) {
                Some(c)
                    if c.supported
                        && c.confidence == avma_core::catalog::Confidence::Unverified =>
                {
                    Cell::toned(ctx.t("matrix-cell-unverified"), Tone::Warn)
                }
                Some(c) if c.supported => Cell::toned(ctx.t("matrix-cell-yes"), Tone::Good),
                Some(_) => Cell::toned("-", Tone::Dim),
                None => Cell::toned("?", Tone::Dim),
            };
            row.push(cell);
        }
        rows.push(row);
    }
    doc.push(Block::Table(Table {
        id: Some("matrix".into()),
        class: Some("matrix".into()),
        head,
        rows,
        row_heads: true,
        ..Table::default()
    }));
    doc.para(toned(ctx.t("matrix-legend"), Tone::Dim));
    doc.heading(1, ctx.t("matrix-requirements"));
    let reqs: Vec<Inline> = REQUIREMENTS
        .iter()
        .filter_map(|id| cat.fact(id))
        .map(|f| {
            vec![
                Span::plain(ctx.text(&f.text)),
                Span::new(
                    format!(" [{}]", confidence_label(ctx, f.confidence)),
                    Tone::Dim,
                ),
            ]
        })
        .collect();
    doc.push(Block::List(reqs));
    doc.heading(1, ctx.t("matrix-azure-local"));
    let mut t = crate::document::table(
        vec![
            ctx.t("col-method"),
            ctx.t("col-guests"),
            ctx.t("col-confidence"),
        ],
        Vec::new(),
    );
    t.id = Some("azure-local".into());
    for a in &cat.azure_local {
        t.rows.push(vec![
            Cell::new(ctx.text(&a.name)),
            Cell::new(
                a.guests
                    .iter()
                    .map(|g| name(g))
                    .collect::<Vec<_>>()
                    .join(&ctx.t("list-separator")),
            ),
            Cell::new(confidence_label(ctx, a.confidence)),
        ]);
    }
    doc.push(Block::Table(t));
    doc
}
