//! Events as PowerShell objects, listed with `Format-List` (or `fl *`), `Format-Table` rows or
//! `ConvertTo-Json`: `Get-WinEvent`'s `EventLogRecord` (`Id`, `ProviderName`, `TimeCreated`,
//! `LevelDisplayName`, `MachineName`, `LogName`, `Message`, `Properties`...) and `Get-EventLog`'s
//! `EventLogEntry` (`EventID`, `Source`, `EntryType`, `TimeGenerated`, `Message`,
//! `ReplacementStrings`). Property names are never translated; the message and the level's word
//! are in the display language.
//!
//! A listing narrowed by `Format-List TimeCreated,Id,LevelDisplayName,Message` has no provider:
//! the event is still an event (its id and time say so); its provider is then the one the command
//! asked for (`ProviderName='...'`, `-ProviderName X`, `-Source X`, [`fill_providers`]), else the
//! one provider the catalog lists for that id, else unknown (empty).

use serde_json::Value;

use avma_core::Catalog;

use crate::clean::Cleaned;
use crate::observe::{EventRecord, Fact, ReadResult};
use crate::powershell::PsObject;
use crate::util::cim_date;

/// Whether the object is an event record of either cmdlet.
fn is_event(o: &PsObject) -> bool {
    if o.has("Enabled") {
        return false;
    }
    let winevent = o.num("Id").is_some()
        && (o.str("ProviderName").is_some()
            || (o.has("TimeCreated")
                && [
                    "LevelDisplayName",
                    "Message",
                    "MachineName",
                    "LogName",
                    "RecordId",
                ]
                .iter()
                .any(|p| o.has(p))));
    let eventlog = (o.num("EventID").is_some() || o.num("InstanceId").is_some())
        && ["Source", "TimeGenerated", "EntryType"]
            .iter()
            .any(|p| o.has(p));
    winevent || eventlog
}

/// The one provider the catalog lists for an event id, if exactly one.
fn provider_of_id(id: u32, cat: &Catalog) -> Option<String> {
    let mut ps: Vec<&str> = cat
        .events_by_id(id)
        .iter()
        .map(|e| e.provider.as_str())
        .collect();
    ps.sort_unstable();
    ps.dedup();
    match ps.as_slice() {
        [one] => Some(one.to_string()),
        _ => None,
    }
}

/// The event record an object is, when it is one.
pub(crate) fn event_of(o: &PsObject, cat: &Catalog) -> Option<EventRecord> {
    if !is_event(o) {
        return None;
    }
    // Get-EventLog's default list shows no EventID: the InstanceId's low 16 bits are the id, its
    // high 16 the qualifiers (3221233670 = 0xC0002006: 8198, 49152).
    let instance = o.num("InstanceId").and_then(|i| u32::try_from(i).ok());
    let id = o
        .num("Id")
        .or_else(|| o.num("EventID"))
        .and_then(|i| u32::try_from(i).ok())
        .or(instance.map(|i| i & 0xFFFF))?;
    let provider = o
        .str("ProviderName")
        .or_else(|| o.str("Source"))
        .or_else(|| provider_of_id(id, cat))
        .unwrap_or_default();
    let mut data: Vec<String> = Vec::new();
    for prop in ["Properties", "ReplacementStrings"] {
        if let Some(Value::String(list)) = o.get(prop) {
            // Format-List's `{hr=0xC004F074, RuleId=...}` (`Properties` lists only type names).
            let inner = list.trim();
            if let Some(inner) = inner.strip_prefix('{').and_then(|x| x.strip_suffix('}')) {
                if !inner.contains("System.Diagnostics.") {
                    data.extend(
                        inner
                            .split(", ")
                            .map(|x| x.trim().to_string())
                            .filter(|x| !x.is_empty() && x != "..."),
                    );
                }
            }
        }
        if let Some(Value::Array(props)) = o.get(prop) {
            for p in props {
                if let Some(v) = p
                    .get("Value")
                    .and_then(crate::powershell::value_text)
                    .or_else(|| crate::powershell::value_text(p))
                {
                    data.push(v);
                }
            }
        }
    }
    let message = o.str("Message").filter(|m| !m.trim().is_empty());
    if let Some(m) = &message {
        data.push(m.clone());
    }
    let level_name = o
        .str("LevelDisplayName")
        .or_else(|| o.str("EntryType"))
        .filter(|m| !m.trim().is_empty());
    Some(crate::eventxml::finish(EventRecord {
        provider,
        event_id: id,
        qualifiers: o
            .num("Qualifiers")
            .map(|q| q as u32)
            .or(instance.map(|i| i >> 16).filter(|q| *q != 0)),
        time: o
            .str("TimeCreated")
            .or_else(|| o.str("TimeGenerated"))
            .map(|t| cim_date(&t).unwrap_or(t)),
        computer: o.str("MachineName"),
        channel: o.str("LogName").or_else(|| o.str("ContainerLog")),
        record_id: o.num("RecordId").or_else(|| o.num("Index")),
        level: o.num("Level").map(|l| l as u32).or_else(|| {
            level_name
                .as_deref()
                .and_then(crate::eventtext::level_of_word)
        }),
        data,
        message,
        level_name,
        ..Default::default()
    }))
}

/// The provider a `Get-WinEvent` / `Get-EventLog` command asks for: `ProviderName='X'` of a
/// filter hashtable, `-ProviderName X`, `-Source X` (quoted or not).
fn provider_in_command(cmd: &str) -> Option<String> {
    let low = cmd.to_ascii_lowercase();
    if !low.contains("get-winevent") && !low.contains("get-eventlog") {
        return None;
    }
    for key in ["providername", "-source"] {
        let Some(at) = low.find(key) else { continue };
        let rest = cmd.get(at + key.len()..)?;
        let rest = rest.trim_start_matches([' ', '=']);
        let rest = rest.trim_start_matches(['\'', '"', '‘', '’', '“', '”']);
        let name: String = rest
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
            .collect();
        if name.len() >= 3 && !name.contains('*') {
            return Some(name);
        }
    }
    None
}

/// Events read without a provider (a narrowed `Format-List`) take the provider the command above
/// them asked for. Linear in the lines and the observations.
pub(crate) fn fill_providers(c: &Cleaned, r: &mut ReadResult) {
    if !r
        .observations
        .iter()
        .any(|o| matches!(&o.fact, Fact::Event(e) if e.provider.is_empty()))
    {
        return;
    }
    // (input line of the prompt, the provider it asks for)
    let asks: Vec<(u64, Option<String>)> = c
        .commands
        .iter()
        .zip(&c.numbers)
        .filter_map(|(cmd, n)| cmd.as_deref().map(|cmd| (*n, provider_in_command(cmd))))
        .collect();
    for o in &mut r.observations {
        let Fact::Event(e) = &mut o.fact else {
            continue;
        };
        let Some(line) = o.from.line.filter(|_| e.provider.is_empty()) else {
            continue;
        };
        let k = asks.partition_point(|a| a.0 < line);
        if let Some((_, Some(p))) = k.checked_sub(1).and_then(|k| asks.get(k)) {
            e.provider = p.clone();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_provider_a_command_asks_for() {
        for (cmd, want) in [
            (
                "Get-WinEvent -FilterHashtable @{LogName='Application'; ProviderName='Microsoft-Windows-Security-SPP'; Id=8198}",
                Some("Microsoft-Windows-Security-SPP"),
            ),
            (
                "Get-WinEvent -ProviderName Microsoft-Windows-Security-SPP -MaxEvents 3 | fl",
                Some("Microsoft-Windows-Security-SPP"),
            ),
            (
                "Get-EventLog -LogName Application -Source \"Microsoft-Windows-Security-SPP\" -Newest 2 | fl",
                Some("Microsoft-Windows-Security-SPP"),
            ),
            ("Get-WinEvent -LogName Application -MaxEvents 5 | fl", None),
            ("Get-WinEvent -ProviderName *SPP* | fl", None),
            ("Get-Service -Name ProviderName", None),
        ] {
            assert_eq!(provider_in_command(cmd).as_deref(), want, "{cmd}");
        }
    }
}
