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
use crate::document::View;
use crate::out::{json as print_json, Ctx};
use crate::render::finding_json;
use avma_render::{plain, toned, Block, Commands, Doc, Inline, Span, Tone};

/// The plan the arguments ask for; `Err` (an exit code) after one input problem line.
pub fn make(ctx: &mut Ctx, a: &PlanArgs) -> Result<Plan<'static>, u8> {
    let cat = ctx.cat;
    let guest = match parse_machine(&a.guest, cat) {
        Ok(g) => g,
        Err(e) => {
            let m = spec_error(ctx, "--guest", &a.guest, &e);
            ctx.problem("--guest", &m);
            return Err(EXIT_INPUT);
        }
    };
    let host = match parse_machine(&a.host, cat) {
        Ok(h) => h,
        Err(e) => {
            let m = spec_error(ctx, "--host", &a.host, &e);
            ctx.problem("--host", &m);
            return Err(EXIT_INPUT);
        }
    };
    let want = match &a.want {
        Some(w) => match parse_edition_words(w, cat) {
            Ok(w) => Some(w),
            Err(e) => {
                let m = spec_error(ctx, "--want", w, &e);
                ctx.problem("--want", &m);
                return Err(EXIT_INPUT);
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
    match plan(&req, cat) {
        Ok(p) => Ok(p),
        Err(e) => {
            let m = spec_error(ctx, "--want", a.want.as_deref().unwrap_or(""), &e);
            ctx.problem("--want", &m);
            Err(EXIT_INPUT)
        }
    }
}

pub fn run(ctx: &mut Ctx, a: &PlanArgs) -> u8 {
    let p = match make(ctx, a) {
        Ok(p) => p,
        Err(code) => return code,
    };
    if let Some(path) = &a.output {
        ctx.write_to(path.clone(), a.format == PlanFormat::Ps1);
    }
    match a.format {
        PlanFormat::Text => crate::document::show(ctx, &document(ctx, &p), View::Text),
        PlanFormat::Json => {
            let v = plan_json(ctx, &p);
            print_json(ctx, &v);
        }
        PlanFormat::Md => crate::document::show(ctx, &document(ctx, &p), View::Md),
        PlanFormat::Html => crate::document::show(ctx, &document(ctx, &p), View::Html),
        PlanFormat::Ps1 => {
            let s = powershell(ctx, &p);
            ctx.print(&s);
        }
        PlanFormat::Cmd => {
            let s = batch(ctx, &p);
            ctx.print(&s);
            ctx.encode_as(crate::out::Encoding::Cp932);
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
            "source": source_json(cat, &m.source), "by_build": m.by_build, "note": ctx.note(&m.note),
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

/// The plan for people: the verdict, the reasons with their confidence and source, the
/// findings, the numbered steps with their commands in cmd and PowerShell, the AVMA key used.
/// The plan with its commands' placeholders named in the reader's language, for the human
/// views and the scripts (the JSON contract keeps the English names).
fn localized<'c>(ctx: &Ctx, p: &Plan<'c>) -> Plan<'c> {
    let mut p = p.clone();
    for f in &mut p.findings {
        ctx.localize_fix(f);
    }
    for s in &mut p.steps {
        (s.powershell, s.cmd) = ctx.fix_commands(&s.commands);
    }
    p
}

pub fn document(ctx: &Ctx, p: &Plan<'_>) -> Doc {
    let p = &localized(ctx, p);
    let cat = ctx.cat;
    let mut doc = Doc::new(ctx.msg(&title_msg(p)), crate::document::lang_tag(ctx));
    let tone = match p.verdict {
        Verdict::Yes => Tone::Good,
        Verdict::NotYet => Tone::Warn,
        Verdict::No => Tone::Bad,
    };
    doc.para(toned(ctx.msg(&verdict_msg(p)), tone));
    doc.heading(1, ctx.t("plan-why"));
    let reasons: Vec<Inline> = p
        .reasons
        .iter()
        .map(|r| {
            let mut i = plain(ctx.msg(&r.msg));
            let conf = reason_confidence(ctx, r).map(|c| confidence_label(ctx, c));
            let url = r
                .fact
                .and_then(|f| cat.fact(f))
                .map(|f| ctx.source_url(&f.source));
            let source = match (conf, url) {
                (Some(c), Some(u)) => Some(format!(" [{c}{}{u}]", ctx.t("list-separator"))),
                (Some(c), None) => Some(format!(" [{c}]")),
                (None, Some(u)) => Some(format!(" [{u}]")),
                (None, None) => None,
            };
            if let Some(s) = source {
                i.push(Span::new(s, Tone::Dim));
            }
            i
        })
        .collect();
    doc.push(Block::List(reasons));
    if !p.findings.is_empty() {
        doc.heading(1, ctx.t("plan-findings"));
        for f in &p.findings {
            doc.push(Block::Finding(crate::document::finding_block(
                ctx, f, false,
            )));
        }
    }
    if !p.steps.is_empty() {
        doc.heading(1, ctx.t("plan-steps"));
        let steps = p
            .steps
            .iter()
            .map(|s| {
                let mut commands = Vec::new();
                if !s.cmd.is_empty() {
                    commands.push(Commands {
                        label: ctx.t("plan-commands-cmd"),
                        lang: "bat".into(),
                        lines: s.cmd.clone(),
                    });
                }
                if !s.powershell.is_empty() {
                    commands.push(Commands {
                        label: ctx.t("plan-commands-ps"),
                        lang: "powershell".into(),
                        lines: s.powershell.clone(),
                    });
                }
                // A step whose cmd line only wraps PowerShell is shown (in text) as what to type
                // at a PowerShell prompt.
                let primary = if s.cmd.iter().any(|c| c.starts_with("powershell ")) {
                    commands.len().saturating_sub(1)
                } else {
                    0
                };
                avma_render::ProcedureStep {
                    text: plain(format!("[{}] {}", on_label(ctx, s.on), ctx.msg(&s.title))),
                    detail: s.why.as_ref().map(|w| ctx.msg(w)),
                    commands,
                    primary,
                    expect: s
                        .expect
                        .as_ref()
                        .map(|e| (ctx.t("label-expect"), ctx.msg(e))),
                    note: None,
                }
            })
            .collect();
        doc.push(Block::Procedure(steps));
    }
    if let (Some(k), false) = (p.avma_key, p.verdict == Verdict::No) {
        doc.para(plain(
            ctx.msg(
                &Msg::new("plan-key-line")
                    .arg("key", k.key.as_str())
                    .arg("confidence", confidence_label(ctx, k.confidence))
                    .arg("url", ctx.source_url(&k.source)),
            ),
        ));
    }
    doc
}

/// The document `avma plan` prints for these arguments (the demo's plans).
pub fn plan_doc(ctx: &mut Ctx, a: &PlanArgs) -> Result<Doc, u8> {
    let p = make(ctx, a)?;
    Ok(document(ctx, &p))
}

/// PowerShell single-quoted string literal, by the one quoting layer (every quote character
/// PowerShell accepts doubled, U+2018–U+201B included).
pub(crate) fn psq(s: &str) -> String {
    avma_core::shell::ps_quote(s)
}

/// A comment line: no line breaks may escape into code.
pub(crate) fn comment(prefix: &str, s: &str) -> String {
    s.lines()
        .map(|l| format!("{prefix} {l}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// An argument of a script message: text baked in now, or an expression the script evaluates
/// when it prints the message (`$LASTEXITCODE`, `%AVMA_RC%`).
enum Arg<'a> {
    Lit(&'a str),
    Expr(&'a str),
}

/// A private-use character marks where an expression goes while the message is rendered.
fn sentinel(i: usize) -> String {
    format!("\u{E000}{i}\u{E001}")
}

fn render_with(ctx: &Ctx, id: &'static str, args: &[(&'static str, Arg<'_>)]) -> String {
    let mut m = Msg::new(id);
    for (i, (name, a)) in args.iter().enumerate() {
        m = match a {
            Arg::Lit(v) => m.arg(name, *v),
            Arg::Expr(_) => m.arg(name, sentinel(i)),
        };
    }
    ctx.msg(&m)
}

/// A translated runtime message as a PowerShell expression: a single-quoted format string with
/// `-f` and the expressions, so that no translated text is ever parsed as code.
fn ps_msg(ctx: &Ctx, id: &'static str, args: &[(&'static str, Arg<'_>)]) -> String {
    let text = render_with(ctx, id, args)
        .replace('{', "{{")
        .replace('}', "}}");
    let mut fmt = text;
    let mut exprs = Vec::new();
    for (i, (_, a)) in args.iter().enumerate() {
        if let Arg::Expr(e) = a {
            fmt = fmt.replace(&sentinel(i), &format!("{{{}}}", exprs.len()));
            exprs.push(*e);
        }
    }
    let fmt = fmt.replace(['\u{E000}', '\u{E001}'], "");
    if exprs.is_empty() {
        psq(&fmt)
    } else {
        format!("({} -f {})", psq(&fmt), exprs.join(", "))
    }
}

/// Text for `echo` in cmd.exe: the metacharacters escaped, expressions (`%AVMA_RC%`) kept.
fn cmd_echo(ctx: &Ctx, id: &'static str, args: &[(&'static str, Arg<'_>)]) -> String {
    let mut text = cmd_echo_escape(&render_with(ctx, id, args));
    for (i, (_, a)) in args.iter().enumerate() {
        if let Arg::Expr(e) = a {
            text = text.replace(&sentinel(i), e);
        }
    }
    echo_line(text)
}

/// A sentence for `echo` in cmd.exe: its metacharacters escaped, line breaks as spaces.
fn cmd_echo_escape(sentence: &str) -> String {
    let mut text = String::new();
    for c in sentence.chars() {
        match c {
            '^' | '&' | '|' | '<' | '>' | '(' | ')' => {
                text.push('^');
                text.push(c);
            }
            '%' => text.push_str("%%"),
            '\r' | '\n' => text.push(' '),
            _ => text.push(c),
        }
    }
    text
}

fn echo_line(escaped: String) -> String {
    if escaped.is_empty() {
        "echo.".into()
    } else {
        format!("echo {escaped}")
    }
}

fn generated_by(ctx: &Ctx) -> String {
    ctx.msg(&Msg::new("script-generated-by").arg("version", env!("CARGO_PKG_VERSION")))
}

/// The PowerShell 5.1 script: idempotent (checks before each change), -WhatIf aware, CIM
/// rather than slmgr.vbs, DISM with /English, and it refuses to run on another build. It stops
/// at the first failure: DISM's `$LASTEXITCODE` and every CIM method's result are checked, and a
/// failed conversion never restarts the machine.
pub fn powershell(ctx: &Ctx, p: &Plan<'_>) -> String {
    let p = &localized(ctx, p);
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
        "    {}\n#>\n",
        generated_by(ctx).replace("#>", "# >")
    ));
    s.push_str("[CmdletBinding(SupportsShouldProcess = $true)]\nparam()\n\n");
    s.push_str("Set-StrictMode -Version 2.0\n$ErrorActionPreference = 'Stop'\n\n");

    if p.verdict == Verdict::No {
        // Said to whoever runs it, not only written in comments: why it stops.
        for f in &p.findings {
            let line = format!("{} {}: {}", f.rule.code, f.rule.name, ctx.msg(&f.message));
            s.push_str(&comment("#", &line));
            s.push('\n');
            s.push_str(&format!("Write-Warning {}\n", psq(&line)));
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
    s.push_str(&format!("{}\n", comment("#", &ctx.t("ps1-hresult-how"))));
    s.push_str(
        "function Get-LicensingHResult {\n    param([Parameter(Mandatory = $true)] $Exception)\n    if ($Exception.PSObject.Properties['ErrorData'] -and $null -ne $Exception.ErrorData) {\n        $code = $Exception.ErrorData.CimInstanceProperties['error_Code']\n        if ($null -ne $code -and $null -ne $code.Value) {\n            return [uint32]$code.Value\n        }\n    }\n    return [BitConverter]::ToUInt32([BitConverter]::GetBytes([int]$Exception.HResult), 0)\n}\n\n",
    );
    let cim_failed = ps_msg(
        ctx,
        "ps1-cim-failed",
        &[
            ("method", Arg::Expr("$MethodName")),
            ("hr", Arg::Expr("$hr")),
        ],
    );
    s.push_str(&format!(
        "function Invoke-LicensingMethod {{\n    param([Parameter(Mandatory = $true)] $InputObject, [Parameter(Mandatory = $true)] [string]$MethodName, [hashtable]$Arguments = @{{}})\n    $code = $null\n    try {{\n        $result = Invoke-CimMethod -InputObject $InputObject -MethodName $MethodName -Arguments $Arguments -ErrorAction Stop\n        if ($null -ne $result -and $result.PSObject.Properties['ReturnValue'] -and [uint32]$result.ReturnValue -ne 0) {{\n            $code = [uint32]$result.ReturnValue\n        }}\n    }}\n    catch {{\n        $code = Get-LicensingHResult $_.Exception\n    }}\n    if ($null -ne $code) {{\n        $hr = '0x{{0:X8}}' -f $code\n        throw {cim_failed}\n    }}\n}}\n\n"
    ));
    s.push_str(
        "$cv = Get-ItemProperty -Path 'HKLM:\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion'\n",
    );
    s.push_str("$build = [int]$cv.CurrentBuildNumber\n");
    s.push_str(&format!("{}\n", comment("#", &ctx.t("ps1-check-build"))));
    s.push_str(&format!(
        "if ($build -ne $ExpectedBuild) {{\n    throw {}\n}}\n\n",
        ps_msg(
            ctx,
            "ps1-wrong-build",
            &[
                ("version", Arg::Expr("$ExpectedVersion")),
                ("expected", Arg::Expr("$ExpectedBuild")),
                ("build", Arg::Expr("$build")),
            ]
        )
    ));
    s.push_str(&format!(
        "{}\n",
        comment("#", &ctx.msg(&Msg::new("step-check-edition")))
    ));
    s.push_str(&format!(
        "$edition = [string]$cv.EditionID\nWrite-Output {}\n\n",
        ps_msg(
            ctx,
            "ps1-current-edition",
            &[
                ("edition", Arg::Expr("$edition")),
                ("build", Arg::Expr("$build"))
            ]
        )
    ));

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
        let dism_failed = |op: &'static str| {
            ps_msg(
                ctx,
                "ps1-dism-failed",
                &[("op", Arg::Lit(op)), ("code", Arg::Expr("$LASTEXITCODE"))],
            )
        };
        s.push_str("if ($edition -ne $TargetEdition) {\n");
        s.push_str("    $targets = & dism.exe /English /Online /Get-TargetEditions\n");
        s.push_str(&format!(
            "    if ($LASTEXITCODE -ne 0) {{\n        throw {}\n    }}\n",
            dism_failed("/Get-TargetEditions")
        ));
        s.push_str("    if (-not ($targets -match \"Target Edition : $TargetEdition\\s*$\")) {\n");
        s.push_str(&format!(
            "        throw {}\n    }}\n",
            ps_msg(
                ctx,
                "ps1-target-not-listed",
                &[("target", Arg::Expr("$TargetEdition"))]
            )
        ));
        s.push_str("    if ($PSCmdlet.ShouldProcess($env:COMPUTERNAME, \"DISM /Set-Edition:$TargetEdition /ProductKey:$ConversionKey /NoRestart\")) {\n");
        s.push_str("        & dism.exe /English /Online \"/Set-Edition:$TargetEdition\" \"/ProductKey:$ConversionKey\" /AcceptEula /NoRestart\n");
        s.push_str(&format!(
            "        if ($LASTEXITCODE -ne 0 -and $LASTEXITCODE -ne 3010) {{\n            throw {}\n        }}\n",
            dism_failed("/Set-Edition")
        ));
        s.push_str(&format!(
            "        if ($PSCmdlet.ShouldProcess($env:COMPUTERNAME, {})) {{\n",
            psq(&ctx.t("ps1-restart-action"))
        ));
        s.push_str(&format!(
            "            Write-Warning {}\n            Restart-Computer -Force\n        }}\n",
            psq(&ctx.t("ps1-restart-warning"))
        ));
        s.push_str("    }\n");
        s.push_str("    return\n}\n\n");
    } else {
        s.push_str(&format!("{}\n", comment("#", &ctx.t("ps1-no-conversion"))));
        s.push_str(&format!(
            "if ($edition -ne $TargetEdition) {{\n    throw {}\n}}\n\n",
            ps_msg(
                ctx,
                "ps1-wrong-edition",
                &[
                    ("target", Arg::Expr("$TargetEdition")),
                    ("edition", Arg::Expr("$edition"))
                ]
            )
        ));
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
        s.push_str(&format!(
            "if ($installed.Count -gt 0) {{\n    Write-Output {}\n}}\n",
            ps_msg(
                ctx,
                "ps1-key-already-installed",
                &[("last5", Arg::Expr("$last5"))]
            )
        ));
        s.push_str(&format!(
            "elseif ($PSCmdlet.ShouldProcess($env:COMPUTERNAME, {})) {{\n",
            ps_msg(
                ctx,
                "ps1-install-key-action",
                &[("key", Arg::Expr("$AvmaKey"))]
            )
        ));
        s.push_str("    $service = Get-CimInstance -ClassName SoftwareLicensingService\n");
        s.push_str("    Invoke-LicensingMethod -InputObject $service -MethodName InstallProductKey -Arguments @{ ProductKey = $AvmaKey }\n");
        s.push_str(
            "    Invoke-LicensingMethod -InputObject $service -MethodName RefreshLicenseStatus\n}\n\n",
        );

        s.push_str(&format!(
            "{}\n",
            comment("#", &ctx.msg(&Msg::new("step-activate")))
        ));
        s.push_str("$product = Get-WindowsLicense | Where-Object { $_.PartialProductKey -eq $last5 } | Select-Object -First 1\n");
        s.push_str("if ($null -ne $product -and $product.LicenseStatus -ne 1) {\n");
        s.push_str(&format!(
            "    if ($PSCmdlet.ShouldProcess($env:COMPUTERNAME, {})) {{\n",
            psq(&ctx.t("ps1-activate-action"))
        ));
        s.push_str("        Invoke-LicensingMethod -InputObject $product -MethodName Activate\n    }\n}\n\n");

        s.push_str(&format!(
            "{}\n",
            comment("#", &ctx.msg(&Msg::new("step-verify")))
        ));
        s.push_str("$product = Get-WindowsLicense | Where-Object { $_.PartialProductKey -eq $last5 } | Select-Object -First 1\n");
        s.push_str(&format!(
            "if ($null -eq $product) {{\n    if ($WhatIfPreference) {{ return }}\n    throw {}\n}}\n",
            ps_msg(
                ctx,
                "ps1-key-not-installed",
                &[("last5", Arg::Expr("$last5"))]
            )
        ));
        s.push_str("$product | Format-List Name, Description, LicenseStatus, GracePeriodRemaining, AutomaticVMActivationHostMachineName, AutomaticVMActivationLastActivationTime\n");
        s.push_str("if ($product.Description -notlike '*VIRTUAL_MACHINE_ACTIVATION*' -or $product.LicenseStatus -ne 1) {\n");
        s.push_str(&format!(
            "    Write-Warning {}\n    exit 1\n}}\n",
            psq(&ctx.t("ps1-not-avma-yet"))
        ));
        s.push_str(&format!(
            "Write-Output {}\n",
            ps_msg(
                ctx,
                "ps1-activated-by",
                &[(
                    "host",
                    Arg::Expr("$product.AutomaticVMActivationHostMachineName")
                )]
            )
        ));
    }
    s
}

/// The cmd.exe batch file, for admins who run slmgr by hand. It stops at the first failure:
/// the exit code of every DISM and slmgr command is checked (slmgr.vbs returns the HRESULT, a
/// negative number, so the test is "not 0" rather than `if errorlevel 1`), and the restart
/// after a conversion is reached only when DISM succeeded.
///
/// The text is returned as Unicode; the CLI writes it in CP932 for Japanese ([`crate::out::cp932`]).
pub fn batch(ctx: &Ctx, p: &Plan<'_>) -> String {
    let p = &localized(ctx, p);
    let mut s = String::from("@echo off\r\n");
    // `%` is expanded even in a `rem` line (and `%~` there is a fatal error), so it is doubled.
    let rem = |s: &mut String, text: &str| {
        for l in text.lines() {
            let l = l.replace('%', "%%");
            s.push_str(&format!("rem {}\r\n", l.trim_end_matches('^')));
        }
    };
    rem(&mut s, &ctx.msg(&title_msg(p)));
    rem(&mut s, &ctx.msg(&verdict_msg(p)));
    rem(&mut s, &generated_by(ctx));
    if p.verdict == Verdict::No {
        for f in &p.findings {
            rem(
                &mut s,
                &format!("{} {}: {}", f.rule.code, f.rule.name, ctx.msg(&f.message)),
            );
        }
        // Said to whoever runs it: the verdict and why, then the failing exit code.
        s.push_str(&echo_line(cmd_echo_escape(&ctx.msg(&verdict_msg(p)))));
        s.push_str("\r\n");
        for f in &p.findings {
            let line = format!("{} {}: {}", f.rule.code, f.rule.name, ctx.msg(&f.message));
            s.push_str(&echo_line(cmd_echo_escape(&line)));
            s.push_str("\r\n");
        }
        s.push_str("exit /b 1\r\n");
        return s;
    }
    rem(&mut s, &ctx.t("cmd-description"));
    s.push_str("setlocal\r\n\r\n");
    let mut fails: Vec<String> = Vec::new();
    // After a command: keep its exit code and stop unless it is one of `ok`.
    let check = |s: &mut String, fails: &mut Vec<String>, n: usize, title: &str, ok: &[&str]| {
        let label = format!("failed_{}_{}", n, fails.len());
        s.push_str("set AVMA_RC=%errorlevel%\r\n");
        let mut cond = String::from("if not \"%AVMA_RC%\"==\"0\"");
        for o in ok {
            cond.push_str(&format!(" if not \"%AVMA_RC%\"==\"{o}\""));
        }
        s.push_str(&format!("{cond} goto :{label}\r\n"));
        fails.push(format!(
            ":{label}\r\n{}\r\nexit /b 1\r\n",
            cmd_echo(
                ctx,
                "cmd-step-failed",
                &[
                    ("step", Arg::Lit(&n.to_string())),
                    ("title", Arg::Lit(title)),
                    ("code", Arg::Expr("%AVMA_RC%")),
                ],
            )
        ));
    };
    let tmp = "\"%TEMP%\\avma-dism.txt\"";
    for (i, st) in p.steps.iter().enumerate() {
        let n = i + 1;
        let title = ctx.msg(&st.title);
        rem(&mut s, &format!("{n}. [{}] {title}", on_label(ctx, st.on)));
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
            StepKind::CheckEdition => {
                s.push_str(&format!(
                    "DISM /English /Online /Get-CurrentEdition > {tmp}\r\n"
                ));
                check(&mut s, &mut fails, n, &title, &[]);
                s.push_str(&format!("type {tmp}\r\n"));
                if let Some(c) = &p.conversion {
                    s.push_str(&format!(
                        "findstr /R /C:\"Current Edition : {} *$\" {tmp} >nul\r\nif not errorlevel 1 goto :converted\r\n",
                        c.to.id
                    ));
                }
            }
            StepKind::ListTargetEditions => {
                if let Some(c) = &p.conversion {
                    s.push_str(&format!(
                        "DISM /English /Online /Get-TargetEditions > {tmp}\r\n"
                    ));
                    check(&mut s, &mut fails, n, &title, &[]);
                    let label = format!("failed_{}_{}", n, fails.len());
                    s.push_str(&format!(
                        "findstr /R /C:\"Target Edition : {} *$\" {tmp} >nul\r\nif errorlevel 1 goto :{label}\r\n",
                        c.to.id
                    ));
                    fails.push(format!(
                        ":{label}\r\n{}\r\nexit /b 1\r\n",
                        cmd_echo(
                            ctx,
                            "cmd-target-not-listed",
                            &[("target", Arg::Lit(&c.to.id))]
                        )
                    ));
                }
            }
            StepKind::ConvertEdition => {
                if let Some(c) = &p.conversion {
                    s.push_str(&format!(
                        "DISM /English /Online /Set-Edition:{} /ProductKey:{} /AcceptEula /NoRestart\r\n",
                        c.to.id, c.key.key
                    ));
                    // 3010: done, a restart is needed.
                    check(&mut s, &mut fails, n, &title, &["3010"]);
                }
            }
            StepKind::Restart => {
                s.push_str(&format!(
                    "{}\r\nshutdown /r /t 60\r\nexit /b 0\r\n:converted\r\n",
                    cmd_echo(ctx, "cmd-restart-then-rerun", &[])
                ));
            }
            StepKind::InstallAvmaKey => {
                if let Some(k) = p.avma_key {
                    s.push_str(&format!(
                        "cscript //nologo %SystemRoot%\\System32\\slmgr.vbs /dli | findstr /C:\"{}\" >nul\r\nif not errorlevel 1 goto :installed_{n}\r\n",
                        k.last5()
                    ));
                    for c in &st.cmd {
                        s.push_str(&format!("{c}\r\n"));
                        check(&mut s, &mut fails, n, &title, &[]);
                    }
                    s.push_str(&format!(":installed_{n}\r\n"));
                }
            }
            StepKind::Verify => {
                for c in &st.cmd {
                    s.push_str(&format!("{c}\r\n"));
                    check(&mut s, &mut fails, n, &title, &[]);
                }
                s.push_str(
                    "cscript //nologo %SystemRoot%\\System32\\slmgr.vbs /dli | findstr /C:\"VIRTUAL_MACHINE_ACTIVATION\" >nul\r\n",
                );
                let label = format!("failed_{}_{}", n, fails.len());
                s.push_str(&format!("if errorlevel 1 goto :{label}\r\n"));
                fails.push(format!(
                    ":{label}\r\n{}\r\nexit /b 1\r\n",
                    cmd_echo(ctx, "cmd-not-avma-yet", &[])
                ));
            }
            _ => {
                for c in &st.cmd {
                    s.push_str(&format!("{c}\r\n"));
                    check(&mut s, &mut fails, n, &title, &[]);
                }
            }
        }
        s.push_str("\r\n");
    }
    s.push_str(&format!(
        "{}\r\nexit /b 0\r\n",
        cmd_echo(ctx, "cmd-done", &[])
    ));
    for f in fails {
        s.push_str("\r\n");
        s.push_str(&f);
    }
    s
}
