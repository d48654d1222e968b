//! The audit: every VM against every node it may run on.
//!
//! A node's ability to activate a guest depends only on the node (Datacenter, activated, licence
//! end) and the guest's version, so it is computed once per (node, version) into a table and looked
//! up for each VM × possible owner; only the pairs that fail become risks. The report borrows the
//! inventory's names instead of copying them, so time and memory grow with the pairs looked up and
//! the risks found, not with a stored matrix.

use std::collections::HashMap;

use serde::{Serialize, Serializer};

use avma_core::catalog::{Catalog, Edition, Version};
use avma_core::judge::{self, Channel, HostContext};
use avma_core::key::ProductKey;
use avma_core::rules::{self, Rule};
use avma_core::shell::Shell;

use crate::inventory::{resolve_edition, resolve_version, validate, Inventory, Problem, Vm};

#[derive(Debug, Clone, Copy)]
pub struct AuditOptions {
    /// A node licence ending within this many days puts its VMs at risk from that date.
    pub warn_days: u32,
    /// Within this many days the lapse is host-license-lapsing (an error), else
    /// host-license-expiring: the judge decides ([`judge::lapse_rule`]).
    pub critical_days: u32,
    /// The audit's reference time, when the inventory does not say when it was collected.
    pub at: Option<jiff::Timestamp>,
}

impl Default for AuditOptions {
    fn default() -> Self {
        AuditOptions {
            warn_days: 14,
            critical_days: judge::CRITICAL_DAYS,
            at: None,
        }
    }
}

fn ser_rule<S: Serializer>(r: &&'static Rule, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(r.name)
}

fn ser_date<S: Serializer>(d: &jiff::civil::Date, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(d)
}

fn ser_opt_date<S: Serializer>(d: &Option<jiff::civil::Date>, s: S) -> Result<S::Ok, S::Error> {
    match d {
        Some(d) => s.collect_str(d),
        None => s.serialize_none(),
    }
}

/// Can a node activate a guest?
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(tag = "can", rename_all = "kebab-case")]
pub enum Can {
    Yes,
    /// Yes, until the node's licence ends.
    Until {
        #[serde(serialize_with = "ser_date")]
        date: jiff::civil::Date,
        days: i64,
    },
    No {
        #[serde(serialize_with = "ser_rule")]
        rule: &'static Rule,
    },
    /// A fact is missing (named).
    Unknown {
        missing: &'static str,
    },
}

impl Can {
    /// The judgement's answer, with the lapse date computed from the audit's time.
    fn from_judge(c: judge::Can, lapse: Option<jiff::Timestamp>) -> Can {
        match c {
            judge::Can::Yes => Can::Yes,
            judge::Can::Until { days } => match lapse {
                Some(l) => Can::Until {
                    date: date_of(l),
                    days,
                },
                None => Can::Yes,
            },
            judge::Can::No(p) => Can::No { rule: p.rule() },
            judge::Can::Unknown(missing) => Can::Unknown { missing },
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct NodeReport<'a> {
    pub name: &'a str,
    pub version: Option<&'a str>,
    pub version_name: Option<&'a str>,
    pub edition: Option<&'a str>,
    pub license_status: Option<u32>,
    pub channel: Option<&'a str>,
    pub state: Option<&'a str>,
    /// Days until the licence lapses (negative: lapsed), when it lapses at all.
    pub lapse_days: Option<i64>,
    #[serde(serialize_with = "ser_opt_date")]
    pub lapse_date: Option<jiff::civil::Date>,
    /// For a guest of the node's own version: can this node activate AVMA guests?
    pub avma: Can,
}

#[derive(Debug, Clone, Serialize)]
pub struct VmReport<'a> {
    pub name: &'a str,
    pub version: Option<&'a str>,
    pub edition: Option<&'a str>,
    pub owner: Option<&'a str>,
    /// The nodes it may run on; null: every node (the cluster's default).
    pub possible_owners: Option<Vec<&'a str>>,
    /// Problems of the VM itself, on any node (a KMS key, an evaluation edition, ...).
    #[serde(serialize_with = "ser_rules")]
    pub not_ready: Vec<&'static Rule>,
    /// Possible owners that can activate it now (0 while the VM itself is not ready: no node
    /// can activate a VM with a KMS key).
    pub owners_ok: usize,
    /// Possible owners that can activate it once the VM itself is fixed.
    pub owners_able: usize,
    /// Possible owners whose ability cannot be judged (a fact is missing).
    pub owners_unknown: Vec<&'a str>,
    /// Its entries in `risks`.
    #[serde(skip)]
    pub risk_range: std::ops::Range<usize>,
}

fn ser_rules<S: Serializer>(r: &[&'static Rule], s: S) -> Result<S::Ok, S::Error> {
    s.collect_seq(r.iter().map(|r| r.name))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum RiskKind {
    /// It runs now on a node that cannot activate it.
    Now,
    /// It would lose activation on failover to the node.
    Failover,
    /// It loses activation on the node from the date its licence lapses.
    Lapse,
}

#[derive(Debug, Clone, Serialize)]
pub struct Risk<'a> {
    pub vm: &'a str,
    pub node: &'a str,
    pub kind: RiskKind,
    #[serde(serialize_with = "ser_rule")]
    pub rule: &'static Rule,
    #[serde(serialize_with = "ser_opt_date")]
    pub from_date: Option<jiff::civil::Date>,
}

#[derive(Debug, Clone, Serialize)]
#[serde(tag = "fix", rename_all = "kebab-case")]
pub enum Fix<'a> {
    /// Repair the node (activate, renew, convert, upgrade): helps every VM it blocks.
    Node {
        node: &'a str,
        #[serde(serialize_with = "ser_rule")]
        rule: &'static Rule,
        helps: usize,
        /// PowerShell.
        commands: Vec<String>,
        /// The same for cmd.exe.
        commands_cmd: Vec<String>,
        /// The commands before rendering (for printers that name placeholders in their
        /// language).
        #[serde(skip)]
        judged: judge::Fix,
    },
    /// Move the VM off a node that cannot activate it, now.
    Move {
        vm: &'a str,
        from: &'a str,
        to: &'a str,
        /// PowerShell.
        commands: Vec<String>,
        /// The same for cmd.exe.
        commands_cmd: Vec<String>,
        /// The commands before rendering (for printers that name placeholders in their
        /// language).
        #[serde(skip)]
        judged: judge::Fix,
    },
    /// Keep these VMs on the nodes that can activate them (one fix per set of such nodes).
    LimitOwners {
        vms: Vec<&'a str>,
        owners: Vec<&'a str>,
        /// PowerShell.
        commands: Vec<String>,
        /// The same for cmd.exe.
        commands_cmd: Vec<String>,
        /// The commands before rendering (for printers that name placeholders in their
        /// language).
        #[serde(skip)]
        judged: judge::Fix,
    },
    /// Repair the VM itself (its key, edition, Data Exchange).
    Vm {
        vm: &'a str,
        #[serde(serialize_with = "ser_rule")]
        rule: &'static Rule,
        /// PowerShell.
        commands: Vec<String>,
        /// The same for cmd.exe.
        commands_cmd: Vec<String>,
        /// The commands before rendering (for printers that name placeholders in their
        /// language).
        #[serde(skip)]
        judged: judge::Fix,
    },
}

#[derive(Debug, Clone, Serialize)]
pub struct Audit<'a> {
    pub schema: &'static str,
    pub cluster: Option<&'a str>,
    pub at: Option<String>,
    pub nodes: Vec<NodeReport<'a>>,
    pub vms: Vec<VmReport<'a>>,
    pub risks: Vec<Risk<'a>>,
    pub fixes: Vec<Fix<'a>>,
    /// Node versions when they differ (a rolling upgrade): (version id, count).
    pub mixed_versions: Vec<(&'a str, usize)>,
    pub problems: Vec<Problem>,
}

impl<'a> Audit<'a> {
    /// The risks of one VM.
    pub fn risks_of(&self, vm: &VmReport<'a>) -> &[Risk<'a>] {
        self.risks.get(vm.risk_range.clone()).unwrap_or(&[])
    }
}

fn add_minutes(at: jiff::Timestamp, minutes: i64) -> Option<jiff::Timestamp> {
    at.checked_add(jiff::SignedDuration::from_secs(minutes.saturating_mul(60)))
        .ok()
}

fn date_of(t: jiff::Timestamp) -> jiff::civil::Date {
    jiff::tz::TimeZone::UTC.to_datetime(t).date()
}

struct NodeCap<'a> {
    report: NodeReport<'a>,
    host: judge::Host<'a>,
    base: judge::Can,
    lapse: Option<jiff::Timestamp>,
}

impl Fix<'_> {
    /// The judgement's commands of this fix, before rendering.
    pub fn judged(&self) -> &judge::Fix {
        match self {
            Fix::Node { judged, .. }
            | Fix::Move { judged, .. }
            | Fix::LimitOwners { judged, .. }
            | Fix::Vm { judged, .. } => judged,
        }
    }
}

/// A judgement fix rendered for the audit's JSON: PowerShell and cmd.
fn rendered(f: &judge::Fix) -> (Vec<String>, Vec<String>) {
    (
        f.ps.iter()
            .map(|c| c.render(Shell::PowerShell).text)
            .collect(),
        f.cmd.iter().map(|c| c.render(Shell::Cmd).text).collect(),
    )
}

/// Audit an inventory.
pub fn audit<'a>(inv: &'a Inventory, opts: &AuditOptions, cat: &'a Catalog) -> Audit<'a> {
    let problems = validate(inv, cat);
    let at = inv
        .collected
        .as_deref()
        .and_then(|c| c.parse::<jiff::Timestamp>().ok())
        .or(opts.at);
    let bad_items: std::collections::HashSet<String> = problems
        .iter()
        .filter(|p| p.error)
        .map(|p| p.item.to_ascii_uppercase())
        .collect();
    let bad_item =
        |name: &str| !bad_items.is_empty() && bad_items.contains(&name.to_ascii_uppercase());

    let caps = node_caps(inv, opts, cat, at, &bad_item);
    let node_index: HashMap<String, usize> = caps
        .iter()
        .enumerate()
        .map(|(i, c)| (c.report.name.to_ascii_uppercase(), i))
        .collect();
    // (node, guest version slot × Azure Edition or not) -> Can; the last version slot stands for
    // an unknown guest version.
    let versions = &cat.versions;
    let azure_edition = cat.edition("ServerTurbine");
    let table: Vec<Vec<Can>> = caps
        .iter()
        .map(|c| {
            (0..=versions.len())
                .flat_map(|vi| {
                    [None, azure_edition].map(|ge| {
                        Can::from_judge(
                            judge::host_for_guest(&c.host, c.base, versions.get(vi), ge, cat),
                            c.lapse,
                        )
                    })
                })
                .collect()
        })
        .collect();
    let siblings_oem = |i: usize| HostContext {
        siblings_oem_firmware: caps
            .iter()
            .enumerate()
            .any(|(j, c)| j != i && c.host.channel == Some(Channel::Oem { firmware: true })),
    };

    let mut vms = Vec::with_capacity(inv.vms.len());
    let mut risks: Vec<Risk<'a>> = Vec::new();
    let mut blocks: Vec<(usize, &'static Rule, usize)> = Vec::new();
    let mut blocks_after: Vec<(usize, &'static Rule, usize)> = Vec::new();
    let mut moves: Vec<Fix<'a>> = Vec::new();
    let mut limit_groups: HashMap<Vec<usize>, Vec<&'a str>> = HashMap::new();
    let mut vm_fixes: Vec<Fix<'a>> = Vec::new();
    let all_nodes: Vec<usize> = (0..caps.len()).collect();
    // VMs share a handful of version and edition spellings: resolve each spelling once.
    let mut version_cache: HashMap<(Option<&'a str>, Option<u32>), Option<&'a Version>> =
        HashMap::new();
    let mut edition_cache: HashMap<Option<&'a str>, Option<&'a Edition>> = HashMap::new();
    for v in &inv.vms {
        if bad_item(&v.name) {
            continue;
        }
        let gv = *version_cache
            .entry((v.version.as_deref(), v.build))
            .or_insert_with(|| resolve_version(v.version.as_deref(), v.build, cat));
        let ge = *edition_cache
            .entry(v.edition.as_deref())
            .or_insert_with(|| resolve_edition(v.edition.as_deref(), cat));
        let ae =
            usize::from(ge.is_some_and(|e| judge::Family::of(e) == judge::Family::DatacenterAzure));
        let slot = gv
            .and_then(|g| versions.iter().position(|x| x.id == g.id))
            .unwrap_or(versions.len())
            * 2
            + ae;
        let explicit: Option<Vec<usize>> = (!v.possible_owners.is_empty()).then(|| {
            v.possible_owners
                .iter()
                .filter_map(|o| node_index.get(&o.to_ascii_uppercase()).copied())
                .collect()
        });
        let owners: &[usize] = explicit.as_deref().unwrap_or(&all_nodes);
        let guest = vm_guest(v, gv, ge, cat);
        let problems = judge::guest_problems(&guest, cat);
        // A node fix helps a VM that is not ready only once the VM's own problem is fixed: it
        // is counted apart and comes after the VMs' own fixes.
        let ready = problems.is_empty();
        let start = risks.len();
        let mut ok_now: Vec<usize> = Vec::new();
        let mut unknown = Vec::new();
        let mut owner_bad: Option<usize> = None;
        for &i in owners {
            let node = caps[i].report.name;
            let blocked = match table[i][slot] {
                Can::Yes => {
                    ok_now.push(i);
                    None
                }
                Can::Until { date, days } => {
                    let rule = judge::lapse_rule(days, opts.critical_days);
                    risks.push(Risk {
                        vm: &v.name,
                        node,
                        kind: RiskKind::Lapse,
                        rule,
                        from_date: Some(date),
                    });
                    Some(rule)
                }
                Can::No { rule } => {
                    let now = v
                        .owner
                        .as_deref()
                        .is_some_and(|o| o.eq_ignore_ascii_case(node));
                    if now {
                        owner_bad = Some(i);
                    }
                    risks.push(Risk {
                        vm: &v.name,
                        node,
                        kind: if now {
                            RiskKind::Now
                        } else {
                            RiskKind::Failover
                        },
                        rule,
                        from_date: None,
                    });
                    Some(rule)
                }
                Can::Unknown { .. } => {
                    unknown.push(node);
                    None
                }
            };
            if let Some(rule) = blocked {
                // A node that blocks a VM only once the VM's own fix is done counts apart.
                bump(
                    if ready {
                        &mut blocks
                    } else {
                        &mut blocks_after
                    },
                    i,
                    rule,
                );
            }
        }
        let at_risk = risks.len() > start;
        if at_risk && !ok_now.is_empty() {
            if let Some(from) = owner_bad {
                let to = caps[ok_now[0]].report.name;
                let judged = judge::move_vm(&v.name, to);
                let (commands, commands_cmd) = rendered(&judged);
                moves.push(Fix::Move {
                    vm: &v.name,
                    from: caps[from].report.name,
                    to,
                    commands,
                    commands_cmd,
                    judged,
                });
            }
            limit_groups
                .entry(ok_now.clone())
                .or_default()
                .push(&v.name);
        }
        let not_ready: Vec<&'static Rule> = problems.iter().map(|p| p.rule()).collect();
        for p in &problems {
            let judged = judge::guest_fix(*p, &guest, &v.name, cat);
            let (commands, commands_cmd) = rendered(&judged);
            vm_fixes.push(Fix::Vm {
                vm: &v.name,
                rule: p.rule(),
                commands,
                commands_cmd,
                judged,
            });
        }
        vms.push(VmReport {
            name: &v.name,
            version: gv.map(|x| x.id.as_str()),
            edition: ge.map(|x| x.id.as_str()).or(v.edition.as_deref()),
            owner: v.owner.as_deref(),
            possible_owners: explicit
                .as_ref()
                .map(|e| e.iter().map(|&i| caps[i].report.name).collect()),
            owners_ok: if problems.is_empty() { ok_now.len() } else { 0 },
            owners_able: ok_now.len(),
            not_ready,
            owners_unknown: unknown,
            risk_range: start..risks.len(),
        });
    }

    // Fixes, cheapest first: a node fix helps every VM it blocks; then moves (urgent); then
    // owner limits, one per set of good nodes; then the VMs' own problems.
    // A node fix that also blocks ready VMs stays in its place and counts every VM it helps;
    // one that helps only VMs not ready yet comes after the VMs' own fixes.
    let mut after: Vec<(usize, &'static Rule, usize)> = Vec::new();
    for (n, r, c) in blocks_after {
        match blocks
            .iter_mut()
            .find(|(m, q, _)| *m == n && q.name == r.name)
        {
            Some(b) => b.2 += c,
            None => after.push((n, r, c)),
        }
    }
    blocks.sort_by(|a, b| b.2.cmp(&a.2).then(a.0.cmp(&b.0)));
    after.sort_by(|a, b| b.2.cmp(&a.2).then(a.0.cmp(&b.0)));
    let node_fix = |&(i, rule, helps): &(usize, &'static Rule, usize)| {
        let c = &caps[i];
        let lapse = rule.code == rules::HOST_LICENSE_EXPIRING.code
            || rule.code == rules::HOST_LICENSE_LAPSING.code;
        let f = match (c.base, lapse) {
            (_, true) => judge::host_lapse_fix(&c.host, siblings_oem(i), cat),
            (judge::Can::No(p), _) => judge::host_fix(p, &c.host, siblings_oem(i), cat),
            _ => judge::Fix::new(),
        };
        let (commands, commands_cmd) = rendered(&f);
        Fix::Node {
            node: c.report.name,
            rule,
            helps,
            commands,
            commands_cmd,
            judged: f,
        }
    };
    let mut fixes: Vec<Fix<'a>> = blocks.iter().map(node_fix).collect();
    fixes.extend(moves);
    let mut groups: Vec<(Vec<usize>, Vec<&'a str>)> = limit_groups.into_iter().collect();
    groups.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then(a.0.cmp(&b.0)));
    for (good, vms_in) in groups {
        let owners: Vec<&'a str> = good.iter().map(|&i| caps[i].report.name).collect();
        // One command per VM, through its real group and resource, with the real node names.
        let mut f = judge::Fix::new();
        for vm in &vms_in {
            f = f.then(judge::limit_owners_to_good(vm, &owners));
        }
        let (commands, commands_cmd) = rendered(&f);
        fixes.push(Fix::LimitOwners {
            vms: vms_in,
            owners,
            commands,
            commands_cmd,
            judged: f,
        });
    }
    fixes.extend(vm_fixes);
    fixes.extend(after.iter().map(node_fix));

    let mut mixed: Vec<(&'a str, usize)> = Vec::new();
    for c in &caps {
        if let Some(v) = c.report.version {
            match mixed.iter_mut().find(|(x, _)| *x == v) {
                Some(e) => e.1 += 1,
                None => mixed.push((v, 1)),
            }
        }
    }
    Audit {
        schema: "avma.audit/1",
        cluster: inv.cluster.as_deref(),
        at: at.map(|t| t.to_string()),
        nodes: caps.into_iter().map(|c| c.report).collect(),
        vms,
        risks,
        fixes,
        mixed_versions: if mixed.len() > 1 { mixed } else { Vec::new() },
        problems,
    }
}

fn node_caps<'a>(
    inv: &'a Inventory,
    opts: &AuditOptions,
    cat: &'a Catalog,
    at: Option<jiff::Timestamp>,
    bad_item: &dyn Fn(&str) -> bool,
) -> Vec<NodeCap<'a>> {
    let mut caps = Vec::new();
    for n in &inv.nodes {
        if bad_item(&n.name) {
            continue;
        }
        let v = resolve_version(n.version.as_deref(), n.build, cat);
        let e = resolve_edition(n.edition.as_deref(), cat);
        let mut lapse: Option<jiff::Timestamp> = None;
        if let (Some(g), Some(at)) = (n.grace_minutes.filter(|g| *g > 0), at) {
            lapse = add_minutes(at, g as i64);
        }
        if let Some(end) = n
            .license_ends
            .as_deref()
            .and_then(|d| d.parse::<jiff::Timestamp>().ok())
        {
            lapse = Some(lapse.map_or(end, |l| l.min(end)));
        }
        let lapse_days = match (lapse, at) {
            (Some(l), Some(at)) => Some((l.as_second() - at.as_second()).div_euclid(86_400)),
            _ => None,
        };
        let host = judge::Host {
            version: v,
            edition: e,
            activated: n.license_status.map(|s| s == 1),
            channel: n.channel.as_deref().map(Channel::parse),
            lapse_days,
            platform: judge::Platform::default(),
        };
        let base = judge::host_base(&host, opts.warn_days);
        let avma = match (Can::from_judge(base, lapse), v) {
            (Can::Yes | Can::Until { .. }, None) => Can::Unknown { missing: "version" },
            (b, _) => b,
        };
        caps.push(NodeCap {
            report: NodeReport {
                name: &n.name,
                version: v.map(|v| v.id.as_str()),
                version_name: v.map(|v| v.name.as_str()),
                edition: e.map(|e| e.id.as_str()).or(n.edition.as_deref()),
                license_status: n.license_status,
                channel: n.channel.as_deref(),
                state: n.state.as_deref(),
                lapse_days,
                lapse_date: lapse.map(date_of),
                avma,
            },
            host,
            base,
            lapse,
        });
    }
    caps
}

fn bump(list: &mut Vec<(usize, &'static Rule, usize)>, node: usize, rule: &'static Rule) {
    match list
        .iter_mut()
        .find(|(n, r, _)| *n == node && r.name == rule.name)
    {
        Some(e) => e.2 += 1,
        None => list.push((node, rule, 1)),
    }
}

/// The VM as the judgement sees it.
fn vm_guest<'c>(
    v: &Vm,
    gv: Option<&'c Version>,
    ge: Option<&'c Edition>,
    cat: &'c Catalog,
) -> judge::Guest<'c> {
    let key = v
        .partial_key
        .as_deref()
        .and_then(|k| cat.keys_by_last5(k).into_iter().next())
        .or_else(|| {
            v.partial_key
                .as_deref()
                .and_then(ProductKey::parse)
                .and_then(|k| cat.key(&k))
        });
    judge::Guest {
        version: gv,
        edition: ge,
        channel: v.channel.as_deref().map(Channel::parse),
        key,
        has_key: match (
            v.partial_key.is_some() || v.key_redacted,
            v.license_status.is_some(),
        ) {
            (true, _) => Some(true),
            (false, true) => Some(false),
            _ => None,
        },
        activated: v.license_status.map(|s| s == 1),
        data_exchange: v.data_exchange,
    }
}
