//! Who is who, in `avma evidence`: the VM a guest was linked to and how, its KVP registry and BIOS
//! GUID, and on hosts what each VM's guest reported through Data Exchange.

use avma_core::text::Msg;
use avma_evidence::model::{LinkBy, Machine};

use crate::out::Ctx;

/// The message id naming how a guest was linked to its VM.
pub fn link_by_id(by: LinkBy) -> &'static str {
    match by {
        LinkBy::VmId => "identity-by-vm-id",
        LinkBy::BiosGuid => "identity-by-bios-guid",
        LinkBy::KvpFqdn => "identity-by-kvp-fqdn",
        LinkBy::KvpName => "identity-by-kvp-name",
        LinkBy::Name => "identity-by-name",
    }
}

/// The labels of the identity rows (for the label column's width).
pub const LABELS: &[&str] = &[
    "identity-bios",
    "identity-kvp",
    "identity-kvp-items",
    "identity-vm",
];

/// The identity rows of one machine in `avma evidence` (label id, value, where seen).
pub fn machine_identity_rows(ctx: &Ctx, m: &Machine) -> Vec<(&'static str, String, String)> {
    let mut rows = Vec::new();
    let mut row = |label: &'static str, value: String, at: String| rows.push((label, value, at));
    if let Some(l) = &m.vm {
        let by = ctx.t(link_by_id(l.by));
        let v = ctx.msg(
            &Msg::new("identity-linked")
                .arg("vm", l.name.as_str())
                .arg("by", by)
                .arg("hosts", l.hosts.join(&ctx.t("list-separator"))),
        );
        let mut at = vec![l.listed.label()];
        if let Some(f) = &l.from {
            at.insert(0, f.label());
        }
        row("identity-vm", v, format!("[{}]", at.join(", ")));
    }
    if let Some(p) = &m.identity.parameters {
        let v = &p.value;
        let text = ctx.msg(
            &Msg::new("identity-kvp-registry")
                .arg("vm", v.vm_name.clone().unwrap_or_else(|| "?".into()))
                .arg("id", v.vm_id.clone().unwrap_or_else(|| "?".into()))
                .arg(
                    "host",
                    v.physical_host_fqdn
                        .clone()
                        .or_else(|| v.physical_host.clone())
                        .or_else(|| v.host_name.clone())
                        .unwrap_or_else(|| "?".into()),
                ),
        );
        let at = p.from.first().map(|f| f.label()).unwrap_or_default();
        row("identity-kvp", text, format!("[{at}]"));
    }
    if let Some(b) = &m.identity.bios_guid {
        let at = b.from.first().map(|f| f.label()).unwrap_or_default();
        row("identity-bios", b.value.clone(), format!("[{at}]"));
    }
    for k in &m.kvp_guests {
        let v = &k.value;
        let text = ctx.msg(
            &Msg::new("identity-kvp-guest")
                .arg("vm", v.vm.clone().unwrap_or_else(|| "?".into()))
                .arg("os", v.os_name.clone().unwrap_or_else(|| "?".into()))
                .arg(
                    "build",
                    v.os_build
                        .map(|b| b.to_string())
                        .unwrap_or_else(|| "?".into()),
                )
                .arg("fqdn", v.fqdn.clone().unwrap_or_else(|| "?".into())),
        );
        let at = k.from.first().map(|f| f.label()).unwrap_or_default();
        row("identity-kvp-items", text, format!("[{at}]"));
    }
    rows
}
