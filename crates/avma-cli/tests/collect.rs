//! `avma collect` writes a script whose exports avma can read back: every JSON file it saves is
//! built from property names the PowerShell reader recognises, and it changes nothing.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use avma_cli::cmd::collect::script;
use avma_cli::out::Ctx;
use avma_core::catalog::Catalog;
use avma_core::text::Lang;
use serde_json::{json, Map, Value};

/// The properties a `Save-Json 'name' { ... }` line selects: `-Property a, b` or
/// `Select-Object a, @{ n = 'b'; ... }`.
fn selected(line: &str) -> Vec<String> {
    let (_, tail) = line
        .rsplit_once("Select-Object ")
        .or_else(|| line.rsplit_once("-Property "))
        .expect("a property list");
    let mut out = Vec::new();
    let mut depth = 0i32;
    let mut item = String::new();
    for c in tail.chars() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            _ => {}
        }
        if (c == ',' && depth == 0) || depth < 0 {
            out.push(item.trim().to_string());
            item.clear();
            if depth < 0 {
                break;
            }
        } else {
            item.push(c);
        }
    }
    if !item.trim().is_empty() {
        out.push(item.trim().to_string());
    }
    out.iter()
        .map(|p| match p.split_once("n = '") {
            Some((_, rest)) => rest.split('\'').next().unwrap().to_string(),
            None => p.clone(),
        })
        .collect()
}

/// What ConvertTo-Json would write for a property of that name (types as PowerShell 5.1 gives).
fn sample(prop: &str) -> Value {
    match prop {
        "LicenseStatus"
        | "LicenseStatusReason"
        | "GracePeriodRemaining"
        | "Generation"
        | "NodeWeight"
        | "DynamicWeight"
        | "OsProductType"
        | "CsDomainRole"
        | "OsBuildNumber" => {
            json!(3)
        }
        "EvaluationEndDate" | "AutomaticVMActivationLastActivationTime" => {
            json!("/Date(-11644473600000)/")
        }
        "Enabled" => json!(true),
        "OwnerNodes" => json!(["HV-NODE1", "HV-NODE2"]),
        "Id" => json!(
            "Microsoft:1B5D1A2C-0000-0000-0000-000000000000\\2A34B1C2-C0A9-4D02-BD5E-1C6F8E1E0C6A"
        ),
        "Description" => json!("Windows(R) Operating System, VIRTUAL_MACHINE_ACTIVATION channel"),
        "Name" => json!("Windows(R), ServerStandard edition"),
        "WindowsEditionId" | "LicenseFamily" => json!("ServerStandard"),
        "PartialProductKey" => json!("WMBMW"),
        _ => json!("X"),
    }
}

#[test]
fn every_json_export_is_one_avma_reads() {
    let cat = Catalog::builtin();
    let s = script(&Ctx::new(Lang::En, false));
    let mut files = Vec::new();
    for line in s
        .lines()
        .filter(|l| l.trim_start().starts_with("Save-Json '"))
    {
        let name = line.split('\'').nth(1).unwrap().to_string();
        let props = selected(line);
        assert!(props.len() >= 2, "{name}: {props:?}");
        let obj: Map<String, Value> = props.iter().map(|p| (p.clone(), sample(p))).collect();
        let text = serde_json::to_string_pretty(&json!([obj])).unwrap();
        let r = avma_evidence::powershell::read_json(&name, &text, cat);
        assert!(r.warnings.is_empty(), "{name}: {:?}\n{text}", r.warnings);
        assert!(
            !r.observations.is_empty(),
            "{name}: nothing understood\n{text}"
        );
        files.push(name);
    }
    for f in [
        "computerinfo.json",
        "slp.json",
        "services.json",
        "vms.json",
        "integration-services.json",
        "cluster-nodes.json",
        "cluster-groups.json",
        "possible-owners.json",
        "preferred-owners.json",
    ] {
        assert!(files.iter().any(|n| n == f), "{f} not collected: {files:?}");
    }
}

#[test]
fn the_script_only_reads() {
    for lang in [Lang::En, Lang::Ja] {
        let s = script(&Ctx::new(lang, false));
        for line in s.lines().filter(|l| !l.trim_start().starts_with('#')) {
            // Set-StrictMode changes how this script runs, not the machine.
            let line = line.replace("Set-StrictMode", "");
            for verb in [
                "Set-",
                "Install",
                "Remove-",
                "Stop-",
                "Restart-",
                "Enable-",
                "Disable-",
                "Move-",
                "/ipk",
                "/ato",
                "/Set-Edition",
                "Invoke-",
            ] {
                assert!(!line.contains(verb), "{verb} in {line}");
            }
        }
        // Every event the catalog knows is asked for, in its own log.
        for e in &Catalog::builtin().events {
            assert!(
                s.lines().any(|l| l.contains(&format!("-Log '{}'", e.log))
                    && (l.contains(&format!("EventID={} ", e.id))
                        || l.contains(&format!("EventID={})", e.id)))),
                "event {} of {}",
                e.id,
                e.log
            );
        }
    }
}

#[test]
fn the_command_prints_it() {
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_avma"))
        .args(["collect", "--lang", "ja"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0));
    let text = String::from_utf8(o.stdout).unwrap();
    assert!(text.starts_with("#Requires -Version 5.1"));
    assert!(text.contains("読み取り専用"));
}
