//! The one model: machines (and the cluster they form) built from observations. Every value
//! keeps where it was seen; when sources disagree, all values are kept and the conflict is
//! reported.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};

use serde::Serialize;

use avma_core::catalog::Catalog;
use avma_core::key::ProductKey;

use crate::observe::{
    norm_guid, EditionSource, EventRecord, Fact, GuestParameters, IntegrationService, KvpIntrinsic,
    Observation, ProductFacts, Provenance, ReadResult, RoleClue,
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
    /// Its own KVP registry (`Guest\Parameters`) names the VM it runs in: only guests have one.
    KvpRegistry {
        from: Provenance,
    },
    /// Its system model is Hyper-V's virtual machine (systeminfo `System Model: Virtual Machine`).
    SystemModel {
        from: Provenance,
    },
    /// `Get-WindowsFeature Hyper-V` says the Hyper-V role is installed.
    HyperVFeature {
        from: Provenance,
    },
    /// Its system model or manufacturer is a hypervisor's (VMware, KVM, Xen, VirtualBox).
    VirtualPlatform {
        from: Provenance,
    },
    /// A guest integration service (`vmic*`) was queried on it.
    GuestService {
        from: Provenance,
    },
    /// An AVMA key was installed or tried on it.
    AvmaKey {
        from: Provenance,
    },
    /// slmgr's AVMA client block (`Guest IAID`, the AVMA expiry) was printed on it.
    AvmaClientBlock {
        from: Provenance,
    },
    /// The text the output was pasted in says it (`the host HV-01`, `ゲスト`), in these words.
    Prose {
        from: Provenance,
        word: String,
    },
    /// It lists its VMs with `Get-VM` (a table of names and states): only a Hyper-V host does.
    VmList {
        from: Provenance,
    },
    /// Another machine's AVMA client block names it as the host that activated that guest.
    AvmaHostOf {
        from: Provenance,
        guest: String,
    },
    None,
}

impl RoleReason {
    /// The reason a role clue gives ([`Fact::RoleClue`]).
    fn of_clue(clue: RoleClue, word: Option<String>, from: Provenance) -> RoleReason {
        match clue {
            RoleClue::HyperVFeature => RoleReason::HyperVFeature { from },
            RoleClue::VirtualPlatform => RoleReason::VirtualPlatform { from },
            RoleClue::GuestService => RoleReason::GuestService { from },
            RoleClue::AvmaKey => RoleReason::AvmaKey { from },
            RoleClue::AvmaClientBlock => RoleReason::AvmaClientBlock { from },
            RoleClue::VmList => RoleReason::VmList { from },
            RoleClue::Prose => RoleReason::Prose {
                from,
                word: word.unwrap_or_default(),
            },
        }
    }
}

/// A role clue kept on the machine whose output held it, for the model to apply: to this
/// machine (no name, or its own), else to the machine the clue names.
#[derive(Debug, Clone, PartialEq)]
pub struct PendingClue {
    pub name: Option<String>,
    pub role: Role,
    pub reason: RoleReason,
    /// A clue of the text's words (weaker than any tool's output).
    pub prose: bool,
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
    /// Where its expiry was read when that is another place than `from`: the `slmgr /xpr`
    /// header of the same licence, merged into the `/dli` product ([`same_licence`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expiry_from: Option<Provenance>,
}

/// `DISM /Set-Edition:X /ProductKey:K` as typed.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct EditionRequest {
    pub edition: String,
    pub key: Option<String>,
}

/// A key `slmgr /ipk` was given and refused (display form: a public key in full, any other its
/// last five), with the HRESULT that followed.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct KeyTry {
    pub key: String,
    pub code: Option<String>,
    /// What the catalog knows of the key, when it is a public one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub public: Option<PublicKeyInfo>,
}

/// A public key as the catalog lists it: its kind (`avma`, `gvlk`), versions and edition family.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct PublicKeyInfo {
    pub kind: &'static str,
    pub versions: Vec<String>,
    pub family: String,
}

/// A `DISM /Set-Edition` that completed: the edition after the restart, and the one before when
/// DISM named it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct EditionChange {
    pub edition: String,
    pub previous: Option<String>,
}

/// Whether two products are one licence seen twice: the same name, one of them an `slmgr /xpr`
/// header (a name and what its message says, no key, no Activation ID, no description), and
/// nothing they both state differs. `/xpr` prints one header per licence `/dli` lists, so a
/// header of the same name is that product's expiry, never a second product.
fn same_licence(a: &ProductFacts, b: &ProductFacts) -> bool {
    fn xpr_only(p: &ProductFacts) -> bool {
        p.partial_key.is_none()
            && !p.key_redacted
            && p.activation_id.is_none()
            && p.description.is_none()
            && p.key_channel.is_none()
            && p.grace_minutes.is_none()
            && p.avma.is_empty()
            && p.kms.is_empty()
    }
    fn agree<T: PartialEq>(x: &Option<T>, y: &Option<T>) -> bool {
        match (x, y) {
            (Some(x), Some(y)) => x == y,
            _ => true,
        }
    }
    let name = |p: &ProductFacts| p.name.as_deref().map(|n| n.trim().to_ascii_lowercase());
    name(a).is_some()
        && name(a) == name(b)
        && (xpr_only(a) || xpr_only(b))
        && agree(&a.edition, &b.edition)
        && agree(&a.channel, &b.channel)
        && agree(&a.license_status, &b.license_status)
        && agree(&a.status_reason, &b.status_reason)
        && (a.expiry.is_none() || b.expiry.is_none())
}

/// Merge `new` (one licence with `old`, [`same_licence`]) into `old`: each value stated by one.
fn merge_licence(old: &mut Product, new: ProductFacts, from: Provenance) {
    let f = &mut old.facts;
    if f.expiry.is_none() && new.expiry.is_some() {
        old.expiry_from = Some(from);
    } else if new.expiry.is_none() && f.expiry.is_some() && old.expiry_from.is_none() {
        // The header came first: the product is where `/dli` lists it, the expiry the header's.
        old.expiry_from = Some(std::mem::replace(&mut old.from, from));
    }
    macro_rules! fill {
        ($($field:ident),*) => { $( if f.$field.is_none() { f.$field = new.$field; } )* };
    }
    fill!(
        description,
        edition,
        channel,
        key_channel,
        partial_key,
        license_status,
        status_reason,
        grace_minutes,
        evaluation_end,
        application_id,
        activation_id,
        expiry_text,
        expiry
    );
    f.key_redacted |= new.key_redacted;
    if f.kms.is_empty() {
        f.kms = new.kms;
    }
    if f.avma.is_empty() {
        f.avma = new.avma;
    }
    if let Some(e) = f.expiry.as_mut() {
        e.kind = e.kind.refine(f.license_status, f.channel.as_deref());
    }
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
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct ServiceState {
    pub name: String,
    pub status: Option<String>,
    pub start_type: Option<String>,
}

/// A VM as Get-VM lists it on a host.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct VmInfo {
    pub name: String,
    pub id: Option<String>,
    pub state: Option<String>,
}

/// A cluster node as Get-ClusterNode lists it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
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
    /// The public key this value is implied by (a version implied by the key seen), when it is
    /// not stated directly.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub implied_by: Option<String>,
}

/// A version and edition family implied by a public key seen on the machine (a product's partial
/// key matched uniquely against the catalog, or a whole key `slmgr /ipk` installed): weaker than
/// a direct statement (a build, DISM's image version, the Extended PID, the licensing service's
/// version, the OS caption). A direct version outside `versions` is a `version` conflict.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ImpliedVersion {
    /// The public key, in full.
    pub key: String,
    /// `avma` or `gvlk`.
    pub kind: &'static str,
    /// The versions the key serves (catalog ids), LTSC first.
    pub versions: Vec<String>,
    /// The edition family the key is for (`standard`, `datacenter`, ...).
    pub family: String,
    /// Where the key was seen.
    pub from: Vec<Provenance>,
}

/// The reader of a `name_from` that is the input's file or folder name: no evidence named the
/// machine.
pub const FILE_NAME: &str = "file-name";

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Machine {
    pub name: String,
    pub name_from: Option<Provenance>,
    pub role: Role,
    pub role_reason: RoleReason,
    /// Role clues about this machine or one the text names, applied by [`build`].
    #[serde(skip)]
    pub role_clues: Vec<PendingClue>,
    /// The Windows Server version the build maps to (catalog id), when a build was seen.
    pub version: Option<String>,
    pub builds: Vec<Seen<u32>>,
    /// The OS as the machine names itself (`Caption`, `OsName`, `ProductName`), with the version
    /// it names (catalog id) when it names one.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub captions: Vec<Seen<(String, Option<String>)>>,
    /// The versions implied by the public keys seen on the machine (weaker than a build or a
    /// caption; never used as `version`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub implied_versions: Vec<ImpliedVersion>,
    pub editions: Vec<EditionSeen>,
    /// The EditionID avma believes (DISM first, then the registry, then licensing).
    pub edition: Option<String>,
    pub evaluation: Option<bool>,
    pub core: Option<bool>,
    pub target_editions: Option<Seen<Vec<String>>>,
    pub domain_controller: Option<Seen<bool>>,
    /// Editions asked for with `DISM /Set-Edition` (the prompt's command line), with the key
    /// given (display form: a public key in full, any other its last five).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub edition_requests: Vec<Seen<EditionRequest>>,
    /// `DISM /Set-Edition` runs that completed (pending the restart DISM asks for).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub edition_changes: Vec<Seen<EditionChange>>,
    pub products: Vec<Product>,
    pub keys_installed: Vec<Seen<String>>,
    /// Keys `slmgr /ipk` was given and refused, with the error that followed.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub keys_tried: Vec<Seen<KeyTry>>,
    pub activation_succeeded: Vec<Provenance>,
    pub errors: Vec<ErrorSeen>,
    pub integration_services: Vec<Seen<IntegrationService>>,
    pub services: Vec<Seen<ServiceState>>,
    pub vms: Vec<Seen<VmInfo>>,
    pub events: Vec<Seen<EventRecord>>,
    /// Other events read but not about licensing, AVMA or Hyper-V data exchange (counted only).
    pub other_events: u64,
    pub conflicts: Vec<Conflict>,
    pub inputs: Vec<String>,
    /// Who this machine is as Hyper-V knows it (its KVP registry, its BIOS GUID).
    pub identity: Identity,
    /// The VM this guest is, when it could be linked to one a host or the cluster lists.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub vm: Option<VmLink>,
    /// On a host: what each VM's guest reported through Data Exchange (intrinsic KVP items).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub kvp_guests: Vec<Seen<KvpIntrinsic>>,
    /// On a host: BIOS GUIDs of its VMs (VM name, GUID).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub vm_bios_guids: Vec<Seen<(String, String)>>,
    /// When the collector says this evidence was collected (RFC 3339, as recorded).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub collected: Vec<Seen<String>>,
    /// The newest line time stamp of each stamped log among its inputs (as printed).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub logged: Vec<Seen<String>>,
    /// The KMS hosts this machine's licences use (`name:port`, as read): never its AVMA host nor
    /// its own name. Added field; absent when empty.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub kms_hosts: Vec<Seen<String>>,
    /// Whether the user says the machine is activated (a typed table's row): their statement,
    /// never a licence; a licence read that says otherwise is an `activated` conflict. Added
    /// field; absent when none.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub stated_activated: Vec<Seen<bool>>,
}

/// What a machine's own evidence says about which VM it is.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Identity {
    /// The guest's KVP registry values (`Guest\Parameters`), when collected.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parameters: Option<Seen<GuestParameters>>,
    /// Its own BIOS GUID (Win32_ComputerSystemProduct UUID), lower case.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bios_guid: Option<Seen<String>>,
}

/// How a guest was matched to a VM, strongest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum LinkBy {
    /// The VM ID in the guest's KVP registry equals the VMId the host lists.
    VmId,
    /// The guest's BIOS GUID equals the VM's.
    BiosGuid,
    /// The guest's computer name is the FQDN its VM reported to the host (intrinsic KVP items).
    KvpFqdn,
    /// The VM name in the guest's KVP registry equals a VM name the host or cluster lists.
    KvpName,
    /// Only the computer name equals the VM name (the last resort).
    Name,
}

/// The VM a guest was linked to.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct VmLink {
    /// The VM's name in Hyper-V and the cluster (may differ from the computer name).
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    pub by: LinkBy,
    /// The host(s) that list it.
    pub hosts: Vec<String>,
    /// The guest-side evidence of the link (its KVP registry or BIOS GUID), when any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from: Option<Provenance>,
    /// The host-side evidence: where the VM was listed.
    pub listed: Provenance,
}

/// A VM the hosts or the cluster list, with what is known of it from outside the guest.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct KnownVm {
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bios_guid: Option<String>,
    /// Hosts that list it (Get-VM, integration services, KVP items), or the cluster owner.
    pub hosts: Vec<String>,
    /// What its guest reported through Data Exchange, when the host's KVP items were collected.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kvp: Option<KvpIntrinsic>,
    pub from: Provenance,
    /// The machine (index into `Model::machines`) whose evidence is this VM's guest.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub guest: Option<usize>,
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

#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
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
    /// Every VM the hosts or the cluster list, in the order first seen, with its guest if linked.
    pub vms: Vec<KnownVm>,
    #[serde(skip)]
    index: ModelIndex,
}

/// Look-ups by name and id (upper-case names, lower-case ids) into the model's lists.
#[derive(Debug, Clone, Default, PartialEq)]
struct ModelIndex {
    machine_by_name: HashMap<String, usize>,
    vm_by_name: HashMap<String, usize>,
    vm_by_id: HashMap<String, usize>,
    group_by_name: HashMap<String, usize>,
    node_by_name: HashMap<String, usize>,
}

fn short_upper(n: &str) -> String {
    n.split('.').next().unwrap_or(n).trim().to_ascii_uppercase()
}

impl Model {
    /// The machine of that computer name (short or FQDN, any case).
    pub fn machine(&self, name: &str) -> Option<&Machine> {
        self.index
            .machine_by_name
            .get(&short_upper(name))
            .and_then(|&i| self.machines.get(i))
    }
    /// The VM of that Hyper-V name (any case).
    pub fn vm_named(&self, name: &str) -> Option<&KnownVm> {
        self.index
            .vm_by_name
            .get(&name.trim().to_ascii_uppercase())
            .and_then(|&i| self.vms.get(i))
    }
    /// The VM of that VMId (any case, with or without braces).
    pub fn vm_by_id(&self, id: &str) -> Option<&KnownVm> {
        self.index
            .vm_by_id
            .get(&norm_guid(id))
            .and_then(|&i| self.vms.get(i))
    }
    /// The cluster group of that name (any case); the first one when listed several times.
    pub fn group(&self, name: &str) -> Option<&Seen<ClusterGroup>> {
        let c = self.cluster.as_ref()?;
        self.index
            .group_by_name
            .get(&name.trim().to_ascii_uppercase())
            .and_then(|&i| c.groups.get(i))
    }
    /// The cluster node of that name (short or FQDN, any case).
    pub fn node(&self, name: &str) -> Option<&Seen<NodeInfo>> {
        let c = self.cluster.as_ref()?;
        self.index
            .node_by_name
            .get(&short_upper(name))
            .and_then(|&i| c.nodes.get(i))
    }
    /// The cluster group of a guest machine: by the VM it is linked to, else by its name.
    pub fn group_of(&self, m: &Machine) -> Option<&Seen<ClusterGroup>> {
        self.group(m.vm_name()).or_else(|| self.group(&m.name))
    }
    /// VMs the hosts or cluster list whose guest's evidence was not given (or not linked).
    pub fn vms_without_guest(&self) -> impl Iterator<Item = &KnownVm> {
        self.vms.iter().filter(|v| v.guest.is_none())
    }
}

impl Machine {
    /// Did the evidence name this machine (not only its input's file or folder name)?
    pub fn name_known(&self) -> bool {
        self.name_from
            .as_ref()
            .is_some_and(|f| f.reader != FILE_NAME)
    }
    /// The name of this machine's VM in Hyper-V and the cluster: the linked VM's, else its own.
    pub fn vm_name(&self) -> &str {
        self.vm
            .as_ref()
            .map_or(self.name.as_str(), |l| l.name.as_str())
    }
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
        || is_move_event(e)
}

/// A VM moved between hosts, by one event: FailoverClustering 1641 (a clustered role moves) and
/// 1201 (it came online on the node that logs it), IDs as administrators quote them (catalog:
/// UNVERIFIED), and Hyper-V VMMS 20417 (a live migration completed, Microsoft's live migration
/// troubleshooting article, KB 4558514). The one list diagnose and the ledger recognise.
pub fn is_move_event(e: &EventRecord) -> bool {
    (e.provider.contains("FailoverClustering") && matches!(e.event_id, 1201 | 1641))
        || (e.provider.contains("Hyper-V-VMMS") && e.event_id == 20417)
}

fn key_match(cat: &Catalog, partial: &str) -> Option<KeyMatch> {
    cat.keys_by_last5(partial).first().map(|k| KeyMatch {
        key: k.key.clone(),
        kind: k.kind.as_str(),
        versions: k.versions.clone(),
        family: k.family.clone(),
    })
}

/// The catalog key whose last five characters these are, when exactly one key has them.
fn unique_key<'c>(cat: &'c Catalog, partial: &str) -> Option<&'c avma_core::catalog::Key> {
    match cat.keys_by_last5(partial).as_slice() {
        [k] => Some(*k),
        _ => None,
    }
}

/// Record the version a public key seen implies. Windows client keys say nothing of a server
/// version (their `versions` are only the server releases of their era), so they imply none.
fn imply(list: &mut Vec<ImpliedVersion>, k: &avma_core::catalog::Key, from: Provenance) {
    if k.family == "client" || k.versions.is_empty() {
        return;
    }
    match list.iter_mut().find(|i| i.key == k.key) {
        Some(i) => i.from.push(from),
        None => list.push(ImpliedVersion {
            key: k.key.clone(),
            kind: k.kind.as_str(),
            versions: k.versions.clone(),
            family: k.family.clone(),
            from: vec![from],
        }),
    }
}

/// The direct statements of a machine's version: each build's version and each caption's, with
/// where it was seen.
fn direct_versions(m: &Machine, cat: &Catalog) -> Vec<(String, String, Provenance)> {
    let mut out = Vec::new();
    for b in &m.builds {
        if let (Some(v), Some(f)) = (cat.version_by_build(b.value), b.from.first()) {
            out.push((v.id.clone(), format!("{} ({})", v.id, b.value), f.clone()));
        }
    }
    for c in &m.captions {
        if let (Some(v), Some(f)) = (&c.value.1, c.from.first()) {
            out.push((v.clone(), format!("{v} ({})", c.value.0), f.clone()));
        }
    }
    out
}

/// A `version` conflict when a direct statement contradicts a version a public key implies: the
/// direct version is not one the key serves (builds shared by an LTSC and a SAC release count
/// as either).
fn implied_conflict(m: &Machine, cat: &Catalog) -> Option<Conflict> {
    let direct = direct_versions(m, cat);
    if direct.is_empty() {
        return None;
    }
    let serves = |i: &ImpliedVersion, v: &str| {
        i.versions.iter().any(|x| x == v)
            || cat.version(v).is_some_and(|dv| {
                i.versions
                    .iter()
                    .filter_map(|x| cat.version(x))
                    .any(|iv| iv.build == dv.build)
            })
    };
    let against: Vec<&ImpliedVersion> = m
        .implied_versions
        .iter()
        .filter(|i| direct.iter().any(|(v, _, _)| !serves(i, v)))
        .collect();
    if against.is_empty() {
        return None;
    }
    let mut values: Vec<ConflictValue> = Vec::new();
    for i in against {
        if let Some(f) = i.from.first() {
            values.push(ConflictValue {
                value: i.versions.join("/"),
                from: f.clone(),
                implied_by: Some(i.key.clone()),
            });
        }
    }
    let mut shown: Vec<&str> = Vec::new();
    for (v, text, from) in &direct {
        if !shown.contains(&v.as_str()) {
            shown.push(v);
            values.push(ConflictValue {
                value: text.clone(),
                from: from.clone(),
                implied_by: None,
            });
        }
    }
    Some(Conflict {
        field: "version",
        values,
    })
}

/// Seen only in a table the user typed (reader `typed-table`).
fn is_typed(from: &[Provenance]) -> bool {
    !from.is_empty() && from.iter().all(|f| f.reader == crate::mdtable::READER)
}

/// What the user typed against what a capture read: a version a build or a caption read says
/// otherwise (`version`), an activation a Windows licence's status says otherwise (`activated`).
/// The capture outranks the statement; both are shown.
fn typed_conflicts(m: &Machine, cat: &Catalog) -> Vec<Conflict> {
    let mut out = Vec::new();
    let typed = m
        .captions
        .iter()
        .filter(|c| is_typed(&c.from))
        .find_map(|c| {
            Some((
                c.value.1.clone()?,
                c.value.0.clone(),
                c.from.first()?.clone(),
            ))
        });
    if let Some((v, text, from)) = typed {
        let read = direct_versions(m, cat)
            .into_iter()
            .find(|(_, _, f)| f.reader != crate::mdtable::READER);
        if let Some((_, rtext, rfrom)) = read.filter(|r| r.0 != v) {
            out.push(Conflict {
                field: "version",
                values: vec![
                    ConflictValue {
                        value: format!("{v} ({text})"),
                        from,
                        implied_by: None,
                    },
                    ConflictValue {
                        value: rtext,
                        from: rfrom,
                        implied_by: None,
                    },
                ],
            });
        }
    }
    let stated = m
        .stated_activated
        .first()
        .and_then(|s| Some((s.value, s.from.first()?)));
    let licence = m
        .products
        .iter()
        .filter(|p| p.facts.is_windows() && p.facts.has_key())
        .find_map(|p| p.facts.license_status.map(|s| (s, &p.from)));
    if let (Some((said, from)), Some((status, lfrom))) = (stated, licence) {
        if (status == 1) != said {
            out.push(Conflict {
                field: "activated",
                values: vec![
                    ConflictValue {
                        value: said.to_string(),
                        from: from.clone(),
                        implied_by: None,
                    },
                    ConflictValue {
                        value: format!("license-status {status}"),
                        from: lfrom.clone(),
                        implied_by: None,
                    },
                ],
            });
        }
    }
    out
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

/// Positions of a list's values by hash, so that adding a value seen again is a look-up, not a
/// scan: the lists keep their insertion order (the order of the output).
#[derive(Default)]
struct SeenIndex(HashMap<u64, Vec<usize>>);

impl SeenIndex {
    fn hash<T: Hash>(value: &T) -> u64 {
        let mut h = std::collections::hash_map::DefaultHasher::new();
        value.hash(&mut h);
        h.finish()
    }
    fn push<T: PartialEq + Hash>(&mut self, list: &mut Vec<Seen<T>>, value: T, from: Provenance) {
        let slots = self.0.entry(Self::hash(&value)).or_default();
        match slots.iter().find(|&&i| list[i].value == value) {
            Some(&i) => list[i].from.push(from),
            None => {
                slots.push(list.len());
                list.push(Seen {
                    value,
                    from: vec![from],
                });
            }
        }
    }
}

/// Indexes into the cluster lists, kept while every machine's observations are folded in.
#[derive(Default)]
struct ClusterIndex {
    nodes: SeenIndex,
    groups: SeenIndex,
    /// Upper-case group name -> first group of that name.
    group_by_name: HashMap<String, usize>,
}

impl ClusterIndex {
    fn of(cluster: &Cluster) -> ClusterIndex {
        let mut ix = ClusterIndex::default();
        for (i, n) in cluster.nodes.iter().enumerate() {
            ix.nodes
                .0
                .entry(SeenIndex::hash(&n.value))
                .or_default()
                .push(i);
        }
        for (i, g) in cluster.groups.iter().enumerate() {
            ix.groups
                .0
                .entry(SeenIndex::hash(&g.value))
                .or_default()
                .push(i);
            ix.group_by_name
                .entry(g.value.name.to_ascii_uppercase())
                .or_insert(i);
        }
        ix
    }
    fn push_group(&mut self, cluster: &mut Cluster, g: ClusterGroup, from: Provenance) {
        let key = g.name.to_ascii_uppercase();
        let before = cluster.groups.len();
        self.groups.push(&mut cluster.groups, g, from);
        if cluster.groups.len() > before {
            self.group_by_name.entry(key).or_insert(before);
        }
    }
}

/// The role a machine's clues give: the tools' clues (a feature, a platform, a service, a
/// key) before the text's words; a role only when the clues of that strength agree.
fn clue_role<'a>(
    clues: impl Iterator<Item = &'a PendingClue> + Clone,
) -> Option<(Role, RoleReason)> {
    for prose in [false, true] {
        let mut of = clues.clone().filter(|c| c.prose == prose);
        let Some(first) = of.next() else { continue };
        if of.all(|c| c.role == first.role) {
            return Some((first.role, first.reason.clone()));
        }
        return None;
    }
    None
}

/// Fold one machine's observations into a [`Machine`].
pub fn build_machine(input: MachineInput, cat: &Catalog, cluster: &mut Cluster) -> Machine {
    let mut ix = ClusterIndex::of(cluster);
    build_machine_indexed(input, cat, cluster, &mut ix)
}

fn build_machine_indexed(
    input: MachineInput,
    cat: &Catalog,
    cluster: &mut Cluster,
    cix: &mut ClusterIndex,
) -> Machine {
    let mut m = Machine {
        name: input.label.clone(),
        name_from: None,
        role_clues: Vec::new(),
        role: input.role.unwrap_or(Role::Unknown),
        role_reason: if input.role.is_some() {
            RoleReason::Given
        } else {
            RoleReason::None
        },
        version: None,
        builds: Vec::new(),
        captions: Vec::new(),
        implied_versions: Vec::new(),
        editions: Vec::new(),
        edition: None,
        evaluation: None,
        core: None,
        target_editions: None,
        domain_controller: None,
        edition_requests: Vec::new(),
        edition_changes: Vec::new(),
        products: Vec::new(),
        keys_installed: Vec::new(),
        keys_tried: Vec::new(),
        activation_succeeded: Vec::new(),
        errors: Vec::new(),
        integration_services: Vec::new(),
        services: Vec::new(),
        vms: Vec::new(),
        events: Vec::new(),
        other_events: 0,
        conflicts: Vec::new(),
        inputs: input.results.iter().map(|r| r.file.clone()).collect(),
        identity: Identity::default(),
        vm: None,
        kvp_guests: Vec::new(),
        vm_bios_guids: Vec::new(),
        collected: Vec::new(),
        logged: Vec::new(),
        kms_hosts: Vec::new(),
        stated_activated: Vec::new(),
    };
    let mut names: Vec<Seen<String>> = Vec::new();
    let (mut ix_names, mut ix_builds, mut ix_keys) = (
        SeenIndex::default(),
        SeenIndex::default(),
        SeenIndex::default(),
    );
    let (mut ix_is, mut ix_services, mut ix_vms) = (
        SeenIndex::default(),
        SeenIndex::default(),
        SeenIndex::default(),
    );
    let mut host_hint: Option<RoleReason> = None;
    let mut guest_hint: Option<RoleReason> = None;
    let mut owners: Vec<(String, Vec<String>, Provenance)> = Vec::new();
    let mut by_name: HashMap<String, Vec<usize>> = HashMap::new();
    let mut ix_requests = SeenIndex::default();
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
                ix_names.push(&mut names, short, from)
            }
            Fact::OsBuild { build } => ix_builds.push(&mut m.builds, build, from),
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
            Fact::SetEdition { edition, key } => {
                let key = key.map(|k| key_display(cat, &k));
                ix_requests.push(
                    &mut m.edition_requests,
                    EditionRequest { edition, key },
                    from,
                )
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
                if let Some(k) = p.partial_key.as_deref().and_then(|k| unique_key(cat, k)) {
                    imply(&mut m.implied_versions, k, from.clone());
                }
                // Look-up by name, the latest few of that name: linear in the products.
                let name = p.name.as_deref().map(|n| n.trim().to_ascii_lowercase());
                let same = name.as_ref().and_then(|n| {
                    by_name.get(n).and_then(|ix: &Vec<usize>| {
                        ix.iter().rev().take(8).copied().find(|&i| {
                            m.products
                                .get(i)
                                .is_some_and(|o| same_licence(&o.facts, &p))
                        })
                    })
                });
                if let Some(old) = same.and_then(|i| m.products.get_mut(i)) {
                    merge_licence(old, *p, from);
                    if old.key.is_none() {
                        old.key = key;
                    }
                } else {
                    if let Some(n) = name {
                        by_name.entry(n).or_default().push(m.products.len());
                    }
                    m.products.push(Product {
                        facts: *p,
                        from,
                        key,
                        expiry_from: None,
                    });
                }
            }
            Fact::Error { code, tool, text } => m.errors.push(ErrorSeen {
                code: crate::observe::code_text(code),
                tool,
                text,
                from,
            }),
            Fact::KeyInstalled { key } => {
                if let Some(k) = cat.key(&key) {
                    imply(&mut m.implied_versions, k, from.clone());
                }
                ix_keys.push(&mut m.keys_installed, key_display(cat, &key), from)
            }
            Fact::OsCaption { caption, version } => {
                seen_push(&mut m.captions, (caption, version), from)
            }
            Fact::ActivationSucceeded => m.activation_succeeded.push(from),
            Fact::DismSucceeded => {}
            Fact::EditionChanged { edition, previous } => seen_push(
                &mut m.edition_changes,
                EditionChange { edition, previous },
                from,
            ),
            Fact::KeyTried { key, code } => {
                let public = cat.key(&key).map(|k| PublicKeyInfo {
                    kind: k.kind.as_str(),
                    versions: k.versions.clone(),
                    family: k.family.clone(),
                });
                seen_push(
                    &mut m.keys_tried,
                    KeyTry {
                        key: key_display(cat, &key),
                        code: code.map(crate::observe::code_text),
                        public,
                    },
                    from,
                )
            }
            Fact::IntegrationService(s) => {
                host_hint.get_or_insert(RoleReason::HyperVOutput { from: from.clone() });
                ix_is.push(&mut m.integration_services, s, from);
            }
            Fact::Service {
                name,
                status,
                start_type,
            } => ix_services.push(
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
                ix_vms.push(&mut m.vms, VmInfo { name, id, state }, from);
            }
            Fact::ClusterNode { name, state } => {
                host_hint.get_or_insert(RoleReason::HyperVOutput { from: from.clone() });
                cix.nodes
                    .push(&mut cluster.nodes, NodeInfo { name, state }, from);
            }
            Fact::ClusterGroup {
                name,
                owner,
                state,
                group_type,
            } => {
                // A typed table of VMs and their owners is no cmdlet's output on this machine.
                if from.reader != crate::mdtable::READER {
                    host_hint.get_or_insert(RoleReason::HyperVOutput { from: from.clone() });
                }
                cix.push_group(
                    cluster,
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
                if from.reader != crate::mdtable::READER {
                    host_hint.get_or_insert(RoleReason::HyperVOutput { from: from.clone() });
                }
                owners.push((group, o, from));
            }
            Fact::HostAvmaEnabled { .. } => {}
            Fact::KmsHost { host } => seen_push(&mut m.kms_hosts, host, from),
            Fact::RearmSucceeded => {}
            Fact::GuestParameters(p) => {
                guest_hint = Some(RoleReason::KvpRegistry { from: from.clone() });
                match &mut m.identity.parameters {
                    Some(s) if s.value == *p => s.from.push(from),
                    // The first registry read wins; a later different one is kept as a conflict.
                    Some(s) => m.conflicts.push(Conflict {
                        field: "vm-id",
                        values: vec![
                            ConflictValue {
                                value: s.value.vm_id.clone().unwrap_or_default(),
                                from: s.from.first().cloned().unwrap_or_else(|| from.clone()),
                                implied_by: None,
                            },
                            ConflictValue {
                                value: p.vm_id.clone().unwrap_or_default(),
                                from,
                                implied_by: None,
                            },
                        ],
                    }),
                    None => {
                        m.identity.parameters = Some(Seen {
                            value: *p,
                            from: vec![from],
                        })
                    }
                }
            }
            Fact::BiosGuid { vm: None, guid } => match &mut m.identity.bios_guid {
                Some(s) if s.value == guid => s.from.push(from),
                Some(_) => {}
                None => {
                    m.identity.bios_guid = Some(Seen {
                        value: guid,
                        from: vec![from],
                    })
                }
            },
            Fact::BiosGuid { vm: Some(vm), guid } => {
                host_hint.get_or_insert(RoleReason::HyperVOutput { from: from.clone() });
                seen_push(&mut m.vm_bios_guids, (vm, guid), from);
            }
            Fact::KvpIntrinsic(k) => {
                host_hint.get_or_insert(RoleReason::HyperVOutput { from: from.clone() });
                m.kvp_guests.push(Seen {
                    value: *k,
                    from: vec![from],
                });
            }
            Fact::Collected { time } => seen_push(&mut m.collected, time, from),
            Fact::Logged { time } => seen_push(&mut m.logged, time, from),
            Fact::StatedActivated { activated } => {
                seen_push(&mut m.stated_activated, activated, from)
            }
            Fact::HyperVGuest { .. } => {
                guest_hint.get_or_insert(RoleReason::SystemModel { from: from.clone() });
            }
            Fact::RoleClue {
                name,
                host,
                clue,
                word,
            } => m.role_clues.push(PendingClue {
                name: name.map(|n| short_upper(&n)),
                role: if host { Role::Host } else { Role::Guest },
                reason: RoleReason::of_clue(clue, word, from),
                prose: clue == RoleClue::Prose,
            }),
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
        let idx = match cix.group_by_name.get(&group.to_ascii_uppercase()) {
            Some(&i) => i,
            None => {
                cix.group_by_name
                    .insert(group.to_ascii_uppercase(), cluster.groups.len());
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

    // Name: the computer the evidence names (most often), else the folder or file name (said
    // so: `name_from` is the input with the reader `file-name`).
    names.sort_by_key(|s| std::cmp::Reverse(s.from.len()));
    // The host its own KVP registry or AVMA client block names is never a guest's own name (a
    // sentence about the host before the guest's output named it so).
    let hosts: Vec<String> = m
        .identity
        .parameters
        .iter()
        .filter_map(|p| p.value.host_name.as_deref())
        .chain(
            m.products
                .iter()
                .filter_map(|p| p.facts.avma.host_machine_name.as_deref()),
        )
        .map(short_upper)
        .collect();
    if !hosts.is_empty() {
        names.retain(|n| !hosts.contains(&short_upper(&n.value)));
    }
    if let Some(first) = names.first() {
        m.name = first.value.clone();
        m.name_from = first.from.first().cloned();
    } else if let Some(file) = m.inputs.first() {
        m.name_from = Some(Provenance {
            file: file.clone(),
            line: None,
            record: None,
            reader: FILE_NAME,
        });
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
                        implied_by: None,
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
            (None, None) => {
                let own = short_upper(&m.name);
                if let Some((role, reason)) = clue_role(
                    m.role_clues
                        .iter()
                        .filter(|c| c.name.as_ref().is_none_or(|n| *n == own)),
                ) {
                    m.role = role;
                    m.role_reason = reason;
                }
            }
        }
    }
    // Version from the build, else from the caption.
    if let Some(b) = m.builds.iter().max_by_key(|s| s.from.len()) {
        m.version = cat.version_by_build(b.value).map(|v| v.id.clone());
    }
    if m.version.is_none() {
        // A caption read outranks one the user typed in a table.
        m.version = m
            .captions
            .iter()
            .filter(|c| c.value.1.is_some())
            .max_by_key(|c| (!is_typed(&c.from), c.from.len()))
            .and_then(|c| c.value.1.clone());
    }
    let typed = typed_conflicts(&m, cat);
    m.conflicts.extend(typed);
    if let Some(c) = implied_conflict(&m, cat) {
        m.conflicts.push(c);
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
                        implied_by: None,
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
        EditionSource::Typed => 3,
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
    // A public key of another edition family than the edition stated (a Datacenter guest
    // holding the Standard AVMA key): the key implies its own edition, weaker than a statement.
    let family_of = |e: &str| cat.edition(e).map(|x| x.family.clone());
    let implied_other: Vec<ConflictValue> = match m.edition.as_deref().and_then(family_of) {
        Some(fam) => m
            .implied_versions
            .iter()
            .filter(|i| i.family != fam)
            // The key a completed `DISM /Set-Edition` installed is the new edition's: the
            // edition before it is no contradiction.
            .filter(|i| {
                !m.edition_changes
                    .iter()
                    .any(|c| family_of(&c.value.edition).as_deref() == Some(i.family.as_str()))
            })
            .filter_map(|i| {
                let edition = cat
                    .editions
                    .iter()
                    .find(|e| e.family == i.family && !e.eval && !e.core)
                    .map_or_else(|| i.family.clone(), |e| e.id.clone());
                i.from.first().map(|f| ConflictValue {
                    value: edition,
                    from: f.clone(),
                    implied_by: Some(i.key.clone()),
                })
            })
            .collect(),
        None => Vec::new(),
    };
    if distinct.len() > 1 || !implied_other.is_empty() {
        let mut values: Vec<ConflictValue> = Vec::new();
        values.extend(implied_other);
        values.extend(distinct.iter().map(|e| ConflictValue {
            value: e.edition.clone(),
            from: e.from.clone(),
            implied_by: None,
        }));
        m.conflicts.push(Conflict {
            field: "edition",
            values,
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

/// The VMId in an integration service Id (`Microsoft:<VMId>\\<component>`).
fn vm_id_of_service(id: &str) -> Option<String> {
    let rest = id.trim().strip_prefix("Microsoft:")?;
    let (vm, _) = rest.split_once('\\')?;
    (vm.len() == 36).then(|| norm_guid(vm))
}

/// A GUID with its first three fields byte-swapped: SMBIOS stores them little-endian, and tools
/// differ in whether they swap them back, so a BIOS GUID is compared in both orders.
fn guid_swapped(g: &str) -> Option<String> {
    let parts: Vec<&str> = g.split('-').collect();
    if parts.len() != 5 || parts[0].len() != 8 || parts[1].len() != 4 || parts[2].len() != 4 {
        return None;
    }
    let swap = |p: &str| -> String {
        let b: Vec<&str> = (0..p.len())
            .step_by(2)
            .filter_map(|i| p.get(i..i + 2))
            .collect();
        b.into_iter().rev().collect()
    };
    Some(format!(
        "{}-{}-{}-{}-{}",
        swap(parts[0]),
        swap(parts[1]),
        swap(parts[2]),
        parts[3],
        parts[4]
    ))
}

/// Every VM the hosts and the cluster list, merged by VMId where known, else by name.
fn known_vms(machines: &[Machine], cluster: &Cluster, ix: &mut ModelIndex) -> Vec<KnownVm> {
    let mut vms: Vec<KnownVm> = Vec::new();
    let add = |vms: &mut Vec<KnownVm>,
               ix: &mut ModelIndex,
               name: &str,
               id: Option<String>,
               host: Option<&str>,
               from: &Provenance| {
        let key = name.trim().to_ascii_uppercase();
        let at = id
            .as_ref()
            .and_then(|i| ix.vm_by_id.get(i).copied())
            .or_else(|| {
                (!key.is_empty())
                    .then(|| ix.vm_by_name.get(&key).copied())
                    .flatten()
            });
        let i = match at {
            Some(i) => i,
            None => {
                vms.push(KnownVm {
                    name: name.trim().to_string(),
                    id: None,
                    bios_guid: None,
                    hosts: Vec::new(),
                    kvp: None,
                    from: from.clone(),
                    guest: None,
                });
                vms.len() - 1
            }
        };
        let v = &mut vms[i];
        if v.name.is_empty() {
            v.name = name.trim().to_string();
        }
        if !key.is_empty() {
            ix.vm_by_name.entry(key).or_insert(i);
        }
        if let (None, Some(id)) = (&v.id, id) {
            ix.vm_by_id.entry(id.clone()).or_insert(i);
            v.id = Some(id);
        }
        if let Some(h) = host {
            let h = short_upper(h);
            if !h.is_empty() && !v.hosts.contains(&h) {
                v.hosts.push(h);
            }
        }
        i
    };
    for m in machines.iter().filter(|m| m.role != Role::Guest) {
        for v in &m.vms {
            if let Some(f) = v.from.first() {
                let id = v.value.id.as_deref().map(norm_guid);
                add(&mut vms, ix, &v.value.name, id, Some(&m.name), f);
            }
        }
        for s in &m.integration_services {
            if let (Some(vm), Some(f)) = (&s.value.vm, s.from.first()) {
                let id = s.value.id.as_deref().and_then(vm_id_of_service);
                add(&mut vms, ix, vm, id, Some(&m.name), f);
            }
        }
        for k in &m.kvp_guests {
            if let Some(f) = k.from.first() {
                let name = k.value.vm.clone().unwrap_or_default();
                if name.is_empty() && k.value.vm_id.is_none() {
                    continue;
                }
                let i = add(&mut vms, ix, &name, k.value.vm_id.clone(), Some(&m.name), f);
                vms[i].kvp.get_or_insert_with(|| k.value.clone());
            }
        }
        for b in &m.vm_bios_guids {
            if let Some(f) = b.from.first() {
                let i = add(&mut vms, ix, &b.value.0, None, Some(&m.name), f);
                vms[i].bios_guid.get_or_insert_with(|| b.value.1.clone());
            }
        }
    }
    for g in cluster.groups.iter().filter(|g| g.value.is_vm()) {
        if let Some(f) = g.from.first() {
            add(
                &mut vms,
                ix,
                &g.value.name,
                None,
                g.value.owner.as_deref(),
                f,
            );
        }
    }
    vms
}

/// Link each machine that is not a host to the VM it is: by the VM ID its KVP registry holds,
/// then its BIOS GUID, then the FQDN its VM reported to the host, then the VM name in its KVP
/// registry, and only then by its computer name. A machine of unknown role that is linked is a
/// guest; one named as a cluster node is a host.
fn link(machines: &mut [Machine], cluster: &Cluster, vms: &mut [KnownVm], ix: &ModelIndex) {
    let mut by_bios: HashMap<String, usize> = HashMap::new();
    let mut by_fqdn: HashMap<String, usize> = HashMap::new();
    for (i, v) in vms.iter().enumerate() {
        if let Some(b) = &v.bios_guid {
            by_bios.entry(b.clone()).or_insert(i);
            if let Some(s) = guid_swapped(b) {
                by_bios.entry(s).or_insert(i);
            }
        }
        if let Some(f) = v.kvp.as_ref().and_then(|k| k.fqdn.as_deref()) {
            by_fqdn.entry(short_upper(f)).or_insert(i);
        }
    }
    let listed = cluster_node_names(cluster);
    let nodes: std::collections::HashSet<String> = listed.iter().map(|n| n.0.clone()).collect();
    for (mi, m) in machines.iter_mut().enumerate() {
        if m.role == Role::Host {
            continue;
        }
        let key = short_upper(&m.name);
        if m.role == Role::Unknown && nodes.contains(&key) {
            if let Some((_, from)) = listed.iter().find(|n| n.0 == key) {
                m.role = Role::Host;
                m.role_reason = RoleReason::ClusterNode { from: from.clone() };
                continue;
            }
        }
        let params = m.identity.parameters.as_ref();
        let params_from = params.and_then(|p| p.from.first().cloned());
        let bios_from = m
            .identity
            .bios_guid
            .as_ref()
            .and_then(|b| b.from.first().cloned());
        let found = params
            .and_then(|p| p.value.vm_id.as_ref())
            .and_then(|id| ix.vm_by_id.get(id))
            .map(|&i| (i, LinkBy::VmId, params_from.clone()))
            .or_else(|| {
                let b = m.identity.bios_guid.as_ref()?;
                by_bios
                    .get(&b.value)
                    .map(|&i| (i, LinkBy::BiosGuid, bios_from.clone()))
            })
            .or_else(|| by_fqdn.get(&key).map(|&i| (i, LinkBy::KvpFqdn, None)))
            .or_else(|| {
                let n = params?.value.vm_name.as_deref()?;
                ix.vm_by_name
                    .get(&n.trim().to_ascii_uppercase())
                    .map(|&i| (i, LinkBy::KvpName, params_from.clone()))
            })
            .or_else(|| {
                ix.vm_by_name
                    .get(&m.name.trim().to_ascii_uppercase())
                    .map(|&i| (i, LinkBy::Name, None))
            });
        let Some((vi, by, from)) = found else {
            continue;
        };
        let v = &mut vms[vi];
        v.guest.get_or_insert(mi);
        m.vm = Some(VmLink {
            name: v.name.clone(),
            id: v.id.clone(),
            by,
            hosts: v.hosts.clone(),
            from,
            listed: v.from.clone(),
        });
        if m.role == Role::Unknown {
            m.role = Role::Guest;
            m.role_reason = RoleReason::VmOfHost {
                from: v.from.clone(),
            };
        }
    }
}

/// The cluster's nodes as the evidence lists them: `Get-ClusterNode`'s nodes, and every node
/// named as a group's owner, possible or preferred owner, each with where it was first seen.
fn cluster_node_names(cluster: &Cluster) -> Vec<(String, Provenance)> {
    let mut out: Vec<(String, Provenance)> = Vec::new();
    let mut add = |name: &str, from: Option<&Provenance>| {
        let key = short_upper(name);
        if crate::clean::is_host_name(&key) && !out.iter().any(|(n, _)| *n == key) {
            if let Some(f) = from {
                out.push((key, f.clone()));
            }
        }
    };
    for n in &cluster.nodes {
        add(&n.value.name, n.from.first());
    }
    for g in &cluster.groups {
        let g_from = g.from.first();
        if let Some(o) = &g.value.owner {
            add(o, g_from);
        }
        for o in g
            .value
            .possible_owners
            .iter()
            .chain(&g.value.preferred_owners)
            .flatten()
        {
            add(o, g_from);
        }
    }
    out
}

/// Every node the cluster evidence lists is a machine of the model (audit and diagnose see it
/// even when nothing was collected on it), named where it is listed. Linear.
fn listed_nodes(machines: &mut Vec<Machine>, cluster: &Cluster, cat: &Catalog) {
    let have: std::collections::HashSet<String> =
        machines.iter().map(|m| short_upper(&m.name)).collect();
    for (name, from) in cluster_node_names(cluster) {
        if have.contains(&name) {
            continue;
        }
        let mut scratch = Cluster::default();
        let mut m = build_machine(
            MachineInput {
                label: name,
                role: None,
                results: Vec::new(),
            },
            cat,
            &mut scratch,
        );
        m.inputs = vec![from.file.clone()];
        m.name_from = Some(from.clone());
        m.role = Role::Host;
        m.role_reason = RoleReason::ClusterNode { from };
        machines.push(m);
    }
}

/// Role clues that name another machine (`the host HV-01` in a guest's paste) give that
/// machine its role when nothing else did.
fn named_clues(machines: &mut [Machine]) {
    let mut named: Vec<(String, PendingClue)> = Vec::new();
    for m in machines.iter() {
        let own = short_upper(&m.name);
        for c in &m.role_clues {
            if let Some(n) = c.name.as_ref().filter(|n| **n != own) {
                named.push((n.clone(), c.clone()));
            }
        }
    }
    if named.is_empty() {
        return;
    }
    for m in machines.iter_mut().filter(|m| m.role == Role::Unknown) {
        let own = short_upper(&m.name);
        if let Some((role, reason)) =
            clue_role(named.iter().filter(|(n, _)| *n == own).map(|(_, c)| c))
        {
            m.role = role;
            m.role_reason = reason;
        }
    }
}

/// A machine of no known role that a guest's AVMA client block names as its host is that
/// host (`Host machine name: HV-01` in the guest's `/dli`, HV-01's own output beside it).
fn avma_hosts(machines: &mut [Machine]) {
    let mut named: Vec<(String, String, Provenance)> = Vec::new();
    for m in machines.iter().filter(|m| m.role == Role::Guest) {
        for p in &m.products {
            if let Some(h) = p.facts.avma.host_machine_name.as_ref() {
                let h = short_upper(h);
                if h != short_upper(&m.name) {
                    named.push((h, m.name.clone(), p.from.clone()));
                }
            }
        }
    }
    for m in machines.iter_mut().filter(|m| m.role == Role::Unknown) {
        let own = short_upper(&m.name);
        if let Some((_, guest, from)) = named.iter().find(|x| x.0 == own) {
            m.role = Role::Host;
            m.role_reason = RoleReason::AvmaHostOf {
                from: from.clone(),
                guest: guest.clone(),
            };
        }
    }
}

/// Build the model of every machine, and the cluster their cmdlet output describes.
/// A file that holds several machines with certain boundaries (its read result's `sections`)
/// becomes one input per machine: each fact goes to the machine whose section holds its line
/// (facts before the first marker, or without a line, to the first machine).
fn split_by_machine(inputs: Vec<MachineInput>) -> Vec<(MachineInput, Option<Provenance>)> {
    let mut out = Vec::with_capacity(inputs.len());
    for mut input in inputs {
        if input.results.len() != 1 || input.results[0].sections.len() < 2 {
            out.push((input, None));
            continue;
        }
        let mut r = input.results.remove(0);
        let sections = std::mem::take(&mut r.sections);
        let mut names: Vec<String> = Vec::new();
        for (_, n) in &sections {
            if !names.contains(n) {
                names.push(n.clone());
            }
        }
        let observations = std::mem::take(&mut r.observations);
        let mut parts: Vec<ReadResult> = names
            .iter()
            .enumerate()
            .map(|(k, _)| {
                let mut p = r.clone();
                if k > 0 {
                    p.notes.clear();
                    p.problems.clear();
                    p.warnings.clear();
                    p.lines = None;
                }
                p
            })
            .collect();
        for o in observations {
            let line = o.from.line.unwrap_or(0);
            let k = sections.partition_point(|s| s.0 <= line).saturating_sub(1);
            let idx = names.iter().position(|n| *n == sections[k].1).unwrap_or(0);
            parts[idx].observations.push(o);
        }
        // The input's own machine ("") when every observation went to a named section: no
        // machine of its own (it would be a name alone, "nothing to judge"); what the input said
        // of itself (notes, problems, line counts) goes with the first named part.
        if names.len() > 1 && names[0].is_empty() && parts[0].observations.is_empty() {
            let own = parts.remove(0);
            names.remove(0);
            let first = &mut parts[0];
            first.notes = own.notes;
            first.problems = own.problems;
            first.warnings = own.warnings;
            first.lines = own.lines;
        }
        for (name, part) in names.into_iter().zip(parts) {
            // Where the section that names the machine starts.
            let anonymous = crate::clue::is_anonymous(&name);
            let named_at = sections
                .iter()
                .find(|s| !name.is_empty() && !anonymous && s.1 == name)
                .map(|s| Provenance::line(&part.file, s.0, "section"));
            out.push((
                MachineInput {
                    // A section named "" is the input's own machine; one of a host or a guest
                    // the text does not name is the input's with its role (`10-guest`).
                    label: if name.is_empty() {
                        input.label.clone()
                    } else if anonymous {
                        format!("{}-{}", input.label, name.trim_start_matches('\u{1}'))
                    } else {
                        name
                    },
                    role: input.role,
                    results: vec![part],
                },
                named_at,
            ));
        }
    }
    out
}

/// A conflict whose values were read on both sides of an uncertain boundary between two
/// machines' outputs in one file (`ReadResult::parts`): not a conflict of one machine (a note
/// said the file seems to hold several).
fn across_parts(c: &Conflict, parts: &[(String, Vec<u64>)]) -> bool {
    let part = |f: &Provenance| {
        let ps = parts.iter().find(|p| p.0 == f.file)?;
        Some(ps.1.partition_point(|s| *s < f.line.unwrap_or(0)))
    };
    let mut seen: Vec<usize> = Vec::new();
    for v in &c.values {
        match part(&v.from) {
            Some(k) if !seen.contains(&k) => seen.push(k),
            Some(_) => {}
            None => return false,
        }
    }
    seen.len() >= 2
}

pub fn build(inputs: Vec<MachineInput>, cat: &Catalog) -> Model {
    let mut cluster = Cluster::default();
    let mut cix = ClusterIndex::default();
    let parts: Vec<(String, Vec<u64>)> = inputs
        .iter()
        .flat_map(|i| &i.results)
        .filter(|r| !r.parts.is_empty())
        .map(|r| (r.file.clone(), r.parts.clone()))
        .collect();
    let mut machines: Vec<Machine> = split_by_machine(inputs)
        .into_iter()
        .map(|(i, named_at)| {
            let mut m = build_machine_indexed(i, cat, &mut cluster, &mut cix);
            // A section's machine is named by where its section starts when nothing in it
            // gave its computer name.
            if let Some(at) = named_at.filter(|_| !m.name_known()) {
                m.name_from = Some(at);
            }
            m
        })
        .collect();
    if !parts.is_empty() {
        for m in &mut machines {
            m.conflicts.retain(|c| !across_parts(c, &parts));
        }
    }
    listed_nodes(&mut machines, &cluster, cat);
    let mut ix = ModelIndex::default();
    let mut vms = known_vms(&machines, &cluster, &mut ix);
    link(&mut machines, &cluster, &mut vms, &ix);
    named_clues(&mut machines);
    avma_hosts(&mut machines);
    for (i, m) in machines.iter().enumerate() {
        ix.machine_by_name.entry(short_upper(&m.name)).or_insert(i);
    }
    for (i, n) in cluster.nodes.iter().enumerate() {
        ix.node_by_name
            .entry(short_upper(&n.value.name))
            .or_insert(i);
    }
    ix.group_by_name = cix.group_by_name;
    let has_cluster = !cluster.nodes.is_empty() || !cluster.groups.is_empty();
    Model {
        machines,
        cluster: has_cluster.then_some(cluster),
        vms,
        index: ix,
    }
}
