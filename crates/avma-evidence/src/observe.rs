//! What a reader saw: facts, each with where it was seen.

use serde::Serialize;

use avma_core::key::ProductKey;

/// Where a fact was seen: the input's name, and a line (text) or record id (event logs).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Provenance {
    pub file: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub record: Option<u64>,
    /// Which reader produced it (`slmgr`, `dism`, `cim-json`, `format-list`, `event-xml`, ...).
    pub reader: &'static str,
}

impl Provenance {
    pub fn line(file: &str, line: u64, reader: &'static str) -> Provenance {
        Provenance {
            file: file.to_string(),
            line: Some(line),
            record: None,
            reader,
        }
    }
    pub fn record(file: &str, record: u64, reader: &'static str) -> Provenance {
        Provenance {
            file: file.to_string(),
            line: None,
            record: Some(record),
            reader,
        }
    }
    /// `file:line`, or `file#record` for an event record.
    pub fn label(&self) -> String {
        match (self.line, self.record) {
            (_, Some(r)) => format!("{}#{r}", self.file),
            (Some(l), None) => format!("{}:{l}", self.file),
            (None, None) => self.file.clone(),
        }
    }
}

/// Where an EditionID was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum EditionSource {
    /// `DISM /Get-CurrentEdition`.
    Dism,
    /// `HKLM\...\CurrentVersion\EditionID`, Get-ComputerInfo `WindowsEditionId`, Get-WindowsEdition.
    Registry,
    /// `SoftwareLicensingProduct.LicenseFamily` or the Name "Windows(R), X edition" (CIM or slmgr).
    Licensing,
    /// A table the user typed (`| Host | Edition |`): their statement, the weakest source.
    /// Added value.
    Typed,
}

/// One licensing product (a `SoftwareLicensingProduct` row or an slmgr product block).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ProductFacts {
    pub name: Option<String>,
    pub description: Option<String>,
    /// The EditionID named in `Name` ("Windows(R), ServerStandard edition") or `LicenseFamily`.
    pub edition: Option<String>,
    /// Channel token found in the description (`VIRTUAL_MACHINE_ACTIVATION`, ...).
    pub channel: Option<String>,
    /// `ProductKeyChannel` (`Volume:GVLK`, `OEM:DM`, ...).
    pub key_channel: Option<String>,
    pub partial_key: Option<String>,
    /// A key is installed but the capture hides it (`Partial Product Key: XXXXX`, `*****`,
    /// `[REDACTED]`, `<…>`): present, never "no key".
    #[serde(skip_serializing_if = "is_false")]
    pub key_redacted: bool,
    pub license_status: Option<u32>,
    /// LicenseStatusReason or a Notification reason, as an HRESULT.
    #[serde(serialize_with = "ser_code_opt")]
    pub status_reason: Option<u32>,
    pub grace_minutes: Option<u64>,
    /// The day count slmgr printed next to the minutes (`4230 minute(s) (2 day(s))`): shown as
    /// printed, since slmgr counts the days itself. Not in the JSON (`grace_minutes` is).
    #[serde(skip)]
    pub grace_days: Option<u64>,
    /// `EvaluationEndDate`, ISO 8601 when known, else as printed; None when unset (1601).
    pub evaluation_end: Option<String>,
    pub application_id: Option<String>,
    pub activation_id: Option<String>,
    pub avma: AvmaBlock,
    /// The KMS client information of a volume licence (slmgr `/dlv`'s "Key Management Service
    /// client information", the CIM row's `KeyManagementService*` values): the KMS host it uses,
    /// never the AVMA host nor the machine's own name. Added field; absent when empty.
    #[serde(skip_serializing_if = "KmsClient::is_empty")]
    pub kms: KmsClient,
    /// The `/xpr` line, as printed (English only is interpreted).
    pub expiry_text: Option<String>,
    /// What that `/xpr` line says, so that it can be said in the user's language.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expiry: Option<Expiry>,
}

/// What `slmgr /xpr` says about a product: its kind of expiry and the date as printed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Expiry {
    pub kind: ExpiryKind,
    /// The date and time after the message, as printed (empty when the message has none).
    pub when: String,
}

/// The messages of `slmgr /xpr`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ExpiryKind {
    /// `Automatic VM activation will expire ...`
    Avma,
    /// `Volume activation will expire ...`
    Volume,
    /// `Timebased activation will expire ...`
    Timebased,
    /// `The machine is permanently activated.`
    Permanent,
    InitialGrace,
    AdditionalGrace,
    NonGenuineGrace,
    ExtendedGrace,
    /// `Windows is in Notification mode`
    Notification,
    Unlicensed,
    /// A message in a language whose wording avma does not know, read by its date and time
    /// alone (`Windows 将于 2026/12/20 14:33:10 过期`): an expiry whose kind the product's
    /// status and channel decide ([`ExpiryKind::refine`]), else unknown.
    Dated,
}

impl ExpiryKind {
    /// The message id that says it (argument `when`).
    pub fn message_id(self) -> &'static str {
        match self {
            ExpiryKind::Avma => "evidence-xpr-avma",
            ExpiryKind::Volume => "evidence-xpr-volume",
            ExpiryKind::Timebased => "evidence-xpr-timebased",
            ExpiryKind::Permanent => "evidence-xpr-permanent",
            ExpiryKind::InitialGrace => "evidence-xpr-initial-grace",
            ExpiryKind::AdditionalGrace => "evidence-xpr-additional-grace",
            ExpiryKind::NonGenuineGrace => "evidence-xpr-non-genuine-grace",
            ExpiryKind::ExtendedGrace => "evidence-xpr-extended-grace",
            ExpiryKind::Notification => "evidence-xpr-notification",
            ExpiryKind::Unlicensed => "evidence-xpr-unlicensed",
            ExpiryKind::Dated => "evidence-xpr-dated",
        }
    }

    /// A dated expiry of unknown wording made precise by the product it belongs to, as slmgr.vbs
    /// chooses its message (reference: output formats, `/xpr`): License Status 2, 3, 4, 6 are
    /// the grace periods; Licensed with a countdown is Automatic VM, Timebased or Volume
    /// activation by the Description's channel. Any other kind is returned as it is.
    pub fn refine(self, license_status: Option<u32>, channel: Option<&str>) -> ExpiryKind {
        if self != ExpiryKind::Dated {
            return self;
        }
        match (license_status, channel) {
            (Some(2), _) => ExpiryKind::InitialGrace,
            (Some(3), _) => ExpiryKind::AdditionalGrace,
            (Some(4), _) => ExpiryKind::NonGenuineGrace,
            (Some(6), _) => ExpiryKind::ExtendedGrace,
            (Some(1), Some("VIRTUAL_MACHINE_ACTIVATION")) => ExpiryKind::Avma,
            (Some(1), Some(c)) if c.starts_with("TIMEBASED") => ExpiryKind::Timebased,
            (Some(1), Some(c)) if c.starts_with("VOLUME") => ExpiryKind::Volume,
            _ => ExpiryKind::Dated,
        }
    }
}

/// The AVMA client information of a guest product.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct AvmaBlock {
    pub iaid: Option<String>,
    pub host_machine_name: Option<String>,
    pub activation_time: Option<String>,
    pub host_digital_pid2: Option<String>,
    /// The host's name is hidden in the capture (`Host machine name: [REDACTED]`).
    #[serde(skip_serializing_if = "is_false")]
    pub host_redacted: bool,
}

/// The KMS host a volume licence uses and what the client knows of it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct KmsClient {
    /// The KMS host set by hand (`slmgr /skms`): slmgr's `Registered KMS machine name`, CIM
    /// `KeyManagementServiceMachine` with `KeyManagementServicePort`, as `name:port`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub registered: Option<String>,
    /// The KMS host found in DNS: slmgr's `KMS machine name from DNS`, CIM
    /// `DiscoveredKeyManagementServiceMachineName` with its port, as `name:port`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub discovered: Option<String>,
    /// `KMS machine IP address` / `DiscoveredKeyManagementServiceMachineIpAddress`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ip: Option<String>,
    /// `KMS machine extended PID` / `KeyManagementServiceProductKeyID`: the KMS host's own PID.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub extended_pid: Option<String>,
    /// `Activation interval` / `VLActivationInterval`, in minutes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub activation_interval: Option<u64>,
    /// `Renewal interval` / `VLRenewalInterval`, in minutes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub renewal_interval: Option<u64>,
}

impl KmsClient {
    pub fn is_empty(&self) -> bool {
        *self == KmsClient::default()
    }
    /// The KMS host in use: the registered one (it wins over DNS), else the one DNS gave.
    pub fn host(&self) -> Option<&str> {
        self.registered.as_deref().or(self.discovered.as_deref())
    }
}

fn is_false(b: &bool) -> bool {
    !*b
}

impl ProductFacts {
    /// The days left as slmgr shows them: the count it printed, else the minutes in days as
    /// slmgr's `GetDaysFromMins` counts them ([`crate::util::days_from_minutes`]), for slmgr's
    /// text and CIM's `GracePeriodRemaining` alike.
    pub fn grace_days_shown(&self) -> Option<u64> {
        let m = self.grace_minutes?;
        Some(
            self.grace_days
                .unwrap_or_else(|| crate::util::days_from_minutes(m)),
        )
    }

    /// Whether a key is installed: its last five characters were read, or the capture hides them.
    pub fn has_key(&self) -> bool {
        self.partial_key.is_some() || self.key_redacted
    }

    /// Whether this licence may be Windows': not another application's (Office), not an add-on.
    /// A row that does not say counts as Windows'.
    pub fn is_windows(&self) -> bool {
        self.name
            .as_deref()
            .is_none_or(|n| n.starts_with("Windows") && !n.contains("add-on"))
            && self
                .application_id
                .as_deref()
                .is_none_or(|a| a == avma_core::plan::WINDOWS_APP_ID)
    }
}

impl AvmaBlock {
    pub fn is_empty(&self) -> bool {
        !self.host_redacted
            && self.iaid.is_none()
            && self.host_machine_name.is_none()
            && self.activation_time.is_none()
            && self.host_digital_pid2.is_none()
    }
}

/// A Hyper-V integration service of a VM (Get-VMIntegrationService).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct IntegrationService {
    pub vm: Option<String>,
    /// Localized display name, as printed.
    pub name: Option<String>,
    pub id: Option<String>,
    /// True when the Id ends with the Data Exchange (KVP) component GUID.
    pub is_data_exchange: bool,
    pub enabled: Option<bool>,
    pub primary_status: Option<String>,
}

/// An event record (event XML or .evtx), with every data value kept raw.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct EventRecord {
    pub provider: String,
    pub event_id: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub qualifiers: Option<u32>,
    pub time: Option<String>,
    pub computer: Option<String>,
    pub channel: Option<String>,
    pub record_id: Option<u64>,
    pub level: Option<u32>,
    /// Every EventData/UserData value, in order (`Name=value` when the element is named).
    pub data: Vec<String>,
    /// HRESULTs found among the values (`hr=0x...`, `0xC004...`), wherever they are.
    #[serde(serialize_with = "ser_codes")]
    pub hresults: Vec<u32>,
    /// GUIDs found among the values.
    pub guids: Vec<String>,
    /// The rendered message, where the form carries one (RenderingInfo, Event Viewer's
    /// description, Get-WinEvent's `Message`); .evtx files do not.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    /// The level as the form words it (`Error`, `エラー`, `LevelDisplayName`), as read.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub level_name: Option<String>,
    /// The AVMA result the message or a value names (12308-12310 only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub result: Option<avma_core::judge::AvmaResult>,
    /// The host the message names (`Host: HV-NODE4`), 12308-12310 only; the layout is
    /// undocumented, so only a name right after a host label is taken.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub named_host: Option<String>,
    /// The guest the message names (`Guest: VM-APP01`, `VM: ...`), 12308-12310 only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub named_guest: Option<String>,
}

/// A fact seen in evidence.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum Fact {
    ComputerName {
        name: String,
    },
    OsBuild {
        build: u32,
    },
    /// The OS as it names itself (`Win32_OperatingSystem.Caption`, Get-ComputerInfo `OsName` or
    /// `WindowsProductName`, the registry's `ProductName`), with the Windows Server version it
    /// names (catalog id), when it names one.
    OsCaption {
        caption: String,
        version: Option<String>,
    },
    Edition {
        edition: String,
        source: EditionSource,
    },
    TargetEditions {
        editions: Vec<String>,
    },
    DomainController {
        is_dc: bool,
    },
    /// `DISM /Online /Set-Edition:X /ProductKey:K` as typed on the prompt line: the edition asked
    /// for and the key given (redacted on output when not public). Whether it worked is the
    /// `Error` or `DismSucceeded` after it.
    SetEdition {
        edition: String,
        #[serde(serialize_with = "ser_key_opt")]
        key: Option<ProductKey>,
    },
    Product(Box<ProductFacts>),
    /// An HRESULT or DISM error number printed by a tool.
    Error {
        #[serde(serialize_with = "ser_code")]
        code: u32,
        tool: &'static str,
        text: String,
    },
    /// `slmgr /ipk` succeeded with this key (redacted on output when not public).
    KeyInstalled {
        #[serde(serialize_with = "ser_key")]
        key: ProductKey,
    },
    ActivationSucceeded,
    DismSucceeded,
    /// `slmgr /ipk KEY` (or `cscript slmgr.vbs /ipk KEY`) was run and failed: the key on the
    /// command line was tried, not installed; `code` is the HRESULT that followed (redacted on
    /// output when not public).
    KeyTried {
        #[serde(serialize_with = "ser_key")]
        key: ProductKey,
        #[serde(serialize_with = "ser_code_opt")]
        code: Option<u32>,
    },
    /// A `DISM /Set-Edition:X` completed (its success line, or, in a language avma does not
    /// know, its progress bar at 100% with no error): the edition is X after the restart DISM
    /// asks for. `previous` is the edition before, when DISM named it (the edition package it
    /// removed, `Microsoft-Windows-ServerStandardEvalEdition~...`).
    EditionChanged {
        edition: String,
        previous: Option<String>,
    },
    IntegrationService(IntegrationService),
    Service {
        name: String,
        status: Option<String>,
        start_type: Option<String>,
    },
    Vm {
        name: String,
        id: Option<String>,
        state: Option<String>,
        host: Option<String>,
    },
    ClusterNode {
        name: String,
        state: Option<String>,
    },
    ClusterGroup {
        name: String,
        owner: Option<String>,
        state: Option<String>,
        group_type: Option<String>,
    },
    ClusterOwners {
        group: String,
        owners: Vec<String>,
    },
    Event(Box<EventRecord>),
    /// Hyper-V's own activation of the host for AVMA (Azure Local Get-VMAutomaticActivation).
    HostAvmaEnabled {
        enabled: bool,
    },
    /// A KMS host the machine uses, as `name:port` (slmgr's "KMS machine name from DNS" or the
    /// registered name; `KeyManagementServiceMachine` of CIM).
    KmsHost {
        host: String,
    },
    /// `slmgr /rearm` completed.
    RearmSucceeded,
    /// What the host told the guest about itself, read from the guest's own KVP registry
    /// (`HKLM\SOFTWARE\Microsoft\Virtual Machine\Guest\Parameters`).
    GuestParameters(Box<GuestParameters>),
    /// A BIOS GUID: this machine's own (Win32_ComputerSystemProduct UUID) when `vm` is None, else
    /// that of the VM a host lists (Get-VM ... BIOSGUID).
    BiosGuid {
        vm: Option<String>,
        guid: String,
    },
    /// What a VM's guest reported to its host through Data Exchange (the host's
    /// Msvm_KvpExchangeComponent GuestIntrinsicExchangeItems), one per VM.
    KvpIntrinsic(Box<KvpIntrinsic>),
    /// When the evidence was collected, as the collector recorded it (a bundle manifest).
    Collected {
        time: String,
    },
    /// The newest time stamp of a log whose every line is stamped (`2026-11-28 10:00:01 INFO
    /// ...`): when the text was logged, weaker than a collector's record or an event's time,
    /// stronger than a file's modification time.
    Logged {
        time: String,
    },
    /// The machine's system model says it is a Hyper-V virtual machine (systeminfo's `System
    /// Model: Virtual Machine` from `Microsoft Corporation`): a guest.
    HyperVGuest {
        model: String,
    },
    /// A clue to a machine's role that is not a tool's own statement of it ([`crate::clue`]):
    /// the Hyper-V role installed, a hypervisor's platform name, a guest's own services, an AVMA
    /// key, the words of the text the output was pasted in. `name` is the machine the clue is
    /// about when the text names it (`the host HV-01`), else the machine whose output holds it.
    RoleClue {
        #[serde(skip_serializing_if = "Option::is_none")]
        name: Option<String>,
        host: bool,
        clue: RoleClue,
        /// The words that say it (`hôte`, `Virtual Machine`, `VMware, Inc.`), as written.
        #[serde(skip_serializing_if = "Option::is_none")]
        word: Option<String>,
    },
    /// The user says whether the machine is activated (a typed Markdown table's `Activated`
    /// column: `yes`, `no`, `済み`, `未`): their statement, weaker than any licence read.
    StatedActivated {
        activated: bool,
    },
}

/// What kind of clue to a role ([`Fact::RoleClue`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum RoleClue {
    /// `Get-WindowsFeature Hyper-V` with the install state `Installed`.
    HyperVFeature,
    /// A system model or manufacturer that is a hypervisor's (VMware, KVM/QEMU, Xen, VirtualBox,
    /// Hyper-V's `Virtual Machine`).
    VirtualPlatform,
    /// A guest integration service (`vmickvpexchange`, any `vmic*`) queried on the machine.
    GuestService,
    /// An AVMA key installed or tried on the machine (`slmgr /ipk`, DISM `/ProductKey:`).
    AvmaKey,
    /// slmgr's AVMA client block (`Guest IAID`, `Automatic VM activation expiration`).
    AvmaClientBlock,
    /// The text around the output says it (`the host HV-01`, `ゲスト`, `l'hôte`).
    Prose,
    /// It lists its VMs (`Get-VM`'s table, also run as `powershell -c "Get-VM ..."`): a Hyper-V
    /// host.
    VmList,
}

/// The guest's KVP registry values (`Guest\Parameters`): the VM it runs in, as Hyper-V names it.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct GuestParameters {
    /// `VirtualMachineId`, lower case without braces.
    pub vm_id: Option<String>,
    /// `VirtualMachineName`: the VM's name in Hyper-V (not the computer name).
    pub vm_name: Option<String>,
    /// `HostName`: the Hyper-V host the VM runs on.
    pub host_name: Option<String>,
    /// `PhysicalHostName`.
    pub physical_host: Option<String>,
    /// `PhysicalHostNameFullyQualified`.
    pub physical_host_fqdn: Option<String>,
}

/// A VM's intrinsic Data Exchange items, as its host reads them.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct KvpIntrinsic {
    /// The VM's name in Hyper-V.
    pub vm: Option<String>,
    /// The VM's id, lower case without braces.
    pub vm_id: Option<String>,
    pub os_name: Option<String>,
    pub os_version: Option<String>,
    pub os_build: Option<u32>,
    /// `OSEditionId` as reported (a GetProductInfo SKU number).
    pub os_edition_id: Option<String>,
    /// The EditionID that SKU number (or the OS name) stands for, when avma knows it.
    pub edition: Option<String>,
    pub product_type: Option<u32>,
    /// `FullyQualifiedDomainName`: the guest's own computer name.
    pub fqdn: Option<String>,
}

/// A GUID as avma compares it: lower case, without braces or a `Microsoft:` prefix.
pub fn norm_guid(s: &str) -> String {
    s.trim()
        .trim_start_matches('{')
        .trim_end_matches('}')
        .to_ascii_lowercase()
}

/// HRESULTs as `0xC004F069`; small numbers (DISM exit codes such as 50) in decimal.
pub fn ser_code<S: serde::Serializer>(c: &u32, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&code_text(*c))
}

pub fn code_text(c: u32) -> String {
    if c < 0x10000 {
        c.to_string()
    } else {
        format!("0x{c:08X}")
    }
}

fn ser_code_opt<S: serde::Serializer>(c: &Option<u32>, s: S) -> Result<S::Ok, S::Error> {
    match c {
        Some(c) => s.serialize_str(&code_text(*c)),
        None => s.serialize_none(),
    }
}

fn ser_codes<S: serde::Serializer>(c: &[u32], s: S) -> Result<S::Ok, S::Error> {
    use serde::ser::SerializeSeq;
    let mut seq = s.serialize_seq(Some(c.len()))?;
    for x in c {
        seq.serialize_element(&format!("0x{x:08X}"))?;
    }
    seq.end()
}

fn ser_key<S: serde::Serializer>(k: &ProductKey, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&k.display(avma_core::Catalog::builtin()))
}

fn ser_key_opt<S: serde::Serializer>(k: &Option<ProductKey>, s: S) -> Result<S::Ok, S::Error> {
    match k {
        Some(k) => ser_key(k, s),
        None => s.serialize_none(),
    }
}

/// A fact and where it was seen.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Observation {
    #[serde(flatten)]
    pub fact: Fact,
    pub from: Provenance,
}

/// What kind of artifact an input was recognized as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ArtifactKind {
    Slmgr,
    Dism,
    CimJson,
    FormatList,
    EventXml,
    Evtx,
    /// A PowerShell `Format-Table` (default table output).
    FormatTable,
    /// Event Viewer's "Copy details as text".
    EventText,
    /// Events as JSON: `Get-WinEvent | ConvertTo-Json`, or what .evtx converters write.
    EventJson,
    /// A PowerShell error record (`FullyQualifiedErrorId : HRESULT 0x...`) or avma's own plan
    /// script's failure lines.
    PowershellError,
    /// `systeminfo` output (list or CSV).
    Systeminfo,
    /// `Export-Csv` / `ConvertTo-Csv` output of PowerShell objects.
    Csv,
    /// A Markdown table the user typed, one row per machine (`| Host | Version | Edition |`).
    MarkdownTable,
    /// `wmic ... get` output (`/value` lines or its table).
    Wmic,
    Unknown,
}

/// A note of a reader for the user (a message id, rendered by the CLI in the user's language).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Note {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<u64>,
    pub message: avma_core::text::Msg,
}

/// How much of a text input was understood.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct LineStats {
    /// Lines in the input.
    pub total: u64,
    /// Lines a reader used.
    pub understood: u64,
    /// Prompts, banners, borders, transcript headers and other noise around the output.
    pub noise: u64,
    /// Non-blank lines that no reader could place.
    pub skipped: u64,
    /// The first few lines that could not be placed (redacted), when the input yields nothing.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub unplaced: Vec<UnplacedLine>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UnplacedLine {
    pub line: u64,
    pub text: String,
}

/// The result of reading one input.
#[derive(Debug, Clone, Serialize)]
pub struct ReadResult {
    pub file: String,
    pub kind: ArtifactKind,
    /// Language of the labels, when text: `en`, `ja`, or `unknown`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub language: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub encoding: Option<&'static str>,
    pub observations: Vec<Observation>,
    /// One line each: what could not be read, and where.
    pub warnings: Vec<String>,
    /// Whether any of the input could be read (an event log with nothing of interest in it was
    /// read; a binary file handed in as text was not).
    pub readable: bool,
    /// Notes for the user as message ids (newer readers; `warnings` holds the older English lines).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<Note>,
    /// What could not be read, and where, as message ids the CLI renders in the user's language
    /// (the readers' problems; `warnings` holds the lines not yet made message ids). Like a
    /// warning, a problem on an input that gave no fact makes it unreadable.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub problems: Vec<Note>,
    /// Lines understood and skipped (text inputs).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lines: Option<LineStats>,
    /// Input lines a reader used (to count them; not part of the output).
    #[serde(skip)]
    pub placed: Vec<u64>,
    /// Where each machine of a paste that holds several starts (input line, machine name), from
    /// markers whose boundaries are certain (`=== NAME ===`, `hostname`'s output, `[NAME]: PS>`
    /// session prompts, a transcript's `Machine:`). Empty for one machine.
    #[serde(skip)]
    pub sections: Vec<(u64, String)>,
    /// Input lines where another machine's output seems to start, without a certain marker (a
    /// `---` line between two outputs that name different products or computers): the model
    /// does not compare the facts on either side as one machine's.
    #[serde(skip)]
    pub parts: Vec<u64>,
}

impl ReadResult {
    pub fn new(file: &str, kind: ArtifactKind) -> ReadResult {
        ReadResult {
            file: file.to_string(),
            kind,
            language: None,
            encoding: None,
            observations: Vec::new(),
            warnings: Vec::new(),
            readable: kind != ArtifactKind::Unknown,
            notes: Vec::new(),
            problems: Vec::new(),
            lines: None,
            placed: Vec::new(),
            sections: Vec::new(),
            parts: Vec::new(),
        }
    }
    pub fn note(&mut self, line: Option<u64>, message: avma_core::text::Msg) {
        self.notes.push(Note { line, message });
    }
    /// A problem of the input at `line` (of the input, when known).
    pub fn problem(&mut self, line: Option<u64>, message: avma_core::text::Msg) {
        self.problems.push(Note { line, message });
    }
    /// Whether any problem or warning was said about the input.
    pub fn has_problems(&self) -> bool {
        !self.warnings.is_empty() || !self.problems.is_empty()
    }
    pub fn push(&mut self, fact: Fact, from: Provenance) {
        self.observations.push(Observation { fact, from });
    }
}

impl ProductFacts {
    /// Are these two readings one product (one licence) seen twice? The Activation ID decides
    /// when both have one; else the same edition of the same product name (`slmgr /ato`'s
    /// `Activating Windows(R), X edition (<ID>) ...` line and the `/dli` block of X, which prints
    /// no Activation ID). Two editions, or no edition, are never one product.
    pub fn same_product(&self, other: &ProductFacts) -> bool {
        if let (Some(a), Some(b)) = (&self.activation_id, &other.activation_id) {
            return a.eq_ignore_ascii_case(b);
        }
        let name = |p: &ProductFacts| p.name.as_deref().map(|n| n.trim().to_ascii_lowercase());
        self.edition.is_some() && self.edition == other.edition && name(self) == name(other)
    }

    /// An AVMA block on a licence whose channel is another than AVMA (`VOLUME_KMSCLIENT` with
    /// `AutomaticVMActivationHostMachineName : HV-X`): data left over from an earlier AVMA
    /// activation (the key was changed since), never a current AVMA activation.
    pub fn avma_left_over(&self) -> bool {
        !self.avma.is_empty()
            && self
                .channel
                .as_deref()
                .is_some_and(|c| c != "VIRTUAL_MACHINE_ACTIVATION")
    }
}
