//! The inventory: a versioned JSON description of a cluster's nodes and VMs (schema in
//! docs/inventory.schema.json), written by `avma inventory` from evidence or by hand from cmdlet
//! exports, and read by `avma audit`.

use serde::{Deserialize, Serialize};

use avma_core::catalog::{Catalog, Edition, Version};
use avma_core::text::Msg;
use avma_evidence::model::{Model, Role};

pub const SCHEMA: &str = "avma.inventory/1";

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Inventory {
    pub schema: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cluster: Option<String>,
    /// When the evidence was collected (RFC 3339); lapse dates are counted from it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub collected: Option<String>,
    pub nodes: Vec<Node>,
    #[serde(default)]
    pub vms: Vec<Vm>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Node {
    pub name: String,
    /// A version id (`2022`), name (`Windows Server 2022`) or build (`20348`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub build: Option<u32>,
    /// EditionID (`ServerDatacenter`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub edition: Option<String>,
    /// SoftwareLicensingProduct.LicenseStatus (1 = licensed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub license_status: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel: Option<String>,
    /// Minutes of activation left when collected (0 = permanent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub grace_minutes: Option<u64>,
    /// When the licence ends (evaluation end), RFC 3339.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub license_ends: Option<String>,
    /// Cluster node state (Up, Down, Paused).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Vm {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub build: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub edition: Option<String>,
    /// Last five characters of the installed key.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub partial_key: Option<String>,
    /// A key is installed but the evidence hides it (a redacted capture): never "no key".
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub key_redacted: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub license_status: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    /// Empty: every node may own it (the cluster's default).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub possible_owners: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub preferred_owners: Vec<String>,
    /// The VM's Data Exchange integration service.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data_exchange: Option<bool>,
}

/// One problem with an inventory, naming the item and the field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    pub item: String,
    pub field: String,
    /// The problem in English (the JSON contract's text).
    pub message: String,
    /// The same problem as a message id with its arguments, rendered in the user's language.
    #[serde(skip)]
    pub msg: Msg,
    /// Errors make the audit refuse the item; warnings only limit what can be judged.
    pub error: bool,
}

/// A version written as an id, a name or a build.
pub fn resolve_version<'c>(
    v: Option<&str>,
    build: Option<u32>,
    cat: &'c Catalog,
) -> Option<&'c Version> {
    if let Some(b) = build {
        if let Some(v) = cat.version_by_build(b) {
            return Some(v);
        }
    }
    cat.version_named(v?)
}

pub fn resolve_edition<'c>(e: Option<&str>, cat: &'c Catalog) -> Option<&'c Edition> {
    cat.edition(e?.trim())
}

/// The largest `grace_minutes` accepted (100 years): more is not a licence, and would push the
/// lapse date past what can be counted.
pub const MAX_GRACE_MINUTES: u64 = 100 * 366 * 24 * 60;

/// `Ok` for an RFC 3339 date and time that can be counted with (years 0001 to 9999).
fn check_timestamp(v: &str) -> Result<(), (String, Msg)> {
    match v.parse::<jiff::Timestamp>() {
        Ok(_) => Ok(()),
        Err(_) => Err((
            format!(
                "{v:?} is not a date and time (RFC 3339 such as 2026-12-31T00:00:00Z, years 0001 to 9999)"
            ),
            Msg::new("inventory-bad-time").arg("value", v),
        )),
    }
}

/// A date as evidence writes it (RFC 3339, `YYYY-MM-DD[ HH:MM:SS]`, or the US form slmgr and
/// `Format-List` print on an English system, `M/D/YYYY h:mm:ss AM`) as RFC 3339 in UTC; `None`
/// when it is none of those (kept as written, and named by [`validate`]).
pub fn normalize_date(v: &str) -> Option<String> {
    let v = v.trim();
    if let Ok(t) = v.parse::<jiff::Timestamp>() {
        return Some(t.to_string());
    }
    let utc = |dt: jiff::civil::DateTime| {
        jiff::tz::TimeZone::UTC
            .to_timestamp(dt)
            .ok()
            .map(|t| t.to_string())
    };
    if let Ok(dt) = v.parse::<jiff::civil::DateTime>() {
        return utc(dt);
    }
    if let Ok(d) = v.parse::<jiff::civil::Date>() {
        return utc(d.to_datetime(jiff::civil::Time::midnight()));
    }
    for fmt in [
        "%m/%d/%Y %I:%M:%S %p",
        "%m/%d/%Y %H:%M:%S",
        "%Y/%m/%d %H:%M:%S",
    ] {
        if let Ok(dt) = jiff::civil::DateTime::strptime(fmt, v) {
            return utc(dt);
        }
    }
    None
}

/// Check an inventory: unknown nodes, duplicate names, owners that are not nodes, missing or
/// unreadable fields. Nothing is dropped silently: every problem names its item and field.
pub fn validate(inv: &Inventory, cat: &Catalog) -> Vec<Problem> {
    let mut out = Vec::new();
    let mut p = |item: &str, field: &str, (message, msg): (String, Msg), error: bool| {
        out.push(Problem {
            item: item.into(),
            field: field.into(),
            message,
            msg,
            error,
        })
    };
    // The English text (JSON) and the message id of a problem that has no argument.
    let fixed = |en: &str, id: &'static str| (en.to_string(), Msg::new(id));
    if inv.schema != SCHEMA {
        p(
            "inventory",
            "schema",
            (
                format!("is {:?}, expected {SCHEMA:?}", inv.schema),
                Msg::new("inventory-schema-other")
                    .arg("schema", inv.schema.as_str())
                    .arg("expected", SCHEMA),
            ),
            false,
        );
    }
    if let Some(c) = &inv.collected {
        if let Err(why) = check_timestamp(c) {
            p("inventory", "collected", why, true);
        }
    }
    let mut seen = std::collections::HashSet::new();
    for n in &inv.nodes {
        if n.name.trim().is_empty() {
            p(
                "node",
                "name",
                fixed("is empty", "inventory-name-empty"),
                true,
            );
        } else if !seen.insert(n.name.to_ascii_uppercase()) {
            p(
                &n.name,
                "name",
                fixed("names two nodes", "inventory-name-two-nodes"),
                true,
            );
        }
        if resolve_version(n.version.as_deref(), n.build, cat).is_none() {
            p(
                &n.name,
                "version",
                fixed(
                    "missing or unknown: AVMA capability cannot be judged",
                    "inventory-node-version-missing",
                ),
                false,
            );
        }
        match &n.edition {
            None => p(
                &n.name,
                "edition",
                fixed(
                    "missing: AVMA capability cannot be judged",
                    "inventory-node-edition-missing",
                ),
                false,
            ),
            Some(e) if cat.edition(e).is_none() => p(
                &n.name,
                "edition",
                (
                    format!("{e:?} is not an EditionID avma knows"),
                    Msg::new("inventory-edition-unknown").arg("edition", e.as_str()),
                ),
                false,
            ),
            _ => {}
        }
        match n.license_status {
            None => p(
                &n.name,
                "license_status",
                fixed(
                    "missing: whether the node is activated is unknown",
                    "inventory-license-status-missing",
                ),
                false,
            ),
            Some(s) if cat.license_status(s).is_none() => p(
                &n.name,
                "license_status",
                (
                    format!("{s} is not a LicenseStatus value (0 to 6)"),
                    Msg::new("inventory-license-status-bad").arg("value", i64::from(s)),
                ),
                true,
            ),
            _ => {}
        }
        if let Some(d) = &n.license_ends {
            if let Err(why) = check_timestamp(d) {
                p(&n.name, "license_ends", why, true);
            }
        }
        if let Some(g) = n.grace_minutes {
            if g > MAX_GRACE_MINUTES {
                p(
                    &n.name,
                    "grace_minutes",
                    (
                        format!("{g} is more than {MAX_GRACE_MINUTES} minutes (100 years)"),
                        Msg::new("inventory-grace-too-long")
                            .arg("value", g.to_string())
                            .arg("max", MAX_GRACE_MINUTES.to_string()),
                    ),
                    true,
                );
            }
        }
    }
    // `seen` now holds every node name (upper case).
    let is_node = |name: &str| seen.contains(&name.to_ascii_uppercase());
    let not_a_node = |o: &str| {
        (
            format!("{o:?} is not a node of the inventory"),
            Msg::new("inventory-not-a-node").arg("name", o),
        )
    };
    let mut vms = std::collections::HashSet::new();
    for v in &inv.vms {
        if v.name.trim().is_empty() {
            p(
                "vm",
                "name",
                fixed("is empty", "inventory-name-empty"),
                true,
            );
        } else if !vms.insert(v.name.to_ascii_uppercase()) {
            p(
                &v.name,
                "name",
                fixed("names two VMs", "inventory-name-two-vms"),
                true,
            );
        }
        if resolve_version(v.version.as_deref(), v.build, cat).is_none() {
            p(
                &v.name,
                "version",
                fixed(
                    "missing or unknown: which nodes can activate it cannot be judged",
                    "inventory-vm-version-missing",
                ),
                false,
            );
        }
        if let Some(o) = &v.owner {
            if !is_node(o) {
                p(&v.name, "owner", not_a_node(o), true);
            }
        }
        for (field, list) in [
            ("possible_owners", &v.possible_owners),
            ("preferred_owners", &v.preferred_owners),
        ] {
            for o in list {
                if !is_node(o) {
                    p(&v.name, field, not_a_node(o), true);
                }
            }
        }
    }
    out
}

/// Build an inventory from the evidence model: hosts become nodes, guests VMs; cluster groups add
/// owners and possible/preferred owners; integration services give Data Exchange per VM.
pub fn from_model(model: &Model, collected: Option<String>) -> Inventory {
    let mut inv = Inventory {
        schema: SCHEMA.into(),
        collected,
        ..Default::default()
    };
    let windows = |m: &avma_evidence::model::Machine| {
        // Another product's licence (Office, an add-on) never stands for Windows.
        avma_diagnose::subject::windows_product(m)
            // No key installed: the Windows product the licensing service lists without one
            // (its status says so: the judgement's "no product key").
            .or_else(|| {
                m.products.iter().find(|p| {
                    p.facts
                        .name
                        .as_deref()
                        .is_some_and(|n| n.starts_with("Windows") && !n.contains("add-on"))
                })
            })
            .cloned()
    };
    for m in &model.machines {
        let p = windows(m);
        let build = m
            .builds
            .iter()
            .max_by_key(|b| b.from.len())
            .map(|b| b.value);
        match m.role {
            Role::Host => inv.nodes.push(Node {
                name: m.name.clone(),
                version: m.version.clone(),
                build,
                edition: m.edition.clone(),
                license_status: p.as_ref().and_then(|p| p.facts.license_status),
                channel: p.as_ref().and_then(|p| p.facts.channel.clone()),
                grace_minutes: p.as_ref().and_then(|p| p.facts.grace_minutes),
                license_ends: p
                    .as_ref()
                    .and_then(|p| p.facts.evaluation_end.as_deref())
                    .map(|d| normalize_date(d).unwrap_or_else(|| d.to_string())),
                state: model.node(&m.name).and_then(|n| n.value.state.clone()),
            }),
            Role::Guest => inv.vms.push(Vm {
                // The VM's name in Hyper-V and the cluster, which may differ from the computer name.
                name: m.vm_name().to_string(),
                version: m.version.clone(),
                build,
                edition: m.edition.clone(),
                partial_key: p.as_ref().and_then(|p| p.facts.partial_key.clone()),
                key_redacted: p.as_ref().is_some_and(|p| p.facts.key_redacted),
                channel: p.as_ref().and_then(|p| p.facts.channel.clone()),
                license_status: p.as_ref().and_then(|p| p.facts.license_status),
                ..Default::default()
            }),
            Role::Unknown => {}
        }
    }
    // VMs the hosts list without guest evidence: what their guest reported through Data Exchange
    // (the host's intrinsic KVP items) gives their version and edition.
    let mut vm_at: std::collections::HashMap<String, usize> = inv
        .vms
        .iter()
        .enumerate()
        .map(|(i, v)| (v.name.to_ascii_uppercase(), i))
        .collect();
    for k in model.vms_without_guest() {
        let Some(os) = &k.kvp else { continue };
        if vm_at.contains_key(&k.name.to_ascii_uppercase()) || k.name.is_empty() {
            continue;
        }
        vm_at.insert(k.name.to_ascii_uppercase(), inv.vms.len());
        inv.vms.push(Vm {
            name: k.name.clone(),
            build: os.os_build,
            version: os
                .os_build
                .and_then(|b| avma_core::Catalog::builtin().version_by_build(b))
                .map(|v| v.id.clone()),
            edition: os.edition.clone(),
            ..Default::default()
        });
    }
    // Cluster nodes without evidence of their own are still nodes (their facts unknown).
    if let Some(c) = &model.cluster {
        let mut node_names: std::collections::HashSet<String> = inv
            .nodes
            .iter()
            .map(|n| n.name.to_ascii_uppercase())
            .collect();
        for n in &c.nodes {
            if node_names.insert(n.value.name.to_ascii_uppercase()) {
                inv.nodes.push(Node {
                    name: n.value.name.clone(),
                    state: n.value.state.clone(),
                    ..Default::default()
                });
            }
        }
        for g in &c.groups {
            let is_vm = g.value.is_vm();
            if !is_vm {
                continue;
            }
            let idx = match vm_at.get(&g.value.name.to_ascii_uppercase()) {
                Some(&i) => i,
                None => {
                    vm_at.insert(g.value.name.to_ascii_uppercase(), inv.vms.len());
                    inv.vms.push(Vm {
                        name: g.value.name.clone(),
                        ..Default::default()
                    });
                    inv.vms.len() - 1
                }
            };
            let v = &mut inv.vms[idx];
            v.owner = g.value.owner.clone();
            v.possible_owners = g.value.possible_owners.clone().unwrap_or_default();
            v.preferred_owners = g.value.preferred_owners.clone().unwrap_or_default();
        }
    }
    for m in model.machines.iter().filter(|m| m.role == Role::Host) {
        for s in m
            .integration_services
            .iter()
            .filter(|s| s.value.is_data_exchange)
        {
            let at = s
                .value
                .vm
                .as_deref()
                .and_then(|n| vm_at.get(&n.to_ascii_uppercase()));
            if let Some(v) = at.and_then(|&i| inv.vms.get_mut(i)) {
                v.data_exchange = s.value.enabled.or(v.data_exchange);
            }
        }
    }
    inv
}
