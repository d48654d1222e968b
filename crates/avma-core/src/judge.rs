//! The one judgement: can this host activate that guest, what is wrong with a guest, and the fix
//! for each cause. `plan`, `diagnose`, `audit`, `simulate`, `ledger` and `lint` take their
//! verdicts and their fix commands from here; none writes its own slmgr line.
//!
//! Inputs are typed domain values ([`Family`], [`Channel`], [`Hresult`], catalog keys), never
//! strings compared ad hoc; fixes are [`Command`]s from the quoting layer.
//!
//! Pure: no IO, no clock. A lapse is given as days left *as of the evidence's time*, computed by
//! the caller from that time.

use crate::catalog::{Catalog, Confidence, Edition, Key, KeyKind, Version};
use crate::plan::{check_conversion, ConversionCheck};
use crate::rules::{self, Rule};
use crate::shell::{Arg, Command};

/// An edition family, from the catalog's family id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Family {
    Standard,
    Datacenter,
    DatacenterAzure,
    Essentials,
    AzureLocal,
    AzureCore,
    Client,
    LegacyServer,
    Other,
}

impl Family {
    pub fn parse(id: &str) -> Family {
        match id {
            "standard" => Family::Standard,
            "datacenter" => Family::Datacenter,
            "datacenter-azure" => Family::DatacenterAzure,
            "essentials" => Family::Essentials,
            "azure-local" => Family::AzureLocal,
            "azure-core" => Family::AzureCore,
            "client" => Family::Client,
            "legacy-server" => Family::LegacyServer,
            _ => Family::Other,
        }
    }
    pub fn of(e: &Edition) -> Family {
        Family::parse(&e.family)
    }
    /// Guests AVMA activates (with an AVMA key of this family).
    pub fn is_avma_guest(self) -> bool {
        matches!(
            self,
            Family::Standard | Family::Datacenter | Family::DatacenterAzure | Family::Essentials
        )
    }
}

/// A licensing channel, from the token Windows prints (`VOLUME_KMSCLIENT`, `OEM_DM`, ...).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Channel {
    /// VIRTUAL_MACHINE_ACTIVATION: activated by an AVMA host.
    Avma,
    /// VOLUME_KMSCLIENT: a KMS client setup key, activated by a KMS host.
    KmsClient,
    Mak,
    KmsHost,
    /// OEM_DM, OEM_SLP, OEM_COA...: an OEM licence (OEM_DM: the key is in the firmware).
    Oem {
        firmware: bool,
    },
    Retail,
    /// TIMEBASED_EVAL: an evaluation.
    Eval,
    Other,
}

impl Channel {
    pub fn parse(token: &str) -> Channel {
        let t = token.trim().to_ascii_uppercase();
        match t.as_str() {
            "VIRTUAL_MACHINE_ACTIVATION" => Channel::Avma,
            "VOLUME_KMSCLIENT" => Channel::KmsClient,
            "VOLUME_MAK" => Channel::Mak,
            "VOLUME_KMS" => Channel::KmsHost,
            "RETAIL" => Channel::Retail,
            "TIMEBASED_EVAL" => Channel::Eval,
            "OEM_DM" => Channel::Oem { firmware: true },
            _ if t.starts_with("OEM") => Channel::Oem { firmware: false },
            _ => Channel::Other,
        }
    }
}

/// An HRESULT as the licensing service reports it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Hresult(pub u32);

impl Hresult {
    pub const NO_KEY: Hresult = Hresult(0xC004_F014);
    pub const EVAL_NO_AVMA: Hresult = Hresult(0xC004_F069);
    pub const KMS_UNREACHABLE: Hresult = Hresult(0xC004_F074);
    pub const AVMA_THROTTLED: Hresult = Hresult(0xC004_FD00);
    pub const UNSUPPORTED_PLATFORM: Hresult = Hresult(0xC004_FD01);
    pub const HOST_NOT_ACTIVATED: Hresult = Hresult(0xC004_FD02);
    pub const AVMA_FD03: Hresult = Hresult(0xC004_FD03);
    pub const AVMA_FD04: Hresult = Hresult(0xC004_FD04);

    /// An AVMA failure code (0xC004FD00–0xC004FD04).
    pub fn is_avma(self) -> bool {
        (0xC004_FD00..=0xC004_FD04).contains(&self.0)
    }
    pub fn is_failure(self) -> bool {
        self.0 >= 0x8000_0000
    }
}

/// Where a host runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Platform {
    /// Windows Server with Hyper-V on its own hardware (or the evidence does not say).
    #[default]
    HyperV,
    /// Azure Local (Azure Stack HCI).
    AzureLocal,
    /// Azure's public cloud: AVMA is not supported there.
    Azure,
}

/// What is known about a host, as of the evidence's time.
#[derive(Debug, Clone, Copy, Default)]
pub struct Host<'c> {
    pub version: Option<&'c Version>,
    pub edition: Option<&'c Edition>,
    /// LicenseStatus is 1.
    pub activated: Option<bool>,
    pub channel: Option<Channel>,
    /// Days until its licence lapses (negative: lapsed), when it lapses at all.
    pub lapse_days: Option<i64>,
    pub platform: Platform,
}

impl Host<'_> {
    pub fn platform(&self) -> Platform {
        if self
            .edition
            .is_some_and(|e| Family::of(e) == Family::AzureLocal)
        {
            Platform::AzureLocal
        } else {
            self.platform
        }
    }
}

/// Why a host cannot activate a guest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum HostProblem {
    /// Not Datacenter (nor Azure Local): Standard, Essentials, Azure Edition of a version that
    /// is no AVMA host, ...
    NotDatacenter,
    NotActivated,
    /// Its licence has lapsed (was activated, the grace or evaluation ran out).
    Lapsed,
    TooOld,
    /// Azure Local whose licensing methods do not cover this guest version.
    AzureLocalNotCovered,
    /// A Datacenter: Azure Edition guest on a host that is not Azure Local.
    AzureEditionGuestOffAzure,
    /// Azure's public cloud.
    OnAzure,
}

impl HostProblem {
    pub fn rule(self) -> &'static Rule {
        match self {
            HostProblem::NotDatacenter => &rules::HOST_NOT_DATACENTER,
            HostProblem::NotActivated | HostProblem::Lapsed => &rules::HOST_NOT_ACTIVATED,
            HostProblem::TooOld | HostProblem::AzureLocalNotCovered => {
                &rules::HOST_TOO_OLD_FOR_GUEST
            }
            HostProblem::AzureEditionGuestOffAzure => &rules::AZURE_EDITION_OFF_AZURE,
            HostProblem::OnAzure => &rules::UNSUPPORTED_VIRTUALIZATION_PLATFORM,
        }
    }
    /// Problems of the host itself, whatever the guest (a node fix helps all its VMs).
    pub fn is_host_wide(self) -> bool {
        matches!(
            self,
            HostProblem::NotDatacenter
                | HostProblem::NotActivated
                | HostProblem::Lapsed
                | HostProblem::OnAzure
        )
    }
}

/// Can a host activate a guest?
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Can {
    Yes,
    /// Yes, for this many more days (the licence lapses within the warning window).
    Until {
        days: i64,
    },
    No(HostProblem),
    /// A fact is missing (named).
    Unknown(&'static str),
}

impl Can {
    pub fn works_now(self) -> bool {
        matches!(self, Can::Yes | Can::Until { .. })
    }
}

/// The host's own state, whatever the guest: edition, activation, lapse, platform.
pub fn host_base(h: &Host<'_>, warn_days: u32) -> Can {
    if h.platform() == Platform::Azure {
        return Can::No(HostProblem::OnAzure);
    }
    let Some(e) = h.edition else {
        return Can::Unknown("edition");
    };
    let fam = Family::of(e);
    let host_family = match fam {
        Family::Datacenter | Family::AzureLocal => true,
        // Datacenter: Azure Edition of 2025 can be a (nested) AVMA host.
        Family::DatacenterAzure => h
            .version
            .is_some_and(|v| v.id == "2025" || v.key_generation.as_deref() == Some("2025")),
        _ => false,
    };
    if !host_family {
        return Can::No(HostProblem::NotDatacenter);
    }
    match h.activated {
        None => return Can::Unknown("license_status"),
        Some(false) => {
            return Can::No(if h.lapse_days.is_some_and(|d| d < 0) {
                HostProblem::Lapsed
            } else {
                HostProblem::NotActivated
            })
        }
        Some(true) => {}
    }
    match h.lapse_days {
        Some(d) if d < 0 => Can::No(HostProblem::Lapsed),
        Some(d) if d <= i64::from(warn_days) => Can::Until { days: d },
        _ => Can::Yes,
    }
}

/// Within this many whole days left a host licence is lapsing (an error), by default.
pub const CRITICAL_DAYS: u32 = 7;

/// The one rule for a host licence that ends in `days_left` whole days (counted down from the
/// as-of time): host-license-lapsing (AV302) within `critical_days`, else host-license-expiring
/// (AV301). diagnose, audit, report and check all ask here, so one node is one rule everywhere.
pub fn lapse_rule(days_left: i64, critical_days: u32) -> &'static Rule {
    if days_left <= i64::from(critical_days) {
        &rules::HOST_LICENSE_LAPSING
    } else {
        &rules::HOST_LICENSE_EXPIRING
    }
}

/// The host for a guest of this version and edition, from its base state.
pub fn host_for_guest(
    h: &Host<'_>,
    base: Can,
    gv: Option<&Version>,
    ge: Option<&Edition>,
    cat: &Catalog,
) -> Can {
    if !base.works_now() {
        return base;
    }
    let Some(gv) = gv else {
        return Can::Unknown("vm version");
    };
    let azure_local = h.platform() == Platform::AzureLocal;
    if ge.is_some_and(|e| Family::of(e) == Family::DatacenterAzure) && !azure_local {
        return Can::No(HostProblem::AzureEditionGuestOffAzure);
    }
    if azure_local {
        return if azure_local_covers(gv, cat) {
            base
        } else {
            Can::No(HostProblem::AzureLocalNotCovered)
        };
    }
    let Some(hv) = h.version else {
        return Can::Unknown("node version");
    };
    match cat.host_can_activate(&hv.id, &gv.id) {
        Some(x) if !x.supported => Can::No(HostProblem::TooOld),
        Some(_) => base,
        None => Can::Unknown("version"),
    }
}

/// The version part alone of [`host_for_guest`]: can a host of this version (and platform)
/// activate a guest of that version and edition, whatever its own edition, activation and
/// licence (those are the host's own findings)? A node too old for the guest is too old even
/// when the evidence does not tell its edition.
pub fn host_version_for_guest(
    h: &Host<'_>,
    gv: Option<&Version>,
    ge: Option<&Edition>,
    cat: &Catalog,
) -> Can {
    host_for_guest(h, Can::Yes, gv, ge, cat)
}

/// One call: base and guest together.
pub fn host_can(
    h: &Host<'_>,
    gv: Option<&Version>,
    ge: Option<&Edition>,
    warn_days: u32,
    cat: &Catalog,
) -> Can {
    host_for_guest(h, host_base(h, warn_days), gv, ge, cat)
}

/// Whether an Azure Local host activates guests of this version (the widest method: the
/// Windows Server subscription).
pub fn azure_local_covers(gv: &Version, cat: &Catalog) -> bool {
    cat.azure_local
        .iter()
        .find(|m| m.method == "ws-subscription")
        .is_some_and(|m| {
            m.guests
                .iter()
                .any(|g| *g == gv.id || Some(g.as_str()) == gv.key_generation.as_deref())
        })
}

/// The confidence of "this host version activates that guest version", when it is not official.
pub fn pair_confidence(hv: &Version, gv: &Version, cat: &Catalog) -> Option<Confidence> {
    cat.host_can_activate(&hv.id, &gv.id)
        .map(|x| x.confidence)
        .filter(|c| *c != Confidence::Official)
}

/// What is known about a guest.
#[derive(Debug, Clone, Copy, Default)]
pub struct Guest<'c> {
    pub version: Option<&'c Version>,
    pub edition: Option<&'c Edition>,
    pub channel: Option<Channel>,
    /// The catalog key its partial key maps to (public keys only).
    pub key: Option<&'c Key>,
    /// Whether a key is installed at all (None: unknown).
    pub has_key: Option<bool>,
    /// LicenseStatus is 1.
    pub activated: Option<bool>,
    pub data_exchange: Option<bool>,
}

/// A problem of the guest itself, on any host. The order is the order of causes: a guest that
/// is not supported has no other problem worth reporting; an evaluation edition comes before
/// its key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum GuestProblem {
    NotSupported,
    Evaluation,
    KmsKey,
    AvmaKeyWrongVersion,
    AvmaKeyWrongEdition,
    NoKey,
    DataExchangeOff,
}

impl GuestProblem {
    pub fn rule(self) -> &'static Rule {
        match self {
            GuestProblem::NotSupported => &rules::GUEST_NOT_SUPPORTED,
            GuestProblem::Evaluation => &rules::GUEST_EVALUATION_EDITION,
            GuestProblem::KmsKey => &rules::GUEST_KMS_KEY_INSTALLED,
            GuestProblem::AvmaKeyWrongVersion => &rules::GUEST_AVMA_KEY_WRONG_VERSION,
            GuestProblem::AvmaKeyWrongEdition => &rules::GUEST_AVMA_KEY_WRONG_EDITION,
            GuestProblem::NoKey => &rules::GUEST_NO_PRODUCT_KEY,
            GuestProblem::DataExchangeOff => &rules::DATA_EXCHANGE_DISABLED,
        }
    }
}

/// Whether AVMA can activate this guest at all (version and family).
pub fn guest_supported(gv: Option<&Version>, ge: Option<&Edition>) -> Option<bool> {
    let fam_ok = ge.is_none_or(|e| Family::of(e).is_avma_guest());
    match gv {
        Some(v) => Some(v.avma_guest && fam_ok),
        None if !fam_ok => Some(false),
        None => None,
    }
}

/// [`guest_supported`], and an AVMA key exists for its version and edition (none for 2022
/// Essentials, nor for an Azure Edition of a version that has none): the one answer plan,
/// diagnose (its gate), audit and simulate give.
pub fn guest_avma_supported(
    gv: Option<&Version>,
    ge: Option<&Edition>,
    cat: &Catalog,
) -> Option<bool> {
    let no_avma_key = match (gv, ge) {
        (Some(v), Some(e)) => avma_key_for(v, e, cat).is_none(),
        _ => false,
    };
    if no_avma_key {
        return Some(false);
    }
    guest_supported(gv, ge)
}

/// The guest's own problems, causes first. A guest that is not supported has only that one.
pub fn guest_problems(g: &Guest<'_>, cat: &Catalog) -> Vec<GuestProblem> {
    let mut out = Vec::new();
    if guest_avma_supported(g.version, g.edition, cat) == Some(false) {
        // Not supported at all, or no AVMA key exists for its version and edition (2022
        // Essentials): the same verdict as the plan's.
        out.push(GuestProblem::NotSupported);
        return out;
    }
    let eval = g.edition.is_some_and(|e| e.eval) || g.channel == Some(Channel::Eval);
    if eval {
        out.push(GuestProblem::Evaluation);
    }
    let kms =
        g.channel == Some(Channel::KmsClient) || g.key.is_some_and(|k| k.kind == KeyKind::Gvlk);
    if kms {
        out.push(GuestProblem::KmsKey);
    } else if let Some(k) = g.key.filter(|k| k.kind == KeyKind::Avma) {
        if g.version
            .is_some_and(|v| !k.serves(&v.id) && !k.serves(cat.key_generation(v)))
        {
            out.push(GuestProblem::AvmaKeyWrongVersion);
        } else if g.edition.is_some_and(|e| !e.eval && e.family != k.family) {
            out.push(GuestProblem::AvmaKeyWrongEdition);
        }
    } else if g.has_key == Some(false) && !eval {
        out.push(GuestProblem::NoKey);
    }
    if g.data_exchange == Some(false) {
        out.push(GuestProblem::DataExchangeOff);
    }
    out
}

// ----------------------------------------------------------------------------------------
// Activation records (the ledger): what an event says, and how long an activation lasts.

/// The result an AVMA event's message names. The four notifications are Microsoft's (the AVMA
/// page's table of the events "captured on the VMs": AVMA Success, Invalid Host, Invalid Data,
/// Activation Denied; official). The message text around them, its other languages and any
/// mapping of a notification to an HRESULT are not documented (UNVERIFIED): only these words
/// are read, and no code is inferred from them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum AvmaResult {
    /// "AVMA Success": the VM was activated.
    AvmaSuccess,
    /// "Invalid Host": the virtualization host is unresponsive (or runs an unsupported Windows).
    InvalidHost,
    /// "Invalid Data": host and VM failed to communicate (corruption, encryption, mismatch).
    InvalidData,
    /// "Activation Denied": the host could not activate the guest (the AVMA ID did not match).
    ActivationDenied,
}

impl AvmaResult {
    pub const ALL: [AvmaResult; 4] = [
        AvmaResult::AvmaSuccess,
        AvmaResult::InvalidHost,
        AvmaResult::InvalidData,
        AvmaResult::ActivationDenied,
    ];

    /// The notification's name as Microsoft's table spells it.
    pub fn words(self) -> &'static str {
        match self {
            AvmaResult::AvmaSuccess => "AVMA Success",
            AvmaResult::InvalidHost => "Invalid Host",
            AvmaResult::InvalidData => "Invalid Data",
            AvmaResult::ActivationDenied => "Activation Denied",
        }
    }

    /// The stable token (JSON, ledger outcome): `avma-success`, `invalid-host`, ...
    pub fn token(self) -> &'static str {
        match self {
            AvmaResult::AvmaSuccess => "avma-success",
            AvmaResult::InvalidHost => "invalid-host",
            AvmaResult::InvalidData => "invalid-data",
            AvmaResult::ActivationDenied => "activation-denied",
        }
    }

    pub fn is_success(self) -> bool {
        self == AvmaResult::AvmaSuccess
    }

    /// The result a message names: a failure named anywhere wins over a success named beside it
    /// (a message that says both is not a success). Case and spacing are not significant.
    pub fn in_message(text: &str) -> Option<AvmaResult> {
        let flat: String = text
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase();
        let named = |r: AvmaResult| flat.contains(&r.words().to_lowercase());
        AvmaResult::ALL
            .into_iter()
            .filter(|r| !r.is_success())
            .find(|r| named(*r))
            .or_else(|| named(AvmaResult::AvmaSuccess).then_some(AvmaResult::AvmaSuccess))
    }
}

/// What an activation record (12309, 12310, the guest's AVMA properties) says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Record {
    /// The message names "AVMA Success", or a value is the success code 0x00000000, and
    /// nothing in the record names a failure.
    Success,
    /// The first failure HRESULT among its values.
    Failure(Hresult),
    /// The message names a failed result and no failure HRESULT is among the values.
    Refused(AvmaResult),
    /// Neither a result nor a code: the record says nothing about how the request ended.
    Unknown,
}

/// The outcome of an activation record from the result its message names and the HRESULTs
/// among its values. Never a success by default: a record with neither is `Unknown`.
pub fn record_outcome(result: Option<AvmaResult>, hresults: &[u32]) -> Record {
    if let Some(h) = hresults
        .iter()
        .map(|h| Hresult(*h))
        .find(|h| h.is_failure())
    {
        return Record::Failure(h);
    }
    match result {
        Some(r) if !r.is_success() => Record::Refused(r),
        Some(_) => Record::Success,
        None if hresults.contains(&0) => Record::Success,
        None => Record::Unknown,
    }
}

/// The cause an AVMA failure code names where its documented meaning names one: 0xC004FD00
/// throttled, 0xC004FD01 not Hyper-V, 0xC004FD02 the host not activated. 0xC004FD03 (the host
/// cannot activate this edition or version: which one, the code does not say), 0xC004FD04 (no
/// host binding yet) and other codes name no single cause: `None`.
pub fn cause_of(h: Hresult) -> Option<&'static Rule> {
    match h {
        Hresult::AVMA_THROTTLED => Some(&rules::AVMA_THROTTLED),
        Hresult::UNSUPPORTED_PLATFORM => Some(&rules::UNSUPPORTED_VIRTUALIZATION_PLATFORM),
        Hresult::HOST_NOT_ACTIVATED => Some(HostProblem::NotActivated.rule()),
        _ => None,
    }
}

/// An AVMA activation as of a time, from its last success.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ActivationState {
    /// Within its validity (`age_days` since the last success).
    Valid { age_days: i64 },
    /// Older than the validity: it has lapsed unless renewed since (the evidence does not say).
    Lapsed { age_days: i64 },
    /// No time to compare with.
    Unknown,
}

/// How an AVMA activation last renewed at `last` (seconds since the epoch) stands at `at`, for a
/// validity of `validity_days` (not documented: an assumption the caller names as such).
pub fn activation_state(last: Option<i64>, at: Option<i64>, validity_days: u32) -> ActivationState {
    match (last, at) {
        (Some(l), Some(a)) => {
            let age_days = (a - l).div_euclid(86_400);
            if age_days > i64::from(validity_days) {
                ActivationState::Lapsed { age_days }
            } else {
                ActivationState::Valid { age_days }
            }
        }
        _ => ActivationState::Unknown,
    }
}

// ----------------------------------------------------------------------------------------
// Fixes.

/// Where a fix's command runs, when the fix spans machines (the host's step, then the guest's):
/// said with each command in text, Markdown and JSON (`run_on`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RunOn {
    Host,
    Guest,
}

impl RunOn {
    /// The JSON token (`"host"`, `"guest"`).
    pub fn as_str(self) -> &'static str {
        match self {
            RunOn::Host => "host",
            RunOn::Guest => "guest",
        }
    }
}

/// A fix: the same steps for cmd.exe and for PowerShell (which may use CIM instead of slmgr).
/// `cmd_on`/`ps_on` say where each command runs (by index; missing or `None`: where the
/// finding's machine is, as before).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Fix {
    pub cmd: Vec<Command>,
    pub ps: Vec<Command>,
    pub cmd_on: Vec<Option<RunOn>>,
    pub ps_on: Vec<Option<RunOn>>,
}

impl Fix {
    pub fn new() -> Fix {
        Fix::default()
    }
    /// A command that reads the same in both shells (DISM, sc.exe, a cmdlet).
    pub fn both(self, c: Command) -> Fix {
        self.cmd(c.clone()).ps(c)
    }
    pub fn cmd(mut self, c: Command) -> Fix {
        self.cmd_on.resize(self.cmd.len(), None);
        self.cmd.push(c);
        self.cmd_on.push(None);
        self
    }
    pub fn ps(mut self, c: Command) -> Fix {
        self.ps_on.resize(self.ps.len(), None);
        self.ps.push(c);
        self.ps_on.push(None);
        self
    }
    pub fn then(mut self, other: Fix) -> Fix {
        self.cmd_on.resize(self.cmd.len(), None);
        self.ps_on.resize(self.ps.len(), None);
        let (n, m) = (other.cmd.len(), other.ps.len());
        self.cmd.extend(other.cmd);
        self.ps.extend(other.ps);
        self.cmd_on
            .extend((0..n).map(|i| other.cmd_on.get(i).copied().flatten()));
        self.ps_on
            .extend((0..m).map(|i| other.ps_on.get(i).copied().flatten()));
        self
    }
    /// Every command of this fix that says nowhere else runs on `place`.
    pub fn on(mut self, place: RunOn) -> Fix {
        self.cmd_on.resize(self.cmd.len(), None);
        self.ps_on.resize(self.ps.len(), None);
        for o in self.cmd_on.iter_mut().chain(self.ps_on.iter_mut()) {
            o.get_or_insert(place);
        }
        self
    }
    /// Where the `i`th cmd (`ps`: PowerShell) command runs.
    pub fn run_on(&self, ps: bool, i: usize) -> Option<RunOn> {
        let on = if ps { &self.ps_on } else { &self.cmd_on };
        on.get(i).copied().flatten()
    }
    pub fn is_empty(&self) -> bool {
        self.cmd.is_empty() && self.ps.is_empty()
    }
}

/// A guest failing with 0xC004FD02 (its host is not activated): the host's fix, on the host,
/// then the guest's activation and check, in the guest; each command says where it runs.
pub fn host_then_guest_fix(host: Fix) -> Fix {
    host.on(RunOn::Host)
        .then(activate(None).then(show_license(false)).on(RunOn::Guest))
}

/// `SoftwareLicensingProduct` of Windows with a key, for PowerShell pipelines.
pub const SLP_FILTER: &str = concat!(
    "Get-CimInstance -ClassName SoftwareLicensingProduct -Filter \"ApplicationID='",
    "55c92734-d682-4d71-983e-d6ec3f16059f",
    "' AND PartialProductKey IS NOT NULL\""
);
const SLP_FIELDS: &str = "| Format-List Name, Description, LicenseStatus, GracePeriodRemaining, PartialProductKey, AutomaticVMActivationHostMachineName, AutomaticVMActivationLastActivationTime";
const KVP_WHERE: &str = concat!(
    "| Where-Object { $_.Id -like '*",
    "2A34B1C2-FD73-4043-8A5B-DD2159BC743F",
    "' }"
);

/// `slmgr /ipk KEY` and its CIM form, for a public key of the catalog (shown in full).
pub fn install_public_key(k: &Key) -> Fix {
    install(
        Arg::word(k.key.clone()),
        Arg::value(k.key.clone(), "product key"),
    )
}

/// `slmgr /ipk <what>`: a key the evidence does not tell (the user fills it in).
pub fn install_key_placeholder(what: &'static str) -> Fix {
    install(Arg::placeholder(what), Arg::placeholder(what))
}

fn install(cmd: Arg, ps: Arg) -> Fix {
    Fix::new()
        .cmd(Command::slmgr([Arg::lit("/ipk"), cmd]))
        .ps(Command::powershell(
            "Get-CimInstance -ClassName SoftwareLicensingService | Invoke-CimMethod -MethodName InstallProductKey -Arguments",
            [Arg::lit("@{ ProductKey ="), ps, Arg::lit("}")],
        ))
}

/// `slmgr /ato` and its CIM form (on the product with this partial key, or every Windows one).
pub fn activate(last5: Option<&str>) -> Fix {
    let ps = match last5 {
        Some(l) => Command::powershell(
            "Get-CimInstance -ClassName SoftwareLicensingProduct -Filter",
            [
                Arg::join([
                    Arg::lit("\"ApplicationID='55c92734-d682-4d71-983e-d6ec3f16059f' AND PartialProductKey='"),
                    Arg::word(l),
                    Arg::lit("'\""),
                ]),
                Arg::lit("| Invoke-CimMethod -MethodName Activate"),
            ],
        ),
        None => Command::powershell(SLP_FILTER, [Arg::lit("| Invoke-CimMethod -MethodName Activate")]),
    };
    Fix::new().cmd(Command::slmgr([Arg::lit("/ato")])).ps(ps)
}

/// `slmgr /dlv` (or /xpr) and the CIM query.
pub fn show_license(xpr: bool) -> Fix {
    Fix::new()
        .cmd(Command::slmgr([Arg::lit(if xpr {
            "/xpr"
        } else {
            "/dlv"
        })]))
        .ps(Command::powershell(SLP_FILTER, [Arg::lit(SLP_FIELDS)]))
}

/// A status check that decides on the licence status, not on a word of slmgr's text: the
/// Windows licence with `LicenseStatus` 1 through CIM (PowerShell), or the whole sentences
/// slmgr /xpr prints for an activated machine (cmd; English output only).
pub fn activation_status_check() -> Fix {
    Fix::new()
        .cmd(Command::slmgr([Arg::lit(
            "/xpr | findstr /i /c:\"permanently activated\" /c:\"Automatic VM activation\" /c:\"Volume activation\"",
        )]))
        .ps(Command::powershell(
            "if (@(Get-CimInstance -ClassName SoftwareLicensingProduct -Filter \"ApplicationID='55c92734-d682-4d71-983e-d6ec3f16059f' AND PartialProductKey IS NOT NULL\" | Where-Object { $_.LicenseStatus -eq 1 }).Count -gt 0) { 'OK' } else { 'NOT ACTIVATED' }",
            [],
        ))
}

/// Collect the evidence again (old evidence): write avma's collection script, to run on the
/// cluster. The same in both shells.
pub fn collect_again() -> Fix {
    Fix::new().both(Command::exe(
        "avma",
        [
            Arg::lit("collect"),
            Arg::lit("-o"),
            Arg::lit("collect-avma.ps1"),
        ],
    ))
}

/// Collect a cluster node's own evidence from a machine of the cluster: its licence (`/dlv`)
/// and its version and edition (Win32_OperatingSystem), by its name (PowerShell remoting).
pub fn collect_node(node: &str) -> Fix {
    Fix::new().ps(Command::powershell(
        "Invoke-Command",
        [
            Arg::lit("-ComputerName"),
            Arg::value(node, "node name"),
            Arg::lit("-ScriptBlock { cscript //nologo $env:SystemRoot\\System32\\slmgr.vbs /dlv; Get-CimInstance -ClassName Win32_OperatingSystem | Format-List CSName, Caption, BuildNumber, OperatingSystemSKU }"),
        ],
    ))
}

/// Clear the KMS host set by hand (`slmgr /ckms`): a machine that should use AVMA (or DNS
/// discovery) no longer asks the one named.
pub fn clear_kms_host() -> Fix {
    Fix::new()
        .cmd(Command::slmgr([Arg::lit("/ckms")]))
        .ps(Command::powershell(
            "Get-CimInstance",
            [Arg::lit(
                "-ClassName SoftwareLicensingService | Invoke-CimMethod -MethodName ClearKeyManagementServiceMachine",
            )],
        ))
}

/// A KMS client host whose KMS host was set by hand: point it at the KMS host in service
/// (`slmgr /skms`), activate, then show its licence's end; the KMS host it names is never
/// taken as working (it may be gone). `/ckms` instead returns it to DNS discovery.
pub fn repoint_kms_host(show_end: bool) -> Fix {
    let f = Fix::new()
        .cmd(Command::slmgr([
            Arg::lit("/skms"),
            Arg::placeholder("current KMS host"),
        ]))
        .ps(Command::powershell(
            "Get-CimInstance",
            [
                Arg::lit("-ClassName SoftwareLicensingService | Invoke-CimMethod -MethodName SetKeyManagementServiceMachine -Arguments @{ MachineName ="),
                Arg::placeholder("current KMS host"),
                Arg::lit("}"),
            ],
        ))
        .then(activate(None));
    if show_end {
        f.then(show_license(true))
    } else {
        f
    }
}

/// Verify after activation: `/dlv` and `/xpr`, or the CIM query (the plan's last step).
pub fn verify() -> Fix {
    Fix::new()
        .cmd(Command::slmgr([Arg::lit("/dlv")]))
        .cmd(Command::slmgr([Arg::lit("/xpr")]))
        .ps(Command::powershell(
            SLP_FILTER,
            [Arg::lit("| Select-Object Name, Description, LicenseStatus, PartialProductKey, GracePeriodRemaining, AutomaticVMActivationHostMachineName, AutomaticVMActivationLastActivationTime")],
        ))
}

/// Enable a VM's Data Exchange integration service (on its host).
pub fn enable_data_exchange(vm: &str) -> Fix {
    Fix::new().both(Command::powershell(
        "Get-VMIntegrationService",
        [
            Arg::lit("-VMName"),
            Arg::value(vm, "VM name"),
            Arg::lit(KVP_WHERE),
            Arg::lit("| Enable-VMIntegrationService"),
        ],
    ))
}

/// Show a VM's Data Exchange integration service (on its host).
pub fn show_data_exchange(vm: &str) -> Fix {
    Fix::new().both(Command::powershell(
        "Get-VMIntegrationService",
        [
            Arg::lit("-VMName"),
            Arg::value(vm, "VM name"),
            Arg::lit(KVP_WHERE),
            Arg::lit("| Format-List Name, Id, Enabled, PrimaryStatusDescription"),
        ],
    ))
}

/// The plan's Data Exchange check, for a VM the plan does not know by name.
pub fn show_data_exchange_placeholder() -> Fix {
    Fix::new().both(Command::powershell(
        "Get-VMIntegrationService",
        [
            Arg::lit("-VMName"),
            Arg::placeholder("VM name"),
            Arg::lit(KVP_WHERE),
            Arg::lit("| Format-List Name, Enabled, PrimaryStatusDescription"),
        ],
    ))
}

/// Enable Data Exchange for a VM the plan does not know by name (only where it is off).
pub fn enable_data_exchange_placeholder() -> Command {
    Command::powershell(
        "Get-VMIntegrationService",
        [
            Arg::lit("-VMName"),
            Arg::placeholder("VM name"),
            Arg::lit("| Where-Object { $_.Id -like '*2A34B1C2-FD73-4043-8A5B-DD2159BC743F' -and -not $_.Enabled } | Enable-VMIntegrationService"),
        ],
    )
}

/// Limit a clustered VM to the nodes that can activate it: the VM resource of its group (the
/// real resource, found through the group, never a guessed name) gets these possible owners.
pub fn limit_owners(group: &str, owners: &[&str]) -> Fix {
    Fix::new().both(Command::powershell(
        "Get-ClusterGroup",
        [
            Arg::lit("-Name"),
            Arg::value(group, "VM role name"),
            Arg::lit("| Get-ClusterResource | Where-Object { $_.ResourceType -eq 'Virtual Machine' } | Set-ClusterOwnerNode -Owners"),
            Arg::list(owners.iter().map(|s| s.to_string()).collect(), "node name"),
        ],
    ))
}

/// Whether a node belongs in a VM's owner limit: it can activate the guest now and past the
/// warning window (a node whose licence lapses within it is a risk of its own).
pub fn good_owner(c: Can) -> bool {
    matches!(c, Can::Yes)
}

/// Whether a node may stay in a VM's owner limit when no node is proven [`good_owner`]: its
/// version suits the guest and nothing the evidence shows makes it fail or lapse soon (its
/// edition or activation may be unknown; a node known bad or lapsing is never one). The limit that keeps a VM off a down-level
/// node then names these nodes rather than none.
pub fn fit_owner(
    h: &Host<'_>,
    gv: Option<&Version>,
    ge: Option<&Edition>,
    warn_days: u32,
    cat: &Catalog,
) -> bool {
    host_version_for_guest(h, gv, ge, cat) == Can::Yes
        && matches!(
            host_can(h, gv, ge, warn_days, cat),
            Can::Yes | Can::Unknown(_)
        )
}

/// The version a guest of unknown version is judged as on the nodes it may run on: the newest
/// of their versions, when they differ (a mixed-version cluster, as in a rolling upgrade: a
/// guest of the newest version cannot be activated on the older nodes, `host-version-ge-guest`).
/// `None` when the known versions are all one, or none is known: nothing to compare.
pub fn newest_of_mixed<'c>(
    nodes: impl IntoIterator<Item = Option<&'c Version>>,
) -> Option<&'c Version> {
    let known: Vec<&Version> = nodes.into_iter().flatten().collect();
    let newest = known.iter().copied().max_by_key(|v| v.order)?;
    known
        .iter()
        .any(|v| v.order < newest.order)
        .then_some(newest)
}

/// Keep a clustered VM on the nodes that can activate it ([`good_owner`]): [`limit_owners`],
/// or nothing when no node can (no owner list helps then: the nodes need fixing).
pub fn limit_owners_to_good(group: &str, good: &[&str]) -> Fix {
    if good.is_empty() {
        Fix::new()
    } else {
        limit_owners(group, good)
    }
}

/// Show the possible owners of a clustered VM.
pub fn show_owners(group: &str) -> Fix {
    Fix::new().both(Command::powershell(
        "Get-ClusterGroup",
        [
            Arg::lit("-Name"),
            Arg::value(group, "VM role name"),
            Arg::lit("| Get-ClusterResource | Where-Object { $_.ResourceType -eq 'Virtual Machine' } | Get-ClusterOwnerNode"),
        ],
    ))
}

/// Live-migrate a clustered VM to a node.
pub fn move_vm(vm: &str, to: &str) -> Fix {
    Fix::new().both(Command::powershell(
        "Move-ClusterVirtualMachineRole",
        [
            Arg::lit("-Name"),
            Arg::value(vm, "VM role name"),
            Arg::lit("-Node"),
            Arg::value(to, "node name"),
            Arg::lit("-MigrationType Live"),
        ],
    ))
}

/// Which Hyper-V host the guest runs on, read inside the guest from its KVP registry (the
/// values the host writes there through Data Exchange).
pub fn show_physical_host() -> Fix {
    Fix::new()
        .cmd(Command::exe(
            "reg",
            [Arg::lit(
                "query \"HKLM\\SOFTWARE\\Microsoft\\Virtual Machine\\Guest\\Parameters\" /v PhysicalHostNameFullyQualified",
            )],
        ))
        .ps(Command::powershell(
            "Get-ItemProperty",
            [Arg::lit(
                "-Path 'HKLM:\\SOFTWARE\\Microsoft\\Virtual Machine\\Guest\\Parameters' | Format-List PhysicalHostName, PhysicalHostNameFullyQualified, VirtualMachineName",
            )],
        ))
}

/// Live-migrate a clustered VM to a node of the guest's version or later, which the user names
/// (the evidence has no node to name); the VM's role name when the evidence tells it.
pub fn move_vm_to_uplevel_node(vm: Option<&str>) -> Fix {
    Fix::new().both(Command::powershell(
        "Move-ClusterVirtualMachineRole",
        [
            Arg::lit("-Name"),
            match vm {
                Some(v) => Arg::value(v, "VM role name"),
                None => Arg::placeholder("VM role name"),
            },
            Arg::lit("-Node"),
            Arg::placeholder("node of the guest's version or later"),
            Arg::lit("-MigrationType Live"),
        ],
    ))
}

/// What the host's siblings tell about its licence (OEM_DM on the other nodes: the key is in
/// the firmware of this one too, most likely).
#[derive(Debug, Clone, Copy, Default)]
pub struct HostContext {
    pub siblings_oem_firmware: bool,
}

/// The fix for a host problem, in the state the evidence shows.
pub fn host_fix(p: HostProblem, h: &Host<'_>, ctx: HostContext, cat: &Catalog) -> Fix {
    match p {
        HostProblem::NotDatacenter => convert_host_to_datacenter(h, cat),
        HostProblem::NotActivated | HostProblem::Lapsed => reactivate_host(h, ctx, cat),
        HostProblem::OnAzure => Fix::new(),
        // Nothing to run on the host: keep such guests off it (the caller has the names).
        HostProblem::TooOld | HostProblem::AzureLocalNotCovered => Fix::new(),
        HostProblem::AzureEditionGuestOffAzure => Fix::new(),
    }
}

/// The fix for a host whose licence lapses soon (or has lapsed): re-activate it the way its
/// channel allows, then show its licence's end (`/xpr`). diagnose and audit both give this.
pub fn host_lapse_fix(h: &Host<'_>, ctx: HostContext, cat: &Catalog) -> Fix {
    reactivate_host(h, ctx, cat).then(show_license(true))
}

/// Standard → Datacenter with DISM, only where Microsoft documents it; an Azure Edition host
/// is never converted down.
fn convert_host_to_datacenter(h: &Host<'_>, cat: &Catalog) -> Fix {
    let Some(e) = h.edition else {
        return Fix::new();
    };
    let Some(dc) = cat.retail_edition("datacenter", e.core) else {
        return Fix::new();
    };
    match check_conversion(e, dc, cat) {
        ConversionCheck::Allowed { .. } => Fix::new().both(Command::exe(
            "DISM",
            [
                Arg::lit("/English /Online"),
                Arg::join([Arg::lit("/Set-Edition:"), Arg::word(dc.id.clone())]),
                Arg::join([
                    Arg::lit("/ProductKey:"),
                    Arg::placeholder("your Datacenter key"),
                ]),
                Arg::lit("/AcceptEula"),
            ],
        )),
        _ => Fix::new(),
    }
}

/// Re-activate a host the way its channel allows. A KMS client whose KMS host is gone does not
/// get `/ato` (it would fail again): it gets its own Datacenter key, or the OEM key of its
/// firmware when its siblings are OEM_DM. An evaluation is converted to the retail edition.
fn reactivate_host(h: &Host<'_>, ctx: HostContext, cat: &Catalog) -> Fix {
    match h.channel {
        Some(Channel::Eval) => convert_evaluation_host(h, cat),
        Some(Channel::KmsClient) | None | Some(Channel::Other) | Some(Channel::Avma) => {
            if ctx.siblings_oem_firmware {
                firmware_key().then(activate(None))
            } else {
                install_key_placeholder("the node's Datacenter key").then(activate(None))
            }
        }
        Some(Channel::Oem { firmware: true }) => firmware_key().then(activate(None)),
        Some(Channel::Oem { .. } | Channel::Retail | Channel::Mak | Channel::KmsHost) => {
            activate(None)
        }
    }
}

/// An evaluation host to retail Datacenter (Core stays Core) with the user's own key: the fix
/// for an evaluation host (host-evaluation-edition) and for one whose evaluation lapsed.
pub fn convert_evaluation_host(h: &Host<'_>, cat: &Catalog) -> Fix {
    let dc = h
        .edition
        .and_then(|e| cat.retail_edition("datacenter", e.core))
        .map_or("ServerDatacenter".to_string(), |e| e.id.clone());
    Fix::new().both(Command::exe(
        "DISM",
        [
            Arg::lit("/English /Online"),
            Arg::join([Arg::lit("/Set-Edition:"), Arg::word(dc)]),
            Arg::join([
                Arg::lit("/ProductKey:"),
                Arg::placeholder("your Datacenter key"),
            ]),
            Arg::lit("/AcceptEula"),
        ],
    ))
}

/// Install the OEM key held in the machine's firmware (ACPI MSDM table).
fn firmware_key() -> Fix {
    Fix::new().both(Command::powershell(
        "$k = (Get-CimInstance -ClassName SoftwareLicensingService).OA3xOriginalProductKey;",
        [Arg::lit(
            "if ($k) { Get-CimInstance -ClassName SoftwareLicensingService | Invoke-CimMethod -MethodName InstallProductKey -Arguments @{ ProductKey = $k } }",
        )],
    ))
}

/// The AVMA key a guest of this version and edition needs (the edition after conversion: an
/// evaluation's retail edition).
pub fn avma_key_for<'c>(gv: &'c Version, ge: &'c Edition, cat: &'c Catalog) -> Option<&'c Key> {
    let fam = if ge.eval {
        cat.retail_edition(&ge.family, ge.core)
            .map_or(ge.family.as_str(), |e| e.family.as_str())
    } else {
        ge.family.as_str()
    };
    cat.key_for(KeyKind::Avma, cat.key_generation(gv), fam)
}

/// Install the right AVMA key, activate, verify: the fix for a KMS key, a wrong AVMA key or no
/// key. The same commands as the plan's steps.
pub fn install_avma_key(gv: &Version, ge: &Edition, cat: &Catalog) -> Fix {
    match avma_key_for(gv, ge, cat) {
        Some(k) => install_public_key(k)
            .then(activate(Some(k.last5())))
            .then(verify()),
        None => Fix::new(),
    }
}

/// The fix for a guest problem. `vm` is the VM's name on its host (for host-side fixes).
pub fn guest_fix(p: GuestProblem, g: &Guest<'_>, vm: &str, cat: &Catalog) -> Fix {
    match (p, g.version, g.edition) {
        (GuestProblem::NotSupported, _, _) => {
            install_key_placeholder("a KMS client, MAK or retail key of this version")
                .then(activate(None))
        }
        (GuestProblem::Evaluation, Some(v), Some(e)) => convert_evaluation(v, e, cat),
        (
            GuestProblem::KmsKey
            | GuestProblem::AvmaKeyWrongVersion
            | GuestProblem::AvmaKeyWrongEdition
            | GuestProblem::NoKey,
            Some(v),
            Some(e),
        ) if !e.eval => install_avma_key(v, e, cat),
        (GuestProblem::DataExchangeOff, _, _) => enable_data_exchange(vm),
        _ => Fix::new(),
    }
}

/// An evaluation guest: list targets, convert with its own version's key, restart, install the
/// AVMA key, activate (the plan's steps).
pub fn convert_evaluation(gv: &Version, ge: &Edition, cat: &Catalog) -> Fix {
    let Some(target) = evaluation_target(ge, cat) else {
        return Fix::new();
    };
    let conv_key = cat
        .key_for(KeyKind::Gvlk, &gv.id, &target.family)
        .or_else(|| cat.key_for(KeyKind::Avma, cat.key_generation(gv), &target.family));
    let Some(conv_key) = conv_key else {
        return Fix::new();
    };
    let mut f = Fix::new()
        .both(dism_list_targets())
        .then(set_edition(target, conv_key))
        .then(restart());
    if let Some(k) = cat.key_for(KeyKind::Avma, cat.key_generation(gv), &target.family) {
        f = f
            .then(install_public_key(k))
            .then(activate(Some(k.last5())));
    }
    f
}

/// A guest whose `DISM /Set-Edition` from an evaluation completed and waits for the restart:
/// restart it (never convert again), then install the AVMA key of the new edition and
/// activate. With no AVMA key for that version and edition, the restart alone.
pub fn finish_edition_change(gv: Option<&Version>, to: &Edition, cat: &Catalog) -> Fix {
    let mut f = restart();
    if let Some(k) = gv.and_then(|v| cat.key_for(KeyKind::Avma, cat.key_generation(v), &to.family))
    {
        f = f
            .then(install_public_key(k))
            .then(activate(Some(k.last5())));
    }
    f
}

/// The retail edition an evaluation converts to: its own family, else Datacenter.
pub fn evaluation_target<'c>(ge: &'c Edition, cat: &'c Catalog) -> Option<&'c Edition> {
    let same = cat.retail_edition(&ge.family, ge.core);
    let dc = cat.retail_edition("datacenter", ge.core);
    [same, dc]
        .into_iter()
        .flatten()
        .find(|t| {
            matches!(
                check_conversion(ge, t, cat),
                ConversionCheck::Allowed { .. }
            )
        })
        .or(same)
}

pub fn dism_list_targets() -> Command {
    Command::exe("DISM", [Arg::lit("/English /Online /Get-TargetEditions")])
}

/// `DISM /Set-Edition` with `/NoRestart`: the restart is its own step.
pub fn set_edition(target: &Edition, key: &Key) -> Fix {
    Fix::new().both(Command::exe(
        "DISM",
        [
            Arg::lit("/English /Online"),
            Arg::join([Arg::lit("/Set-Edition:"), Arg::word(target.id.clone())]),
            Arg::join([Arg::lit("/ProductKey:"), Arg::word(key.key.clone())]),
            Arg::lit("/AcceptEula /NoRestart"),
        ],
    ))
}

pub fn restart() -> Fix {
    Fix::new()
        .cmd(Command::exe("shutdown", [Arg::lit("/r /t 0")]))
        .ps(Command::powershell("Restart-Computer", []))
}

/// A guest on a platform where AVMA does not work (Azure, another hypervisor): its KMS client
/// key and Azure's KMS.
pub fn switch_to_kms(gv: &Version, ge: &Edition, cat: &Catalog) -> Fix {
    match cat.key_for(KeyKind::Gvlk, &gv.id, &ge.family) {
        Some(g) => install_public_key(g)
            .then(Fix::new().cmd(Command::slmgr([
                Arg::lit("/skms"),
                Arg::lit("azkms.core.windows.net:1688"),
            ])).ps(Command::powershell(
                "Get-CimInstance -ClassName SoftwareLicensingService | Invoke-CimMethod -MethodName SetKeyManagementServiceMachine -Arguments @{ MachineName = 'azkms.core.windows.net' }",
                [],
            )))
            .then(activate(None)),
        None => Fix::new(),
    }
}

/// The fix line `avma lint` shows for a key on a runbook line: the right key in the same kind
/// of command (`DISM /Set-Edition:T /ProductKey:K`, `slmgr /ipk K`), or the bare key.
pub fn lint_key_fix(set_edition: Option<&str>, kind: KeyKind, k: &Key, slmgr: bool) -> String {
    use crate::shell::Shell;
    match (set_edition, kind) {
        (Some(t), KeyKind::Gvlk) => {
            Command::exe(
                "DISM",
                [
                    Arg::lit("/English /Online"),
                    Arg::join([Arg::lit("/Set-Edition:"), Arg::word(t)]),
                    Arg::join([Arg::lit("/ProductKey:"), Arg::word(k.key.clone())]),
                    Arg::lit("/AcceptEula"),
                ],
            )
            .render(Shell::Cmd)
            .text
        }
        _ if slmgr || kind == KeyKind::Avma => {
            Command::exe("slmgr", [Arg::lit("/ipk"), Arg::word(k.key.clone())])
                .render(Shell::Cmd)
                .text
        }
        _ => k.key.clone(),
    }
}

/// A conversion `avma lint` suggests instead of a forbidden one.
pub fn lint_set_edition_fix(t: &Edition, key: Option<&Key>) -> String {
    use crate::shell::Shell;
    Command::exe(
        "DISM",
        [
            Arg::lit("/English /Online"),
            Arg::join([Arg::lit("/Set-Edition:"), Arg::word(t.id.clone())]),
            match key {
                Some(k) => Arg::join([Arg::lit("/ProductKey:"), Arg::word(k.key.clone())]),
                None => Arg::join([Arg::lit("/ProductKey:"), Arg::placeholder("key")]),
            },
            Arg::lit("/AcceptEula"),
        ],
    )
    .render(Shell::Cmd)
    .text
}

/// Start the guest's Data Exchange service (inside the guest).
pub fn start_kvp_service() -> Fix {
    Fix::new()
        .cmd(Command::exe(
            "sc.exe",
            [Arg::lit("config vmickvpexchange start= demand")],
        ))
        .cmd(Command::exe("sc.exe", [Arg::lit("start vmickvpexchange")]))
        .ps(Command::powershell(
            "Set-Service",
            [Arg::lit("-Name vmickvpexchange -StartupType Manual")],
        ))
        .ps(Command::powershell(
            "Start-Service",
            [Arg::lit("-Name vmickvpexchange")],
        ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::{KVP_COMPONENT_GUID, WINDOWS_APP_ID};
    use crate::shell::Shell;

    #[test]
    fn constants_agree() {
        assert!(SLP_FILTER.contains(WINDOWS_APP_ID));
        assert!(KVP_WHERE.contains(KVP_COMPONENT_GUID));
    }

    fn host<'c>(v: &str, e: &str, cat: &'c Catalog) -> Host<'c> {
        Host {
            version: cat.version(v),
            edition: cat.edition(e),
            activated: Some(true),
            ..Host::default()
        }
    }

    #[test]
    fn azure_local_is_one_answer() {
        let cat = Catalog::builtin();
        let h = host("2022", "ServerAzureStackHCICor", cat);
        assert_eq!(
            host_can(
                &h,
                cat.version("2019"),
                cat.edition("ServerStandard"),
                14,
                cat
            ),
            Can::Yes
        );
    }

    #[test]
    fn azure_edition_guest_needs_azure() {
        let cat = Catalog::builtin();
        let h = host("2022", "ServerDatacenter", cat);
        assert_eq!(
            host_can(
                &h,
                cat.version("2022"),
                cat.edition("ServerTurbine"),
                14,
                cat
            ),
            Can::No(HostProblem::AzureEditionGuestOffAzure)
        );
    }

    #[test]
    fn azure_edition_host_is_never_converted() {
        let cat = Catalog::builtin();
        let h = host("2022", "ServerTurbine", cat);
        let Can::No(p) = host_base(&h, 14) else {
            panic!("a 2022 Azure Edition host is no AVMA host")
        };
        assert!(host_fix(p, &h, HostContext::default(), cat).is_empty());
        let h = host("2019", "ServerStandard", cat);
        let f = host_fix(HostProblem::NotDatacenter, &h, HostContext::default(), cat);
        assert!(f.cmd[0]
            .render(Shell::Cmd)
            .text
            .contains("/Set-Edition:ServerDatacenter"));
    }

    #[test]
    fn records_and_their_causes() {
        assert_eq!(record_outcome(None, &[0, 0x1234]), Record::Success);
        assert_eq!(
            record_outcome(None, &[0, 0xC004_FD02]),
            Record::Failure(Hresult::HOST_NOT_ACTIVATED)
        );
        // Never a success by default; a named failure is one even beside a zero code.
        assert_eq!(record_outcome(None, &[]), Record::Unknown);
        assert_eq!(record_outcome(None, &[0x1234]), Record::Unknown);
        assert_eq!(
            record_outcome(Some(AvmaResult::InvalidHost), &[0]),
            Record::Refused(AvmaResult::InvalidHost)
        );
        assert_eq!(
            record_outcome(Some(AvmaResult::AvmaSuccess), &[]),
            Record::Success
        );
        assert_eq!(
            record_outcome(Some(AvmaResult::ActivationDenied), &[0xC004_FD03]),
            Record::Failure(Hresult::AVMA_FD03)
        );
        assert_eq!(
            AvmaResult::in_message("AVMA activation request: Invalid  Host. Host: HV-NODE4"),
            Some(AvmaResult::InvalidHost)
        );
        assert_eq!(
            AvmaResult::in_message("avma success"),
            Some(AvmaResult::AvmaSuccess)
        );
        assert_eq!(
            AvmaResult::in_message("AVMA Success was not reached: Activation Denied"),
            Some(AvmaResult::ActivationDenied)
        );
        assert_eq!(
            AvmaResult::in_message("AVMA activation request: Activ..."),
            None
        );
        assert_eq!(
            cause_of(Hresult::HOST_NOT_ACTIVATED).map(|r| r.name),
            Some("host-not-activated")
        );
        assert_eq!(cause_of(Hresult::AVMA_FD03), None);
        let day = 86_400;
        assert_eq!(
            activation_state(Some(0), Some(7 * day), 7),
            ActivationState::Valid { age_days: 7 }
        );
        assert_eq!(
            activation_state(Some(0), Some(8 * day), 7),
            ActivationState::Lapsed { age_days: 8 }
        );
        assert_eq!(activation_state(None, Some(0), 7), ActivationState::Unknown);
    }

    #[test]
    fn a_lapse_is_one_rule_by_its_days_left() {
        assert_eq!(lapse_rule(4, CRITICAL_DAYS).code, "AV302");
        assert_eq!(lapse_rule(7, CRITICAL_DAYS).code, "AV302");
        assert_eq!(lapse_rule(8, CRITICAL_DAYS).code, "AV301");
        assert_eq!(lapse_rule(8, 10).code, "AV302");
    }

    #[test]
    fn a_lapsing_kms_node_gets_its_own_key_not_ato() {
        let cat = Catalog::builtin();
        let mut h = host("2022", "ServerDatacenter", cat);
        h.channel = Some(Channel::KmsClient);
        h.lapse_days = Some(3);
        let f = host_lapse_fix(&h, HostContext::default(), cat);
        let first = f.cmd[0].render(Shell::Cmd).text;
        assert!(first.contains("/ipk"), "{first}");
        let f = host_lapse_fix(
            &h,
            HostContext {
                siblings_oem_firmware: true,
            },
            cat,
        );
        assert!(f.ps[0]
            .render(Shell::PowerShell)
            .text
            .contains("OA3xOriginalProductKey"));
    }
}
