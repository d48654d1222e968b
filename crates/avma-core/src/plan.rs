//! The planner: can AVMA activate this guest on this host, and what exactly must be run.
//!
//! Pure: takes parsed specs and the catalog, returns a [`Plan`] of language-neutral messages
//! and commands. Renderers (text, JSON, Markdown, PowerShell, cmd) live in the CLI.

use crate::catalog::{Catalog, Edition, HostGuestVerdict, Key, KeyKind};
use crate::finding::Finding;
use crate::judge;
use crate::rules::{self, Severity};
use crate::spec::{resolve_edition, EditionWords, MachineSpec, SpecError};
use crate::text::Msg;

/// The Windows ApplicationID of SoftwareLicensingProduct rows that are Windows itself.
pub const WINDOWS_APP_ID: &str = "55c92734-d682-4d71-983e-d6ec3f16059f";
/// The component GUID that ends the Id of the Data Exchange (KVP) integration service.
pub const KVP_COMPONENT_GUID: &str = "2A34B1C2-FD73-4043-8A5B-DD2159BC743F";

#[derive(Debug, Clone)]
pub struct PlanRequest<'c> {
    pub guest: MachineSpec<'c>,
    pub want: Option<EditionWords>,
    pub host: MachineSpec<'c>,
    /// None: unknown, the plan adds a host check.
    pub host_activated: Option<bool>,
    pub domain_controller: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// AVMA can activate the guest on this host once the steps are run.
    Yes,
    /// Possible, but only after fixing the host (activate it).
    NotYet,
    /// Not possible on this host or with this request.
    No,
}

impl Verdict {
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Yes => "yes",
            Verdict::NotYet => "not-yet",
            Verdict::No => "no",
        }
    }
}

/// The outcome of asking whether `from` can be converted to `to` with DISM /Set-Edition.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConversionCheck {
    NotNeeded,
    Allowed {
        fact: &'static str,
    },
    Forbidden {
        fact: &'static str,
    },
    /// Not covered by any documented rule: only Get-TargetEditions can tell.
    Undocumented,
}

/// Microsoft's edition-conversion rules, applied to two catalog editions.
pub fn check_conversion(from: &Edition, to: &Edition, cat: &Catalog) -> ConversionCheck {
    use ConversionCheck::*;
    if from.id == to.id {
        return NotNeeded;
    }
    if to.eval {
        return Forbidden {
            fact: "conv-target-must-be-listed",
        };
    }
    let rank = |e: &Edition| cat.family(&e.family).map_or(0, |f| f.rank);
    let convertible = |e: &Edition| matches!(e.family.as_str(), "standard" | "datacenter");
    if from.eval && from.family == "datacenter" && to.family != "datacenter" {
        return Forbidden {
            fact: "conv-eval-datacenter-only-datacenter",
        };
    }
    if from.eval && from.family == "standard" && from.core && to.family == "standard" {
        return Forbidden {
            fact: "conv-standard-core-eval-only-datacenter-core",
        };
    }
    if from.eval && !from.core && to.core {
        return Forbidden {
            fact: "conv-desktop-eval-not-core",
        };
    }
    if from.core != to.core {
        return Forbidden {
            fact: "conv-core-desktop-fixed",
        };
    }
    if rank(to) < rank(from) && rank(to) > 0 {
        return Forbidden {
            fact: "conv-no-downgrade",
        };
    }
    if !convertible(from) || !convertible(to) {
        return Undocumented;
    }
    match (from.eval, from.family.as_str(), to.family.as_str()) {
        (true, "standard", "datacenter") if from.core => Allowed {
            fact: "conv-standard-core-eval-only-datacenter-core",
        },
        (true, "standard", _) => Allowed {
            fact: "conv-eval-standard-targets",
        },
        (true, "datacenter", "datacenter") => Allowed {
            fact: "conv-eval-datacenter-only-datacenter",
        },
        (false, "standard", "datacenter") => Allowed {
            fact: "conv-standard-to-datacenter",
        },
        _ => Undocumented,
    }
}

/// Where a step runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum On {
    Host,
    Guest,
}

impl On {
    pub fn as_str(self) -> &'static str {
        match self {
            On::Host => "host",
            On::Guest => "guest",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StepKind {
    CheckHostActivation,
    CheckDataExchange,
    CheckEdition,
    ListTargetEditions,
    ConvertEdition,
    Restart,
    InstallAvmaKey,
    Activate,
    Verify,
}

impl StepKind {
    pub fn as_str(self) -> &'static str {
        match self {
            StepKind::CheckHostActivation => "check-host-activation",
            StepKind::CheckDataExchange => "check-data-exchange",
            StepKind::CheckEdition => "check-edition",
            StepKind::ListTargetEditions => "list-target-editions",
            StepKind::ConvertEdition => "convert-edition",
            StepKind::Restart => "restart",
            StepKind::InstallAvmaKey => "install-avma-key",
            StepKind::Activate => "activate",
            StepKind::Verify => "verify",
        }
    }
}

#[derive(Debug, Clone)]
pub struct Step {
    pub kind: StepKind,
    pub on: On,
    pub title: Msg,
    pub why: Option<Msg>,
    /// Commands for cmd.exe, in order.
    pub cmd: Vec<String>,
    /// The same in PowerShell (CIM where possible).
    pub powershell: Vec<String>,
    /// What the output should show.
    pub expect: Option<Msg>,
    /// The commands of `cmd` and `powershell`, before rendering (the quoting layer's values).
    pub commands: judge::Fix,
}

#[derive(Debug, Clone)]
pub struct Conversion<'c> {
    pub from: &'c Edition,
    pub to: &'c Edition,
    /// The key used with /Set-Edition: the KMS client key of the guest's version and target
    /// edition (the AVMA key when no KMS client key exists).
    pub key: &'c Key,
    pub fact: &'static str,
}

#[derive(Debug, Clone)]
pub struct Reason {
    pub msg: Msg,
    pub fact: Option<&'static str>,
    /// The confidence of the statement when it differs from the fact's (a matrix cell).
    pub confidence: Option<crate::catalog::Confidence>,
}

#[derive(Debug, Clone)]
pub struct Plan<'c> {
    pub verdict: Verdict,
    pub guest: MachineSpec<'c>,
    pub host: MachineSpec<'c>,
    /// The edition the guest ends with.
    pub target: Option<&'c Edition>,
    pub conversion: Option<Conversion<'c>>,
    pub avma_key: Option<&'c Key>,
    pub matrix: Option<HostGuestVerdict>,
    pub reasons: Vec<Reason>,
    pub findings: Vec<Finding>,
    pub steps: Vec<Step>,
}

fn machine_arg(m: &MachineSpec<'_>) -> crate::text::MsgArg {
    m.edition
        .name
        .map(|e| format!("{} {e}", m.version.name))
        .into()
}

fn edition_arg(e: &Edition) -> crate::text::MsgArg {
    e.name.map(|n| format!("{n} ({})", e.id)).into()
}

fn fact_arg(cat: &Catalog, id: &str) -> crate::text::MsgArg {
    match cat.fact(id) {
        Some(f) => f.text().into(),
        None => crate::text::MsgArg::Str(id.to_string()),
    }
}

/// Build the plan.
pub fn plan<'c>(req: &PlanRequest<'c>, cat: &'c Catalog) -> Result<Plan<'c>, SpecError> {
    let guest = req.guest;
    let host = req.host;
    let mut findings: Vec<Finding> = Vec::new();
    let mut reasons: Vec<Reason> = Vec::new();

    // Guest: can AVMA activate it at all? (the judgement)
    let guest_family_ok = judge::Family::of(guest.edition).is_avma_guest();
    if judge::guest_supported(Some(guest.version), Some(guest.edition)) == Some(false) {
        findings.push(
            Finding::new(
                &rules::GUEST_NOT_SUPPORTED,
                Msg::new("plan-guest-not-supported").arg("guest", machine_arg(&guest)),
            )
            .fix(judge::guest_fix(
                judge::GuestProblem::NotSupported,
                &judge::Guest::default(),
                "",
                cat,
            )),
        );
    }

    // Host: what the judgement says of this host for this guest, activation aside.
    let h = judge::Host {
        version: Some(host.version),
        edition: Some(host.edition),
        activated: Some(true),
        ..judge::Host::default()
    };
    let structural = judge::host_can(&h, Some(guest.version), Some(guest.edition), 0, cat);
    let host_is_azure_local = h.platform() == judge::Platform::AzureLocal;
    let mut matrix = None;
    if host_is_azure_local {
        reasons.push(Reason {
            msg: Msg::new("plan-reason-azure-local")
                .arg("fact", fact_arg(cat, "azure-local-subscription")),
            fact: Some("azure-local-subscription"),
            confidence: None,
        });
        reasons.push(Reason {
            msg: Msg::new("plan-reason-fact")
                .arg("fact", fact_arg(cat, "azure-local-sync-30-days")),
            fact: Some("azure-local-sync-30-days"),
            confidence: None,
        });
    }
    match structural {
        judge::Can::No(p @ judge::HostProblem::NotDatacenter) => findings.push(
            Finding::new(
                &rules::HOST_NOT_DATACENTER,
                Msg::new("plan-host-not-datacenter").arg("host", machine_arg(&host)),
            )
            .fix(judge::host_fix(p, &h, judge::HostContext::default(), cat)),
        ),
        judge::Can::No(judge::HostProblem::AzureLocalNotCovered) if guest.version.avma_guest => {
            findings.push(Finding::new(
                &rules::HOST_TOO_OLD_FOR_GUEST,
                Msg::new("plan-azure-local-guest-not-covered").arg("guest", machine_arg(&guest)),
            ));
        }
        judge::Can::No(judge::HostProblem::AzureEditionGuestOffAzure) => {
            findings.push(Finding::new(
                &rules::AZURE_EDITION_OFF_AZURE,
                Msg::new("plan-azure-edition-off-azure")
                    .arg("guest", machine_arg(&guest))
                    .arg("host", machine_arg(&host))
                    .arg("fact", fact_arg(cat, "azure-edition-azure-only")),
            ))
        }
        judge::Can::No(judge::HostProblem::TooOld) if guest.version.avma_guest => {
            findings.push(Finding::new(
                &rules::HOST_TOO_OLD_FOR_GUEST,
                Msg::new("plan-host-too-old")
                    .arg("host", host.version.name.as_str())
                    .arg("guest", guest.version.name.as_str()),
            ));
        }
        _ => {}
    }
    let host_family_ok = !matches!(
        judge::host_base(&h, 0),
        judge::Can::No(judge::HostProblem::NotDatacenter)
    );
    if host_family_ok && !host_is_azure_local {
        reasons.push(Reason {
            msg: Msg::new("plan-reason-host-datacenter-only").arg("host", machine_arg(&host)),
            fact: Some("host-datacenter-hyperv"),
            confidence: None,
        });
        // "The channel does not matter" is its own reason: only partly official (the KMS and
        // retail cases rest on a support blog and the Azure Local FAQ), so it is not marked so.
        reasons.push(Reason {
            msg: Msg::new("plan-reason-host-channel"),
            fact: Some("host-channel-any"),
            confidence: Some(crate::catalog::Confidence::Corroborated),
        });
        if judge::Family::of(host.edition) == judge::Family::DatacenterAzure {
            reasons.push(Reason {
                msg: Msg::new("plan-reason-fact")
                    .arg("fact", fact_arg(cat, "ws2025-edition-roles")),
                fact: Some("ws2025-edition-roles"),
                confidence: Some(crate::catalog::Confidence::Unverified),
            });
        }
        if host.edition.eval {
            findings.push(Finding::new(
                &rules::HOST_EVALUATION,
                Msg::new("plan-host-evaluation").arg("host", machine_arg(&host)),
            ));
        }
    }
    if !host_is_azure_local && guest.version.avma_guest {
        if let Some(v) = cat.host_can_activate(&host.version.id, &guest.version.id) {
            if v.supported {
                reasons.push(Reason {
                    msg: Msg::new("plan-reason-matrix")
                        .arg("host", host.version.name.as_str())
                        .arg("guest", guest.version.name.as_str()),
                    fact: Some("host-version-ge-guest"),
                    confidence: Some(v.confidence),
                });
                if v.confidence == crate::catalog::Confidence::Unverified {
                    findings.push(Finding::new(
                        &rules::UNVERIFIED_HOST_GUEST_PAIR,
                        Msg::new("plan-unverified-pair")
                            .arg("host", host.version.name.as_str())
                            .arg("guest", guest.version.name.as_str())
                            .arg("note", v.note.clone().unwrap_or_default()),
                    ));
                }
            }
            matrix = Some(v);
        }
    }
    match req.host_activated {
        Some(false) => findings.push(
            Finding::new(
                &rules::HOST_NOT_ACTIVATED,
                Msg::new("plan-host-not-activated").arg("host", machine_arg(&host)),
            )
            .fix(judge::host_fix(
                judge::HostProblem::NotActivated,
                &h,
                judge::HostContext::default(),
                cat,
            )),
        ),
        Some(true) => reasons.push(Reason {
            msg: Msg::new("plan-reason-host-activated"),
            fact: Some("host-must-be-activated"),
            confidence: None,
        }),
        None => {}
    }

    // Target edition and conversion.
    let mut target: Option<&Edition> = None;
    let mut conversion = None;
    if guest_family_ok {
        let t = match &req.want {
            Some(w) => {
                let mut w = w.clone();
                if w.eval == Some(true) {
                    w.eval = Some(false);
                }
                Some(resolve_edition(&w, cat, guest.edition.core)?)
            }
            // The retail edition of the same family, or the only allowed one.
            None if guest.edition.eval => judge::evaluation_target(guest.edition, cat),
            None => Some(guest.edition),
        };
        if let Some(t) = t {
            target = Some(t);
            if guest.edition.eval && req.domain_controller {
                findings.push(Finding::new(
                    &rules::EVALUATION_DOMAIN_CONTROLLER,
                    Msg::new("plan-eval-dc").arg("edition", edition_arg(guest.edition)),
                ));
            } else {
                match check_conversion(guest.edition, t, cat) {
                    ConversionCheck::NotNeeded => reasons.push(Reason {
                        msg: Msg::new("plan-reason-no-conversion")
                            .arg("guest", machine_arg(&guest)),
                        fact: Some("avma-key-own-version"),
                        confidence: None,
                    }),
                    ConversionCheck::Allowed { fact } => {
                        let key = cat
                            .key_for(KeyKind::Gvlk, &guest.version.id, &t.family)
                            .or_else(|| {
                                cat.key_for(
                                    KeyKind::Avma,
                                    cat.key_generation(guest.version),
                                    &t.family,
                                )
                            });
                        if let Some(key) = key {
                            conversion = Some(Conversion {
                                from: guest.edition,
                                to: t,
                                key,
                                fact,
                            });
                            reasons.push(Reason {
                                msg: Msg::new(if guest.edition.eval {
                                    "plan-reason-convert-eval"
                                } else {
                                    "plan-reason-convert-wanted"
                                })
                                .arg("from", edition_arg(guest.edition))
                                .arg("to", edition_arg(t)),
                                fact: Some(fact),
                                confidence: None,
                            });
                        }
                    }
                    ConversionCheck::Forbidden { fact } => findings.push(
                        Finding::new(
                            &rules::CONVERSION_NOT_POSSIBLE,
                            Msg::new("plan-conversion-forbidden")
                                .arg("from", edition_arg(guest.edition))
                                .arg("to", edition_arg(t))
                                .arg("fact", fact_arg(cat, fact)),
                        )
                        .fix(judge::Fix::new().both(judge::dism_list_targets())),
                    ),
                    ConversionCheck::Undocumented => findings.push(
                        Finding::new(
                            &rules::CONVERSION_NOT_POSSIBLE,
                            Msg::new("plan-conversion-undocumented")
                                .arg("from", edition_arg(guest.edition))
                                .arg("to", edition_arg(t)),
                        )
                        .severity(Severity::Warning)
                        .fix(judge::Fix::new().both(judge::dism_list_targets())),
                    ),
                }
            }
        }
    }

    // The AVMA key of the guest's version and final edition.
    let avma_key = target
        .and_then(|t| cat.key_for(KeyKind::Avma, cat.key_generation(guest.version), &t.family));
    if let (Some(t), None) = (target, avma_key) {
        if guest_family_ok && guest.version.avma_guest {
            findings.push(Finding::new(
                &rules::GUEST_NOT_SUPPORTED,
                Msg::new("plan-no-avma-key")
                    .arg("version", guest.version.name.as_str())
                    .arg("edition", edition_arg(t)),
            ));
        }
    }

    let blocking = |f: &Finding| f.severity == Severity::Error;
    let verdict = if findings
        .iter()
        .any(|f| blocking(f) && f.rule.name != rules::HOST_NOT_ACTIVATED.name)
    {
        Verdict::No
    } else if findings.iter().any(blocking) {
        Verdict::NotYet
    } else {
        Verdict::Yes
    };

    reasons.push(Reason {
        msg: Msg::new("plan-reason-kvp"),
        fact: Some("kvp-required"),
        confidence: None,
    });
    reasons.push(Reason {
        msg: Msg::new("plan-reason-cluster"),
        fact: Some("cluster-every-node"),
        confidence: None,
    });

    let steps = if verdict == Verdict::No {
        Vec::new()
    } else {
        build_steps(req, target, conversion.as_ref(), avma_key)
    };

    Ok(Plan {
        verdict,
        guest,
        host,
        target,
        conversion,
        avma_key,
        matrix,
        reasons,
        findings,
        steps,
    })
}

fn step(
    kind: StepKind,
    on: On,
    title: Msg,
    why: Option<Msg>,
    fix: judge::Fix,
    expect: Option<Msg>,
) -> Step {
    use crate::shell::Shell;
    Step {
        kind,
        on,
        title,
        why,
        cmd: fix.cmd.iter().map(|c| c.render(Shell::Cmd).text).collect(),
        powershell: fix
            .ps
            .iter()
            .map(|c| c.render(Shell::PowerShell).text)
            .collect(),
        commands: fix,
        expect,
    }
}

fn build_steps(
    req: &PlanRequest<'_>,
    target: Option<&Edition>,
    conversion: Option<&Conversion<'_>>,
    avma_key: Option<&Key>,
) -> Vec<Step> {
    use crate::shell::Arg;
    let guest = req.guest;
    let mut steps = Vec::new();
    if req.host_activated != Some(true) {
        steps.push(step(
            StepKind::CheckHostActivation,
            On::Host,
            Msg::new("step-check-host"),
            Some(Msg::new("step-check-host-why")),
            judge::Fix::new()
                .cmd(crate::shell::Command::slmgr([Arg::lit("/dli")]))
                .ps(slp_query()),
            Some(Msg::new("step-check-host-expect")),
        ));
    }
    steps.push(step(
        StepKind::CheckDataExchange,
        On::Host,
        Msg::new("step-check-kvp"),
        Some(Msg::new("step-check-kvp-why")),
        judge::Fix::new()
            .then(judge::show_data_exchange_placeholder())
            .ps(judge::enable_data_exchange_placeholder()),
        Some(Msg::new("step-check-kvp-expect")),
    ));
    steps.push(step(
        StepKind::CheckEdition,
        On::Guest,
        Msg::new("step-check-edition"),
        None,
        judge::Fix::new()
            .cmd(crate::shell::Command::exe(
                "DISM",
                [Arg::lit("/English /Online /Get-CurrentEdition")],
            ))
            .ps(crate::shell::Command::powershell(
                "(Get-ItemProperty 'HKLM:\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion').EditionID",
                [],
            ))
            .ps(crate::shell::Command::powershell(
                "[Environment]::OSVersion.Version.Build",
                [],
            )),
        Some(
            Msg::new("step-check-edition-expect")
                .arg("edition", guest.edition.id.as_str())
                .arg("build", i64::from(guest.version.build)),
        ),
    ));
    if let Some(c) = conversion {
        steps.push(step(
            StepKind::ListTargetEditions,
            On::Guest,
            Msg::new("step-list-targets"),
            None,
            judge::Fix::new().both(judge::dism_list_targets()),
            Some(Msg::new("step-list-targets-expect").arg("target", c.to.id.as_str())),
        ));
        steps.push(step(
            StepKind::ConvertEdition,
            On::Guest,
            Msg::new("step-convert")
                .arg("from", c.from.id.as_str())
                .arg("to", c.to.id.as_str()),
            Some(
                Msg::new("step-convert-why")
                    .arg("key", c.key.key.as_str())
                    .arg("kind", c.key.kind.as_str())
                    .arg("version", guest.version.name.as_str()),
            ),
            judge::set_edition(c.to, c.key),
            Some(Msg::new("step-convert-expect")),
        ));
        steps.push(step(
            StepKind::Restart,
            On::Guest,
            Msg::new("step-restart"),
            Some(Msg::new("step-restart-why")),
            judge::restart(),
            None,
        ));
    }
    if let Some(k) = avma_key {
        let t = target.unwrap_or(guest.edition);
        steps.push(step(
            StepKind::InstallAvmaKey,
            On::Guest,
            Msg::new("step-install-avma")
                .arg("version", guest.version.name.as_str())
                .arg("edition", t.id.as_str()),
            None,
            judge::install_public_key(k),
            Some(Msg::new("step-install-avma-expect").arg("key", k.key.as_str())),
        ));
        steps.push(step(
            StepKind::Activate,
            On::Guest,
            Msg::new("step-activate"),
            Some(Msg::new("step-activate-why")),
            judge::activate(Some(k.last5())),
            None,
        ));
        steps.push(step(
            StepKind::Verify,
            On::Guest,
            Msg::new("step-verify"),
            None,
            judge::verify(),
            Some(Msg::new("step-verify-expect").arg("last5", k.last5())),
        ));
    }
    steps
}

fn slp_query() -> crate::shell::Command {
    crate::shell::Command::powershell(
        judge::SLP_FILTER,
        [crate::shell::Arg::lit("| Select-Object Name, Description, LicenseStatus, PartialProductKey, GracePeriodRemaining, AutomaticVMActivationHostMachineName, AutomaticVMActivationLastActivationTime")],
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::spec::{parse_edition_words, parse_machine};

    fn mk<'c>(guest: &str, host: &str, want: Option<&str>, cat: &'c Catalog) -> Plan<'c> {
        let req = PlanRequest {
            guest: parse_machine(guest, cat).unwrap(),
            want: want.map(|w| parse_edition_words(w, cat).unwrap()),
            host: parse_machine(host, cat).unwrap(),
            host_activated: Some(true),
            domain_controller: false,
        };
        plan(&req, cat).unwrap()
    }

    fn names(p: &Plan<'_>) -> Vec<&'static str> {
        p.findings.iter().map(|f| f.rule.name).collect()
    }

    #[test]
    fn standard_guest_needs_no_conversion() {
        let cat = Catalog::builtin();
        let p = mk("2019 Standard", "2022 Datacenter", None, cat);
        assert_eq!(p.verdict, Verdict::Yes);
        assert!(p.conversion.is_none());
        assert_eq!(p.avma_key.unwrap().key, "TNK62-RXVTB-4P47B-2D623-4GF74");
        assert!(!p.steps.iter().any(|s| s.kind == StepKind::ConvertEdition));
    }

    #[test]
    fn walkthrough_conversion_uses_the_guest_version_key() {
        let cat = Catalog::builtin();
        let p = mk("2019 Standard", "2022 Datacenter", Some("Datacenter"), cat);
        assert_eq!(p.verdict, Verdict::Yes);
        let c = p.conversion.as_ref().unwrap();
        assert_eq!(c.key.key, "WMDGN-G9PQG-XVVXX-R3X43-63DFG");
        assert_eq!(p.avma_key.unwrap().key, "H3RNG-8C32Q-Q8FRX-6TDXV-WMBMW");
        let kinds: Vec<_> = p.steps.iter().map(|s| s.kind).collect();
        let conv = kinds
            .iter()
            .position(|k| *k == StepKind::ConvertEdition)
            .unwrap();
        let rst = kinds.iter().position(|k| *k == StepKind::Restart).unwrap();
        let ipk = kinds
            .iter()
            .position(|k| *k == StepKind::InstallAvmaKey)
            .unwrap();
        assert!(conv < rst && rst < ipk);
    }

    #[test]
    fn evaluation_guest_is_converted_to_retail() {
        let cat = Catalog::builtin();
        let p = mk("2019 Standard Eval", "2022 DC", None, cat);
        assert_eq!(p.conversion.as_ref().unwrap().to.id, "ServerStandard");
        let p = mk("2022 Standard Eval Core", "2022 DC", None, cat);
        assert_eq!(p.conversion.as_ref().unwrap().to.id, "ServerDatacenterCor");
    }

    #[test]
    fn refusals() {
        let cat = Catalog::builtin();
        assert_eq!(
            names(&mk("2019 Standard", "2022 Standard", None, cat)),
            ["host-not-datacenter"]
        );
        let p = mk("2022 Standard", "2019 Datacenter", None, cat);
        assert_eq!(p.verdict, Verdict::No);
        assert_eq!(names(&p), ["host-too-old-for-guest"]);
        assert_eq!(
            names(&mk("2022 Datacenter", "2022 DC", Some("Standard"), cat)),
            ["conversion-not-possible"]
        );
        assert_eq!(
            names(&mk(
                "2022 Datacenter Eval",
                "2022 DC",
                Some("Standard"),
                cat
            )),
            ["conversion-not-possible"]
        );
        assert_eq!(
            names(&mk(
                "2022 Standard Eval",
                "2022 DC",
                Some("Datacenter Core"),
                cat
            )),
            ["conversion-not-possible"]
        );
        assert_eq!(
            names(&mk("2012 Standard", "2022 DC", None, cat)),
            ["guest-not-supported"]
        );
        assert_eq!(
            names(&mk("2022 Essentials", "2022 DC", None, cat)),
            ["guest-not-supported"]
        );
    }

    #[test]
    fn conversion_rules() {
        let cat = Catalog::builtin();
        let e = |id: &str| cat.edition(id).unwrap();
        use ConversionCheck::*;
        assert!(matches!(
            check_conversion(e("ServerStandardEval"), e("ServerDatacenter"), cat),
            Allowed { .. }
        ));
        assert!(matches!(
            check_conversion(e("ServerStandardEvalCor"), e("ServerStandardCor"), cat),
            Forbidden { .. }
        ));
        assert!(matches!(
            check_conversion(e("ServerStandardEvalCor"), e("ServerDatacenterCor"), cat),
            Allowed { .. }
        ));
        assert!(matches!(
            check_conversion(e("ServerDatacenterEval"), e("ServerStandard"), cat),
            Forbidden {
                fact: "conv-eval-datacenter-only-datacenter"
            }
        ));
        assert!(matches!(
            check_conversion(e("ServerDatacenter"), e("ServerStandard"), cat),
            Forbidden {
                fact: "conv-no-downgrade"
            }
        ));
        assert!(matches!(
            check_conversion(e("ServerTurbine"), e("ServerDatacenter"), cat),
            Forbidden {
                fact: "conv-no-downgrade"
            }
        ));
        assert!(matches!(
            check_conversion(e("ServerStandard"), e("ServerStandard"), cat),
            NotNeeded
        ));
    }
}
