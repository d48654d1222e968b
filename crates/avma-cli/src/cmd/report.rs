//! `avma report`: one document for people — per cluster, the summary (as-of time, evidence age),
//! the nodes with their licence countdowns, the VM × node matrix, the timeline of activations,
//! failures and lapse dates, the findings with evidence and fixes, and the facts per machine.
//! Printed as one self-contained HTML file (or Markdown, or text) by avma-render.

use avma_cluster::audit::{Audit, Can, Fix, RiskKind};
use avma_cluster::ledger::{ledger as run_ledger, LedgerOptions};
use avma_core::text::Msg;
use avma_diagnose::diagnose;
use avma_evidence::model::{Machine, Model, Role};
use avma_render::{
    plain, toned, Block, Cell, Doc, Field, Figure, Mark, Span, Table, Timeline, TimelineRow, Tone,
};

use super::check::{self, Health, Limits, State};
use super::fleet::{self, Member};
use super::{EXIT_FINDINGS, EXIT_INPUT, EXIT_OK};
use crate::cli::{ReportArgs, ReportFormat};
use crate::out::Ctx;

pub fn state_tone(s: State) -> Tone {
    match s {
        State::Ok => Tone::Good,
        State::Warning => Tone::Warn,
        State::Critical => Tone::Bad,
        State::Unknown => Tone::Dim,
    }
}

fn state_label(ctx: &Ctx, s: State) -> String {
    ctx.t(match s {
        State::Ok => "report-state-ok",
        State::Warning => "report-state-warning",
        State::Critical => "report-state-critical",
        State::Unknown => "report-state-unknown",
    })
}

/// A number of days with its unit, in the user's language ("4 d", "4 日").
fn days_text(ctx: &Ctx, days: i64) -> String {
    ctx.msg(&Msg::new("report-days-short").arg("n", days))
}

/// "3 h", "2 d": an age for people.
fn age_text(ctx: &Ctx, secs: i64) -> String {
    let secs = secs.max(0);
    let m = if secs < 3600 {
        Msg::new("report-age-minutes").arg("n", secs / 60)
    } else if secs < 2 * 86_400 {
        Msg::new("report-age-hours").arg("n", secs / 3600)
    } else {
        Msg::new("report-age-days").arg("n", secs / 86_400)
    };
    ctx.msg(&m)
}

fn time_text(t: jiff::Timestamp) -> String {
    t.strftime("%Y-%m-%d %H:%M UTC").to_string()
}

fn date_of(t: jiff::Timestamp) -> jiff::civil::Date {
    jiff::tz::TimeZone::UTC.to_datetime(t).date()
}

/// The countdown of a node's licence, with its tone.
fn countdown(ctx: &Ctx, n: &check::NodeHealth) -> Cell {
    match (n.lapse, n.days_left) {
        (Some(l), Some(d)) => {
            let date = date_of(l).to_string();
            let m = if d < 0 || n.state == State::Critical && d <= 0 {
                Msg::new("report-lapsed").arg("days", -d).arg("date", date)
            } else {
                Msg::new("report-lapses-in-from-today")
                    .arg("days", d)
                    .arg("date", date)
            };
            Cell::toned(ctx.msg(&m), state_tone(n.state))
        }
        _ => Cell::toned(ctx.t("report-no-lapse"), Tone::Good),
    }
}

fn can_cell(ctx: &Ctx, c: &Can) -> Cell {
    match c {
        Can::Yes => Cell::toned(format!("✓ {}", ctx.t("audit-can-yes")), Tone::Good),
        Can::Until { date, .. } => Cell::toned(
            ctx.msg(&Msg::new("audit-can-until").arg("date", date.to_string())),
            Tone::Warn,
        ),
        Can::No { rule } => Cell::toned(format!("✗ {}", ctx.t("report-cannot")), Tone::Bad)
            .with_detail(ctx.rule(rule)),
        Can::Unknown { missing } => Cell::toned("?", Tone::Dim)
            .with_detail(ctx.msg(&Msg::new("audit-can-unknown").arg("missing", *missing))),
    }
}

fn node_table(ctx: &Ctx, r: &Audit<'_>, h: &Health, idx: usize) -> Table {
    let head = [
        "col-node",
        "col-version",
        "col-edition",
        "col-status",
        "col-lapse",
        "col-avma",
    ]
    .iter()
    .map(|id| Cell::new(ctx.t(id)))
    .collect();
    let mut rows = Vec::new();
    for (n, nh) in r.nodes.iter().zip(&h.nodes) {
        let status = n
            .license_status
            .and_then(|s| ctx.cat.license_status(s))
            .map(|s| ctx.text(&s.text).to_string())
            .unwrap_or_else(|| "?".into());
        let status_tone = match nh.activated {
            Some(true) => Tone::Plain,
            Some(false) => Tone::Bad,
            None => Tone::Dim,
        };
        rows.push(vec![
            Cell::new(n.name),
            Cell::new(n.version_name.unwrap_or("?")),
            Cell::new(n.edition.unwrap_or("?")),
            Cell::toned(
                format!(
                    "{status}{}",
                    n.channel.map(|c| format!(" ({c})")).unwrap_or_default()
                ),
                status_tone,
            ),
            countdown(ctx, nh),
            can_cell(ctx, &n.avma),
        ]);
    }
    Table {
        id: Some(format!("nodes-{idx}")),
        class: Some("nodes".into()),
        caption: None,
        head,
        rows,
        row_heads: true,
    }
}

/// One row per VM, one column per node: can this node activate this VM, until when, why not.
fn matrix(ctx: &Ctx, r: &Audit<'_>, idx: usize) -> Table {
    let mut head = vec![Cell::new(ctx.t("col-vm"))];
    head.extend(r.nodes.iter().map(|n| Cell::new(n.name)));
    head.push(Cell::new(ctx.t("col-vm-issues")));
    let mut rows = Vec::new();
    for v in &r.vms {
        let mut row = vec![Cell {
            text: vec![Span::new(v.name, Tone::Strong)],
            tone: Tone::Plain,
            detail: Some(format!(
                "{} {}",
                v.version.unwrap_or("?"),
                v.edition.unwrap_or("")
            )),
        }];
        let risks = r.risks_of(v);
        for n in &r.nodes {
            let allowed = v
                .possible_owners
                .as_ref()
                .is_none_or(|o| o.iter().any(|x| x.eq_ignore_ascii_case(n.name)));
            let runs_here = v.owner.is_some_and(|o| o.eq_ignore_ascii_case(n.name));
            let mut cell = if !allowed {
                Cell::toned("—", Tone::Dim).with_detail(ctx.t("report-not-owner"))
            } else if let Some(k) = risks.iter().find(|k| k.node.eq_ignore_ascii_case(n.name)) {
                match k.kind {
                    // A VM that is not ready cannot be activated here either, lapse or not:
                    // never "until DATE" as if it could (the lapse stays in the detail).
                    RiskKind::Lapse if !v.not_ready.is_empty() => {
                        Cell::toned(format!("✗ {}", ctx.t("report-vm-not-ready")), Tone::Bad)
                            .with_detail(format!(
                                "{} — {} ({})",
                                ctx.rules(v.not_ready.iter().copied()),
                                ctx.rule(k.rule),
                                k.from_date.map(|d| d.to_string()).unwrap_or_default()
                            ))
                    }
                    RiskKind::Lapse => Cell::toned(
                        ctx.msg(&Msg::new("audit-can-until").arg(
                            "date",
                            k.from_date.map(|d| d.to_string()).unwrap_or_default(),
                        )),
                        Tone::Warn,
                    )
                    .with_detail(ctx.rule(k.rule)),
                    RiskKind::Now | RiskKind::Failover => {
                        Cell::toned(format!("✗ {}", ctx.t("report-cannot")), Tone::Bad)
                            .with_detail(ctx.rule(k.rule))
                    }
                }
            } else if v
                .owners_unknown
                .iter()
                .any(|u| u.eq_ignore_ascii_case(n.name))
            {
                Cell::toned("?", Tone::Dim).with_detail(ctx.t("audit-can-unknown-short"))
            } else if !v.not_ready.is_empty() {
                Cell::toned(format!("✗ {}", ctx.t("report-vm-not-ready")), Tone::Bad)
                    .with_detail(ctx.rules(v.not_ready.iter().copied()))
            } else {
                Cell::toned(format!("✓ {}", ctx.t("audit-can-yes")), Tone::Good)
            };
            if runs_here {
                let here = format!("● {}", ctx.t("report-runs-here"));
                cell.detail = Some(match cell.detail.take() {
                    Some(d) => format!("{here} — {d}"),
                    None => here,
                });
            }
            row.push(cell);
        }
        row.push(if v.not_ready.is_empty() {
            Cell::toned("—", Tone::Dim)
        } else {
            Cell::toned(ctx.rules(v.not_ready.iter().copied()), Tone::Bad)
        });
        rows.push(row);
    }
    Table {
        id: Some(format!("matrix-{idx}")),
        class: Some("matrix".into()),
        caption: None,
        head,
        rows,
        row_heads: true,
    }
}

fn parse_time(s: &str) -> Option<jiff::Timestamp> {
    if let Ok(t) = s.parse::<jiff::Timestamp>() {
        return Some(t);
    }
    if let Ok(dt) = s.parse::<jiff::civil::DateTime>() {
        return jiff::tz::TimeZone::UTC.to_timestamp(dt).ok();
    }
    let d = s.get(..10)?.parse::<jiff::civil::Date>().ok()?;
    jiff::tz::TimeZone::UTC
        .to_timestamp(d.to_datetime(jiff::civil::Time::midnight()))
        .ok()
}

/// Activations and failures from the ledger, and the nodes' lapse dates, on one time axis.
fn timeline(
    ctx: &Ctx,
    model: Option<&Model>,
    r: &Audit<'_>,
    h: &Health,
    now: jiff::Timestamp,
    idx: usize,
) -> Timeline {
    let ledger = model.map(|m| {
        run_ledger(
            m,
            &LedgerOptions {
                validity_days: 7,
                at: Some(now),
            },
        )
    });
    let events: Vec<(String, jiff::Timestamp, bool, String, String)> = ledger
        .iter()
        .flat_map(|l| &l.rows)
        // A record that says neither a result nor a code is no activation and no failure.
        .filter(|row| row.outcome != avma_cluster::ledger::UNKNOWN)
        .filter_map(|row| {
            let t = parse_time(row.time.as_deref()?)?;
            let vm = row.vm.clone().unwrap_or_else(|| "?".into());
            let ok = row.outcome == "success";
            let detail = ctx.msg(
                &Msg::new(if ok {
                    "report-tl-activated"
                } else {
                    "report-tl-failed"
                })
                .arg("vm", vm.as_str())
                .arg("host", row.host.clone().unwrap_or_else(|| "?".into()))
                .arg("time", time_text(t))
                .arg("outcome", row.outcome.as_str()),
            );
            Some((vm, t, ok, detail, row.host.clone().unwrap_or_default()))
        })
        .collect();
    // The host's 12310 and the guest's 12309 tell of the same activation: once on the picture.
    let mut events = events;
    events.sort_by(|a, b| (&a.0, a.1, &a.3).cmp(&(&b.0, b.1, &b.3)));
    events.dedup_by(|a, b| a.0 == b.0 && a.1 == b.1 && a.3 == b.3);
    let day = 86_400;
    let mut start = now.as_second() - 14 * day;
    let mut end = now.as_second() + 30 * day;
    for (_, t, ..) in &events {
        start = start.min(t.as_second() - day);
    }
    for n in &h.nodes {
        if let Some(l) = n.lapse {
            end = end.max(l.as_second() + 3 * day);
        }
    }
    // Keep the picture readable: at most two years across.
    start = start.max(now.as_second() - 365 * day);
    end = end.min(now.as_second() + 365 * day);
    let start_day = start.div_euclid(day);
    let to_day = |t: jiff::Timestamp| t.as_second().div_euclid(day) - start_day;
    let days = end.div_euclid(day) - start_day;
    let step = if days > 180 {
        30
    } else if days > 60 {
        14
    } else {
        7
    };
    let ticks = (0..=days)
        .step_by(step)
        .filter_map(|d| {
            let t = jiff::Timestamp::from_second((start_day + d) * day).ok()?;
            Some((d, date_of(t).strftime("%m-%d").to_string()))
        })
        .collect();
    let mut rows = Vec::new();
    for (n, rep) in h.nodes.iter().zip(&r.nodes) {
        let mut marks = Vec::new();
        let mut spans = Vec::new();
        match n.lapse {
            Some(l) => {
                let d = to_day(l);
                spans.push((0, d, Tone::Good));
                let date = date_of(l).to_string();
                marks.push(Mark {
                    day: d,
                    tone: if l <= now { Tone::Bad } else { Tone::Warn },
                    label: date.clone(),
                    detail: ctx.msg(
                        &Msg::new("report-tl-lapse")
                            .arg("node", n.name.as_str())
                            .arg("date", date),
                    ),
                    diamond: true,
                });
            }
            None if n.activated == Some(true) => spans.push((0, days, Tone::Good)),
            None => {}
        }
        // What the node vouched for (its 12310 events, the guests' 12309 naming it).
        for (_, t, ok, detail, host) in &events {
            if host.eq_ignore_ascii_case(rep.name) {
                marks.push(Mark {
                    day: to_day(*t),
                    tone: if *ok { Tone::Good } else { Tone::Bad },
                    label: String::new(),
                    detail: detail.clone(),
                    diamond: false,
                });
            }
        }
        rows.push(TimelineRow {
            label: rep.name.to_string(),
            marks,
            spans,
        });
    }
    let mut vm_names: Vec<String> = r.vms.iter().map(|v| v.name.to_string()).collect();
    for (vm, ..) in &events {
        if !vm_names.iter().any(|x| x.eq_ignore_ascii_case(vm)) {
            vm_names.push(vm.clone());
        }
    }
    for name in vm_names {
        let mut marks: Vec<Mark> = events
            .iter()
            .filter(|(vm, ..)| vm.eq_ignore_ascii_case(&name))
            .map(|(_, t, ok, detail, _)| Mark {
                day: to_day(*t),
                tone: if *ok { Tone::Good } else { Tone::Bad },
                label: String::new(),
                detail: detail.clone(),
                diamond: false,
            })
            .collect();
        if let Some(v) = r.vms.iter().find(|v| v.name.eq_ignore_ascii_case(&name)) {
            for k in r.risks_of(v).iter().filter(|k| k.kind == RiskKind::Lapse) {
                let Some(d) = k.from_date else { continue };
                let Ok(z) = jiff::tz::TimeZone::UTC
                    .to_timestamp(d.to_datetime(jiff::civil::Time::midnight()))
                else {
                    continue;
                };
                marks.push(Mark {
                    day: to_day(z),
                    tone: Tone::Warn,
                    label: String::new(),
                    detail: ctx.msg(
                        &Msg::new("audit-risk-lapse")
                            .arg("vm", k.vm)
                            .arg("node", k.node)
                            .arg("rule", ctx.rule(k.rule))
                            .arg("date", d.to_string()),
                    ),
                    diamond: true,
                });
            }
        }
        if let Some(last) = marks
            .iter_mut()
            .filter(|m| !m.diamond)
            .max_by_key(|m| m.day)
        {
            last.label = ctx.t(if last.tone == Tone::Good {
                "report-tl-last-ok"
            } else {
                "report-tl-last-failed"
            });
        }
        rows.push(TimelineRow {
            label: name,
            marks,
            spans: Vec::new(),
        });
    }
    Timeline {
        id: Some(format!("timeline-{idx}")),
        caption: String::new(),
        days,
        ticks,
        now: Some((to_day(now), ctx.t("report-now"))),
        rows,
        legend: vec![
            (Tone::Good, ctx.t("report-legend-activated")),
            (Tone::Bad, ctx.t("report-legend-failed")),
            (Tone::Warn, ctx.t("report-legend-lapse")),
        ],
    }
}

/// A fix of the audit in words, and its commands (the audit's own wording).
fn fix_text(ctx: &Ctx, f: &Fix<'_>) -> (String, Vec<String>) {
    let (m, cmds) = super::cluster::fix_msg(ctx, f);
    // Placeholders in the reader's language.
    let cmds = if ctx.lang() == avma_core::text::Lang::En {
        cmds.to_vec()
    } else {
        ctx.fix_commands(f.judged()).0
    };
    (ctx.msg(&m), cmds)
}

fn role_label(ctx: &Ctx, m: &Machine) -> String {
    ctx.t(match m.role {
        Role::Host => "evidence-role-host",
        Role::Guest => "evidence-role-guest",
        Role::Unknown => "evidence-role-unknown",
    })
}

/// What was collected about one machine: a row per fact, with where it was seen.
fn facts_table(ctx: &Ctx, m: &Machine) -> Table {
    let cat = ctx.cat;
    let mut rows: Vec<Vec<Cell>> = Vec::new();
    let mut row = |label: &str, value: String, at: String| {
        rows.push(vec![
            Cell::new(ctx.t(label)),
            Cell::new(value),
            Cell::toned(at, Tone::Dim),
        ]);
    };
    let at = |from: &[avma_evidence::observe::Provenance]| {
        let mut l: Vec<String> = from.iter().take(2).map(|f| f.label()).collect();
        if from.len() > 2 {
            l.push(format!("+{}", from.len() - 2));
        }
        l.join(", ")
    };
    for b in &m.builds {
        let v = cat
            .version_by_build(b.value)
            .map(|v| v.name.clone())
            .unwrap_or_else(|| "?".into());
        row(
            "evidence-version",
            format!("{v} ({})", b.value),
            at(&b.from),
        );
    }
    for e in &m.editions {
        row("evidence-edition", e.edition.clone(), e.from.label());
    }
    for p in &m.products {
        let f = &p.facts;
        let (status, key) = super::evidence::product_status_and_key(ctx, cat, p);
        row(
            "evidence-product",
            format!(
                "{} | {} | {} | {}",
                f.edition.as_deref().or(f.name.as_deref()).unwrap_or("?"),
                f.channel.as_deref().unwrap_or("?"),
                key,
                status
            ),
            p.from.label(),
        );
        if let Some(g) = f.grace_minutes.filter(|g| *g > 0) {
            row(
                "evidence-grace",
                ctx.msg(
                    &avma_core::text::Msg::new("value-minutes-days")
                        .arg("minutes", g.to_string())
                        .arg(
                            "days",
                            super::evidence::days_of(g, f.grace_days).to_string(),
                        ),
                ),
                p.from.label(),
            );
        }
        if let Some(e) = &f.evaluation_end {
            row("evidence-eval-end", e.clone(), p.from.label());
        }
        if !f.avma.is_empty() {
            row(
                "evidence-avma-host",
                format!(
                    "{} @ {}{}",
                    match (&f.avma.host_machine_name, f.avma.host_redacted) {
                        (Some(h), _) => h.clone(),
                        (None, true) => ctx.t("evidence-redacted"),
                        (None, false) => "?".into(),
                    },
                    f.avma.activation_time.as_deref().unwrap_or("?"),
                    if f.avma_left_over() {
                        format!(
                            " ({})",
                            ctx.msg(
                                &avma_core::text::Msg::new("evidence-avma-left-over")
                                    .arg("channel", f.channel.clone().unwrap_or_default())
                            )
                        )
                    } else {
                        String::new()
                    }
                ),
                p.from.label(),
            );
        }
    }
    for e in &m.errors {
        row(
            "evidence-error",
            format!("{} ({})", e.code, e.tool),
            e.from.label(),
        );
    }
    for s in &m.integration_services {
        row(
            "evidence-integration",
            format!(
                "{} {}: {}",
                s.value.vm.as_deref().unwrap_or("?"),
                s.value.name.as_deref().unwrap_or("?"),
                match s.value.enabled {
                    Some(true) => ctx.t("value-enabled"),
                    Some(false) => ctx.t("value-disabled"),
                    None => "?".to_string(),
                }
            ),
            at(&s.from),
        );
    }
    for v in &m.vms {
        row(
            "evidence-vm",
            format!(
                "{} {}",
                v.value.name,
                v.value.state.as_deref().map_or(String::new(), |st| ctx
                    .msg(&Msg::new("vm-state").arg("state", st)))
            ),
            at(&v.from),
        );
    }
    if !m.events.is_empty() {
        let first = m.events.first().map(|e| at(&e.from)).unwrap_or_default();
        row(
            "report-events",
            ctx.msg(&Msg::new("report-events-n").arg("n", m.events.len() as i64)),
            first,
        );
    }
    Table {
        id: None,
        class: Some("facts".into()),
        caption: None,
        head: vec![
            Cell::new(ctx.t("report-col-fact")),
            Cell::new(ctx.t("report-col-value")),
            Cell::new(ctx.t("col-evidence")),
        ],
        rows,
        row_heads: false,
    }
}

fn next_lapse(h: &Health) -> Option<&check::NodeHealth> {
    h.nodes
        .iter()
        .filter(|n| n.days_left.is_some())
        .min_by_key(|n| n.days_left)
}

fn cluster_section(
    ctx: &Ctx,
    doc: &mut Doc,
    m: &Member,
    h: &Health,
    lim: Limits,
    now: jiff::Timestamp,
    idx: usize,
) {
    let r = check::audit_of(ctx, m, lim, now);
    doc.heading_id(
        1,
        ctx.msg(&Msg::new("report-cluster").arg("cluster", m.label.as_str())),
        &format!("cluster-{idx}"),
    );
    let findings = m.model.as_ref().map(|model| {
        let mut d = diagnose(
            model,
            &check::diagnosis_options(m, model, lim, now),
            ctx.cat,
        );
        // Placeholders of the fixes in the reader's language.
        for f in &mut d.findings {
            ctx.localize_fix(f);
        }
        d
    });
    let (errors, warnings, _) = findings
        .as_ref()
        .map(|d| crate::render::counts(&d.findings))
        .unwrap_or_default();
    let next = next_lapse(h);
    doc.push(Block::Stats(vec![
        (
            ctx.t("report-stat-state"),
            state_label(ctx, h.state),
            state_tone(h.state),
        ),
        (
            ctx.t("report-stat-nodes"),
            h.nodes.len().to_string(),
            Tone::Plain,
        ),
        (
            ctx.t("report-stat-vms"),
            h.vms.len().to_string(),
            Tone::Plain,
        ),
        (
            ctx.t("report-stat-at-risk"),
            h.vms_at_risk.to_string(),
            if h.vms_at_risk > 0 {
                Tone::Bad
            } else {
                Tone::Good
            },
        ),
        (
            match next {
                Some(n) => ctx.msg(
                    &Msg::new("report-stat-next-lapse-of-from-today").arg("node", n.name.as_str()),
                ),
                None => ctx.t("report-stat-next-lapse-from-today"),
            },
            match next {
                Some(n) => days_text(ctx, n.days_left.unwrap_or(0)),
                None => "—".into(),
            },
            next.map_or(Tone::Good, |n| state_tone(n.state)),
        ),
        (
            ctx.t("report-stat-findings"),
            format!("{errors} / {warnings}"),
            if errors > 0 {
                Tone::Bad
            } else if warnings > 0 {
                Tone::Warn
            } else {
                Tone::Good
            },
        ),
    ]));
    let inputs = m.results.len();
    let unreadable = m.results.iter().filter(|r| !r.readable).count();
    let mut fields = vec![
        Field {
            key: ctx.t("report-as-of"),
            value: match m.as_of {
                Some(t) => plain(time_text(t)),
                None => toned(ctx.t("report-unknown-time"), Tone::Warn),
            },
        },
        Field {
            key: ctx.t("report-age"),
            value: match h.age_seconds {
                Some(a) => toned(
                    age_text(ctx, a),
                    if a > i64::from(lim.max_age_hours) * 3600 {
                        Tone::Warn
                    } else {
                        Tone::Plain
                    },
                ),
                None => toned("?", Tone::Warn),
            },
        },
        Field {
            key: ctx.t("report-judged-at"),
            value: plain(time_text(now)),
        },
        // One page, two clocks: say which countdown counts from where.
        Field {
            key: ctx.t("report-countdowns"),
            value: plain(ctx.t("report-countdowns-basis")),
        },
    ];
    if inputs > 0 {
        fields.push(Field {
            key: ctx.t("report-inputs"),
            value: toned(
                ctx.msg(
                    &Msg::new("report-inputs-n")
                        .arg("n", inputs as i64)
                        .arg("bad", unreadable as i64),
                ),
                if unreadable > 0 {
                    Tone::Warn
                } else {
                    Tone::Plain
                },
            ),
        });
    }
    if !r.mixed_versions.is_empty() {
        let v: Vec<String> = r
            .mixed_versions
            .iter()
            .map(|(v, n)| format!("{v} ×{n}"))
            .collect();
        fields.push(Field {
            key: ctx.t("report-mixed"),
            value: toned(
                ctx.msg(&Msg::new("audit-mixed").arg("versions", v.join(&ctx.t("list-separator")))),
                Tone::Warn,
            ),
        });
    }
    doc.push(Block::Fields(fields));
    let reasons: Vec<Vec<Span>> = h
        .reasons
        .iter()
        .map(|(s, t)| {
            vec![
                // The state in words (check's status line keeps CRITICAL/WARNING for monitoring).
                Span::new(state_label(ctx, *s), state_tone(*s)),
                Span::plain(format!("  {t}")),
            ]
        })
        .collect();
    if !reasons.is_empty() {
        doc.push(Block::List(reasons));
    }

    doc.heading(2, ctx.t("audit-nodes"));
    doc.push(Block::Table(node_table(ctx, &r, h, idx)));

    doc.heading(2, ctx.t("report-matrix"));
    if r.vms.is_empty() {
        doc.para(toned(ctx.t("report-no-vms"), Tone::Dim));
    } else {
        doc.para(toned(ctx.t("report-matrix-help"), Tone::Dim));
        doc.push(Block::Table(matrix(ctx, &r, idx)));
    }

    doc.heading(2, ctx.t("report-timeline"));
    doc.push(Block::Figure(Figure::Timeline(timeline(
        ctx,
        m.model.as_ref(),
        &r,
        h,
        now,
        idx,
    ))));

    doc.heading(2, ctx.t("report-findings"));
    match &findings {
        Some(d) if !d.findings.is_empty() => {
            for f in &d.findings {
                doc.push(Block::Finding(crate::document::finding_block(ctx, f, true)));
            }
        }
        Some(_) => {
            doc.para(toned(ctx.t("diag-all-healthy"), Tone::Good));
        }
        None => {
            doc.para(toned(ctx.t("report-no-evidence-findings"), Tone::Dim));
        }
    }
    if !r.fixes.is_empty() {
        doc.heading(3, ctx.t("audit-fixes"));
        for f in r.fixes.iter().take(50) {
            let (text, cmds) = fix_text(ctx, f);
            doc.push(Block::Code(avma_render::Commands {
                label: text,
                lang: "powershell".into(),
                lines: cmds.to_vec(),
            }));
        }
    }

    if let Some(model) = &m.model {
        doc.heading(2, ctx.t("report-facts"));
        for mach in &model.machines {
            doc.heading(3, format!("{} ({})", mach.name, role_label(ctx, mach)));
            doc.push(Block::Table(facts_table(ctx, mach)));
        }
    }
}

/// The report of every cluster of the inputs, as a document.
pub fn document(
    ctx: &Ctx,
    members: &[Member],
    healths: &[Health],
    lim: Limits,
    now: jiff::Timestamp,
) -> Doc {
    let mut doc = Doc::new(ctx.t("report-title"), crate::document::lang_tag(ctx));
    doc.para(vec![
        Span::plain(
            ctx.msg(
                &Msg::new("report-intro")
                    .arg("clusters", members.len() as i64)
                    .arg("time", time_text(now)),
            ),
        ),
        Span::new(format!("  avma {}", env!("CARGO_PKG_VERSION")), Tone::Dim),
    ]);
    if members.len() > 1 {
        doc.heading_id(1, ctx.t("report-fleet"), "fleet");
        let head = [
            "report-col-cluster",
            "report-stat-state",
            "report-stat-nodes",
            "report-stat-vms",
            "report-stat-at-risk",
            "report-stat-next-lapse-from-today",
            "report-age",
        ]
        .iter()
        .map(|id| Cell::new(ctx.t(id)))
        .collect();
        let rows = healths
            .iter()
            .map(|h| {
                let next = next_lapse(h);
                vec![
                    Cell::new(h.cluster.as_str()),
                    Cell::toned(state_label(ctx, h.state), state_tone(h.state)),
                    Cell::new(h.nodes.len().to_string()),
                    Cell::new(h.vms.len().to_string()),
                    Cell::toned(
                        h.vms_at_risk.to_string(),
                        if h.vms_at_risk > 0 {
                            Tone::Bad
                        } else {
                            Tone::Good
                        },
                    ),
                    match next {
                        Some(n) => Cell::toned(
                            format!("{} · {}", days_text(ctx, n.days_left.unwrap_or(0)), n.name),
                            state_tone(n.state),
                        ),
                        None => Cell::new("—"),
                    },
                    Cell::new(
                        h.age_seconds
                            .map(|a| age_text(ctx, a))
                            .unwrap_or("?".into()),
                    ),
                ]
            })
            .collect();
        doc.push(Block::Table(Table {
            id: Some("fleet-table".into()),
            class: None,
            caption: None,
            head,
            rows,
            row_heads: true,
        }));
    }
    for (i, (m, h)) in members.iter().zip(healths).enumerate() {
        cluster_section(ctx, &mut doc, m, h, lim, now, i + 1);
    }
    doc
}

pub fn run(ctx: &mut Ctx, a: &ReportArgs) -> u8 {
    let Some(now) = fleet::now(ctx, a.now.as_deref()) else {
        return EXIT_INPUT;
    };
    let lim = Limits {
        warn_days: a.warn_days.max(a.crit_days),
        crit_days: a.crit_days,
        max_age_hours: 25,
    };
    let members = fleet::load(ctx, &a.paths);
    if !members.iter().any(|m| m.readable) {
        // Inputs were given, but none could be read (each said why above): not "give one".
        let m = ctx.t(if a.paths.is_empty() {
            "evidence-no-input"
        } else {
            "report-nothing-readable"
        });
        ctx.problem("report", &m);
        return EXIT_INPUT;
    }
    let healths = check::healths(ctx, &members, lim, now);
    let doc = document(ctx, &members, &healths, lim, now);
    let format = a.format.unwrap_or_else(|| {
        match a
            .output
            .as_ref()
            .and_then(|p| p.extension())
            .map(|e| e.to_string_lossy().to_ascii_lowercase())
            .as_deref()
        {
            Some("md" | "markdown") => ReportFormat::Md,
            Some("txt" | "text") => ReportFormat::Text,
            _ => ReportFormat::Html,
        }
    });
    match format {
        ReportFormat::Html => {
            let s = avma_render::html::print(&doc);
            ctx.print(&s);
        }
        ReportFormat::Md => crate::document::markdown(ctx, &doc),
        ReportFormat::Text => crate::document::text(ctx, &doc),
    }
    if let Some(p) = &a.output {
        ctx.write_to(p.clone(), false);
    }
    if members.iter().any(|m| m.unreadable) {
        EXIT_INPUT
    } else if healths.iter().any(|h| h.state != State::Ok) {
        EXIT_FINDINGS
    } else {
        EXIT_OK
    }
}
