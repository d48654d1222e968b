//! The evidence a simulated cluster would produce at the end of its run: per machine,
//! Get-ComputerInfo and SoftwareLicensingProduct as JSON and the AVMA events as XML (or .evtx,
//! with the `evtx` feature); on the first node, the cluster's cmdlet output. Read back by the
//! same readers as real evidence, which closes the loop in the tests.

use serde_json::json;

use avma_core::catalog::{Catalog, KeyKind};

use crate::simulate::{LogEntry, Scenario, SimResult};

/// A file of evidence: (machine folder, file name, content).
pub type EvidenceFile = (String, String, Vec<u8>);

/// Why a machine name cannot be a folder name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BadName {
    Empty,
    /// `.` or `..`.
    Dots,
    /// `/`, `\` (so also absolute paths and UNC paths).
    Separator,
    /// `:` (a drive letter such as `C:`, or an NTFS stream).
    Colon,
    /// NUL or another control character.
    Control,
    /// `<`, `>`, `"`, `|`, `?`, `*`: not allowed in Windows file names.
    Reserved,
    /// CON, PRN, AUX, NUL, COM0–9, LPT0–9 (with any extension): Windows devices.
    Device,
    /// A trailing dot or space (Windows drops them).
    Trailing,
    /// More than 255 bytes.
    Long,
}

impl BadName {
    pub fn reason(self) -> &'static str {
        match self {
            BadName::Empty => "is empty",
            BadName::Dots => "is . or ..",
            BadName::Separator => "holds a path separator (/ or \\)",
            BadName::Colon => "holds a colon (a drive letter or a stream)",
            BadName::Control => "holds NUL or a control character",
            BadName::Reserved => {
                "holds a character Windows does not allow in file names (< > \" | ? *)"
            }
            BadName::Device => {
                "is a reserved Windows device name (CON, PRN, AUX, NUL, COM1, LPT1...)"
            }
            BadName::Trailing => "ends with a dot or a space",
            BadName::Long => "is longer than 255 bytes",
        }
    }
}

/// Whether `name` is one plain file-name component on every OS: a folder made from it is always
/// directly inside the folder it is joined to.
pub fn check_component(name: &str) -> Result<(), BadName> {
    if name.is_empty() {
        return Err(BadName::Empty);
    }
    if name == "." || name == ".." {
        return Err(BadName::Dots);
    }
    if name.contains(['/', '\\']) {
        return Err(BadName::Separator);
    }
    if name.contains(':') {
        return Err(BadName::Colon);
    }
    if name.chars().any(char::is_control) {
        return Err(BadName::Control);
    }
    if name.contains(['<', '>', '"', '|', '?', '*']) {
        return Err(BadName::Reserved);
    }
    if name.ends_with(['.', ' ']) {
        return Err(BadName::Trailing);
    }
    if name.len() > 255 {
        return Err(BadName::Long);
    }
    let stem = name
        .split('.')
        .next()
        .unwrap_or(name)
        .trim_end()
        .to_ascii_uppercase();
    let device = matches!(
        stem.as_str(),
        "CON" | "PRN" | "AUX" | "NUL" | "CONIN$" | "CONOUT$"
    ) || ((stem.starts_with("COM") || stem.starts_with("LPT"))
        && stem.chars().count() == 4
        && stem
            .chars()
            .nth(3)
            .is_some_and(|c| c.is_ascii_digit() || matches!(c, '¹' | '²' | '³')));
    if device {
        return Err(BadName::Device);
    }
    Ok(())
}

/// The machines of a simulation whose names cannot be folder names, with why. [`write`] leaves
/// them out; the CLI names each in one line.
pub fn refused_names(result: &SimResult) -> Vec<(String, BadName)> {
    let mut out = Vec::new();
    let mut seen = std::collections::HashSet::new();
    let names = result
        .final_nodes
        .iter()
        .map(|n| n.name.as_str())
        .chain(result.final_vms.iter().map(|v| v.vm.computer()));
    for n in names {
        if let Err(why) = check_component(&n.to_ascii_lowercase()) {
            if seen.insert(n) {
                out.push((n.to_string(), why));
            }
        }
    }
    out
}

fn guid_for(name: &str) -> String {
    // A stable, made-up VM id per name.
    let h = name.bytes().fold(0u64, |h, b| {
        h.wrapping_mul(1_099_511_628_211).wrapping_add(u64::from(b))
    });
    format!(
        "{:08X}-{:04X}-4{:03X}-8{:03X}-{:012X}",
        h >> 32,
        (h >> 16) & 0xFFFF,
        h & 0xFFF,
        (h >> 20) & 0xFFF,
        h & 0xFFFF_FFFF_FFFF
    )
}

/// One SoftwareLicensingProduct row as Get-CimInstance | ConvertTo-Json writes it.
#[derive(Clone, Copy)]
struct SlpRow<'a> {
    name: &'a str,
    edition: &'a str,
    channel: &'a str,
    last5: Option<&'a str>,
    status: u32,
    reason: u32,
    grace: u64,
    host: Option<&'a str>,
    activated_at: Option<&'a str>,
}

fn slp(r: &SlpRow<'_>) -> serde_json::Value {
    let SlpRow {
        name,
        edition,
        channel,
        last5,
        status,
        reason,
        grace,
        host,
        activated_at,
    } = *r;
    json!([{
        "Name": format!("Windows(R), {edition} edition"),
        "Description": format!("Windows(R) Operating System, {channel} channel"),
        "ApplicationID": avma_core::plan::WINDOWS_APP_ID,
        "LicenseFamily": edition,
        "LicenseStatus": status,
        "LicenseStatusReason": reason,
        "GracePeriodRemaining": grace,
        "PartialProductKey": last5,
        "AutomaticVMActivationHostMachineName": host.unwrap_or(""),
        "AutomaticVMActivationLastActivationTime": activated_at.unwrap_or("/Date(-11644473600000)/"),
        "PSComputerName": name,
    }])
}

/// A log time as Windows writes `SystemTime` (seven fractional digits).
fn system_time(t: &str) -> String {
    match t.strip_suffix('Z') {
        Some(x) if !x.contains('.') => format!("{x}.0000000Z"),
        _ => t.to_string(),
    }
}

fn events_xml(entries: &[&LogEntry], computer: &str, first_record: u64) -> String {
    let mut s = String::new();
    for (i, e) in entries.iter().enumerate() {
        let record = first_record + i as u64;
        let time = system_time(&e.time);
        if e.event_id == 1641 {
            // The cluster's record of the move: the role, the source node, the destination.
            s.push_str(&format!(
                "<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System><Provider Name='Microsoft-Windows-FailoverClustering'/><EventID>1641</EventID><Level>4</Level><TimeCreated SystemTime='{}'/><EventRecordID>{record}</EventRecordID><Channel>Microsoft-Windows-FailoverClustering/Operational</Channel><Computer>{computer}</Computer></System><EventData><Data Name='ResourceGroup'>{}</Data><Data Name='SourceNode'>{}</Data><Data Name='TargetNode'>{}</Data></EventData></Event>\n",
                time,
                e.vm,
                e.from.as_deref().unwrap_or(""),
                e.host
            ));
            continue;
        }
        let data = match e.event_id {
            12310 => vec![e.vm.clone(), format!("0x{:08X}", e.code)],
            12288 => vec![
                format!("0x{:08X}", e.code),
                "0x00000000".into(),
                "kms.invalid:1688".into(),
            ],
            _ => vec![format!("0x{:08X}", e.code), e.host.clone()],
        };
        let data: String = data.iter().map(|d| format!("<Data>{d}</Data>")).collect();
        s.push_str(&format!(
            "<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System><Provider Name='Microsoft-Windows-Security-SPP'/><EventID Qualifiers='16384'>{}</EventID><Level>4</Level><TimeCreated SystemTime='{}'/><EventRecordID>{record}</EventRecordID><Channel>Application</Channel><Computer>{computer}</Computer></System><EventData>{data}</EventData></Event>\n",
            e.event_id,
            time,
        ));
    }
    s
}

#[cfg(feature = "evtx")]
fn events_evtx(entries: &[&LogEntry], computer: &str) -> Vec<u8> {
    let events: Vec<evtx_writer::Event> = entries
        .iter()
        .map(|e| {
            let t = e
                .time
                .parse::<jiff::Timestamp>()
                .map_or(0, |t| t.as_second());
            let data: Vec<String> = match e.event_id {
                12310 => vec![e.vm.clone(), format!("0x{:08X}", e.code)],
                _ => vec![format!("0x{:08X}", e.code), e.host.clone()],
            };
            let refs: Vec<&str> = data.iter().map(String::as_str).collect();
            evtx_writer::Event::spp(e.event_id as u16, computer, t, &refs)
        })
        .collect();
    evtx_writer::write(&events)
}

/// Write the end state of a simulation as evidence files.
pub fn write(
    result: &SimResult,
    scenario: &Scenario,
    cat: &Catalog,
    evtx: bool,
) -> Vec<EvidenceFile> {
    let out = write_all(result, scenario, cat, evtx);
    // Never a folder outside the destination: names that are not plain components are left out.
    out.into_iter()
        .filter(|(folder, name, _)| {
            check_component(folder).is_ok() && check_component(name).is_ok()
        })
        .collect()
}

fn write_all(
    result: &SimResult,
    scenario: &Scenario,
    cat: &Catalog,
    evtx: bool,
) -> Vec<EvidenceFile> {
    let _ = evtx;
    let mut out: Vec<EvidenceFile> = Vec::new();
    let end: Option<jiff::civil::Date> = result.end_date.parse().ok();
    let start: Option<jiff::civil::Date> = scenario.start.parse().ok();
    let folder = |n: &str| n.to_ascii_lowercase();
    let build_of = |v: &str| cat.version(v).map_or(0, |v| v.build);
    let mut record = 1000u64;
    // `name`: the machine in the log; `computer`: its folder and the name its events carry.
    let push_events =
        |out: &mut Vec<EvidenceFile>, name: &str, computer: &str, record: &mut u64| {
            // The cluster's move events as event XML in every case (the .evtx reader keeps only
            // the licensing providers).
            let moves: Vec<&LogEntry> = result
                .log
                .iter()
                .filter(|e| e.machine == name && e.event_id == 1641)
                .collect();
            if !moves.is_empty() {
                out.push((
                    folder(computer),
                    "cluster-events.xml".into(),
                    events_xml(&moves, computer, *record).into_bytes(),
                ));
                *record += moves.len() as u64;
            }
            let entries: Vec<&LogEntry> = result
                .log
                .iter()
                .filter(|e| e.machine == name && e.event_id != 1641)
                .collect();
            if entries.is_empty() {
                return;
            }
            #[cfg(feature = "evtx")]
            if evtx {
                out.push((
                    folder(computer),
                    "application.evtx".into(),
                    events_evtx(&entries, computer),
                ));
                return;
            }
            out.push((
                folder(computer),
                "spp-events.xml".into(),
                events_xml(&entries, computer, *record).into_bytes(),
            ));
            *record += entries.len() as u64;
        };
    for (i, n) in result.final_nodes.iter().enumerate() {
        let ci = json!({"CsName": n.name, "WindowsEditionId": n.edition, "OsBuildNumber": build_of(&n.version).to_string(), "OsProductType": 3});
        out.push((
            folder(&n.name),
            "computerinfo.json".into(),
            ci.to_string().into_bytes(),
        ));
        let expires_in = n
            .expires
            .as_deref()
            .and_then(|x| x.parse::<jiff::civil::Date>().ok())
            .zip(end)
            .map(|(x, e)| (x - e).get_days());
        let (status, reason, grace, channel) = match (n.activated, expires_in) {
            (false, _) => (5, 0xC004_F009, 0, "VOLUME_KMSCLIENT"),
            (true, Some(d)) if d > 0 => (1, 0, (d as u64) * 1440, "VOLUME_KMSCLIENT"),
            (true, _) => (1, 0, 0, "OEM_DM"),
        };
        let last5 = format!("HK{:03}", i + 1);
        out.push((
            folder(&n.name),
            "slp.json".into(),
            slp(&SlpRow {
                name: &n.name,
                edition: &n.edition,
                channel,
                last5: Some(&last5),
                status,
                reason,
                grace,
                host: None,
                activated_at: None,
            })
            .to_string()
            .into_bytes(),
        ));
        let vms: Vec<_> = result
            .final_vms
            .iter()
            .filter(|v| v.vm.owner == n.name)
            .map(|v| json!({"VMName": v.vm.name, "VMId": guid_for(&v.vm.name), "State": 2, "ComputerName": n.name}))
            .collect();
        if !vms.is_empty() {
            out.push((
                folder(&n.name),
                "vms.json".into(),
                serde_json::Value::Array(vms).to_string().into_bytes(),
            ));
        }
        push_events(&mut out, &n.name, &n.name, &mut record);
    }
    if let Some(first) = result.final_nodes.first() {
        let f = folder(&first.name);
        let nodes: Vec<_> = result
            .final_nodes
            .iter()
            .map(|n| json!({"Name": n.name, "State": if n.up { 0 } else { 1 }, "NodeWeight": 1, "DynamicWeight": 1}))
            .collect();
        out.push((
            f.clone(),
            "cluster-nodes.json".into(),
            serde_json::Value::Array(nodes).to_string().into_bytes(),
        ));
        let groups: Vec<_> = result
            .final_vms
            .iter()
            .map(|v| json!({"Name": v.vm.name, "OwnerNode": v.vm.owner, "State": 0, "GroupType": 111}))
            .collect();
        out.push((
            f.clone(),
            "cluster-groups.json".into(),
            serde_json::Value::Array(groups).to_string().into_bytes(),
        ));
        let mut owners = String::new();
        for v in &result.final_vms {
            let list: Vec<String> = if v.vm.possible_owners.is_empty() {
                result.final_nodes.iter().map(|n| n.name.clone()).collect()
            } else {
                v.vm.possible_owners.clone()
            };
            owners.push_str(&format!(
                "\nClusterObject : Virtual Machine {}\nOwnerNodes    : {{{}}}\n",
                v.vm.name,
                list.join(", ")
            ));
        }
        out.push((f.clone(), "owner-nodes.txt".into(), owners.into_bytes()));
        let is: Vec<_> = result
            .final_vms
            .iter()
            .map(|v| {
                json!({"VMName": v.vm.name, "Name": "Key-Value Pair Exchange",
                       "Id": format!("Microsoft:{}\\{}", guid_for(&v.vm.name), avma_core::plan::KVP_COMPONENT_GUID),
                       "Enabled": v.vm.data_exchange, "PrimaryStatusDescription": "OK"})
            })
            .collect();
        out.push((
            f,
            "integration-services.json".into(),
            serde_json::Value::Array(is).to_string().into_bytes(),
        ));
    }
    for v in &result.final_vms {
        let computer = v.vm.computer();
        let ci = json!({"CsName": computer, "WindowsEditionId": v.vm.edition, "OsBuildNumber": build_of(&v.vm.version).to_string(), "OsProductType": 3});
        out.push((
            folder(computer),
            "computerinfo.json".into(),
            ci.to_string().into_bytes(),
        ));
        if v.vm.kvp_registry {
            // The KVP registry the host writes into the guest (Get-ItemProperty, Format-List).
            let kvp = format!(
                "\r\nVirtualMachineId   : {}\r\nVirtualMachineName : {}\r\nHostName           : {}\r\n",
                guid_for(&v.vm.name),
                v.vm.name,
                v.vm.owner
            );
            out.push((
                folder(computer),
                "kvp-parameters.txt".into(),
                kvp.into_bytes(),
            ));
        }
        let family = cat
            .edition(&v.vm.edition)
            .map_or("standard", |e| e.family.as_str());
        let gen = cat
            .version(&v.vm.version)
            .map_or(v.vm.version.as_str(), |x| cat.key_generation(x));
        let key = match v.vm.key.as_str() {
            "avma" => cat.key_for(KeyKind::Avma, gen, family),
            "kms" => cat.key_for(KeyKind::Gvlk, &v.vm.version, family),
            "none" => None,
            k => avma_core::key::ProductKey::parse(k).and_then(|p| cat.key(&p)),
        };
        let channel = match key.map(|k| k.kind) {
            Some(KeyKind::Avma) => "VIRTUAL_MACHINE_ACTIVATION",
            Some(KeyKind::Gvlk) => "VOLUME_KMSCLIENT",
            None => "RETAIL",
        };
        // Not activated (or waiting for AVMA after a move): Notification, with the last code
        // (none while pending).
        let status = if v.activated { 1 } else { 5 };
        let reason = if v.activated || v.pending {
            0
        } else {
            v.last_code
        };
        let grace = match (v.until_day, start, end) {
            (Some(u), Some(s), Some(e)) if v.activated => {
                let until = s
                    .checked_add(jiff::Span::new().days(i64::from(u)))
                    .unwrap_or(s);
                ((until - e).get_days().max(0) as u64) * 1440
            }
            _ => 0,
        };
        let at = v.last_activation_day.and_then(|d| {
            start.map(|s| {
                format!(
                    "{}T09:00:00Z",
                    s.checked_add(jiff::Span::new().days(i64::from(d)))
                        .unwrap_or(s)
                )
            })
        });
        let last5 = key.map(|k| k.last5().to_string());
        out.push((
            folder(computer),
            "slp.json".into(),
            slp(&SlpRow {
                name: computer,
                edition: &v.vm.edition,
                channel,
                last5: last5.as_deref(),
                status,
                reason,
                grace,
                host: v
                    .last_host
                    .as_deref()
                    .filter(|_| key.is_some_and(|k| k.kind == KeyKind::Avma)),
                activated_at: at.as_deref(),
            })
            .to_string()
            .into_bytes(),
        ));
        push_events(&mut out, &v.vm.name, v.vm.computer(), &mut record);
    }
    out
}
