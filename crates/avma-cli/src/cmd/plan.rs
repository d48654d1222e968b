//! `avma plan`: the verdict and the exact steps for one guest on one host, as text, JSON,
//! Markdown, a PowerShell 5.1 script or a cmd batch file.

use avma_core::plan::{plan, On, Plan, PlanRequest, Step, StepKind, Verdict, WINDOWS_APP_ID};
use avma_core::spec::{parse_edition_words, parse_machine};
use avma_core::text::Msg;
use serde_json::json;

use super::{
    confidence_label, fact_json, source_json, spec_error, EXIT_FINDINGS, EXIT_INPUT, EXIT_OK,
};
use crate::cli::{PlanArgs, PlanFormat, YesNo};
use crate::out::{json as print_json, Ctx};
use crate::render::{finding_json, finding_text};

pub fn run(ctx: &mut Ctx, a: &PlanArgs) -> u8 {
    let cat = ctx.cat;
    let guest = match parse_machine(&a.guest, cat) {
        Ok(g) => g,
        Err(e) => {
            let m = spec_error(ctx, "--guest", &a.guest, &e);
            ctx.problem("--guest", &m);
            return EXIT_INPUT;
        }
    };
    let host = match parse_machine(&a.host, cat) {
        Ok(h) => h,
        Err(e) => {
            let m = spec_error(ctx, "--host", &a.host, &e);
            ctx.problem("--host", &m);
            return EXIT_INPUT;
        }
    };
    let want = match &a.want {
        Some(w) => match parse_edition_words(w, cat) {
            Ok(w) => Some(w),
            Err(e) => {
                let m = spec_error(ctx, "--want", w, &e);
                ctx.problem("--want", &m);
                return EXIT_INPUT;
            }
        },
        None => None,
    };
    let req = PlanRequest {
        guest,
        want,
        host,
        host_activated: a.host_activated.map(|y| y == YesNo::Yes),
        domain_controller: a.domain_controller,
    };
    let p = match plan(&req, cat) {
        Ok(p) => p,
        Err(e) => {
            let m = spec_error(ctx, "--want", a.want.as_deref().unwrap_or(""), &e);
            ctx.problem("--want", &m);
            return EXIT_INPUT;
        }
    };
    if let Some(path) = &a.output {
        ctx.write_to(path.clone(), a.format == PlanFormat::Ps1);
    }
    match a.format {
        PlanFormat::Text => text(ctx, &p),
        PlanFormat::Json => {
            let v = plan_json(ctx, &p);
            print_json(ctx, &v);
        }
        PlanFormat::Md => markdown(ctx, &p),
        PlanFormat::Ps1 => {
            let s = powershell(ctx, &p);
            ctx.print(&s);
        }
        PlanFormat::Cmd => {
            let s = batch(ctx, &p);
            ctx.print(&s);
        }
    }
    if p.verdict == Verdict::Yes {
        EXIT_OK
    } else {
        EXIT_FINDINGS
    }
}

fn verdict_msg(p: &Plan<'_>) -> Msg {
    Msg::new(match p.verdict {
        Verdict::Yes => "plan-verdict-yes",
        Verdict::NotYet => "plan-verdict-not-yet",
        Verdict::No => "plan-verdict-no",
    })
}

fn title_msg(p: &Plan<'_>) -> Msg {
    Msg::new("plan-title")
        .arg(
            "guest",
            format!("{} {}", p.guest.version.name, p.guest.edition.id),
        )
        .arg(
            "host",
            format!("{} {}", p.host.version.name, p.host.edition.id),
        )
}

fn step_json(ctx: &Ctx, n: usize, s: &Step) -> serde_json::Value {
    json!({
        "n": n,
        "kind": s.kind.as_str(),
        "on": s.on.as_str(),
        "title": ctx.msg(&s.title),
        "why": s.why.as_ref().map(|m| ctx.msg(m)),
        "commands": {"cmd": s.cmd, "powershell": s.powershell},
        "expect": s.expect.as_ref().map(|m| ctx.msg(m)),
    })
}

pub fn plan_json(ctx: &Ctx, p: &Plan<'_>) -> serde_json::Value {
    let cat = ctx.cat;
    let machine = |m: &avma_core::spec::MachineSpec<'_>| {
        json!({
            "version": m.version.id,
            "version_name": m.version.name,
            "build": m.version.build,
            "edition": m.edition.id,
            "edition_name": m.edition.name(ctx.lang()),
            "evaluation": m.edition.eval,
            "core": m.edition.core,
        })
    };
    let key = |k: &avma_core::catalog::Key| json!({"key": k.key, "kind": k.kind.as_str(), "confidence": k.confidence.as_str(), "source": source_json(cat, &k.source)});
    json!({
        "schema": "avma.plan/1",
        "verdict": p.verdict.as_str(),
        "summary": ctx.msg(&verdict_msg(p)),
        "guest": machine(&p.guest),
        "host": machine(&p.host),
        "target_edition": p.target.map(|t| t.id.as_str()),
        "conversion_needed": p.conversion.is_some(),
        "conversion": p.conversion.as_ref().map(|c| json!({
            "from": c.from.id, "to": c.to.id, "key": key(c.key), "rule": fact_json(ctx, c.fact),
        })),
        "avma_key": p.avma_key.map(key),
        "matrix": p.matrix.as_ref().map(|m| json!({
            "supported": m.supported, "confidence": m.confidence.as_str(),
            "source": source_json(cat, &m.source), "by_build": m.by_build, "note": avma_core::catalog::note_in(&m.note, &m.note_ja, ctx.lang()),
        })),
        "reasons": p.reasons.iter().map(|r| json!({
            "message": ctx.msg(&r.msg),
            "fact": r.fact.map(|f| fact_json(ctx, f)),
            "confidence": reason_confidence(ctx, r).map(|c| c.as_str()),
        })).collect::<Vec<_>>(),
        "findings": p.findings.iter().map(|f| finding_json(ctx, f)).collect::<Vec<_>>(),
        "steps": p.steps.iter().enumerate().map(|(i, s)| step_json(ctx, i + 1, s)).collect::<Vec<_>>(),
    })
}

/// The confidence of a reason: its own (a matrix cell) or its fact's.
fn reason_confidence(
    ctx: &Ctx,
    r: &avma_core::plan::Reason,
) -> Option<avma_core::catalog::Confidence> {
    r.confidence
        .or_else(|| r.fact.and_then(|f| ctx.cat.fact(f)).map(|f| f.confidence))
}

fn on_label(ctx: &Ctx, on: On) -> String {
    ctx.t(match on {
        On::Host => "on-host",
        On::Guest => "on-guest",
    })
}

fn text(ctx: &mut Ctx, p: &Plan<'_>) {
    let title = ctx.msg(&title_msg(p));
    ctx.line(&ctx.style.bold(&title));
    let v = ctx.msg(&verdict_msg(p));
    let v = match p.verdict {
        Verdict::Yes => ctx.style.green(&v),
        Verdict::NotYet => ctx.style.yellow(&v),
        Verdict::No => ctx.style.red(&v),
    };
    ctx.line(&v);
    ctx.line("");
    let h = ctx.style.bold(&ctx.t("plan-why"));
    ctx.line(&h);
    for r in &p.reasons {
        let m = ctx.msg(&r.msg);
        let conf = reason_confidence(ctx, r)
            .map(|c| format!(" [{}]", confidence_label(ctx, c)))
            .unwrap_or_default();
        ctx.line(&format!("  - {m}{conf}"));
    }
    if !p.findings.is_empty() {
        ctx.line("");
        let h = ctx.style.bold(&ctx.t("plan-findings"));
        ctx.line(&h);
        for f in &p.findings {
            finding_text(ctx, f);
        }
    }
    if !p.steps.is_empty() {
        ctx.line("");
        let h = ctx.style.bold(&ctx.t("plan-steps"));
        ctx.line(&h);
        for (i, s) in p.steps.iter().enumerate() {
            let t = ctx.msg(&s.title);
            let on = on_label(ctx, s.on);
            ctx.line(&format!("  {}. [{on}] {t}", i + 1));
            if let Some(w) = &s.why {
                let w = ctx.msg(w);
                ctx.line(&ctx.style.dim(&format!("       {w}")));
            }
            for c in &s.cmd {
                ctx.line(&format!("       {}", ctx.style.cyan(c)));
            }
            if let Some(e) = &s.expect {
                let label = ctx.t("label-expect");
                let e = ctx.msg(e);
                ctx.line(&format!("       {label}: {e}"));
            }
        }
    }
    if let (Some(k), false) = (p.avma_key, p.verdict == Verdict::No) {
        ctx.line("");
        let l = ctx.msg(
            &Msg::new("plan-key-line")
                .arg("key", k.key.as_str())
                .arg("confidence", confidence_label(ctx, k.confidence))
                .arg("url", ctx.cat.source_url(&k.source)),
        );
        ctx.line(&l);
    }
}

fn markdown(ctx: &mut Ctx, p: &Plan<'_>) {
    let title = ctx.msg(&title_msg(p));
    ctx.line(&format!("# {title}\n"));
    let v = ctx.msg(&verdict_msg(p));
    ctx.line(&format!("**{v}**\n"));
    ctx.line(&format!("## {}\n", ctx.t("plan-why")));
    for r in &p.reasons {
        let m = ctx.msg(&r.msg);
        match r.fact.and_then(|f| ctx.cat.fact(f)) {
            Some(f) => {
                let l = format!(
                    "- {m} ({}, <{}>)",
                    confidence_label(ctx, reason_confidence(ctx, r).unwrap_or(f.confidence)),
                    ctx.cat.source_url(&f.source)
                );
                ctx.line(&l);
            }
            None => ctx.line(&format!("- {m}")),
        }
    }
    ctx.line("");
    if !p.findings.is_empty() {
        ctx.line(&format!("## {}\n", ctx.t("plan-findings")));
        for f in &p.findings {
            let m = ctx.msg(&f.message);
            ctx.line(&format!(
                "- **{} `{}`** ({}): {m}",
                f.rule.code,
                f.rule.name,
                f.severity.as_str()
            ));
            for c in &f.fix {
                ctx.line(&format!("  - `{c}`"));
            }
        }
        ctx.line("");
    }
    if !p.steps.is_empty() {
        ctx.line(&format!("## {}\n", ctx.t("plan-steps")));
        for (i, s) in p.steps.iter().enumerate() {
            let t = ctx.msg(&s.title);
            let on = on_label(ctx, s.on);
            ctx.line(&format!("{}. **[{on}] {t}**", i + 1));
            if let Some(w) = &s.why {
                let w = ctx.msg(w);
                ctx.line(&format!("\n   {w}"));
            }
            ctx.line("\n   ```bat");
            for c in &s.cmd {
                ctx.line(&format!("   {c}"));
            }
            ctx.line("   ```\n");
            ctx.line("   ```powershell");
            for c in &s.powershell {
                ctx.line(&format!("   {c}"));
            }
            ctx.line("   ```");
            if let Some(e) = &s.expect {
                let e = ctx.msg(e);
                ctx.line(&format!("\n   {}: {e}", ctx.t("label-expect")));
            }
            ctx.line("");
        }
    }
}

/// PowerShell single-quoted string literal.
pub(crate) fn psq(s: &str) -> String {
    format!("'{}'", s.replace('\'', "''"))
}

/// A comment line: no line breaks may escape into code.
pub(crate) fn comment(prefix: &str, s: &str) -> String {
    s.lines()
        .map(|l| format!("{prefix} {l}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The PowerShell 5.1 script: idempotent (checks before each change), -WhatIf aware, CIM
/// rather than slmgr.vbs, DISM with /English, and it refuses to run on another build.
pub fn powershell(ctx: &Ctx, p: &Plan<'_>) -> String {
    let mut s = String::new();
    let title = ctx.msg(&title_msg(p));
    let verdict = ctx.msg(&verdict_msg(p));
    s.push_str("#Requires -Version 5.1\n#Requires -RunAsAdministrator\n<#\n.SYNOPSIS\n");
    s.push_str(&format!("    {}\n", title.replace("#>", "# >")));
    s.push_str(".DESCRIPTION\n");
    s.push_str(&format!("    {}\n", verdict.replace("#>", "# >")));
    s.push_str(&format!(
        "    {}\n",
        ctx.t("ps1-description").replace("#>", "# >")
    ));
    s.push_str(&format!(
        "    Generated by avma {}.\n#>\n",
        env!("CARGO_PKG_VERSION")
    ));
    s.push_str("[CmdletBinding(SupportsShouldProcess = $true)]\nparam()\n\n");
    s.push_str("Set-StrictMode -Version 2.0\n$ErrorActionPreference = 'Stop'\n\n");

    if p.verdict == Verdict::No {
        for f in &p.findings {
            s.push_str(&comment(
                "#",
                &format!("{} {}: {}", f.rule.code, f.rule.name, ctx.msg(&f.message)),
            ));
            s.push('\n');
        }
        s.push_str(&format!("Write-Error {}\nexit 1\n", psq(&verdict)));
        return s;
    }

    let host_steps: Vec<&Step> = p.steps.iter().filter(|st| st.on == On::Host).collect();
    if !host_steps.is_empty() {
        s.push_str(&comment("#", &ctx.t("ps1-host-first")));
        s.push('\n');
        for st in host_steps {
            s.push_str(&comment("#  ", &ctx.msg(&st.title)));
            s.push('\n');
            for c in &st.powershell {
                s.push_str(&comment("#      ", c));
                s.push('\n');
            }
        }
        s.push('\n');
    }

    let key = p.avma_key.map(|k| k.key.as_str()).unwrap_or("");
    let target = p
        .target
        .map(|t| t.id.as_str())
        .unwrap_or(p.guest.edition.id.as_str());
    s.push_str(&format!("$ExpectedBuild = {}\n", p.guest.version.build));
    s.push_str(&format!(
        "$ExpectedVersion = {}\n",
        psq(&p.guest.version.name)
    ));
    s.push_str(&format!("$TargetEdition = {}\n", psq(target)));
    if let Some(c) = &p.conversion {
        s.push_str(&format!(
            "$ConversionKey = {}   # {}\n",
            psq(&c.key.key),
            c.key.kind.as_str()
        ));
    }
    s.push_str(&format!("$AvmaKey = {}\n", psq(key)));
    s.push_str(&format!("$WindowsAppId = {}\n\n", psq(WINDOWS_APP_ID)));
    s.push_str(
        "function Get-WindowsLicense {\n    Get-CimInstance -ClassName SoftwareLicensingProduct -Filter \"ApplicationID='$WindowsAppId' AND PartialProductKey IS NOT NULL\"\n}\n\n",
    );
    s.push_str(
        "$cv = Get-ItemProperty -Path 'HKLM:\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion'\n",
    );
    s.push_str("$build = [int]$cv.CurrentBuildNumber\n");
    s.push_str(&format!("{}\n", comment("#", &ctx.t("ps1-check-build"))));
    s.push_str("if ($build -ne $ExpectedBuild) {\n    throw \"This plan is for $ExpectedVersion (build $ExpectedBuild); this machine is build $build. Make a plan for its own version: avma plan --guest <version edition> --host <version edition>\"\n}\n\n");
    s.push_str(&format!(
        "{}\n",
        comment("#", &ctx.msg(&Msg::new("step-check-edition")))
    ));
    s.push_str("$edition = [string]$cv.EditionID\nWrite-Output \"Current edition: $edition (build $build)\"\n\n");

    if let Some(c) = &p.conversion {
        s.push_str(&format!(
            "{}\n",
            comment(
                "#",
                &ctx.msg(
                    &Msg::new("step-convert")
                        .arg("from", c.from.id.as_str())
                        .arg("to", c.to.id.as_str())
                )
            )
        ));
        s.push_str("if ($edition -ne $TargetEdition) {\n");
        s.push_str("    $targets = & dism.exe /English /Online /Get-TargetEditions\n");
        s.push_str("    if (-not ($targets -match \"Target Edition : $TargetEdition\\s*$\")) {\n");
        s.push_str("        throw \"$TargetEdition is not among the target editions of this machine (DISM /Get-TargetEditions). A fresh install is needed.\"\n    }\n");
        s.push_str("    if ($PSCmdlet.ShouldProcess($env:COMPUTERNAME, \"DISM /Set-Edition:$TargetEdition /ProductKey:$ConversionKey\")) {\n");
        s.push_str("        & dism.exe /English /Online \"/Set-Edition:$TargetEdition\" \"/ProductKey:$ConversionKey\" /AcceptEula /NoRestart\n");
        s.push_str("        if ($LASTEXITCODE -ne 0 -and $LASTEXITCODE -ne 3010) {\n            throw \"DISM /Set-Edition failed with exit code $LASTEXITCODE (avma explain $LASTEXITCODE)\"\n        }\n");
        s.push_str("    }\n");
        s.push_str("    if ($PSCmdlet.ShouldProcess($env:COMPUTERNAME, 'Restart-Computer (run this script again after the restart)')) {\n");
        s.push_str("        Write-Warning 'The edition changes at the restart. Run this script again afterwards to install the AVMA key.'\n        Restart-Computer -Force\n    }\n");
        s.push_str("    return\n}\n\n");
    } else {
        s.push_str(&format!("{}\n", comment("#", &ctx.t("ps1-no-conversion"))));
        s.push_str("if ($edition -ne $TargetEdition) {\n    throw \"This plan is for edition $TargetEdition; this machine runs $edition. Make a new plan.\"\n}\n\n");
    }

    if p.avma_key.is_some() {
        s.push_str(&format!(
            "{}\n",
            comment(
                "#",
                &ctx.msg(
                    &Msg::new("step-install-avma")
                        .arg("version", p.guest.version.name.as_str())
                        .arg("edition", target)
                )
            )
        ));
        s.push_str("$last5 = $AvmaKey.Substring($AvmaKey.Length - 5)\n");
        s.push_str("$installed = @(Get-WindowsLicense | Where-Object { $_.PartialProductKey -eq $last5 })\n");
        s.push_str("if ($installed.Count -gt 0) {\n    Write-Output \"The AVMA key ending in $last5 is already installed.\"\n}\n");
        s.push_str("elseif ($PSCmdlet.ShouldProcess($env:COMPUTERNAME, \"Install the AVMA key $AvmaKey\")) {\n");
        s.push_str("    $service = Get-CimInstance -ClassName SoftwareLicensingService\n");
        s.push_str("    Invoke-CimMethod -InputObject $service -MethodName InstallProductKey -Arguments @{ ProductKey = $AvmaKey } | Out-Null\n");
        s.push_str("    Invoke-CimMethod -InputObject $service -MethodName RefreshLicenseStatus | Out-Null\n}\n\n");

        s.push_str(&format!(
            "{}\n",
            comment("#", &ctx.msg(&Msg::new("step-activate")))
        ));
        s.push_str("$product = Get-WindowsLicense | Where-Object { $_.PartialProductKey -eq $last5 } | Select-Object -First 1\n");
        s.push_str("if ($null -ne $product -and $product.LicenseStatus -ne 1) {\n");
        s.push_str("    if ($PSCmdlet.ShouldProcess($env:COMPUTERNAME, 'Activate (AVMA)')) {\n");
        s.push_str("        try {\n            Invoke-CimMethod -InputObject $product -MethodName Activate | Out-Null\n        }\n");
        s.push_str("        catch {\n            $hr = '{0:X8}' -f $_.Exception.HResult\n            Write-Warning \"Activation failed: 0x$hr. Explain it with: avma explain 0x$hr\"\n        }\n    }\n}\n\n");

        s.push_str(&format!(
            "{}\n",
            comment("#", &ctx.msg(&Msg::new("step-verify")))
        ));
        s.push_str("$product = Get-WindowsLicense | Where-Object { $_.PartialProductKey -eq $last5 } | Select-Object -First 1\n");
        s.push_str("if ($null -eq $product) {\n    if ($WhatIfPreference) { return }\n    throw \"The AVMA key ending in $last5 is not installed.\"\n}\n");
        s.push_str("$product | Format-List Name, Description, LicenseStatus, GracePeriodRemaining, AutomaticVMActivationHostMachineName, AutomaticVMActivationLastActivationTime\n");
        s.push_str("if ($product.Description -notlike '*VIRTUAL_MACHINE_ACTIVATION*' -or $product.LicenseStatus -ne 1) {\n");
        s.push_str("    Write-Warning 'Not activated by AVMA yet. Check the host (activated Datacenter, Data Exchange enabled for this VM) and run: avma diagnose'\n    exit 1\n}\n");
        s.push_str("Write-Output \"Activated by AVMA from host $($product.AutomaticVMActivationHostMachineName).\"\n");
    }
    s
}

/// The cmd.exe batch file, for admins who run slmgr by hand.
pub fn batch(ctx: &Ctx, p: &Plan<'_>) -> String {
    let mut s = String::from("@echo off\r\n");
    let rem = |s: &mut String, text: &str| {
        for l in text.lines() {
            s.push_str(&format!("rem {l}\r\n"));
        }
    };
    rem(&mut s, &ctx.msg(&title_msg(p)));
    rem(&mut s, &ctx.msg(&verdict_msg(p)));
    rem(
        &mut s,
        &format!("Generated by avma {}.", env!("CARGO_PKG_VERSION")),
    );
    if p.verdict == Verdict::No {
        for f in &p.findings {
            rem(
                &mut s,
                &format!("{} {}: {}", f.rule.code, f.rule.name, ctx.msg(&f.message)),
            );
        }
        s.push_str("exit /b 1\r\n");
        return s;
    }
    rem(&mut s, &ctx.t("cmd-description"));
    s.push_str("\r\n");
    for (i, st) in p.steps.iter().enumerate() {
        rem(
            &mut s,
            &format!(
                "{}. [{}] {}",
                i + 1,
                on_label(ctx, st.on),
                ctx.msg(&st.title)
            ),
        );
        if let Some(e) = &st.expect {
            rem(
                &mut s,
                &format!("   {}: {}", ctx.t("label-expect"), ctx.msg(e)),
            );
        }
        match st.kind {
            StepKind::CheckHostActivation | StepKind::CheckDataExchange => {
                for c in &st.cmd {
                    rem(&mut s, &format!("   {c}"));
                }
            }
            StepKind::ConvertEdition => {
                if let Some(c) = &p.conversion {
                    s.push_str(&format!(
                        "DISM /English /Online /Get-CurrentEdition | findstr /E /C:\": {}\" >nul\r\nif not errorlevel 1 goto :converted\r\n",
                        c.to.id
                    ));
                    for c in &st.cmd {
                        s.push_str(&format!("{c}\r\n"));
                    }
                }
            }
            StepKind::Restart => {
                rem(&mut s, &ctx.t("cmd-restart-then-rerun"));
                s.push_str("shutdown /r /t 60\r\nexit /b 0\r\n:converted\r\n");
            }
            StepKind::InstallAvmaKey => {
                if let Some(k) = p.avma_key {
                    s.push_str(&format!(
                        "cscript //nologo %SystemRoot%\\System32\\slmgr.vbs /dli | findstr /C:\"{}\" >nul\r\nif errorlevel 1 {}\r\n",
                        k.last5(),
                        st.cmd.first().map(String::as_str).unwrap_or("")
                    ));
                }
            }
            _ => {
                for c in &st.cmd {
                    s.push_str(&format!("{c}\r\n"));
                }
            }
        }
        s.push_str("\r\n");
    }
    s
}
