//! One judgement, one story: for random hosts and guests (every edition family including Azure
//! Edition and Azure Local, evaluation hosts, OEM/KMS/retail/evaluation channels, mixed
//! versions), `plan`, `audit` and `simulate` give the same verdict for every VM × possible owner,
//! name the same rule when they refuse, and the VM's key fix is the plan's commands.
//! (`diagnose` takes the same functions of `avma_core::judge`; the closed loop and its cases
//! check it from evidence.)

#![allow(clippy::unwrap_used, clippy::expect_used)]

use avma_cluster::audit::{audit, AuditOptions, Fix};
use avma_cluster::inventory::{Inventory, Node, Vm};
use avma_cluster::simulate::{can_activate, SimNode, SimVm};
use avma_core::catalog::Catalog;
use avma_core::plan::{plan, PlanRequest, StepKind, Verdict};
use avma_core::spec::MachineSpec;
use proptest::prelude::*;

const HOST_VERSIONS: &[&str] = &["2012r2", "2016", "2019", "2022", "2025"];
const HOST_EDITIONS: &[&str] = &[
    "ServerDatacenter",
    "ServerDatacenterCor",
    "ServerDatacenterEval",
    "ServerStandard",
    "ServerTurbine",
    "ServerAzureStackHCICor",
    "ServerSolution",
];
const CHANNELS: &[&str] = &["OEM_DM", "VOLUME_KMSCLIENT", "RETAIL", "VOLUME_MAK"];
const GUEST_VERSIONS: &[&str] = &["2012", "2012r2", "2016", "2019", "2022", "2025"];
const GUEST_EDITIONS: &[&str] = &[
    "ServerStandard",
    "ServerDatacenter",
    "ServerStandardCor",
    "ServerTurbine",
    "ServerSolution",
];

#[derive(Debug, Clone)]
struct Pair {
    hv: &'static str,
    he: &'static str,
    activated: bool,
    channel: &'static str,
    gv: &'static str,
    ge: &'static str,
}

fn pairs() -> impl Strategy<Value = Vec<Pair>> {
    prop::collection::vec(
        (
            prop::sample::select(HOST_VERSIONS),
            prop::sample::select(HOST_EDITIONS),
            any::<bool>(),
            prop::sample::select(CHANNELS),
            prop::sample::select(GUEST_VERSIONS),
            prop::sample::select(GUEST_EDITIONS),
        )
            .prop_map(|(hv, he, activated, channel, gv, ge)| Pair {
                hv,
                he,
                activated,
                channel,
                gv,
                ge,
            }),
        1..12,
    )
}

/// What plan says: YES, and the refusal's rules otherwise.
fn plan_verdict(p: &Pair, cat: &Catalog) -> (bool, Vec<&'static str>) {
    let req = PlanRequest {
        guest: MachineSpec {
            version: cat.version(p.gv).unwrap(),
            edition: cat.edition(p.ge).unwrap(),
        },
        want: None,
        host: MachineSpec {
            version: cat.version(p.hv).unwrap(),
            edition: cat.edition(p.he).unwrap(),
        },
        host_activated: Some(p.activated),
        domain_controller: false,
    };
    let pl = plan(&req, cat).unwrap();
    let rules = pl
        .findings
        .iter()
        .filter(|f| f.severity == avma_core::rules::Severity::Error)
        .map(|f| f.rule.name)
        .collect();
    (pl.verdict == Verdict::Yes, rules)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn plan_audit_and_simulate_agree(ps in pairs()) {
        let cat = Catalog::builtin();
        // One node and one VM per pair, the VM allowed on its node only, holding the right
        // AVMA key (or, for the fix check, the KMS client key).
        let mut inv = Inventory {
            schema: "avma.inventory/1".into(),
            collected: Some("2026-12-01T00:00:00Z".into()),
            ..Inventory::default()
        };
        for (i, p) in ps.iter().enumerate() {
            inv.nodes.push(Node {
                name: format!("N{i}"),
                version: Some(p.hv.into()),
                edition: Some(p.he.into()),
                license_status: Some(if p.activated { 1 } else { 5 }),
                channel: Some(p.channel.into()),
                grace_minutes: Some(0),
                ..Node::default()
            });
            let g = cat.version(p.gv).unwrap();
            let e = cat.edition(p.ge).unwrap();
            let key = avma_core::judge::avma_key_for(g, e, cat);
            inv.vms.push(Vm {
                name: format!("V{i}"),
                version: Some(p.gv.into()),
                edition: Some(p.ge.into()),
                partial_key: key.map(|k| k.last5().to_string()),
                channel: Some("VIRTUAL_MACHINE_ACTIVATION".into()),
                license_status: Some(1),
                owner: Some(format!("N{i}")),
                possible_owners: vec![format!("N{i}")],
                data_exchange: Some(true),
                ..Vm::default()
            });
        }
        let opts = AuditOptions { warn_days: 14, at: None };
        let a = audit(&inv, &opts, cat);
        for (i, p) in ps.iter().enumerate() {
            let (plan_ok, plan_rule) = plan_verdict(p, cat);
            let vm = &a.vms[i];
            let risks = a.risks_of(vm);
            let audit_ok = risks.is_empty() && vm.not_ready.is_empty() && vm.owners_unknown.is_empty();
            let sim_ok = can_activate(
                &SimVm {
                    name: format!("V{i}"),
                    version: p.gv.into(),
                    edition: p.ge.into(),
                    key: "avma".into(),
                    owner: format!("N{i}"),
                    possible_owners: Vec::new(),
                    data_exchange: true,
                    computer_name: None,
                    kvp_registry: true,
                },
                &SimNode {
                    name: format!("N{i}"),
                    version: p.hv.into(),
                    edition: p.he.into(),
                    activated: p.activated,
                    expires: None,
                    up: true,
                },
                cat,
            );
            prop_assert_eq!(plan_ok, audit_ok, "plan vs audit for {:?}: {:?} {:?}", p, plan_rule, risks);
            prop_assert_eq!(plan_ok, sim_ok, "plan vs simulate for {:?}", p);
            if !plan_ok {
                // The same reason: one of the plan's refusals is the audit's risk or the VM's own
                // problem (a host can have several: not activated and too old).
                let audit_rules: Vec<&str> = risks
                    .iter()
                    .map(|r| r.rule.name)
                    .chain(vm.not_ready.iter().map(|r| r.name))
                    .collect();
                prop_assert!(
                    plan_rule.iter().any(|r| audit_rules.contains(r)),
                    "{:?}: plan {:?} audit {:?}", p, plan_rule, audit_rules
                );
            }
        }
    }

    #[test]
    fn the_vm_key_fix_is_the_plans_commands(ps in pairs()) {
        let cat = Catalog::builtin();
        for p in &ps {
            let g = cat.version(p.gv).unwrap();
            let e = cat.edition(p.ge).unwrap();
            let Some(kms) = cat.key_for(avma_core::catalog::KeyKind::Gvlk, &g.id, &e.family) else {
                continue;
            };
            let inv = Inventory {
                schema: "avma.inventory/1".into(),
                nodes: vec![Node {
                    name: "N".into(),
                    version: Some("2025".into()),
                    edition: Some("ServerDatacenter".into()),
                    license_status: Some(1),
                    ..Node::default()
                }],
                vms: vec![Vm {
                    name: "V".into(),
                    version: Some(p.gv.into()),
                    edition: Some(p.ge.into()),
                    partial_key: Some(kms.last5().into()),
                    channel: Some("VOLUME_KMSCLIENT".into()),
                    license_status: Some(5),
                    ..Vm::default()
                }],
                ..Inventory::default()
            };
            let a = audit(&inv, &AuditOptions::default(), cat);
            let req = PlanRequest {
                guest: MachineSpec { version: g, edition: e },
                want: None,
                host: MachineSpec {
                    version: cat.version("2025").unwrap(),
                    edition: cat.edition("ServerDatacenter").unwrap(),
                },
                host_activated: Some(true),
                domain_controller: false,
            };
            let pl = plan(&req, cat).unwrap();
            let from_plan: Vec<String> = pl
                .steps
                .iter()
                .filter(|s| matches!(s.kind, StepKind::InstallAvmaKey | StepKind::Activate | StepKind::Verify))
                .flat_map(|s| s.cmd.clone())
                .collect();
            let from_audit: Vec<String> = a
                .fixes
                .iter()
                .filter_map(|f| match f {
                    Fix::Vm { rule, commands_cmd, .. } if rule.name == "guest-kms-key-installed" => {
                        Some(commands_cmd.clone())
                    }
                    _ => None,
                })
                .flatten()
                .collect();
            if pl.verdict == Verdict::No {
                continue;
            }
            prop_assert_eq!(from_plan, from_audit, "{:?}", p);
        }
    }
}

/// Issue #8: an Azure Local host was accepted by audit and diagnose and rejected by simulate.
#[test]
fn azure_local_is_accepted_everywhere() {
    let cat = Catalog::builtin();
    let p = Pair {
        hv: "2022",
        he: "ServerAzureStackHCICor",
        activated: true,
        channel: "RETAIL",
        gv: "2019",
        ge: "ServerStandard",
    };
    assert!(plan_verdict(&p, cat).0);
    assert!(can_activate(
        &SimVm {
            name: "V".into(),
            version: "2019".into(),
            edition: "ServerStandard".into(),
            key: "avma".into(),
            owner: "N".into(),
            possible_owners: Vec::new(),
            data_exchange: true,
            computer_name: None,
            kvp_registry: true,
        },
        &SimNode {
            name: "N".into(),
            version: "2022".into(),
            edition: "ServerAzureStackHCICor".into(),
            activated: true,
            expires: None,
            up: true,
        },
        cat,
    ));
}

// ----------------------------------------------------------------------------------------
// Whole clusters, from evidence: plan, diagnose, audit and simulate for every VM × possible
// owner.

use avma_cluster::inventory::from_model;
use avma_cluster::simulate::sim_attempt;
use avma_core::finding::Finding;
use avma_core::rules::Severity;
use avma_evidence::detect::read_text;
use avma_evidence::model::{build, MachineInput};

/// The key a guest holds.
#[derive(Debug, Clone, Copy, PartialEq)]
enum GKey {
    /// The AVMA key of its version and edition.
    Avma,
    /// Its KMS client setup key.
    Kms,
    /// The AVMA key of another version (same family).
    OtherVersion,
    /// No key.
    None,
}

#[derive(Debug, Clone)]
struct CNode {
    version: &'static str,
    edition: &'static str,
    activated: bool,
    channel: &'static str,
    /// Days its licence has left (a KMS client or an evaluation): 3 and 10 are within the
    /// warning window, 180 is not.
    lapse_days: u64,
}

#[derive(Debug, Clone)]
struct CVm {
    version: &'static str,
    edition: &'static str,
    key: GKey,
    data_exchange: bool,
    /// Computer name ≠ VM name, linked by the KVP registry.
    renamed: bool,
    owner: usize,
    /// A bit per node: its possible owners (0: every node).
    owners: u8,
}

#[derive(Debug, Clone)]
struct Cluster {
    nodes: Vec<CNode>,
    vms: Vec<CVm>,
    /// The evidence is two and a half years old (judged as of then, and stale now).
    old: bool,
}

const C_GUEST_EDITIONS: &[&str] = &[
    "ServerStandard",
    "ServerDatacenter",
    "ServerStandardCor",
    "ServerTurbine",
    "ServerSolution",
    "ServerStandardEval",
    "ServerDatacenterEval",
];

fn cluster() -> impl Strategy<Value = Cluster> {
    let node = (
        prop::sample::select(HOST_VERSIONS),
        prop::sample::select(HOST_EDITIONS),
        any::<bool>(),
        prop::sample::select(CHANNELS),
        prop::sample::select(&[3u64, 10, 180, 180][..]),
    )
        .prop_map(|(version, edition, activated, channel, lapse_days)| CNode {
            version,
            edition,
            activated,
            channel: if edition.ends_with("Eval") {
                "TIMEBASED_EVAL"
            } else {
                channel
            },
            lapse_days,
        });
    let vm = (
        prop::sample::select(GUEST_VERSIONS),
        prop::sample::select(C_GUEST_EDITIONS),
        prop::sample::select(
            &[
                GKey::Avma,
                GKey::Avma,
                GKey::Kms,
                GKey::OtherVersion,
                GKey::None,
            ][..],
        ),
        prop::bool::weighted(0.85),
        any::<bool>(),
        0usize..4,
        any::<u8>(),
    )
        .prop_map(
            |(version, edition, key, data_exchange, renamed, owner, owners)| CVm {
                version,
                edition,
                key,
                data_exchange,
                renamed,
                owner,
                owners,
            },
        );
    (
        prop::collection::vec(node, 1..4),
        prop::collection::vec(vm, 1..5),
        any::<bool>(),
    )
        .prop_map(|(nodes, mut vms, old)| {
            let n = nodes.len();
            for v in &mut vms {
                v.owner %= n;
                v.owners &= (1u8 << n) - 1;
                // The owner is always a possible owner.
                if v.owners != 0 {
                    v.owners |= 1 << v.owner;
                }
            }
            Cluster { nodes, vms, old }
        })
}

impl Cluster {
    fn node_name(i: usize) -> String {
        format!("HV{}", i + 1)
    }
    fn vm_name(j: usize) -> String {
        format!("VM{}", j + 1)
    }
    fn computer(&self, j: usize) -> String {
        if self.vms[j].renamed {
            format!("APP{}", j + 1)
        } else {
            Self::vm_name(j)
        }
    }
    fn vm_id(j: usize) -> String {
        format!("5e4c5e6a-1a7c-4e2b-9a55-{:012x}", j + 1)
    }
    fn possible(&self, j: usize) -> Vec<usize> {
        let v = &self.vms[j];
        (0..self.nodes.len())
            .filter(|i| v.owners == 0 || v.owners & (1 << i) != 0)
            .collect()
    }
    fn as_of(&self) -> &'static str {
        if self.old {
            "2024-06-01T09:00:00Z"
        } else {
            "2026-12-01T09:00:00Z"
        }
    }
    /// The key a VM holds, from the catalog.
    fn key<'c>(&self, j: usize, cat: &'c Catalog) -> Option<&'c avma_core::catalog::Key> {
        let v = &self.vms[j];
        let gv = cat.version(v.version)?;
        let ge = cat.edition(v.edition)?;
        match v.key {
            GKey::Avma => avma_core::judge::avma_key_for(gv, ge, cat),
            GKey::Kms => cat.key_for(avma_core::catalog::KeyKind::Gvlk, &gv.id, &ge.family),
            GKey::OtherVersion => {
                let want = avma_core::judge::avma_key_for(gv, ge, cat)?;
                cat.keys
                    .iter()
                    .find(|k| k.kind == want.kind && k.family == want.family && k.key != want.key)
            }
            GKey::None => None,
        }
    }
    fn sim_vm(&self, j: usize, cat: &Catalog) -> SimVm {
        let v = &self.vms[j];
        SimVm {
            name: Self::vm_name(j),
            version: v.version.into(),
            edition: v.edition.into(),
            key: match (v.edition.ends_with("Eval"), self.key(j, cat)) {
                (true, _) => "none".into(),
                (false, Some(k)) => k.key.clone(),
                (false, None) => "none".into(),
            },
            owner: Self::node_name(v.owner),
            possible_owners: Vec::new(),
            data_exchange: v.data_exchange,
            computer_name: None,
            kvp_registry: true,
        }
    }
    fn sim_node(&self, i: usize) -> SimNode {
        let n = &self.nodes[i];
        SimNode {
            name: Self::node_name(i),
            version: n.version.into(),
            edition: n.edition.into(),
            activated: n.activated,
            expires: None,
            up: true,
        }
    }
}

fn slp_json(
    computer: &str,
    edition: &str,
    channel: &str,
    last5: &str,
    status: u32,
    reason: u32,
    grace: u64,
) -> String {
    serde_json::json!([{
        "Name": format!("Windows(R), {edition} edition"),
        "Description": format!("Windows(R) Operating System, {channel} channel"),
        "ApplicationID": "55c92734-d682-4d71-983e-d6ec3f16059f",
        "LicenseFamily": edition,
        "LicenseStatus": status,
        "LicenseStatusReason": reason,
        "GracePeriodRemaining": grace,
        "PartialProductKey": last5,
        "PSComputerName": computer,
    }])
    .to_string()
}

fn computerinfo(computer: &str, edition: &str, version: &str, cat: &Catalog) -> String {
    serde_json::json!({
        "CsName": computer,
        "WindowsEditionId": edition,
        "OsBuildNumber": cat.version(version).map_or(0, |v| v.build).to_string(),
        "OsProductType": 3,
    })
    .to_string()
}

/// The cluster as collected evidence: per node CIM JSON, Get-VM, the cluster cmdlets and the
/// integration services on the first node; per guest CIM JSON and, for a renamed guest, its
/// KVP registry. Each guest's licence is what its owner gave it (simulate's attempt).
fn evidence(c: &Cluster, cat: &Catalog) -> Vec<(String, String, String)> {
    let mut files = Vec::new();
    for (i, n) in c.nodes.iter().enumerate() {
        let name = Cluster::node_name(i);
        files.push((
            name.clone(),
            "computerinfo.json".into(),
            computerinfo(&name, n.edition, n.version, cat),
        ));
        let grace = match n.channel {
            "VOLUME_KMSCLIENT" | "TIMEBASED_EVAL" if n.activated => n.lapse_days * 1440,
            _ => 0,
        };
        files.push((
            name.clone(),
            "slp.json".into(),
            slp_json(
                &name,
                n.edition,
                n.channel,
                &format!("HK{i:03}"),
                if n.activated { 1 } else { 5 },
                if n.activated { 0 } else { 0xC004_F009 },
                grace,
            ),
        ));
        let vms: Vec<_> = (0..c.vms.len())
            .filter(|&j| c.vms[j].owner == i)
            .map(|j| serde_json::json!({"VMName": Cluster::vm_name(j), "VMId": Cluster::vm_id(j), "State": 2, "ComputerName": name}))
            .collect();
        if !vms.is_empty() {
            files.push((
                name.clone(),
                "vms.json".into(),
                serde_json::Value::Array(vms).to_string(),
            ));
        }
    }
    let first = Cluster::node_name(0);
    let nodes: Vec<_> = (0..c.nodes.len())
        .map(|i| serde_json::json!({"Name": Cluster::node_name(i), "State": 0, "NodeWeight": 1}))
        .collect();
    files.push((
        first.clone(),
        "cluster-nodes.json".into(),
        serde_json::Value::Array(nodes).to_string(),
    ));
    let groups: Vec<_> = (0..c.vms.len())
        .map(|j| serde_json::json!({"Name": Cluster::vm_name(j), "OwnerNode": Cluster::node_name(c.vms[j].owner), "State": 0, "GroupType": 111}))
        .collect();
    files.push((
        first.clone(),
        "cluster-groups.json".into(),
        serde_json::Value::Array(groups).to_string(),
    ));
    let mut owners = String::new();
    for j in 0..c.vms.len() {
        let list: Vec<String> = c.possible(j).into_iter().map(Cluster::node_name).collect();
        owners.push_str(&format!(
            "\nClusterObject : Virtual Machine {}\nOwnerNodes    : {{{}}}\n",
            Cluster::vm_name(j),
            list.join(", ")
        ));
    }
    files.push((first.clone(), "owner-nodes.txt".into(), owners));
    let is: Vec<_> = (0..c.vms.len())
        .map(|j| serde_json::json!({"VMName": Cluster::vm_name(j), "Name": "Key-Value Pair Exchange",
            "Id": format!("Microsoft:{}\\{}", Cluster::vm_id(j).to_ascii_uppercase(), avma_core::plan::KVP_COMPONENT_GUID),
            "Enabled": c.vms[j].data_exchange, "PrimaryStatusDescription": "OK"}))
        .collect();
    files.push((
        first,
        "integration-services.json".into(),
        serde_json::Value::Array(is).to_string(),
    ));
    for (j, v) in c.vms.iter().enumerate() {
        let computer = c.computer(j);
        files.push((
            computer.clone(),
            "computerinfo.json".into(),
            computerinfo(&computer, v.edition, v.version, cat),
        ));
        let eval = v.edition.ends_with("Eval");
        let key = c.key(j, cat);
        let (channel, last5) = match (eval, key) {
            (true, _) => ("TIMEBASED_EVAL", Some("EV7QX".to_string())),
            (false, Some(k)) if k.kind == avma_core::catalog::KeyKind::Gvlk => {
                ("VOLUME_KMSCLIENT", Some(k.last5().to_string()))
            }
            (false, Some(k)) => ("VIRTUAL_MACHINE_ACTIVATION", Some(k.last5().to_string())),
            (false, None) => ("RETAIL", None),
        };
        let code = sim_attempt(&c.sim_vm(j, cat), &c.sim_node(v.owner), cat).code;
        let status = if code == 0 { 1 } else { 5 };
        match last5 {
            Some(l) => files.push((
                computer.clone(),
                "slp.json".into(),
                slp_json(
                    &computer,
                    v.edition,
                    channel,
                    &l,
                    status,
                    code,
                    if code == 0 { 10080 } else { 0 },
                ),
            )),
            // No key: the licensing service lists the edition with no partial key.
            None => files.push((
                computer.clone(),
                "slp.json".into(),
                serde_json::json!([{
                    "Name": format!("Windows(R), {} edition", v.edition),
                    "Description": "Windows(R) Operating System, RETAIL channel",
                    "ApplicationID": "55c92734-d682-4d71-983e-d6ec3f16059f",
                    "LicenseFamily": v.edition,
                    "LicenseStatus": 0,
                    "LicenseStatusReason": 0xC004_F014u32,
                    "GracePeriodRemaining": 0,
                    "PartialProductKey": null,
                    "PSComputerName": computer,
                }])
                .to_string(),
            )),
        }
        if v.renamed {
            files.push((
                computer.clone(),
                "kvp-parameters.txt".into(),
                format!(
                    "\nVirtualMachineId   : {}\nVirtualMachineName : {}\nHostName           : {}\n",
                    Cluster::vm_id(j).to_ascii_uppercase(),
                    Cluster::vm_name(j),
                    Cluster::node_name(v.owner)
                ),
            ));
        }
    }
    files
}

/// A message argument as text.
fn arg(f: &Finding, name: &str) -> Option<String> {
    f.message
        .args
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, v)| match v {
            avma_core::text::MsgArg::Str(s) => s.clone(),
            other => format!("{other:?}"),
        })
}

fn guest_problem_rule(name: &str) -> bool {
    use avma_core::judge::GuestProblem::*;
    [
        NotSupported,
        Evaluation,
        KmsKey,
        AvmaKeyWrongVersion,
        AvmaKeyWrongEdition,
        NoKey,
        DataExchangeOff,
    ]
    .iter()
    .any(|p| p.rule().name == name)
}

/// The host-pair rules: what a host (or the pair) lacks.
fn host_rule(name: &str) -> bool {
    use avma_core::judge::HostProblem::*;
    [
        NotDatacenter,
        NotActivated,
        Lapsed,
        TooOld,
        AzureLocalNotCovered,
        AzureEditionGuestOffAzure,
        OnAzure,
    ]
    .iter()
    .any(|p| p.rule().name == name)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(120))]

    #[test]
    fn plan_diagnose_audit_and_simulate_agree_on_clusters(c in cluster()) {
        let cat = Catalog::builtin();
        let mut inputs: Vec<MachineInput> = Vec::new();
        for (machine, name, text) in evidence(&c, cat) {
            let label = machine.to_ascii_lowercase();
            let (_, lines) = avma_text::decode_lines(text.as_bytes()).unwrap();
            let r = read_text(&format!("{label}/{name}"), &lines, cat);
            prop_assert!(r.warnings.is_empty(), "{label}/{name}: {:?}", r.warnings);
            match inputs.iter_mut().find(|i| i.label == label) {
                Some(i) => i.results.push(r),
                None => inputs.push(MachineInput { label, role: None, results: vec![r] }),
            }
        }
        let model = build(inputs, cat);
        let as_of: jiff::Timestamp = c.as_of().parse().unwrap();
        // Judged as of the evidence's time, by a clock of 2026-12-01: old evidence is stale.
        let clock: jiff::Timestamp = "2026-12-01T09:00:00Z".parse().unwrap();
        let asof = avma_evidence::asof::AsOf {
            time: as_of,
            source: avma_evidence::asof::AsOfSource::Collected,
            from: None,
        };
        let opts = avma_diagnose::Options::at(asof, clock, 14, 7);
        let d = avma_diagnose::diagnose(&model, &opts, cat);
        // Every guest is linked to its VM, renamed or not: no guest-not-linked, no VM without
        // guest evidence.
        for f in &d.findings {
            prop_assert!(
                !matches!(f.rule.name, "guest-not-linked" | "vm-without-guest-evidence"),
                "{}: {:?}", f.rule.name, f.message
            );
        }
        // Old evidence is judged as of its time, and is stale now: one warning.
        let stale: Vec<&Finding> = d.findings.iter().filter(|f| f.rule.name == "evidence-stale").collect();
        prop_assert_eq!(stale.len(), usize::from(c.old));
        for s in &stale {
            prop_assert_eq!(s.severity, Severity::Warning);
        }
        let inv = from_model(&model, Some(c.as_of().into()));
        let a = audit(&inv, &AuditOptions::default(), cat);
        prop_assert!(a.problems.iter().all(|p| !p.error), "{:?}", a.problems);
        prop_assert_eq!(a.vms.len(), c.vms.len(), "{:?}", a.vms);

        for (j, v) in c.vms.iter().enumerate() {
            let vm = Cluster::vm_name(j);
            let computer = c.computer(j);
            let av = a.vms.iter().find(|x| x.name == vm).unwrap();
            // The guest's own problems: audit's not_ready, diagnose's guest-problem findings on
            // the guest (Data Exchange is the host's finding, naming the VM).
            let mine: Vec<&Finding> = d.findings.iter().filter(|f| {
                f.machine.as_deref() == Some(computer.as_str())
                    || (f.rule.name == "data-exchange-disabled" && arg(f, "vm").as_deref() == Some(vm.as_str()))
            }).collect();
            let mut diag_guest: Vec<&str> = mine.iter().map(|f| f.rule.name).filter(|r| guest_problem_rule(r)).collect();
            diag_guest.sort();
            diag_guest.dedup();
            let mut audit_guest: Vec<&str> = av.not_ready.iter().map(|r| r.name).collect();
            audit_guest.sort();
            // An unsupported guest closes the gate of the others in diagnose, and the judge
            // reports only that one.
            prop_assert_eq!(&diag_guest, &audit_guest, "{} guest problems: diagnose vs audit", vm);
            // The same fix for each (cmd and PowerShell).
            for f in mine.iter().filter(|f| audit_guest.contains(&f.rule.name)) {
                let af = a.fixes.iter().find_map(|x| match x {
                    Fix::Vm { vm: n, rule, commands, commands_cmd, .. } if *n == vm && rule.name == f.rule.name => Some((commands, commands_cmd)),
                    _ => None,
                });
                let Some((ps, cmd)) = af else {
                    prop_assert!(false, "{} {}: diagnose fixes it, audit has no fix", vm, f.rule.name);
                    continue;
                };
                prop_assert_eq!(&f.fix, cmd, "{} {}: cmd fix, diagnose vs audit", vm, f.rule.name);
                prop_assert_eq!(&f.fix_powershell, ps, "{} {}: PowerShell fix, diagnose vs audit", vm, f.rule.name);
            }
            // The plan's steps for this guest (on its owner) are the same fix as the audit's.
            let owner = &c.nodes[v.owner];
            let req = PlanRequest {
                guest: MachineSpec { version: cat.version(v.version).unwrap(), edition: cat.edition(v.edition).unwrap() },
                want: None,
                host: MachineSpec { version: cat.version(owner.version).unwrap(), edition: cat.edition(owner.edition).unwrap() },
                host_activated: Some(owner.activated),
                domain_controller: false,
            };
            let pl = plan(&req, cat).unwrap();
            if pl.verdict != Verdict::No {
                for rule in &audit_guest {
                    let kinds: &[StepKind] = match *rule {
                        "guest-kms-key-installed" | "guest-avma-key-wrong-version" | "guest-avma-key-wrong-edition" | "guest-no-product-key" => {
                            &[StepKind::InstallAvmaKey, StepKind::Activate, StepKind::Verify]
                        }
                        "guest-evaluation-edition" => &[StepKind::ListTargetEditions, StepKind::ConvertEdition, StepKind::Restart, StepKind::InstallAvmaKey, StepKind::Activate],
                        _ => continue,
                    };
                    let from_plan: Vec<String> = pl.steps.iter().filter(|s| kinds.contains(&s.kind)).flat_map(|s| s.cmd.clone()).collect();
                    let from_audit: Vec<String> = a.fixes.iter().filter_map(|x| match x {
                        Fix::Vm { vm: n, rule: r, commands_cmd, .. } if *n == vm && r.name == *rule => Some(commands_cmd.clone()),
                        _ => None,
                    }).flatten().collect();
                    prop_assert_eq!(&from_plan, &from_audit, "{} {}: plan steps vs audit fix", vm, rule);
                }
            }
            let sim_vm = c.sim_vm(j, cat);
            for i in c.possible(j) {
                let node = Cluster::node_name(i);
                let n = &c.nodes[i];
                // plan: the host for this guest (plan fixes the guest itself in its steps).
                let p = Pair { hv: n.version, he: n.edition, activated: n.activated, channel: n.channel, gv: v.version, ge: v.edition };
                let (plan_ok, plan_rules) = plan_verdict(&p, cat);
                // audit: a risk for this pair.
                let risk: Vec<&str> = a.risks_of(av).iter().filter(|r| r.node == node && r.kind != avma_cluster::audit::RiskKind::Lapse).map(|r| r.rule.name).collect();
                // A licence lapsing within the window: a lapse risk in the audit, a finding on
                // the node in diagnose (plan and simulate judge now: it still activates).
                let audit_lapse = a.risks_of(av).iter().any(|r| r.node == node && r.kind == avma_cluster::audit::RiskKind::Lapse);
                let diag_lapse = d.findings.iter().any(|f| f.machine.as_deref() == Some(node.as_str())
                    && matches!(f.rule.name, "host-license-expiring" | "host-license-lapsing"));
                if audit_lapse {
                    prop_assert!(diag_lapse, "{} on {}: audit sees the lapse, diagnose does not", vm, node);
                }
                let not_supported = audit_guest.contains(&"guest-not-supported");
                let audit_host_ok = risk.is_empty() && !not_supported;
                // diagnose: the node's own errors, and the guest's findings naming the node.
                let diag_host: Vec<&str> = d.findings.iter().filter(|f| {
                    host_rule(f.rule.name) && f.severity == Severity::Error && (
                        (f.machine.as_deref() == Some(node.as_str()))
                        || (f.machine.as_deref() == Some(computer.as_str()) && arg(f, "host").as_deref() == Some(node.as_str()))
                        // One finding per guest, naming the first such host: it holds for every
                        // host that is not Azure Local.
                        || (f.machine.as_deref() == Some(computer.as_str()) && f.rule.name == "azure-edition-off-azure"
                            && cat.edition(n.edition).is_some_and(|e| avma_core::judge::Family::of(e) != avma_core::judge::Family::AzureLocal))
                    )
                }).map(|f| f.rule.name).collect();
                let diag_host_ok = diag_host.is_empty() && !diag_guest.contains(&"guest-not-supported");
                // simulate: the VM with a right key on this node (the host verdict), and as it is.
                // (An evaluation, converted to its retail edition as the plan's steps do.)
                let ge = cat.edition(v.edition).unwrap();
                let edition = if ge.eval {
                    avma_core::judge::evaluation_target(ge, cat).map_or(ge.id.clone(), |t| t.id.clone())
                } else {
                    ge.id.clone()
                };
                let fixed = SimVm { key: "avma".into(), data_exchange: true, edition, ..sim_vm.clone() };
                let sim_host_ok = can_activate(&fixed, &c.sim_node(i), cat);
                let sim_ok = can_activate(&sim_vm, &c.sim_node(i), cat);
                let ctx = format!("{vm} ({} {}) on {node} ({} {} act={} {}) old={}", v.version, v.edition, n.version, n.edition, n.activated, n.channel, c.old);
                prop_assert_eq!(plan_ok, audit_host_ok, "plan vs audit: {} plan {:?} audit {:?}", ctx, plan_rules, risk);
                prop_assert_eq!(plan_ok, diag_host_ok, "plan vs diagnose: {} plan {:?} diagnose {:?}", ctx, plan_rules, diag_host);
                prop_assert_eq!(plan_ok, sim_host_ok, "plan vs simulate: {}", ctx);
                // As it is: audit, diagnose and simulate.
                let audit_ok = audit_host_ok && audit_guest.is_empty();
                let diag_ok = diag_host_ok && diag_guest.is_empty();
                prop_assert_eq!(audit_ok, sim_ok, "audit vs simulate (as it is): {}", ctx);
                prop_assert_eq!(diag_ok, sim_ok, "diagnose vs simulate (as it is): {}", ctx);
                if !plan_ok && !not_supported {
                    // The same reason everywhere.
                    let sim_rule = sim_attempt(&fixed, &c.sim_node(i), cat).outcome.rule();
                    prop_assert!(plan_rules.iter().any(|r| risk.contains(r)), "reason plan {:?} audit {:?}: {}", plan_rules, risk, ctx);
                    prop_assert!(plan_rules.iter().any(|r| diag_host.contains(r)), "reason plan {:?} diagnose {:?}: {}", plan_rules, diag_host, ctx);
                    prop_assert!(sim_rule.is_some_and(|r| plan_rules.contains(&r.name)), "reason plan {:?} simulate {:?}: {}", plan_rules, sim_rule.map(|r| r.name), ctx);
                }
            }
        }
        // A VM some possible owners cannot activate: diagnose's owner limit is the audit's.
        for (j, _) in c.vms.iter().enumerate() {
            let vm = Cluster::vm_name(j);
            let computer = c.computer(j);
            let limit = |cmds: &[String]| cmds.iter().filter(|x| x.contains("Set-ClusterOwnerNode")).cloned().collect::<Vec<_>>();
            let diag: Vec<String> = d.findings.iter()
                .filter(|f| f.machine.as_deref() == Some(computer.as_str()) && f.rule.name == "host-too-old-for-guest")
                .flat_map(|f| limit(&f.fix_powershell)).collect();
            let aud: Vec<String> = a.fixes.iter().filter_map(|x| match x {
                Fix::LimitOwners { vms, commands, .. } if vms.contains(&vm.as_str()) => {
                    Some(commands.iter().filter(|c| c.contains(&format!("'{vm}'"))).cloned().collect::<Vec<_>>())
                }
                _ => None,
            }).flatten().collect();
            if let Some(first) = diag.first() {
                prop_assert!(diag.iter().all(|x| x == first), "{}: diagnose limits differ {:?}", vm, diag);
                prop_assert_eq!(&diag[..1], &aud[..], "{}: owner limit, diagnose vs audit", vm);
            }
        }
        // A node that is not Datacenter: the plan's conversion is the audit's node fix (its
        // channel plays no part; for a node not activated the plan knows no channel, so its
        // fix is the channel-less one and only diagnose and audit are compared below).
        for (i, n) in c.nodes.iter().enumerate() {
            let node = Cluster::node_name(i);
            let Some(af) = a.fixes.iter().find_map(|x| match x {
                Fix::Node { node: nn, rule, commands_cmd, .. } if *nn == node && rule.name == "host-not-datacenter" => Some(commands_cmd),
                _ => None,
            }) else { continue };
            let req = PlanRequest {
                guest: MachineSpec { version: cat.version("2016").unwrap(), edition: cat.edition("ServerStandard").unwrap() },
                want: None,
                host: MachineSpec { version: cat.version(n.version).unwrap(), edition: cat.edition(n.edition).unwrap() },
                host_activated: Some(n.activated),
                domain_controller: false,
            };
            let pl = plan(&req, cat).unwrap();
            let pf: Vec<String> = pl.findings.iter().filter(|f| f.rule.name == "host-not-datacenter").flat_map(|f| f.fix.clone()).collect();
            prop_assert_eq!(&pf, af, "{}: plan vs audit host-not-datacenter fix", node);
        }
        // Node fixes: the audit's fix for a node is diagnose's fix of that node's finding.
        for x in &a.fixes {
            if let Fix::Node { node, rule, commands, commands_cmd, .. } = x {
                let lapse = |r: &str| matches!(r, "host-license-expiring" | "host-license-lapsing");
                let f = d.findings.iter().find(|f| f.machine.as_deref() == Some(*node)
                    && (f.rule.name == rule.name || (lapse(f.rule.name) && lapse(rule.name))));
                if let Some(f) = f {
                    prop_assert_eq!(&f.fix, commands_cmd, "{} {}: cmd fix, diagnose vs audit", node, rule.name);
                    prop_assert_eq!(&f.fix_powershell, commands, "{} {}: PowerShell fix, diagnose vs audit", node, rule.name);
                } else if rule.severity == Severity::Error && rule.name != "host-too-old-for-guest" && rule.name != "azure-edition-off-azure" {
                    prop_assert!(false, "audit fixes {} on {} but diagnose has no such finding", rule.name, node);
                }
            }
        }
    }
}
