//! Shared by the capture corpus and the noise property test.

#![allow(clippy::unwrap_used, clippy::expect_used, dead_code)]

use std::collections::BTreeSet;

use avma_core::Catalog;
use avma_evidence::observe::{code_text, Fact, ReadResult};

/// The facts of a read result as short comparable strings (`edition=ServerStandard`, ...).
pub fn flatten(r: &ReadResult) -> BTreeSet<String> {
    let cat = Catalog::builtin();
    let mut out = BTreeSet::new();
    out.insert(format!(
        "kind={}",
        serde_json::to_value(r.kind).unwrap().as_str().unwrap()
    ));
    if let Some(l) = r.language {
        out.insert(format!("language={l}"));
    }
    // The machines a paste holds (the model splits the file by them), and an uncertain boundary.
    for (_, name) in &r.sections {
        out.insert(format!("section={}", section_label(name)));
    }
    if !r.parts.is_empty() {
        out.insert("uncertain-parts".into());
    }
    // How many events of each id were read (`event-count=12310:5`), and the details of services,
    // VMs and cluster groups (their type tag is inserted below as before).
    let mut counts: std::collections::BTreeMap<u32, usize> = std::collections::BTreeMap::new();
    for o in &r.observations {
        match &o.fact {
            Fact::Event(e) => *counts.entry(e.event_id).or_default() += 1,
            Fact::Service {
                name,
                status,
                start_type,
            } => {
                out.insert(format!(
                    "service={name}:{}:{}",
                    status.as_deref().unwrap_or("?"),
                    start_type.as_deref().unwrap_or("?")
                ));
            }
            Fact::Vm { name, state, .. } => {
                out.insert(format!("vm={name}:{}", state.as_deref().unwrap_or("?")));
            }
            Fact::ClusterGroup {
                name,
                owner,
                group_type,
                ..
            } => {
                out.insert(format!(
                    "cluster-group={name}:{}",
                    owner.as_deref().unwrap_or("?")
                ));
                if let Some(t) = group_type {
                    out.insert(format!("cluster-group-type={name}:{t}"));
                }
            }
            Fact::ClusterOwners { group, owners } => {
                out.insert(format!("cluster-owners={group}:{}", owners.join(",")));
            }
            Fact::Error { code, tool, .. } => {
                out.insert(format!("error-by={tool}:{}", code_text(*code)));
            }
            _ => {}
        }
    }
    for (id, n) in counts {
        out.insert(format!("event-count={id}:{n}"));
    }
    for o in &r.observations {
        match &o.fact {
            Fact::ComputerName { name } => {
                out.insert(format!("computer={name}"));
            }
            Fact::OsBuild { build } => {
                out.insert(format!("build={build}"));
            }
            Fact::Edition { edition, .. } => {
                out.insert(format!("edition={edition}"));
            }
            Fact::TargetEditions { editions } => {
                out.insert(format!("target-editions={}", editions.join(",")));
            }
            Fact::Collected { time } => {
                out.insert("collected".into());
                out.insert(format!("collected={time}"));
            }
            Fact::ClusterNode { name, state } => {
                out.insert("cluster-node".into());
                out.insert(format!(
                    "cluster-node={name}:{}",
                    state.as_deref().unwrap_or("?")
                ));
            }
            Fact::Logged { time } => {
                out.insert(format!("logged={time}"));
            }
            Fact::SetEdition { edition, key } => {
                out.insert(format!("set-edition={edition}"));
                if let Some(k) = key {
                    out.insert(format!("set-edition-key={}", k.display(cat)));
                }
            }
            Fact::DomainController { is_dc } => {
                out.insert(format!("domain-controller={is_dc}"));
            }
            Fact::Product(p) => {
                match (&p.edition, &p.name) {
                    (Some(e), _) => out.insert(format!("product={e}")),
                    (None, Some(n)) => out.insert(format!("not-windows={n}")),
                    _ => false,
                };
                let mut add = |k: &str, v: Option<String>| {
                    if let Some(v) = v {
                        out.insert(format!("{k}={v}"));
                    }
                };
                add("channel", p.channel.clone());
                add("key-channel", p.key_channel.clone());
                add("partial-key", p.partial_key.clone());
                add("license-status", p.license_status.map(|s| s.to_string()));
                add("status-reason", p.status_reason.map(code_text));
                add("grace-minutes", p.grace_minutes.map(|s| s.to_string()));
                add("activation-id", p.activation_id.clone());
                add("avma-host", p.avma.host_machine_name.clone());
                add(
                    "expiry",
                    p.expiry.as_ref().map(|e| {
                        serde_json::to_value(e.kind)
                            .unwrap()
                            .as_str()
                            .unwrap()
                            .to_string()
                    }),
                );
                add("kms-registered", p.kms.registered.clone());
                add("kms-discovered", p.kms.discovered.clone());
                add("kms-ip", p.kms.ip.clone());
                add("kms-pid", p.kms.extended_pid.clone());
                add(
                    "kms-activation-interval",
                    p.kms.activation_interval.map(|v| v.to_string()),
                );
                add(
                    "kms-renewal-interval",
                    p.kms.renewal_interval.map(|v| v.to_string()),
                );
                if p.key_redacted {
                    out.insert("key-redacted".into());
                }
                if p.avma.host_redacted {
                    out.insert("avma-host-redacted".into());
                }
                if p.avma_left_over() {
                    out.insert("avma-left-over".into());
                }
            }
            Fact::Error { code, .. } => {
                out.insert(format!("error={}", code_text(*code)));
            }
            Fact::KeyInstalled { key } => {
                out.insert(format!("key-installed={}", key.display(cat)));
            }
            Fact::ActivationSucceeded => {
                out.insert("activation-succeeded".into());
            }
            Fact::DismSucceeded => {
                out.insert("dism-succeeded".into());
            }
            Fact::KeyTried { key, code } => {
                out.insert(format!("key-tried={}", key.display(cat)));
                if let Some(c) = code {
                    out.insert(format!("key-tried-code={}", code_text(*c)));
                }
            }
            Fact::EditionChanged { edition, previous } => {
                out.insert(format!("edition-changed={edition}"));
                if let Some(p) = previous {
                    out.insert(format!("edition-changed-from={p}"));
                }
            }
            Fact::IntegrationService(s) => {
                if s.is_data_exchange {
                    out.insert(format!(
                        "data-exchange={}:{}",
                        s.vm.as_deref().unwrap_or("?"),
                        s.enabled.map_or("?".into(), |b| b.to_string())
                    ));
                }
            }
            Fact::Event(e) => {
                out.insert(format!("event={}/{}", e.provider, e.event_id));
                let id = e.event_id;
                if let Some(r) = e.result {
                    out.insert(format!("event-result={id}:{}", r.token()));
                }
                if let Some(h) = &e.named_host {
                    out.insert(format!("event-host={id}:{h}"));
                }
                if let Some(g) = &e.named_guest {
                    out.insert(format!("event-guest={id}:{g}"));
                }
                if let Some(l) = e.level {
                    out.insert(format!("event-level={id}:{l}"));
                }
                if let Some(t) = &e.time {
                    out.insert(format!("event-time={id}:{t}"));
                }
                for h in &e.hresults {
                    out.insert(format!("event-hresult={id}:{}", code_text(*h)));
                }
                if let Some(last) = e.message.as_deref().and_then(|m| m.lines().last()) {
                    out.insert(format!("event-message-last={id}:{}", last.trim()));
                }
            }
            Fact::RoleClue {
                name, host, clue, ..
            } => {
                let role = if *host { "host" } else { "guest" };
                let clue = serde_json::to_value(clue).unwrap();
                let clue = clue.as_str().unwrap();
                match name {
                    Some(n) => out.insert(format!("role-clue={n}:{role}:{clue}")),
                    None => out.insert(format!("role-clue={role}:{clue}")),
                };
            }
            other => {
                let v = serde_json::to_value(other).unwrap();
                if let Some(t) = v.get("type").and_then(|t| t.as_str()) {
                    match t {
                        "kms-host" => {
                            let host = v.get("host").and_then(|h| h.as_str()).unwrap_or("?");
                            out.insert(format!("kms-host={host}"));
                        }
                        t => {
                            out.insert(t.to_string());
                            let field = |k: &str| {
                                v.get(k).and_then(|x| x.as_str()).unwrap_or("?").to_string()
                            };
                            // A VM with its state (`vm=VM-APP01:Running`), the version an OS
                            // caption names (`os-version=2022`).
                            if t == "vm" {
                                out.insert(format!("vm={}:{}", field("name"), field("state")));
                            } else if t == "os-caption" {
                                out.insert(format!("os-version={}", field("version")));
                            }
                        }
                    }
                }
            }
        }
    }
    out
}

/// A section's name as the tests write it: an unnamed host's or guest's machine is `(host)` /
/// `(guest)`, the input's own `(own)`.
pub fn section_label(name: &str) -> String {
    if avma_evidence::clue::is_anonymous(name) {
        format!("({})", name.trim_start_matches('\u{1}'))
    } else if name.is_empty() {
        "(own)".to_string()
    } else {
        name.to_string()
    }
}

/// The facts of each machine of a paste split into sections (`SECTION:fact`, e.g.
/// `HV-01:partial-key=ABCDE`): which machine each fact went to. Empty without sections.
pub fn by_section(r: &ReadResult) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    if r.sections.len() < 2 {
        return out;
    }
    let mut names: Vec<&String> = r.sections.iter().map(|s| &s.1).collect();
    names.sort_unstable();
    names.dedup();
    for name in names {
        let mut part = r.clone();
        part.sections.clear();
        part.parts.clear();
        part.observations.retain(|o| {
            let line = o.from.line.unwrap_or(0);
            let k = r
                .sections
                .partition_point(|s| s.0 <= line)
                .saturating_sub(1);
            r.sections[k].1 == *name
        });
        let label = section_label(name);
        for f in flatten(&part) {
            if !f.starts_with("kind=") && !f.starts_with("language=") {
                out.insert(format!("{label}:{f}"));
            }
        }
    }
    out
}
