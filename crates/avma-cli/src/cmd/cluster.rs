//! `avma inventory`, `avma audit`, `avma ledger`, `avma simulate`: the cluster as a whole.

use std::path::PathBuf;

use avma_cluster::audit::{audit as run_audit, Audit, AuditOptions, Can, Fix, RiskKind};
use avma_cluster::inventory::{from_model, Inventory, SCHEMA};
use avma_cluster::ledger::{ledger as run_ledger, Flag, LedgerOptions};
use avma_cluster::simulate;
use avma_core::text::Msg;
use serde_json::json;

use super::{EXIT_FINDINGS, EXIT_INPUT, EXIT_OK};
use crate::cli::{AuditArgs, AuditFormat, InventoryArgs, LedgerArgs, LedgerFormat, SimulateArgs};
use crate::document::{show, shown, View};
use crate::input::{self, Refused};
use crate::out::{json as print_json, Ctx};
use avma_render::{plain, toned, Block, Cell, Commands, Doc, Inline, ProcedureStep, Table, Tone};

pub fn inventory(ctx: &mut Ctx, a: &InventoryArgs) -> u8 {
    if a.inputs.is_empty() {
        let m = ctx.t("evidence-no-input");
        ctx.problem("inventory", &m);
        return EXIT_INPUT;
    }
    let l = super::evidence::load_all(ctx, &a.inputs.host, &a.inputs.guest, &a.inputs.paths);
    let (model, results) = (l.model, l.results);
    let unreadable = super::evidence::report(ctx, &results);
    // The inventory records when the evidence describes, not when it was written.
    let as_of = super::asof::resolve(&model, &results);
    let mut inv = from_model(&model, Some(as_of.time.to_string()));
    // --cluster, else the name the collector's manifest records.
    inv.cluster = a.cluster.clone().or(l.cluster);
    match a.format.view() {
        None => {
            let v = serde_json::to_value(&inv).unwrap_or_default();
            print_json(ctx, &v);
        }
        Some(f) => {
            let doc = inventory_document(ctx, &inv, &as_of);
            crate::document::show(ctx, &doc, f);
        }
    }
    if unreadable {
        EXIT_INPUT
    } else {
        EXIT_OK
    }
}

/// The largest inventory read (a JSON document is parsed whole).
pub const MAX_INVENTORY: u64 = 512 * 1024 * 1024;

/// Whether a file may be an inventory: JSON (an object first) naming the inventory schema, in any
/// encoding PowerShell or an editor writes. Only such files are read whole here; anything else goes
/// to the evidence readers untouched (which also refuse FIFOs and devices with their line).
pub(crate) fn read_if_inventory(p: &std::path::Path) -> Option<String> {
    read_inventory_checked(p).ok().flatten()
}

/// [`read_if_inventory`], with `Err` when the file is an inventory but cannot be read whole.
fn read_inventory_checked(p: &std::path::Path) -> Result<Option<String>, Refused> {
    use std::io::Read;
    let Ok(f) = input::open_regular(p) else {
        return Ok(None);
    };
    let mut head = Vec::new();
    if (&f).take(256).read_to_end(&mut head).is_err() {
        return Ok(None);
    }
    let Ok((_, lines)) = avma_text::decode_lines(&head) else {
        return Ok(None);
    };
    let first = lines
        .iter()
        .flat_map(|l| l.chars())
        .find(|c| !c.is_whitespace());
    if first != Some('{') {
        return Ok(None);
    }
    let bytes = input::read_regular(p, MAX_INVENTORY)?;
    Ok(avma_text::decode_text(&bytes)
        .ok()
        .and_then(|(_, text)| text.contains(INVENTORY_SCHEMA_PREFIX).then_some(text)))
}

/// What every inventory schema id starts with (`avma.inventory/1`, and later versions).
const INVENTORY_SCHEMA_PREFIX: &str = "\"avma.inventory/";

/// Parse an inventory's text; `Err` with the reason in the user's language: an inventory of a
/// schema version this avma does not read, or JSON that is not an inventory (the place as line
/// and column, serde's words quoted).
pub(crate) fn parse_inventory(text: &str) -> Result<Inventory, Msg> {
    #[derive(serde::Deserialize)]
    struct SchemaOnly {
        schema: Option<String>,
    }
    if let Ok(SchemaOnly {
        schema: Some(schema),
    }) = serde_json::from_str::<SchemaOnly>(text)
    {
        if schema != SCHEMA && schema.starts_with("avma.inventory/") {
            return Err(Msg::new("audit-inventory-schema-unknown")
                .arg("schema", schema)
                .arg("expected", SCHEMA));
        }
    }
    serde_json::from_str::<Inventory>(text).map_err(|e| {
        let whole = e.to_string();
        let place = format!(" at line {} column {}", e.line(), e.column());
        let detail = whole.strip_suffix(&place).unwrap_or(&whole).to_string();
        if e.line() == 0 {
            Msg::new("audit-bad-inventory").arg("detail", detail)
        } else {
            Msg::new("audit-bad-inventory-at")
                .arg("line", e.line() as i64)
                .arg("column", e.column() as i64)
                .arg("detail", detail)
        }
    })
}

fn merge(inv: Inventory, merged: &mut Option<Inventory>) {
    match merged {
        Some(m) => {
            m.nodes.extend(inv.nodes);
            m.vms.extend(inv.vms);
            if m.cluster.is_none() {
                m.cluster = inv.cluster;
            }
        }
        None => *merged = Some(inv),
    }
}

/// Inventories given as JSON files, plus one built from the evidence paths. `Err` when nothing
/// could be read; `Ok((inventory, true))` when something could not (already reported).
fn load_inventory(
    ctx: &mut Ctx,
    paths: &[PathBuf],
) -> Result<(Inventory, bool, Option<avma_evidence::asof::AsOf>), u8> {
    let mut evidence = Vec::new();
    let mut merged: Option<Inventory> = None;
    let mut bad_input = false;
    // The time of the first inventory read (its `collected`), else of the evidence.
    let mut as_of: Option<avma_evidence::asof::AsOf> = None;
    for p in paths {
        let text = match read_inventory_checked(p) {
            Ok(Some(text)) => text,
            Ok(None) => {
                evidence.push(p.clone());
                continue;
            }
            Err(why) => {
                let m = why.reason(ctx);
                ctx.problem(&p.display().to_string(), &m);
                bad_input = true;
                continue;
            }
        };
        match parse_inventory(&text) {
            Ok(mut inv) => {
                avma_cluster::redact::inventory(&mut inv, ctx.cat);
                if let (None, Some(t)) = (
                    &as_of,
                    inv.collected
                        .as_deref()
                        .and_then(avma_evidence::asof::parse_time),
                ) {
                    as_of = Some(avma_evidence::asof::AsOf {
                        time: t,
                        source: avma_evidence::asof::AsOfSource::Collected,
                        from: None,
                    });
                }
                merge(inv, &mut merged)
            }
            Err(why) => {
                let m = ctx.msg(&why);
                ctx.problem(&p.display().to_string(), &m);
                bad_input = true;
            }
        }
    }
    if !evidence.is_empty() {
        let l = super::evidence::load_all(ctx, &[], &[], &evidence);
        let (model, results) = (l.model, l.results);
        bad_input |= super::evidence::report(ctx, &results);
        if results.iter().any(|r| r.readable) {
            // As of the evidence's time, as `avma inventory` records it: a folder and its
            // inventory give the same dates.
            let t = super::asof::resolve(&model, &results);
            let mut inv = from_model(&model, Some(t.time.to_string()));
            // The cluster the collector's manifest names.
            inv.cluster = inv.cluster.or(l.cluster);
            merge(inv, &mut merged);
            as_of.get_or_insert(t);
        }
    }
    match merged {
        Some(inv) => Ok((inv, bad_input, as_of)),
        None if bad_input => Err(EXIT_INPUT),
        None => {
            let m = ctx.t("evidence-no-input");
            ctx.problem("audit", &m);
            Err(EXIT_INPUT)
        }
    }
}

/// VMs whose activation on some possible owner cannot be judged (a fact of the VM, such as its
/// version when no evidence from inside the guest was given, or of the node is missing).
fn unjudged<'r, 'a>(
    r: &'r Audit<'a>,
) -> impl Iterator<Item = &'r avma_cluster::audit::VmReport<'a>> {
    r.vms.iter().filter(|v| !v.owners_unknown.is_empty())
}

fn can_text(ctx: &Ctx, c: &Can) -> String {
    match c {
        Can::Yes => ctx.t("audit-can-yes"),
        Can::Until { date, .. } => {
            ctx.msg(&Msg::new("audit-can-until").arg("date", date.to_string()))
        }
        Can::No { rule } => ctx.msg(&Msg::new("audit-can-no").arg("rule", ctx.rule(rule))),
        Can::Unknown { missing } => {
            ctx.msg(&Msg::new("audit-can-unknown").arg("missing", *missing))
        }
    }
}

pub fn audit(ctx: &mut Ctx, a: &AuditArgs) -> u8 {
    // Several clusters, or metrics: each cluster on its own (cmd/fleet.rs, cmd/check.rs).
    if a.format == AuditFormat::Prometheus || super::fleet::clusters(&a.paths) > 1 {
        return super::check::audit_fleet(ctx, a);
    }
    let (mut inv, bad_input, read_as_of) = match load_inventory(ctx, &a.paths) {
        Ok(loaded) => loaded,
        Err(code) => return code,
    };
    let as_of = match (super::asof::given(), read_as_of) {
        (None, Some(t)) => t,
        _ => super::asof::of_inventory(inv.collected.as_deref()),
    };
    // The as-of time becomes the inventory's, unless its own is unreadable: validation says so.
    if super::asof::given().is_some()
        || inv
            .collected
            .as_deref()
            .is_none_or(|c| avma_evidence::asof::parse_time(c).is_some())
    {
        inv.collected = Some(as_of.time.to_string());
    }
    let opts = AuditOptions {
        warn_days: a.warn_days,
        critical_days: avma_core::judge::CRITICAL_DAYS.min(a.warn_days),
        at: Some(as_of.time),
    };
    let r = run_audit(&inv, &opts, ctx.cat);
    for p in &r.problems {
        let m = ctx.msg(
            &Msg::new("audit-problem")
                .arg("field", p.field.as_str())
                .arg("message", p.msg.clone()),
        );
        ctx.problem(&p.item, &m);
    }
    render_audit_as_of(ctx, &r, a.format, Some(&as_of));
    if bad_input || r.problems.iter().any(|p| p.error) {
        EXIT_INPUT
    } else if !r.risks.is_empty()
        || r.vms.iter().any(|v| !v.not_ready.is_empty())
        || unjudged(&r).next().is_some()
    {
        // A VM that cannot be judged on some node it may run on is never an all-clear.
        EXIT_FINDINGS
    } else {
        EXIT_OK
    }
}

pub fn render_audit(ctx: &mut Ctx, r: &Audit<'_>, format: AuditFormat) {
    render_audit_as_of(ctx, r, format, None)
}

/// Render an audit made as of a time, which the text, Markdown and JSON forms show (CSV keeps its
/// columns; its dates are absolute).
pub fn render_audit_as_of(
    ctx: &mut Ctx,
    r: &Audit<'_>,
    format: AuditFormat,
    as_of: Option<&avma_evidence::asof::AsOf>,
) {
    match format {
        AuditFormat::Json => {
            let mut v = serde_json::to_value(r).unwrap_or_default();
            if let Some(a) = as_of {
                v["as_of"] = super::asof::json(a);
            }
            print_json(ctx, &v);
        }
        AuditFormat::Csv => print_audit_csv(ctx, &[r], false),
        AuditFormat::Md => show(ctx, &audit_document(ctx, r, as_of), View::Md),
        AuditFormat::Html => show(ctx, &audit_document(ctx, r, as_of), View::Html),
        AuditFormat::Text => show(ctx, &audit_document(ctx, r, as_of), View::Text),
        // Metrics need the inventory too: `audit` hands them to check::audit_fleet first.
        AuditFormat::Prometheus => {}
    }
}

/// Several clusters' audits as one output: one document with a section per cluster (text,
/// Markdown, HTML), or one CSV table with the cluster's name as a last column.
pub fn render_audits(ctx: &mut Ctx, audits: &[Audit<'_>], format: AuditFormat) {
    let f = match format {
        AuditFormat::Text => View::Text,
        AuditFormat::Md => View::Md,
        AuditFormat::Html => View::Html,
        AuditFormat::Csv => {
            let all: Vec<&Audit<'_>> = audits.iter().collect();
            return print_audit_csv(ctx, &all, true);
        }
        AuditFormat::Json | AuditFormat::Prometheus => {
            for r in audits {
                render_audit(ctx, r, format);
            }
            return;
        }
    };
    let mut doc = Doc::new(
        ctx.msg(&Msg::new("audit-fleet-title").arg("clusters", audits.len() as i64)),
        crate::document::lang_tag(ctx),
    );
    for (i, r) in audits.iter().enumerate() {
        let sub = audit_document(ctx, r, None);
        doc.heading_id(1, sub.title, &format!("cluster-{}", i + 1));
        for b in sub.blocks {
            doc.push(match b {
                Block::Heading { level, text, id } => Block::Heading {
                    level: level.saturating_add(1),
                    text,
                    id: id.map(|id| format!("c{}-{id}", i + 1)),
                },
                Block::Table(mut t) => {
                    t.id = t.id.map(|id| format!("c{}-{id}", i + 1));
                    Block::Table(t)
                }
                b => b,
            });
        }
    }
    show(ctx, &doc, f);
}

/// Commands shown under one fix for people (a fix for many VMs has one per VM).
const MAX_STEP_COMMANDS: usize = 50;

/// VMs per CSV document printed: the output is written as the rows are made, so memory holds
/// the text and one part's cells, never a cell per row of 800,000 VMs.
const CSV_PART: usize = 4096;

/// The CSV columns.
const CSV_HEAD: [&str; 6] = ["vm", "node", "can", "rule", "from_date", "risk"];

/// The audit for spreadsheets, for some of the VMs: one table, one row per VM and possible owner
/// that cannot (or cannot for long) activate it, one per owner whose ability is unknown, one per
/// VM problem, and one per VM whose every possible owner can; columns and values are stable
/// tokens. With or without the header row, with the cluster's name as a last column when given
/// (several clusters).
fn audit_csv_part(
    r: &Audit<'_>,
    vms: &[avma_cluster::audit::VmReport<'_>],
    head: bool,
    cluster: Option<&str>,
) -> Doc {
    let mut rows: Vec<Vec<Cell>> = Vec::new();
    let mut row = |cells: [&str; 6]| {
        let mut r: Vec<Cell> = cells.iter().map(|c| Cell::new(*c)).collect();
        r.extend(cluster.map(Cell::new));
        rows.push(r);
    };
    for v in vms {
        let risks = r.risks_of(v);
        if risks.is_empty() && v.owners_unknown.is_empty() && v.not_ready.is_empty() {
            row([v.name, "*", "yes", "", "", ""]);
        }
        // The VM's own problems (a KMS key...): no node can activate it; the text lists them as
        // risks, so the CSV does too.
        for rule in &v.not_ready {
            row([v.name, "*", "no", rule.name, "", "vm"]);
        }
        for k in risks {
            let (can, kind) = match k.kind {
                RiskKind::Now => ("no", "now"),
                RiskKind::Failover => ("no", "failover"),
                RiskKind::Lapse => ("until", "lapse"),
            };
            let date = k.from_date.map(|d| d.to_string()).unwrap_or_default();
            row([v.name, k.node, can, k.rule.name, date.as_str(), kind]);
        }
        for n in &v.owners_unknown {
            row([v.name, n, "unknown", "", "", ""]);
        }
    }
    let mut head_row: Vec<Cell> = Vec::new();
    if head {
        head_row = CSV_HEAD.iter().map(|c| Cell::new(*c)).collect();
        if cluster.is_some() {
            head_row.push(Cell::new("cluster"));
        }
    }
    let mut doc = Doc::new("", "en");
    doc.push(Block::Table(Table {
        id: Some("pairs".into()),
        head: head_row,
        rows,
        ..Table::default()
    }));
    doc
}

/// The audits of one or more clusters as one CSV table (the cluster's name as a last column when
/// there are several), printed part by part.
fn print_audit_csv(ctx: &mut Ctx, audits: &[&Audit<'_>], with_cluster: bool) {
    csv_bom(ctx);
    let mut head = true;
    for r in audits {
        let cluster = with_cluster.then(|| r.cluster.unwrap_or(""));
        if head {
            show(ctx, &audit_csv_part(r, &[], true, cluster), View::Csv);
            head = false;
        }
        for part in r.vms.chunks(CSV_PART) {
            show(ctx, &audit_csv_part(r, part, false, cluster), View::Csv);
        }
    }
}

fn can_cell(ctx: &Ctx, c: &Can) -> Cell {
    let tone = match c {
        Can::Yes => Tone::Good,
        Can::Until { .. } => Tone::Warn,
        Can::No { .. } => Tone::Bad,
        Can::Unknown { .. } => Tone::Dim,
    };
    Cell::toned(can_text(ctx, c), tone)
}

/// The audit as a document: title and as-of line, the nodes, the VMs and the nodes they may run
/// on, what is at risk, and the fixes cheapest first with their commands.
pub fn audit_document(ctx: &Ctx, r: &Audit<'_>, as_of: Option<&avma_evidence::asof::AsOf>) -> Doc {
    let title = ctx.msg(
        &Msg::new("audit-title")
            .arg("cluster", r.cluster.unwrap_or("-"))
            .arg("nodes", r.nodes.len() as i64)
            .arg("vms", r.vms.len() as i64)
            .arg(
                "at",
                r.at.clone()
                    .unwrap_or_else(|| "?".into())
                    .chars()
                    .take(10)
                    .collect::<String>(),
            ),
    );
    let mut doc = Doc::new(title, crate::document::lang_tag(ctx));
    if let Some(a) = as_of {
        doc.para(toned(super::asof::line(ctx, a), Tone::Dim));
    }
    if !r.mixed_versions.is_empty() {
        let v: Vec<String> = r
            .mixed_versions
            .iter()
            .map(|(v, n)| format!("{v} ×{n}"))
            .collect();
        let l = ctx.msg(&Msg::new("audit-mixed").arg("versions", v.join(&ctx.t("list-separator"))));
        doc.para(toned(l, Tone::Warn));
    }
    let head = |ids: &[&str]| ids.iter().map(|id| Cell::new(ctx.t(id))).collect();
    doc.heading_id(1, ctx.t("audit-nodes"), "nodes");
    let mut rows = Vec::new();
    for n in &r.nodes {
        let status = n
            .license_status
            .and_then(|s| ctx.cat.license_status(s))
            .map(|s| ctx.text(&s.text).to_string())
            .unwrap_or_else(|| "?".into());
        rows.push(vec![
            Cell::new(shown(n.name)),
            Cell::new(n.version_name.unwrap_or("?")),
            Cell::new(shown(n.edition.unwrap_or("?"))),
            Cell::new(format!(
                "{status}{}",
                n.channel
                    .map(|c| format!(" ({})", shown(c)))
                    .unwrap_or_default()
            )),
            match (n.lapse_days, n.lapse_date) {
                (Some(d), Some(date)) => Cell::toned(
                    ctx.msg(
                        &Msg::new("audit-lapse")
                            .arg("days", d)
                            .arg("date", date.to_string()),
                    ),
                    Tone::Warn,
                ),
                _ => Cell::new("-"),
            },
            can_cell(ctx, &n.avma),
        ]);
    }
    doc.push(Block::Table(Table {
        id: Some("nodes".into()),
        class: Some("nodes".into()),
        head: head(&[
            "col-node",
            "col-version",
            "col-edition",
            "col-status",
            "col-lapse",
            "col-avma",
        ]),
        rows,
        row_heads: true,
        ..Table::default()
    }));
    doc.heading_id(1, ctx.t("audit-vms"), "vms");
    let mut rows = Vec::new();
    for v in r.vms.iter().take(200) {
        let mut owners: Vec<String> = Vec::new();
        if v.owners_ok > 0 {
            owners.push(ctx.msg(&Msg::new("audit-owners-ok").arg("n", v.owners_ok as i64)));
        } else if v.owners_able > 0 {
            // Good nodes are not hidden when the VM itself is not ready: they are able, once
            // the VM's own problem is fixed.
            owners.push(ctx.msg(&Msg::new("audit-owners-able").arg("n", v.owners_able as i64)));
        }
        for k in r.risks_of(v) {
            let can = match k.kind {
                RiskKind::Lapse => ctx.msg(&Msg::new("audit-can-until").arg(
                    "date",
                    k.from_date.map(|d| d.to_string()).unwrap_or_default(),
                )),
                _ => ctx.msg(&Msg::new("audit-can-no").arg("rule", ctx.rule(k.rule))),
            };
            owners.push(format!("{} {can}", shown(k.node)));
        }
        for n in &v.owners_unknown {
            owners.push(format!("{} {}", shown(n), ctx.t("audit-can-unknown-short")));
        }
        let issues = ctx.rules(v.not_ready.iter().copied());
        rows.push(vec![
            Cell::new(shown(v.name)),
            Cell::new(shown(&format!(
                "{} {}",
                v.version.unwrap_or("?"),
                v.edition.unwrap_or("")
            ))),
            Cell::new(shown(v.owner.unwrap_or("?"))),
            Cell::new(owners.join(&ctx.t("list-separator"))),
            if issues.is_empty() {
                Cell::new("-")
            } else {
                Cell::toned(issues, Tone::Bad)
            },
        ]);
    }
    doc.push(Block::Table(Table {
        id: Some("vms".into()),
        class: Some("vms".into()),
        head: head(&[
            "col-vm",
            "col-version",
            "col-owner",
            "col-possible-owners",
            "col-vm-issues",
        ]),
        rows,
        row_heads: true,
        ..Table::default()
    }));
    if r.vms.len() > 200 {
        let l = ctx.msg(&Msg::new("audit-more").arg("n", (r.vms.len() - 200) as i64));
        doc.para(toned(l, Tone::Dim));
    }
    doc.heading_id(1, ctx.t("audit-risks"), "risks");
    let mut items: Vec<Inline> = Vec::new();
    if r.risks.is_empty()
        && r.vms.iter().all(|v| v.not_ready.is_empty())
        && unjudged(r).next().is_none()
    {
        items.push(toned(ctx.t("audit-no-risk"), Tone::Good));
    }
    for v in unjudged(r).take(500) {
        let l = ctx.msg(
            &Msg::new("audit-vm-unjudged")
                .arg("vm", v.name)
                .arg("nodes", v.owners_unknown.join(&ctx.t("list-separator"))),
        );
        items.push(toned(l, Tone::Warn));
    }
    for k in r.risks.iter().take(500) {
        let (id, tone) = match k.kind {
            RiskKind::Now => ("audit-risk-now", Tone::Bad),
            RiskKind::Failover => ("audit-risk-failover", Tone::Warn),
            RiskKind::Lapse => ("audit-risk-lapse", Tone::Warn),
        };
        let l = ctx.msg(
            &Msg::new(id)
                .arg("vm", k.vm)
                .arg("node", k.node)
                .arg("rule", ctx.rule(k.rule))
                .arg(
                    "date",
                    k.from_date.map(|d| d.to_string()).unwrap_or_default(),
                ),
        );
        items.push(toned(l, tone));
    }
    if r.risks.len() > 500 {
        let l = ctx.msg(&Msg::new("audit-more-risks").arg("n", (r.risks.len() - 500) as i64));
        items.push(toned(l, Tone::Dim));
    }
    for v in r.vms.iter().filter(|v| !v.not_ready.is_empty()).take(500) {
        let rules = ctx.rules(v.not_ready.iter().copied());
        let l = ctx.msg(
            &Msg::new("audit-vm-not-ready")
                .arg("vm", v.name)
                .arg("rules", rules),
        );
        items.push(toned(l, Tone::Bad));
    }
    let not_ready = r.vms.iter().filter(|v| !v.not_ready.is_empty()).count();
    if not_ready > 500 {
        let l = ctx.msg(&Msg::new("audit-more-not-ready").arg("n", (not_ready - 500) as i64));
        items.push(toned(l, Tone::Dim));
    }
    doc.push(Block::List(items));
    if r.fixes.is_empty() {
        return doc;
    }
    doc.heading_id(1, ctx.t("audit-fixes"), "fixes");
    let mut steps = Vec::new();
    for f in r.fixes.iter().take(100) {
        let (m, cmds) = fix_msg(ctx, f);
        // Placeholders in the reader's language (the JSON keeps the English names).
        let cmds = if ctx.lang() == avma_core::text::Lang::En {
            cmds.to_vec()
        } else {
            ctx.fix_commands(f.judged()).0
        };
        let mut note = None;
        let lines: Vec<String> = cmds
            .iter()
            .take(MAX_STEP_COMMANDS)
            .map(|c| {
                // A command for thousands of VMs is cut for people (and says so); JSON has it
                // whole.
                match c.char_indices().nth(400) {
                    Some((cut, _)) => {
                        note = Some(ctx.msg(&Msg::new("audit-command-cut").arg("n", 400)));
                        format!("{}…", shown(&c[..cut]))
                    }
                    None => shown(c),
                }
            })
            .collect();
        // One command per VM for thousands of VMs: the first ones, and how many more (JSON has
        // them all).
        if cmds.len() > MAX_STEP_COMMANDS {
            let more = ctx.msg(
                &Msg::new("audit-more-commands").arg("n", (cmds.len() - MAX_STEP_COMMANDS) as i64),
            );
            note = Some(match note {
                Some(n) => format!("{n} {more}"),
                None => more,
            });
        }
        steps.push(ProcedureStep {
            text: plain(ctx.msg(&m)),
            // `pwsh`, not `powershell`: the text printer writes no `PS> ` prompt before these
            // lines, so they paste as they are (Markdown and HTML still mark them PowerShell).
            commands: vec![Commands {
                label: String::new(),
                lang: "pwsh".into(),
                lines,
            }],
            note,
            ..ProcedureStep::default()
        });
    }
    doc.push(Block::Procedure(steps));
    if r.fixes.len() > 100 {
        let l = ctx.msg(&Msg::new("audit-more-fixes").arg("n", (r.fixes.len() - 100) as i64));
        doc.para(toned(l, Tone::Dim));
    }
    doc
}

/// The inventory for people: the nodes and the VMs, as `avma audit` will read them.
fn inventory_document(ctx: &Ctx, inv: &Inventory, as_of: &avma_evidence::asof::AsOf) -> Doc {
    let title = ctx.msg(
        &Msg::new("inventory-title")
            .arg("cluster", inv.cluster.clone().unwrap_or_else(|| "-".into()))
            .arg("nodes", inv.nodes.len() as i64)
            .arg("vms", inv.vms.len() as i64),
    );
    let mut doc = Doc::new(title, crate::document::lang_tag(ctx));
    doc.para(toned(super::asof::line(ctx, as_of), Tone::Dim));
    let opt = |s: &Option<String>| shown(s.as_deref().unwrap_or("?"));
    let version = |v: &Option<String>, b: &Option<u32>| match (v, b) {
        (Some(v), Some(b)) => format!(
            "{} {}",
            shown(v),
            ctx.msg(&Msg::new("value-build").arg("build", i64::from(*b)))
        ),
        (Some(v), None) => shown(v),
        (None, Some(b)) => ctx.msg(&Msg::new("value-build").arg("build", i64::from(*b))),
        (None, None) => "?".into(),
    };
    let status = |s: Option<u32>, c: &Option<String>| {
        let st = s
            .and_then(|s| ctx.cat.license_status(s))
            .map(|s| ctx.text(&s.text).to_string())
            .unwrap_or_else(|| "?".into());
        format!(
            "{st}{}",
            c.as_ref()
                .map(|c| format!(" ({})", shown(c)))
                .unwrap_or_default()
        )
    };
    let head = |ids: &[&str]| ids.iter().map(|id| Cell::new(ctx.t(id))).collect();
    doc.heading_id(1, ctx.t("audit-nodes"), "nodes");
    let rows = inv
        .nodes
        .iter()
        .map(|n| {
            vec![
                Cell::new(shown(&n.name)),
                Cell::new(version(&n.version, &n.build)),
                Cell::new(opt(&n.edition)),
                Cell::new(status(n.license_status, &n.channel)),
                Cell::new(
                    match (&n.license_ends, n.grace_minutes.filter(|g| *g > 0)) {
                        (Some(e), _) => shown(e),
                        (None, Some(g)) => ctx.msg(
                            &Msg::new("value-minutes-days")
                                .arg("minutes", g.to_string())
                                .arg(
                                    "days",
                                    avma_evidence::util::days_from_minutes(g).to_string(),
                                ),
                        ),
                        (None, None) => "-".into(),
                    },
                ),
                // Up/Down/... in words in the user's language (JSON keeps the token).
                Cell::new(ctx.msg(&Msg::new("node-state").arg("state", opt(&n.state)))),
            ]
        })
        .collect();
    doc.push(Block::Table(Table {
        id: Some("nodes".into()),
        head: head(&[
            "col-node",
            "col-version",
            "col-edition",
            "col-status",
            "col-lapse",
            "col-state",
        ]),
        rows,
        row_heads: true,
        ..Table::default()
    }));
    doc.heading_id(1, ctx.t("inventory-vms"), "vms");
    let yes_no = |b: Option<bool>| match b {
        Some(true) => ctx.t("value-enabled"),
        Some(false) => ctx.t("value-disabled"),
        None => "?".into(),
    };
    let rows = inv
        .vms
        .iter()
        .map(|v| {
            vec![
                Cell::new(shown(&v.name)),
                Cell::new(version(&v.version, &v.build)),
                Cell::new(opt(&v.edition)),
                Cell::new(
                    v.partial_key
                        .as_deref()
                        .map(|k| format!("…{}", shown(k)))
                        .unwrap_or_else(|| "-".into()),
                ),
                Cell::new(status(v.license_status, &v.channel)),
                Cell::new(opt(&v.owner)),
                Cell::new(shown(&v.possible_owners.join(", "))),
                Cell::new(shown(&v.preferred_owners.join(", "))),
                Cell::new(yes_no(v.data_exchange)),
            ]
        })
        .collect();
    doc.push(Block::Table(Table {
        id: Some("vms".into()),
        head: head(&[
            "col-vm",
            "col-version",
            "col-edition",
            "col-key",
            "col-status",
            "col-owner",
            "col-possible-owners",
            "col-preferred-owners",
            "col-data-exchange",
        ]),
        rows,
        row_heads: true,
        ..Table::default()
    }));
    doc
}

pub fn ledger(ctx: &mut Ctx, a: &LedgerArgs) -> u8 {
    let (model, results) = super::evidence::load(ctx, &[], &[], &a.paths);
    let unreadable = super::evidence::report(ctx, &results);
    let as_of = super::asof::resolve(&model, &results);
    let l = run_ledger(
        &model,
        &LedgerOptions {
            validity_days: a.validity_days,
            at: Some(as_of.time),
        },
    );
    match a.format {
        LedgerFormat::Json => {
            let mut v = serde_json::to_value(&l).unwrap_or_default();
            v["schema"] = json!("avma.ledger/1");
            v["as_of"] = super::asof::json(&as_of);
            print_json(ctx, &v);
        }
        LedgerFormat::Csv => print_ledger_csv(ctx, &l),
        LedgerFormat::Text => show(ctx, &ledger_document(ctx, &l, &as_of), View::Text),
        LedgerFormat::Md => show(ctx, &ledger_document(ctx, &l, &as_of), View::Md),
        LedgerFormat::Html => show(ctx, &ledger_document(ctx, &l, &as_of), View::Html),
    }
    if unreadable {
        EXIT_INPUT
    } else if l.flags.iter().any(|f| {
        matches!(
            f,
            Flag::Stale { .. } | Flag::NeverActivated { .. } | Flag::OutsideHost { .. }
        )
    }) {
        EXIT_FINDINGS
    } else {
        EXIT_OK
    }
}

/// The ledger for spreadsheets: one table of its rows, with stable column names and tokens,
/// printed part by part (see [`CSV_PART`]).
/// CSV is a token format (columns and values the same in every language, docs/cli.md), read by
/// people in a spreadsheet: in a language other than English it starts with a UTF-8 BOM, so
/// that Excel on a Japanese Windows reads names as UTF-8 rather than CP932.
fn csv_bom(ctx: &mut Ctx) {
    if ctx.lang().base() != avma_core::text::Lang::En {
        ctx.start_with_bom();
    }
}

fn print_ledger_csv(ctx: &mut Ctx, l: &avma_cluster::ledger::Ledger) {
    csv_bom(ctx);
    let head: Vec<Cell> = [
        "vm",
        "host",
        "time",
        "outcome",
        "source",
        "names_matched",
        "evidence",
    ]
    .iter()
    .map(|c| Cell::new(*c))
    .collect();
    let table = |head: Vec<Cell>, rows: &[avma_cluster::ledger::Row]| {
        let rows = rows
            .iter()
            .map(|r| {
                [
                    r.vm.as_deref().unwrap_or(""),
                    r.host.as_deref().unwrap_or(""),
                    r.time.as_deref().unwrap_or(""),
                    &r.outcome,
                    r.source,
                    if r.names_matched { "true" } else { "false" },
                    &r.from.label(),
                ]
                .iter()
                .map(|c| Cell::new(*c))
                .collect()
            })
            .collect();
        let mut doc = Doc::new("", "en");
        doc.push(Block::Table(Table {
            id: Some("ledger".into()),
            head,
            rows,
            ..Table::default()
        }));
        doc
    };
    show(ctx, &table(head, &[]), View::Csv);
    for part in l.rows.chunks(CSV_PART) {
        show(ctx, &table(Vec::new(), part), View::Csv);
    }
}

/// The ledger as a document: the title (with the validity assumed), the as-of line, one row per
/// activation seen with its evidence, and the flags.
fn ledger_document(
    ctx: &Ctx,
    l: &avma_cluster::ledger::Ledger,
    as_of: &avma_evidence::asof::AsOf,
) -> Doc {
    let title = ctx.msg(
        &Msg::new("ledger-title")
            .arg("rows", l.rows.len() as i64)
            .arg("days", i64::from(l.validity_days)),
    );
    let mut doc = Doc::new(title, crate::document::lang_tag(ctx));
    doc.para(toned(super::asof::line(ctx, as_of), Tone::Dim));
    let rows: Vec<Vec<Cell>> = l
        .rows
        .iter()
        .map(|r| {
            let ok = r.outcome == "success";
            vec![
                Cell::new(shown(r.vm.as_deref().unwrap_or("?"))),
                Cell::new(format!(
                    "{}{}",
                    shown(r.host.as_deref().unwrap_or("?")),
                    if r.names_matched { "" } else { " (?)" }
                )),
                Cell::new(shown(r.time.as_deref().unwrap_or("?"))),
                // success/moved in words in the user's language; a failed result the message
                // names and "unknown" in words; other outcomes (codes) as read.
                Cell::toned(
                    ledger_outcome(ctx, r),
                    if ok {
                        Tone::Good
                    } else if r.outcome == avma_cluster::ledger::UNKNOWN {
                        Tone::Warn
                    } else {
                        Tone::Bad
                    },
                ),
                // The source token in words in the user's language (en: the token).
                Cell::new(ctx.msg(&Msg::new("ledger-source").arg("source", r.source))),
                Cell::toned(shown(&r.from.label()), Tone::Dim),
            ]
        })
        .collect();
    if rows.is_empty() {
        return ledger_flags(ctx, l, doc);
    }
    doc.push(Block::Table(Table {
        id: Some("ledger".into()),
        head: [
            "col-vm",
            "col-host",
            "col-time",
            "col-outcome",
            "col-source",
            "col-evidence",
        ]
        .iter()
        .map(|id| Cell::new(ctx.t(id)))
        .collect(),
        rows,
        ..Table::default()
    }));
    ledger_flags(ctx, l, doc)
}

/// A ledger row's outcome in the user's language: `success`/`moved` in words, a result the
/// event's message names (with the notification's own words, as read), `unknown`, and a
/// failure code with the result beside it when the message names one too.
fn ledger_outcome(ctx: &Ctx, r: &avma_cluster::ledger::Row) -> String {
    let by_result = |token: &str| {
        avma_core::judge::AvmaResult::ALL
            .into_iter()
            .find(|x| x.token() == token)
    };
    if r.outcome == avma_cluster::ledger::UNKNOWN {
        return ctx.t("ledger-outcome-unknown");
    }
    if let Some(x) = by_result(&r.outcome) {
        return ctx.msg(&Msg::new("ledger-outcome-result").arg("result", x.words()));
    }
    let base = ctx.msg(&Msg::new("ledger-outcome").arg("outcome", shown(&r.outcome)));
    match r.result.and_then(by_result).filter(|x| !x.is_success()) {
        Some(x) if r.outcome != "success" => ctx.msg(
            &Msg::new("ledger-outcome-code-result")
                .arg("outcome", base)
                .arg("result", x.words()),
        ),
        _ => base,
    }
}

/// The ledger's flags (stale, never activated, activated outside the cluster, idle nodes).
fn ledger_flags(ctx: &Ctx, l: &avma_cluster::ledger::Ledger, mut doc: Doc) -> Doc {
    let flags: Vec<Inline> = l
        .flags
        .iter()
        .map(|f| {
            let m = match f {
                Flag::Stale {
                    vm,
                    last_success,
                    age_days,
                } => Msg::new("ledger-stale")
                    .arg("vm", vm.as_str())
                    .arg("last", last_success.as_str())
                    .arg("days", *age_days),
                Flag::NeverActivated { vm } => Msg::new("ledger-never").arg("vm", vm.as_str()),
                Flag::OutsideHost { vm, host } => Msg::new("ledger-outside")
                    .arg("vm", vm.as_str())
                    .arg("host", host.as_str()),
                Flag::IdleNode { node } => Msg::new("ledger-idle").arg("node", node.as_str()),
            };
            toned(ctx.msg(&m), Tone::Warn)
        })
        .collect();
    if !flags.is_empty() {
        doc.push(Block::List(flags));
    }
    doc
}

fn bad_name_id(why: avma_cluster::evidence_out::BadName) -> &'static str {
    use avma_cluster::evidence_out::BadName;
    match why {
        BadName::Empty => "bad-name-empty",
        BadName::Dots => "bad-name-dots",
        BadName::Separator => "bad-name-separator",
        BadName::Colon => "bad-name-colon",
        BadName::Control => "bad-name-control",
        BadName::Reserved => "bad-name-reserved",
        BadName::Device => "bad-name-device",
        BadName::Trailing => "bad-name-trailing",
        BadName::Long => "bad-name-long",
    }
}

/// The largest scenario read.
pub const MAX_SCENARIO: u64 = 64 * 1024 * 1024;

pub fn simulate(ctx: &mut Ctx, a: &SimulateArgs) -> u8 {
    let shown = a.scenario.display().to_string();
    // Only a regular file, and at most MAX_SCENARIO bytes actually read (`/dev/zero`, a FIFO:
    // one line, exit 2, nothing read).
    let bytes = input::read_regular(&a.scenario, MAX_SCENARIO).map_err(|e| e.reason(ctx));
    let text = match bytes.map(|b| avma_text::decode_text(&b)) {
        Ok(Ok((_, t))) => t,
        Ok(Err(e)) => {
            let reason = super::not_text(ctx, &e);
            ctx.problem(&shown, &reason);
            return EXIT_INPUT;
        }
        Err(e) => {
            ctx.problem(&shown, &e);
            return EXIT_INPUT;
        }
    };
    let mut s = match simulate::parse(&text) {
        Ok(s) => s,
        Err(e) => {
            let m = ctx.msg(&toml_msg(&e));
            ctx.problem(&a.scenario.display().to_string(), &m);
            return EXIT_INPUT;
        }
    };
    avma_cluster::redact::scenario(&mut s, ctx.cat);
    if let Some(d) = a.days {
        s.days = d;
    }
    let r = simulate::run(&s, ctx.cat);
    for m in &r.problem_messages {
        let p = ctx.msg(m);
        ctx.problem(&a.scenario.display().to_string(), &p);
    }
    match a.format.view() {
        None => {
            let mut v = serde_json::to_value(&r).unwrap_or_default();
            // Each log entry's outcome in words, in the run's language (`note`).
            if let Some(log) = v.get_mut("log").and_then(|l| l.as_array_mut()) {
                for (j, e) in log.iter_mut().zip(&r.log) {
                    if let Some(o) = j.as_object_mut() {
                        o.insert("note".into(), json!(ctx.t(e.outcome.msg_id())));
                    }
                }
            }
            print_json(ctx, &v);
        }
        Some(f) => show(ctx, &simulate_document(ctx, &r), f),
    }
    if let Some(dir) = &a.write_evidence {
        if a.evtx && !cfg!(feature = "evtx") {
            let m = ctx.t("simulate-no-evtx");
            ctx.problem("--evtx", &m);
            return EXIT_INPUT;
        }
        let mut refused = false;
        for (machine, why) in avma_cluster::evidence_out::refused_names(&r) {
            let m = ctx.msg(
                &Msg::new("simulate-bad-machine-name")
                    .arg("name", format!("{machine:?}"))
                    .arg("reason", ctx.t(bad_name_id(why))),
            );
            ctx.problem(&dir.display().to_string(), &m);
            refused = true;
        }
        for (machine, name, bytes) in avma_cluster::evidence_out::write(&r, &s, ctx.cat, a.evtx) {
            // Names come from the (already redacted) scenario; masked again as path components,
            // and checked again after masking: never a folder outside DIR.
            let machine = avma_core::key::redact_text(&machine, ctx.cat);
            let name = avma_core::key::redact_text(&name, ctx.cat);
            if avma_cluster::evidence_out::check_component(&machine).is_err()
                || avma_cluster::evidence_out::check_component(&name).is_err()
            {
                refused = true;
                continue;
            }
            let d = dir.join(&machine);
            // A folder that is already there as a symlink could lead outside DIR: refused.
            if std::fs::symlink_metadata(&d).is_ok_and(|m| m.file_type().is_symlink()) {
                let m = ctx.t("simulate-link-in-destination");
                ctx.problem(&d.display().to_string(), &m);
                refused = true;
                continue;
            }
            let f = d.join(&name);
            if let Err(e) = std::fs::create_dir_all(&d).and_then(|_| std::fs::write(&f, bytes)) {
                ctx.problem(&d.display().to_string(), &e.to_string());
                return EXIT_INPUT;
            }
        }
        if refused {
            return EXIT_INPUT;
        }
        let m = ctx.msg(&Msg::new("simulate-written").arg("dir", dir.display().to_string()));
        ctx.line(&m);
    }
    if !r.problems.is_empty() {
        EXIT_INPUT
    } else if r.final_vms.iter().any(|v| !v.activated && !v.pending) {
        // A VM waiting for AVMA after a move on the last day is a warning, not a failure.
        EXIT_FINDINGS
    } else {
        EXIT_OK
    }
}

/// The simulation as a document: the title (with its assumptions), one row per day with each
/// VM's state and host, and the events the systems would log (failures, and day 1).
fn simulate_document(ctx: &Ctx, r: &simulate::SimResult) -> Doc {
    let title = ctx.msg(
        &Msg::new("simulate-title")
            .arg("days", r.days.len() as i64)
            .arg("validity", i64::from(r.validity_days)),
    );
    let mut doc = Doc::new(title, crate::document::lang_tag(ctx));
    doc.para(toned(
        ctx.msg(&Msg::new("simulate-move-delay").arg("minutes", i64::from(r.move_delay_minutes))),
        Tone::Dim,
    ));
    let head = std::iter::once(Cell::new(ctx.t("col-date")))
        .chain(
            r.days
                .first()
                .into_iter()
                .flat_map(|d| d.vms.iter().map(|v| Cell::new(shown(&v.vm)))),
        )
        .collect();
    let rows = r
        .days
        .iter()
        .map(|d| {
            std::iter::once(Cell::new(shown(&d.date)))
                .chain(d.vms.iter().map(|v| {
                    let host = shown(v.host.as_deref().unwrap_or("-"));
                    if v.pending {
                        Cell::toned(format!("⋯ {host}"), Tone::Warn)
                    } else if v.activated {
                        Cell::toned(format!("✓ {host}"), Tone::Good)
                    } else {
                        Cell::toned(format!("✗ {host}"), Tone::Bad)
                    }
                }))
                .collect()
        })
        .collect();
    doc.push(Block::Table(Table {
        id: Some("days".into()),
        class: Some("matrix".into()),
        head,
        rows,
        row_heads: true,
        ..Table::default()
    }));
    doc.heading_id(1, ctx.t("simulate-log"), "log");
    let rows = r
        .log
        .iter()
        .filter(|e| e.code != 0 || e.day == 0 || e.event_id == 1641)
        .map(|e| {
            // The date and the time of day (an attempt after a move comes the delay later).
            let when = e
                .time
                .get(..16)
                .map_or_else(|| e.date.clone(), |t| t.replacen('T', " ", 1));
            vec![
                Cell::new(shown(&when)),
                Cell::new(shown(&e.machine)),
                Cell::new(e.event_id.to_string()),
                if e.code == 0 {
                    Cell::toned("0x00000000", Tone::Good)
                } else {
                    Cell::toned(format!("0x{:08X}", e.code), Tone::Bad)
                },
                Cell::new(format!("{}→{}", shown(&e.vm), shown(&e.host))),
                Cell::new(ctx.t(e.outcome.msg_id())),
            ]
        })
        .collect();
    doc.push(Block::Table(Table {
        id: Some("events".into()),
        head: [
            "col-time",
            "col-machine",
            "col-event",
            "col-code",
            "col-vm-host",
            "col-note",
        ]
        .iter()
        .map(|id| Cell::new(ctx.t(id)))
        .collect(),
        rows,
        ..Table::default()
    }));
    doc
}

/// A fix of the audit as a message, and its commands: one wording for the audit's text and
/// Markdown and for the report.
pub fn fix_msg<'f>(ctx: &Ctx, f: &'f Fix<'_>) -> (Msg, &'f [String]) {
    match f {
        Fix::Node {
            node,
            rule,
            helps,
            commands,
            ..
        } => (
            Msg::new("audit-fix-node")
                .arg("node", *node)
                .arg("rule", ctx.rule(rule))
                .arg("helps", *helps as i64),
            commands,
        ),
        Fix::Move {
            vm,
            from,
            to,
            commands,
            ..
        } => (
            Msg::new("audit-fix-move")
                .arg("vm", *vm)
                .arg("from", *from)
                .arg("to", *to),
            commands,
        ),
        Fix::LimitOwners {
            vms,
            owners,
            commands,
            ..
        } => {
            let shown: Vec<&str> = vms.iter().take(5).copied().collect();
            let more = if vms.len() > 5 {
                format!(" (+{})", vms.len() - 5)
            } else {
                String::new()
            };
            (
                Msg::new("audit-fix-owners")
                    .arg(
                        "vm",
                        format!("{}{more}", shown.join(&ctx.t("list-separator"))),
                    )
                    .arg("owners", owners.join(&ctx.t("list-separator"))),
                commands,
            )
        }
        Fix::Vm {
            vm, rule, commands, ..
        } => (
            Msg::new("audit-fix-vm")
                .arg("vm", *vm)
                .arg("rule", ctx.rule(rule)),
            commands,
        ),
    }
}

/// A TOML parse error as a message: its place (line and column) as arguments of the translated
/// sentence and the parser's own words quoted as detail; the whole text quoted when the parser
/// names no place.
fn toml_msg(e: &str) -> Msg {
    let head = e.lines().next().unwrap_or("").trim();
    let place = head
        .strip_prefix("TOML parse error at line ")
        .and_then(|rest| rest.split_once(", column "))
        .and_then(|(line, column)| {
            let column: String = column.chars().take_while(char::is_ascii_digit).collect();
            Some((
                line.trim().parse::<i64>().ok()?,
                column.parse::<i64>().ok()?,
            ))
        });
    let detail = toml_detail(e);
    match place {
        Some((line, column)) => {
            let words = detail
                .split_once(": ")
                .map_or(detail.as_str(), |(_, w)| w)
                .to_string();
            Msg::new("simulate-bad-scenario-at")
                .arg("line", line)
                .arg("column", column)
                .arg("detail", words)
        }
        None => Msg::new("simulate-bad-scenario").arg("detail", detail),
    }
}

/// A TOML parse error on one line: its place ("TOML parse error at line 2, column 8") and the
/// parser's words under the quoted source (`invalid array`, ``expected `]` ``), quoted as the
/// library gave them inside the translated sentence.
fn toml_detail(e: &str) -> String {
    let mut lines = e.lines();
    let head = lines.next().unwrap_or("").trim().to_string();
    let words: Vec<&str> = lines
        .map(str::trim_end)
        .filter(|l| {
            !l.is_empty()
                && !l.trim_start().starts_with('|')
                && !l.trim_start().starts_with(|c: char| c.is_ascii_digit())
        })
        .collect();
    if words.is_empty() {
        head
    } else {
        format!("{head}: {}", words.join("; "))
    }
}
