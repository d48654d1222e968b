//! What-if simulation: nodes, VMs and timed events (failovers, nodes down, licences lapsing,
//! nodes added or removed, keys changed, upgrades), played day by day.
//!
//! The behaviour follows what is documented: a VM activates when it starts or arrives on a host
//! able to activate it (activated Datacenter, version at least the guest's, Data Exchange on, an
//! AVMA key of the guest's version and edition). What is not documented is marked so: the
//! validity of an activation (default 7 days, a community figure: UNVERIFIED), a renewal attempt
//! each day on the current host (UNVERIFIED), which code a failure logs beyond the documented
//! meanings of 0xC004FD01–FD04 (the mapping is inferred), and the delay after a move (failover,
//! a node going down): the guest shows Notification until AVMA activates it on its new host a
//! short while later (default 15 minutes, catalog fact `avma-move-delay`: UNVERIFIED).
//!
//! Each day is played at 09:00: the day's events, then one attempt per VM (its renewal, or its
//! first on a new host once the move delay has passed). A day's row is the state at 09:00; an
//! attempt after a move is logged at its own time, before the next day. The end state (the
//! evidence written) is the last day at 09:00.
//!
//! Outcomes are [`Outcome`] values (the judgement's cause), never sentences: the CLI renders
//! them through the message catalog.

use serde::{Deserialize, Serialize};

use avma_core::catalog::{Catalog, KeyKind};
use avma_core::judge::{GuestProblem, HostProblem};
use avma_core::rules::Rule;
use avma_core::text::Msg;

/// The default validity of an AVMA activation in days (UNVERIFIED community figure).
pub const DEFAULT_VALIDITY_DAYS: u32 = 7;

/// Minutes after a move until AVMA activates the guest on its new host (UNVERIFIED: Microsoft
/// documents no delay; catalog fact [`MOVE_DELAY_FACT`]).
pub const DEFAULT_MOVE_DELAY_MINUTES: u32 = 15;

/// The catalog fact behind the move delay (confidence: unverified).
pub const MOVE_DELAY_FACT: &str = "avma-move-delay";

/// The longest move delay accepted (one week); a larger `move_delay_minutes` is an error and the
/// default is played.
pub const MAX_MOVE_DELAY_MINUTES: u32 = 7 * 1440;

/// The minute of the day each day is played at (09:00).
pub const TICK_MINUTE: u32 = 9 * 60;

/// The longest simulation played (ten years); longer requests are cut, with a problem noted.
pub const MAX_DAYS: u32 = 3660;

/// The longest validity accepted (ten years); a larger `validity_days` is an error and the
/// default is played.
pub const MAX_VALIDITY_DAYS: u32 = 3660;

/// The event kinds a scenario may hold.
pub const EVENT_KINDS: &[&str] = &[
    "failover",
    "node-down",
    "node-up",
    "lapse",
    "activate",
    "node-added",
    "node-removed",
    "key-changed",
    "upgrade",
    "data-exchange",
];

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    /// First day, `YYYY-MM-DD`.
    pub start: String,
    #[serde(default = "default_days")]
    pub days: u32,
    #[serde(default)]
    pub validity_days: Option<u32>,
    /// Minutes after a move until AVMA activates the guest on its new host (UNVERIFIED).
    #[serde(default)]
    pub move_delay_minutes: Option<u32>,
    #[serde(default)]
    pub cluster: Option<String>,
    #[serde(default, rename = "node")]
    pub nodes: Vec<SimNode>,
    #[serde(default, rename = "vm")]
    pub vms: Vec<SimVm>,
    #[serde(default, rename = "event")]
    pub events: Vec<SimEvent>,
}

fn default_days() -> u32 {
    14
}
fn default_true() -> bool {
    true
}
fn default_dc() -> String {
    "ServerDatacenter".into()
}
fn default_std() -> String {
    "ServerStandard".into()
}
fn default_key() -> String {
    "avma".into()
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SimNode {
    pub name: String,
    /// Version id (`2022`).
    pub version: String,
    #[serde(default = "default_dc")]
    pub edition: String,
    #[serde(default = "default_true")]
    pub activated: bool,
    /// The day (YYYY-MM-DD) its licence lapses, if it does.
    #[serde(default)]
    pub expires: Option<String>,
    #[serde(default = "default_true")]
    pub up: bool,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SimVm {
    pub name: String,
    pub version: String,
    #[serde(default = "default_std")]
    pub edition: String,
    /// `avma` (the right AVMA key), `kms` (the KMS client setup key of its version), `none`, or a
    /// literal public key.
    #[serde(default = "default_key")]
    pub key: String,
    pub owner: String,
    /// Empty: every node.
    #[serde(default)]
    pub possible_owners: Vec<String>,
    #[serde(default = "default_true")]
    pub data_exchange: bool,
    /// The guest's computer name when it differs from the VM name (a renamed guest).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub computer_name: Option<String>,
    /// Whether the guest's evidence holds its KVP registry (VirtualMachineId and name), which
    /// links a renamed guest to its VM.
    #[serde(default = "default_true")]
    pub kvp_registry: bool,
}

impl SimVm {
    /// The guest's computer name: its own, else the VM name.
    pub fn computer(&self) -> &str {
        self.computer_name.as_deref().unwrap_or(&self.name)
    }
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SimEvent {
    pub day: u32,
    /// failover, node-down, node-up, lapse, activate, node-added, node-removed, key-changed,
    /// upgrade, data-exchange.
    pub kind: String,
    #[serde(default)]
    pub vm: Option<String>,
    #[serde(default)]
    pub node: Option<String>,
    #[serde(default)]
    pub to: Option<String>,
    #[serde(default)]
    pub key: Option<String>,
    #[serde(default)]
    pub version: Option<String>,
    #[serde(default)]
    pub edition: Option<String>,
    #[serde(default)]
    pub enabled: Option<bool>,
}

/// What an attempt (or a move) came to: the judgement's cause, never a sentence. The CLI
/// renders [`Outcome::msg_id`]; JSON carries [`Outcome::as_str`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Activated,
    /// The guest's own problem (the judgement's first cause).
    Guest(GuestProblem),
    /// The host cannot activate this guest.
    Host(HostProblem),
    /// The VM's clustered role moved to another node (FailoverClustering 1641).
    Moved,
}

impl Outcome {
    /// The message id the CLI renders.
    pub fn msg_id(self) -> &'static str {
        match self {
            Outcome::Activated => "sim-outcome-activated",
            Outcome::Moved => "sim-outcome-moved",
            Outcome::Guest(GuestProblem::NotSupported) => "sim-outcome-guest-not-supported",
            Outcome::Guest(GuestProblem::Evaluation) => "sim-outcome-evaluation",
            Outcome::Guest(GuestProblem::KmsKey) => "sim-outcome-kms-key",
            Outcome::Guest(
                GuestProblem::AvmaKeyWrongVersion | GuestProblem::AvmaKeyWrongEdition,
            ) => "sim-outcome-wrong-key",
            Outcome::Guest(GuestProblem::NoKey) => "sim-outcome-no-key",
            Outcome::Guest(GuestProblem::DataExchangeOff) => "sim-outcome-data-exchange-off",
            Outcome::Host(HostProblem::NotDatacenter) => "sim-outcome-host-not-datacenter",
            Outcome::Host(HostProblem::NotActivated | HostProblem::Lapsed) => {
                "sim-outcome-host-not-activated"
            }
            Outcome::Host(HostProblem::TooOld | HostProblem::AzureLocalNotCovered) => {
                "sim-outcome-host-too-old"
            }
            Outcome::Host(HostProblem::AzureEditionGuestOffAzure) => {
                "sim-outcome-azure-edition-off-azure"
            }
            Outcome::Host(HostProblem::OnAzure) => "sim-outcome-on-azure",
        }
    }
    /// A stable token for JSON (`activated`, `moved`, else the rule's name).
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Activated => "activated",
            Outcome::Moved => "moved",
            _ => self.rule().map_or("activated", |r| r.name),
        }
    }
    /// The registry rule of the cause (none for a success or a move).
    pub fn rule(self) -> Option<&'static Rule> {
        match self {
            Outcome::Activated | Outcome::Moved => None,
            Outcome::Guest(p) => Some(p.rule()),
            Outcome::Host(p) => Some(p.rule()),
        }
    }
}

impl Serialize for Outcome {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// One line of the log the real systems would write.
#[derive(Debug, Clone, Serialize)]
pub struct LogEntry {
    pub day: u32,
    pub date: String,
    /// When it was logged (RFC 3339): the day at 09:00, or the moment an attempt after a move
    /// was made.
    pub time: String,
    pub machine: String,
    /// 12309 (guest), 12310 (host), 12288 (a KMS client's request), 1641 (the VM's role moved).
    pub event_id: u32,
    /// 0 for success.
    pub code: u32,
    pub vm: String,
    pub host: String,
    /// For a move: the node it left.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
    /// What it came to (`activated`, `moved`, or the rule of the cause); the CLI adds `note`,
    /// the same in words.
    pub outcome: Outcome,
}

/// A VM's activation attempt on a node: the event and code Windows would log, and why.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Attempt {
    pub event_id: u32,
    pub code: u32,
    pub outcome: Outcome,
}

#[derive(Debug, Clone, Serialize)]
pub struct VmDay {
    pub vm: String,
    pub host: Option<String>,
    pub activated: bool,
    /// Moved to its host and waiting for AVMA's activation there (Notification meanwhile).
    pub pending: bool,
    /// The last day of validity.
    pub until: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Day {
    pub day: u32,
    pub date: String,
    pub vms: Vec<VmDay>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SimResult {
    pub schema: &'static str,
    pub validity_days: u32,
    pub validity_confidence: &'static str,
    pub move_delay_minutes: u32,
    /// `unverified`: the delay is not documented (catalog fact `avma-move-delay`).
    pub move_delay_confidence: &'static str,
    pub days: Vec<Day>,
    pub log: Vec<LogEntry>,
    /// The state at the end, for writing evidence.
    pub final_nodes: Vec<SimNode>,
    pub final_vms: Vec<FinalVm>,
    pub end_date: String,
    pub problems: Vec<String>,
    /// `problems` as message ids, in the same order, for the text output (not in the JSON).
    #[serde(skip)]
    pub problem_messages: Vec<Msg>,
}

#[derive(Debug, Clone, Serialize)]
pub struct FinalVm {
    pub vm: SimVm,
    pub activated: bool,
    /// Moved and waiting for AVMA on its new host at the end (Notification).
    pub pending: bool,
    /// When it moved there (RFC 3339), while pending.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub moved_at: Option<String>,
    pub until_day: Option<u32>,
    pub last_host: Option<String>,
    pub last_code: u32,
    pub last_activation_day: Option<u32>,
}

/// `start` + `days`, or `None` past the last date jiff counts (9999-12-31). Never panics.
pub fn checked_date_add(start: jiff::civil::Date, days: u32) -> Option<jiff::civil::Date> {
    let span = jiff::Span::new().try_days(i64::from(days)).ok()?;
    start.checked_add(span).ok()
}

/// `start` + `days`; [`validate`] keeps every date played within range, so the fallback (the
/// last date, never a wrap to the start) is only a guard.
fn date_add(start: jiff::civil::Date, days: u32) -> jiff::civil::Date {
    checked_date_add(start, days).unwrap_or(jiff::civil::Date::MAX)
}

/// What [`validate`] found, and the values the engine may play safely.
#[derive(Debug, Clone)]
pub struct Checked {
    /// Every problem, naming its item and field (errors: the CLI exits 2).
    pub problems: Vec<String>,
    /// The same problems as message ids, in the same order.
    pub messages: Vec<Msg>,
    pub start: jiff::civil::Date,
    pub validity: u32,
    pub move_delay: u32,
    pub days: u32,
}

/// Check a scenario before it is played: dates (parseable, in range, no day past 9999-12-31),
/// the validity, unknown versions, editions and keys, duplicate names (one line per name, however
/// often it repeats), and every event's kind, fields and the nodes and VMs it names.
/// The problems [`validate`] finds: the English line of each (the JSON contract's `problems`)
/// and its message id with arguments (the text output, in the user's language).
#[derive(Default)]
struct Problems {
    en: Vec<String>,
    msgs: Vec<Msg>,
}

impl Problems {
    fn push(&mut self, en: String, msg: Msg) {
        self.en.push(en);
        self.msgs.push(msg);
    }
}

pub fn validate(s: &Scenario, cat: &Catalog) -> Checked {
    use std::collections::HashMap;
    let mut problems = Problems::default();
    let start: jiff::civil::Date = match s.start.parse() {
        Ok(d) => d,
        Err(e) => {
            problems.push(
                format!("start: {:?} is not a date (YYYY-MM-DD): {e}", s.start),
                Msg::new("sim-start-not-date")
                    .arg("value", s.start.as_str())
                    .arg("detail", e.to_string()),
            );
            jiff::civil::date(2026, 1, 1)
        }
    };
    let validity = match s.validity_days {
        Some(0) => {
            problems.push(
                format!(
                    "validity_days: 0 is not a validity (1 to {MAX_VALIDITY_DAYS} days); playing {DEFAULT_VALIDITY_DAYS}"
                ),
                Msg::new("sim-validity-zero")
                    .arg("max", i64::from(MAX_VALIDITY_DAYS))
                    .arg("playing", i64::from(DEFAULT_VALIDITY_DAYS)),
            );
            DEFAULT_VALIDITY_DAYS
        }
        Some(v) if v > MAX_VALIDITY_DAYS => {
            problems.push(
                format!(
                    "validity_days: {v} is more than {MAX_VALIDITY_DAYS}; playing {DEFAULT_VALIDITY_DAYS}"
                ),
                Msg::new("sim-validity-too-long")
                    .arg("value", i64::from(v))
                    .arg("max", i64::from(MAX_VALIDITY_DAYS))
                    .arg("playing", i64::from(DEFAULT_VALIDITY_DAYS)),
            );
            DEFAULT_VALIDITY_DAYS
        }
        Some(v) => v,
        None => DEFAULT_VALIDITY_DAYS,
    };
    let move_delay = match s.move_delay_minutes {
        Some(m) if m > MAX_MOVE_DELAY_MINUTES => {
            problems.push(
                format!(
                    "move_delay_minutes: {m} is more than {MAX_MOVE_DELAY_MINUTES}; playing {DEFAULT_MOVE_DELAY_MINUTES}"
                ),
                Msg::new("sim-move-delay-too-long")
                    .arg("value", i64::from(m))
                    .arg("max", i64::from(MAX_MOVE_DELAY_MINUTES))
                    .arg("playing", i64::from(DEFAULT_MOVE_DELAY_MINUTES)),
            );
            DEFAULT_MOVE_DELAY_MINUTES
        }
        Some(m) => m,
        None => DEFAULT_MOVE_DELAY_MINUTES,
    };
    let mut days = if s.days > MAX_DAYS {
        problems.push(
            format!(
                "days: {} is more than {MAX_DAYS}; playing {MAX_DAYS}",
                s.days
            ),
            Msg::new("sim-days-too-many")
                .arg("value", i64::from(s.days))
                .arg("max", i64::from(MAX_DAYS)),
        );
        MAX_DAYS
    } else {
        s.days
    };
    // Every date the engine writes is start + day + validity at most: keep it <= 9999-12-31.
    let room = (jiff::civil::Date::MAX - start).get_days();
    let room = u32::try_from(room).unwrap_or(0);
    let fits = room.saturating_sub(validity).saturating_add(1);
    if days > fits {
        problems.push(
            format!(
                "days: {days} days from {start} with a validity of {validity} days would pass 9999-12-31, the last date avma counts; playing {fits}"
            ),
            Msg::new("sim-days-past-last-date")
                .arg("days", i64::from(days))
                .arg("start", start.to_string())
                .arg("validity", i64::from(validity))
                .arg("playing", i64::from(fits)),
        );
        days = fits;
    }
    let date_field = |problems: &mut Problems, node: &str, v: &str| {
        if v.parse::<jiff::civil::Date>().is_err() {
            problems.push(
                format!("node {node}: expires: {v:?} is not a date (YYYY-MM-DD, 0001-01-01 to 9999-12-31)"),
                Msg::new("sim-node-expires-not-date")
                    .arg("node", node)
                    .arg("value", v),
            );
        }
    };
    let mut node_names: HashMap<String, usize> = HashMap::new();
    for n in &s.nodes {
        *node_names.entry(n.name.to_ascii_uppercase()).or_default() += 1;
        if n.name.trim().is_empty() {
            problems.push(
                "node: name is empty".to_string(),
                Msg::new("sim-node-name-empty"),
            );
        }
        if cat.version(&n.version).is_none() {
            problems.push(
                format!("node {}: version {:?} is unknown", n.name, n.version),
                Msg::new("sim-node-version-unknown")
                    .arg("name", n.name.as_str())
                    .arg("value", n.version.as_str()),
            );
        }
        if cat.edition(&n.edition).is_none() {
            problems.push(
                format!(
                    "node {}: edition {:?} is not an EditionID avma knows",
                    n.name, n.edition
                ),
                Msg::new("sim-node-edition-unknown")
                    .arg("name", n.name.as_str())
                    .arg("value", n.edition.as_str()),
            );
        }
        if let Some(x) = &n.expires {
            date_field(&mut problems, &n.name, x);
        }
    }
    let mut vm_names: HashMap<String, usize> = HashMap::new();
    for v in &s.vms {
        *vm_names.entry(v.name.to_ascii_uppercase()).or_default() += 1;
        if v.name.trim().is_empty() {
            problems.push(
                "vm: name is empty".to_string(),
                Msg::new("sim-vm-name-empty"),
            );
        }
        if cat.version(&v.version).is_none() {
            problems.push(
                format!("vm {}: version {:?} is unknown", v.name, v.version),
                Msg::new("sim-vm-version-unknown")
                    .arg("name", v.name.as_str())
                    .arg("value", v.version.as_str()),
            );
        }
        if cat.edition(&v.edition).is_none() {
            problems.push(
                format!(
                    "vm {}: edition {:?} is not an EditionID avma knows",
                    v.name, v.edition
                ),
                Msg::new("sim-vm-edition-unknown")
                    .arg("name", v.name.as_str())
                    .arg("value", v.edition.as_str()),
            );
        }
        if !matches!(v.key.as_str(), "avma" | "kms" | "none")
            && avma_core::key::ProductKey::parse(&v.key)
                .and_then(|p| cat.key(&p))
                .is_none()
        {
            problems.push(
                format!(
                    "vm {}: key {:?} is not avma, kms, none or a public key avma knows",
                    v.name, v.key
                ),
                Msg::new("sim-key-unknown")
                    .arg("vm", v.name.as_str())
                    .arg("value", v.key.as_str()),
            );
        }
    }
    for (what, names, list) in [
        (
            "node",
            &node_names,
            s.nodes.iter().map(|n| n.name.as_str()).collect::<Vec<_>>(),
        ),
        (
            "vm",
            &vm_names,
            s.vms.iter().map(|v| v.name.as_str()).collect(),
        ),
    ] {
        let mut told = std::collections::HashSet::new();
        for name in list {
            let key = name.to_ascii_uppercase();
            let n = names.get(&key).copied().unwrap_or(0);
            if n > 1 && told.insert(key) {
                problems.push(
                    format!("{what} {name}: the name is given {n} times"),
                    Msg::new(if what == "node" {
                        "sim-node-name-duplicate"
                    } else {
                        "sim-vm-name-duplicate"
                    })
                    .arg("name", name)
                    .arg("times", n as i64),
                );
            }
        }
    }
    // Nodes an event may name: the scenario's, and those added by events. The engine matches
    // names exactly, so references are checked exactly too.
    let mut known_nodes: std::collections::HashSet<&str> =
        s.nodes.iter().map(|n| n.name.as_str()).collect();
    for e in &s.events {
        if e.kind == "node-added" {
            if let Some(n) = &e.node {
                known_nodes.insert(n.as_str());
            }
        }
    }
    let known_vms: std::collections::HashSet<&str> =
        s.vms.iter().map(|v| v.name.as_str()).collect();
    let is_node = |n: &str| known_nodes.contains(n);
    let is_vm = |n: &str| known_vms.contains(n);
    for v in &s.vms {
        if !is_node(&v.owner) {
            problems.push(
                format!("vm {}: owner {:?} is not a node", v.name, v.owner),
                Msg::new("sim-vm-owner-not-node")
                    .arg("vm", v.name.as_str())
                    .arg("owner", v.owner.as_str()),
            );
        }
        for o in &v.possible_owners {
            if !is_node(o) {
                problems.push(
                    format!("vm {}: possible owner {o:?} is not a node", v.name),
                    Msg::new("sim-vm-possible-owner-not-node")
                        .arg("vm", v.name.as_str())
                        .arg("owner", o.as_str()),
                );
            }
        }
    }
    for (i, e) in s.events.iter().enumerate() {
        let item = format!("event {} (day {}, {})", i + 1, e.day, e.kind);
        let item_msg = || {
            Msg::new("sim-item-event")
                .arg("n", (i + 1) as i64)
                .arg("day", i64::from(e.day))
                .arg("kind", e.kind.as_str())
        };
        if !EVENT_KINDS.contains(&e.kind.as_str()) {
            problems.push(
                format!(
                    "event {} (day {}): unknown kind {:?} (known: {})",
                    i + 1,
                    e.day,
                    e.kind,
                    EVENT_KINDS.join(", ")
                ),
                Msg::new("sim-event-unknown-kind")
                    .arg("n", (i + 1) as i64)
                    .arg("day", i64::from(e.day))
                    .arg("kind", e.kind.as_str())
                    .arg("known", EVENT_KINDS.join(", ")),
            );
            continue;
        }
        let needs_vm = matches!(
            e.kind.as_str(),
            "failover" | "key-changed" | "data-exchange"
        );
        let needs_node = !needs_vm;
        if needs_vm {
            match e.vm.as_deref() {
                None => problems.push(
                    format!("{item}: vm is missing"),
                    Msg::new("sim-event-field-missing")
                        .arg("item", item_msg())
                        .arg("field", "vm"),
                ),
                Some(vm) if !is_vm(vm) => problems.push(
                    format!("{item}: vm {vm:?} is not a VM of the scenario"),
                    Msg::new("sim-event-vm-unknown")
                        .arg("item", item_msg())
                        .arg("vm", vm),
                ),
                _ => {}
            }
        }
        if needs_node {
            match e.node.as_deref() {
                None => problems.push(
                    format!("{item}: node is missing"),
                    Msg::new("sim-event-field-missing")
                        .arg("item", item_msg())
                        .arg("field", "node"),
                ),
                Some(n)
                    if e.kind == "node-added"
                        && node_names.contains_key(&n.to_ascii_uppercase()) =>
                {
                    problems.push(
                        format!("{item}: node {n:?} is already a node"),
                        Msg::new("sim-event-node-exists")
                            .arg("item", item_msg())
                            .arg("node", n),
                    );
                }
                Some(_) if e.kind == "node-added" => {}
                Some(n) if !is_node(n) => problems.push(
                    format!("{item}: node {n:?} is not a node of the scenario"),
                    Msg::new("sim-event-node-unknown")
                        .arg("item", item_msg())
                        .arg("node", n),
                ),
                _ => {}
            }
        }
        if e.kind == "failover" {
            match e.to.as_deref() {
                None => problems.push(
                    format!("{item}: to is missing"),
                    Msg::new("sim-event-field-missing")
                        .arg("item", item_msg())
                        .arg("field", "to"),
                ),
                Some(t) if !is_node(t) => problems.push(
                    format!("{item}: to {t:?} is not a node of the scenario"),
                    Msg::new("sim-event-to-unknown")
                        .arg("item", item_msg())
                        .arg("node", t),
                ),
                _ => {}
            }
        }
        if e.kind == "key-changed" && e.key.is_none() {
            problems.push(
                format!("{item}: key is missing"),
                Msg::new("sim-event-field-missing")
                    .arg("item", item_msg())
                    .arg("field", "key"),
            );
        }
        if e.kind == "upgrade" && e.version.is_none() {
            problems.push(
                format!("{item}: version is missing"),
                Msg::new("sim-event-field-missing")
                    .arg("item", item_msg())
                    .arg("field", "version"),
            );
        }
        if let Some(v) = &e.version {
            if cat.version(v).is_none() {
                problems.push(
                    format!("{item}: version {v:?} is unknown"),
                    Msg::new("sim-event-version-unknown")
                        .arg("item", item_msg())
                        .arg("value", v.as_str()),
                );
            }
        }
        if let Some(ed) = &e.edition {
            if cat.edition(ed).is_none() {
                problems.push(
                    format!("{item}: edition {ed:?} is not an EditionID avma knows"),
                    Msg::new("sim-event-edition-unknown")
                        .arg("item", item_msg())
                        .arg("value", ed.as_str()),
                );
            }
        }
        if e.day >= days {
            problems.push(
                format!(
                    "{item}: day {} is after the last day played ({}); not played",
                    e.day,
                    days.saturating_sub(1)
                ),
                Msg::new("sim-event-day-after-last")
                    .arg("item", item_msg())
                    .arg("day", i64::from(e.day))
                    .arg("last", i64::from(days.saturating_sub(1))),
            );
        }
    }
    Checked {
        problems: problems.en,
        messages: problems.msgs,
        start,
        validity,
        move_delay,
        days,
    }
}

struct VmState {
    vm: SimVm,
    until: Option<u32>,
    last_host: Option<String>,
    last_code: u32,
    last_ok: Option<u32>,
    /// The minute (since the start) it moved to its current node, while AVMA has not yet
    /// activated it there.
    moved_at: Option<u64>,
}

/// Parse a scenario from TOML.
pub fn parse(text: &str) -> Result<Scenario, String> {
    toml::from_str(text).map_err(|e| e.to_string())
}

/// The VM of a scenario as the judgement sees it.
pub fn sim_guest<'c>(vm: &SimVm, cat: &'c Catalog) -> avma_core::judge::Guest<'c> {
    let gv = cat.version(&vm.version);
    let ge = cat.edition(&vm.edition);
    let key = match vm.key.as_str() {
        "avma" => match (gv, ge) {
            (Some(v), Some(e)) => avma_core::judge::avma_key_for(v, e, cat),
            _ => None,
        },
        "kms" => match (gv, ge) {
            (Some(v), Some(e)) => cat.key_for(KeyKind::Gvlk, &v.id, &e.family),
            _ => None,
        },
        "none" => None,
        k => avma_core::key::ProductKey::parse(k).and_then(|p| cat.key(&p)),
    };
    avma_core::judge::Guest {
        version: gv,
        edition: ge,
        // "kms" names the channel even where no KMS client key is listed.
        channel: (vm.key == "kms").then_some(avma_core::judge::Channel::KmsClient),
        key,
        has_key: Some(vm.key != "none"),
        activated: None,
        data_exchange: Some(vm.data_exchange),
    }
}

/// A node of a scenario as the judgement sees it.
pub fn sim_host<'c>(node: &SimNode, cat: &'c Catalog) -> avma_core::judge::Host<'c> {
    avma_core::judge::Host {
        version: cat.version(&node.version),
        edition: cat.edition(&node.edition),
        activated: Some(node.activated),
        channel: None,
        lapse_days: None,
        platform: avma_core::judge::Platform::default(),
    }
}

/// What an activation attempt of `vm` on `node` returns: the judgement's verdict (its first
/// cause), turned into the event and code Windows would log (documented codes; the mapping of
/// causes the documentation does not tie to a code is inferred).
pub fn sim_attempt(vm: &SimVm, node: &SimNode, cat: &Catalog) -> Attempt {
    use avma_core::judge::{self, Can};
    let g = sim_guest(vm, cat);
    let at = |event_id, code, outcome| Attempt {
        event_id,
        code,
        outcome,
    };
    if let Some(p) = judge::guest_problems(&g, cat).first().copied() {
        let (id, code) = match p {
            GuestProblem::NotSupported => (12309, 0xC004FD03),
            GuestProblem::Evaluation => (12309, 0xC004F069),
            GuestProblem::KmsKey => (12288, 0xC004F074),
            GuestProblem::AvmaKeyWrongVersion | GuestProblem::AvmaKeyWrongEdition => {
                (12309, 0xC004FD03)
            }
            GuestProblem::NoKey => (12309, 0xC004F014),
            GuestProblem::DataExchangeOff => (12309, 0xC004FD04),
        };
        return at(id, code, Outcome::Guest(p));
    }
    let h = sim_host(node, cat);
    let host = |p: HostProblem, code| at(12309, code, Outcome::Host(p));
    match judge::host_can(&h, g.version, g.edition, 0, cat) {
        Can::Yes | Can::Until { .. } => at(12309, 0, Outcome::Activated),
        Can::Unknown("edition") => host(HostProblem::NotDatacenter, 0xC004FD03),
        Can::No(p @ HostProblem::NotDatacenter) => host(p, 0xC004FD03),
        Can::No(p @ (HostProblem::NotActivated | HostProblem::Lapsed)) => host(p, 0xC004FD02),
        Can::No(p @ (HostProblem::TooOld | HostProblem::AzureLocalNotCovered)) => {
            host(p, 0xC004FD03)
        }
        Can::No(p @ HostProblem::AzureEditionGuestOffAzure) => host(p, 0xC004FD03),
        Can::No(p @ HostProblem::OnAzure) => host(p, 0xC004FD01),
        Can::Unknown(_) => at(12309, 0, Outcome::Activated),
    }
}

/// The judgement's verdict for a VM on a node of a scenario (for the consistency tests).
pub fn can_activate(vm: &SimVm, node: &SimNode, cat: &Catalog) -> bool {
    sim_attempt(vm, node, cat).code == 0
}

/// `start` at `minute` (minutes since its midnight), RFC 3339.
fn time_at(start: jiff::civil::Date, minute: u64) -> String {
    let day = u32::try_from(minute / 1440).unwrap_or(u32::MAX);
    let m = minute % 1440;
    format!("{}T{:02}:{:02}:00Z", date_add(start, day), m / 60, m % 60)
}

fn tick(d: u32) -> u64 {
    u64::from(d) * 1440 + u64::from(TICK_MINUTE)
}

/// Play a scenario.
pub fn run(s: &Scenario, cat: &Catalog) -> SimResult {
    let Checked {
        problems,
        messages: problem_messages,
        start,
        validity,
        move_delay,
        days: total_days,
    } = validate(s, cat);
    let day_of = |d: &str| -> Option<u32> {
        let d: jiff::civil::Date = d.parse().ok()?;
        let n = (d - start).get_days();
        u32::try_from(n).ok()
    };
    let mut nodes: Vec<SimNode> = s.nodes.clone();
    let mut vms: Vec<VmState> = s
        .vms
        .iter()
        .map(|v| VmState {
            vm: v.clone(),
            until: None,
            last_host: None,
            last_code: 0,
            last_ok: None,
            moved_at: None,
        })
        .collect();
    let mut events: Vec<&SimEvent> = s.events.iter().collect();
    events.sort_by_key(|e| e.day);
    let mut log = Vec::new();
    let mut days = Vec::new();
    // The next up node a VM may run on, in its possible-owner order.
    fn place(vm: &SimVm, nodes: &[SimNode], not: &str) -> Option<String> {
        let order: Vec<&str> = if vm.possible_owners.is_empty() {
            nodes.iter().map(|n| n.name.as_str()).collect()
        } else {
            vm.possible_owners.iter().map(String::as_str).collect()
        };
        order
            .into_iter()
            .find(|o| *o != not && nodes.iter().any(|n| n.name == *o && n.up))
            .map(str::to_string)
    }
    // A move of the VM's role: logged by the cluster (1641) on the node it goes to; AVMA
    // activates it there after the move delay, Notification meanwhile.
    let moved = |v: &mut VmState, to: String, d: u32, log: &mut Vec<LogEntry>| {
        if v.vm.owner == to {
            return;
        }
        let from = std::mem::replace(&mut v.vm.owner, to.clone());
        v.moved_at = Some(tick(d));
        v.until = None;
        log.push(LogEntry {
            day: d,
            date: date_add(start, d).to_string(),
            time: time_at(start, tick(d)),
            machine: to.clone(),
            event_id: 1641,
            code: 0,
            vm: v.vm.name.clone(),
            host: to,
            from: Some(from),
            outcome: Outcome::Moved,
        });
    };
    for d in 0..total_days {
        for e in events.iter().filter(|e| e.day == d) {
            let node = e.node.as_deref().unwrap_or("");
            match e.kind.as_str() {
                "failover" => {
                    if let (Some(vm), Some(to)) = (e.vm.as_deref(), e.to.as_deref()) {
                        // An unknown VM is named by `validate`.
                        if let Some(v) = vms.iter_mut().find(|v| v.vm.name == vm) {
                            moved(v, to.to_string(), d, &mut log);
                        }
                    }
                }
                "node-down" | "node-removed" => {
                    if let Some(n) = nodes.iter_mut().find(|n| n.name == node) {
                        n.up = false;
                    }
                    for v in vms.iter_mut().filter(|v| v.vm.owner == node) {
                        if let Some(to) = place(&v.vm, &nodes, node) {
                            moved(v, to, d, &mut log);
                        }
                    }
                    if e.kind == "node-removed" {
                        nodes.retain(|n| n.name != node);
                        for v in vms.iter_mut() {
                            v.vm.possible_owners.retain(|o| o != node);
                        }
                    }
                }
                "node-up" => {
                    if let Some(n) = nodes.iter_mut().find(|n| n.name == node) {
                        n.up = true;
                    }
                }
                "lapse" => {
                    if let Some(n) = nodes.iter_mut().find(|n| n.name == node) {
                        n.activated = false;
                    }
                }
                "activate" => {
                    if let Some(n) = nodes.iter_mut().find(|n| n.name == node) {
                        n.activated = true;
                        n.expires = None;
                    }
                }
                "node-added" => nodes.push(SimNode {
                    name: node.to_string(),
                    version: e.version.clone().unwrap_or_else(|| "2022".into()),
                    edition: e.edition.clone().unwrap_or_else(default_dc),
                    activated: e.enabled.unwrap_or(true),
                    expires: None,
                    up: true,
                }),
                "upgrade" => {
                    if let (Some(n), Some(v)) =
                        (nodes.iter_mut().find(|n| n.name == node), e.version.clone())
                    {
                        n.version = v;
                    }
                }
                "key-changed" => {
                    if let (Some(vm), Some(k)) = (e.vm.as_deref(), e.key.clone()) {
                        if let Some(v) = vms.iter_mut().find(|v| v.vm.name == vm) {
                            v.vm.key = k;
                        }
                    }
                }
                "data-exchange" => {
                    if let Some(v) =
                        e.vm.as_deref()
                            .and_then(|vm| vms.iter_mut().find(|v| v.vm.name == vm))
                    {
                        v.vm.data_exchange = e.enabled.unwrap_or(true);
                    }
                }
                // Named by `validate`.
                _ => {}
            }
        }
        for n in nodes.iter_mut() {
            if n.expires
                .as_deref()
                .and_then(day_of)
                .is_some_and(|x| x <= d)
            {
                n.activated = false;
            }
        }
        let date = date_add(start, d).to_string();
        let last_day = d + 1 == total_days;
        let mut states = Vec::new();
        for v in vms.iter_mut() {
            let Some(node) = nodes.iter().find(|n| n.name == v.vm.owner && n.up).cloned() else {
                states.push(VmDay {
                    vm: v.vm.name.clone(),
                    host: None,
                    activated: v.until.is_some_and(|u| u > d),
                    pending: false,
                    until: None,
                });
                continue;
            };
            // The attempt: at 09:00 (a renewal each day, UNVERIFIED model), or after a move
            // once the delay has passed: at 09:00 if it has, else at its own time before the
            // next day (not on the last day: the run ends at its 09:00).
            let due = v.moved_at.map(|m| m + u64::from(move_delay));
            let when = match due {
                None => Some(tick(d)),
                Some(t) if t <= tick(d) => Some(tick(d)),
                Some(t) if !last_day && t < tick(d + 1) => Some(t),
                Some(_) => None,
            };
            let pending_now = due.is_some_and(|t| t > tick(d));
            if let Some(when) = when {
                let Attempt {
                    event_id: id,
                    code,
                    outcome,
                } = sim_attempt(&v.vm, &node, cat);
                v.moved_at = None;
                v.last_code = code;
                if code == 0 {
                    v.until = Some(d.saturating_add(validity));
                    v.last_host = Some(node.name.clone());
                    v.last_ok = Some(d);
                }
                let time = time_at(start, when);
                log.push(LogEntry {
                    day: d,
                    date: date.clone(),
                    time: time.clone(),
                    machine: v.vm.name.clone(),
                    event_id: id,
                    code,
                    vm: v.vm.name.clone(),
                    host: node.name.clone(),
                    from: None,
                    outcome,
                });
                if id == 12309 {
                    log.push(LogEntry {
                        day: d,
                        date: date.clone(),
                        time,
                        machine: node.name.clone(),
                        event_id: 12310,
                        code,
                        vm: v.vm.name.clone(),
                        host: node.name.clone(),
                        from: None,
                        outcome,
                    });
                }
            }
            // The row is the state at 09:00: a VM that moved today and waits for the delay is
            // pending then, whatever its attempt later that day gives.
            let active = !pending_now && v.until.is_some_and(|u| u > d);
            states.push(VmDay {
                vm: v.vm.name.clone(),
                host: Some(node.name.clone()),
                activated: active,
                pending: pending_now,
                until: v
                    .until
                    .filter(|_| active)
                    .map(|u| date_add(start, u).to_string()),
            });
        }
        days.push(Day {
            day: d,
            date,
            vms: states,
        });
    }
    let end = total_days.saturating_sub(1);
    SimResult {
        schema: "avma.simulation/1",
        validity_days: validity,
        validity_confidence: "unverified",
        move_delay_minutes: move_delay,
        move_delay_confidence: "unverified",
        days,
        log,
        final_vms: vms
            .into_iter()
            .map(|v| FinalVm {
                activated: v.moved_at.is_none() && v.until.is_some_and(|u| u > end),
                pending: v.moved_at.is_some(),
                moved_at: v.moved_at.map(|m| time_at(start, m)),
                until_day: v.until,
                last_host: v.last_host,
                last_code: v.last_code,
                last_activation_day: v.last_ok,
                vm: v.vm,
            })
            .collect(),
        final_nodes: nodes,
        end_date: date_add(start, end).to_string(),
        problems,
        problem_messages,
    }
}
