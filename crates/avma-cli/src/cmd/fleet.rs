//! Many clusters at once: the paths of `report`, `check` and `audit` grouped into clusters.
//!
//! * an inventory file (avma.inventory/1) is its cluster (inventories naming the same cluster
//!   are merged);
//! * a folder of machine folders is one cluster, named after the folder;
//! * a folder of such folders is a fleet: one cluster per folder;
//! * machine folders and files given one by one are one cluster together.

use std::path::{Path, PathBuf};

use avma_cluster::inventory::{from_model, Inventory};
use avma_core::text::Msg;
use avma_evidence::model::Model;
use avma_evidence::observe::ReadResult;

use crate::out::Ctx;

/// One cluster's inputs, read.
pub struct Member {
    pub label: String,
    pub inventory: Inventory,
    /// The evidence model, when evidence (not only inventories) was given.
    pub model: Option<Model>,
    pub results: Vec<ReadResult>,
    /// Some input of this cluster could not be read (already reported on stderr).
    pub unreadable: bool,
    /// Something of this cluster was read.
    pub readable: bool,
    /// When the evidence was collected (see [`evidence_time`]).
    pub as_of: Option<jiff::Timestamp>,
}

#[derive(PartialEq)]
enum Kind {
    Machine,
    Cluster,
    Fleet,
}

fn visible_entries(dir: &Path) -> (Vec<PathBuf>, bool) {
    let mut subdirs = Vec::new();
    let mut files = false;
    if let Ok(rd) = std::fs::read_dir(dir) {
        for e in rd.flatten() {
            if e.file_name().to_string_lossy().starts_with('.') {
                continue;
            }
            if e.path().is_dir() {
                subdirs.push(e.path());
            } else {
                files = true;
            }
        }
    }
    subdirs.sort();
    (subdirs, files)
}

fn kind(dir: &Path) -> Kind {
    let (subdirs, files) = visible_entries(dir);
    if files || subdirs.is_empty() {
        return Kind::Machine;
    }
    if subdirs.iter().all(|d| visible_entries(d).1) {
        Kind::Cluster
    } else {
        Kind::Fleet
    }
}

fn name_of(p: &Path) -> String {
    p.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| p.display().to_string())
}

struct Group {
    label: String,
    evidence: Vec<PathBuf>,
    inventories: Vec<Inventory>,
    bad: bool,
}

fn group<'a>(groups: &'a mut Vec<Group>, label: &str) -> &'a mut Group {
    let i = match groups
        .iter()
        .position(|g| g.label.eq_ignore_ascii_case(label))
    {
        Some(i) => i,
        None => {
            groups.push(Group {
                label: label.to_string(),
                evidence: Vec::new(),
                inventories: Vec::new(),
                bad: false,
            });
            groups.len() - 1
        }
    };
    &mut groups[i]
}

/// When the evidence was collected: the time the collector recorded (a bundle manifest) of the
/// machine collected longest ago — a cluster is as fresh as its stalest machine; without any, the
/// newest modification time of the files read (the collection script writes them all at once).
/// The one place that decides.
pub fn evidence_time(model: &Model, paths: &[PathBuf]) -> Option<jiff::Timestamp> {
    let recorded = model
        .machines
        .iter()
        .filter_map(|m| {
            m.collected
                .iter()
                .filter_map(|c| c.value.parse::<jiff::Timestamp>().ok())
                .max()
        })
        .min();
    recorded.or_else(|| file_time(paths))
}

fn file_time(paths: &[PathBuf]) -> Option<jiff::Timestamp> {
    fn walk(p: &Path, depth: u8, newest: &mut Option<std::time::SystemTime>) {
        let Ok(md) = std::fs::metadata(p) else { return };
        if md.is_dir() {
            if depth == 0 {
                return;
            }
            if let Ok(rd) = std::fs::read_dir(p) {
                for e in rd.flatten() {
                    walk(&e.path(), depth - 1, newest);
                }
            }
        } else if let Ok(t) = md.modified() {
            if newest.is_none_or(|n| t > n) {
                *newest = Some(t);
            }
        }
    }
    let mut newest = None;
    for p in paths {
        walk(p, 6, &mut newest);
    }
    newest.and_then(super::asof::whole_second)
}

/// How many clusters `paths` name (without reading them): inventories count by cluster name.
pub fn clusters(paths: &[PathBuf]) -> usize {
    let mut names: Vec<String> = Vec::new();
    let mut loose = false;
    let mut add = |n: String| {
        if !names.iter().any(|x| x.eq_ignore_ascii_case(&n)) {
            names.push(n);
        }
    };
    for p in paths {
        if p.is_file() {
            match super::cluster::read_if_inventory(p)
                .and_then(|t| serde_json::from_str::<Inventory>(&t).ok())
            {
                Some(inv) => add(inv.cluster.unwrap_or_else(|| name_of(p))),
                None => loose = true,
            }
        } else if p.is_dir() {
            match kind(p) {
                Kind::Machine => loose = true,
                Kind::Cluster => add(name_of(p)),
                Kind::Fleet => {
                    for d in visible_entries(p).0 {
                        if kind(&d) == Kind::Machine {
                            loose = true;
                        } else {
                            add(name_of(&d));
                        }
                    }
                }
            }
        } else {
            loose = true;
        }
    }
    names.len() + usize::from(loose)
}

/// Group `paths` into clusters and read each. Unreadable inputs are reported on stderr (one line
/// each) and marked on their cluster.
pub fn load(ctx: &mut Ctx, paths: &[PathBuf]) -> Vec<Member> {
    let mut groups: Vec<Group> = Vec::new();
    let mut loose: Vec<PathBuf> = Vec::new();
    for p in paths {
        if p.is_file() {
            if let Some(text) = super::cluster::read_if_inventory(p) {
                match super::cluster::parse_inventory(&text) {
                    Ok(inv) => {
                        let label = inv.cluster.clone().unwrap_or_else(|| name_of(p));
                        group(&mut groups, &label).inventories.push(inv);
                    }
                    Err(why) => {
                        let m = ctx.msg(&why);
                        ctx.problem(&p.display().to_string(), &m);
                        group(&mut groups, &name_of(p)).bad = true;
                    }
                }
                continue;
            }
            loose.push(p.clone());
        } else if p.is_dir() {
            match kind(p) {
                Kind::Machine => loose.push(p.clone()),
                Kind::Cluster => group(&mut groups, &name_of(p)).evidence.push(p.clone()),
                Kind::Fleet => {
                    for d in visible_entries(p).0 {
                        if kind(&d) == Kind::Machine {
                            loose.push(d);
                        } else {
                            group(&mut groups, &name_of(&d)).evidence.push(d);
                        }
                    }
                }
            }
        } else {
            // Missing: the evidence loader says so, in the loose cluster.
            loose.push(p.clone());
        }
    }
    if !loose.is_empty() {
        let label = loose
            .iter()
            .find_map(|p| {
                std::fs::canonicalize(p)
                    .ok()
                    .and_then(|c| c.parent().map(name_of))
            })
            .unwrap_or_else(|| "cluster".into());
        groups.push(Group {
            label,
            evidence: loose,
            inventories: Vec::new(),
            bad: false,
        });
    }
    let mut out = Vec::new();
    for g in groups {
        let mut unreadable = g.bad;
        let mut readable = !g.inventories.is_empty();
        let mut model = None;
        let mut results = Vec::new();
        let mut as_of = g
            .inventories
            .iter()
            .filter_map(|i| i.collected.as_deref()?.parse::<jiff::Timestamp>().ok())
            .filter(|t| {
                // Never judged as of the future: said with the as-of line and by check.
                let future = super::asof::in_future(*t);
                if future {
                    super::asof::doubt(avma_evidence::asof::Doubt::Future {
                        time: *t,
                        clock: super::asof::clock(),
                        from: None,
                    });
                }
                !future
            })
            .max()
            .map(|t| super::asof::given().unwrap_or(t));
        let mut merged: Option<Inventory> = None;
        for inv in g.inventories {
            match &mut merged {
                Some(m) => {
                    m.nodes.extend(inv.nodes);
                    m.vms.extend(inv.vms);
                }
                None => merged = Some(inv),
            }
        }
        if !g.evidence.is_empty() {
            let l = super::evidence::load_all(ctx, &[], &[], &g.evidence);
            let (m, r) = (l.model, l.results);
            unreadable |= super::evidence::report(ctx, &r);
            let read = r.iter().any(|x| x.readable);
            readable |= read;
            if read {
                // As of when (cmd/asof.rs): --at, else the collector's manifest, else the newest
                // event or file time.
                let t = super::asof::given().or_else(|| {
                    super::asof::of_evidence(&m, &r)
                        .map(|a| a.time)
                        .or_else(|| {
                            evidence_time(&m, &g.evidence).filter(|t| !super::asof::in_future(*t))
                        })
                });
                as_of = as_of.max(t);
                let mut inv = from_model(&m, t.map(|t| t.to_string()));
                // The cluster the collector's manifest names, not the folder it sits in.
                inv.cluster = inv.cluster.or(l.cluster.clone());
                match &mut merged {
                    Some(x) => {
                        x.nodes.extend(inv.nodes);
                        x.vms.extend(inv.vms);
                        if x.collected.is_none() {
                            x.collected = inv.collected;
                        }
                        if x.cluster.is_none() {
                            x.cluster = inv.cluster;
                        }
                    }
                    None => merged = Some(inv),
                }
                model = Some(m);
            }
            results = r;
        }
        let mut inventory = merged.unwrap_or_else(|| Inventory {
            schema: avma_cluster::inventory::SCHEMA.into(),
            ..Default::default()
        });
        if inventory.cluster.is_none() {
            inventory.cluster = Some(g.label.clone());
        }
        out.push(Member {
            label: inventory.cluster.clone().unwrap_or(g.label),
            inventory,
            model,
            results,
            unreadable,
            readable,
            as_of,
        });
    }
    out
}

/// `--now`, else the clock. An unreadable time is one input problem and `None`.
pub fn now(ctx: &mut Ctx, arg: Option<&str>) -> Option<jiff::Timestamp> {
    match arg {
        None => Some(super::asof::clock()),
        Some(s) => match s.parse::<jiff::Timestamp>() {
            Ok(t) => Some(t),
            Err(e) => {
                let m = ctx.msg(&Msg::new("report-bad-time").arg("detail", e.to_string()));
                ctx.problem("--now", &m);
                None
            }
        },
    }
}

/// When a node's licence lapses, as the audit counts it: the grace period from the collection
/// time, or the licence end, whichever comes first.
pub fn lapse_instant(
    n: &avma_cluster::inventory::Node,
    collected: Option<jiff::Timestamp>,
) -> Option<jiff::Timestamp> {
    let mut lapse = None;
    if let (Some(g), Some(at)) = (n.grace_minutes.filter(|g| *g > 0), collected) {
        lapse = at
            .checked_add(jiff::SignedDuration::from_secs(
                (g as i64).saturating_mul(60),
            ))
            .ok();
    }
    if let Some(end) = n
        .license_ends
        .as_deref()
        .and_then(|d| d.parse::<jiff::Timestamp>().ok())
    {
        lapse = Some(lapse.map_or(end, |l: jiff::Timestamp| l.min(end)));
    }
    lapse
}

/// Whole days from `now` until `lapse`: a part day counts as a day while the licence still
/// holds (3 days 23 hours is "4 days"); once lapsed, days since, negative.
pub fn days_left(lapse: jiff::Timestamp, now: jiff::Timestamp) -> i64 {
    let secs = lapse.as_second() - now.as_second();
    if secs > 0 {
        (secs + 86_399) / 86_400
    } else {
        secs.div_euclid(86_400)
    }
}
