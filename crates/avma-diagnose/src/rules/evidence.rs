//! evidence-conflict (AV401) and evidence-insufficient (AV402): what the evidence cannot settle.

use avma_core::finding::Finding;
use avma_core::judge::Fix;
use avma_core::rules;
use avma_core::shell::{Arg, Command};
use avma_core::text::Msg;

use super::{Check, Scope};
use crate::subject::{at, loc, Subject};

pub const CONFLICT: Check = Check {
    name: "evidence-conflict",
    rules: &[&rules::EVIDENCE_CONFLICT],
    scope: Scope::Any,
    gate: None,
    run: conflict,
};

pub const INSUFFICIENT_ROLE: Check = Check {
    name: "insufficient-role",
    rules: &[&rules::EVIDENCE_INSUFFICIENT],
    scope: Scope::Unknown,
    gate: None,
    run: insufficient_role,
};

pub const INSUFFICIENT_GUEST: Check = Check {
    name: "insufficient-guest",
    rules: &[&rules::EVIDENCE_INSUFFICIENT],
    scope: Scope::Guest,
    gate: None,
    run: insufficient_guest,
};

pub const INSUFFICIENT_HOST: Check = Check {
    name: "insufficient-host",
    rules: &[&rules::EVIDENCE_INSUFFICIENT],
    scope: Scope::Host,
    gate: None,
    run: insufficient_host,
};

/// Collect the version and edition (DISM and Get-ComputerInfo).
pub fn collect_version() -> Fix {
    Fix::new()
        .cmd(Command::exe(
            "DISM",
            [Arg::lit("/English /Online /Get-CurrentEdition > dism-edition.txt")],
        ))
        .ps(Command::powershell(
            "Get-ComputerInfo",
            [Arg::lit("-Property CsName, WindowsEditionId, OsBuildNumber, OsProductType, CsDomainRole | ConvertTo-Json > computerinfo.json")],
        ))
}

/// Collect the licensing state (slmgr, CIM) and, for cmd, the licensing events.
pub fn collect_licensing(events: bool) -> Fix {
    let mut f = Fix::new()
        .cmd(Command::slmgr([Arg::lit("/dlv > slmgr-dlv.txt")]))
        .ps(Command::powershell(
            avma_core::judge::SLP_FILTER,
            [Arg::lit("| ConvertTo-Json > slp.json")],
        ));
    if events {
        f = f.cmd(Command::exe(
            "wevtutil",
            [Arg::lit("qe Application /q:\"*[System[Provider[@Name='Microsoft-Windows-Security-SPP'] and (EventID=12309 or EventID=12310 or EventID=12288 or EventID=8198)]]\" /f:xml > spp-events.xml")],
        ));
    }
    f
}

fn insufficient(s: &Subject<'_>, what: &'static str, fix: Fix) -> Finding {
    Finding::new(
        &rules::EVIDENCE_INSUFFICIENT,
        Msg::new(what).arg("machine", s.m.name.as_str()),
    )
    .on(&s.m.name)
    .fix(fix)
}

/// A version (or edition) a guest's own key implies that its build (or its one stated edition)
/// contradicts is the key's finding (guest-kms-key-installed, guest-avma-key-wrong-version,
/// guest-avma-key-wrong-edition), or moot when the guest's version is
/// not supported at all (guest-not-supported): one cause, one finding.
fn key_finding_says_it(s: &Subject<'_>, c: &avma_evidence::model::Conflict) -> bool {
    let own = s
        .product
        .and_then(|p| p.key.as_ref())
        .map(|k| k.key.as_str());
    let stated = c.values.iter().filter(|v| v.implied_by.is_none()).count();
    (c.field == "version" || (c.field == "edition" && stated <= 1))
        && s.m.role == avma_evidence::model::Role::Guest
        && own.is_some()
        && c.values
            .iter()
            .filter_map(|v| v.implied_by.as_deref())
            .all(|k| Some(k) == own)
}

fn conflict(s: &Subject<'_>, out: &mut Vec<Finding>) {
    for c in &s.m.conflicts {
        if key_finding_says_it(s, c) {
            continue;
        }
        let values: Vec<String> = c
            .values
            .iter()
            .map(|v| match &v.implied_by {
                Some(k) => format!("{} ⇐ {k} [{}]", v.value, v.from.label()),
                None => format!("{} [{}]", v.value, v.from.label()),
            })
            .collect();
        let mut f = Finding::new(
            &rules::EVIDENCE_CONFLICT,
            Msg::new("diag-evidence-conflict")
                .arg("machine", s.m.name.as_str())
                .arg("field", c.field)
                .arg("values", values.join(" ≠ ")),
        )
        .on(&s.m.name)
        .located(c.values.first().map(|v| loc(&v.from)));
        for v in &c.values {
            f = f.because(
                Msg::new("fact-value").arg("value", v.value.as_str()),
                at(&v.from),
            );
        }
        out.push(f.fix(collect_version()));
    }
}

fn insufficient_role(s: &Subject<'_>, out: &mut Vec<Finding>) {
    if !s.m.inputs.is_empty() {
        out.push(insufficient(s, "diag-insufficient-role", Fix::new()));
    }
}

fn insufficient_guest(s: &Subject<'_>, out: &mut Vec<Finding>) {
    if s.version.is_none() {
        out.push(insufficient(
            s,
            "diag-insufficient-version",
            collect_version(),
        ));
    }
    if s.m.products.is_empty() && s.codes.is_empty() {
        out.push(insufficient(
            s,
            "diag-insufficient-licensing",
            collect_licensing(true),
        ));
    }
}

fn insufficient_host(s: &Subject<'_>, out: &mut Vec<Finding>) {
    if s.m.products.is_empty() && s.m.editions.is_empty() && !s.m.integration_services.is_empty() {
        out.push(insufficient(
            s,
            "diag-insufficient-host",
            collect_licensing(false).then(collect_version()),
        ));
    }
}
