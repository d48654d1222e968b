//! `avma check`: the cluster's health for monitoring. One status line with perfdata and the
//! Monitoring Plugins exit codes (0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN), Checkmk local-check
//! lines, or Prometheus gauges for windows_exporter's textfile collector.
//!
//! Unreadable or stale evidence is never OK: nothing readable is UNKNOWN, a part unreadable or
//! evidence older than `--max-age` is at least WARNING.

use avma_cluster::audit::{audit as run_audit, Audit, AuditOptions, RiskKind};
use avma_core::text::Msg;
use avma_diagnose::{diagnose, Options};
use avma_evidence::asof::{AsOf, AsOfSource};
use avma_evidence::model::Model;
use avma_render::prometheus::{Family, Sample};

use super::fleet::{self, Member};
use crate::cli::{CheckArgs, CheckFormat};
use crate::out::Ctx;

/// A monitoring state. `Ord` is by urgency: CRITICAL above UNKNOWN above WARNING above OK.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum State {
    Ok,
    Warning,
    Critical,
    Unknown,
}

impl State {
    pub fn code(self) -> u8 {
        match self {
            State::Ok => 0,
            State::Warning => 1,
            State::Critical => 2,
            State::Unknown => 3,
        }
    }
    pub fn word(self) -> &'static str {
        match self {
            State::Ok => "OK",
            State::Warning => "WARNING",
            State::Critical => "CRITICAL",
            State::Unknown => "UNKNOWN",
        }
    }
    fn rank(self) -> u8 {
        match self {
            State::Ok => 0,
            State::Warning => 1,
            State::Unknown => 2,
            State::Critical => 3,
        }
    }
    /// The state a finding of this severity puts a check in: error critical, warning warning.
    pub fn of_severity(s: avma_core::rules::Severity) -> State {
        match s {
            avma_core::rules::Severity::Error => State::Critical,
            avma_core::rules::Severity::Warning => State::Warning,
            avma_core::rules::Severity::Info => State::Ok,
        }
    }

    pub fn worst(self, other: State) -> State {
        if other.rank() > self.rank() {
            other
        } else {
            self
        }
    }
}

/// One node as monitoring sees it.
pub struct NodeHealth {
    pub name: String,
    pub activated: Option<bool>,
    pub datacenter: Option<bool>,
    pub lapse: Option<jiff::Timestamp>,
    pub days_left: Option<i64>,
    pub state: State,
}

/// One VM as monitoring sees it.
pub struct VmHealth {
    pub name: String,
    pub activated: Option<bool>,
    /// Every possible owner can activate it now (and the VM itself is ready).
    pub all_owners_ok: bool,
    /// Possible owners that cannot activate it, or only until their licence lapses.
    pub owners_blocking: usize,
    pub at_risk: bool,
}

/// One cluster's health: its state, the sentences that explain it (worst first), per node and VM.
pub struct Health {
    pub cluster: String,
    pub state: State,
    pub reasons: Vec<(State, String)>,
    pub nodes: Vec<NodeHealth>,
    pub vms: Vec<VmHealth>,
    pub vms_at_risk: usize,
    pub age_seconds: Option<i64>,
}

/// Thresholds of a check.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub warn_days: u32,
    pub crit_days: u32,
    pub max_age_hours: u32,
}

/// The audit of a cluster, judged at its evidence time (lapse dates count from it).
pub fn audit_of<'a>(ctx: &Ctx, m: &'a Member, lim: Limits, now: jiff::Timestamp) -> Audit<'a> {
    run_audit(
        &m.inventory,
        &AuditOptions {
            warn_days: lim.warn_days,
            critical_days: lim.crit_days.min(lim.warn_days),
            at: Some(m.as_of.unwrap_or(now)),
        },
        ctx.cat,
    )
}

/// The diagnosis options of a cluster: judged at the time its audit is judged at (the member's
/// evidence time, else `now`), with where that time was read when the evidence tells the same
/// time, and `now` as the clock that says how old it is (evidence-stale).
pub fn diagnosis_options(m: &Member, model: &Model, lim: Limits, now: jiff::Timestamp) -> Options {
    let read = super::asof::resolve(model, &m.results);
    let as_of = match m.as_of {
        _ if read.source == AsOfSource::Given => read,
        Some(t) if t == read.time => read,
        Some(t) => AsOf {
            time: t,
            source: if model.machines.iter().any(|x| !x.collected.is_empty()) {
                AsOfSource::Collected
            } else {
                AsOfSource::FileTime
            },
            from: None,
        },
        None => AsOf {
            time: now,
            source: AsOfSource::Clock,
            from: None,
        },
    };
    Options::at(as_of, now, lim.warn_days, lim.crit_days.min(lim.warn_days))
}

/// Judge one cluster.
pub fn health(ctx: &Ctx, m: &Member, r: &Audit<'_>, lim: Limits, now: jiff::Timestamp) -> Health {
    // Names from evidence are shown in the monitoring form (`<U+000A>`, never `\n`, which
    // Nagios and Checkmk turn back into a line break); the text views escape them alike.
    let say = |m: &Msg| {
        ctx.i18n
            .msg(&m.map_text(&|v| avma_render::escape::monitoring(v)))
    };
    let mut reasons: Vec<(State, String)> = Vec::new();
    let collected = m
        .inventory
        .collected
        .as_deref()
        .and_then(|c| c.parse::<jiff::Timestamp>().ok())
        .filter(|t| {
            t.as_second() - now.as_second() <= avma_evidence::asof::FUTURE_TOLERANCE_SECONDS
        })
        .or(m.as_of);
    let mut nodes = Vec::new();
    for n in &m.inventory.nodes {
        let Some(rep) = r
            .nodes
            .iter()
            .find(|x| x.name.eq_ignore_ascii_case(&n.name))
        else {
            continue;
        };
        let family = rep
            .edition
            .and_then(|e| ctx.cat.edition(e))
            .map(|e| e.family.as_str());
        let datacenter = family.map(|f| f == "datacenter" || f == "azure-local");
        let activated = n.license_status.map(|s| s == 1);
        let lapse = fleet::lapse_instant(n, collected.or(Some(now)));
        let days_left = lapse.map(|l| fleet::days_left(l, now));
        let mut state = State::Ok;
        if activated == Some(false) {
            state = if datacenter == Some(true) {
                State::Critical
            } else {
                State::Warning
            };
            reasons.push((
                state,
                say(&Msg::new("check-node-not-activated").arg("node", n.name.as_str())),
            ));
        } else if let Some(d) = days_left {
            let s = if d <= i64::from(lim.crit_days) {
                State::Critical
            } else if d <= i64::from(lim.warn_days) {
                State::Warning
            } else {
                State::Ok
            };
            if s != State::Ok {
                state = s;
                let msg = if d < 0 || lapse.is_some_and(|l| l <= now) {
                    Msg::new("check-node-lapsed")
                        .arg("node", n.name.as_str())
                        .arg("days", -d)
                } else {
                    Msg::new("check-node-lapses-from-now")
                        .arg("node", n.name.as_str())
                        .arg("days", d)
                };
                reasons.push((s, say(&msg)));
            }
        }
        nodes.push(NodeHealth {
            name: n.name.clone(),
            activated,
            datacenter,
            lapse,
            days_left,
            state,
        });
    }
    let node_state = |name: &str| {
        nodes
            .iter()
            .find(|n| n.name.eq_ignore_ascii_case(name))
            .map_or(State::Ok, |n| n.state)
    };
    let mut vms = Vec::new();
    let mut vm_state = State::Ok;
    for v in &r.vms {
        let risks = r.risks_of(v);
        let mut owners: Vec<&str> = risks.iter().map(|k| k.node).collect();
        owners.dedup();
        for k in risks {
            match k.kind {
                RiskKind::Now => {
                    vm_state = vm_state.worst(State::Critical);
                    reasons.push((
                        State::Critical,
                        say(&Msg::new("check-vm-now")
                            .arg("vm", k.vm)
                            .arg("node", k.node)
                            .arg("rule", ctx.rule(k.rule))),
                    ));
                }
                RiskKind::Failover => vm_state = vm_state.worst(State::Warning),
                RiskKind::Lapse => vm_state = vm_state.worst(node_state(k.node)),
            }
        }
        if !v.not_ready.is_empty() {
            // As severe as the worst of its rules in the registry (AV202 is an error).
            let s = v
                .not_ready
                .iter()
                .map(|r| State::of_severity(r.severity))
                .fold(State::Ok, State::worst);
            vm_state = vm_state.worst(s);
            let rules = ctx.rules(v.not_ready.iter().copied());
            reasons.push((
                s,
                say(&Msg::new("check-vm-not-ready")
                    .arg("vm", v.name)
                    .arg("rules", rules)),
            ));
        }
        let inv_vm = m
            .inventory
            .vms
            .iter()
            .find(|x| x.name.eq_ignore_ascii_case(v.name));
        vms.push(VmHealth {
            name: v.name.to_string(),
            activated: inv_vm.and_then(|x| x.license_status).map(|s| s == 1),
            all_owners_ok: risks.is_empty()
                && v.owners_unknown.is_empty()
                && v.not_ready.is_empty(),
            owners_blocking: owners.len(),
            at_risk: !risks.is_empty() || !v.not_ready.is_empty(),
        });
    }
    let vms_at_risk = vms.iter().filter(|v| v.at_risk).count();
    if vms_at_risk > 0 {
        reasons.push((
            vm_state,
            say(&Msg::new("check-vms-at-risk").arg("n", vms_at_risk as i64)),
        ));
    }
    for p in r.problems.iter().filter(|p| p.error) {
        reasons.push((
            State::Warning,
            say(&Msg::new("audit-problem")
                .arg("field", p.field.as_str())
                .arg("message", format!("{}: {}", p.item, say(&p.msg)))),
        ));
    }
    // The evidence itself: its own times first (in the future, contradicted by its events).
    let mut doubts: Vec<avma_evidence::asof::Doubt> = m
        .model
        .as_ref()
        .map(|model| avma_evidence::asof::doubts(model, Some(now)))
        .unwrap_or_default();
    if let Some(t) = m
        .inventory
        .collected
        .as_deref()
        .and_then(avma_evidence::asof::parse_time)
        .filter(|t| t.as_second() - now.as_second() > avma_evidence::asof::FUTURE_TOLERANCE_SECONDS)
    {
        doubts.push(avma_evidence::asof::Doubt::Future {
            time: t,
            clock: now,
            from: None,
        });
    }
    for d in &doubts {
        reasons.push((State::Warning, say(&super::asof::doubt_msg(d))));
    }
    let age_seconds = m.as_of.map(|t| now.as_second() - t.as_second());
    if !m.readable {
        reasons.push((State::Unknown, ctx.t("check-nothing")));
    } else {
        if m.unreadable {
            let n = m.results.iter().filter(|r| !r.readable).count().max(1);
            reasons.push((
                State::Warning,
                say(&Msg::new("check-unreadable").arg("n", n as i64)),
            ));
        }
        match age_seconds {
            Some(a) if a > i64::from(lim.max_age_hours) * 3600 => reasons.push((
                State::Warning,
                say(&Msg::new("check-stale")
                    .arg("hours", a / 3600)
                    .arg("max", i64::from(lim.max_age_hours))),
            )),
            Some(_) => {
                // Older than the diagnosis' warning window but within --max-age: the
                // diagnosis' own finding (evidence-stale) says so.
                if let Some(model) = &m.model {
                    let d = diagnose(model, &diagnosis_options(m, model, lim, now), ctx.cat);
                    for f in d
                        .findings
                        .iter()
                        .filter(|f| f.rule.code == avma_core::rules::EVIDENCE_STALE.code)
                    {
                        reasons.push((State::Warning, say(&f.message)));
                    }
                }
            }
            None => reasons.push((State::Warning, ctx.t("check-no-time"))),
        }
        if nodes.is_empty() {
            reasons.push((State::Unknown, ctx.t("check-no-nodes")));
        }
    }
    let state = reasons
        .iter()
        .fold(State::Ok, |acc, (s, _)| acc.worst(*s))
        .worst(node_worst(&nodes));
    // Worst first, the order of discovery kept among equals.
    reasons.sort_by_key(|(s, _)| std::cmp::Reverse(s.rank()));
    Health {
        cluster: m.label.clone(),
        state,
        reasons,
        nodes,
        vms,
        vms_at_risk,
        age_seconds,
    }
}

fn node_worst(nodes: &[NodeHealth]) -> State {
    nodes.iter().fold(State::Ok, |acc, n| acc.worst(n.state))
}

/// A perfdata label: quoted, `'` doubled, `=` and control characters replaced.
fn perf_label(s: &str) -> String {
    let clean: String = avma_render::escape::one_line(s)
        .chars()
        .map(|c| if c == '=' { '_' } else { c })
        .collect();
    format!("'{}'", clean.replace('\'', "''"))
}

/// The status line, perfdata and long text of the Monitoring Plugins guidelines.
pub fn nagios(ctx: &Ctx, all: &[Health], lim: Limits) -> String {
    let state = all.iter().fold(State::Ok, |acc, h| acc.worst(h.state));
    let fleet = all.len() > 1;
    let mut summary: Vec<String> = Vec::new();
    for h in all {
        let shown: Vec<&String> = h
            .reasons
            .iter()
            .filter(|(s, _)| *s != State::Ok)
            .filter(|(s, _)| !fleet || *s == h.state)
            .map(|(_, t)| t)
            .collect();
        // The nodes, then the VM count: the sentences a pager shows.
        let mut line: Vec<String> = shown.iter().take(3).map(|t| t.to_string()).collect();
        if line.is_empty() {
            line.push(
                ctx.msg(
                    &Msg::new("check-ok")
                        .arg("nodes", h.nodes.len() as i64)
                        .arg("vms", h.vms.len() as i64),
                ),
            );
        }
        let s = line.join(&ctx.t("check-clause-separator"));
        summary.push(if fleet {
            format!("{}: {s}", h.cluster)
        } else {
            s
        });
    }
    let mut perf: Vec<String> = Vec::new();
    for h in all {
        let prefix = if fleet {
            format!("{}/", h.cluster)
        } else {
            String::new()
        };
        for n in &h.nodes {
            if let Some(d) = n.days_left {
                perf.push(format!(
                    "{}={d};{};{};0",
                    perf_label(&format!("{prefix}{}_days_left", n.name)),
                    lim.warn_days,
                    lim.crit_days
                ));
            }
        }
        perf.push(format!(
            "{}={};;;0",
            perf_label(&format!("{prefix}nodes")),
            h.nodes.len()
        ));
        perf.push(format!(
            "{}={};;;0",
            perf_label(&format!("{prefix}vms")),
            h.vms.len()
        ));
        perf.push(format!(
            "{}={};;;0",
            perf_label(&format!("{prefix}vms_at_risk")),
            h.vms_at_risk
        ));
        if let Some(a) = h.age_seconds {
            perf.push(format!(
                "{}={}s;{};;0",
                perf_label(&format!("{prefix}evidence_age")),
                a.max(0),
                i64::from(lim.max_age_hours) * 3600
            ));
        }
    }
    let head = avma_render::escape::monitoring(&summary.join(&ctx.t("check-clause-separator")))
        .replace('|', "/");
    let mut out = format!("AVMA {} - {head} | {}\n", state.word(), perf.join(" "));
    // Long text: every reason, one per line, worst first.
    for h in all {
        for (s, t) in &h.reasons {
            let t = avma_render::escape::monitoring(t).replace('|', "/");
            if fleet {
                out.push_str(&format!("{} {}: {t}\n", s.word(), h.cluster));
            } else {
                out.push_str(&format!("{} {t}\n", s.word()));
            }
        }
    }
    out
}

/// Checkmk's text of a service: [`avma_render::escape::monitoring`], and `|` (which starts
/// metrics) as `/`, as the Nagios output writes it.
fn checkmk_text(s: &str) -> String {
    avma_render::escape::monitoring(s).replace('|', "/")
}

/// A Checkmk service name: no blanks, no control characters.
fn service(s: &str) -> String {
    avma_render::escape::monitoring(s)
        .chars()
        .map(|c| if c.is_whitespace() { '_' } else { c })
        .collect()
}

/// Checkmk local checks: one service per cluster and one per node,
/// `<status> <service> <metrics> <text>`.
pub fn checkmk(ctx: &Ctx, all: &[Health], lim: Limits) -> String {
    let fleet = all.len() > 1;
    let mut out = String::new();
    for h in all {
        let metrics = format!(
            "nodes={}|vms={}|vms_at_risk={}{}",
            h.nodes.len(),
            h.vms.len(),
            h.vms_at_risk,
            h.age_seconds
                .map(|a| format!(
                    "|evidence_age={};{}",
                    a.max(0),
                    i64::from(lim.max_age_hours) * 3600
                ))
                .unwrap_or_default()
        );
        let text: Vec<String> = h
            .reasons
            .iter()
            .filter(|(s, _)| *s != State::Ok)
            .map(|(_, t)| checkmk_text(t))
            .collect();
        let text = if text.is_empty() {
            ctx.msg(
                &Msg::new("check-ok")
                    .arg("nodes", h.nodes.len() as i64)
                    .arg("vms", h.vms.len() as i64),
            )
        } else {
            text.join(&ctx.t("check-clause-separator"))
        };
        out.push_str(&format!(
            "{} {} {metrics} {text}\n",
            h.state.code(),
            service(&format!("AVMA_{}", h.cluster))
        ));
        for n in &h.nodes {
            let name = if fleet {
                format!("AVMA_licence_{}_{}", h.cluster, n.name)
            } else {
                format!("AVMA_licence_{}", n.name)
            };
            let metrics = match n.days_left {
                Some(d) => format!("days_left={d};{};{};0", lim.warn_days, lim.crit_days),
                None => "-".into(),
            };
            let text = match (n.activated, n.days_left, n.lapse) {
                (Some(false), _, _) => {
                    ctx.msg(&Msg::new("check-node-not-activated").arg("node", n.name.as_str()))
                }
                (_, Some(d), Some(l)) => ctx.msg(
                    &Msg::new(if d < 0 {
                        "check-node-lapsed"
                    } else {
                        "check-node-lapses-from-now"
                    })
                    .arg("node", n.name.as_str())
                    .arg("days", d.abs())
                    .arg("date", l.to_string()),
                ),
                _ => ctx.msg(&Msg::new("check-node-ok").arg("node", n.name.as_str())),
            };
            out.push_str(&format!(
                "{} {} {metrics} {}\n",
                n.state.code(),
                service(&name),
                checkmk_text(&text)
            ));
        }
    }
    out
}

fn b(v: bool) -> f64 {
    if v {
        1.0
    } else {
        0.0
    }
}

/// Prometheus gauges of every cluster (label names `cluster`, `node`, `vm`).
pub fn prometheus(ctx: &Ctx, all: &[Health], now: jiff::Timestamp) -> String {
    let fam = |name: &'static str, help: &str| Family {
        name,
        help: ctx.t(help),
        samples: Vec::new(),
    };
    let mut status = fam("avma_check_status", "prom-check-status");
    let mut age = fam("avma_evidence_age_seconds", "prom-evidence-age");
    let mut activated = fam("avma_node_activated", "prom-node-activated");
    let mut dc = fam("avma_node_datacenter", "prom-node-datacenter");
    let mut days = fam("avma_node_license_seconds_left", "prom-node-seconds-left");
    let mut vm_act = fam("avma_vm_activated", "prom-vm-activated");
    let mut vm_all = fam("avma_vm_activatable_on_all_owners", "prom-vm-all-owners");
    let mut vm_block = fam("avma_vm_owners_blocking", "prom-vm-owners-blocking");
    for h in all {
        let c = || ("cluster", h.cluster.clone());
        status
            .samples
            .push(Sample::new(vec![c()], f64::from(h.state.code())));
        if let Some(a) = h.age_seconds {
            age.samples.push(Sample::new(vec![c()], a.max(0) as f64));
        }
        for n in &h.nodes {
            let l = || vec![c(), ("node", n.name.clone())];
            if let Some(a) = n.activated {
                activated.samples.push(Sample::new(l(), b(a)));
            }
            if let Some(d) = n.datacenter {
                dc.samples.push(Sample::new(l(), b(d)));
            }
            if let Some(lapse) = n.lapse {
                days.samples.push(Sample::new(
                    l(),
                    (lapse.as_second() - now.as_second()) as f64,
                ));
            }
        }
        for v in &h.vms {
            let l = || vec![c(), ("vm", v.name.clone())];
            if let Some(a) = v.activated {
                vm_act.samples.push(Sample::new(l(), b(a)));
            }
            vm_all.samples.push(Sample::new(l(), b(v.all_owners_ok)));
            vm_block
                .samples
                .push(Sample::new(l(), v.owners_blocking as f64));
        }
    }
    avma_render::prometheus::print(&[status, age, activated, dc, days, vm_act, vm_all, vm_block])
}

/// Judge every cluster of the inputs.
pub fn healths(ctx: &Ctx, members: &[Member], lim: Limits, now: jiff::Timestamp) -> Vec<Health> {
    members
        .iter()
        .map(|m| {
            let r = audit_of(ctx, m, lim, now);
            health(ctx, m, &r, lim, now)
        })
        .collect()
}

/// Write `text` to `path` whole: into a temporary file next to it, then renamed over it, so a
/// collector never reads half a file.
pub fn write_atomically(ctx: &mut Ctx, path: &std::path::Path, text: &str) -> bool {
    let text = avma_core::key::redact_text(text, ctx.cat);
    let mut tmp = path.as_os_str().to_owned();
    tmp.push(".tmp");
    let tmp = std::path::PathBuf::from(tmp);
    match std::fs::write(&tmp, text.as_bytes()).and_then(|_| std::fs::rename(&tmp, path)) {
        Ok(()) => true,
        Err(e) => {
            let _ = std::fs::remove_file(&tmp);
            ctx.problem(&path.display().to_string(), &e.to_string());
            false
        }
    }
}

pub fn run(ctx: &mut Ctx, a: &CheckArgs) -> u8 {
    let Some(now) = fleet::now(ctx, a.now.as_deref()) else {
        ctx.line("AVMA UNKNOWN - --now");
        return State::Unknown.code();
    };
    let lim = Limits {
        warn_days: a.warn_days.max(a.crit_days),
        crit_days: a.crit_days,
        max_age_hours: a.max_age,
    };
    let members = fleet::load(ctx, &a.paths);
    let all = healths(ctx, &members, lim, now);
    let state = if all.is_empty() {
        State::Unknown
    } else {
        all.iter().fold(State::Ok, |acc, h| acc.worst(h.state))
    };
    let text = match a.format {
        CheckFormat::Nagios if all.is_empty() => {
            format!("AVMA UNKNOWN - {}\n", ctx.t("check-nothing"))
        }
        CheckFormat::Nagios => nagios(ctx, &all, lim),
        CheckFormat::Checkmk => checkmk(ctx, &all, lim),
        CheckFormat::Prometheus => prometheus(ctx, &all, now),
    };
    match &a.output {
        Some(p) => {
            if !write_atomically(ctx, p, &text) {
                return State::Unknown.code();
            }
        }
        None => ctx.print(&text),
    }
    state.code()
}

/// `avma audit` of several clusters, or `--format prometheus`: each cluster audited on its own.
pub fn audit_fleet(ctx: &mut Ctx, a: &crate::cli::AuditArgs) -> u8 {
    use crate::cli::AuditFormat;
    let now = jiff::Timestamp::now();
    let members = fleet::load(ctx, &a.paths);
    if !members.iter().any(|m| m.readable) {
        let m = ctx.t(if a.paths.is_empty() {
            "evidence-no-input"
        } else {
            "report-nothing-readable"
        });
        ctx.problem("audit", &m);
        return super::EXIT_INPUT;
    }
    let lim = Limits {
        warn_days: a.warn_days,
        crit_days: 7.min(a.warn_days),
        max_age_hours: 25,
    };
    let mut findings = false;
    let mut problems = members.iter().any(|m| m.unreadable);
    let audits: Vec<Audit<'_>> = members.iter().map(|m| audit_of(ctx, m, lim, now)).collect();
    for r in &audits {
        findings |= !r.risks.is_empty() || r.vms.iter().any(|v| !v.not_ready.is_empty());
        problems |= r.problems.iter().any(|p| p.error);
        for p in &r.problems {
            let m = ctx.msg(
                &Msg::new("audit-problem")
                    .arg("field", p.field.as_str())
                    .arg("message", p.msg.clone()),
            );
            ctx.problem(&p.item, &m);
        }
    }
    match a.format {
        AuditFormat::Prometheus => {
            let all: Vec<Health> = members
                .iter()
                .zip(&audits)
                .map(|(m, r)| health(ctx, m, r, lim, now))
                .collect();
            let s = prometheus(ctx, &all, now);
            ctx.print(&s);
        }
        AuditFormat::Json => {
            let v = serde_json::json!({
                "schema": "avma.audit-fleet/1",
                "clusters": audits,
            });
            crate::out::json(ctx, &v);
        }
        f => super::cluster::render_audits(ctx, &audits, f),
    }
    if problems {
        super::EXIT_INPUT
    } else if findings {
        super::EXIT_FINDINGS
    } else {
        super::EXIT_OK
    }
}
