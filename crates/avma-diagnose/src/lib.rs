//! Diagnosis: the rules of the registry run over the evidence model. Each finding names its
//! rule, points at the facts that triggered it (file and line, or .evtx record), explains the
//! HRESULTs seen, and carries the fix as cmd and PowerShell commands built by the planner with
//! the guest's real version and edition.
//!
//! Pure: the model, the options (the clock included, as a value) and the catalog in; findings out.

use avma_core::catalog::{Catalog, Edition, KeyKind, Version};
use avma_core::finding::{Finding, Location};
use avma_core::plan::{plan, PlanRequest, StepKind, WINDOWS_APP_ID};
use avma_core::rules::{self, Severity};
use avma_core::spec::MachineSpec;
use avma_core::text::{Msg, MsgArg};
use avma_evidence::model::{Machine, Model, Product, Role};
use avma_evidence::observe::{code_text, Provenance};

pub mod identity;

/// What the user can tune.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// A host licence ending within this many days is a warning (`--warn-days`).
    pub warn_days: u32,
    /// Within this many days it is an error.
    pub critical_days: u32,
    /// The time the evidence is judged at (the CLI passes the clock; tests a fixed value).
    pub now: Option<jiff::Timestamp>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            warn_days: 14,
            critical_days: 7,
            now: None,
        }
    }
}

/// A machine found healthy, with the facts that prove it.
#[derive(Debug, Clone)]
pub struct Healthy {
    pub machine: String,
    pub facts: Vec<(Msg, Option<String>)>,
}

#[derive(Debug, Clone, Default)]
pub struct Diagnosis {
    pub findings: Vec<Finding>,
    pub healthy: Vec<Healthy>,
}

/// Minutes under which an AVMA activation counts as about to end.
pub const AVMA_EXPIRING_MINUTES: u64 = 2 * 1440;

const SLMGR: &str = "cscript //nologo %SystemRoot%\\System32\\slmgr.vbs";

fn loc(p: &Provenance) -> Location {
    Location {
        file: p.file.clone(),
        line: p.line,
        record: p.record,
    }
}

fn at(p: &Provenance) -> Option<String> {
    Some(p.label())
}

/// The Windows product of a machine: the row with a key, of the Windows application.
fn windows_product(m: &Machine) -> Option<&Product> {
    m.products.iter().find(|p| {
        p.facts.partial_key.is_some()
            && p.facts
                .application_id
                .as_deref()
                .is_none_or(|a| a == WINDOWS_APP_ID)
            && p.facts
                .name
                .as_deref()
                .is_none_or(|n| n.starts_with("Windows"))
            && !p.facts.name.as_deref().unwrap_or("").contains("add-on")
    })
}

fn version<'c>(m: &Machine, cat: &'c Catalog) -> Option<&'c Version> {
    m.version.as_deref().and_then(|v| cat.version(v))
}

fn edition<'c>(m: &Machine, cat: &'c Catalog) -> Option<&'c Edition> {
    m.edition.as_deref().and_then(|e| cat.edition(e))
}

/// Every HRESULT seen on a machine, with where: licensing status reasons, tool errors, and
/// non-zero values in its AVMA/licensing events.
fn hresults(m: &Machine) -> Vec<(u32, Provenance)> {
    let mut out = Vec::new();
    for p in &m.products {
        if let Some(r) = p.facts.status_reason.filter(|r| *r >= 0x8000_0000) {
            out.push((r, p.from.clone()));
        }
    }
    for e in &m.errors {
        if let Some(v) = u32::from_str_radix(e.code.trim_start_matches("0x"), 16)
            .ok()
            .filter(|_| e.code.starts_with("0x"))
        {
            out.push((v, e.from.clone()));
        }
    }
    for e in &m.events {
        if matches!(e.value.event_id, 12309 | 8198 | 12288) {
            for h in e.value.hresults.iter().filter(|h| **h >= 0x8000_0000) {
                if let Some(f) = e.from.first() {
                    out.push((*h, f.clone()));
                }
            }
        }
    }
    out
}

fn machine_arg(m: &Machine, cat: &Catalog) -> MsgArg {
    let v = version(m, cat).map(|v| v.name.as_str()).unwrap_or("?");
    let e = m.edition.as_deref().unwrap_or("?");
    MsgArg::Str(format!("{} ({v} {e})", m.name))
}

/// A license status as people read it: slmgr's English wording, Windows' Japanese wording.
fn status_arg(cat: &Catalog, s: Option<u32>) -> MsgArg {
    match s.and_then(|s| cat.license_status(s)) {
        Some(x) => MsgArg::Text {
            en: x.slmgr.clone(),
            ja: x.ja.clone(),
        },
        None => MsgArg::Str("?".into()),
    }
}

fn code_arg(cat: &Catalog, codes: &[u32]) -> MsgArg {
    let mut en = Vec::new();
    let mut ja = Vec::new();
    for c in codes {
        match cat.error_by_value(*c) {
            Some(e) => {
                en.push(format!("{} ({})", e.code, e.meaning_en));
                ja.push(format!("{} ({})", e.code, e.meaning_ja));
            }
            None => {
                en.push(code_text(*c));
                ja.push(code_text(*c));
            }
        }
    }
    if en.is_empty() {
        return MsgArg::Text {
            en: "no error code seen".into(),
            ja: "エラー コードは確認されていません".into(),
        };
    }
    MsgArg::Text {
        en: en.join("; "),
        ja: ja.join("; "),
    }
}

/// Fix commands from the planner for a guest of this version and edition on a Datacenter host.
fn planned<'c>(
    cat: &'c Catalog,
    v: &'c Version,
    e: &'c Edition,
    host: Option<&'c Version>,
    kinds: &[StepKind],
) -> (Vec<String>, Vec<String>) {
    let Some(dc) = cat.edition("ServerDatacenter") else {
        return (Vec::new(), Vec::new());
    };
    let req = PlanRequest {
        guest: MachineSpec {
            version: v,
            edition: e,
        },
        want: None,
        host: MachineSpec {
            version: host.unwrap_or(v),
            edition: dc,
        },
        host_activated: Some(true),
        domain_controller: false,
    };
    let Ok(p) = plan(&req, cat) else {
        return (Vec::new(), Vec::new());
    };
    let mut cmd = Vec::new();
    let mut ps = Vec::new();
    for s in p.steps.iter().filter(|s| kinds.contains(&s.kind)) {
        cmd.extend(s.cmd.iter().cloned());
        ps.extend(s.powershell.iter().cloned());
    }
    (cmd, ps)
}

fn avma_key_steps<'c>(
    cat: &'c Catalog,
    v: &'c Version,
    e: &'c Edition,
    host: Option<&'c Version>,
) -> (Vec<String>, Vec<String>) {
    planned(
        cat,
        v,
        e,
        host,
        &[
            StepKind::InstallAvmaKey,
            StepKind::Activate,
            StepKind::Verify,
        ],
    )
}

fn with_fix(mut f: Finding, (cmd, ps): (Vec<String>, Vec<String>)) -> Finding {
    f.fix.extend(cmd);
    f.fix_powershell.extend(ps);
    f
}

/// Hosts a guest relates to: its cluster owner and possible (or preferred) owners, the host its
/// AVMA block names, or the only host in the evidence.
fn related_hosts<'a>(guest: &Machine, model: &'a Model) -> Vec<&'a Machine> {
    let hosts: Vec<&Machine> = model
        .machines
        .iter()
        .filter(|m| m.role == Role::Host)
        .collect();
    let by_name = |n: &str| model.machine(n).filter(|m| m.role == Role::Host);
    let mut out: Vec<&Machine> = Vec::new();
    if model.cluster.is_some() {
        // The guest's cluster group: by the VM it is linked to (VM ID, BIOS GUID, KVP), else its name.
        if let Some(g) = model.group_of(guest) {
            let names = g
                .value
                .possible_owners
                .iter()
                .flatten()
                .chain(g.value.preferred_owners.iter().flatten())
                .chain(g.value.owner.iter());
            for n in names {
                if let Some(h) = by_name(n) {
                    if !out.iter().any(|o| std::ptr::eq(*o, h)) {
                        out.push(h);
                    }
                }
            }
        }
    }
    if out.is_empty() {
        // The hosts that list its VM, else the host its KVP registry names.
        let listed = guest.vm.iter().flat_map(|l| l.hosts.iter());
        let kvp_host = guest
            .identity
            .parameters
            .iter()
            .flat_map(|p| p.value.host_name.iter().chain(p.value.physical_host.iter()));
        for n in listed.chain(kvp_host) {
            if let Some(h) = by_name(n) {
                if !out.iter().any(|o| std::ptr::eq(*o, h)) {
                    out.push(h);
                }
            }
        }
    }
    if out.is_empty() {
        for p in &guest.products {
            if let Some(h) = p.facts.avma.host_machine_name.as_deref().and_then(by_name) {
                out.push(h);
            }
        }
    }
    if out.is_empty() && hosts.len() == 1 {
        out.push(hosts[0]);
    }
    out
}

fn insufficient(m: &Machine, what: &'static str, cmd: &[&str], ps: &[&str]) -> Finding {
    let mut f = Finding::new(
        &rules::EVIDENCE_INSUFFICIENT,
        Msg::new(what).arg("machine", m.name.as_str()),
    )
    .on(&m.name);
    f.fix = cmd.iter().map(|s| s.to_string()).collect();
    f.fix_powershell = ps.iter().map(|s| s.to_string()).collect();
    f
}

const COLLECT_LICENSING_CMD: &str =
    "cscript //nologo %SystemRoot%\\System32\\slmgr.vbs /dlv > slmgr-dlv.txt";
const COLLECT_LICENSING_PS: &str = "Get-CimInstance -ClassName SoftwareLicensingProduct -Filter \"ApplicationID='55c92734-d682-4d71-983e-d6ec3f16059f' AND PartialProductKey IS NOT NULL\" | ConvertTo-Json > slp.json";
const COLLECT_VERSION_CMD: &str = "DISM /English /Online /Get-CurrentEdition > dism-edition.txt";
const COLLECT_VERSION_PS: &str = "Get-ComputerInfo -Property CsName, WindowsEditionId, OsBuildNumber, OsProductType, CsDomainRole | ConvertTo-Json > computerinfo.json";
const COLLECT_EVENTS_CMD: &str = "wevtutil qe Application /q:\"*[System[Provider[@Name='Microsoft-Windows-Security-SPP'] and (EventID=12309 or EventID=12310 or EventID=12288 or EventID=8198)]]\" /f:xml > spp-events.xml";

/// Run every diagnosis rule over the model.
pub fn diagnose(model: &Model, opts: &Options, cat: &Catalog) -> Diagnosis {
    let mut d = Diagnosis::default();
    for m in &model.machines {
        for c in &m.conflicts {
            let values: Vec<String> = c
                .values
                .iter()
                .map(|v| format!("{} [{}]", v.value, v.from.label()))
                .collect();
            let mut f = Finding::new(
                &rules::EVIDENCE_CONFLICT,
                Msg::new("diag-evidence-conflict")
                    .arg("machine", m.name.as_str())
                    .arg("field", c.field)
                    .arg("values", values.join(" ≠ ")),
            )
            .on(&m.name)
            .located(c.values.first().map(|v| loc(&v.from)));
            for v in &c.values {
                f = f.because(
                    Msg::new("fact-value").arg("value", v.value.as_str()),
                    at(&v.from),
                );
            }
            f.fix.push(COLLECT_VERSION_CMD.into());
            f.fix_powershell.push(COLLECT_VERSION_PS.into());
            d.findings.push(f);
        }
        match m.role {
            Role::Guest => guest_rules(m, model, opts, cat, &mut d),
            Role::Host => host_rules(m, opts, cat, &mut d),
            Role::Unknown => {
                if m.inputs.is_empty() {
                    continue;
                }
                d.findings
                    .push(insufficient(m, "diag-insufficient-role", &[], &[]));
            }
        }
    }
    // Who is who: a guest linked to no VM, a VM with no guest evidence (never an all-clear).
    d.findings.extend(identity::link_findings(model));
    // Activation pending after a move: one cause, one finding (not also "not activated").
    for (guest, f) in identity::pending_after_move(model, opts.now) {
        d.findings.retain(|x| {
            !(x.rule.name == rules::GUEST_NOT_ACTIVATED.name
                && x.machine.as_deref() == Some(&guest))
        });
        d.healthy.retain(|h| h.machine != guest);
        d.findings.push(f);
    }
    complete_fixes(&mut d.findings);
    rules_sort(&mut d.findings);
    d
}

fn rules_sort(f: &mut [Finding]) {
    avma_core::finding::sort_by_severity(f);
}

/// The PowerShell form of a cmd fix line: slmgr through CIM, everything else as it is (DISM,
/// sc.exe and cmdlets run in PowerShell too).
fn powershell_of(cmd: &str) -> String {
    let query = format!(
        "Get-CimInstance -ClassName SoftwareLicensingProduct -Filter \"ApplicationID='{WINDOWS_APP_ID}' AND PartialProductKey IS NOT NULL\""
    );
    let Some(rest) = cmd.strip_prefix(SLMGR).map(str::trim) else {
        let line = cmd
            .strip_prefix("powershell -NoProfile -Command ")
            .map_or(cmd, |c| c.trim_matches('"'));
        return quote_placeholders(line);
    };
    let (op, arg) = rest.split_once(' ').unwrap_or((rest, ""));
    match op {
        "/ato" => format!("{query} | Invoke-CimMethod -MethodName Activate"),
        "/dlv" | "/dli" | "/xpr" => format!(
            "{query} | Format-List Name, Description, LicenseStatus, GracePeriodRemaining, PartialProductKey, AutomaticVMActivationHostMachineName, AutomaticVMActivationLastActivationTime"
        ),
        "/ipk" => format!(
            "Get-CimInstance -ClassName SoftwareLicensingService | Invoke-CimMethod -MethodName InstallProductKey -Arguments @{{ ProductKey = '{}' }}",
            arg.replace('\'', "''")
        ),
        "/skms" => format!(
            "Get-CimInstance -ClassName SoftwareLicensingService | Invoke-CimMethod -MethodName SetKeyManagementServiceMachine -Arguments @{{ MachineName = '{}' }}",
            arg.split(':').next().unwrap_or(arg)
        ),
        _ => format!("cscript.exe //nologo \"$env:SystemRoot\\System32\\slmgr.vbs\" {rest}"),
    }
}

/// `<...>` placeholders quoted, since `<` is reserved in PowerShell: `/ProductKey:'<your key>'`.
fn quote_placeholders(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 4);
    let mut rest = line;
    while let Some(start) = rest.find('<') {
        let Some(len) = rest[start..].find('>') else {
            break;
        };
        out.push_str(&rest[..start]);
        out.push('\'');
        out.push_str(&rest[start..start + len + 1].replace('\'', "''"));
        out.push('\'');
        rest = &rest[start + len + 1..];
    }
    out.push_str(rest);
    out
}

/// Every finding carries its fix in both shells.
fn complete_fixes(findings: &mut [Finding]) {
    for f in findings.iter_mut() {
        if f.fix_powershell.is_empty() && !f.fix.is_empty() {
            f.fix_powershell = f.fix.iter().map(|c| powershell_of(c)).collect();
        }
    }
}

fn guest_rules(m: &Machine, model: &Model, opts: &Options, cat: &Catalog, d: &mut Diagnosis) {
    let _ = opts;
    let before = d.findings.len();
    let v = version(m, cat);
    let e = edition(m, cat);
    let product = windows_product(m);
    let hosts = related_hosts(m, model);
    let host_version = hosts
        .iter()
        .filter_map(|h| version(h, cat))
        .min_by_key(|v| v.order);
    let codes = hresults(m);
    let has = |c: u32| codes.iter().find(|(x, _)| *x == c);

    if v.is_none() {
        d.findings.push(insufficient(
            m,
            "diag-insufficient-version",
            &[COLLECT_VERSION_CMD],
            &[COLLECT_VERSION_PS],
        ));
    }
    if m.products.is_empty() && codes.is_empty() {
        d.findings.push(insufficient(
            m,
            "diag-insufficient-licensing",
            &[COLLECT_LICENSING_CMD, COLLECT_EVENTS_CMD],
            &[COLLECT_LICENSING_PS],
        ));
    }

    // The guest itself.
    let supported_family = e.is_none_or(|e| {
        matches!(
            e.family.as_str(),
            "standard" | "datacenter" | "datacenter-azure" | "essentials"
        )
    });
    if let Some(v) = v {
        if !v.avma_guest || !supported_family {
            let mut f = Finding::new(
                &rules::GUEST_NOT_SUPPORTED,
                Msg::new("diag-guest-not-supported").arg("guest", machine_arg(m, cat)),
            )
            .on(&m.name)
            .located(m.builds.first().and_then(|b| b.from.first()).map(loc));
            for b in &m.builds {
                f = f.because(
                    Msg::new("fact-build").arg("build", i64::from(b.value)),
                    b.from.first().and_then(at),
                );
            }
            f.fix.push(format!(
                "{SLMGR} /ipk <a KMS client, MAK or retail key of this version>"
            ));
            d.findings.push(f);
            return;
        }
    }
    let eval_channel = product.filter(|p| p.facts.channel.as_deref() == Some("TIMEBASED_EVAL"));
    let is_eval = e.is_some_and(|e| e.eval) || eval_channel.is_some();
    let dc = m.domain_controller.as_ref().is_some_and(|d| d.value);
    if is_eval {
        let ed_at = m
            .editions
            .iter()
            .find(|x| x.edition.contains("Eval"))
            .map(|x| x.from.clone());
        let from = ed_at.or_else(|| eval_channel.map(|p| p.from.clone()));
        if dc {
            let mut f = Finding::new(
                &rules::EVALUATION_DOMAIN_CONTROLLER,
                Msg::new("diag-eval-dc").arg("guest", machine_arg(m, cat)),
            )
            .on(&m.name)
            .located(from.as_ref().map(loc));
            if let Some(x) = &m.domain_controller {
                f = f.because(Msg::new("fact-dc"), x.from.first().and_then(at));
            }
            // Microsoft's documented path: a new retail DC takes the roles, then this one is demoted.
            f.fix_powershell
                .push("# On a retail Windows Server joined to the domain:".into());
            f.fix_powershell.push(
                "Install-ADDSDomainController -DomainName '<your domain>' -InstallDns".into(),
            );
            f.fix_powershell.push(
                "Move-ADDirectoryServerOperationMasterRole -Identity '<new DC>' -OperationMasterRole SchemaMaster, DomainNamingMaster, PDCEmulator, RIDMaster, InfrastructureMaster".into(),
            );
            f.fix_powershell.push(format!("# Then on {}:", m.name));
            f.fix_powershell
                .push("Uninstall-ADDSDomainController".into());
            d.findings.push(f);
        } else {
            let mut f = Finding::new(
                &rules::GUEST_EVALUATION_EDITION,
                Msg::new("diag-guest-eval").arg("guest", machine_arg(m, cat)),
            )
            .on(&m.name)
            .located(from.as_ref().map(loc));
            if let Some(p) = &from {
                f = f.because(
                    Msg::new("fact-edition").arg(
                        "edition",
                        m.edition.clone().unwrap_or_else(|| "TIMEBASED_EVAL".into()),
                    ),
                    at(p),
                );
            }
            if let Some((_, p)) = has(0xC004F069) {
                f = f.because(Msg::new("fact-hresult").arg("code", "0xC004F069"), at(p));
            }
            if let (Some(v), Some(e)) = (v, e) {
                f = with_fix(
                    f,
                    planned(
                        cat,
                        v,
                        e,
                        host_version,
                        &[
                            StepKind::ListTargetEditions,
                            StepKind::ConvertEdition,
                            StepKind::Restart,
                            StepKind::InstallAvmaKey,
                            StepKind::Activate,
                        ],
                    ),
                );
                // The edition the plan converts to must be offered by DISM.
                if let Some(t) = &m.target_editions {
                    let needed = avma_core::plan::plan(
                        &PlanRequest {
                            guest: MachineSpec {
                                version: v,
                                edition: e,
                            },
                            want: None,
                            host: MachineSpec {
                                version: host_version.unwrap_or(v),
                                edition: cat.edition("ServerDatacenter").unwrap_or(e),
                            },
                            host_activated: Some(true),
                            domain_controller: false,
                        },
                        cat,
                    )
                    .ok()
                    .and_then(|p| p.target.map(|t| t.id.clone()));
                    if let Some(needed) =
                        needed.filter(|n| !t.value.iter().any(|x| x.eq_ignore_ascii_case(n)))
                    {
                        let listed = if t.value.is_empty() {
                            "-".to_string()
                        } else {
                            t.value.join(", ")
                        };
                        let mut g = Finding::new(
                            &rules::TARGET_EDITION_UNAVAILABLE,
                            Msg::new("diag-target-unavailable")
                                .arg("needed", needed.as_str())
                                .arg("listed", listed),
                        )
                        .on(&m.name)
                        .located(t.from.first().map(loc));
                        g = g.because(
                            Msg::new("fact-targets").arg("targets", t.value.join(", ")),
                            t.from.first().and_then(at),
                        );
                        g.fix
                            .push("DISM /English /Online /Get-TargetEditions".into());
                        d.findings.push(g);
                    }
                }
            }
            d.findings.push(f);
        }
    }

    // The key.
    if let Some(p) = product {
        let key = p.key.as_ref();
        let is_kms = p.facts.channel.as_deref() == Some("VOLUME_KMSCLIENT")
            || key.is_some_and(|k| k.kind == "gvlk");
        if is_kms {
            let mut f = Finding::new(
                &rules::GUEST_KMS_KEY_INSTALLED,
                Msg::new("diag-guest-kms-key")
                    .arg("guest", machine_arg(m, cat))
                    .arg("last5", p.facts.partial_key.clone().unwrap_or_default())
                    .arg(
                        "key",
                        key.map(|k| k.key.clone()).unwrap_or_else(|| "?".into()),
                    ),
            )
            .on(&m.name)
            .located(Some(loc(&p.from)));
            f = f.because(
                Msg::new("fact-channel").arg(
                    "channel",
                    p.facts.channel.clone().unwrap_or_else(|| "?".into()),
                ),
                at(&p.from),
            );
            if let Some((_, pp)) = has(0xC004F074) {
                f = f.because(Msg::new("fact-hresult").arg("code", "0xC004F074"), at(pp));
            }
            if let (Some(v), Some(e)) = (v, e) {
                if !e.eval {
                    f = with_fix(f, avma_key_steps(cat, v, e, host_version));
                }
            }
            d.findings.push(f);
        } else if let (Some(k), Some(v)) = (key.filter(|k| k.kind == "avma"), v) {
            let gen = cat.key_generation(v);
            if !k.versions.iter().any(|x| x == &v.id || x == gen) {
                let mut f = Finding::new(
                    &rules::GUEST_AVMA_KEY_WRONG_VERSION,
                    Msg::new("diag-avma-wrong-version")
                        .arg("guest", machine_arg(m, cat))
                        .arg("key", k.key.as_str())
                        .arg("versions", k.versions.join(", ")),
                )
                .on(&m.name)
                .located(Some(loc(&p.from)));
                f = f.because(
                    Msg::new("fact-partial-key")
                        .arg("last5", p.facts.partial_key.clone().unwrap_or_default()),
                    at(&p.from),
                );
                if let Some(e) = e {
                    f = with_fix(f, avma_key_steps(cat, v, e, host_version));
                }
                d.findings.push(f);
            } else if let Some(e) = e.filter(|e| {
                e.family != k.family && !e.eval && !m.conflicts.iter().any(|c| c.field == "edition")
            }) {
                let mut f = Finding::new(
                    &rules::GUEST_AVMA_KEY_WRONG_EDITION,
                    Msg::new("diag-avma-wrong-edition")
                        .arg("guest", machine_arg(m, cat))
                        .arg("key", k.key.as_str())
                        .arg("family", k.family.as_str()),
                )
                .on(&m.name)
                .located(Some(loc(&p.from)));
                f = f.because(
                    Msg::new("fact-partial-key")
                        .arg("last5", p.facts.partial_key.clone().unwrap_or_default()),
                    at(&p.from),
                );
                f = with_fix(f, avma_key_steps(cat, v, e, host_version));
                d.findings.push(f);
            }
        }
    } else if !m.products.is_empty() || has(0xC004F014).is_some() {
        let from = m
            .products
            .first()
            .map(|p| p.from.clone())
            .or_else(|| has(0xC004F014).map(|(_, p)| p.clone()));
        let mut f = Finding::new(
            &rules::GUEST_NO_PRODUCT_KEY,
            Msg::new("diag-no-key").arg("guest", machine_arg(m, cat)),
        )
        .on(&m.name)
        .located(from.as_ref().map(loc));
        if let Some(p) = &from {
            f = f.because(Msg::new("fact-no-key"), at(p));
        }
        if let (Some(v), Some(e)) = (v, e) {
            if !e.eval {
                f = with_fix(f, avma_key_steps(cat, v, e, host_version));
            }
        }
        d.findings.push(f);
    }

    // Platform and throttling.
    if let Some((_, p)) = has(0xC004FD01) {
        let mut f = Finding::new(
            &rules::UNSUPPORTED_VIRTUALIZATION_PLATFORM,
            Msg::new("diag-platform").arg("guest", machine_arg(m, cat)),
        )
        .on(&m.name)
        .located(Some(loc(p)))
        .because(Msg::new("fact-hresult").arg("code", "0xC004FD01"), at(p));
        if let (Some(v), Some(e)) = (v, e) {
            if let Some(g) = cat.key_for(KeyKind::Gvlk, &v.id, &e.family) {
                f.fix.push(format!("{SLMGR} /ipk {}", g.key));
                f.fix
                    .push(format!("{SLMGR} /skms azkms.core.windows.net:1688"));
                f.fix.push(format!("{SLMGR} /ato"));
            }
        }
        d.findings.push(f);
    }
    if let Some((_, p)) = has(0xC004FD00) {
        let f = Finding::new(
            &rules::AVMA_THROTTLED,
            Msg::new("diag-throttled").arg("guest", machine_arg(m, cat)),
        )
        .on(&m.name)
        .located(Some(loc(p)))
        .because(Msg::new("fact-hresult").arg("code", "0xC004FD00"), at(p))
        .fix(format!("{SLMGR} /ato"));
        d.findings.push(f);
    }

    // The data exchange service inside the guest.
    for s in m
        .services
        .iter()
        .filter(|s| s.value.name.eq_ignore_ascii_case("vmickvpexchange"))
    {
        let stopped = s
            .value
            .status
            .as_deref()
            .is_some_and(|x| x.eq_ignore_ascii_case("Stopped"));
        let disabled = s
            .value
            .start_type
            .as_deref()
            .is_some_and(|x| x.eq_ignore_ascii_case("Disabled"));
        if stopped || disabled {
            let f = Finding::new(
                &rules::KVP_SERVICE_NOT_RUNNING,
                Msg::new("diag-kvp-service")
                    .arg("guest", m.name.as_str())
                    .arg(
                        "status",
                        s.value.status.clone().unwrap_or_else(|| "?".into()),
                    )
                    .arg(
                        "start",
                        s.value.start_type.clone().unwrap_or_else(|| "?".into()),
                    ),
            )
            .on(&m.name)
            .located(s.from.first().map(loc))
            .because(
                Msg::new("fact-service").arg("name", "vmickvpexchange"),
                s.from.first().and_then(at),
            )
            .fix("sc.exe config vmickvpexchange start= demand")
            .fix("sc.exe start vmickvpexchange")
            .fix_ps("Set-Service -Name vmickvpexchange -StartupType Manual")
            .fix_ps("Start-Service -Name vmickvpexchange");
            d.findings.push(f);
        }
    }

    // Hosts the guest may run on, too old for it.
    if let Some(v) = v {
        for h in &hosts {
            if let Some(hv) = version(h, cat) {
                if cat
                    .host_can_activate(&hv.id, &v.id)
                    .is_some_and(|x| !x.supported)
                {
                    let f = Finding::new(
                        &rules::HOST_TOO_OLD_FOR_GUEST,
                        Msg::new("diag-host-too-old").arg("host", h.name.as_str()).arg("hostversion", hv.name.as_str()).arg("guest", machine_arg(m, cat)),
                    )
                    .on(&m.name)
                    .located(h.builds.first().and_then(|b| b.from.first()).map(loc))
                    .because(Msg::new("fact-build").arg("build", i64::from(v.build)), m.builds.first().and_then(|b| b.from.first()).and_then(at))
                    .because(Msg::new("fact-build").arg("build", i64::from(hv.build)), h.builds.first().and_then(|b| b.from.first()).and_then(at))
                    .fix_ps(format!("Get-ClusterOwnerNode -Resource 'Virtual Machine {}'", m.vm_name()))
                    .fix_ps(format!("Set-ClusterOwnerNode -Resource 'Virtual Machine {}' -Owners '<nodes of version {} or later>'", m.vm_name(), v.name));
                    d.findings.push(f);
                }
            }
        }
    }

    // Activation state, with the HRESULTs explained.
    let status = product.and_then(|p| p.facts.license_status.map(|s| (s, p)));
    let avma_error = codes
        .iter()
        .any(|(c, _)| (0xC004FD00..=0xC004FD04).contains(c));
    if status.is_some_and(|(s, _)| s != 1) || (status.is_none() && avma_error) {
        let mut list: Vec<u32> = codes.iter().map(|(c, _)| *c).collect();
        list.sort_unstable();
        list.dedup();
        let from = status
            .map(|(_, p)| p.from.clone())
            .or_else(|| codes.first().map(|(_, p)| p.clone()));
        let mut f = Finding::new(
            &rules::GUEST_NOT_ACTIVATED,
            Msg::new("diag-not-activated")
                .arg("guest", machine_arg(m, cat))
                .arg("status", status_arg(cat, status.map(|(s, _)| s)))
                .arg("codes", code_arg(cat, &list)),
        )
        .on(&m.name)
        .located(from.as_ref().map(loc));
        for (c, p) in codes.iter().take(6) {
            f = f.because(Msg::new("fact-hresult").arg("code", code_text(*c)), at(p));
        }
        f.fix.push(format!("{SLMGR} /ato"));
        f.fix.push(format!("{SLMGR} /dlv"));
        d.findings.push(f);
    } else if let Some((1, p)) = status {
        if p.facts.channel.as_deref() == Some("VIRTUAL_MACHINE_ACTIVATION") {
            if let Some(g) = p
                .facts
                .grace_minutes
                .filter(|g| *g > 0 && *g < AVMA_EXPIRING_MINUTES)
            {
                let f = Finding::new(
                    &rules::AVMA_ACTIVATION_EXPIRING,
                    Msg::new("diag-avma-expiring")
                        .arg("guest", m.name.as_str())
                        .arg("minutes", g as i64)
                        .arg(
                            "host",
                            p.facts
                                .avma
                                .host_machine_name
                                .clone()
                                .unwrap_or_else(|| "?".into()),
                        ),
                )
                .on(&m.name)
                .located(Some(loc(&p.from)))
                .because(Msg::new("fact-grace").arg("minutes", g as i64), at(&p.from))
                .fix(format!("{SLMGR} /ato"))
                .fix(format!("{SLMGR} /xpr"));
                d.findings.push(f);
            }
        }
    }

    // Healthy: an AVMA-activated guest with no error finding.
    let errors = d.findings[before..]
        .iter()
        .any(|f| f.severity == Severity::Error);
    if let (false, Some((1, p))) = (errors, status) {
        if p.facts.channel.as_deref() == Some("VIRTUAL_MACHINE_ACTIVATION") {
            let mut facts = vec![
                (
                    Msg::new("fact-channel").arg("channel", "VIRTUAL_MACHINE_ACTIVATION"),
                    at(&p.from),
                ),
                (Msg::new("fact-licensed"), at(&p.from)),
            ];
            if let Some(h) = &p.facts.avma.host_machine_name {
                facts.push((
                    Msg::new("fact-avma-host").arg("host", h.as_str()).arg(
                        "time",
                        p.facts
                            .avma
                            .activation_time
                            .clone()
                            .unwrap_or_else(|| "?".into()),
                    ),
                    at(&p.from),
                ));
            }
            if let Some(g) = p.facts.grace_minutes {
                facts.push((Msg::new("fact-grace").arg("minutes", g as i64), at(&p.from)));
            }
            d.healthy.push(Healthy {
                machine: m.name.clone(),
                facts,
            });
        }
    }
}

fn host_rules(m: &Machine, opts: &Options, cat: &Catalog, d: &mut Diagnosis) {
    let before = d.findings.len();
    let e = edition(m, cat);
    let product = windows_product(m);
    if m.products.is_empty() && m.editions.is_empty() && !m.integration_services.is_empty() {
        d.findings.push(insufficient(
            m,
            "diag-insufficient-host",
            &[COLLECT_LICENSING_CMD, COLLECT_VERSION_CMD],
            &[COLLECT_LICENSING_PS, COLLECT_VERSION_PS],
        ));
    }
    if let Some(e) = e.filter(|e| e.family != "datacenter" && e.family != "azure-local") {
        let from = m.editions.first().map(|x| x.from.clone());
        let f = Finding::new(&rules::HOST_NOT_DATACENTER, Msg::new("diag-host-not-dc").arg("host", machine_arg(m, cat)).arg("edition", e.id.as_str()))
            .on(&m.name)
            .located(from.as_ref().map(loc))
            .because(Msg::new("fact-edition").arg("edition", e.id.as_str()), from.as_ref().and_then(at))
            .fix("DISM /English /Online /Set-Edition:ServerDatacenter /ProductKey:<your Datacenter key> /AcceptEula");
        d.findings.push(f);
    }
    if let Some(p) = product {
        match p.facts.license_status {
            Some(s) if s != 1 => {
                let codes: Vec<u32> = p.facts.status_reason.into_iter().collect();
                let f = Finding::new(
                    &rules::HOST_NOT_ACTIVATED,
                    Msg::new("diag-host-not-activated")
                        .arg("host", machine_arg(m, cat))
                        .arg("status", status_arg(cat, Some(s)))
                        .arg("codes", code_arg(cat, &codes)),
                )
                .on(&m.name)
                .located(Some(loc(&p.from)))
                .because(Msg::new("fact-status").arg("status", i64::from(s)), at(&p.from))
                .fix(format!("{SLMGR} /ipk <the host's Datacenter key>"))
                .fix(format!("{SLMGR} /ato"))
                .fix_ps("Get-CimInstance -ClassName SoftwareLicensingService | Invoke-CimMethod -MethodName InstallProductKey -Arguments @{ ProductKey = '<the host''s Datacenter key>' }");
                d.findings.push(f);
            }
            Some(1) => {
                // Licensed, but for how long?
                let mut days_left: Option<(f64, Msg)> = None;
                if let Some(g) = p.facts.grace_minutes.filter(|g| *g > 0) {
                    days_left = Some((
                        g as f64 / 1440.0,
                        Msg::new("fact-grace").arg("minutes", g as i64),
                    ));
                }
                if let (Some(end), Some(now)) = (p.facts.evaluation_end.as_deref(), opts.now) {
                    if let Ok(t) = end.parse::<jiff::Timestamp>() {
                        let days = (t.as_second() - now.as_second()) as f64 / 86400.0;
                        if days_left.as_ref().is_none_or(|(d, _)| days < *d) {
                            days_left = Some((days, Msg::new("fact-eval-end").arg("date", end)));
                        }
                    }
                }
                if let Some((days, fact)) =
                    days_left.filter(|(d, _)| *d <= f64::from(opts.warn_days))
                {
                    let mut f = Finding::new(
                        &rules::HOST_LICENSE_EXPIRING,
                        Msg::new("diag-host-expiring")
                            .arg("host", machine_arg(m, cat))
                            .arg("days", days.floor().max(0.0) as i64)
                            .arg(
                                "channel",
                                p.facts.channel.clone().unwrap_or_else(|| "?".into()),
                            ),
                    )
                    .on(&m.name)
                    .located(Some(loc(&p.from)))
                    .because(fact, at(&p.from))
                    .fix(format!("{SLMGR} /ato"))
                    .fix(format!("{SLMGR} /xpr"));
                    if days <= f64::from(opts.critical_days) {
                        f = f.severity(Severity::Error);
                    }
                    d.findings.push(f);
                }
            }
            _ => {}
        }
    } else if !m.products.is_empty() {
        let f = Finding::new(
            &rules::HOST_NOT_ACTIVATED,
            Msg::new("diag-host-no-key").arg("host", machine_arg(m, cat)),
        )
        .on(&m.name)
        .located(m.products.first().map(|p| loc(&p.from)))
        .fix(format!("{SLMGR} /ipk <the host's Datacenter key>"));
        d.findings.push(f);
    }
    // Data Exchange per VM.
    for s in m
        .integration_services
        .iter()
        .filter(|s| s.value.is_data_exchange && s.value.enabled == Some(false))
    {
        let vm = s.value.vm.clone().unwrap_or_else(|| "?".into());
        let f = Finding::new(&rules::DATA_EXCHANGE_DISABLED, Msg::new("diag-kvp-disabled").arg("vm", vm.as_str()).arg("host", m.name.as_str()))
            .on(&m.name)
            .located(s.from.first().map(loc))
            .because(Msg::new("fact-integration").arg("name", s.value.name.clone().unwrap_or_default()), s.from.first().and_then(at))
            .fix(format!(
                "powershell -NoProfile -Command \"Get-VMIntegrationService -VMName '{vm}' | Where-Object {{ $_.Id -like '*{}' }} | Enable-VMIntegrationService\"",
                avma_core::plan::KVP_COMPONENT_GUID
            ))
            .fix_ps(format!(
                "Get-VMIntegrationService -VMName '{vm}' | Where-Object {{ $_.Id -like '*{}' }} | Enable-VMIntegrationService",
                avma_core::plan::KVP_COMPONENT_GUID
            ));
        d.findings.push(f);
    }
    let mut kvp_events: Vec<(String, Provenance)> = Vec::new();
    for ev in m
        .events
        .iter()
        .filter(|e| e.value.event_id == 4096 && e.value.provider.contains("KvpExchange"))
    {
        let vm = ev
            .value
            .data
            .iter()
            .find_map(|x| x.strip_prefix("VmName="))
            .unwrap_or("?")
            .to_string();
        if let Some(f) = ev.from.first() {
            kvp_events.push((vm, f.clone()));
        }
    }
    kvp_events.sort_by(|a, b| a.0.cmp(&b.0));
    kvp_events.dedup_by(|a, b| a.0 == b.0);
    for (vm, p) in kvp_events {
        if m.integration_services.iter().any(|s| {
            s.value.is_data_exchange
                && s.value.vm.as_deref() == Some(vm.as_str())
                && s.value.enabled == Some(false)
        }) {
            continue;
        }
        let f = Finding::new(&rules::DATA_EXCHANGE_DISABLED, Msg::new("diag-kvp-4096").arg("vm", vm.as_str()).arg("host", m.name.as_str()))
            .severity(Severity::Warning)
            .on(&m.name)
            .located(Some(loc(&p)))
            .because(Msg::new("fact-event").arg("id", 4096), at(&p))
            .fix_ps(format!("Get-VMIntegrationService -VMName '{vm}' | Format-List Name, Id, Enabled, PrimaryStatusDescription"));
        d.findings.push(f);
    }
    let errors = d.findings[before..]
        .iter()
        .any(|f| f.severity >= Severity::Warning);
    if let (false, Some(p), Some(e)) = (errors, product, e) {
        if p.facts.license_status == Some(1) && e.family == "datacenter" {
            d.healthy.push(Healthy {
                machine: m.name.clone(),
                facts: vec![
                    (
                        Msg::new("fact-edition").arg("edition", e.id.as_str()),
                        m.editions.first().and_then(|x| at(&x.from)),
                    ),
                    (Msg::new("fact-licensed"), at(&p.from)),
                    (
                        Msg::new("fact-channel").arg(
                            "channel",
                            p.facts.channel.clone().unwrap_or_else(|| "?".into()),
                        ),
                        at(&p.from),
                    ),
                ],
            });
        }
    }
}
