//! host-too-old-for-guest (AV103) and azure-edition-off-azure (AV108): the hosts a guest may
//! run on, judged for this guest. The fix limits the VM to the hosts that can activate it, by
//! their real names, through its real cluster resource. A guest failing with 0xC004FD03 whose
//! evidence has no host to compare gets AV103 as the inferred cause (said as an inference).

use avma_core::catalog::Version;
use avma_core::finding::Finding;
use avma_core::judge::{self, Can, HostProblem, Hresult};
use avma_core::rules;
use avma_core::text::{Msg, MsgArg};
use avma_evidence::model::{Machine, Model};
use avma_evidence::observe::Provenance;

use super::{Check, Gate, Scope};
use crate::subject::{at, code_arg, fact_hresult, host_of, loc, version, Subject};

pub const CHECK: Check = Check {
    name: "guest-hosts",
    rules: &[
        &rules::HOST_TOO_OLD_FOR_GUEST,
        &rules::AZURE_EDITION_OFF_AZURE,
    ],
    scope: Scope::Guest,
    gate: Some(Gate::GuestSupported),
    run,
};

fn run(s: &Subject<'_>, out: &mut Vec<Finding>) {
    fd03_without_host(s, out);
    // A guest of unknown version on a mixed-version cluster: judged as the newest of its
    // nodes' versions (said as such).
    let assumed = if s.version.is_none() && s.hosts.len() > 1 {
        judge::newest_of_mixed(s.hosts.iter().map(|h| version(h, s.cat)))
    } else {
        None
    };
    let Some(v) = s.version.or(assumed) else {
        return;
    };
    let owner = s.model.group_of(s.m).and_then(|g| g.value.owner.as_deref());
    // Each related host as the judgement sees it for this guest, its own edition, activation
    // and licence aside (those are the host's own findings).
    let judged: Vec<(&Machine, Can)> = s
        .hosts
        .iter()
        .map(|h| {
            let hj = host_of(h, s.opts, s.cat);
            (
                *h,
                judge::host_version_for_guest(&hj, Some(v), s.edition, s.cat),
            )
        })
        .collect();
    // The owner limit keeps the VM on the hosts that can activate it now, activation and
    // lapse counted (the judgement's `good_owner`, the audit's set too).
    let good = owner_limit(&s.hosts, Some(v), s.edition, s);
    let mut azure_done = false;
    for (h, can) in &judged {
        match can {
            Can::No(HostProblem::TooOld | HostProblem::AzureLocalNotCovered) => {
                let Some(hv) = version(h, s.cat) else {
                    continue;
                };
                let place = Place::of(&h.name, owner);
                out.push(too_old(
                    Target {
                        guest: s.machine_arg(),
                        vm: s.vm_name(),
                        on: &s.m.name,
                        build_at: s.build_at(),
                    },
                    Node {
                        machine: h,
                        version: hv,
                        place,
                    },
                    v,
                    assumed.is_some(),
                    &good,
                ));
            }
            Can::No(HostProblem::AzureEditionGuestOffAzure) if !azure_done => {
                azure_done = true;
                let from = s.m.editions.first().map(|x| x.from.clone());
                let f = Finding::new(
                    &rules::AZURE_EDITION_OFF_AZURE,
                    Msg::new("diag-azure-edition-off-azure")
                        .arg("guest", s.machine_arg())
                        .arg("host", h.name.as_str()),
                )
                .on(&s.m.name)
                .located(from.as_ref().map(loc))
                .because(
                    Msg::new("fact-edition")
                        .arg("edition", s.m.edition.clone().unwrap_or_default()),
                    from.as_ref().and_then(at),
                )
                .because(
                    Msg::new("fact-edition").arg("edition", h.edition.clone().unwrap_or_default()),
                    h.editions.first().and_then(|x| at(&x.from)),
                )
                .fix(judge::show_owners(s.vm_name()));
                out.push(f);
            }
            _ => {}
        }
    }
}

/// The nodes a VM's owner limit keeps: those that can activate it now and past the window
/// (`judge::good_owner`), else, when none is proven so, those whose version suits the guest
/// and that nothing shows failing (`judge::fit_owner`: their activation not collected), so the
/// limit that keeps the VM off a down-level node is a command, not only a listing.
fn owner_limit<'m>(
    nodes: &[&'m Machine],
    gv: Option<&Version>,
    ge: Option<&avma_core::catalog::Edition>,
    s: &Subject<'_>,
) -> Limit<'m> {
    let proven: Vec<&str> = nodes
        .iter()
        .filter(|h| {
            judge::good_owner(judge::host_can(
                &host_of(h, s.opts, s.cat),
                gv,
                ge,
                s.opts.warn_days,
                s.cat,
            ))
        })
        .map(|h| h.name.as_str())
        .collect();
    if !proven.is_empty() {
        return Limit {
            nodes: proven,
            proven: true,
        };
    }
    Limit {
        nodes: nodes
            .iter()
            .filter(|h| {
                judge::fit_owner(&host_of(h, s.opts, s.cat), gv, ge, s.opts.warn_days, s.cat)
            })
            .map(|h| h.name.as_str())
            .collect(),
        proven: false,
    }
}

/// The owner limit's nodes, and whether they are proven to activate the guest (only then is
/// one of them a move's target; else the move names the kind of node to choose).
struct Limit<'m> {
    nodes: Vec<&'m str>,
    proven: bool,
}

/// Where a node stands for the VM: its current owner (or the only host known), or a node it
/// may fail over to.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Place {
    Owner,
    Possible,
}

impl Place {
    fn of(node: &str, owner: Option<&str>) -> Place {
        match owner {
            Some(o) if !o.eq_ignore_ascii_case(node) => Place::Possible,
            _ => Place::Owner,
        }
    }
}

/// The guest a node is judged for: how it is named, its VM, the machine the finding is on,
/// where its build was read.
struct Target<'a> {
    guest: MsgArg,
    vm: &'a str,
    on: &'a str,
    build_at: Option<&'a Provenance>,
}

struct Node<'a> {
    machine: &'a Machine,
    version: &'a Version,
    place: Place,
}

/// host-too-old-for-guest for one node: on its current owner the guest cannot be activated
/// now (move it to a node that can, else to a node of its version or later, then keep it on
/// such nodes); on a node it may fail over to it is the failover risk the audit reports with
/// the same rule (keep it off that node). A guest of unknown version is judged as the newest
/// version of its nodes (`assumed`), and the message says so.
fn too_old(t: Target<'_>, n: Node<'_>, gv: &Version, assumed: bool, good: &Limit<'_>) -> Finding {
    let vm = t.vm;
    let id = match (n.place, assumed) {
        (Place::Owner, false) => "diag-host-too-old",
        (Place::Possible, false) => "diag-host-too-old-possible-owner",
        (_, true) => "diag-node-down-level",
    };
    let mut f = Finding::new(
        &rules::HOST_TOO_OLD_FOR_GUEST,
        Msg::new(id)
            .arg("host", n.machine.name.as_str())
            .arg("hostversion", n.version.name.as_str())
            .arg("guest", t.guest)
            .arg("vm", vm)
            .arg("guestversion", gv.name.as_str())
            .arg(
                "owner",
                if n.place == Place::Owner {
                    "owner"
                } else {
                    "possible"
                },
            ),
    )
    .on(t.on)
    .located(
        n.machine
            .builds
            .first()
            .and_then(|b| b.from.first())
            .map(loc),
    );
    if !assumed {
        f = f.because(
            Msg::new("fact-build").arg("build", i64::from(gv.build)),
            t.build_at.and_then(at),
        );
    }
    f = f.because(
        Msg::new("fact-build").arg("build", i64::from(n.version.build)),
        n.machine
            .builds
            .first()
            .and_then(|b| b.from.first())
            .and_then(at),
    );
    let mut fix = judge::show_owners(vm);
    if n.place == Place::Owner {
        fix = fix.then(match good.nodes.first().filter(|_| good.proven) {
            Some(to) => judge::move_vm(vm, to),
            None => judge::move_vm_to_uplevel_node(Some(vm)),
        });
    }
    f.fix(fix.then(judge::limit_owners_to_good(vm, &good.nodes)))
}

/// 0xC004FD03 ("The host machine can't activate the edition of Windows on the virtual
/// machine.", Microsoft's text, official) with no host the evidence can compare: the likely
/// root cause is a guest newer than the host it runs on (a rolling upgrade's down-level node).
/// That the code means this cause is an inference (the catalog's meaning says so, UNVERIFIED),
/// and the finding says it. Not reported when a related host's version and edition can be
/// judged for this guest: then the comparison is the finding (or none is due).
fn fd03_without_host(s: &Subject<'_>, out: &mut Vec<Finding>) {
    let Some(fd03) = s.has(Hresult::AVMA_FD03) else {
        return;
    };
    let comparable = s.hosts.iter().any(|h| {
        let mut hj = host_of(h, s.opts, s.cat);
        hj.activated = Some(true);
        hj.lapse_days = None;
        let base = judge::host_base(&hj, s.opts.warn_days);
        !matches!(
            judge::host_for_guest(&hj, base, s.version, s.edition, s.cat),
            Can::Unknown(_)
        )
    });
    if comparable {
        return;
    }
    let version: MsgArg = match node_version_needed(s) {
        Some(v) => MsgArg::Str(v.name.clone()),
        None => Msg::new("arg-guest-version-unknown").into(),
    };
    // The VM's name on the cluster when the evidence tells it (a cluster group, a linked VM, or
    // the guest's own computer name), else a placeholder the user fills in.
    let vm = (s.group.is_some() || s.m.vm.is_some() || s.m.name_known()).then(|| s.vm_name());
    let f = Finding::new(
        &rules::HOST_TOO_OLD_FOR_GUEST,
        Msg::new("diag-host-too-old-fd03")
            .arg("guest", s.machine_arg())
            .arg("codes", code_arg(s, &[Hresult::AVMA_FD03.0]))
            .arg("version", version),
    )
    .on(&s.m.name)
    .located(Some(loc(fd03)))
    .because(fact_hresult(Hresult::AVMA_FD03), at(fd03));
    let mut fix = judge::show_physical_host();
    if let Some(vm) = vm {
        fix = fix.then(judge::show_owners(vm));
    }
    out.push(
        f.fix(
            fix.then(judge::move_vm_to_uplevel_node(vm))
                .then(judge::activate(None))
                .then(judge::show_license(false)),
        ),
    );
}

/// The version a node must run at least for this guest: the guest's own version, or the
/// version its installed AVMA key is for when that is newer (a 2022 AVMA key is activated only
/// by a 2022 or later host, whatever older version other evidence gives). A version read only
/// from rows that name another machine (a name conflict at the same line: another machine's
/// output merged into this one) is not the guest's own: then only the key tells it, else it is
/// unknown.
fn node_version_needed<'c>(s: &Subject<'c>) -> Option<&'c Version> {
    let disputed = |p: &Provenance| {
        s.m.conflicts.iter().any(|c| {
            c.field == "name"
                && c.values.iter().any(|v| {
                    !v.value.eq_ignore_ascii_case(&s.m.name)
                        && v.from.file == p.file
                        && v.from.line == p.line
                })
        })
    };
    let sources: Vec<&Provenance> =
        s.m.builds
            .iter()
            .flat_map(|b| b.from.iter())
            .chain(s.m.captions.iter().flat_map(|c| c.from.iter()))
            .collect();
    let own = s
        .version
        .filter(|_| sources.is_empty() || !sources.iter().all(|p| disputed(p)));
    let by_key = s
        .guest()
        .key
        .filter(|k| k.kind == avma_core::catalog::KeyKind::Avma)
        .and_then(|k| {
            k.versions
                .iter()
                .filter_map(|v| s.cat.version(v))
                .min_by_key(|v| v.order)
        });
    match (own, by_key) {
        (Some(a), Some(b)) => Some(if b.order > a.order { b } else { a }),
        (a, b) => a.or(b),
    }
}

/// A VM the cluster lists with no evidence from inside its guest, on a mixed-version cluster:
/// its version is unknown, so it is judged as the newest version of the nodes it may run on
/// (`judge::newest_of_mixed`), and each older node gets host-too-old-for-guest (on its current
/// owner and on the nodes it may fail over to), the assumption said in the message. Reported once per VM, by the
/// machine whose evidence lists the VM's group (`crate::reports_file`).
pub const VM_NODES: Check = Check {
    name: "vm-nodes",
    rules: &[&rules::HOST_TOO_OLD_FOR_GUEST],
    scope: Scope::Any,
    gate: None,
    run: vm_nodes,
};

fn vm_nodes(s: &Subject<'_>, out: &mut Vec<Finding>) {
    let model = s.model;
    let Some(cluster) = &model.cluster else {
        return;
    };
    for v in model.vms_without_guest() {
        let Some(g) = model.group(&v.name) else {
            continue;
        };
        let Some(src) = g.from.first() else { continue };
        if !crate::reports_file(model, s.m, &src.file) {
            continue;
        }
        let nodes = nodes_of(model, cluster, &g.value);
        let Some(newest) = judge::newest_of_mixed(nodes.iter().map(|h| version(h, s.cat))) else {
            continue;
        };
        let good = owner_limit(&nodes, Some(newest), None, s);
        for h in &nodes {
            let hj = host_of(h, s.opts, s.cat);
            let can = judge::host_version_for_guest(&hj, Some(newest), None, s.cat);
            let (Can::No(HostProblem::TooOld), Some(hv)) = (can, version(h, s.cat)) else {
                continue;
            };
            out.push(too_old(
                Target {
                    guest: MsgArg::Str(g.value.name.clone()),
                    vm: &g.value.name,
                    on: &g.value.name,
                    build_at: None,
                },
                Node {
                    machine: h,
                    version: hv,
                    place: Place::of(&h.name, g.value.owner.as_deref()),
                },
                newest,
                true,
                &good,
            ));
        }
    }
}

/// The nodes a clustered VM may run on: its possible, preferred and current owners the
/// evidence has as hosts; none listed: every node of the cluster (the cluster's default).
fn nodes_of<'a>(
    model: &'a Model,
    cluster: &avma_evidence::model::Cluster,
    g: &avma_evidence::model::ClusterGroup,
) -> Vec<&'a Machine> {
    let listed: Vec<&String> = g
        .possible_owners
        .iter()
        .flatten()
        .chain(g.preferred_owners.iter().flatten())
        .chain(g.owner.iter())
        .collect();
    let names: Vec<&String> = if listed.iter().any(|n| *n != g.owner.as_ref().unwrap_or(n)) {
        listed
    } else {
        cluster
            .nodes
            .iter()
            .map(|n| &n.value.name)
            .chain(g.owner.iter())
            .collect()
    };
    let mut out: Vec<&Machine> = Vec::new();
    for n in names {
        if let Some(h) = model
            .machine(n)
            .filter(|m| m.role != avma_evidence::model::Role::Guest)
        {
            if !out.iter().any(|o| std::ptr::eq(*o, h)) {
                out.push(h);
            }
        }
    }
    out
}
