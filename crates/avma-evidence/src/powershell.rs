//! PowerShell output, as `ConvertTo-Json` or as `Format-List` text: Get-CimInstance
//! SoftwareLicensingProduct / SoftwareLicensingService, the registry's CurrentVersion,
//! Get-ComputerInfo, Get-WindowsEdition, Get-VMIntegrationService, Get-VM, Get-ClusterNode,
//! Get-ClusterGroup, Get-ClusterOwnerNode, Get-Service. Objects are recognized by their property
//! names, which PowerShell never translates (values like display names may be localized).

use serde_json::Value;

use avma_core::plan::KVP_COMPONENT_GUID;
use avma_core::text::Msg;
use avma_core::Catalog;

use crate::observe::{
    norm_guid, ArtifactKind, EditionSource, Fact, GuestParameters, IntegrationService,
    KvpIntrinsic, ProductFacts, Provenance, ReadResult,
};
use crate::util::{cim_date, edition_in_name, is_placeholder, version_in_caption};

/// One PowerShell object: properties in order, with the line each was read on.
#[derive(Debug, Default)]
pub struct PsObject {
    pub line: u64,
    pub props: Vec<(String, Value, u64)>,
}

impl PsObject {
    pub(crate) fn get(&self, name: &str) -> Option<&Value> {
        self.props
            .iter()
            .find(|(k, _, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v, _)| v)
    }
    pub(crate) fn has(&self, name: &str) -> bool {
        self.get(name).is_some()
    }
    fn line_of(&self, name: &str) -> u64 {
        self.props
            .iter()
            .find(|(k, _, _)| k.eq_ignore_ascii_case(name))
            .map_or(self.line, |(_, _, l)| *l)
    }
    /// A property as text: strings as they are, numbers and booleans printed, objects by their
    /// `Name`; null and empty strings are None.
    pub(crate) fn str(&self, name: &str) -> Option<String> {
        value_str(self.get(name)?)
    }
    pub(crate) fn num(&self, name: &str) -> Option<u64> {
        match self.get(name)? {
            Value::Number(n) => n.as_u64().or_else(|| n.as_i64().map(|i| i as u64)),
            Value::String(s) => s.trim().parse().ok(),
            _ => None,
        }
    }
}

/// A value as text (see [`PsObject::str`]), for the other object readers of the crate.
pub(crate) fn value_text(v: &Value) -> Option<String> {
    value_str(v)
}

fn value_str(v: &Value) -> Option<String> {
    match v {
        Value::Null => None,
        // A redaction placeholder (`<REDACTED>`, `*****`, `XXXXX`) is no value.
        Value::String(s) => {
            Some(s.trim().to_string()).filter(|s| !s.is_empty() && !is_placeholder(s))
        }
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Object(o) => o.get("Name").and_then(value_str),
        Value::Array(a) => {
            let parts: Vec<String> = a.iter().filter_map(value_str).collect();
            (!parts.is_empty()).then(|| parts.join(", "))
        }
    }
}

fn value_list(v: &Value) -> Vec<String> {
    match v {
        Value::Array(a) => a.iter().filter_map(value_str).collect(),
        Value::String(s) => s
            .trim_matches(|c| c == '{' || c == '}')
            .split(',')
            .map(|p| p.trim().to_string())
            .filter(|p| !p.is_empty())
            .collect(),
        other => value_str(other).into_iter().collect(),
    }
}

pub fn looks_like_json(text_start: &str) -> bool {
    let t = text_start.trim_start();
    t.starts_with('{') || t.starts_with('[')
}

pub fn looks_like_format_list(lines: &[String]) -> bool {
    // Over the whole text (a listing may follow any amount of other output); stops at the second.
    let props = lines
        .iter()
        .filter(|l| {
            let t = l.trim_end();
            t.find(" : ").is_some_and(|i| {
                let name = t[..i].trim();
                !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
            }) || t.ends_with(" :")
        })
        .take(2)
        .count();
    // `Get-WindowsEdition -Online` prints one property: `Edition : ServerStandardEval`.
    props >= 2
        || lines
            .iter()
            .any(|l| crate::osversion::is_windows_edition_line(l))
}

/// Line (1-based) at which each top-level object of a JSON text starts.
fn object_lines(text: &str) -> Vec<u64> {
    let mut out = Vec::new();
    let mut depth = 0i32;
    let mut line = 1u64;
    let mut in_str = false;
    let mut esc = false;
    let top_array = text.trim_start().starts_with('[');
    for c in text.chars() {
        if c == '\n' {
            line += 1;
        }
        if in_str {
            match (esc, c) {
                (true, _) => esc = false,
                (false, '\\') => esc = true,
                (false, '"') => in_str = false,
                _ => {}
            }
            continue;
        }
        match c {
            '"' => in_str = true,
            '{' | '[' => {
                if c == '{' && depth == i32::from(top_array) {
                    out.push(line);
                }
                depth += 1;
            }
            '}' | ']' => depth -= 1,
            _ => {}
        }
    }
    out
}

/// Parse `ConvertTo-Json` output into objects.
pub fn parse_json(text: &str, r: &mut ReadResult) -> Vec<PsObject> {
    let value: Value = match serde_json::from_str(text.trim_start_matches('\u{feff}')) {
        Ok(v) => v,
        Err(e) => {
            // serde_json stops at 128 levels of nesting and calls it a syntax error; its error code
            // is not public, only its text says so.
            let id = match e.classify() {
                serde_json::error::Category::Eof => "reader-json-eof",
                _ if e.to_string().starts_with("recursion limit exceeded") => {
                    "reader-json-too-deep"
                }
                _ => "reader-json-syntax",
            };
            r.problem(
                Some(e.line() as u64),
                Msg::new(id)
                    .arg("line", e.line() as i64)
                    .arg("column", e.column() as i64),
            );
            return Vec::new();
        }
    };
    let lines = object_lines(text);
    let items: Vec<Value> = match value {
        Value::Array(a) => a,
        v @ Value::Object(_) => vec![v],
        _ => {
            r.problem(None, Msg::new("reader-json-not-objects"));
            return Vec::new();
        }
    };
    items
        .into_iter()
        .enumerate()
        .filter_map(|(i, v)| match v {
            Value::Object(m) => {
                let line = lines.get(i).copied().unwrap_or(1);
                Some(PsObject {
                    line,
                    props: m.into_iter().map(|(k, v)| (k, v, line)).collect(),
                })
            }
            _ => None,
        })
        .collect()
}

/// Parse `Format-List` text into objects (blank lines separate objects; wrapped values continue
/// on indented lines).
pub fn parse_format_list(lines: &[String]) -> Vec<PsObject> {
    parse_format_list_at(lines, &[])
}

/// [`parse_format_list`] where line `i` is input line `nums[i]`.
pub fn parse_format_list_at(lines: &[String], nums: &[u64]) -> Vec<PsObject> {
    let mut out = Vec::new();
    let mut cur = PsObject::default();
    for (i, raw) in lines.iter().enumerate() {
        let n = nums.get(i).copied().unwrap_or(i as u64 + 1);
        let line = raw.trim_end();
        if line.trim().is_empty() {
            if !cur.props.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            continue;
        }
        let split = line
            .find(" : ")
            .map(|i| (i, 3))
            .or_else(|| line.ends_with(" :").then(|| (line.len() - 2, 2)))
            // Inside an object, a name longer than the others' alignment (`LongName: value`,
            // hand-trimmed) is a property of its own, never the previous (maybe empty) value:
            // PowerShell indents the continuation of a wrapped value.
            .or_else(|| (!cur.props.is_empty()).then(|| glued_name(line)).flatten());
        match split {
            Some((i, w))
                if !line[..i].trim().is_empty()
                    && !line[..i].trim().contains(' ')
                    && !line.starts_with(' ') =>
            {
                if cur.props.is_empty() {
                    cur.line = n;
                }
                let name = line[..i].trim().to_string();
                let value = line.get(i + w..).unwrap_or("").trim().to_string();
                cur.props.push((name, Value::String(value), n));
            }
            _ => {
                // A continuation of the previous value. An event's `Message` keeps its own
                // line breaks (`hr=0x...` on a line of its own, never glued to the text before).
                if let Some((name, Value::String(v), _)) = cur.props.last_mut() {
                    if name.eq_ignore_ascii_case("Message") && !v.is_empty() {
                        v.push('\n');
                    }
                    v.push_str(line.trim());
                }
            }
        }
    }
    if !cur.props.is_empty() {
        out.push(cur);
    }
    out
}

/// `Name: value` or `Name:` with `Name` a property name (letters, digits, `_`): where the colon
/// is, and the width of the separator.
fn glued_name(line: &str) -> Option<(usize, usize)> {
    let i = line.find(':')?;
    let name = &line[..i];
    let ok = name.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    let rest = &line[i + 1..];
    (ok && (rest.is_empty() || rest.starts_with(' '))).then_some((i, 1))
}

fn state_name(kind: &str, v: &Value) -> Option<String> {
    if let Value::Number(n) = v {
        let n = n.as_i64()?;
        let name = match (kind, n) {
            ("node", 0) => "Up",
            ("node", 1) => "Down",
            ("node", 2) => "Paused",
            ("node", 3) => "Joining",
            ("group", 0) => "Online",
            ("group", 1) => "Offline",
            ("group", 2) => "Failed",
            ("group", 3) => "PartialOnline",
            ("group", 4) => "Pending",
            ("vm", 2) => "Running",
            ("vm", 3) => "Off",
            ("vm", 6) => "Saved",
            ("vm", 9) => "Paused",
            ("service", 1) => "Stopped",
            ("service", 4) => "Running",
            ("starttype", 2) => "Automatic",
            ("starttype", 3) => "Manual",
            ("starttype", 4) => "Disabled",
            _ => return Some(n.to_string()),
        };
        return Some(name.to_string());
    }
    value_str(v)
}

/// A Get-VM object that names its VM by `Name` (the default table, `Get-VM | Select-Object
/// Name,State,... | Format-List`, `powershell -c "Get-VM | ft Name,State,Version"` from cmd): a
/// `State` and, beside it, a property only a VM has (`VMId`, `Uptime`, `CPUUsage(%)`,
/// `MemoryAssigned(M)`, `Generation`), or a VM configuration version (`9.0`, `10.0`) with a VM
/// state as Hyper-V names it in English (`Running`, `Off`, `Saved`, `Paused`...). Property names
/// are never translated. A service (`StartType`, `DisplayName`), an integration service
/// (`Enabled`), a cluster group (`OwnerNode`) or node is not one.
fn is_vm_by_name(o: &PsObject) -> bool {
    if !o.has("Name")
        || !o.has("State")
        || o.has("VMName")
        || [
            "Enabled",
            "OwnerNode",
            "StartMode",
            "StartType",
            "DisplayName",
            "ServiceName",
            "NodeWeight",
            "DynamicWeight",
        ]
        .iter()
        .any(|p| o.has(p))
    {
        return false;
    }
    let own = [
        "VMId",
        "Uptime",
        "CPUUsage(%)",
        "MemoryAssigned(M)",
        "Generation",
    ]
    .iter()
    .any(|p| o.has(p));
    let state = o.str("State").unwrap_or_default();
    let base = state.trim().trim_end_matches("-Critical");
    let vm_state = matches!(
        base,
        "Running"
            | "Off"
            | "Saved"
            | "Paused"
            | "Starting"
            | "Stopping"
            | "Saving"
            | "Pausing"
            | "Resuming"
            | "Reset"
    );
    let config_version = o.str("Version").is_some_and(|v| {
        let (a, b) = v.trim().split_once('.').unwrap_or(("", ""));
        (1..=2).contains(&a.len())
            && (1..=2).contains(&b.len())
            && a.chars().chain(b.chars()).all(|c| c.is_ascii_digit())
    });
    // `Get-VM | Select Name,State,Id`: the VM's Id is a GUID.
    let id_guid = o
        .str("Id")
        .is_some_and(|v| v.trim().len() == 36 && crate::util::guids(&v).len() == 1);
    own || ((config_version || id_guid) && vm_state)
}

/// Turn recognized objects into facts. Unrecognized objects get one problem per kind of object.
pub fn classify(
    file: &str,
    objects: &[PsObject],
    reader: &'static str,
    cat: &Catalog,
    r: &mut ReadResult,
) {
    let mut c = Classifier::new(file, reader, cat);
    for o in objects {
        c.feed(o, r);
    }
    c.finish(r);
}

/// The longest property name quoted in a problem (a longer "name" is no PowerShell property).
const NAME_SHOWN: usize = 40;

/// [`classify`] one object at a time, so that a caller can read objects as it parses them (a
/// table of any length in memory bounded by one row): the state that spans objects is the
/// keyless Windows licence kept to say "no product key" and the kinds of unknown objects already
/// reported.
pub struct Classifier<'a> {
    file: &'a str,
    reader: &'static str,
    cat: &'a Catalog,
    // Licensing rows without a key are licences not in use; but when no row of a machine has a
    // key, that absence is itself a fact ("no product key"): the first Windows row of each
    // machine (by `PSComputerName`; rows that name none are one machine) is kept to say so.
    keyless: Vec<(Option<String>, ProductFacts, u64)>,
    with_key: std::collections::HashSet<Option<String>>,
    unknown_seen: std::collections::HashSet<String>,
    // Where each object naming its own machine by `CSName` (no `PSComputerName`, not a VM
    // listing) starts, when its name differs from the one before: see [`Classifier::finish`].
    cs_names: Vec<(u64, String)>,
    // An object carried `PSComputerName`: remoting output marks its machines itself.
    remoting: bool,
}

impl<'a> Classifier<'a> {
    pub fn new(file: &'a str, reader: &'static str, cat: &'a Catalog) -> Classifier<'a> {
        Classifier {
            file,
            reader,
            cat,
            keyless: Vec::new(),
            with_key: std::collections::HashSet::new(),
            unknown_seen: std::collections::HashSet::new(),
            cs_names: Vec::new(),
            remoting: false,
        }
    }

    /// The facts of one object.
    pub fn feed(&mut self, o: &PsObject, r: &mut ReadResult) {
        self.cs_name_mark(o);
        let (file, reader, cat) = (self.file, self.reader, self.cat);
        let at = |o: &PsObject, prop: &str| Provenance::line(file, o.line_of(prop), reader);
        let keyless = &mut self.keyless;
        let with_key = &mut self.with_key;
        // The machine an object is of, for the keyless fallback.
        let machine = o
            .str("PSComputerName")
            .map(|n| n.trim().to_ascii_uppercase());
        let mut known = false;
        // Remoting output (Invoke-Command): each object says which machine it came from; the
        // object's facts are that machine's (`detect` splits the file by these marks).
        // A DNS name (`hv01.corp.example`) names its machine as its first label does.
        if let Some(n) = o.str("PSComputerName").filter(|n| {
            let n = n.trim();
            let first = n.split('.').next().unwrap_or(n);
            crate::clean::is_host_name(first)
                && n.split('.')
                    .all(|l| !l.is_empty() && crate::clean::is_host_name(l))
        }) {
            let n = n.trim().to_ascii_uppercase();
            if r.sections.last().is_none_or(|s| s.1 != n) {
                r.sections.push((o.line, n));
            }
        }
        for name_prop in [
            "PSComputerName",
            "CsName",
            "CSName",
            "ComputerName",
            "MachineName",
        ] {
            if let Some(n) = o.str(name_prop) {
                if !o.has("VMName") && !o.has("OwnerNode") {
                    r.push(Fact::ComputerName { name: n }, at(o, name_prop));
                    break;
                }
            }
        }
        // SoftwareLicensingProduct
        // `| Select-Object Name, LicenseStatus` keeps neither key nor description: a licence's
        // name (`Windows(R), ServerStandard edition`) tells the row too.
        // `| ft PSComputerName,LicenseFamily,LicenseStatus`: the family alone names the licence
        // when it is an edition the catalog knows.
        let family_only = !o.has("PartialProductKey")
            && o.str("LicenseFamily")
                .is_some_and(|f| cat.edition(&f).is_some());
        if o.has("LicenseStatus")
            && (o.has("PartialProductKey")
                || o.has("Description")
                || o.has("ApplicationID")
                || family_only
                || o.str("Name").is_some_and(|n| n.ends_with(" edition")))
        {
            known = true;
            let mut p = ProductFacts {
                name: o.str("Name"),
                description: o.str("Description"),
                partial_key: o.str("PartialProductKey"),
                license_status: o.num("LicenseStatus").map(|v| v as u32),
                status_reason: o.num("LicenseStatusReason").map(|v| v as u32),
                grace_minutes: o.num("GracePeriodRemaining"),
                evaluation_end: o.str("EvaluationEndDate").and_then(|d| cim_date(&d)),
                application_id: o.str("ApplicationID").map(|s| s.to_ascii_lowercase()),
                activation_id: o.str("ID").map(|s| s.to_ascii_lowercase()),
                key_channel: o.str("ProductKeyChannel"),
                ..Default::default()
            };
            p.channel = p
                .description
                .as_deref()
                .and_then(|d| cat.channel_in(d))
                .map(|c| c.token.clone());
            p.edition = o
                .str("LicenseFamily")
                .or_else(|| p.name.as_deref().and_then(edition_in_name));
            p.avma.iaid = o.str("IAID");
            p.avma.host_machine_name = o.str("AutomaticVMActivationHostMachineName");
            p.avma.host_redacted = o
                .get("AutomaticVMActivationHostMachineName")
                .and_then(|v| v.as_str())
                .is_some_and(is_placeholder);
            p.avma.activation_time = o
                .str("AutomaticVMActivationLastActivationTime")
                .and_then(|d| cim_date(&d));
            p.avma.host_digital_pid2 = o.str("AutomaticVMActivationHostDigitalPid2");
            // A key the poster redacted (`XXXXX`) was there: the licence is in use.
            let redacted_key = o
                .get("PartialProductKey")
                .and_then(|v| v.as_str())
                .is_some_and(is_placeholder);
            p.key_redacted = redacted_key;
            if p.avma_left_over() {
                r.note(
                    Some(o.line_of("AutomaticVMActivationHostMachineName")),
                    Msg::new("reader-avma-left-over")
                        .arg("host", p.avma.host_machine_name.as_deref().unwrap_or("?"))
                        .arg("channel", p.channel.as_deref().unwrap_or("?")),
                );
            }
            // Rows without a key are licences that are not in use: keep only Windows rows in use.
            p.kms = kms_client(o);
            // Without a key column, a licensed, grace or notification status is the licence in
            // use (an unused one is unlicensed).
            let in_use_by_status = family_only && p.license_status.is_some_and(|s| s != 0);
            if p.partial_key.is_none() && !redacted_key && !in_use_by_status {
                if !keyless.iter().any(|k| k.0 == machine)
                    && p.name.as_deref().is_some_and(|n| n.starts_with("Windows"))
                {
                    keyless.push((machine.clone(), p.clone(), o.line));
                }
            } else {
                with_key.insert(machine.clone());
                // Another product's licence (Office) is listed apart, never the machine's.
                if let Some(name) = p.name.as_deref().filter(|n| {
                    p.edition.is_none() && !n.starts_with("Windows") && !is_placeholder(n)
                }) {
                    r.note(
                        Some(o.line),
                        Msg::new("reader-not-windows").arg("name", name),
                    );
                }
                if let Some(e) = &p.edition {
                    r.push(
                        Fact::Edition {
                            edition: e.clone(),
                            source: EditionSource::Licensing,
                        },
                        at(o, "LicenseFamily"),
                    );
                }
                r.push(
                    Fact::Product(Box::new(p)),
                    Provenance::line(file, o.line, reader),
                );
            }
        }
        // SoftwareLicensingService
        if o.has("RemainingWindowsReArmCount")
            || o.has("KeyManagementServiceMachine")
            || o.has("ClientMachineId")
        {
            known = true;
        }
        // Registry CurrentVersion, Get-ComputerInfo, Win32_OperatingSystem, Get-WindowsEdition
        for (prop, source) in [
            ("EditionID", EditionSource::Registry),
            ("WindowsEditionId", EditionSource::Registry),
            ("Edition", EditionSource::Registry),
        ] {
            if let Some(e) = o.str(prop) {
                if prop != "Edition" || cat.edition(&e).is_some() || o.has("RestartNeeded") {
                    known = true;
                    r.push(Fact::Edition { edition: e, source }, at(o, prop));
                }
            }
        }
        // Win32_OperatingSystem's OperatingSystemSKU (`Get-CimInstance Win32_OperatingSystem |
        // fl Caption,OperatingSystemSKU`, `wmic os get OperatingSystemSKU`): GetProductInfo's
        // PRODUCT_* number of the installed edition, read as the EditionID it stands for.
        let sku_edition = if is_kvp_intrinsic(o) {
            None
        } else {
            o.num("OperatingSystemSKU")
                .and_then(|n| u32::try_from(n).ok())
                .and_then(edition_of_sku)
                .and_then(|e| cat.edition(e))
        };
        if let Some(e) = sku_edition {
            known = true;
            r.push(
                Fact::Edition {
                    edition: e.id.clone(),
                    source: EditionSource::Registry,
                },
                at(o, "OperatingSystemSKU"),
            );
        }
        for prop in [
            "CurrentBuildNumber",
            "CurrentBuild",
            "OsBuildNumber",
            "BuildNumber",
        ] {
            if let Some(b) = o.num(prop) {
                known = true;
                r.push(Fact::OsBuild { build: b as u32 }, at(o, prop));
                break;
            }
        }
        // The OS as it names itself: Win32_OperatingSystem's Caption, Get-ComputerInfo's OsName
        // and WindowsProductName, the registry's ProductName. Other classes have a Caption too
        // (services, devices): only one that names Windows counts.
        // A host's view of a guest (the KVP intrinsic items' OSName) is not the host's own OS.
        let own_os = !is_kvp_intrinsic(o);
        for prop in ["Caption", "OsName", "WindowsProductName", "ProductName"] {
            let Some(c) = o.str(prop).filter(|c| own_os && !is_placeholder(c)) else {
                continue;
            };
            let version = version_in_caption(&c, cat);
            let os_object = [
                "BuildNumber",
                "CurrentBuild",
                "OsBuildNumber",
                "OSArchitecture",
                "OperatingSystemSKU",
            ]
            .iter()
            .any(|p| o.has(p));
            if version.is_some() || (os_object && c.contains("Windows")) {
                known = true;
                // The edition the caption names (`Microsoft Windows Server 2022 Datacenter` →
                // ServerDatacenter, `... Standard Evaluation` → ServerStandardEval), as systeminfo's
                // OS Name gives it, unless the object says its EditionID itself. Beside an
                // OperatingSystemSKU the caption's edition is said only when it is another
                // family or evaluation state than the SKU's (a conflict for the model; the
                // caption never names Server Core, so Datacenter beside SKU 12 agrees).
                let own_edition = ["EditionID", "WindowsEditionId", "Edition"]
                    .iter()
                    .any(|p| o.has(p));
                let beside_sku = |e: &str| {
                    cat.edition(e).is_some_and(|ce| {
                        sku_edition.is_none_or(|se| se.family != ce.family || se.eval != ce.eval)
                    })
                };
                if let Some(e) = crate::systeminfo::edition_in_os_name(&c)
                    .filter(|e| !own_edition && beside_sku(e))
                {
                    r.push(
                        Fact::Edition {
                            edition: e.to_string(),
                            source: EditionSource::Registry,
                        },
                        at(o, prop),
                    );
                }
                r.push(
                    Fact::OsCaption {
                        caption: c,
                        version,
                    },
                    at(o, prop),
                );
                break;
            }
        }
        let kvp_object = is_kvp_intrinsic(o);
        if let (false, Some(pt)) = (
            kvp_object,
            o.num("OsProductType").or_else(|| o.num("ProductType")),
        ) {
            known = true;
            r.push(
                Fact::DomainController { is_dc: pt == 2 },
                at(o, "ProductType"),
            );
        } else if let Some(role) = o.num("CsDomainRole").or_else(|| o.num("DomainRole")) {
            known = true;
            r.push(
                Fact::DomainController { is_dc: role >= 4 },
                at(o, "DomainRole"),
            );
        }
        // Get-VMIntegrationService
        if let (Some(id), true) = (o.str("Id"), o.has("Enabled")) {
            if id.contains('\\') || o.has("VMName") {
                known = true;
                r.push(
                    Fact::IntegrationService(IntegrationService {
                        vm: o.str("VMName"),
                        name: o.str("Name"),
                        is_data_exchange: id.to_ascii_uppercase().ends_with(KVP_COMPONENT_GUID),
                        id: Some(id),
                        enabled: o.get("Enabled").and_then(|v| match v {
                            Value::Bool(b) => Some(*b),
                            Value::String(s) => s.trim().parse::<bool>().ok().or(match s.trim() {
                                "True" => Some(true),
                                "False" => Some(false),
                                _ => None,
                            }),
                            _ => None,
                        }),
                        primary_status: o.str("PrimaryStatusDescription"),
                    }),
                    Provenance::line(file, o.line, reader),
                );
            }
        }
        // Get-VM: by `VMName`, or by `Name` with a VM's own properties (see `is_vm_by_name`).
        let vm_by_name = is_vm_by_name(o);
        if (o.has("VMName")
            && (o.has("VMId") || o.has("State") || o.has("Generation"))
            && !o.has("Enabled"))
            || vm_by_name
        {
            known = true;
            let name = if vm_by_name {
                o.str("Name")
            } else {
                o.str("VMName")
            };
            r.push(
                Fact::Vm {
                    name: name.unwrap_or_default(),
                    id: o.str("VMId").or_else(|| o.str("Id")),
                    state: o.get("State").and_then(|v| state_name("vm", v)),
                    host: o.str("ComputerName"),
                },
                Provenance::line(file, o.line, reader),
            );
        }
        // Get-ClusterNode: its properties, or its default table (`Name State Type`, `Name ID
        // State`), known by a node's state (Up, Down, Paused, Joining) and, when shown, Type Node.
        let node_state = |o: &PsObject| {
            o.get("State")
                .and_then(|v| state_name("node", v))
                .is_some_and(|s| matches!(s.as_str(), "Up" | "Down" | "Paused" | "Joining"))
        };
        let node_table = o.has("Name")
            && !o.has("VMName")
            && !o.has("OwnerNode")
            && node_state(o)
            && o.str("Type").is_none_or(|t| t == "Node");
        if o.has("NodeWeight")
            || o.has("DynamicWeight")
            || (o.has("NodeName") && o.has("State"))
            || node_table
        {
            known = true;
            r.push(
                Fact::ClusterNode {
                    name: o
                        .str("Name")
                        .or_else(|| o.str("NodeName"))
                        .unwrap_or_default(),
                    state: o.get("State").and_then(|v| state_name("node", v)),
                },
                Provenance::line(file, o.line, reader),
            );
        }
        // Get-ClusterGroup
        if o.has("OwnerNode") {
            known = true;
            r.push(
                Fact::ClusterGroup {
                    name: o.str("Name").unwrap_or_default(),
                    owner: o.str("OwnerNode"),
                    state: o.get("State").and_then(|v| state_name("group", v)),
                    group_type: o.get("GroupType").and_then(|v| match v {
                        Value::Number(n) if n.as_i64() == Some(111) => {
                            Some("VirtualMachine".to_string())
                        }
                        other => value_str(other),
                    }),
                },
                Provenance::line(file, o.line, reader),
            );
        }
        // Get-ClusterOwnerNode
        if let (Some(obj), Some(owners)) = (o.str("ClusterObject"), o.get("OwnerNodes")) {
            known = true;
            r.push(
                Fact::ClusterOwners {
                    group: obj,
                    owners: value_list(owners),
                },
                Provenance::line(file, o.line, reader),
            );
        }
        // Get-Service (a row whose name could not be read names no service)
        let service_name = o.str("ServiceName").or_else(|| o.str("Name"));
        // Get-Service's default table (`Status Name DisplayName`): a service status beside a
        // display name, no VM's property.
        let default_table = o.has("DisplayName")
            && !o.has("VMName")
            && o.str("Status").is_some_and(|v| {
                matches!(
                    v.trim(),
                    "Running"
                        | "Stopped"
                        | "Paused"
                        | "StartPending"
                        | "StopPending"
                        | "ContinuePending"
                        | "PausePending"
                )
            });
        let is_service =
            (o.has("ServiceName") || o.has("StartType") || default_table) && o.has("Status");
        if is_service {
            known = true;
        }
        if let Some(name) = service_name.filter(|_| is_service) {
            r.push(
                Fact::Service {
                    name,
                    status: o.get("Status").and_then(|v| state_name("service", v)),
                    start_type: o.get("StartType").and_then(|v| state_name("starttype", v)),
                },
                Provenance::line(file, o.line, reader),
            );
        }
        known |= identity_facts(o, file, reader, cat, r);
        // Get-WinEvent / Get-EventLog (Format-List, table rows or ConvertTo-Json).
        if let Some(rec) = crate::psevents::event_of(o, cat) {
            known = true;
            r.push(
                Fact::Event(Box::new(rec)),
                Provenance::line(file, o.line, reader),
            );
        }
        // [Environment]::OSVersion (and its .Version), Get-ComputerInfo's OsVersion.
        if let Some((build, prop)) = crate::osversion::build_of_object(o) {
            known = true;
            r.push(Fact::OsBuild { build }, at(o, prop));
        }
        // SoftwareLicensingService or SoftwareLicensingProduct: the KMS host in use, set by
        // hand or found in DNS.
        for prop in [
            "KeyManagementServiceMachine",
            "DiscoveredKeyManagementServiceMachineName",
        ] {
            if let Some(h) = kms_of(o, prop) {
                known = true;
                r.push(Fact::KmsHost { host: h }, at(o, prop));
            }
        }
        if known {
            r.placed.extend(o.props.iter().map(|p| p.2));
        }
        if !known {
            let names: Vec<String> = o
                .props
                .iter()
                .take(4)
                .map(|(k, _, _)| {
                    if k.chars().count() > NAME_SHOWN {
                        let mut n: String = k.chars().take(NAME_SHOWN).collect();
                        n.push('…');
                        n
                    } else {
                        k.clone()
                    }
                })
                .collect();
            let names = names.join(", ");
            // One problem per kind of object: a table of a thousand unknown rows says it once.
            if self.unknown_seen.insert(names.clone()) {
                r.problem(
                    Some(o.line),
                    if names.is_empty() {
                        // `{}`: no property to name.
                        Msg::new("reader-object-empty")
                    } else {
                        Msg::new("reader-object-unknown").arg("properties", names)
                    },
                );
            }
        }
    }

    /// An object that names its own machine by `CSName` (`Win32_OperatingSystem` through wmic or
    /// CIM, run on one machine and then on another): where it starts, when the name differs from
    /// the last one seen. Remoting output (`PSComputerName`) and VM listings (`VMName`,
    /// `OwnerNode`: a VM's name in a host's table) mark nothing here.
    fn cs_name_mark(&mut self, o: &PsObject) {
        if o.has("PSComputerName") {
            self.remoting = true;
            return;
        }
        if o.has("VMName") || o.has("OwnerNode") {
            return;
        }
        let Some(n) = o.str("CSName") else { return };
        let n = n.trim().to_ascii_uppercase();
        let first = n.split('.').next().unwrap_or(&n);
        if !crate::clean::is_host_name(first) {
            return;
        }
        if self.cs_names.last().is_none_or(|s| s.1 != n) {
            self.cs_names.push((o.line, n));
        }
    }

    /// The facts that only the whole list of objects gives.
    pub fn finish(mut self, r: &mut ReadResult) {
        // Two or more different `CSName`s: each starts its machine's section (the output after
        // it, up to the next mark, is that machine's); one name alone splits nothing.
        let cs = std::mem::take(&mut self.cs_names);
        if !self.remoting && cs.len() >= 2 {
            r.sections.extend(cs);
        }
        for (machine, p, line) in self.keyless {
            if !self.with_key.contains(&machine) {
                r.push(
                    Fact::Product(Box::new(p)),
                    Provenance::line(self.file, line, self.reader),
                );
            }
        }
    }
}

/// A KMS host property (`KeyManagementServiceMachine`, `DiscoveredKeyManagementServiceMachineName`)
/// with its port (`...Port`; 0 or none is KMS's default 1688), as `name:port`.
fn kms_of(o: &PsObject, prop: &str) -> Option<String> {
    let h = o.str(prop).filter(|h| !h.trim().is_empty())?;
    let port_prop = match prop.strip_suffix("Name") {
        Some(stem) => format!("{stem}Port"),
        None => prop.replace("Machine", "Port"),
    };
    let port = o
        .num(&port_prop)
        .filter(|p| *p > 0 && *p <= 65535)
        .unwrap_or(1688);
    Some(format!("{}:{port}", h.trim()))
}

/// The KMS client information of a licensing row (its `KeyManagementService*` properties).
fn kms_client(o: &PsObject) -> crate::observe::KmsClient {
    crate::observe::KmsClient {
        registered: kms_of(o, "KeyManagementServiceMachine"),
        discovered: kms_of(o, "DiscoveredKeyManagementServiceMachineName"),
        ip: o
            .str("DiscoveredKeyManagementServiceMachineIpAddress")
            .filter(|v| v.parse::<std::net::IpAddr>().is_ok()),
        extended_pid: o
            .str("KeyManagementServiceProductKeyID")
            .filter(|v| crate::util::build_in_extended_pid(v).is_some()),
        activation_interval: o.num("VLActivationInterval").filter(|v| *v > 0),
        renewal_interval: o.num("VLRenewalInterval").filter(|v| *v > 0),
    }
}

pub fn read_json(file: &str, text: &str, cat: &Catalog) -> ReadResult {
    let mut r = ReadResult::new(file, ArtifactKind::CimJson);
    let body = text.trim_start_matches('\u{feff}');
    // JSON Lines (one object per line, as `evtx_dump -o jsonl` writes): each line on its own.
    let whole_ok = serde_json::from_str::<serde::de::IgnoredAny>(body).is_ok();
    if !whole_ok {
        let mut objects = Vec::new();
        let mut all_lines = true;
        let mut any = false;
        for (i, l) in body.lines().enumerate() {
            let t = l.trim();
            if t.is_empty() {
                continue;
            }
            match serde_json::from_str::<Value>(t) {
                Ok(v) => {
                    any = true;
                    objects.push((i as u64 + 1, v));
                }
                Err(_) => {
                    all_lines = false;
                    break;
                }
            }
        }
        if all_lines && any {
            for (line, v) in objects {
                read_value(file, v, line, cat, &mut r);
            }
            return r;
        }
    }
    if let Ok(v) = serde_json::from_str::<Value>(body) {
        if is_event_json(&v)
            || v.as_array()
                .is_some_and(|a| a.first().is_some_and(is_event_json))
        {
            let lines = object_lines(text);
            let items = match v {
                Value::Array(a) => a,
                v => vec![v],
            };
            for (i, item) in items.into_iter().enumerate() {
                read_value(file, item, lines.get(i).copied().unwrap_or(1), cat, &mut r);
            }
            return r;
        }
    }
    let objects = parse_json(text, &mut r);
    classify(file, &objects, "cim-json", cat, &mut r);
    if r.observations
        .iter()
        .any(|o| matches!(o.fact, Fact::Event(_)))
    {
        r.kind = ArtifactKind::EventJson;
    }
    r
}

/// `{"Event": {"System": ..., "EventData": ...}}`: what .evtx converters write.
fn is_event_json(v: &Value) -> bool {
    v.get("Event").is_some_and(|e| e.get("System").is_some())
        || (v.get("System").is_some()
            && v.get("System").is_some_and(|s| s.get("EventID").is_some()))
}

fn read_value(file: &str, v: Value, line: u64, cat: &Catalog, r: &mut ReadResult) {
    if is_event_json(&v) {
        if let Some(rec) = event_from_json(&v) {
            r.kind = ArtifactKind::EventJson;
            r.placed.push(line);
            let from = Provenance {
                file: file.to_string(),
                line: Some(line),
                record: rec.record_id,
                reader: "event-json",
            };
            if let Some(c) = &rec.computer {
                r.push(Fact::ComputerName { name: c.clone() }, from.clone());
            }
            r.push(Fact::Event(Box::new(rec)), from);
        }
        return;
    }
    if let Value::Object(m) = v {
        let o = PsObject {
            line,
            props: m.into_iter().map(|(k, v)| (k, v, line)).collect(),
        };
        classify(file, std::slice::from_ref(&o), "cim-json", cat, r);
        if r.observations
            .iter()
            .any(|o| matches!(o.fact, Fact::Event(_)))
        {
            r.kind = ArtifactKind::EventJson;
        }
    }
}

/// An event from converter JSON: attributes as `#attributes` (evtx_dump) or `@Name`/`_attributes`
/// (other converters), text as `#text` or the value itself.
fn event_from_json(v: &Value) -> Option<crate::observe::EventRecord> {
    let ev = v.get("Event").unwrap_or(v);
    let sys = ev.get("System")?;
    let attr = |node: &Value, name: &str| -> Option<String> {
        for holder in ["#attributes", "_attributes", "$", "attributes"] {
            if let Some(a) = node.get(holder).and_then(|a| a.get(name)) {
                return value_str(a);
            }
        }
        node.get(format!("@{name}")).and_then(value_str)
    };
    let text = |node: &Value| -> Option<String> {
        match node {
            Value::Object(m) => m
                .get("#text")
                .or_else(|| m.get("_text"))
                .or_else(|| m.get("Value"))
                .and_then(value_str),
            other => value_str(other),
        }
    };
    let provider = sys.get("Provider").and_then(|p| attr(p, "Name"))?;
    let id_node = sys.get("EventID")?;
    let event_id: u32 = text(id_node)?.trim().parse().ok()?;
    let mut data = Vec::new();
    let mut push = |name: Option<String>, val: Option<String>| {
        let val = val.unwrap_or_default();
        data.push(match name {
            Some(n) => format!("{n}={val}"),
            None => val,
        });
    };
    for part in ["EventData", "UserData"] {
        let Some(node) = ev.get(part) else { continue };
        match node.get("Data") {
            Some(Value::Array(items)) => {
                for it in items {
                    push(attr(it, "Name"), text(it));
                }
            }
            Some(one) => push(attr(one, "Name"), text(one)),
            None => {
                if let Value::Object(m) = node {
                    for (k, val) in m {
                        if !k.starts_with('#') && !k.starts_with('@') {
                            push(Some(k.clone()), text(val));
                        }
                    }
                }
            }
        }
    }
    let num = |n: Option<&Value>| n.and_then(text).and_then(|t| t.trim().parse::<u64>().ok());
    Some(crate::eventxml::finish(crate::observe::EventRecord {
        provider,
        event_id,
        qualifiers: attr(id_node, "Qualifiers").and_then(|q| q.parse().ok()),
        time: sys.get("TimeCreated").and_then(|t| attr(t, "SystemTime")),
        computer: sys.get("Computer").and_then(text),
        channel: sys.get("Channel").and_then(text),
        record_id: num(sys.get("EventRecordID")),
        level: num(sys.get("Level")).map(|l| l as u32),
        data,
        // Converters that keep the rendering (RenderingInfo) give the message and level text.
        message: ev
            .get("RenderingInfo")
            .and_then(|r| r.get("Message"))
            .and_then(text),
        level_name: ev
            .get("RenderingInfo")
            .and_then(|r| r.get("Level"))
            .and_then(text),
        ..Default::default()
    }))
}

pub fn read_format_list(file: &str, lines: &[String], cat: &Catalog) -> ReadResult {
    read_format_list_at(file, lines, &[], cat)
}

/// [`read_format_list`] where line `i` is input line `nums[i]`.
pub fn read_format_list_at(
    file: &str,
    lines: &[String],
    nums: &[u64],
    cat: &Catalog,
) -> ReadResult {
    let mut r = ReadResult::new(file, ArtifactKind::FormatList);
    let objects = parse_format_list_at(lines, nums);
    classify(file, &objects, "format-list", cat, &mut r);
    r
}

/// Turn table rows (already split into named cells) into facts, as `Format-Table` printed them.
pub fn classify_rows(file: &str, objects: &[PsObject], cat: &Catalog, r: &mut ReadResult) {
    classify(file, objects, "format-table", cat, r);
}

/// Whether an object is a VM's intrinsic Data Exchange items as its host reads them.
fn is_kvp_intrinsic(o: &PsObject) -> bool {
    o.has("GuestIntrinsicExchangeItems")
        || ((o.has("VMName") || o.has("VMId")) && o.has("OSName") && o.has("OSBuildNumber"))
}

/// The EditionID of a GetProductInfo SKU number (`OSEditionId` in the intrinsic KVP items,
/// Win32_OperatingSystem's `OperatingSystemSKU`), for the server SKUs avma activates; others are
/// kept as reported. The numbers are the PRODUCT_* constants of Microsoft's Win32 metadata
/// (windows-rs / windows-sys `PRODUCT_STANDARD_SERVER` = 7 ... `PRODUCT_DATACENTER_SERVER_CORE_
/// AZURE_EDITION` = 408: official values); which EditionID each stands for is the community
/// product-type tables' (../shared/reference licensing-facts 7.3, catalog source
/// `community-product-types`: corroborated).
fn edition_of_sku(sku: u32) -> Option<&'static str> {
    Some(match sku {
        7 => "ServerStandard",
        8 => "ServerDatacenter",
        12 => "ServerDatacenterCor",
        13 => "ServerStandardCor",
        79 => "ServerStandardEval",
        80 => "ServerDatacenterEval",
        // PRODUCT_DATACENTER_WS_SERVER_CORE, PRODUCT_STANDARD_WS_SERVER_CORE.
        147 => "ServerDatacenterCor",
        148 => "ServerStandardCor",
        // PRODUCT_DATACENTER_EVALUATION_SERVER_CORE, PRODUCT_STANDARD_EVALUATION_SERVER_CORE.
        159 => "ServerDatacenterEvalCor",
        160 => "ServerStandardEvalCor",
        // PRODUCT_AZURESTACKHCI_SERVER_CORE, PRODUCT_DATACENTER_SERVER_AZURE_EDITION,
        // PRODUCT_DATACENTER_SERVER_CORE_AZURE_EDITION.
        406 => "ServerAzureStackHCICor",
        407 => "ServerTurbine",
        408 => "ServerTurbineCor",
        _ => return None,
    })
}

/// The name/value pairs of `GuestIntrinsicExchangeItems`: an object of names, a list of
/// `{Name, Data}` objects, or the raw `Msvm_KvpExchangeDataItem` embedded instances (XML) that CIM
/// returns.
fn kvp_items(v: &Value) -> Vec<(String, String)> {
    match v {
        Value::Object(m) => m
            .iter()
            .filter_map(|(k, v)| value_str(v).map(|v| (k.clone(), v)))
            .collect(),
        Value::Array(a) => a
            .iter()
            .filter_map(|item| match item {
                Value::Object(m) => {
                    let get = |n: &str| {
                        m.iter()
                            .find(|(k, _)| k.eq_ignore_ascii_case(n))
                            .and_then(|(_, v)| value_str(v))
                    };
                    Some((get("Name")?, get("Data")?))
                }
                Value::String(x) => kvp_xml_item(x),
                _ => None,
            })
            .collect(),
        Value::String(x) => x.split("</INSTANCE>").filter_map(kvp_xml_item).collect(),
        _ => Vec::new(),
    }
}

/// `Name` and `Data` of one `<INSTANCE CLASSNAME="Msvm_KvpExchangeDataItem">` text.
fn kvp_xml_item(x: &str) -> Option<(String, String)> {
    let prop = |name: &str| {
        let at = x.find(&format!("NAME=\"{name}\""))?;
        let rest = &x[at..];
        let start = rest.find("<VALUE>")? + "<VALUE>".len();
        let end = rest[start..].find("</VALUE>")?;
        Some(
            rest[start..start + end]
                .replace("&amp;", "&")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .trim()
                .to_string(),
        )
    };
    let name = prop("Name")?;
    let data = prop("Data").unwrap_or_default();
    (!name.is_empty()).then_some((name, data))
}

/// The identity objects: the guest's KVP registry (`Guest\Parameters`), BIOS GUIDs
/// (Win32_ComputerSystemProduct in the guest, Get-VM ... BIOSGUID on the host), the host's
/// intrinsic KVP items per VM, and the collector's manifest. Returns whether `o` was one.
fn identity_facts(
    o: &PsObject,
    file: &str,
    reader: &'static str,
    cat: &Catalog,
    r: &mut ReadResult,
) -> bool {
    let at = |prop: &str| Provenance::line(file, o.line_of(prop), reader);
    let mut known = false;
    if o.has("VirtualMachineId") || o.has("VirtualMachineName") || o.has("PhysicalHostName") {
        known = true;
        r.push(
            Fact::GuestParameters(Box::new(GuestParameters {
                vm_id: o.str("VirtualMachineId").map(|s| norm_guid(&s)),
                vm_name: o.str("VirtualMachineName"),
                host_name: o.str("HostName"),
                physical_host: o.str("PhysicalHostName"),
                physical_host_fqdn: o.str("PhysicalHostNameFullyQualified"),
            })),
            at("VirtualMachineId"),
        );
    }
    if let (Some(uuid), true) = (
        o.str("UUID"),
        o.has("IdentifyingNumber") || o.has("Vendor") || o.has("SKUNumber"),
    ) {
        known = true;
        r.push(
            Fact::BiosGuid {
                vm: None,
                guid: norm_guid(&uuid),
            },
            at("UUID"),
        );
    }
    if let (Some(vm), Some(g)) = (
        o.str("VMName"),
        o.str("BIOSGUID").or_else(|| o.str("BiosGuid")),
    ) {
        known = true;
        r.push(
            Fact::BiosGuid {
                vm: Some(vm),
                guid: norm_guid(&g),
            },
            at("BIOSGUID"),
        );
    }
    if is_kvp_intrinsic(o) {
        known = true;
        let items: Vec<(String, String)> = match o.get("GuestIntrinsicExchangeItems") {
            Some(v) => kvp_items(v),
            None => o
                .props
                .iter()
                .filter_map(|(k, v, _)| value_str(v).map(|v| (k.clone(), v)))
                .collect(),
        };
        let item = |n: &str| {
            items
                .iter()
                .find(|(k, _)| k.eq_ignore_ascii_case(n))
                .map(|(_, v)| v.clone())
                .filter(|v| !v.is_empty())
        };
        let os_name = item("OSName");
        let os_edition_id = item("OSEditionId");
        let edition = os_edition_id
            .as_deref()
            .and_then(|s| s.trim().parse::<u32>().ok())
            .and_then(edition_of_sku)
            .map(str::to_string)
            .or_else(|| {
                let n = os_name.as_deref()?;
                let spec = avma_core::spec::parse_machine(n, cat).ok()?;
                Some(spec.edition.id.clone())
            });
        r.push(
            Fact::KvpIntrinsic(Box::new(KvpIntrinsic {
                vm: o.str("VMName").or_else(|| o.str("ElementName")),
                vm_id: o
                    .str("VMId")
                    .or_else(|| o.str("SystemName"))
                    .map(|s| norm_guid(&s)),
                os_name,
                os_version: item("OSVersion"),
                os_build: item("OSBuildNumber").and_then(|b| b.trim().parse().ok()),
                os_edition_id,
                edition,
                product_type: item("ProductType").and_then(|b| b.trim().parse().ok()),
                fqdn: item("FullyQualifiedDomainName"),
            })),
            at("GuestIntrinsicExchangeItems"),
        );
    }
    if let (Some(schema), Some(t)) = (
        o.str("schema"),
        o.str("collected").or_else(|| o.str("collected_at")),
    ) {
        if schema.starts_with("avma.manifest") {
            known = true;
            r.push(Fact::Collected { time: t }, at("collected"));
        }
    }
    known
}
