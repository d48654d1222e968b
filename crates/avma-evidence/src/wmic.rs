//! `wmic` output: `wmic os get Caption,Version,BuildNumber /value` (one `Property=Value` line
//! each, instances apart by blank lines) and its table form (`wmic os get caption,version`: a
//! header line of the property names, in wmic's alphabetical order, padded, over one line of
//! values per instance, no dash line; UTF-16 when redirected to a file). Each instance becomes a
//! PowerShell-like object read by [`crate::powershell::Classifier`], as CIM's objects are:
//! `Win32_OperatingSystem` gives the OS caption and build, `SoftwareLicensingProduct` a licence.
//!
//! Property names are never translated. Only names wmic prints for these classes are taken, and
//! only under a `wmic` command or in a shape that is wmic's alone (all known names, a value that
//! is Windows'): a `Key=Value` config file is not wmic.

use avma_core::Catalog;
use serde_json::Value;

use crate::observe::{ArtifactKind, Fact, Provenance, ReadResult};
use crate::powershell::{Classifier, PsObject};
use crate::util::build_of;

const READER: &str = "wmic";

/// The properties of `Win32_OperatingSystem`, `Win32_ComputerSystem` and
/// `SoftwareLicensingProduct` that admins ask wmic for (lower case).
const KNOWN: &[&str] = &[
    "buildnumber",
    "caption",
    "csname",
    "description",
    "graceperiodremaining",
    "id",
    "licensefamily",
    "licensestatus",
    "licensestatusreason",
    "name",
    "operatingsystemsku",
    "osarchitecture",
    "partialproductkey",
    "productkeychannel",
    "producttype",
    "version",
];

fn known(name: &str) -> bool {
    KNOWN.contains(&name.to_ascii_lowercase().as_str())
}

/// A property name as wmic prints it (an identifier).
fn is_ident(w: &str) -> bool {
    w.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && w.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// `Property=Value` (the value may be empty).
fn value_line(line: &str) -> Option<(&str, &str)> {
    let (k, v) = line.trim().split_once('=')?;
    is_ident(k).then_some((k, v.trim()))
}

/// Does a typed command run wmic?
fn is_wmic_command(c: &str) -> bool {
    let low = c.trim_start().to_ascii_lowercase();
    low.starts_with("wmic ") || low.contains("wmic.exe ") || low.contains("| wmic ")
}

/// A value that is Windows' own: a caption or licence name naming Windows, a version with a
/// Windows build.
fn windows_value(k: &str, v: &str) -> bool {
    match k.to_ascii_lowercase().as_str() {
        "caption" | "name" => v.contains("Windows"),
        "version" => build_of(v).is_some(),
        "buildnumber" => v.parse::<u32>().is_ok_and(|b| (7600..100_000).contains(&b)),
        _ => false,
    }
}

/// The header of wmic's table: two or more known property names apart by two or more spaces,
/// in wmic's (alphabetical) order; their columns' starts in characters.
fn header(line: &str) -> Option<Vec<(usize, String)>> {
    let t = line.trim_end();
    if t.starts_with(char::is_whitespace) || t.contains('\t') {
        return None;
    }
    let mut cols: Vec<(usize, String)> = Vec::new();
    let mut start: Option<usize> = None;
    let mut spaces = 0usize;
    let chars: Vec<char> = t.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if c == ' ' {
            spaces += 1;
            continue;
        }
        if start.is_none() || spaces >= 2 {
            if let Some(s) = start {
                cols.push((s, chars[s..i].iter().collect::<String>().trim().to_string()));
            }
            start = Some(i);
        } else if spaces == 1 {
            return None;
        }
        spaces = 0;
    }
    if let Some(s) = start {
        cols.push((s, chars[s..].iter().collect::<String>().trim().to_string()));
    }
    let ok = cols.len() >= 2
        && cols.iter().all(|(_, n)| is_ident(n) && known(n))
        && cols
            .windows(2)
            .all(|w| w[0].1.to_ascii_lowercase() < w[1].1.to_ascii_lowercase());
    ok.then_some(cols)
}

/// The cells of a row under `cols` (by character columns).
fn row(line: &str, cols: &[(usize, String)]) -> Vec<String> {
    let chars: Vec<char> = line.trim_end().chars().collect();
    cols.iter()
        .enumerate()
        .map(|(k, (s, _))| {
            let end = cols
                .get(k + 1)
                .map_or(chars.len(), |c| c.0)
                .min(chars.len());
            let s = (*s).min(end);
            chars[s..end].iter().collect::<String>().trim().to_string()
        })
        .collect()
}

/// Does the text hold wmic output (see the module's doc)?
pub fn looks_like(lines: &[String], commands: &[Option<String>]) -> bool {
    if commands.iter().flatten().any(|c| is_wmic_command(c)) {
        return true;
    }
    lines.iter().any(|l| header(l).is_some()) || bare_values(lines)
}

/// `/value` lines without their command: a run of two or more known properties, all wmic's,
/// one of them a Windows value.
fn bare_values(lines: &[String]) -> bool {
    let (mut run, mut all_known, mut windows) = (0usize, true, false);
    for l in lines.iter().chain(std::iter::once(&String::new())) {
        match value_line(l) {
            Some((k, v)) => {
                run += 1;
                all_known &= known(k);
                windows |= windows_value(k, v);
            }
            None if l.trim().is_empty() => {
                if run >= 2 && all_known && windows {
                    return true;
                }
                (run, all_known, windows) = (0, true, false);
            }
            None => (run, all_known, windows) = (0, false, false),
        }
    }
    false
}

pub fn read_at(
    file: &str,
    lines: &[String],
    nums: &[u64],
    commands: &[Option<String>],
    cat: &Catalog,
) -> ReadResult {
    let mut r = ReadResult::new(file, ArtifactKind::Wmic);
    let num = |i: usize| nums.get(i).copied().unwrap_or(i as u64 + 1);
    let typed = commands.iter().flatten().any(|c| is_wmic_command(c));
    let mut classifier = Classifier::new(file, READER, cat);
    let mut objects: Vec<PsObject> = Vec::new();
    let mut cur: Vec<(String, Value, u64)> = Vec::new();
    let flush = |cur: &mut Vec<(String, Value, u64)>, objects: &mut Vec<PsObject>| {
        if cur.len() >= 2 || (typed && !cur.is_empty()) {
            let line = cur.first().map_or(0, |p| p.2);
            let all_known = cur.iter().all(|(k, _, _)| known(k));
            let windows = cur
                .iter()
                .any(|(k, v, _)| windows_value(k, v.as_str().unwrap_or("")));
            if (typed || all_known) && windows {
                objects.push(PsObject {
                    line,
                    props: std::mem::take(cur),
                });
            }
        }
        cur.clear();
    };
    let mut i = 0usize;
    while i < lines.len() {
        let l = &lines[i];
        if let Some(cols) = header(l) {
            flush(&mut cur, &mut objects);
            let mut j = i + 1;
            while j < lines.len() && !lines[j].trim().is_empty() {
                let cells = row(&lines[j], &cols);
                let n = num(j);
                let props: Vec<(String, Value, u64)> = cols
                    .iter()
                    .zip(cells)
                    .filter(|(_, v)| !v.is_empty())
                    .map(|((_, k), v)| (k.clone(), Value::String(v), n))
                    .collect();
                let windows = props
                    .iter()
                    .any(|(k, v, _)| windows_value(k, v.as_str().unwrap_or("")));
                if windows {
                    objects.push(PsObject { line: n, props });
                }
                j += 1;
            }
            i = j;
            continue;
        }
        match value_line(l) {
            Some((k, v)) => cur.push((k.to_string(), Value::String(v.to_string()), num(i))),
            None => flush(&mut cur, &mut objects),
        }
        i += 1;
    }
    flush(&mut cur, &mut objects);
    for o in &objects {
        let before = r.observations.len();
        classifier.feed(o, &mut r);
        // `wmic os get caption,version`: the build is the version's third number.
        if !o.has("BuildNumber") && o.str("Caption").is_some_and(|c| c.contains("Windows")) {
            if let Some(b) = o.str("Version").and_then(|v| build_of(&v)) {
                let line = o
                    .props
                    .iter()
                    .find(|p| p.0.eq_ignore_ascii_case("Version"))
                    .map_or(o.line, |p| p.2);
                r.push(
                    Fact::OsBuild { build: b },
                    Provenance::line(file, line, READER),
                );
            }
        }
        if r.observations.len() > before {
            r.placed.extend(o.props.iter().map(|p| p.2));
        }
    }
    classifier.finish(&mut r);
    r.placed.sort_unstable();
    r.placed.dedup();
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts(text: &str, cmd: Option<&str>) -> Vec<String> {
        let lines: Vec<String> = text.lines().map(String::from).collect();
        let mut commands = vec![None; lines.len()];
        if let Some(c) = cmd {
            commands[0] = Some(c.to_string());
        }
        let nums: Vec<u64> = (1..=lines.len() as u64).collect();
        read_at("t", &lines, &nums, &commands, Catalog::builtin())
            .observations
            .iter()
            .map(|o| format!("{:?}", o.fact))
            .collect()
    }

    #[test]
    fn headers_are_wmic_property_names_in_order() {
        assert!(header("Caption                                   Version     ").is_some());
        assert!(header("BuildNumber  Caption  Version").is_some());
        assert!(header("Version  Caption").is_none());
        assert!(header("Host Name  Caption").is_none());
        assert!(header("Caption").is_none());
    }

    #[test]
    fn value_and_table_forms() {
        let f = facts(
            "\nBuildNumber=17763\nCaption=Microsoft Windows Server 2019 Datacenter\n\n",
            Some("wmic os get Caption,BuildNumber /value"),
        );
        assert!(f.iter().any(|x| x.contains("17763")), "{f:?}");
        let f = facts(
            "Caption                                 Version\nMicrosoft Windows Server 2022 Standard  10.0.20348\n",
            None,
        );
        assert!(f.iter().any(|x| x.contains("20348")), "{f:?}");
        // A config file's `Key=Value` lines are no wmic output.
        assert!(facts("Version=3.1.4\nName=agent\n", None).is_empty());
    }
}
