//! `avma inventory`, `avma audit`, `avma ledger`, `avma simulate`: the cluster as a whole.

use std::path::PathBuf;

use avma_cluster::audit::{audit as run_audit, Audit, AuditOptions, Can, Fix, RiskKind};
use avma_cluster::inventory::{from_model, Inventory, SCHEMA};
use avma_cluster::ledger::{ledger as run_ledger, Flag, LedgerOptions};
use avma_cluster::simulate;
use avma_core::text::Msg;
use serde_json::json;

use super::{EXIT_FINDINGS, EXIT_INPUT, EXIT_OK};
use crate::cli::{
    AuditArgs, AuditFormat, Format, InventoryArgs, LedgerArgs, LedgerFormat, SimulateArgs,
};
use crate::escape::{csv_record, md_cell, md_code};
use crate::input::{self, Refused};
use crate::out::{json as print_json, table, Ctx};

pub fn inventory(ctx: &mut Ctx, a: &InventoryArgs) -> u8 {
    if a.inputs.is_empty() {
        let m = ctx.t("evidence-no-input");
        ctx.problem("inventory", &m);
        return EXIT_INPUT;
    }
    let (model, results) =
        super::evidence::load(ctx, &a.inputs.host, &a.inputs.guest, &a.inputs.paths);
    let unreadable = super::evidence::report(ctx, &results);
    // The inventory records when the evidence describes, not when it was written.
    let as_of = super::asof::resolve(&model, &results);
    let mut inv = from_model(&model, Some(as_of.time.to_string()));
    inv.cluster = a.cluster.clone();
    let v = serde_json::to_value(&inv).unwrap_or_default();
    print_json(ctx, &v);
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
        .and_then(|(_, text)| text.contains(SCHEMA).then_some(text)))
}

fn merge(inv: Inventory, merged: &mut Option<Inventory>) {
    match merged {
        Some(m) => {
            m.nodes.extend(inv.nodes);
            m.vms.extend(inv.vms);
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
        match serde_json::from_str::<Inventory>(&text) {
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
            Err(e) => {
                let m = ctx.msg(&Msg::new("audit-bad-inventory").arg("detail", e.to_string()));
                ctx.problem(&p.display().to_string(), &m);
                bad_input = true;
            }
        }
    }
    if !evidence.is_empty() {
        let (model, results) = super::evidence::load(ctx, &[], &[], &evidence);
        bad_input |= super::evidence::report(ctx, &results);
        if results.iter().any(|r| r.readable) {
            // As of the evidence's time, as `avma inventory` records it: a folder and its
            // inventory give the same dates.
            let t = super::asof::resolve(&model, &results);
            merge(from_model(&model, Some(t.time.to_string())), &mut merged);
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
        Can::No { rule } => ctx.msg(&Msg::new("audit-can-no").arg("rule", rule.name)),
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
        at: Some(as_of.time),
    };
    let r = run_audit(&inv, &opts, ctx.cat);
    for p in &r.problems {
        let m = ctx.msg(
            &Msg::new("audit-problem")
                .arg("field", p.field.as_str())
                .arg("message", p.message.as_str()),
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
        AuditFormat::Csv => {
            // One row per VM and possible owner that cannot (or cannot for long) activate it, one
            // per owner whose ability is unknown, and one per VM whose every possible owner can.
            let mut out = csv_record(&["vm", "node", "can", "rule", "from_date", "risk"]);
            for v in &r.vms {
                let risks = r.risks_of(v);
                if risks.is_empty() && v.owners_unknown.is_empty() && v.not_ready.is_empty() {
                    out.push_str(&csv_record(&[v.name, "*", "yes", "", "", ""]));
                }
                // The VM's own problems (a KMS key...): no node can activate it; the text lists
                // them as risks, so the CSV does too.
                for rule in &v.not_ready {
                    out.push_str(&csv_record(&[v.name, "*", "no", rule.name, "", "vm"]));
                }
                for k in risks {
                    let (can, kind) = match k.kind {
                        RiskKind::Now => ("no", "now"),
                        RiskKind::Failover => ("no", "failover"),
                        RiskKind::Lapse => ("until", "lapse"),
                    };
                    let date = k.from_date.map(|d| d.to_string()).unwrap_or_default();
                    out.push_str(&csv_record(&[
                        v.name,
                        k.node,
                        can,
                        k.rule.name,
                        date.as_str(),
                        kind,
                    ]));
                }
                for n in &v.owners_unknown {
                    out.push_str(&csv_record(&[v.name, n, "unknown", "", "", ""]));
                }
            }
            ctx.print(&out);
        }
        AuditFormat::Md | AuditFormat::Text => audit_text(ctx, r, format == AuditFormat::Md, as_of),
        // Metrics need the inventory too: `audit` hands them to check::audit_fleet first.
        AuditFormat::Prometheus => {}
    }
}

fn audit_text(ctx: &mut Ctx, r: &Audit<'_>, md: bool, as_of: Option<&avma_evidence::asof::AsOf>) {
    let say = |ctx: &Ctx, m: &Msg| if md { ctx.msg_md(m) } else { ctx.msg(m) };
    let title = say(
        ctx,
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
    ctx.line(&if md {
        format!("# {title}\n")
    } else {
        ctx.style.bold(&title)
    });
    if let Some(a) = as_of {
        ctx.line(&if md {
            format!("*{}*\n", super::asof::line_md(ctx, a))
        } else {
            ctx.style.dim(&super::asof::line(ctx, a))
        });
    }
    if !r.mixed_versions.is_empty() {
        let v: Vec<String> = r
            .mixed_versions
            .iter()
            .map(|(v, n)| format!("{v} ×{n}"))
            .collect();
        let l = say(ctx, &Msg::new("audit-mixed").arg("versions", v.join(", ")));
        ctx.line(&ctx.style.yellow(&l));
    }
    ctx.line("");
    let heading = |ctx: &mut Ctx, id: &str| {
        let h = ctx.t(id);
        let line = if md {
            format!("## {h}\n")
        } else {
            ctx.style.bold(&h)
        };
        ctx.line(&line);
    };
    heading(ctx, "audit-nodes");
    let mut rows = vec![vec![
        ctx.t("col-node"),
        ctx.t("col-version"),
        ctx.t("col-edition"),
        ctx.t("col-status"),
        ctx.t("col-lapse"),
        ctx.t("col-avma"),
    ]];
    for n in &r.nodes {
        let status = n
            .license_status
            .and_then(|s| ctx.cat.license_status(s))
            .map(|s| ctx.text(&s.text).to_string())
            .unwrap_or_else(|| "?".into());
        rows.push(vec![
            n.name.to_string(),
            n.version_name.unwrap_or("?").to_string(),
            n.edition.unwrap_or("?").to_string(),
            format!(
                "{status}{}",
                n.channel.map(|c| format!(" ({c})")).unwrap_or_default()
            ),
            match (n.lapse_days, n.lapse_date) {
                (Some(d), Some(date)) => ctx.msg(
                    &Msg::new("audit-lapse")
                        .arg("days", d)
                        .arg("date", date.to_string()),
                ),
                _ => "-".into(),
            },
            can_text(ctx, &n.avma),
        ]);
    }
    emit_table(ctx, &rows, md);
    ctx.line("");
    heading(ctx, "audit-vms");
    let mut rows = vec![vec![
        ctx.t("col-vm"),
        ctx.t("col-version"),
        ctx.t("col-owner"),
        ctx.t("col-possible-owners"),
        ctx.t("col-vm-issues"),
    ]];
    for v in r.vms.iter().take(200) {
        let mut owners: Vec<String> = Vec::new();
        if v.owners_ok > 0 {
            owners.push(ctx.msg(&Msg::new("audit-owners-ok").arg("n", v.owners_ok as i64)));
        }
        for k in r.risks_of(v) {
            let can = match k.kind {
                RiskKind::Lapse => ctx.msg(&Msg::new("audit-can-until").arg(
                    "date",
                    k.from_date.map(|d| d.to_string()).unwrap_or_default(),
                )),
                _ => ctx.msg(&Msg::new("audit-can-no").arg("rule", k.rule.name)),
            };
            owners.push(format!("{} {can}", k.node));
        }
        for n in &v.owners_unknown {
            owners.push(format!("{n} {}", ctx.t("audit-can-unknown-short")));
        }
        let issues: Vec<&str> = v.not_ready.iter().map(|r| r.name).collect();
        rows.push(vec![
            v.name.to_string(),
            format!("{} {}", v.version.unwrap_or("?"), v.edition.unwrap_or("")),
            v.owner.unwrap_or("?").to_string(),
            owners.join(", "),
            if issues.is_empty() {
                "-".into()
            } else {
                issues.join(", ")
            },
        ]);
    }
    emit_table(ctx, &rows, md);
    if r.vms.len() > 200 {
        let l = ctx.msg(&Msg::new("audit-more").arg("n", (r.vms.len() - 200) as i64));
        ctx.line(&l);
    }
    ctx.line("");
    heading(ctx, "audit-risks");
    if r.risks.is_empty()
        && r.vms.iter().all(|v| v.not_ready.is_empty())
        && unjudged(r).next().is_none()
    {
        let l = ctx.t("audit-no-risk");
        ctx.line(&format!("  {}", ctx.style.green(&l)));
    }
    for v in unjudged(r).take(500) {
        let l = say(
            ctx,
            &Msg::new("audit-vm-unjudged")
                .arg("vm", v.name)
                .arg("nodes", v.owners_unknown.join(", ")),
        );
        ctx.line(&format!("  - {}", ctx.style.yellow(&l)));
    }
    for k in r.risks.iter().take(500) {
        let id = match k.kind {
            RiskKind::Now => "audit-risk-now",
            RiskKind::Failover => "audit-risk-failover",
            RiskKind::Lapse => "audit-risk-lapse",
        };
        let l = say(
            ctx,
            &Msg::new(id)
                .arg("vm", k.vm)
                .arg("node", k.node)
                .arg("rule", k.rule.name)
                .arg(
                    "date",
                    k.from_date.map(|d| d.to_string()).unwrap_or_default(),
                ),
        );
        ctx.line(&format!("  - {l}"));
    }
    if r.risks.len() > 500 {
        let l = ctx.msg(&Msg::new("audit-more-risks").arg("n", (r.risks.len() - 500) as i64));
        ctx.line(&format!("  {l}"));
    }
    for v in r.vms.iter().filter(|v| !v.not_ready.is_empty()).take(500) {
        let rules: Vec<&str> = v.not_ready.iter().map(|r| r.name).collect();
        let l = say(
            ctx,
            &Msg::new("audit-vm-not-ready")
                .arg("vm", v.name)
                .arg("rules", rules.join(", ")),
        );
        ctx.line(&format!("  - {l}"));
    }
    let not_ready = r.vms.iter().filter(|v| !v.not_ready.is_empty()).count();
    if not_ready > 500 {
        let l = ctx.msg(&Msg::new("audit-more-not-ready").arg("n", (not_ready - 500) as i64));
        ctx.line(&format!("  {l}"));
    }
    ctx.line("");
    if r.fixes.is_empty() {
        return;
    }
    heading(ctx, "audit-fixes");
    for (i, f) in r.fixes.iter().take(100).enumerate() {
        let (m, cmds) = fix_msg(f);
        let l = say(ctx, &m);
        ctx.line(&format!("  {}. {l}", i + 1));
        for c in cmds {
            // A command for thousands of VMs is cut in text (and says so); JSON has it whole.
            let (c, cut) = match c.char_indices().nth(400) {
                Some((cut, _)) => (format!("{}…", &c[..cut]), true),
                None => (c.clone(), false),
            };
            let line = if md {
                format!("     {}", md_code(&c))
            } else {
                format!("       {}", ctx.style.cyan(&crate::escape::text(&c)))
            };
            ctx.line(&line);
            if cut {
                let l = ctx.msg(&Msg::new("audit-command-cut").arg("n", 400));
                ctx.line(&format!("       {l}"));
            }
        }
    }
    if r.fixes.len() > 100 {
        let l = ctx.msg(&Msg::new("audit-more-fixes").arg("n", (r.fixes.len() - 100) as i64));
        ctx.line(&format!("  {l}"));
    }
}

fn emit_table(ctx: &mut Ctx, rows: &[Vec<String>], md: bool) {
    if md {
        for (i, r) in rows.iter().enumerate() {
            let cells: Vec<String> = r.iter().map(|c| md_cell(c)).collect();
            ctx.line(&format!("| {} |", cells.join(" | ")));
            if i == 0 {
                ctx.line(&format!("|{}", "---|".repeat(r.len())));
            }
        }
    } else {
        let t = table(rows);
        for l in t.lines() {
            ctx.line(&format!("  {l}"));
        }
    }
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
        LedgerFormat::Csv => {
            let mut s = csv_record(&[
                "vm",
                "host",
                "time",
                "outcome",
                "source",
                "names_matched",
                "evidence",
            ]);
            for r in &l.rows {
                s.push_str(&csv_record(&[
                    r.vm.as_deref().unwrap_or(""),
                    r.host.as_deref().unwrap_or(""),
                    r.time.as_deref().unwrap_or(""),
                    &r.outcome,
                    r.source,
                    if r.names_matched { "true" } else { "false" },
                    &r.from.label(),
                ]));
            }
            ctx.print(&s);
        }
        LedgerFormat::Text => {
            let title = ctx.msg(
                &Msg::new("ledger-title")
                    .arg("rows", l.rows.len() as i64)
                    .arg("days", i64::from(l.validity_days)),
            );
            ctx.line(&ctx.style.bold(&title));
            let asof_line = super::asof::line(ctx, &as_of);
            ctx.line(&ctx.style.dim(&asof_line));
            let mut rows = vec![vec![
                ctx.t("col-vm"),
                ctx.t("col-host"),
                ctx.t("col-time"),
                ctx.t("col-outcome"),
                ctx.t("col-source"),
                ctx.t("col-evidence"),
            ]];
            for r in &l.rows {
                rows.push(vec![
                    r.vm.clone().unwrap_or_else(|| "?".into()),
                    format!(
                        "{}{}",
                        r.host.clone().unwrap_or_else(|| "?".into()),
                        if r.names_matched { "" } else { " (?)" }
                    ),
                    r.time.clone().unwrap_or_else(|| "?".into()),
                    r.outcome.clone(),
                    r.source.to_string(),
                    r.from.label(),
                ]);
            }
            emit_table(ctx, &rows, false);
            for f in &l.flags {
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
                let l = ctx.msg(&m);
                ctx.line(&format!("  ! {}", ctx.style.yellow(&l)));
            }
        }
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
            let m = ctx.msg(
                &Msg::new("simulate-bad-scenario")
                    .arg("detail", e.lines().next().unwrap_or("").to_string()),
            );
            ctx.problem(&a.scenario.display().to_string(), &m);
            return EXIT_INPUT;
        }
    };
    avma_cluster::redact::scenario(&mut s, ctx.cat);
    if let Some(d) = a.days {
        s.days = d;
    }
    let r = simulate::run(&s, ctx.cat);
    for p in &r.problems {
        ctx.problem(&a.scenario.display().to_string(), p);
    }
    match a.format {
        Format::Json => {
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
        Format::Text => simulate_text(ctx, &r),
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
    } else if r.final_vms.iter().any(|v| !v.activated) {
        EXIT_FINDINGS
    } else {
        EXIT_OK
    }
}

fn simulate_text(ctx: &mut Ctx, r: &simulate::SimResult) {
    let title = ctx.msg(
        &Msg::new("simulate-title")
            .arg("days", r.days.len() as i64)
            .arg("validity", i64::from(r.validity_days)),
    );
    ctx.line(&ctx.style.bold(&title));
    let delay =
        ctx.msg(&Msg::new("simulate-move-delay").arg("minutes", i64::from(r.move_delay_minutes)));
    ctx.line(&delay);
    let names: Vec<String> = r
        .days
        .first()
        .map(|d| d.vms.iter().map(|v| v.vm.clone()).collect())
        .unwrap_or_default();
    let mut rows = vec![std::iter::once(ctx.t("col-date"))
        .chain(names.iter().cloned())
        .collect::<Vec<_>>()];
    for d in &r.days {
        let mut row = vec![d.date.clone()];
        for v in &d.vms {
            let mark = if v.pending {
                "⋯"
            } else if v.activated {
                "✓"
            } else {
                "✗"
            };
            row.push(format!(
                "{mark} {}",
                v.host.clone().unwrap_or_else(|| "-".into())
            ));
        }
        rows.push(row);
    }
    emit_table(ctx, &rows, false);
    ctx.line("");
    let h = ctx.t("simulate-log");
    ctx.line(&ctx.style.bold(&h));
    for e in r
        .log
        .iter()
        .filter(|e| e.code != 0 || e.day == 0 || e.event_id == 1641)
    {
        let esc = crate::escape::text;
        // The date and the time of day (an attempt after a move comes the delay later).
        let when = e
            .time
            .get(..16)
            .map_or_else(|| e.date.clone(), |t| t.replacen('T', " ", 1));
        let l = format!(
            "  {} {:<10} {:>5} {} {}→{}  {}",
            esc(&when),
            esc(&e.machine),
            e.event_id,
            if e.code == 0 {
                "0x00000000".to_string()
            } else {
                format!("0x{:08X}", e.code)
            },
            esc(&e.vm),
            esc(&e.host),
            ctx.t(e.outcome.msg_id())
        );
        ctx.line(&l);
    }
    let _ = json!(null);
}

/// A fix of the audit as a message, and its commands: one wording for the audit's text and
/// Markdown and for the report.
pub fn fix_msg<'f>(f: &'f Fix<'_>) -> (Msg, &'f [String]) {
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
                .arg("rule", rule.name)
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
                    .arg("vm", format!("{}{more}", shown.join(", ")))
                    .arg("owners", owners.join(", ")),
                commands,
            )
        }
        Fix::Vm {
            vm, rule, commands, ..
        } => (
            Msg::new("audit-fix-vm")
                .arg("vm", *vm)
                .arg("rule", rule.name),
            commands,
        ),
    }
}
