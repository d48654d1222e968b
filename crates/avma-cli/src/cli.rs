//! The command line, defined once: parsing, `--help`, completions and the man page all come
//! from these types.

use clap::{Args, Parser, Subcommand, ValueEnum};

#[derive(Debug, Parser)]
#[command(
    name = "avma",
    bin_name = "avma",
    version,
    about = "Plan, lint and check Automatic Virtual Machine Activation (AVMA) of Hyper-V guests",
    long_about = "avma knows every public AVMA and KMS client setup key and the rules of AVMA \
                  (each with its source), plans the exact steps for a host and a guest, and lints \
                  runbooks before anyone runs them. It reads collected text; it never needs to run \
                  on the cluster.\n\nExit codes: 0 clean, 1 findings of error severity (or a plan \
                  that cannot work), 2 usage or input error.",
    after_help = "Run `avma demo` for the walkthrough this tool was built from."
)]
pub struct Cli {
    /// Language of the output (default: from LC_ALL, LC_MESSAGES or LANG).
    #[arg(long, global = true, value_parser = lang_parser())]
    pub lang: Option<LangArg>,
    /// When to color text output (never when piped or NO_COLOR is set, unless `always`).
    #[arg(long, global = true, value_enum, default_value_t = ColorArg::Auto)]
    pub color: ColorArg,
    /// Judge as of this date (YYYY-MM-DD, midnight UTC) or RFC 3339 time instead of the
    /// evidence's own time (its collection time, else its newest event or file).
    #[arg(long, global = true, value_name = "DATE")]
    pub at: Option<String>,
    #[command(subcommand)]
    pub command: Command,
}

/// A language of `--lang`: any locale shipped in `avma-i18n/locales/`, or `qps` (the
/// pseudo-locale for testing translations: accented, bracketed, longer English).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LangArg(pub avma_core::text::Lang);

/// The values `--lang` accepts, from the locales found at build time.
fn lang_parser() -> impl clap::builder::TypedValueParser<Value = LangArg> {
    use clap::builder::TypedValueParser as _;
    let tags: Vec<&'static str> = avma_i18n::shipped()
        .iter()
        .map(|(t, _)| *t)
        .chain(["qps"])
        .collect();
    clap::builder::PossibleValuesParser::new(tags)
        .map(|s: String| LangArg(avma_i18n::find_language(&s).unwrap_or(avma_core::text::Lang::En)))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorArg {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Text,
    Json,
}

/// The formats of a command that prints a document: the document's printers, and JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DocFormat {
    Text,
    Json,
    Md,
    Html,
}

/// The formats of a command that prints only a document (the demo).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DemoFormat {
    Text,
    Md,
    Html,
}

/// Which keys `avma keys` lists: Windows Server's, Windows client's (catalogued under the server
/// releases of their era), or both.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum KeyFamilyArg {
    Server,
    Client,
    All,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PlanFormat {
    Text,
    Json,
    Md,
    Html,
    Ps1,
    Cmd,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RulesFormat {
    Text,
    Json,
    Md,
    Html,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum KindArg {
    Avma,
    Gvlk,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum YesNo {
    Yes,
    No,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List the public AVMA keys and KMS client setup keys, with their sources.
    Keys(KeysArgs),
    /// Show which host versions and editions can activate which guests.
    Matrix(MatrixArgs),
    /// Explain a product key, an error code, an event ID, an EditionID, a version or a rule.
    Explain(ExplainArgs),
    /// Plan the exact steps to activate a guest with AVMA on a host.
    Plan(PlanArgs),
    /// Check runbooks, scripts, blog text or chat logs for wrong keys and impossible steps.
    Lint(LintArgs),
    /// Read collected evidence (slmgr, DISM, PowerShell/CIM, event XML, .evtx) and show what was
    /// understood about each machine, with where each fact was seen.
    Evidence(EvidenceArgs),
    /// Name the root cause from collected evidence, with the facts that prove it and the fix.
    Diagnose(DiagnoseArgs),
    /// Write the cluster inventory (JSON) built from evidence folders and cmdlet exports.
    Inventory(InventoryArgs),
    /// Audit every VM against every node it may run on: who fails over where, from when, and the fix.
    Audit(AuditArgs),
    /// The AVMA activation ledger: which VM activated from which host, when, with what outcome.
    Ledger(LedgerArgs),
    /// Play a what-if scenario (failovers, nodes down, licences lapsing, upgrades) day by day.
    Simulate(SimulateArgs),
    /// List every rule avma reports, with its code, name and severity.
    Rules(RulesArgs),
    /// Print the read-only PowerShell 5.1 script that collects the evidence avma reads, on this
    /// machine or on a whole failover cluster, into one zip bundle.
    #[command(after_long_help = COLLECT_HELP)]
    Collect(CollectArgs),
    /// One self-contained HTML report of one or many clusters: summary, nodes with licence
    /// countdowns, the VM × node matrix, the timeline, findings with fixes, facts per machine.
    Report(ReportArgs),
    /// A monitoring check (Nagios, Icinga, Monitoring Plugins, Checkmk, Prometheus): one status
    /// line, perfdata, exit code 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN.
    Check(CheckArgs),
    /// Tell the walkthrough's story with avma: look-ups, the plan, and the lint of its runbook.
    Demo(DemoArgs),
    /// Print a shell completion script.
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff).
    Man,
}

#[derive(Debug, Args)]
pub struct KeysArgs {
    /// Only keys of this Windows Server version (e.g. 2019, "2012 R2", 1809).
    #[arg(long)]
    pub os: Option<String>,
    /// Only keys of this edition (Standard, Datacenter, "Azure Edition", Essentials or an EditionID).
    #[arg(long)]
    pub edition: Option<String>,
    /// Only AVMA keys or only KMS client setup keys (GVLK).
    #[arg(long, value_enum)]
    pub kind: Option<KindArg>,
    /// Windows Server keys (the default with a server --os), Windows client keys, or all.
    #[arg(long, value_enum)]
    pub family: Option<KeyFamilyArg>,
    #[arg(long, value_enum, default_value_t = DocFormat::Text)]
    pub format: DocFormat,
}

#[derive(Debug, Args)]
pub struct DemoArgs {
    #[arg(long, value_enum, default_value_t = DemoFormat::Text)]
    pub format: DemoFormat,
}

#[derive(Debug, Args)]
pub struct MatrixArgs {
    #[arg(long, value_enum, default_value_t = DocFormat::Text)]
    pub format: DocFormat,
}

#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// A product key (whole, or its last five characters), an HRESULT (0xC004FD02, C004FD02,
    /// -1073414910), a DISM error number, an event ID (12309), an EditionID, a version, or a rule
    /// code or name.
    #[arg(allow_hyphen_values = true)]
    pub topic: String,
    /// For a key: also name the key of the same kind and edition that fits this version.
    #[arg(long)]
    pub os: Option<String>,
    #[arg(long, value_enum, default_value_t = DocFormat::Text)]
    pub format: DocFormat,
}

#[derive(Debug, Args)]
pub struct PlanArgs {
    /// The guest: version and edition, e.g. "2019 Standard", "Windows Server 2019 Standard
    /// Evaluation", "2022 std eval core", or an EditionID with a version.
    #[arg(long)]
    pub guest: String,
    /// The edition the guest should end with (e.g. Datacenter), when it differs from its own.
    #[arg(long)]
    pub want: Option<String>,
    /// The Hyper-V host: version and edition, e.g. "2022 Datacenter", "WS2022 DC".
    #[arg(long)]
    pub host: String,
    /// Whether the host is activated (unknown by default: the plan checks it first).
    #[arg(long, value_enum)]
    pub host_activated: Option<YesNo>,
    /// The guest is an Active Directory domain controller.
    #[arg(long)]
    pub domain_controller: bool,
    #[arg(long, value_enum, default_value_t = PlanFormat::Text)]
    pub format: PlanFormat,
    /// Write to FILE instead of standard output. A ps1 script is written with a UTF-8 BOM, so
    /// Windows PowerShell 5.1 reads its Japanese text correctly.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<std::path::PathBuf>,
}

/// How an admin runs the collection script (`avma collect --help`).
const COLLECT_HELP: &str = "How to run it, on a cluster node, in an elevated Windows PowerShell:\n\n  \
    avma collect --scope cluster -o collect.ps1\n  \
    powershell -ExecutionPolicy Bypass -File .\\collect.ps1\n\n\
    A script copied from another machine may be blocked: run `Unblock-File .\\collect.ps1` first. \
    -Credential PSCREDENTIAL reaches the other nodes as another user; -GuestCredential PSCREDENTIAL \
    also enters each running guest over PowerShell Direct; -Days N (default 30) is how far back \
    events are read; -OutDir DIR chooses where the bundle goes (never under Windows).\n\n\
    What it reads: licensing (CIM SoftwareLicensingProduct and SoftwareLicensingService, partial \
    keys only, never a whole key), edition and build (registry, DISM /English), services, the \
    licensing, AVMA, Data Exchange, failover and migration events of the last N days (filtered \
    on the machine), and on hosts the VMs, their Data Exchange state, each guest's OS as the host \
    sees it (KVP intrinsic exchange items), the cluster's nodes, groups and possible and preferred \
    owners; in a guest, its KVP registry values.\n\n\
    It changes nothing: it only reads, and writes one folder and one zip under your profile \
    (avma-bundle-<COMPUTER>-<time>.zip, its path printed at the end). Analyse it anywhere: \
    `avma diagnose bundle.zip`, `avma audit bundle.zip`.";

/// What the collection script covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Scope {
    /// This machine (a host, a cluster node or a guest).
    Node,
    /// Every node of this machine's failover cluster, over PowerShell remoting.
    Cluster,
    /// This machine as a guest: licensing, the KVP registry, the Data Exchange service.
    Guest,
}

#[derive(Debug, Args)]
pub struct CollectArgs {
    /// What the script collects by default (its -Scope parameter changes it when run).
    #[arg(long, value_enum, default_value_t = Scope::Node)]
    pub scope: Scope,
    /// How many days of events the script reads by default (its -Days parameter).
    #[arg(long, value_name = "N", default_value_t = 30, value_parser = clap::value_parser!(u32).range(1..=3650))]
    pub days: u32,
    /// Write the script to FILE (with a UTF-8 BOM, for Windows PowerShell 5.1) instead of
    /// standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<std::path::PathBuf>,
}

#[derive(Debug, Args)]
pub struct LintArgs {
    /// Files to check; `-` reads standard input.
    #[arg(required = true)]
    pub files: Vec<String>,
    /// The Windows Server version the text is for (otherwise inferred from the text).
    #[arg(long)]
    pub os: Option<String>,
    /// The edition the text is for (e.g. "Standard", "ServerStandardEval").
    #[arg(long)]
    pub edition: Option<String>,
    #[arg(long, value_enum, default_value_t = LintFormat::Text)]
    pub format: LintFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LintFormat {
    Text,
    Json,
    Sarif,
    Md,
    Html,
}

#[derive(Debug, Args)]
pub struct RulesArgs {
    #[arg(long, value_enum, default_value_t = RulesFormat::Text)]
    pub format: RulesFormat,
    /// Write one Markdown page per rule into this folder (how docs/rules is made).
    #[arg(long, value_name = "DIR")]
    pub write_docs: Option<std::path::PathBuf>,
}

#[derive(Debug, Args)]
pub struct EvidenceArgs {
    #[command(flatten)]
    pub inputs: EvidenceInputs,
    #[arg(long, value_enum, default_value_t = DocFormat::Text)]
    pub format: DocFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DiagnoseFormat {
    Text,
    Json,
    Jsonl,
    Sarif,
    Md,
    Html,
}

#[derive(Debug, Args)]
pub struct DiagnoseArgs {
    #[command(flatten)]
    pub inputs: EvidenceInputs,
    /// A host licence ending within this many days is reported (an error within 7 days).
    #[arg(long, default_value_t = 14, value_name = "N")]
    pub warn_days: u32,
    #[arg(long, value_enum, default_value_t = DiagnoseFormat::Text)]
    pub format: DiagnoseFormat,
}

#[derive(Debug, Args)]
pub struct InventoryArgs {
    #[command(flatten)]
    pub inputs: EvidenceInputs,
    /// The cluster's name, recorded in the inventory.
    #[arg(long)]
    pub cluster: Option<String>,
    /// json: the inventory file (avma.inventory/1) that `avma audit` reads; text, md, html: the
    /// same nodes and VMs for people.
    #[arg(long, value_enum, default_value_t = DocFormat::Json)]
    pub format: DocFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum AuditFormat {
    Text,
    Json,
    Md,
    Csv,
    /// Prometheus text exposition (windows_exporter's textfile collector).
    Prometheus,
    Html,
}

#[derive(Debug, Args)]
pub struct AuditArgs {
    /// Inventory files (avma.inventory/1 JSON) or evidence folders and files.
    #[arg(value_name = "INVENTORY|PATH", required = true)]
    pub paths: Vec<std::path::PathBuf>,
    /// A node licence ending within this many days puts its VMs at risk from that date.
    #[arg(long, default_value_t = 14, value_name = "N")]
    pub warn_days: u32,
    #[arg(long, value_enum, default_value_t = AuditFormat::Text)]
    pub format: AuditFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LedgerFormat {
    Text,
    Json,
    Csv,
    Md,
    Html,
}

#[derive(Debug, Args)]
pub struct LedgerArgs {
    /// Evidence folders and files of the nodes and guests.
    #[arg(value_name = "PATH", required = true)]
    pub paths: Vec<std::path::PathBuf>,
    /// How long an AVMA activation is taken to last (not documented; 7 is a community figure).
    #[arg(long, default_value_t = 7, value_name = "DAYS")]
    pub validity_days: u32,
    #[arg(long, value_enum, default_value_t = LedgerFormat::Text)]
    pub format: LedgerFormat,
}

#[derive(Debug, Args)]
pub struct SimulateArgs {
    /// The scenario (TOML): nodes, VMs and timed events; see docs/simulate.md.
    #[arg(value_name = "SCENARIO")]
    pub scenario: std::path::PathBuf,
    /// Days to play (overrides the scenario's `days`).
    #[arg(long)]
    pub days: Option<u32>,
    /// Write the evidence the cluster would produce at the end into this folder (one folder per machine).
    #[arg(long, value_name = "DIR")]
    pub write_evidence: Option<std::path::PathBuf>,
    /// Write event logs as .evtx instead of XML (needs a build with the `evtx` feature).
    #[arg(long)]
    pub evtx: bool,
    #[arg(long, value_enum, default_value_t = DocFormat::Text)]
    pub format: DocFormat,
}

/// Where evidence comes from: folders (one machine each; a folder of folders is one machine per
/// folder) and files, with or without a role.
#[derive(Debug, Args)]
pub struct EvidenceInputs {
    /// Evidence of a Hyper-V host: a folder (one machine; a folder of folders, one per folder) or a
    /// file.
    #[arg(long, value_name = "PATH")]
    pub host: Vec<std::path::PathBuf>,
    /// Evidence of a guest VM: a folder (one machine; a folder of folders, one per folder) or a
    /// file.
    #[arg(long, value_name = "PATH")]
    pub guest: Vec<std::path::PathBuf>,
    /// Evidence whose role avma infers (12310 events, Hyper-V or cluster cmdlet output, cluster
    /// nodes: host; an AVMA product, 12309 events, VMs a host lists: guest).
    #[arg(value_name = "PATH")]
    pub paths: Vec<std::path::PathBuf>,
}

impl EvidenceInputs {
    pub fn is_empty(&self) -> bool {
        self.host.is_empty() && self.guest.is_empty() && self.paths.is_empty()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    Html,
    Md,
    Text,
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Evidence folders (a folder of machine folders is one cluster; a folder of such folders is
    /// a fleet, one cluster each), cmdlet exports, inventories (avma.inventory/1 JSON).
    #[arg(value_name = "PATH", required = true)]
    pub paths: Vec<std::path::PathBuf>,
    /// Write the report to FILE (the format follows its extension: .html, .md, .txt).
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<std::path::PathBuf>,
    /// The format (default: from the file's extension, else html).
    #[arg(long, value_enum)]
    pub format: Option<ReportFormat>,
    /// A node licence ending within this many days is a warning.
    #[arg(long, default_value_t = 14, value_name = "N")]
    pub warn_days: u32,
    /// A node licence ending within this many days is critical.
    #[arg(long, default_value_t = 7, value_name = "N")]
    pub crit_days: u32,
    /// Judge at this time instead of the clock (RFC 3339, e.g. 2026-12-01T09:00:00Z): reproducible
    /// reports.
    #[arg(long, value_name = "TIME")]
    pub now: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    /// Monitoring Plugins / Nagios / Icinga: status line with perfdata, exit code 0-3.
    Nagios,
    /// Checkmk local check lines: `<status> <service> <metrics> <text>`.
    Checkmk,
    /// Prometheus text exposition for windows_exporter's textfile collector.
    Prometheus,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Evidence folders, cmdlet exports or inventories of one or many clusters (as for `report`).
    #[arg(value_name = "PATH", required = true)]
    pub paths: Vec<std::path::PathBuf>,
    /// WARNING when a node licence lapses within this many days.
    #[arg(long, default_value_t = 14, value_name = "DAYS")]
    pub warn_days: u32,
    /// CRITICAL when a node licence lapses within this many days (or has lapsed).
    #[arg(long, default_value_t = 7, value_name = "DAYS")]
    pub crit_days: u32,
    /// Evidence older than this many hours is stale: WARNING (never OK).
    #[arg(long, default_value_t = 25, value_name = "HOURS")]
    pub max_age: u32,
    #[arg(long, value_enum, default_value_t = CheckFormat::Nagios)]
    pub format: CheckFormat,
    /// Write to FILE instead of standard output (for a textfile collector: written whole, then
    /// renamed into place).
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<std::path::PathBuf>,
    /// Judge at this time instead of the clock (RFC 3339).
    #[arg(long, value_name = "TIME")]
    pub now: Option<String>,
}
