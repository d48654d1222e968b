//! `avma collect` writes a script whose exports avma can read back: every JSON file it saves is
//! built from property names the PowerShell reader recognises, every command it runs is on an
//! allow-list of commands that only read, and its manifest matches docs/manifest.schema.json.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use avma_cli::cli::Scope;
use avma_cli::cmd::collect::{script_for, KVP_GUEST_VALUES, KVP_ITEMS};
use avma_cli::out::Ctx;
use avma_core::catalog::Catalog;
use avma_core::text::Lang;
use avma_evidence::observe::Fact;
use serde_json::{json, Map, Value};

const SCOPES: [Scope; 3] = [Scope::Node, Scope::Cluster, Scope::Guest];

fn scripts() -> Vec<(Lang, Scope, String)> {
    let mut out = Vec::new();
    for lang in [Lang::En, Lang::Ja] {
        for scope in SCOPES {
            out.push((lang, scope, script_for(&Ctx::new(lang, false), scope, 30)));
        }
    }
    out
}

/// The properties a `Select-Object a, @{ n = 'b'; ... }` or `-Property a, b` list names.
fn selected(text: &str) -> Vec<String> {
    let (_, tail) = text
        .rsplit_once("Select-Object ")
        .or_else(|| text.rsplit_once("-Property "))
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
        let end = c == ')' || c == '|' || c == '\n';
        if (c == ',' && depth == 0) || depth < 0 || (end && depth == 0) {
            out.push(item.trim().to_string());
            item.clear();
            if depth < 0 || end {
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
        .filter(|p| !p.is_empty())
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
        | "OsBuildNumber"
        | "UBR"
        | "RemainingWindowsReArmCount"
        | "VLActivationInterval"
        | "VLRenewalInterval" => json!(3),
        "CurrentBuildNumber" | "OSBuildNumber" => json!("17763"),
        "OSVersion" => json!("10.0.17763"),
        "OSEditionId" => json!("7"),
        "ProductType" => json!("3"),
        "OSName" => json!("Windows Server 2019 Standard"),
        "EvaluationEndDate" | "AutomaticVMActivationLastActivationTime" => {
            json!("/Date(-11644473600000)/")
        }
        "Enabled" => json!(true),
        "OwnerNodes" => json!(["HV-NODE1", "HV-NODE2"]),
        "Id" => json!(
            "Microsoft:1B5D1A2C-0000-0000-0000-000000000000\\2A34B1C2-C0A9-4D02-BD5E-1C6F8E1E0C6A"
        ),
        "VMId" | "VirtualMachineId" => json!("1b5d1a2c-0000-0000-0000-000000000000"),
        "Description" => json!("Windows(R) Operating System, VIRTUAL_MACHINE_ACTIVATION channel"),
        "Name" => json!("Windows(R), ServerStandard edition"),
        "WindowsEditionId" | "LicenseFamily" | "EditionID" => json!("ServerStandard"),
        "PartialProductKey" => json!("WMBMW"),
        _ => json!("X"),
    }
}

/// Each step that saves a JSON file: its file name and the text of its body.
fn json_steps(s: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for (i, _) in s.match_indices("Measure-AvmaStep -Name ") {
        let rest = &s[i..];
        let Some(f) = rest.lines().next().unwrap().split("-File '").nth(1) else {
            continue;
        };
        let name = f.split('\'').next().unwrap().to_string();
        if !name.ends_with(".json") {
            continue;
        }
        let body_end = rest[1..]
            .find("Measure-AvmaStep -Name ")
            .map_or(rest.len(), |e| e + 1);
        out.push((name, rest[..body_end].to_string()));
    }
    out
}

#[test]
fn every_json_export_is_one_avma_reads() {
    let cat = Catalog::builtin();
    let s = script_for(&Ctx::new(Lang::En, false), Scope::Cluster, 30);
    let mut files = Vec::new();
    for (name, body) in json_steps(&s) {
        let props: Vec<String> = if name == "kvp-guests.json" {
            ["VMName", "VMId", "KvpSource"]
                .iter()
                .map(|p| p.to_string())
                .chain(KVP_ITEMS.iter().map(|p| p.to_string()))
                .collect()
        } else {
            selected(&body)
        };
        assert!(props.len() >= 2, "{name}: {props:?}");
        let obj: Map<String, Value> = props.iter().map(|p| (p.clone(), sample(p))).collect();
        let text = serde_json::to_string_pretty(&json!([obj])).unwrap();
        let r = avma_evidence::powershell::read_json(&name, &text, cat);
        assert!(
            !r.has_problems(),
            "{name}: {:?}\n{text} {:?}",
            r.warnings,
            r.problems
        );
        assert!(
            !r.observations.is_empty(),
            "{name}: nothing understood\n{text}"
        );
        if name == "kvp-guests.json" {
            let os = r
                .observations
                .iter()
                .find_map(|o| match &o.fact {
                    Fact::KvpIntrinsic(g) => Some(g),
                    _ => None,
                })
                .expect("the guest's OS");
            assert_eq!(os.edition.as_deref(), Some("ServerStandard"));
            assert_eq!(os.os_build, Some(17763));
            // The guest's ProductType is not the host's domain role.
            assert!(!r
                .observations
                .iter()
                .any(|o| matches!(o.fact, Fact::DomainController { .. })));
        }
        files.push(name);
    }
    for f in [
        "registry.json",
        "computerinfo.json",
        "slp.json",
        "sls.json",
        "services.json",
        "kvp-parameters.json",
        "vms.json",
        "integration-services.json",
        "kvp-guests.json",
        "cluster-nodes.json",
        "cluster-groups.json",
        "possible-owners.json",
        "preferred-owners.json",
    ] {
        assert!(files.iter().any(|n| n == f), "{f} not collected: {files:?}");
    }
    // The guest's KVP registry values and the host's intrinsic items are the ones named.
    for v in KVP_GUEST_VALUES {
        assert!(s.contains(v), "{v}");
    }
}

/// Every command name in a script, from the PowerShell grammar (not from text matching).
fn commands(src: &str) -> Vec<(String, String)> {
    let mut parser = tree_sitter::Parser::new();
    parser
        .set_language(&tree_sitter_powershell::LANGUAGE.into())
        .unwrap();
    let tree = parser.parse(src, None).unwrap();
    let mut out = Vec::new();
    let mut stack = vec![tree.root_node()];
    while let Some(n) = stack.pop() {
        if n.kind() == "command_name" {
            let name = n.utf8_text(src.as_bytes()).unwrap().to_string();
            let line = src.lines().nth(n.start_position().row).unwrap_or("");
            out.push((name, line.to_string()));
        }
        let mut c = n.walk();
        for ch in n.children(&mut c) {
            stack.push(ch);
        }
    }
    out
}

/// Commands the collector may run: they read, format, or write into the bundle only.
fn allowed(name: &str, line: &str) -> Result<(), String> {
    let lower = name.to_ascii_lowercase();
    let own = [
        "measure-avmastep",
        "measure-avmarun",
        "export-avmaevents",
        "export-avmamachine",
        "test-avmaunderwindows",
    ];
    let plain = [
        "select-object",
        "where-object",
        "foreach-object",
        "convertto-json",
        "out-string",
        "out-null",
        "join-path",
        "new-object",
        "write-host",
        "write-output",
        "write-warning",
        "set-strictmode",
    ];
    if own.contains(&lower.as_str()) || plain.contains(&lower.as_str()) {
        if lower == "new-object" && !line.contains("New-Object System.Collections.ArrayList") {
            return Err("New-Object of something else than a list".into());
        }
        return Ok(());
    }
    if lower.starts_with("get-") {
        return Ok(());
    }
    match lower.as_str() {
        "out-file" => {
            if line.contains("-FilePath (Join-Path -Path $dir ")
                || line.contains("-FilePath (Join-Path -Path $bundle ")
            {
                Ok(())
            } else {
                Err("Out-File outside the bundle".into())
            }
        }
        "new-item" => {
            if line.contains("New-Item -ItemType Directory -Force -Path $bundle")
                || line.contains("New-Item -ItemType Directory -Force -Path $dir")
            {
                Ok(())
            } else {
                Err("New-Item other than the bundle's folders".into())
            }
        }
        "compress-archive" => {
            if line.contains("-DestinationPath $zip") {
                Ok(())
            } else {
                Err("Compress-Archive to somewhere else".into())
            }
        }
        "invoke-command" => {
            if line.contains("Invoke-Command -ComputerName $node")
                || line.contains("Invoke-Command -VMName $vm.VMName")
            {
                Ok(())
            } else {
                Err("Invoke-Command other than remoting to a node or a guest".into())
            }
        }
        "dism.exe" => {
            let ok = line.contains("dism.exe /English /Online /Get-CurrentEdition")
                || line.contains("dism.exe /English /Online /Get-TargetEditions");
            if ok {
                Ok(())
            } else {
                Err("dism.exe with other options".into())
            }
        }
        _ => Err("not on the allow-list".into()),
    }
}

#[test]
fn the_allow_list_can_fail() {
    for (cmd, line) in [
        (
            "Set-VMIntegrationService",
            "Set-VMIntegrationService -Name x",
        ),
        ("Enable-VMIntegrationService", "Enable-VMIntegrationService"),
        ("Remove-Item", "Remove-Item $bundle"),
        ("Install-WindowsFeature", "Install-WindowsFeature x"),
        ("Out-File", "Out-File -FilePath C:\\Windows\\x"),
        (
            "Invoke-Command",
            "Invoke-Command -ScriptBlock { slmgr /ipk }",
        ),
        ("dism.exe", "dism.exe /Online /Set-Edition:ServerDatacenter"),
        ("New-Object", "New-Object -ComObject WScript.Shell"),
        ("cscript.exe", "cscript.exe slmgr.vbs /ato"),
    ] {
        assert!(allowed(cmd, line).is_err(), "{line}");
    }
    let found = commands("Set-Item -Path x -Value 1\nGet-VM | Stop-VM\n");
    let names: Vec<&str> = found.iter().map(|(n, _)| n.as_str()).collect();
    assert!(
        names.contains(&"Set-Item") && names.contains(&"Stop-VM"),
        "{names:?}"
    );
}

#[test]
fn the_script_only_reads() {
    for (lang, scope, s) in scripts() {
        let cmds = commands(&s);
        assert!(cmds.len() > 50, "{lang:?} {scope:?}: {}", cmds.len());
        for (name, line) in &cmds {
            if let Err(why) = allowed(name, line) {
                panic!("{lang:?} {scope:?}: {name}: {why}\n{line}");
            }
        }
        // .NET calls: only these, none that writes or deletes.
        let statics = [
            "[System.Diagnostics.Stopwatch]::StartNew",
            "[System.IO.Path]::GetFullPath",
            "[System.Management.Automation.PSSerializer]::Serialize",
            "[System.Management.Automation.PSSerializer]::Deserialize",
            "[scriptblock]::Create",
            "[System.Globalization.CultureInfo]::InvariantCulture",
            "[System.StringComparison]::OrdinalIgnoreCase",
        ];
        for (i, _) in s.match_indices("]::") {
            let start = s[..i].rfind('[').unwrap();
            let end = s[i + 3..]
                .find(|c: char| !c.is_ascii_alphanumeric())
                .map_or(s.len(), |e| i + 3 + e);
            let call = &s[start..end];
            assert!(statics.contains(&call), "{call}");
        }
        let methods = [
            "Add",
            "ToXml",
            "Stop",
            "ToString",
            "AddDays",
            "TrimEnd",
            "StartsWith",
            "ToUniversalTime",
            "ToUpperInvariant",
            "Trim",
        ];
        for (i, _) in s.match_indices('.') {
            let rest = &s[i + 1..];
            let name: String = rest.chars().take_while(char::is_ascii_alphabetic).collect();
            if !name.is_empty()
                && rest[name.len()..].starts_with('(')
                && s[..i].ends_with(|c: char| c.is_ascii_alphanumeric() || c == ')' || c == ']')
            {
                assert!(methods.contains(&name.as_str()), "method {name}");
            }
        }
        for word in ["slmgr", "/ipk", "/ato", "Set-Edition", "-WhatIf:$false"] {
            let code: Vec<&str> = s
                .lines()
                .filter(|l| !l.trim_start().starts_with('#'))
                .filter(|l| l.contains(word))
                .collect();
            assert!(code.is_empty(), "{word}: {code:?}");
        }
    }
}

#[test]
fn every_catalog_event_is_asked_for_in_its_log() {
    let cat = Catalog::builtin();
    let (_, _, s) = &scripts()[0];
    for e in &cat.events {
        assert!(
            s.lines().any(|l| l.contains("Export-AvmaEvents")
                && l.contains(&format!("'{}'", e.log))
                && l.split("-Ids @(")
                    .nth(1)
                    .and_then(|t| t.split(')').next())
                    .is_some_and(|ids| ids.split(", ").any(|i| i == e.id.to_string()))),
            "event {} of {}",
            e.id,
            e.log
        );
    }
    // The Hyper-V integration log is looked up under both of its names, in the machine's list.
    assert!(s.contains("'Microsoft-Windows-Hyper-V-Integration/Admin', 'Microsoft-Windows-Hyper-V-Integration-Admin'"));
    assert!(s.contains("Get-WinEvent -ListLog *"));
    assert!(s.contains("Status = 'missing'"));
    // Failover and migration events, for moves.
    assert!(s.contains("Microsoft-Windows-FailoverClustering/Operational"));
    assert!(s.contains("Microsoft-Windows-Hyper-V-VMMS-Admin"));
}

#[test]
fn the_cluster_scope_reaches_every_node_and_enters_guests_only_when_asked() {
    let s = script_for(&Ctx::new(Lang::En, false), Scope::Cluster, 30);
    assert!(s.contains("[string]$Scope = 'cluster'"));
    assert!(s.contains("Get-ClusterNode"));
    assert!(s.contains("-Credential $Credential"));
    assert!(s.contains("if ($GuestCredential) {"));
    assert!(s.contains("Invoke-Command -VMName $vm.VMName -Credential $GuestCredential"));
    assert!(s.contains("guests_to_collect"));
    assert!(s.contains("Msvm_KvpExchangeComponent"));
    assert!(s.contains("GuestIntrinsicExchangeItems"));
    // Never written under Windows; the zip's path printed at the end.
    assert!(s.contains("$env:SystemRoot"));
    assert!(s.contains("$env:USERPROFILE"));
    assert!(s.trim_end().ends_with('}'));
    assert!(s.contains("Write-Output ($MsgDone -f $zip)"));
    let node = script_for(&Ctx::new(Lang::En, false), Scope::Guest, 7);
    assert!(node.contains("[string]$Scope = 'guest'"));
    assert!(node.contains("[int]$Days = 7"));
}

#[test]
fn runtime_messages_and_help_are_translated() {
    let ja = script_for(&Ctx::new(Lang::Ja, false), Scope::Cluster, 30);
    assert!(ja.contains("を収集しています"), "runtime message");
    assert!(ja.contains("読み取り専用"));
    assert!(ja.contains("Unblock-File"));
    assert!(ja.contains("powershell -ExecutionPolicy Bypass -File"));
    let en = script_for(&Ctx::new(Lang::En, false), Scope::Cluster, 30);
    assert!(en.contains("it changes nothing"));
    assert!(!en.contains("を収集"));
    // Format strings keep their placeholders in both languages.
    for s in [&ja, &en] {
        let line = s
            .lines()
            .find(|l| l.starts_with("$MsgStepFailed = "))
            .unwrap();
        for p in ["{0}", "{1}", "{2}"] {
            assert!(line.contains(p), "{line}");
        }
    }
}

/// The keys the script writes into the manifest and each step record.
fn manifest_keys(s: &str) -> (Vec<String>, Vec<String>, Vec<String>) {
    let block = s.split("$manifest = [ordered]@{").nth(1).unwrap();
    let block = block.split("\n}").next().unwrap();
    let top = block
        .lines()
        .filter_map(|l| l.trim().split_once(" = ").map(|(k, _)| k.to_string()))
        .collect();
    let step_line = s
        .lines()
        .find(|l| l.contains("[void]$runSteps.Add([pscustomobject]@{"))
        .unwrap();
    let keys = |line: &str| -> Vec<String> {
        line.split("@{")
            .nth(1)
            .unwrap()
            .split("; ")
            .filter_map(|kv| kv.trim().split_once(" = ").map(|(k, _)| k.to_string()))
            .collect()
    };
    let machine_line = s
        .lines()
        .find(|l| l.contains("[void]$machines.Add([pscustomobject]@{") && l.contains("vm_id"))
        .unwrap();
    (top, keys(step_line), keys(machine_line))
}

#[test]
fn the_manifest_matches_its_schema() {
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../docs/manifest.schema.json"
        ))
        .unwrap(),
    )
    .unwrap();
    let s = script_for(&Ctx::new(Lang::En, false), Scope::Cluster, 30);
    let (top, step, machine) = manifest_keys(&s);
    let props = |v: &Value| -> Vec<String> {
        v["properties"]
            .as_object()
            .unwrap()
            .keys()
            .cloned()
            .collect()
    };
    let schema_top = props(&schema);
    for k in &top {
        assert!(schema_top.contains(k), "manifest key {k} not in the schema");
    }
    for k in schema["required"].as_array().unwrap() {
        assert!(top.contains(&k.as_str().unwrap().to_string()), "{k}");
    }
    let schema_step = props(&schema["$defs"]["step"]);
    for k in &step {
        assert!(schema_step.contains(k), "step key {k} not in the schema");
    }
    let schema_machine = props(&schema["$defs"]["machine"]);
    for k in &machine {
        assert!(
            schema_machine.contains(k),
            "machine key {k} not in the schema"
        );
    }
    assert!(s.contains(&format!("schema = '{}'", avma_cli::bundle::MANIFEST_SCHEMA)));
    assert_eq!(
        schema["properties"]["schema"]["const"],
        avma_cli::bundle::MANIFEST_SCHEMA
    );
}

#[test]
fn the_command_prints_it() {
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_avma"))
        .args(["collect", "--lang", "ja", "--scope", "cluster"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0));
    let text = String::from_utf8(o.stdout).unwrap();
    assert!(text.starts_with("#Requires -Version 5.1"));
    assert!(text.contains("読み取り専用"));
    assert!(text.contains("[string]$Scope = 'cluster'"));
    let help = std::process::Command::new(env!("CARGO_BIN_EXE_avma"))
        .args(["collect", "--help"])
        .output()
        .unwrap();
    let help = String::from_utf8(help.stdout).unwrap();
    for want in [
        "powershell -ExecutionPolicy Bypass -File",
        "Unblock-File",
        "It changes nothing",
        "--scope",
        "Usage: avma collect",
    ] {
        assert!(help.contains(want), "{want} not in\n{help}");
    }
}
