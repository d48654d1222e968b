//! The audit: every VM against every node it may run on.
//!
//! A node's ability to activate a guest depends only on the node (Datacenter, activated, licence
//! end) and the guest's version, so it is computed once per (node, version) into a table and looked
//! up for each VM × possible owner; only the pairs that fail become risks. The report borrows the
//! inventory's names instead of copying them, so time and memory grow with the pairs looked up and
//! the risks found, not with a stored matrix.

use std::collections::HashMap;

use serde::{Serialize, Serializer};

use avma_core::catalog::{Catalog, Edition, KeyKind, Version};
use avma_core::rules::{self, Rule};

use crate::inventory::{resolve_edition, resolve_version, validate, Inventory, Problem, Vm};

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
    fn no(r: &'static Rule) -> Can {
        Can::No { rule: r }
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
    /// Possible owners that can activate it now.
    pub owners_ok: usize,
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
        commands: Vec<String>,
    },
    /// Move the VM off a node that cannot activate it, now.
    Move {
        vm: &'a str,
        from: &'a str,
        to: &'a str,
        commands: Vec<String>,
    },
    /// Keep these VMs on the nodes that can activate them (one fix per set of such nodes).
    LimitOwners {
        vms: Vec<&'a str>,
        owners: Vec<&'a str>,
        commands: Vec<String>,
    },
    /// Repair the VM itself (its key, edition, Data Exchange).
    Vm {
        vm: &'a str,
        #[serde(serialize_with = "ser_rule")]
        rule: &'static Rule,
        commands: Vec<String>,
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
    version: Option<&'a Version>,
    base: Can,
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
    // (node, guest version slot) -> Can; the last slot stands for an unknown guest version.
    let versions = &cat.versions;
    let table: Vec<Vec<Can>> = caps
        .iter()
        .map(|c| {
            (0..=versions.len())
                .map(|vi| capability(c, versions.get(vi), cat))
                .collect()
        })
        .collect();

    let mut vms = Vec::with_capacity(inv.vms.len());
    let mut risks: Vec<Risk<'a>> = Vec::new();
    let mut blocks: Vec<(usize, &'static Rule, usize)> = Vec::new();
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
        let slot = gv
            .and_then(|g| versions.iter().position(|x| x.id == g.id))
            .unwrap_or(versions.len());
        let explicit: Option<Vec<usize>> = (!v.possible_owners.is_empty()).then(|| {
            v.possible_owners
                .iter()
                .filter_map(|o| node_index.get(&o.to_ascii_uppercase()).copied())
                .collect()
        });
        let owners: &[usize] = explicit.as_deref().unwrap_or(&all_nodes);
        let start = risks.len();
        let mut ok_now: Vec<usize> = Vec::new();
        let mut unknown = Vec::new();
        let mut owner_bad: Option<usize> = None;
        for &i in owners {
            let node = caps[i].report.name;
            match table[i][slot] {
                Can::Yes => ok_now.push(i),
                Can::Until { date, .. } => {
                    risks.push(Risk {
                        vm: &v.name,
                        node,
                        kind: RiskKind::Lapse,
                        rule: &rules::HOST_LICENSE_EXPIRING,
                        from_date: Some(date),
                    });
                    bump(&mut blocks, i, &rules::HOST_LICENSE_EXPIRING);
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
                    bump(&mut blocks, i, rule);
                }
                Can::Unknown { .. } => unknown.push(node),
            }
        }
        let at_risk = risks.len() > start;
        if at_risk && !ok_now.is_empty() {
            if let Some(from) = owner_bad {
                let to = caps[ok_now[0]].report.name;
                moves.push(Fix::Move {
                    vm: &v.name,
                    from: caps[from].report.name,
                    to,
                    commands: vec![format!("Move-ClusterVirtualMachineRole -Name '{}' -Node '{to}' -MigrationType Live", v.name)],
                });
            }
            limit_groups
                .entry(ok_now.clone())
                .or_default()
                .push(&v.name);
        }
        let not_ready = vm_problems(v, gv, ge, cat);
        for r in &not_ready {
            vm_fixes.push(Fix::Vm {
                vm: &v.name,
                rule: r,
                commands: vm_fix_commands(r, v, gv, ge, cat),
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
            not_ready,
            owners_ok: ok_now.len(),
            owners_unknown: unknown,
            risk_range: start..risks.len(),
        });
    }

    // Fixes, cheapest first: a node fix helps every VM it blocks; then moves (urgent); then
    // owner limits, one per set of good nodes; then the VMs' own problems.
    blocks.sort_by(|a, b| b.2.cmp(&a.2).then(a.0.cmp(&b.0)));
    let mut fixes: Vec<Fix<'a>> = blocks
        .iter()
        .map(|&(i, rule, helps)| Fix::Node {
            node: caps[i].report.name,
            rule,
            helps,
            commands: node_fix_commands(rule),
        })
        .collect();
    fixes.extend(moves);
    let mut groups: Vec<(Vec<usize>, Vec<&'a str>)> = limit_groups.into_iter().collect();
    groups.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then(a.0.cmp(&b.0)));
    for (good, vms_in) in groups {
        let owners: Vec<&'a str> = good.iter().map(|&i| caps[i].report.name).collect();
        let list = owners
            .iter()
            .map(|n| format!("'{n}'"))
            .collect::<Vec<_>>()
            .join(", ");
        let command = if vms_in.len() == 1 {
            format!(
                "Set-ClusterOwnerNode -Resource 'Virtual Machine {}' -Owners {list}",
                vms_in[0]
            )
        } else {
            format!(
                "{} | ForEach-Object {{ Set-ClusterOwnerNode -Resource \"Virtual Machine $_\" -Owners {list} }}",
                vms_in.iter().map(|v| format!("'{v}'")).collect::<Vec<_>>().join(", ")
            )
        };
        fixes.push(Fix::LimitOwners {
            vms: vms_in,
            owners,
            commands: vec![command],
        });
    }
    fixes.extend(vm_fixes);

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
        let avma = match (base, v) {
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
            version: v,
            base,
        });
    }
    caps
}

/// Can this node activate a guest of this version?
fn capability(c: &NodeCap<'_>, gv: Option<&Version>, cat: &Catalog) -> Can {
    match (c.base, c.version, gv) {
        (Can::Yes | Can::Until { .. }, Some(hv), Some(gv)) => {
            match cat.host_can_activate(&hv.id, &gv.id) {
                Some(x) if !x.supported => Can::no(&rules::HOST_TOO_OLD_FOR_GUEST),
                Some(_) => c.base,
                None => Can::Unknown { missing: "version" },
            }
        }
        (Can::Yes | Can::Until { .. }, None, _) => Can::Unknown {
            missing: "node version",
        },
        (Can::Yes | Can::Until { .. }, _, None) => Can::Unknown {
            missing: "vm version",
        },
        (other, _, _) => other,
    }
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

/// Problems of the VM itself, whatever node it runs on.
fn vm_problems(
    v: &Vm,
    gv: Option<&Version>,
    ge: Option<&Edition>,
    cat: &Catalog,
) -> Vec<&'static Rule> {
    let mut out = Vec::new();
    if gv.is_some_and(|gv| !gv.avma_guest) {
        out.push(&rules::GUEST_NOT_SUPPORTED);
    }
    if ge.is_some_and(|e| e.eval) || v.channel.as_deref() == Some("TIMEBASED_EVAL") {
        out.push(&rules::GUEST_EVALUATION_EDITION);
    }
    let key = v
        .partial_key
        .as_deref()
        .and_then(|k| cat.keys_by_last5(k).into_iter().next());
    if v.channel.as_deref() == Some("VOLUME_KMSCLIENT")
        || key.is_some_and(|k| k.kind == KeyKind::Gvlk)
    {
        out.push(&rules::GUEST_KMS_KEY_INSTALLED);
    } else if let Some(k) = key.filter(|k| k.kind == KeyKind::Avma) {
        if gv.is_some_and(|gv| !k.serves(&gv.id) && !k.serves(cat.key_generation(gv))) {
            out.push(&rules::GUEST_AVMA_KEY_WRONG_VERSION);
        }
        if ge.is_some_and(|e| !e.eval && e.family != k.family) {
            out.push(&rules::GUEST_AVMA_KEY_WRONG_EDITION);
        }
    } else if v.partial_key.is_none() && v.license_status.is_some() {
        out.push(&rules::GUEST_NO_PRODUCT_KEY);
    }
    if v.data_exchange == Some(false) {
        out.push(&rules::DATA_EXCHANGE_DISABLED);
    }
    out
}

fn vm_fix_commands(
    rule: &Rule,
    v: &Vm,
    gv: Option<&Version>,
    ge: Option<&Edition>,
    cat: &Catalog,
) -> Vec<String> {
    let avma = match (gv, ge) {
        (Some(gv), Some(ge)) => cat
            .retail_edition(&ge.family, ge.core)
            .and_then(|e| cat.key_for(KeyKind::Avma, cat.key_generation(gv), &e.family)),
        _ => None,
    };
    if rule.name == rules::DATA_EXCHANGE_DISABLED.name {
        return vec![format!(
            "Get-VMIntegrationService -VMName '{}' | Where-Object {{ $_.Id -like '*{}' }} | Enable-VMIntegrationService",
            v.name,
            avma_core::plan::KVP_COMPONENT_GUID
        )];
    }
    if rule.name == rules::GUEST_EVALUATION_EDITION.name {
        return vec![format!(
            "avma plan --guest \"{} {}\" --host \"<node version> Datacenter\" --format ps1",
            gv.map_or("?", |v| v.id.as_str()),
            ge.map_or("?", |e| e.id.as_str())
        )];
    }
    match avma {
        Some(k) => vec![format!(
            "cscript //nologo %SystemRoot%\\System32\\slmgr.vbs /ipk {}   # in {}",
            k.key, v.name
        )],
        None => Vec::new(),
    }
}

fn node_fix_commands(rule: &Rule) -> Vec<String> {
    if rule.name == rules::HOST_NOT_ACTIVATED.name || rule.name == rules::HOST_LICENSE_EXPIRING.name
    {
        vec![
            "cscript //nologo %SystemRoot%\\System32\\slmgr.vbs /ipk <the node's Datacenter key>"
                .into(),
            "cscript //nologo %SystemRoot%\\System32\\slmgr.vbs /ato".into(),
        ]
    } else if rule.name == rules::HOST_NOT_DATACENTER.name {
        vec!["DISM /English /Online /Set-Edition:ServerDatacenter /ProductKey:<your Datacenter key> /AcceptEula".into()]
    } else if rule.name == rules::HOST_TOO_OLD_FOR_GUEST.name {
        vec!["# finish the rolling upgrade of this node, or keep newer VMs off it".into()]
    } else {
        Vec::new()
    }
}
