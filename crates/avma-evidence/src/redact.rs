//! Redaction on values: every string a reader produced is masked (non-public product keys down to
//! their last five characters, [`avma_core::key::redact_text`]) before it enters the model, so no
//! printer, JSON contract or file written later can show one. Typed keys
//! ([`crate::observe::Fact::KeyInstalled`]) stay typed: their own display redacts them.
//!
//! The matches below are exhaustive on purpose: a new fact or field does not compile until it says
//! how its strings are redacted.

use avma_core::key::redact_string;
use avma_core::Catalog;

use crate::observe::{
    AvmaBlock, EventRecord, Fact, GuestParameters, IntegrationService, KvpIntrinsic, Observation,
    ProductFacts, Provenance, ReadResult,
};

fn s(v: &mut String, cat: &Catalog) {
    redact_string(v, cat);
}

fn o(v: &mut Option<String>, cat: &Catalog) {
    if let Some(v) = v {
        redact_string(v, cat);
    }
}

fn all(v: &mut [String], cat: &Catalog) {
    for x in v {
        redact_string(x, cat);
    }
}

/// Redact every string of a read result: file names, warnings, facts and their provenance.
pub fn read_result(r: &mut ReadResult, cat: &Catalog) {
    let ReadResult {
        file,
        kind: _,
        language: _,
        encoding: _,
        observations,
        warnings,
        readable: _,
        notes,
        problems,
        lines,
        placed: _,
        sections: _,
        parts: _,
    } = r;
    s(file, cat);
    all(warnings, cat);
    for n in notes.iter_mut().chain(problems.iter_mut()) {
        // Every text of every argument, in every language, nested messages included.
        n.message = n.message.map_text(&|t| {
            let mut t = t.to_string();
            s(&mut t, cat);
            t
        });
    }
    if let Some(l) = lines {
        for u in &mut l.unplaced {
            s(&mut u.text, cat);
        }
    }
    for ob in observations {
        observation(ob, cat);
    }
}

pub fn provenance(p: &mut Provenance, cat: &Catalog) {
    let Provenance {
        file,
        line: _,
        record: _,
        reader: _,
    } = p;
    s(file, cat);
}

pub fn observation(ob: &mut Observation, cat: &Catalog) {
    provenance(&mut ob.from, cat);
    fact(&mut ob.fact, cat);
}

pub fn fact(f: &mut Fact, cat: &Catalog) {
    match f {
        Fact::ComputerName { name } => s(name, cat),
        Fact::OsBuild { build: _ } => {}
        Fact::OsCaption {
            caption,
            version: _,
        } => s(caption, cat),
        Fact::Edition { edition, source: _ } => s(edition, cat),
        Fact::TargetEditions { editions } => all(editions, cat),
        Fact::DomainController { is_dc: _ } => {}
        // The key is typed: shown through `ProductKey::display`, which redacts.
        Fact::SetEdition { edition, key: _ } => s(edition, cat),
        Fact::Product(p) => product(p, cat),
        Fact::Error {
            code: _,
            tool: _,
            text,
        } => s(text, cat),
        // Typed: shown through `ProductKey::display`, which redacts.
        Fact::KeyInstalled { key: _ } => {}
        // A typed key: its own display redacts it.
        Fact::KeyTried { key: _, code: _ } => {}
        Fact::EditionChanged { edition, previous } => {
            s(edition, cat);
            if let Some(p) = previous {
                s(p, cat);
            }
        }
        Fact::ActivationSucceeded | Fact::DismSucceeded => {}
        Fact::IntegrationService(i) => integration(i, cat),
        Fact::Service {
            name,
            status,
            start_type,
        } => {
            s(name, cat);
            o(status, cat);
            o(start_type, cat);
        }
        Fact::Vm {
            name,
            id,
            state,
            host,
        } => {
            s(name, cat);
            o(id, cat);
            o(state, cat);
            o(host, cat);
        }
        Fact::ClusterNode { name, state } => {
            s(name, cat);
            o(state, cat);
        }
        Fact::ClusterGroup {
            name,
            owner,
            state,
            group_type,
        } => {
            s(name, cat);
            o(owner, cat);
            o(state, cat);
            o(group_type, cat);
        }
        Fact::ClusterOwners { group, owners } => {
            s(group, cat);
            all(owners, cat);
        }
        Fact::Event(e) => event(e, cat),
        Fact::HostAvmaEnabled { enabled: _ } => {}
        Fact::KmsHost { host } => s(host, cat),
        Fact::RearmSucceeded => {}
        Fact::GuestParameters(g) => {
            let GuestParameters {
                vm_id,
                vm_name,
                host_name,
                physical_host,
                physical_host_fqdn,
            } = &mut **g;
            o(vm_id, cat);
            o(vm_name, cat);
            o(host_name, cat);
            o(physical_host, cat);
            o(physical_host_fqdn, cat);
        }
        Fact::BiosGuid { vm, guid } => {
            o(vm, cat);
            s(guid, cat);
        }
        Fact::KvpIntrinsic(k) => {
            let KvpIntrinsic {
                vm,
                vm_id,
                os_name,
                os_version,
                os_build: _,
                os_edition_id,
                edition,
                product_type: _,
                fqdn,
            } = &mut **k;
            o(vm, cat);
            o(vm_id, cat);
            o(os_name, cat);
            o(os_version, cat);
            o(os_edition_id, cat);
            o(edition, cat);
            o(fqdn, cat);
        }
        Fact::Collected { time } => s(time, cat),
        Fact::Logged { time } => s(time, cat),
        Fact::HyperVGuest { model } => s(model, cat),
        Fact::StatedActivated { activated: _ } => {}
    }
}

fn product(p: &mut ProductFacts, cat: &Catalog) {
    let ProductFacts {
        name,
        description,
        edition,
        channel,
        key_channel,
        partial_key,
        key_redacted: _,
        license_status: _,
        status_reason: _,
        grace_minutes: _,
        grace_days: _,
        evaluation_end,
        application_id,
        activation_id,
        avma,
        kms,
        expiry_text,
        expiry,
    } = p;
    let crate::observe::KmsClient {
        registered,
        discovered,
        ip,
        extended_pid,
        activation_interval: _,
        renewal_interval: _,
    } = kms;
    for v in [registered, discovered, ip, extended_pid] {
        o(v, cat);
    }
    if let Some(x) = expiry {
        let crate::observe::Expiry { kind: _, when } = x;
        s(when, cat);
    }
    for v in [
        name,
        description,
        edition,
        channel,
        key_channel,
        partial_key,
        evaluation_end,
        application_id,
        activation_id,
        expiry_text,
    ] {
        o(v, cat);
    }
    let AvmaBlock {
        iaid,
        host_machine_name,
        activation_time,
        host_digital_pid2,
        host_redacted: _,
    } = avma;
    for v in [iaid, host_machine_name, activation_time, host_digital_pid2] {
        o(v, cat);
    }
}

fn integration(i: &mut IntegrationService, cat: &Catalog) {
    let IntegrationService {
        vm,
        name,
        id,
        is_data_exchange: _,
        enabled: _,
        primary_status,
    } = i;
    for v in [vm, name, id, primary_status] {
        o(v, cat);
    }
}

fn event(e: &mut EventRecord, cat: &Catalog) {
    let EventRecord {
        provider,
        event_id: _,
        qualifiers: _,
        time,
        computer,
        channel,
        record_id: _,
        level: _,
        data,
        hresults: _,
        guids,
        message,
        level_name,
        result: _,
        named_host,
        named_guest,
    } = e;
    s(provider, cat);
    o(message, cat);
    o(level_name, cat);
    o(named_host, cat);
    o(named_guest, cat);
    o(time, cat);
    o(computer, cat);
    o(channel, cat);
    all(data, cat);
    all(guids, cat);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::observe::ArtifactKind;

    #[test]
    fn every_string_of_a_result_is_redacted() {
        let cat = Catalog::builtin();
        let k = "N7TQ8-BCDFG-HJKMP-QRTVW-YH26G";
        let mut r = ReadResult::new(&format!("dir/key-{k}.json"), ArtifactKind::CimJson);
        r.warnings.push(format!("dir/key-{k}.json: odd"));
        let from = Provenance::line(&format!("dir/key-{k}.json"), 3, "cim-json");
        r.push(
            Fact::ComputerName {
                name: format!("SRV-{k}"),
            },
            from.clone(),
        );
        r.push(
            Fact::Event(Box::new(EventRecord {
                provider: "p".into(),
                event_id: 12309,
                qualifiers: None,
                time: None,
                computer: Some(format!("{k}-")),
                channel: None,
                record_id: None,
                level: None,
                data: vec![format!("notes\n{k}")],
                hresults: vec![],
                guids: vec![],
                message: Some(format!("key {k}")),
                level_name: Some(format!("L {k}")),
                result: None,
                named_host: Some(format!("H-{k}")),
                named_guest: Some(format!("G-{k}")),
            })),
            from,
        );
        read_result(&mut r, cat);
        let json = serde_json::to_string(&r).unwrap_or_default();
        assert!(!json.contains("N7TQ8"), "{json}");
        assert!(json.contains("XXXXX-XXXXX-XXXXX-XXXXX-YH26G"));
    }
}
