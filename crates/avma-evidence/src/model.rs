//! The one model: machines (and the cluster they form) built from observations. Every value
//! keeps where it was seen; when sources disagree, all values are kept and the conflict is
//! reported.

use serde::Serialize;

use avma_core::catalog::Catalog;
use avma_core::key::ProductKey;

use crate::observe::{
    EditionSource, EventRecord, Fact, GuestOs, IntegrationService, Observation, ProductFacts,
    Provenance, ReadResult,
};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Host,
    Guest,
    Unknown,
}

/// Why a role was given to a machine.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "kebab-case", tag = "reason")]
pub enum RoleReason {
    /// `--host` or `--guest` on the command line.
    Given,
    /// Event 12310 (logged by AVMA hosts).
    HostEvent {
        from: Provenance,
    },
    /// Hyper-V or failover-cluster cmdlet output.
    HyperVOutput {
        from: Provenance,
    },
    /// Event 12309 (logged by AVMA guests).
    GuestEvent {
        from: Provenance,
    },
    /// A product on the AVMA channel.
    AvmaProduct {
        from: Provenance,
    },
    /// Named as a node by another machine's Get-ClusterNode output.
    ClusterNode {
        from: Provenance,
    },
    /// Named as a VM (cluster group of type VirtualMachine, Get-VM, integration services) by a host.
    VmOfHost {
        from: Provenance,
    },
    None,
}

/// A value and every place it was seen.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Seen<T> {
    pub value: T,
    pub from: Vec<Provenance>,
}

/// A licensing product, with its key mapped to the catalog.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Product {
    #[serde(flatten)]
    pub facts: ProductFacts,
    pub from: Provenance,
    /// What the catalog knows of the partial key: public key kind, versions and edition family.
    pub key: Option<KeyMatch>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct KeyMatch {
    pub key: String,
    pub kind: &'static str,
    pub versions: Vec<String>,
    pub family: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EditionSeen {
    pub edition: String,
    pub source: EditionSource,
    pub from: Provenance,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ErrorSeen {
    pub code: String,
    pub tool: &'static str,
    pub text: String,
    pub from: Provenance,
}

/// A Windows service (Get-Service), e.g. the guest's `vmickvpexchange`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ServiceState {
    pub name: String,
    pub status: Option<String>,
    pub start_type: Option<String>,
}

/// A VM as Get-VM lists it on a host.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct VmInfo {
    pub name: String,
    pub id: Option<String>,
    pub state: Option<String>,
}

/// A cluster node as Get-ClusterNode lists it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NodeInfo {
    pub name: String,
    pub state: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Conflict {
    /// `edition`, `build` or `name`.
    pub field: &'static str,
    pub values: Vec<ConflictValue>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ConflictValue {
    pub value: String,
    pub from: Provenance,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Machine {
    pub name: String,
    pub name_from: Option<Provenance>,
    pub role: Role,
    pub role_reason: RoleReason,
    /// The Windows Server version the build maps to (catalog id), when a build was seen.
    pub version: Option<String>,
    pub builds: Vec<Seen<u32>>,
    pub editions: Vec<EditionSeen>,
    /// The EditionID avma believes (DISM first, then the registry, then licensing).
    pub edition: Option<String>,
    pub evaluation: Option<bool>,
    pub core: Option<bool>,
    pub target_editions: Option<Seen<Vec<String>>>,
    pub domain_controller: Option<Seen<bool>>,
    pub products: Vec<Product>,
    pub keys_installed: Vec<Seen<String>>,
    pub activation_succeeded: Vec<Provenance>,
    pub errors: Vec<ErrorSeen>,
    pub integration_services: Vec<Seen<IntegrationService>>,
    pub services: Vec<Seen<ServiceState>>,
    pub vms: Vec<Seen<VmInfo>>,
    /// On a host: each guest's OS as the host sees it (KVP intrinsic exchange items).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub guest_os: Vec<Seen<GuestOs>>,
    pub events: Vec<Seen<EventRecord>>,
    /// Other events read but not about licensing, AVMA or Hyper-V data exchange (counted only).
    pub other_events: u64,
    pub conflicts: Vec<Conflict>,
    pub inputs: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Cluster {
    pub nodes: Vec<Seen<NodeInfo>>,
    pub groups: Vec<Seen<ClusterGroup>>,
}

impl ClusterGroup {
    /// A VM's role (group type VirtualMachine), or a group with a VM resource's owner list.
    pub fn is_vm(&self) -> bool {
        self.group_type
            .as_deref()
            .is_some_and(|t| t.eq_ignore_ascii_case("VirtualMachine"))
            || self.possible_owners.is_some()
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClusterGroup {
    pub name: String,
    pub owner: Option<String>,
    pub state: Option<String>,
    pub group_type: Option<String>,
    /// From `Get-ClusterOwnerNode -Resource "Virtual Machine <name>"`.
    pub possible_owners: Option<Vec<String>>,
    /// From `Get-ClusterOwnerNode -Group <name>`.
    pub preferred_owners: Option<Vec<String>>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Model {
    pub machines: Vec<Machine>,
    pub cluster: Option<Cluster>,
}

/// The inputs of one machine: a folder, or a single file.
pub struct MachineInput {
    /// Folder or file stem, used when the evidence names no computer.
    pub label: String,
    pub role: Option<Role>,
    pub results: Vec<ReadResult>,
}

fn is_interesting_event(e: &EventRecord) -> bool {
    e.provider.contains("Security-SPP")
        || e.provider.contains("Security-Licensing")
        || e.provider.contains("Hyper-V-Integration")
        || e.provider.contains("KvpExchange")
        || matches!(e.event_id, 12308..=12310)
}

fn key_match(cat: &Catalog, partial: &str) -> Option<KeyMatch> {
    cat.keys_by_last5(partial).first().map(|k| KeyMatch {
        key: k.key.clone(),
        kind: k.kind.as_str(),
        versions: k.versions.clone(),
        family: k.family.clone(),
    })
}

fn seen_push<T: PartialEq>(list: &mut Vec<Seen<T>>, value: T, from: Provenance) {
    match list.iter_mut().find(|s| s.value == value) {
        Some(s) => s.from.push(from),
        None => list.push(Seen {
            value,
            from: vec![from],
        }),
    }
}

/// Fold one machine's observations into a [`Machine`].
pub fn build_machine(input: MachineInput, cat: &Catalog, cluster: &mut Cluster) -> Machine {
    let mut m = Machine {
        name: input.label.clone(),
        name_from: None,
        role: input.role.unwrap_or(Role::Unknown),
        role_reason: if input.role.is_some() {
            RoleReason::Given
        } else {
            RoleReason::None
        },
        version: None,
        builds: Vec::new(),
        editions: Vec::new(),
        edition: None,
        evaluation: None,
        core: None,
        target_editions: None,
        domain_controller: None,
        products: Vec::new(),
        keys_installed: Vec::new(),
        activation_succeeded: Vec::new(),
        errors: Vec::new(),
        integration_services: Vec::new(),
        services: Vec::new(),
        vms: Vec::new(),
        guest_os: Vec::new(),
        events: Vec::new(),
        other_events: 0,
        conflicts: Vec::new(),
        inputs: input.results.iter().map(|r| r.file.clone()).collect(),
    };
    let mut names: Vec<Seen<String>> = Vec::new();
    let mut host_hint: Option<RoleReason> = None;
    let mut guest_hint: Option<RoleReason> = None;
    let mut owners: Vec<(String, Vec<String>, Provenance)> = Vec::new();
    let observations: Vec<Observation> = input
        .results
        .into_iter()
        .flat_map(|r| r.observations)
        .collect();
    for o in observations {
        let from = o.from;
        match o.fact {
            Fact::ComputerName { name } => {
                // FQDN and NetBIOS forms of one name are the same machine: keep the short name.
                let short = name.split('.').next().unwrap_or(&name).to_ascii_uppercase();
                seen_push(&mut names, short, from)
            }
            Fact::OsBuild { build } => seen_push(&mut m.builds, build, from),
            Fact::Edition { edition, source } => m.editions.push(EditionSeen {
                edition,
                source,
                from,
            }),
            Fact::TargetEditions { editions } => {
                m.target_editions = Some(Seen {
                    value: editions,
                    from: vec![from],
                })
            }
            Fact::DomainController { is_dc } => {
                m.domain_controller = Some(Seen {
                    value: is_dc,
                    from: vec![from],
                })
            }
            Fact::Product(p) => {
                if p.channel.as_deref() == Some("VIRTUAL_MACHINE_ACTIVATION") {
                    guest_hint.get_or_insert(RoleReason::AvmaProduct { from: from.clone() });
                }
                let key = p.partial_key.as_deref().and_then(|k| key_match(cat, k));
                m.products.push(Product {
                    facts: *p,
                    from,
                    key,
                });
            }
            Fact::Error { code, tool, text } => m.errors.push(ErrorSeen {
                code: crate::observe::code_text(code),
                tool,
                text,
                from,
            }),
            Fact::KeyInstalled { key } => {
                seen_push(&mut m.keys_installed, key_display(cat, &key), from)
            }
            Fact::ActivationSucceeded => m.activation_succeeded.push(from),
            Fact::DismSucceeded => {}
            Fact::IntegrationService(s) => {
                host_hint.get_or_insert(RoleReason::HyperVOutput { from: from.clone() });
                seen_push(&mut m.integration_services, s, from);
            }
            Fact::Service {
                name,
                status,
                start_type,
            } => seen_push(
                &mut m.services,
                ServiceState {
                    name,
                    status,
                    start_type,
                },
                from,
            ),
            Fact::Vm {
                name, id, state, ..
            } => {
                host_hint.get_or_insert(RoleReason::HyperVOutput { from: from.clone() });
                seen_push(&mut m.vms, VmInfo { name, id, state }, from);
            }
            Fact::ClusterNode { name, state } => {
                host_hint.get_or_insert(RoleReason::HyperVOutput { from: from.clone() });
                seen_push(&mut cluster.nodes, NodeInfo { name, state }, from);
            }
            Fact::ClusterGroup {
                name,
                owner,
                state,
                group_type,
            } => {
                host_hint.get_or_insert(RoleReason::HyperVOutput { from: from.clone() });
                seen_push(
                    &mut cluster.groups,
                    ClusterGroup {
                        name,
                        owner,
                        state,
                        group_type,
                        possible_owners: None,
                        preferred_owners: None,
                    },
                    from,
                );
            }
            Fact::ClusterOwners { group, owners: o } => {
                host_hint.get_or_insert(RoleReason::HyperVOutput { from: from.clone() });
                owners.push((group, o, from));
            }
            Fact::HostAvmaEnabled { .. } => {}
            Fact::GuestOs(g) => {
                host_hint.get_or_insert(RoleReason::HyperVOutput { from: from.clone() });
                seen_push(&mut m.guest_os, *g, from);
            }
            Fact::Event(e) => {
                if !is_interesting_event(&e) {
                    m.other_events += 1;
                    continue;
                }
                if e.event_id == 12310 {
                    host_hint = Some(RoleReason::HostEvent { from: from.clone() });
                }
                if e.event_id == 12309 {
                    guest_hint = Some(RoleReason::GuestEvent { from: from.clone() });
                }
                m.events.push(Seen {
                    value: *e,
                    from: vec![from],
                });
            }
        }
    }
    // Owner lists of a VM's resource are its possible owners; those of its group, the preferred.
    for (object, o, from) in owners {
        let (group, possible) = match object
            .strip_prefix("Virtual Machine Configuration ")
            .or_else(|| object.strip_prefix("Virtual Machine "))
        {
            Some(g) => (g.to_string(), true),
            None => (object, false),
        };
        let idx = match cluster
            .groups
            .iter()
            .position(|g| g.value.name.eq_ignore_ascii_case(&group))
        {
            Some(i) => i,
            None => {
                cluster.groups.push(Seen {
                    value: ClusterGroup {
                        name: group,
                        owner: None,
                        state: None,
                        group_type: None,
                        possible_owners: None,
                        preferred_owners: None,
                    },
                    from: Vec::new(),
                });
                cluster.groups.len() - 1
            }
        };
        let g = &mut cluster.groups[idx];
        if possible {
            g.value.possible_owners = Some(o);
        } else {
            g.value.preferred_owners = Some(o);
        }
        g.from.push(from);
    }

    // Name: the computer the evidence names (most often), else the folder or file name.
    names.sort_by_key(|s| std::cmp::Reverse(s.from.len()));
    if let Some(first) = names.first() {
        m.name = first.value.clone();
        m.name_from = first.from.first().cloned();
    }
    if names.len() > 1 {
        m.conflicts.push(Conflict {
            field: "name",
            values: names
                .iter()
                .filter_map(|s| {
                    s.from.first().map(|f| ConflictValue {
                        value: s.value.clone(),
                        from: f.clone(),
                    })
                })
                .collect(),
        });
    }
    // Role, unless given.
    if input.role.is_none() {
        match (host_hint, guest_hint) {
            (Some(h @ RoleReason::HostEvent { .. }), _) | (Some(h), None) => {
                m.role = Role::Host;
                m.role_reason = h;
            }
            (_, Some(g)) => {
                m.role = Role::Guest;
                m.role_reason = g;
            }
            (None, None) => {}
        }
    }
    // Version from the build.
    if let Some(b) = m.builds.iter().max_by_key(|s| s.from.len()) {
        m.version = cat.version_by_build(b.value).map(|v| v.id.clone());
    }
    if m.builds.len() > 1 {
        m.conflicts.push(Conflict {
            field: "build",
            values: m
                .builds
                .iter()
                .filter_map(|s| {
                    s.from.first().map(|f| ConflictValue {
                        value: s.value.to_string(),
                        from: f.clone(),
                    })
                })
                .collect(),
        });
    }
    // Edition: DISM, then registry, then licensing; disagreement is a conflict.
    let rank = |s: EditionSource| match s {
        EditionSource::Dism => 0,
        EditionSource::Registry => 1,
        EditionSource::Licensing => 2,
    };
    let mut eds = m.editions.clone();
    eds.sort_by_key(|e| rank(e.source));
    m.edition = eds.first().map(|e| e.edition.clone());
    let mut distinct: Vec<&EditionSeen> = Vec::new();
    for e in &eds {
        if !distinct
            .iter()
            .any(|d| d.edition.eq_ignore_ascii_case(&e.edition))
        {
            distinct.push(e);
        }
    }
    if distinct.len() > 1 {
        m.conflicts.push(Conflict {
            field: "edition",
            values: distinct
                .iter()
                .map(|e| ConflictValue {
                    value: e.edition.clone(),
                    from: e.from.clone(),
                })
                .collect(),
        });
    }
    if let Some(e) = m.edition.as_deref().and_then(|e| cat.edition(e)) {
        m.evaluation = Some(e.eval);
        m.core = Some(e.core);
    }
    m
}

fn key_display(cat: &Catalog, k: &ProductKey) -> String {
    k.display(cat)
}

/// A machine whose own evidence does not tell its role may be named by others: a cluster node is
/// a host; a VM a host lists (or a cluster group of type VirtualMachine) is a guest.
fn infer_roles_across(machines: &mut [Machine], cluster: &Cluster) {
    let mut vm_names: Vec<(String, Provenance)> = Vec::new();
    for m in machines.iter() {
        for v in &m.vms {
            if let Some(f) = v.from.first() {
                vm_names.push((v.value.name.clone(), f.clone()));
            }
        }
        for s in &m.integration_services {
            if let (Some(vm), Some(f)) = (&s.value.vm, s.from.first()) {
                vm_names.push((vm.clone(), f.clone()));
            }
        }
        for g in &m.guest_os {
            if let Some(f) = g.from.first() {
                vm_names.push((g.value.vm.clone(), f.clone()));
            }
        }
    }
    for g in &cluster.groups {
        let is_vm = g.value.is_vm();
        if let (true, Some(f)) = (is_vm, g.from.first()) {
            vm_names.push((g.value.name.clone(), f.clone()));
        }
    }
    for m in machines.iter_mut().filter(|m| m.role == Role::Unknown) {
        if let Some(n) = cluster
            .nodes
            .iter()
            .find(|n| n.value.name.eq_ignore_ascii_case(&m.name))
        {
            m.role = Role::Host;
            m.role_reason = RoleReason::ClusterNode {
                from: n
                    .from
                    .first()
                    .cloned()
                    .unwrap_or_else(|| Provenance::line("", 0, "model")),
            };
        } else if let Some((_, f)) = vm_names
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(&m.name))
        {
            m.role = Role::Guest;
            m.role_reason = RoleReason::VmOfHost { from: f.clone() };
        }
    }
}

/// Build the model of every machine, and the cluster their cmdlet output describes.
pub fn build(inputs: Vec<MachineInput>, cat: &Catalog) -> Model {
    let mut cluster = Cluster::default();
    let mut machines: Vec<Machine> = inputs
        .into_iter()
        .map(|i| build_machine(i, cat, &mut cluster))
        .collect();
    infer_roles_across(&mut machines, &cluster);
    let has_cluster = !cluster.nodes.is_empty() || !cluster.groups.is_empty();
    Model {
        machines,
        cluster: has_cluster.then_some(cluster),
    }
}
