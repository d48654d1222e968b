//! `avma collect`: the read-only PowerShell 5.1 script that gathers everything avma reads, on one
//! machine (`--scope node` or `guest`) or on a whole failover cluster from one node
//! (`--scope cluster`: every node over PowerShell remoting, each guest's OS as the host sees it
//! through the KVP intrinsic exchange items, the guests themselves only with `-GuestCredential`).
//!
//! The script writes one folder per machine and a `manifest.json` (docs/manifest.schema.json)
//! under the user's profile (never under Windows), zips them with Compress-Archive and prints the
//! zip's path: the bundle `avma evidence`, `diagnose`, `audit`, `inventory` and `ledger` read.
//! Every step runs inside `Measure-AvmaStep`: a failure is recorded in the manifest (command,
//! status, duration, error) and the script goes on. Nothing in it sets, enables, installs or
//! removes anything (tests/collect.rs enforces an allow-list of commands).

use std::collections::BTreeMap;

use avma_core::catalog::{Catalog, Confidence};
use avma_core::text::Msg;

use super::plan::{self, psq};
use super::EXIT_OK;
use crate::cli::{CollectArgs, Scope};
use crate::out::Ctx;

/// The collector's own version, written into every manifest. Bump it when the script changes
/// what it collects or how.
pub const COLLECTOR_VERSION: &str = "avma-collect/2";

/// The Windows application ID of SoftwareLicensingProduct rows (the OS, not Office).
const WINDOWS_APP_ID: &str = "55c92734-d682-4d71-983e-d6ec3f16059f";

/// SoftwareLicensingProduct properties the readers use (the AVMA block included). The key
/// itself is never read: only `PartialProductKey`, its last five characters.
const SLP_PROPERTIES: &[&str] = &[
    "Name",
    "Description",
    "ID",
    "ApplicationID",
    "PartialProductKey",
    "ProductKeyChannel",
    "LicenseFamily",
    "LicenseStatus",
    "LicenseStatusReason",
    "GracePeriodRemaining",
    "EvaluationEndDate",
    "IAID",
    "AutomaticVMActivationHostMachineName",
    "AutomaticVMActivationLastActivationTime",
    "AutomaticVMActivationHostDigitalPid2",
    "PSComputerName",
];

/// SoftwareLicensingService properties (the machine's licensing service; no keys).
const SLS_PROPERTIES: &[&str] = &[
    "Version",
    "KeyManagementServiceMachine",
    "ClientMachineId",
    "RemainingWindowsReArmCount",
    "VLActivationInterval",
    "VLRenewalInterval",
    "PSComputerName",
];

/// The KVP intrinsic exchange items a host reports for each guest
/// (`Msvm_KvpExchangeComponent.GuestIntrinsicExchangeItems`), written under these names.
pub const KVP_ITEMS: &[&str] = &[
    "OSName",
    "OSVersion",
    "OSBuildNumber",
    "OSEditionId",
    "ProductType",
    "FullyQualifiedDomainName",
];

/// The guest's own KVP registry values (`HKLM\SOFTWARE\Microsoft\Virtual Machine\Guest\Parameters`).
pub const KVP_GUEST_VALUES: &[&str] = &[
    "VirtualMachineId",
    "VirtualMachineName",
    "HostName",
    "PhysicalHostName",
    "PhysicalHostNameFullyQualified",
];

/// Failover and move events, for "activation pending after a move": log, provider, event IDs.
/// The IDs are the failover-cluster role-move and online/offline events as admins quote them
/// (UNVERIFIED: not in avma's catalog); the Hyper-V VMMS admin log is filtered by provider and
/// time only, so that no migration event is lost to a guessed ID.
const MOVE_EVENTS: &[(&str, &str, &[u32])] = &[
    (
        "Microsoft-Windows-FailoverClustering/Operational",
        "Microsoft-Windows-FailoverClustering",
        &[1201, 1204, 1641],
    ),
    (
        "Microsoft-Windows-Hyper-V-VMMS-Admin",
        "Microsoft-Windows-Hyper-V-VMMS",
        &[],
    ),
];

/// One event query of the script: the log, the providers (empty: any), the IDs (empty: any) and
/// the file it is saved to.
struct EventQuery {
    log: String,
    providers: Vec<String>,
    ids: Vec<u32>,
    file: String,
    /// Only on Hyper-V hosts.
    host_only: bool,
}

/// The catalog's events grouped by log. A log is filtered by provider too when the catalog knows
/// every provider of its events for sure; an UNVERIFIED provider would risk losing the events it
/// is about, so such a log is filtered by event ID only.
fn event_queries(cat: &Catalog) -> Vec<EventQuery> {
    let mut logs: BTreeMap<&str, (Vec<u32>, Vec<String>, bool)> = BTreeMap::new();
    for e in &cat.events {
        let (ids, providers, sure) =
            logs.entry(e.log.as_str())
                .or_insert((Vec::new(), Vec::new(), true));
        if !ids.contains(&e.id) {
            ids.push(e.id);
        }
        if !providers.contains(&e.provider) {
            providers.push(e.provider.clone());
        }
        *sure &= e.provider_confidence != Confidence::Unverified;
    }
    let mut out: Vec<EventQuery> = logs
        .into_iter()
        .map(|(log, (mut ids, providers, sure))| {
            ids.sort_unstable();
            EventQuery {
                log: log.to_string(),
                providers: if sure { providers } else { Vec::new() },
                ids,
                file: event_file(log),
                host_only: false,
            }
        })
        .collect();
    for (log, provider, ids) in MOVE_EVENTS {
        // A log the catalog already asks for (its move events catalogued) gets the other IDs added
        // to the same query, so that each event is asked for once and written to one file.
        if let Some(q) = out.iter_mut().find(|q| q.log == *log) {
            for id in ids.iter() {
                if !q.ids.contains(id) {
                    q.ids.push(*id);
                }
            }
            q.ids.sort_unstable();
            continue;
        }
        out.push(EventQuery {
            log: log.to_string(),
            providers: vec![provider.to_string()],
            ids: ids.to_vec(),
            file: event_file(log),
            host_only: true,
        });
    }
    out
}

/// A file name for a log's events: `Application` → `events-application.xml`.
fn event_file(log: &str) -> String {
    let base: String = log
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    format!("events-{}.xml", base.trim_matches('-'))
}

/// A PowerShell array literal of strings: `@('a', 'b')`.
fn ps_strings<S: AsRef<str>>(items: &[S]) -> String {
    let parts: Vec<String> = items.iter().map(|s| psq(s.as_ref())).collect();
    format!("@({})", parts.join(", "))
}

/// A PowerShell array literal of numbers: `@(1, 2)`.
fn ps_numbers(items: &[u32]) -> String {
    let parts: Vec<String> = items.iter().map(u32::to_string).collect();
    format!("@({})", parts.join(", "))
}

/// A runtime message as a PowerShell format string: the message's variables become `{0}`,
/// `{1}`, ... in the order given, the text is quoted for PowerShell.
fn ps_message(ctx: &Ctx, id: &'static str, vars: &[&'static str]) -> String {
    let mut m = Msg::new(id);
    for (i, v) in vars.iter().enumerate() {
        m = m.arg(v, format!("{{{i}}}"));
    }
    psq(&ctx.msg(&m))
}

/// A help block's lines, indented, with nothing that could close the comment.
fn help_lines(text: &str) -> String {
    text.lines()
        .map(|l| format!("    {}\n", l.replace("#>", "# >")))
        .collect()
}

fn scope_name(s: Scope) -> &'static str {
    match s {
        Scope::Node => "node",
        Scope::Cluster => "cluster",
        Scope::Guest => "guest",
    }
}

/// The script for a scope (its default; `-Scope` changes it on the command line), messages and
/// help in the user's language.
pub fn script_for(ctx: &Ctx, scope: Scope, days: u32) -> String {
    let cat = ctx.cat;
    let mut s = String::new();
    s.push_str("#Requires -Version 5.1\n#Requires -RunAsAdministrator\n<#\n.SYNOPSIS\n");
    s.push_str(&help_lines(&ctx.t("collect2-synopsis")));
    s.push_str(".DESCRIPTION\n");
    s.push_str(&help_lines(&ctx.t("collect2-description")));
    s.push_str(&help_lines(&ctx.t("collect2-reads")));
    s.push_str(".PARAMETER Scope\n");
    s.push_str(&help_lines(&ctx.t("collect2-param-scope")));
    s.push_str(".PARAMETER OutDir\n");
    s.push_str(&help_lines(&ctx.t("collect2-param-outdir")));
    s.push_str(".PARAMETER Days\n");
    s.push_str(&help_lines(&ctx.t("collect2-param-days")));
    s.push_str(".PARAMETER Credential\n");
    s.push_str(&help_lines(&ctx.t("collect2-param-credential")));
    s.push_str(".PARAMETER GuestCredential\n");
    s.push_str(&help_lines(&ctx.t("collect2-param-guestcredential")));
    s.push_str(".EXAMPLE\n");
    s.push_str(&help_lines(&ctx.t("collect2-example")));
    s.push_str(".NOTES\n");
    s.push_str(&help_lines(
        &ctx.msg(
            &Msg::new("collect2-notes")
                .arg("collector", COLLECTOR_VERSION)
                .arg("version", env!("CARGO_PKG_VERSION")),
        ),
    ));
    s.push_str("#>\n");
    s.push_str(&format!(
        r#"[CmdletBinding()]
param(
    [ValidateSet('node', 'cluster', 'guest')]
    [string]$Scope = '{scope}',
    [string]$OutDir = '',
    [ValidateRange(1, 3650)]
    [int]$Days = {days},
    [System.Management.Automation.PSCredential]$Credential,
    [System.Management.Automation.PSCredential]$GuestCredential
)

Set-StrictMode -Version 2.0
$CollectorVersion = '{COLLECTOR_VERSION}'
$AvmaVersion = '{avma}'
$Started = (Get-Date).ToUniversalTime()
$CollectedAt = $Started.ToString('yyyy-MM-ddTHH:mm:ssZ', [System.Globalization.CultureInfo]::InvariantCulture)

"#,
        scope = scope_name(scope),
        avma = env!("CARGO_PKG_VERSION"),
    ));

    // Runtime messages, in the language the script was made in.
    s.push_str(&plan::comment("#", &ctx.t("collect2-c-messages")));
    s.push('\n');
    let messages: &[(&str, &'static str, &[&'static str])] = &[
        (
            "MsgWindowsDir",
            "collect2-m-windows-dir",
            &["dir", "instead"],
        ),
        ("MsgMachine", "collect2-m-machine", &["machine", "via"]),
        (
            "MsgUnreached",
            "collect2-m-unreached",
            &["machine", "error"],
        ),
        (
            "MsgStepFailed",
            "collect2-m-step-failed",
            &["step", "machine", "error"],
        ),
        ("MsgNoCluster", "collect2-m-no-cluster", &["error"]),
        ("MsgGuestsTodo", "collect2-m-guests-todo", &["guests"]),
        ("MsgZipFailed", "collect2-m-zip-failed", &["error"]),
        ("MsgFolder", "collect2-m-folder", &["dir"]),
        ("MsgDone", "collect2-m-done", &["zip"]),
        ("MsgNextStep", "collect2-m-next", &["zip"]),
        ("MsgViaLocal", "collect2-m-via-local", &[]),
        ("MsgViaRemoting", "collect2-m-via-remoting", &[]),
    ];
    for (var, id, vars) in messages {
        s.push_str(&format!("${var} = {}\n", ps_message(ctx, id, vars)));
    }
    s.push('\n');

    s.push_str(&plan::comment("#", &ctx.t("collect2-c-machine")));
    s.push('\n');
    s.push_str("$CollectMachine = {\n");
    s.push_str("    param([string]$Role, [int]$Days, [bool]$ClusterFiles, $GuestCredential, [string]$Self)\n");
    s.push_str(&localized(ctx, MACHINE_PRELUDE));
    s.push_str(&machine_steps(ctx, cat));
    s.push_str(&localized(ctx, MACHINE_GUESTS));
    s.push_str("}\n\n");

    s.push_str(&plan::comment("#", &ctx.t("collect2-c-out")));
    s.push('\n');
    s.push_str(&localized(ctx, OUTPUT_AND_RUN));
    s
}

/// A fixed part of the script in the user's language: a `# @@<id>` line becomes the comment of
/// message `<id>`, and the texts the per-machine block records (it runs remotely, where the
/// `$Msg...` variables do not exist) are baked in as PowerShell format strings.
fn localized(ctx: &Ctx, part: &str) -> String {
    let mut out = String::with_capacity(part.len() + 256);
    for line in part.split_inclusive('\n') {
        let body = line.trim_end_matches('\n');
        let indent = &body[..body.len() - body.trim_start().len()];
        match body.trim_start().strip_prefix("# @@") {
            Some(id) => {
                let text = ctx.t(id);
                out.push_str(&plan::comment(&format!("{indent}#"), &text));
                out.push('\n');
            }
            None => out.push_str(line),
        }
    }
    out.replace(
        "@@NO_SUCH_LOG@@",
        &ps_message(ctx, "collect2-m-no-such-log", &["logs"]),
    )
    .replace(
        "@@NO_GUEST_CREDENTIAL@@",
        &psq(&ctx.t("collect2-m-no-guest-credential")),
    )
    .replace(
        "@@DISM_EXIT@@",
        &ps_message(ctx, "collect2-m-dism-exit", &["code"]),
    )
}

/// The script as `avma collect` prints it by default (node scope, 30 days).
pub fn script(ctx: &Ctx) -> String {
    script_for(ctx, Scope::Node, 30)
}

/// The start of the per-machine script block: the step wrapper and the list of logs.
const MACHINE_PRELUDE: &str = r#"    Set-StrictMode -Version 2.0
    $steps = New-Object System.Collections.ArrayList
    $files = New-Object System.Collections.ArrayList
    $guests = New-Object System.Collections.ArrayList
    $notEntered = New-Object System.Collections.ArrayList
    $since = (Get-Date).AddDays(-$Days)
    # @@collect2-c-known-logs
    $knownLogs = @(Get-WinEvent -ListLog * -ErrorAction SilentlyContinue | ForEach-Object { $_.LogName })

    # @@collect2-c-step
    function Measure-AvmaStep {
        param([string]$Name, [string]$Command, [string]$File, [scriptblock]$Body)
        $watch = [System.Diagnostics.Stopwatch]::StartNew()
        $status = 'ok'
        $message = $null
        try {
            $ErrorActionPreference = 'Stop'
            $out = & $Body
            if ($out -is [hashtable]) {
                $status = $out.Status
                $message = $out.Error
                $out = $out.Text
            }
            $text = (@($out) -join "`r`n").Trim()
            if ($File -and $text) {
                [void]$files.Add([pscustomobject]@{ Name = $File; Text = $text })
            } elseif ($status -eq 'ok') {
                $status = 'empty'
            }
        } catch {
            $status = 'failed'
            $message = "$_"
        }
        $watch.Stop()
        [void]$steps.Add([pscustomobject]@{
            machine = $env:COMPUTERNAME
            name = $Name
            command = $Command
            file = $File
            status = $status
            duration_ms = [int]$watch.ElapsedMilliseconds
            error = $message
        })
    }

    # @@collect2-c-export-events
    function Export-AvmaEvents {
        param([string[]]$Names, [string[]]$Providers, [int[]]$Ids, [string]$File, [int]$Max)
        $log = $null
        foreach ($n in $Names) {
            $hit = @($knownLogs | Where-Object { $_ -eq $n })
            if ($hit.Count -gt 0) { $log = $hit[0]; break }
        }
        $command = 'Get-WinEvent -FilterHashtable @{ LogName = ' + ($Names -join ' | ') + '; ProviderName = ' + ($Providers -join ', ') + '; Id = ' + ($Ids -join ', ') + '; StartTime = ' + $since.ToString('o') + ' }'
        Measure-AvmaStep -Name ('events ' + $Names[0]) -Command $command -File $File -Body {
            if (-not $log) {
                return @{ Status = 'missing'; Error = (@@NO_SUCH_LOG@@ -f ($Names -join ', ')); Text = '' }
            }
            $filter = @{ LogName = $log; StartTime = $since }
            if ($Providers.Count -gt 0) { $filter.ProviderName = $Providers }
            if ($Ids.Count -gt 0) { $filter.Id = $Ids }
            try {
                $events = @(Get-WinEvent -FilterHashtable $filter -MaxEvents $Max -ErrorAction Stop)
            } catch {
                if ($_.FullyQualifiedErrorId -like 'NoMatchingEventsFound*') {
                    return @{ Status = 'empty'; Error = $null; Text = '' }
                }
                throw
            }
            $xml = @('<Events>') + @($events | ForEach-Object { $_.ToXml() }) + @('</Events>')
            $xml -join "`r`n"
        }
    }

"#;

/// The steps of one machine, from the catalog and the property lists above.
fn machine_steps(ctx: &Ctx, cat: &Catalog) -> String {
    let mut s = String::new();
    let c = |s: &mut String, id: &str| {
        s.push_str(&plan::comment("    #", &ctx.t(id)));
        s.push('\n');
    };
    c(&mut s, "collect2-c-identity");
    s.push_str(&localized(ctx, r#"    Measure-AvmaStep -Name 'registry' -Command 'Get-ItemProperty HKLM:\SOFTWARE\Microsoft\Windows NT\CurrentVersion' -File 'registry.json' -Body {
        Get-ItemProperty -Path 'HKLM:\SOFTWARE\Microsoft\Windows NT\CurrentVersion' |
            Select-Object EditionID, CurrentBuildNumber, UBR, ProductName, DisplayVersion, InstallationType, @{ n = 'PSComputerName'; e = { $env:COMPUTERNAME } } |
            ConvertTo-Json -Depth 3
    }
    Measure-AvmaStep -Name 'computerinfo' -Command 'Get-ComputerInfo' -File 'computerinfo.json' -Body {
        ConvertTo-Json -InputObject @(Get-ComputerInfo -Property CsName, WindowsEditionId, OsBuildNumber, OsProductType, CsDomainRole) -Depth 3
    }
    Measure-AvmaStep -Name 'dism-current' -Command 'dism.exe /English /Online /Get-CurrentEdition' -File 'dism-current-edition.txt' -Body {
        $text = & dism.exe /English /Online /Get-CurrentEdition 2>&1 | Out-String
        if ($LASTEXITCODE -ne 0) { return @{ Status = 'failed'; Error = (@@DISM_EXIT@@ -f $LASTEXITCODE); Text = $text } }
        $text
    }
    Measure-AvmaStep -Name 'dism-targets' -Command 'dism.exe /English /Online /Get-TargetEditions' -File 'dism-target-editions.txt' -Body {
        $text = & dism.exe /English /Online /Get-TargetEditions 2>&1 | Out-String
        if ($LASTEXITCODE -ne 0) { return @{ Status = 'failed'; Error = (@@DISM_EXIT@@ -f $LASTEXITCODE); Text = $text } }
        $text
    }
"#));
    c(&mut s, "collect2-c-licensing");
    s.push_str(&format!(
        "    Measure-AvmaStep -Name 'licensing' -Command 'Get-CimInstance SoftwareLicensingProduct' -File 'slp.json' -Body {{\n        ConvertTo-Json -InputObject @(Get-CimInstance -ClassName SoftwareLicensingProduct -Filter \"ApplicationID='{WINDOWS_APP_ID}' AND PartialProductKey IS NOT NULL\" | Select-Object {}) -Depth 3\n    }}\n",
        SLP_PROPERTIES.join(", ")
    ));
    s.push_str(&format!(
        "    Measure-AvmaStep -Name 'licensing-service' -Command 'Get-CimInstance SoftwareLicensingService' -File 'sls.json' -Body {{\n        ConvertTo-Json -InputObject @(Get-CimInstance -ClassName SoftwareLicensingService | Select-Object {}) -Depth 3\n    }}\n",
        SLS_PROPERTIES.join(", ")
    ));
    s.push_str("    Measure-AvmaStep -Name 'services' -Command 'Get-Service sppsvc, vmickvpexchange, vmms, clussvc' -File 'services.json' -Body {\n        ConvertTo-Json -InputObject @(Get-Service -Name sppsvc, vmickvpexchange, vmms, clussvc -ErrorAction SilentlyContinue | Select-Object Name, ServiceName, @{ n = 'Status'; e = { \"$($_.Status)\" } }, @{ n = 'StartType'; e = { \"$($_.StartType)\" } }) -Depth 3\n    }\n");
    c(&mut s, "collect2-c-kvp-guest");
    s.push_str(&format!(
        "    if ($Role -eq 'guest') {{\n        Measure-AvmaStep -Name 'kvp-guest' -Command 'Get-ItemProperty HKLM:\\SOFTWARE\\Microsoft\\Virtual Machine\\Guest\\Parameters' -File 'kvp-parameters.json' -Body {{\n            Get-ItemProperty -Path 'HKLM:\\SOFTWARE\\Microsoft\\Virtual Machine\\Guest\\Parameters' |\n                Select-Object {}, @{{ n = 'PSComputerName'; e = {{ $env:COMPUTERNAME }} }} |\n                ConvertTo-Json -Depth 3\n        }}\n    }}\n",
        KVP_GUEST_VALUES.join(", ")
    ));
    c(&mut s, "collect2-c-events");
    for q in event_queries(cat) {
        let mut names = vec![q.log.clone()];
        // The Hyper-V integration log is `.../Admin` on some builds and `...-Admin` on others:
        // the machine's own list of logs decides.
        if let Some((a, b)) = q.log.rsplit_once('/') {
            names.push(format!("{a}-{b}"));
        } else if let Some((a, b)) = q.log.rsplit_once('-') {
            if q.log.starts_with("Microsoft-") {
                names.push(format!("{a}/{b}"));
            }
        }
        let line = format!(
            "Export-AvmaEvents -Names {} -Providers {} -Ids {} -File {} -Max 5000",
            ps_strings(&names),
            ps_strings(&q.providers),
            ps_numbers(&q.ids),
            psq(&q.file)
        );
        if q.host_only {
            s.push_str(&format!("    if ($Role -eq 'host') {{ {line} }}\n"));
        } else {
            s.push_str(&format!("    {line}\n"));
        }
    }
    c(&mut s, "collect2-c-hyperv");
    s.push_str(r#"    if ($Role -eq 'host') {
        Measure-AvmaStep -Name 'vms' -Command 'Get-VM' -File 'vms.json' -Body {
            ConvertTo-Json -InputObject @(Get-VM | Select-Object VMName, @{ n = 'VMId'; e = { "$($_.VMId)" } }, @{ n = 'State'; e = { "$($_.State)" } }, Generation, ComputerName) -Depth 3
        }
        Measure-AvmaStep -Name 'integration-services' -Command 'Get-VM | Get-VMIntegrationService' -File 'integration-services.json' -Body {
            ConvertTo-Json -InputObject @(Get-VM | Get-VMIntegrationService | Select-Object VMName, @{ n = 'VMId'; e = { "$($_.VMId)" } }, Name, Id, Enabled, PrimaryStatusDescription) -Depth 3
        }
"#);
    c(&mut s, "collect2-c-kvp-host");
    s.push_str(&format!(
        r#"        Measure-AvmaStep -Name 'kvp-intrinsic' -Command 'Get-CimInstance -Namespace root\virtualization\v2 Msvm_KvpExchangeComponent' -File 'kvp-guests.json' -Body {{
            $rows = foreach ($vm in @(Get-CimInstance -Namespace 'root\virtualization\v2' -ClassName Msvm_ComputerSystem | Where-Object {{ $_.Name -match '^[0-9A-Fa-f]{{8}}-' }})) {{
                $items = @{{}}
                $kvp = Get-CimAssociatedInstance -InputObject $vm -ResultClassName Msvm_KvpExchangeComponent -ErrorAction SilentlyContinue
                foreach ($x in @($kvp | ForEach-Object {{ $_.GuestIntrinsicExchangeItems }})) {{
                    if (-not $x) {{ continue }}
                    $doc = [xml]$x
                    $n = @($doc.INSTANCE.PROPERTY | Where-Object {{ $_.NAME -eq 'Name' }} | ForEach-Object {{ $_.VALUE }})
                    $d = @($doc.INSTANCE.PROPERTY | Where-Object {{ $_.NAME -eq 'Data' }} | ForEach-Object {{ $_.VALUE }})
                    if ($n.Count -gt 0 -and $d.Count -gt 0) {{ $items[[string]$n[0]] = [string]$d[0] }}
                }}
                $row = [ordered]@{{ VMName = $vm.ElementName; VMId = $vm.Name; KvpSource = 'GuestIntrinsicExchangeItems' }}
                foreach ($k in {items}) {{ $row[$k] = $items[$k] }}
                [pscustomobject]$row
            }}
            ConvertTo-Json -InputObject @($rows) -Depth 3
        }}
"#,
        items = ps_strings(KVP_ITEMS)
    ));
    s.push_str("    }\n");
    c(&mut s, "collect2-c-cluster");
    let owners = "Select-Object @{ n = 'ClusterObject'; e = { \"$($_.ClusterObject)\" } }, @{ n = 'OwnerNodes'; e = { @($_.OwnerNodes | ForEach-Object { \"$_\" }) } }";
    s.push_str(&format!(
        r#"    if ($ClusterFiles) {{
        Measure-AvmaStep -Name 'cluster-nodes' -Command 'Get-ClusterNode' -File 'cluster-nodes.json' -Body {{
            ConvertTo-Json -InputObject @(Get-ClusterNode | Select-Object Name, @{{ n = 'State'; e = {{ "$($_.State)" }} }}, NodeWeight, DynamicWeight) -Depth 3
        }}
        Measure-AvmaStep -Name 'cluster-groups' -Command 'Get-ClusterGroup' -File 'cluster-groups.json' -Body {{
            ConvertTo-Json -InputObject @(Get-ClusterGroup | Select-Object Name, @{{ n = 'OwnerNode'; e = {{ "$($_.OwnerNode)" }} }}, @{{ n = 'State'; e = {{ "$($_.State)" }} }}, @{{ n = 'GroupType'; e = {{ "$($_.GroupType)" }} }}) -Depth 3
        }}
        Measure-AvmaStep -Name 'possible-owners' -Command 'Get-ClusterResource | Get-ClusterOwnerNode' -File 'possible-owners.json' -Body {{
            ConvertTo-Json -InputObject @(Get-ClusterResource | Where-Object {{ "$($_.ResourceType)" -eq 'Virtual Machine' }} | ForEach-Object {{ $group = "$($_.OwnerGroup)"; $_ | Get-ClusterOwnerNode | {owners}, @{{ n = 'OwnerGroup'; e = {{ $group }} }} }}) -Depth 3
        }}
        Measure-AvmaStep -Name 'preferred-owners' -Command 'Get-ClusterGroup | Get-ClusterOwnerNode' -File 'preferred-owners.json' -Body {{
            ConvertTo-Json -InputObject @(Get-ClusterGroup | Where-Object {{ "$($_.GroupType)" -eq 'VirtualMachine' }} | Get-ClusterOwnerNode | {owners}) -Depth 3
        }}
    }}
"#
    ));
    s
}

/// The end of the per-machine block: guests entered over PowerShell Direct when a guest
/// credential was given, else listed for `--scope guest`; then the result object.
const MACHINE_GUESTS: &str = r#"    if ($Role -eq 'host') {
        $running = @()
        try { $running = @(Get-VM -ErrorAction Stop | Where-Object { "$($_.State)" -eq 'Running' }) } catch { $running = @() }
        foreach ($vm in $running) {
            if ($GuestCredential) {
                $watch = [System.Diagnostics.Stopwatch]::StartNew()
                try {
                    $g = Invoke-Command -VMName $vm.VMName -Credential $GuestCredential -ScriptBlock ([scriptblock]::Create($Self)) -ArgumentList 'guest', $Days, $false, $null, '' -ErrorAction Stop
                    [void]$guests.Add([System.Management.Automation.PSSerializer]::Deserialize([string]$g))
                    $status = 'ok'
                    $message = $null
                } catch {
                    [void]$notEntered.Add([pscustomobject]@{ name = $vm.VMName; vm_id = "$($vm.VMId)"; host = $env:COMPUTERNAME; reason = "$_" })
                    $status = 'failed'
                    $message = "$_"
                }
                $watch.Stop()
                [void]$steps.Add([pscustomobject]@{ machine = $env:COMPUTERNAME; name = 'guest ' + $vm.VMName; command = 'Invoke-Command -VMName ' + $vm.VMName; file = $null; status = $status; duration_ms = [int]$watch.ElapsedMilliseconds; error = $message })
            } else {
                [void]$notEntered.Add([pscustomobject]@{ name = $vm.VMName; vm_id = "$($vm.VMId)"; host = $env:COMPUTERNAME; reason = @@NO_GUEST_CREDENTIAL@@ })
            }
        }
    }
    # @@collect2-c-result
    $result = [pscustomobject]@{
        Computer = $env:COMPUTERNAME
        Role = $Role
        Files = @($files)
        Steps = @($steps)
        Guests = @($guests)
        NotEntered = @($notEntered)
    }
    [System.Management.Automation.PSSerializer]::Serialize($result, 12)
"#;

/// Where the bundle goes, the run over the scope's machines, the manifest and the zip.
const OUTPUT_AND_RUN: &str = r#"# @@collect2-c-not-windows
$windows = [System.IO.Path]::GetFullPath($env:SystemRoot).TrimEnd('\') + '\'
function Test-AvmaUnderWindows([string]$Path) {
    if (-not $Path) { return $true }
    $full = [System.IO.Path]::GetFullPath($Path).TrimEnd('\') + '\'
    return $full.StartsWith($windows, [System.StringComparison]::OrdinalIgnoreCase)
}
$base = $OutDir
if (Test-AvmaUnderWindows $base) {
    $choices = @($env:USERPROFILE, $PSScriptRoot, $env:TEMP) | Where-Object { $_ -and -not (Test-AvmaUnderWindows $_) }
    $fallback = @($choices)[0]
    if ($OutDir) { Write-Warning ($MsgWindowsDir -f $OutDir, $fallback) }
    $base = $fallback
}
$stamp = $Started.ToString('yyyyMMdd-HHmmss', [System.Globalization.CultureInfo]::InvariantCulture)
$bundle = Join-Path -Path $base -ChildPath ('avma-bundle-' + $env:COMPUTERNAME + '-' + $stamp)
$zip = $bundle + '.zip'
New-Item -ItemType Directory -Force -Path $bundle | Out-Null

$results = New-Object System.Collections.ArrayList
$machines = New-Object System.Collections.ArrayList
$runSteps = New-Object System.Collections.ArrayList
$clusterName = $null
$selfText = $CollectMachine.ToString()

function Measure-AvmaRun {
    param([string]$Name, [string]$Command, [scriptblock]$Body)
    $watch = [System.Diagnostics.Stopwatch]::StartNew()
    $status = 'ok'
    $message = $null
    $out = $null
    try {
        $ErrorActionPreference = 'Stop'
        $out = & $Body
    } catch {
        $status = 'failed'
        $message = "$_"
    }
    $watch.Stop()
    [void]$runSteps.Add([pscustomobject]@{ machine = $env:COMPUTERNAME; name = $Name; command = $Command; file = $null; status = $status; duration_ms = [int]$watch.ElapsedMilliseconds; error = $message })
    return $out
}

$nodes = @()
if ($Scope -eq 'cluster') {
    $clusterName = Measure-AvmaRun -Name 'cluster' -Command 'Get-Cluster' -Body { "$((Get-Cluster).Name)" }
    $nodes = @(Measure-AvmaRun -Name 'cluster-nodes' -Command 'Get-ClusterNode' -Body { @(Get-ClusterNode | ForEach-Object { "$($_.Name)" }) })
    if ($nodes.Count -eq 0) {
        Write-Warning ($MsgNoCluster -f (@($runSteps | Where-Object { $_.error } | ForEach-Object { $_.error }) -join '; '))
        $Scope = 'node'
    }
} elseif ($Scope -eq 'node') {
    $clusterName = Measure-AvmaRun -Name 'cluster' -Command 'Get-Cluster' -Body { if (Get-Command -Name Get-Cluster -ErrorAction SilentlyContinue) { "$((Get-Cluster -ErrorAction SilentlyContinue).Name)" } }
}

if ($Scope -eq 'cluster') {
    $first = $true
    foreach ($node in $nodes) {
        $local = ($node -eq $env:COMPUTERNAME)
        $via = if ($local) { 'local' } else { 'remoting' }
        Write-Host ($MsgMachine -f $node, $(if ($local) { $MsgViaLocal } else { $MsgViaRemoting }))
        $clusterFiles = $first
        $first = $false
        $r = Measure-AvmaRun -Name ('collect ' + $node) -Command ('Invoke-Command -ComputerName ' + $node) -Body {
            if ($local) {
                & $CollectMachine 'host' $Days $clusterFiles $GuestCredential $selfText
            } elseif ($Credential) {
                Invoke-Command -ComputerName $node -Credential $Credential -ScriptBlock $CollectMachine -ArgumentList 'host', $Days, $clusterFiles, $GuestCredential, $selfText -ErrorAction Stop
            } else {
                Invoke-Command -ComputerName $node -ScriptBlock $CollectMachine -ArgumentList 'host', $Days, $clusterFiles, $GuestCredential, $selfText -ErrorAction Stop
            }
        }
        if ($r) {
            [void]$results.Add([System.Management.Automation.PSSerializer]::Deserialize([string]$r))
        } else {
            $last = @($runSteps)[-1]
            Write-Warning ($MsgUnreached -f $node, $last.error)
            [void]$machines.Add([pscustomobject]@{ name = $node; role = 'host'; folder = $null; reached = $false; via = $via })
        }
    }
} else {
    $role = if ($Scope -eq 'guest') { 'guest' } elseif (Get-Command -Name Get-VM -ErrorAction SilentlyContinue) { 'host' } else { 'guest' }
    $isNode = [bool](Get-Command -Name Get-ClusterNode -ErrorAction SilentlyContinue) -and $role -eq 'host'
    Write-Host ($MsgMachine -f $env:COMPUTERNAME, $MsgViaLocal)
    $r = Measure-AvmaRun -Name ('collect ' + $env:COMPUTERNAME) -Command 'local' -Body { & $CollectMachine $role $Days $isNode $GuestCredential $selfText }
    if ($r) { [void]$results.Add([System.Management.Automation.PSSerializer]::Deserialize([string]$r)) }
}

# @@collect2-c-export
$allSteps = New-Object System.Collections.ArrayList
$todo = New-Object System.Collections.ArrayList
function Export-AvmaMachine {
    param($Result, [string]$Via, [string]$HostName)
    $folder = ("$($Result.Computer)" -replace '[^A-Za-z0-9._-]', '_').ToUpperInvariant()
    $dir = Join-Path -Path $bundle -ChildPath $folder
    New-Item -ItemType Directory -Force -Path $dir | Out-Null
    foreach ($f in @($Result.Files)) {
        $name = "$($f.Name)" -replace '[^A-Za-z0-9._-]', '_'
        Out-File -FilePath (Join-Path -Path $dir -ChildPath $name) -InputObject $f.Text -Encoding utf8
    }
    foreach ($st in @($Result.Steps)) {
        [void]$allSteps.Add($st)
        if ($st.status -eq 'failed') { Write-Warning ($MsgStepFailed -f $st.name, $st.machine, $st.error) }
    }
    [void]$machines.Add([pscustomobject]@{ name = "$($Result.Computer)"; role = "$($Result.Role)"; folder = $folder; reached = $true; via = $Via; host = $HostName })
    foreach ($g in @($Result.Guests)) { if ($g) { Export-AvmaMachine -Result $g -Via 'powershell-direct' -HostName "$($Result.Computer)" } }
    foreach ($n in @($Result.NotEntered)) { if ($n) { [void]$todo.Add($n) } }
}
foreach ($r in @($results)) {
    $via = if ("$($r.Computer)" -eq $env:COMPUTERNAME) { 'local' } else { 'remoting' }
    Export-AvmaMachine -Result $r -Via $via -HostName $null
}
foreach ($st in @($runSteps)) { [void]$allSteps.Add($st) }
foreach ($n in @($todo)) {
    [void]$machines.Add([pscustomobject]@{ name = $n.name; role = 'guest'; folder = $null; reached = $false; via = 'kvp'; host = $n.host; vm_id = $n.vm_id; reason = $n.reason })
}

$manifest = [ordered]@{
    schema = 'avma.manifest/1'
    collector = $CollectorVersion
    avma_version = $AvmaVersion
    collected_at = $CollectedAt
    finished_at = (Get-Date).ToUniversalTime().ToString('yyyy-MM-ddTHH:mm:ssZ', [System.Globalization.CultureInfo]::InvariantCulture)
    scope = $Scope
    days = $Days
    collected_by = $env:COMPUTERNAME
    cluster = $clusterName
    machines = @($machines)
    guests_to_collect = @($todo | ForEach-Object { $_.name })
    steps = @($allSteps)
}
Out-File -FilePath (Join-Path -Path $bundle -ChildPath 'manifest.json') -InputObject (ConvertTo-Json -InputObject $manifest -Depth 5) -Encoding utf8

if ($todo.Count -gt 0) {
    Write-Warning ($MsgGuestsTodo -f ((@($todo | ForEach-Object { $_.name })) -join ', '))
}
try {
    Compress-Archive -Path (Join-Path -Path $bundle -ChildPath '*') -DestinationPath $zip -Force -ErrorAction Stop
    Write-Host ($MsgFolder -f $bundle)
    Write-Output ($MsgDone -f $zip)
    Write-Host ($MsgNextStep -f $zip)
} catch {
    Write-Warning ($MsgZipFailed -f "$_")
    Write-Output ($MsgFolder -f $bundle)
}
"#;

pub fn run(ctx: &mut Ctx, a: &CollectArgs) -> u8 {
    if let Some(path) = &a.output {
        ctx.write_to(path.clone(), true);
    }
    let text = script_for(ctx, a.scope, a.days);
    ctx.print(&text);
    EXIT_OK
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn log_names_become_file_names() {
        assert_eq!(event_file("Application"), "events-application.xml");
        assert_eq!(
            event_file("Microsoft-Windows-Hyper-V-Integration/Admin"),
            "events-microsoft-windows-hyper-v-integration-admin.xml"
        );
    }

    #[test]
    fn every_catalog_event_is_collected_once() {
        let cat = Catalog::builtin();
        let qs = event_queries(cat);
        for e in &cat.events {
            let n: usize = qs
                .iter()
                .filter(|q| q.log == e.log)
                .map(|q| q.ids.iter().filter(|i| **i == e.id).count())
                .sum();
            assert_eq!(n, 1, "{}", e.id);
        }
        // A log with an unverified provider is not filtered by provider.
        let app = qs.iter().find(|q| q.log == "Application").expect("app");
        assert!(app.providers.is_empty());
    }

    #[test]
    fn messages_become_format_strings() {
        let ctx = Ctx::new(avma_core::text::Lang::En, false);
        let m = ps_message(&ctx, "collect2-m-unreached", &["machine", "error"]);
        assert!(m.contains("{0}") && m.contains("{1}"), "{m}");
    }
}
