//! The audit: every VM against every node it may run on.
//!
//! A node's ability to activate a guest depends only on the node (Datacenter, activated, licence
//! end) and the guest's version, so it is computed once per (node, version) and looked up for each
//! VM × possible owner; only the pairs that fail are kept. Time and memory grow with VMs × nodes
//! looked up, not with a stored matrix.

use serde::Serialize;

use avma_core::catalog::{Catalog, KeyKind};
use avma_core::rules::{self, Rule};

use crate::inventory::{resolve_edition, resolve_version, validate, Inventory, Problem};

#[derive(Debug, Clone, Copy)]
pub struct AuditOptions {
    /// A node licence ending within this many days puts its VMs at risk from that date.
    pub warn_days: u32,
    /// The audit's reference time, when the inventory does not say when it was collected.
    pub at: Option<jiff::Timestamp>,
}

impl Default for AuditOptions {
    fn default() -> Self {
        AuditOptions {
            warn_days: 14,
            at: None,
        }
    }
}

/// Can a node activate a guest?
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "can", rename_all = "kebab-case")]
pub enum Can {
    Yes,
    /// Yes, until the node's licence ends.
    Until {
        date: String,
        days: i64,
    },
    No {
        rule: &'static str,
        code: &'static str,
    },
    /// A fact is missing (named).
    Unknown {
        missing: &'static str,
    },
}

impl Can {
    fn no(r: &'static Rule) -> Can {
        Can::No {
            rule: r.name,
            code: r.code,
        }
    }
    pub fn ok_now(&self) -> bool {
        matches!(self, Can::Yes | Can::Until { .. })
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct NodeReport {
    pub name: String,
    pub version: Option<String>,
    pub version_name: Option<String>,
    pub edition: Option<String>,
    pub license_status: Option<u32>,
    pub channel: Option<String>,
    pub state: Option<String>,
    /// Days until the licence lapses (negative: lapsed), when it lapses at all.
    pub lapse_days: Option<i64>,
    pub lapse_date: Option<String>,
    /// For a guest of the node's own version: can this node activate AVMA guests?
    pub avma: Can,
}

#[derive(Debug, Clone, Serialize)]
pub struct Cell {
    pub node: String,
    #[serde(flatten)]
    pub can: Can,
}

#[derive(Debug, Clone, Serialize)]
pub struct VmReport {
    pub name: String,
    pub version: Option<String>,
    pub edition: Option<String>,
    pub owner: Option<String>,
    pub possible_owners: Vec<String>,
    /// A problem of the VM itself, on any node (a KMS key, an evaluation edition, ...).
    pub not_ready: Vec<&'static str>,
    /// The possible owners that cannot (or cannot for long) activate it; the others can.
    pub exceptions: Vec<Cell>,
    pub owners_ok: usize,
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
pub struct Risk {
    pub vm: String,
    pub node: String,
    pub kind: RiskKind,
    pub rule: &'static str,
    pub code: &'static str,
    pub from_date: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
#[serde(tag = "fix", rename_all = "kebab-case")]
pub enum Fix {
    /// Repair the node (activate, renew, convert, upgrade): helps every VM it blocks.
    Node {
        node: String,
        rule: &'static str,
        helps: usize,
        commands: Vec<String>,
    },
    /// Move the VM off a node that cannot activate it.
    Move {
        vm: String,
        from: String,
        to: String,
        commands: Vec<String>,
    },
    /// Keep the VM on the nodes that can activate it.
    LimitOwners {
        vm: String,
        owners: Vec<String>,
        commands: Vec<String>,
    },
    /// Repair the VM itself (its key, edition, Data Exchange).
    Vm {
        vm: String,
        rule: &'static str,
        commands: Vec<String>,
    },
}

#[derive(Debug, Clone, Serialize)]
pub struct Audit {
    pub schema: &'static str,
    pub cluster: Option<String>,
    pub at: Option<String>,
    pub nodes: Vec<NodeReport>,
    pub vms: Vec<VmReport>,
    pub risks: Vec<Risk>,
    pub fixes: Vec<Fix>,
    /// Node versions when they differ (a rolling upgrade): (version id, count).
    pub mixed_versions: Vec<(String, usize)>,
    pub problems: Vec<Problem>,
}

fn add_minutes(at: jiff::Timestamp, minutes: i64) -> Option<jiff::Timestamp> {
    at.checked_add(jiff::SignedDuration::from_secs(minutes.saturating_mul(60)))
        .ok()
}

fn date_of(t: jiff::Timestamp) -> String {
    t.to_string().chars().take(10).collect()
}

/// Audit an inventory.
pub fn audit(inv: &Inventory, opts: &AuditOptions, cat: &Catalog) -> Audit {
    let problems = validate(inv, cat);
    let at = inv
        .collected
        .as_deref()
        .and_then(|c| c.parse::<jiff::Timestamp>().ok())
        .or(opts.at);
    let bad_item = |name: &str| {
        problems
            .iter()
            .any(|p| p.error && p.item.eq_ignore_ascii_case(name))
    };

    // Nodes, and their capability per guest version (indexed by version order).
    struct NodeCap<'c> {
        report: NodeReport,
        version: Option<&'c avma_core::catalog::Version>,
        base: Can,
    }
    let mut caps: Vec<NodeCap<'_>> = Vec::new();
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
        let base = match (e, n.license_status) {
            (None, _) => Can::Unknown { missing: "edition" },
            (Some(e), _) if e.family != "datacenter" && e.family != "azure-local" => {
                Can::no(&rules::HOST_NOT_DATACENTER)
            }
            (_, None) => Can::Unknown {
                missing: "license_status",
            },
            (_, Some(s)) if s != 1 => Can::no(&rules::HOST_NOT_ACTIVATED),
            _ => match (lapse, lapse_days) {
                (Some(_), Some(d)) if d < 0 => Can::no(&rules::HOST_NOT_ACTIVATED),
                (Some(l), Some(d)) if d <= i64::from(opts.warn_days) => Can::Until {
                    date: date_of(l),
                    days: d,
                },
                _ => Can::Yes,
            },
        };
        let avma = match (&base, v) {
            (Can::Yes | Can::Until { .. }, None) => Can::Unknown { missing: "version" },
            _ => base.clone(),
        };
        caps.push(NodeCap {
            report: NodeReport {
                name: n.name.clone(),
                version: v.map(|v| v.id.clone()),
                version_name: v.map(|v| v.name.clone()),
                edition: e.map(|e| e.id.clone()).or_else(|| n.edition.clone()),
                license_status: n.license_status,
                channel: n.channel.clone(),
                state: n.state.clone(),
                lapse_days,
                lapse_date: lapse.map(date_of),
                avma,
            },
            version: v,
            base,
        });
    }
    let node_idx = |name: &str| {
        caps.iter()
            .position(|c| c.report.name.eq_ignore_ascii_case(name))
    };
    // Capability of node i for a guest version, memoized by the version's catalog order.
    let can_for = |i: usize, gv: Option<&avma_core::catalog::Version>| -> Can {
        let c = &caps[i];
        match (&c.base, c.version, gv) {
            (Can::Yes | Can::Until { .. }, Some(hv), Some(gv)) => {
                match cat.host_can_activate(&hv.id, &gv.id) {
                    Some(x) if !x.supported => Can::no(&rules::HOST_TOO_OLD_FOR_GUEST),
                    Some(_) => c.base.clone(),
                    None => Can::Unknown { missing: "version" },
                }
            }
            (Can::Yes | Can::Until { .. }, None, _) => Can::Unknown {
                missing: "node version",
            },
            (Can::Yes | Can::Until { .. }, _, None) => Can::Unknown {
                missing: "vm version",
            },
            (other, _, _) => other.clone(),
        }
    };

    let mut vms = Vec::with_capacity(inv.vms.len());
    let mut risks = Vec::new();
    let mut node_blocks: Vec<(usize, &'static str, usize)> = Vec::new();
    let mut fixes = Vec::new();
    for v in &inv.vms {
        if bad_item(&v.name) {
            continue;
        }
        let gv = resolve_version(v.version.as_deref(), v.build, cat);
        let ge = resolve_edition(v.edition.as_deref(), cat);
        let not_ready = vm_problems(v, gv, ge, cat);
        let owners: Vec<usize> = if v.possible_owners.is_empty() {
            (0..caps.len()).collect()
        } else {
            v.possible_owners
                .iter()
                .filter_map(|o| node_idx(o))
                .collect()
        };
        let mut exceptions = Vec::new();
        let mut good: Vec<usize> = Vec::new();
        for &i in &owners {
            let can = can_for(i, gv);
            match &can {
                Can::Yes => good.push(i),
                Can::Until { date, .. } => {
                    good.push(i);
                    risks.push(Risk {
                        vm: v.name.clone(),
                        node: caps[i].report.name.clone(),
                        kind: RiskKind::Lapse,
                        rule: rules::HOST_LICENSE_EXPIRING.name,
                        code: rules::HOST_LICENSE_EXPIRING.code,
                        from_date: Some(date.clone()),
                    });
                    bump(&mut node_blocks, i, rules::HOST_LICENSE_EXPIRING.name);
                    exceptions.push(Cell {
                        node: caps[i].report.name.clone(),
                        can: can.clone(),
                    });
                }
                Can::No { rule, code } => {
                    let now = v
                        .owner
                        .as_deref()
                        .is_some_and(|o| o.eq_ignore_ascii_case(&caps[i].report.name));
                    risks.push(Risk {
                        vm: v.name.clone(),
                        node: caps[i].report.name.clone(),
                        kind: if now {
                            RiskKind::Now
                        } else {
                            RiskKind::Failover
                        },
                        rule,
                        code,
                        from_date: None,
                    });
                    bump(&mut node_blocks, i, rule);
                    exceptions.push(Cell {
                        node: caps[i].report.name.clone(),
                        can: can.clone(),
                    });
                }
                Can::Unknown { .. } => exceptions.push(Cell {
                    node: caps[i].report.name.clone(),
                    can: can.clone(),
                }),
            }
        }
        let bad: Vec<&Cell> = exceptions
            .iter()
            .filter(|c| matches!(c.can, Can::No { .. } | Can::Until { .. }))
            .collect();
        let good_names: Vec<String> = good
            .iter()
            .filter(|&&i| matches!(can_for(i, gv), Can::Yes))
            .map(|&i| caps[i].report.name.clone())
            .collect();
        if !bad.is_empty() && !good_names.is_empty() {
            let owner_now_bad = v.owner.as_deref().and_then(|o| {
                bad.iter()
                    .find(|c| c.node.eq_ignore_ascii_case(o) && matches!(c.can, Can::No { .. }))
            });
            if let (Some(from), Some(to)) = (owner_now_bad, good_names.first()) {
                fixes.push(Fix::Move {
                    vm: v.name.clone(),
                    from: from.node.clone(),
                    to: to.clone(),
                    commands: vec![format!(
                        "Move-ClusterVirtualMachineRole -Name '{}' -Node '{}' -MigrationType Live",
                        v.name, to
                    )],
                });
            }
            fixes.push(Fix::LimitOwners {
                vm: v.name.clone(),
                owners: good_names.clone(),
                commands: vec![format!(
                    "Set-ClusterOwnerNode -Resource 'Virtual Machine {}' -Owners {}",
                    v.name,
                    good_names
                        .iter()
                        .map(|n| format!("'{n}'"))
                        .collect::<Vec<_>>()
                        .join(", ")
                )],
            });
        }
        for r in &not_ready {
            fixes.push(Fix::Vm {
                vm: v.name.clone(),
                rule: r,
                commands: vm_fix_commands(r, v, gv, ge, cat),
            });
        }
        vms.push(VmReport {
            name: v.name.clone(),
            version: gv.map(|x| x.id.clone()),
            edition: ge.map(|x| x.id.clone()).or_else(|| v.edition.clone()),
            owner: v.owner.clone(),
            possible_owners: owners
                .iter()
                .map(|&i| caps[i].report.name.clone())
                .collect(),
            not_ready,
            owners_ok: good.len(),
            exceptions,
        });
    }
    // Node fixes first: one action that helps many VMs is the cheapest.
    node_blocks.sort_by(|a, b| b.2.cmp(&a.2).then(a.0.cmp(&b.0)));
    let mut node_fixes: Vec<Fix> = node_blocks
        .iter()
        .map(|&(i, rule, helps)| Fix::Node {
            node: caps[i].report.name.clone(),
            rule,
            helps,
            commands: node_fix_commands(rule),
        })
        .collect();
    node_fixes.extend(fixes);
    let mut versions: Vec<(String, usize)> = Vec::new();
    for c in &caps {
        if let Some(v) = &c.report.version {
            match versions.iter_mut().find(|(x, _)| x == v) {
                Some(e) => e.1 += 1,
                None => versions.push((v.clone(), 1)),
            }
        }
    }
    Audit {
        schema: "avma.audit/1",
        cluster: inv.cluster.clone(),
        at: at.map(|t| t.to_string()),
        nodes: caps.into_iter().map(|c| c.report).collect(),
        vms,
        risks,
        fixes: node_fixes,
        mixed_versions: if versions.len() > 1 {
            versions
        } else {
            Vec::new()
        },
        problems,
    }
}

fn bump(list: &mut Vec<(usize, &'static str, usize)>, node: usize, rule: &'static str) {
    match list.iter_mut().find(|(n, r, _)| *n == node && *r == rule) {
        Some(e) => e.2 += 1,
        None => list.push((node, rule, 1)),
    }
}

/// Problems of the VM itself, whatever node it runs on.
fn vm_problems(
    v: &crate::inventory::Vm,
    gv: Option<&avma_core::catalog::Version>,
    ge: Option<&avma_core::catalog::Edition>,
    cat: &Catalog,
) -> Vec<&'static str> {
    let mut out = Vec::new();
    if let Some(gv) = gv {
        if !gv.avma_guest {
            out.push(rules::GUEST_NOT_SUPPORTED.name);
        }
    }
    if ge.is_some_and(|e| e.eval) || v.channel.as_deref() == Some("TIMEBASED_EVAL") {
        out.push(rules::GUEST_EVALUATION_EDITION.name);
    }
    let key = v
        .partial_key
        .as_deref()
        .and_then(|k| cat.keys_by_last5(k).into_iter().next());
    if v.channel.as_deref() == Some("VOLUME_KMSCLIENT")
        || key.is_some_and(|k| k.kind == KeyKind::Gvlk)
    {
        out.push(rules::GUEST_KMS_KEY_INSTALLED.name);
    } else if let Some(k) = key.filter(|k| k.kind == KeyKind::Avma) {
        if let Some(gv) = gv {
            if !k.serves(&gv.id) && !k.serves(cat.key_generation(gv)) {
                out.push(rules::GUEST_AVMA_KEY_WRONG_VERSION.name);
            }
        }
        if let Some(ge) = ge.filter(|e| !e.eval) {
            if ge.family != k.family {
                out.push(rules::GUEST_AVMA_KEY_WRONG_EDITION.name);
            }
        }
    } else if v.partial_key.is_none() && v.license_status.is_some() {
        out.push(rules::GUEST_NO_PRODUCT_KEY.name);
    }
    if v.data_exchange == Some(false) {
        out.push(rules::DATA_EXCHANGE_DISABLED.name);
    }
    out
}

fn vm_fix_commands(
    rule: &str,
    v: &crate::inventory::Vm,
    gv: Option<&avma_core::catalog::Version>,
    ge: Option<&avma_core::catalog::Edition>,
    cat: &Catalog,
) -> Vec<String> {
    let avma = match (gv, ge) {
        (Some(gv), Some(ge)) => cat
            .retail_edition(&ge.family, ge.core)
            .and_then(|e| cat.key_for(KeyKind::Avma, cat.key_generation(gv), &e.family)),
        _ => None,
    };
    match rule {
        r if r == rules::DATA_EXCHANGE_DISABLED.name => vec![format!(
            "Get-VMIntegrationService -VMName '{}' | Where-Object {{ $_.Id -like '*{}' }} | Enable-VMIntegrationService",
            v.name,
            avma_core::plan::KVP_COMPONENT_GUID
        )],
        r if r == rules::GUEST_EVALUATION_EDITION.name => vec![format!(
            "avma plan --guest \"{} {}\" --host \"<node version> Datacenter\" --format ps1",
            gv.map_or("?", |v| v.id.as_str()),
            ge.map_or("?", |e| e.id.as_str())
        )],
        _ => match avma {
            Some(k) => vec![format!("cscript //nologo %SystemRoot%\\System32\\slmgr.vbs /ipk {}   # in {}", k.key, v.name)],
            None => Vec::new(),
        },
    }
}

fn node_fix_commands(rule: &str) -> Vec<String> {
    match rule {
        r if r == rules::HOST_NOT_ACTIVATED.name || r == rules::HOST_LICENSE_EXPIRING.name => vec![
            "cscript //nologo %SystemRoot%\\System32\\slmgr.vbs /ipk <the node's Datacenter key>"
                .into(),
            "cscript //nologo %SystemRoot%\\System32\\slmgr.vbs /ato".into(),
        ],
        r if r == rules::HOST_NOT_DATACENTER.name => {
            vec!["DISM /English /Online /Set-Edition:ServerDatacenter /ProductKey:<your Datacenter key> /AcceptEula".into()]
        }
        r if r == rules::HOST_TOO_OLD_FOR_GUEST.name => {
            vec!["# finish the rolling upgrade of this node, or keep newer VMs off it".into()]
        }
        _ => Vec::new(),
    }
}
