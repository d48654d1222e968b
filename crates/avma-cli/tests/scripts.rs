//! The plan scripts stop at the first failure (issue #8, item 6): every DISM and slmgr step of
//! the .cmd checks its exit code, a failed conversion never reaches the restart, DISM gets
//! /NoRestart with an explicit restart step; the .ps1 checks DISM's $LASTEXITCODE and the result
//! of every CIM method and reads the HRESULT the way CIM reports it. Japanese .cmd files are
//! CP932 without a BOM.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use avma_cli::cmd::plan::{batch, powershell};
use avma_cli::out::{cp932, Ctx};
use avma_core::catalog::Catalog;
use avma_core::plan::{plan, Plan, PlanRequest};
use avma_core::spec::{parse_edition_words, parse_machine};
use avma_core::text::Lang;

fn plans(cat: &'static Catalog) -> Vec<Plan<'static>> {
    let mut out = Vec::new();
    for g in [
        "2019 Standard",
        "2019 Standard Evaluation",
        "2022 std eval core",
        "2022 Datacenter Evaluation",
        "2016 Datacenter",
        "2025 Standard Evaluation",
    ] {
        for w in [None, Some("Datacenter")] {
            for act in [Some(true), None] {
                let req = PlanRequest {
                    guest: parse_machine(g, cat).unwrap(),
                    want: w.map(|w| parse_edition_words(w, cat).unwrap()),
                    host: parse_machine("2025 Datacenter", cat).unwrap(),
                    host_activated: act,
                    domain_controller: false,
                };
                if let Ok(p) = plan(&req, cat) {
                    out.push(p);
                }
            }
        }
    }
    assert!(out.len() >= 12);
    out
}

fn runs_tool(line: &str) -> bool {
    let l = line.trim_start();
    (l.starts_with("DISM ") || l.starts_with("cscript ")) && !l.contains('|')
}

#[test]
fn every_cmd_step_checks_its_exit_code_and_a_failed_conversion_never_restarts() {
    let cat = Catalog::builtin();
    let mut conversions = 0;
    for lang in [Lang::En, Lang::Ja] {
        let ctx = Ctx::new(lang, false);
        for p in plans(cat) {
            let s = batch(&ctx, &p);
            let lines: Vec<&str> = s.split("\r\n").collect();
            for (i, l) in lines.iter().enumerate() {
                if runs_tool(l) {
                    assert_eq!(lines[i + 1], "set AVMA_RC=%errorlevel%", "{l}\n{s}");
                    // slmgr returns negative HRESULTs: `if errorlevel 1` would miss them.
                    assert!(
                        lines[i + 2].starts_with("if not \"%AVMA_RC%\"==\"0\""),
                        "{}",
                        lines[i + 2]
                    );
                    assert!(lines[i + 2].contains(" goto :failed_"));
                }
                assert!(!l.contains("if errorlevel 1 cscript"), "{l}");
            }
            if let Some(set) = lines.iter().position(|l| l.contains("/Set-Edition:")) {
                conversions += 1;
                assert!(lines[set].contains("/NoRestart"), "{}", lines[set]);
                let shutdown = lines
                    .iter()
                    .position(|l| l.starts_with("shutdown "))
                    .expect("an explicit restart step");
                assert!(shutdown > set + 2, "restart before the check:\n{s}");
                // The only way from the conversion to the restart is through the check.
                assert!(lines[set + 2].contains("3010"), "{}", lines[set + 2]);
                // And every failure label ends the script before anything else runs.
                for (i, l) in lines.iter().enumerate() {
                    if l.starts_with(":failed_") {
                        assert!(lines[i + 1].starts_with("echo "), "{}", lines[i + 1]);
                        assert_eq!(lines[i + 2], "exit /b 1");
                    }
                }
            }
            assert!(!s.starts_with('\u{feff}'));
        }
    }
    assert!(conversions > 0);
}

#[test]
fn echo_text_cannot_break_the_batch_file() {
    // Parentheses in the messages are escaped, so a message is never a block.
    let cat = Catalog::builtin();
    for lang in [Lang::En, Lang::Ja] {
        let ctx = Ctx::new(lang, false);
        for p in plans(cat) {
            for l in batch(&ctx, &p).split("\r\n") {
                if let Some(text) = l.strip_prefix("echo ") {
                    let bare: String = text.replace("^(", "").replace("^)", "");
                    assert!(!bare.contains('(') && !bare.contains(')'), "{l}");
                    assert!(!bare.contains('&') || bare.contains("^&"), "{l}");
                }
            }
        }
    }
}

#[test]
fn every_ps1_dism_and_cim_call_is_checked() {
    let cat = Catalog::builtin();
    for lang in [Lang::En, Lang::Ja] {
        let ctx = Ctx::new(lang, false);
        for p in plans(cat) {
            let s = powershell(&ctx, &p);
            let lines: Vec<&str> = s.lines().collect();
            for (i, l) in lines.iter().enumerate() {
                if l.contains("& dism.exe") {
                    assert!(
                        lines[i + 1].contains("$LASTEXITCODE -ne 0"),
                        "{l} / {}",
                        lines[i + 1]
                    );
                }
                if l.contains("Invoke-CimMethod") {
                    // Only inside the one helper that checks ReturnValue and the CIM error.
                    assert!(l.contains("-ErrorAction Stop"), "{l}");
                    assert!(lines[i + 1].contains("ReturnValue"), "{l}");
                }
            }
            // The licensing HRESULT comes from CIM's error_Code, not the .NET exception's HResult.
            if s.contains("Invoke-LicensingMethod") {
                assert!(s.contains("CimInstanceProperties['error_Code']"));
            }
            assert!(!s.contains("'{0:X8}' -f $_.Exception.HResult"));
            assert!(!s.contains("Write-Warning \"Activation failed"));
            if s.contains("/Set-Edition") {
                let set = s.find("\"/Set-Edition:").unwrap();
                let restart = s.find("Restart-Computer -Force").unwrap();
                let check = s[set..].find("-ne 3010").unwrap() + set;
                assert!(check < restart);
            }
        }
    }
}

#[test]
fn japanese_batch_files_are_cp932_without_a_bom() {
    let cat = Catalog::builtin();
    let ctx = Ctx::new(Lang::Ja, false);
    let p = &plans(cat)[2];
    let text = batch(&ctx, p);
    assert!(!text.is_ascii());
    let bytes = cp932(&text);
    assert!(!bytes.starts_with(b"\xEF\xBB\xBF"));
    assert!(bytes.starts_with(b"@echo off\r\n"));
    let (back, _, bad) = encoding_rs::SHIFT_JIS.decode(&bytes);
    assert!(!bad);
    assert_eq!(back, text);
    // Not UTF-8 any more: cmd.exe on code page 932 reads it as written.
    assert!(std::str::from_utf8(&bytes).is_err());
    // A character CP932 cannot hold becomes '?', never an HTML entity.
    assert_eq!(cp932("a\u{1F600}b"), b"a?b");
}

#[test]
fn powershell_prompt_commands_are_not_wrapped_in_powershell_command() {
    // What the text plan shows for a PowerShell step is typed at a PowerShell prompt.
    let bin = env!("CARGO_BIN_EXE_avma");
    for lang in ["en", "ja"] {
        let o = std::process::Command::new(bin)
            .args([
                "--lang",
                lang,
                "--color",
                "never",
                "plan",
                "--guest",
                "2019 std eval",
                "--host",
                "2022 DC",
            ])
            .output()
            .unwrap();
        let out = String::from_utf8(o.stdout).unwrap();
        assert!(out.contains("PS> Get-VMIntegrationService"), "{out}");
        assert!(!out.contains("powershell -NoProfile -Command"), "{out}");
    }
}

#[test]
fn a_refused_plan_tells_whoever_runs_it_why() {
    let cat = Catalog::builtin();
    let req = PlanRequest {
        guest: parse_machine("2022 Standard", cat).unwrap(),
        want: None,
        host: parse_machine("2019 Datacenter", cat).unwrap(),
        host_activated: Some(true),
        domain_controller: false,
    };
    let p = plan(&req, cat).unwrap();
    for lang in [Lang::En, Lang::Ja] {
        let ctx = Ctx::new(lang, false);
        let cmd = batch(&ctx, &p);
        let echoed: Vec<&str> = cmd.lines().filter(|l| l.starts_with("echo ")).collect();
        assert!(
            echoed.iter().any(|l| l.contains("AV103")),
            "the .cmd must echo the finding, not only a rem line:\n{cmd}"
        );
        assert_eq!(cmd.lines().last(), Some("exit /b 1"), "{cmd}");
        let ps1 = powershell(&ctx, &p);
        assert!(
            ps1.lines()
                .any(|l| l.starts_with("Write-Warning '") && l.contains("AV103")),
            "the .ps1 must say the finding:\n{ps1}"
        );
    }
}
