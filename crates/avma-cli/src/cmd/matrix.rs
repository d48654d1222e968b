//! `avma matrix`: which host can activate which guest.

use serde_json::json;

use super::{confidence_label, fact_json, source_json, EXIT_OK};
use crate::cli::{Format, MatrixArgs};
use crate::out::{json as print_json, table, Ctx};

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
    match a.format {
        Format::Json => {
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
        Format::Text => {
            let title = ctx.style.bold(&ctx.t("matrix-title"));
            ctx.line(&title);
            ctx.line("");
            let name = |id: &str| {
                cat.version(id)
                    .map(|v| v.name.trim_start_matches("Windows Server ").to_string())
                    .unwrap_or_else(|| id.to_string())
            };
            let mut header = vec![ctx.t("matrix-host-guest")];
            header.extend(m.guests.iter().map(|g| name(g)));
            let mut rows = vec![header];
            let mut notes = Vec::new();
            for h in &m.hosts {
                let mut row = vec![format!("{} Datacenter", name(h))];
                for g in &m.guests {
                    let cell = cat.host_can_activate(h, g);
                    let mark = match cell {
                        Some(c)
                            if c.supported
                                && c.confidence == avma_core::catalog::Confidence::Unverified =>
                        {
                            notes.push(format!("{} → {}", name(h), name(g)));
                            ctx.t("matrix-cell-unverified")
                        }
                        Some(c) if c.supported => ctx.t("matrix-cell-yes"),
                        Some(_) => "-".to_string(),
                        None => "?".to_string(),
                    };
                    row.push(mark);
                }
                rows.push(row);
            }
            let t = table(&rows);
            ctx.print(&t);
            ctx.line("");
            let legend = ctx.t("matrix-legend");
            ctx.line(&legend);
            ctx.line("");
            let req = ctx.style.bold(&ctx.t("matrix-requirements"));
            ctx.line(&req);
            for id in REQUIREMENTS {
                if let Some(f) = cat.fact(id) {
                    let line = format!(
                        "  - {} [{}]",
                        ctx.text(&f.text),
                        confidence_label(ctx, f.confidence)
                    );
                    ctx.line(&line);
                }
            }
            ctx.line("");
            let al = ctx.style.bold(&ctx.t("matrix-azure-local"));
            ctx.line(&al);
            let mut rows = vec![vec![
                ctx.t("col-method"),
                ctx.t("col-guests"),
                ctx.t("col-confidence"),
            ]];
            for a in &cat.azure_local {
                rows.push(vec![
                    ctx.text(&a.name).to_string(),
                    a.guests
                        .iter()
                        .map(|g| name(g))
                        .collect::<Vec<_>>()
                        .join(", "),
                    confidence_label(ctx, a.confidence),
                ]);
            }
            let t = table(&rows);
            for l in t.lines() {
                ctx.line(&format!("  {l}"));
            }
        }
    }
    EXIT_OK
}
