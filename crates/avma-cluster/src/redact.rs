//! Redaction on values for the cluster's own inputs: every string of an inventory or a scenario
//! is masked (non-public product keys down to their last five characters) as soon as it is
//! parsed, so names holding a key can reach neither the audit, the simulation, their outputs, nor
//! the files and folder names `simulate --write-evidence` writes. Exhaustive destructuring: a new
//! field does not compile until it says how it is redacted.

use avma_core::key::redact_string;
use avma_core::Catalog;

use crate::inventory::{Inventory, Node, Vm};
use crate::simulate::{Scenario, SimEvent, SimNode, SimVm};

fn o(v: &mut Option<String>, cat: &Catalog) {
    if let Some(v) = v {
        redact_string(v, cat);
    }
}

pub fn inventory(inv: &mut Inventory, cat: &Catalog) {
    let Inventory {
        schema,
        cluster,
        collected,
        nodes,
        vms,
    } = inv;
    redact_string(schema, cat);
    o(cluster, cat);
    o(collected, cat);
    for n in nodes {
        let Node {
            name,
            version,
            build: _,
            edition,
            license_status: _,
            channel,
            grace_minutes: _,
            license_ends,
            state,
        } = n;
        redact_string(name, cat);
        for v in [version, edition, channel, license_ends, state] {
            o(v, cat);
        }
    }
    for v in vms {
        let Vm {
            name,
            version,
            build: _,
            edition,
            partial_key,
            key_redacted: _,
            channel,
            license_status: _,
            owner,
            possible_owners,
            preferred_owners,
            data_exchange: _,
        } = v;
        redact_string(name, cat);
        for v in [version, edition, partial_key, channel, owner] {
            o(v, cat);
        }
        for x in possible_owners
            .iter_mut()
            .chain(preferred_owners.iter_mut())
        {
            redact_string(x, cat);
        }
    }
}

pub fn scenario(s: &mut Scenario, cat: &Catalog) {
    let Scenario {
        start,
        days: _,
        validity_days: _,
        move_delay_minutes: _,
        cluster,
        nodes,
        vms,
        events,
    } = s;
    redact_string(start, cat);
    o(cluster, cat);
    for n in nodes {
        let SimNode {
            name,
            version,
            edition,
            activated: _,
            expires,
            up: _,
        } = n;
        for v in [name, version, edition] {
            redact_string(v, cat);
        }
        o(expires, cat);
    }
    for v in vms {
        let SimVm {
            name,
            version,
            edition,
            key,
            owner,
            possible_owners,
            data_exchange: _,
            computer_name,
            kvp_registry: _,
        } = v;
        for x in [name, version, edition, key, owner] {
            redact_string(x, cat);
        }
        o(computer_name, cat);
        for x in possible_owners {
            redact_string(x, cat);
        }
    }
    for e in events {
        let SimEvent {
            day: _,
            kind,
            vm,
            node,
            to,
            key,
            version,
            edition,
            enabled: _,
        } = e;
        redact_string(kind, cat);
        for v in [vm, node, to, key, version, edition] {
            o(v, cat);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scenario_names_lose_their_keys() {
        let cat = Catalog::builtin();
        let text = r#"
start = "2026-01-01"
[[node]]
name = "N1-N7TQ8-BCDFG-HJKMP-QRTVW-YH26G"
version = "2022"
[[vm]]
name = "key-N7TQ8-BCDFG-HJKMP-QRTVW-YH26G"
version = "2019"
owner = "N1-N7TQ8-BCDFG-HJKMP-QRTVW-YH26G"
key = "N7TQ8-BCDFG-HJKMP-QRTVW-YH26G"
"#;
        let mut s = crate::simulate::parse(text).expect("scenario");
        scenario(&mut s, cat);
        let all = format!("{:?} {:?}", s.nodes, s.vms);
        assert!(!all.contains("N7TQ8"), "{all}");
        assert!(all.contains("XXXXX-XXXXX-XXXXX-XXXXX-YH26G"));
    }
}
