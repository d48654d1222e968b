//! The OS version as PowerShell objects print it, where no build property names it:
//! `[Environment]::OSVersion` (`Platform ServicePack Version VersionString`), its `.Version`
//! (`Major Minor Build Revision`), Get-ComputerInfo's `OsVersion : 10.0.20348`; and the one line
//! `Get-WindowsEdition -Online` prints (`Edition : ServerStandardEval`), which the Format-List
//! reader reads as the registry's EditionID.

use crate::observe::{ArtifactKind, EditionSource, Fact, Provenance, ReadResult};
use crate::powershell::PsObject;

/// Build numbers of Windows NT 6.1 and later (as `util::build_of` bounds them).
fn plausible(build: u64) -> Option<u32> {
    (7600..100_000)
        .contains(&build)
        .then(|| u32::try_from(build).ok())
        .flatten()
}

/// `10.0.20348`, `10.0.20348.0`, `Microsoft Windows NT 10.0.20348.0`: the third number.
fn build_in_version(v: &str) -> Option<u32> {
    let v = v.trim();
    let v = v.rsplit(' ').next().unwrap_or(v);
    let mut parts = v.split('.');
    let major: u64 = parts.next()?.parse().ok()?;
    let _minor: u64 = parts.next()?.parse().ok()?;
    let build: u64 = parts.next()?.parse().ok()?;
    (6..=10).contains(&major).then_some(())?;
    plausible(build)
}

/// The build an OS version object gives, and the property it was read from, when the object has
/// no build property of its own (`BuildNumber`, `OsBuildNumber`, `CurrentBuild`...).
pub(crate) fn build_of_object(o: &PsObject) -> Option<(u32, &'static str)> {
    if [
        "CurrentBuildNumber",
        "CurrentBuild",
        "OsBuildNumber",
        "BuildNumber",
    ]
    .iter()
    .any(|p| o.has(p))
    {
        return None;
    }
    // System.Version: Major Minor Build Revision.
    if let (Some(major), Some(_), Some(build)) = (o.num("Major"), o.num("Minor"), o.num("Build")) {
        if (6..=10).contains(&major) {
            return plausible(build).map(|b| (b, "Build"));
        }
        return None;
    }
    // System.OperatingSystem: Platform, ServicePack, Version, VersionString.
    if let Some(b) = o
        .str("VersionString")
        .filter(|v| v.contains("Windows NT"))
        .and_then(|v| build_in_version(&v))
    {
        return Some((b, "VersionString"));
    }
    if o.str("Platform").is_some_and(|p| p.starts_with("Win32NT")) {
        if let Some(b) = o.str("Version").and_then(|v| build_in_version(&v)) {
            return Some((b, "Version"));
        }
    }
    // Get-ComputerInfo (narrowed to OsName, OsVersion...).
    if let Some(b) = o.str("OsVersion").and_then(|v| build_in_version(&v)) {
        return Some((b, "OsVersion"));
    }
    None
}

/// `Edition : ServerStandardEval`: the line `Get-WindowsEdition -Online` prints (the property
/// name, the Format-List separator, one word).
pub fn is_windows_edition_line(l: &str) -> bool {
    let Some(rest) = l.trim().strip_prefix("Edition") else {
        return false;
    };
    let Some(value) = rest.trim_start().strip_prefix(": ") else {
        return false;
    };
    let v = value.trim();
    v.len() >= 4
        && v.len() <= 40
        && v.starts_with(|c: char| c.is_ascii_uppercase())
        && v.chars().all(|c| c.is_ascii_alphanumeric())
}

/// `ver`'s one line, `Microsoft Windows [Version 10.0.17763.6532]` (the word `Version` is
/// translated in some display languages, the number never is): the build.
pub fn ver_build(line: &str) -> Option<u32> {
    let t = line.trim();
    let inner = t
        .strip_prefix("Microsoft Windows [")
        .and_then(|r| r.strip_suffix(']'))?;
    let number = inner.rsplit(' ').next()?;
    if inner.chars().count() > 40 || !number.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    build_in_version(number)
}

/// The properties whose value, printed alone (`(Get-CimInstance Win32_OperatingSystem).Caption`,
/// `(Get-ItemProperty 'HKLM:\...\CurrentVersion').ProductName`), is the OS's own name.
const CAPTION_PROPERTIES: &[&str] = &[".caption", ".productname", ".osname", ".windowsproductname"];
/// The properties whose value printed alone is the EditionID (`(Get-ItemProperty ...).EditionID`,
/// `(Get-WindowsEdition -Online).Edition`).
const EDITION_PROPERTIES: &[&str] = &[".editionid", ".windowseditionid", ".edition"];
/// The properties whose value printed alone is the build number
/// (`(Get-CimInstance Win32_OperatingSystem).BuildNumber`, `(Get-ItemProperty ...).CurrentBuild`).
const BUILD_PROPERTIES: &[&str] = &[
    ".buildnumber",
    ".currentbuild",
    ".currentbuildnumber",
    ".osbuildnumber",
];

/// What each output line of `Get-ItemPropertyValue ... -Name CurrentBuild,EditionID` is, in
/// order (the cmdlet prints one value per line, in the order of the names), reversed so that the
/// next line's kind is the last. Empty when a name is none of the build, EditionID or product
/// name, or the command is another.
fn property_values(low: &str) -> Vec<&'static str> {
    if !low.contains("get-itempropertyvalue") {
        return Vec::new();
    }
    let Some((_, names)) = low.split_once("-name ") else {
        return Vec::new();
    };
    let names = names.split_whitespace().next().unwrap_or("");
    let mut out = Vec::new();
    for n in names.split(',').map(|n| n.trim_matches(['"', '\''])) {
        out.push(match n {
            "currentbuild" | "currentbuildnumber" => "build",
            "editionid" => "edition",
            "productname" => "caption",
            _ => return Vec::new(),
        });
    }
    out.reverse();
    out
}

/// Plain outputs no other reader takes: `ver`'s line anywhere, and the one line a prompt's
/// command printed when it asked for the OS caption or EditionID property alone
/// (`PS C:\> (Get-CimInstance Win32_OperatingSystem).Caption` then `Microsoft Windows Server
/// 2022 Datacenter`): the caption gives the version and the edition it names, the EditionID the
/// edition. A caption line without such a command before it is prose and not read. One pass.
pub fn read_plain(file: &str, c: &crate::clean::Cleaned, cat: &avma_core::Catalog) -> ReadResult {
    const READER: &str = "plain-output";
    let mut r = ReadResult::new(file, ArtifactKind::FormatList);
    let at = |n: u64| Provenance::line(file, n, READER);
    // The property the last prompt's command printed alone, until its first output line.
    let mut asked: Option<&'static str> = None;
    // The kinds of the lines `Get-ItemPropertyValue -Name A,B` prints next (the next is last).
    let mut queue: Vec<&'static str> = Vec::new();
    for (i, line) in c.lines.iter().enumerate() {
        let n = c.numbers.get(i).copied().unwrap_or(i as u64 + 1);
        if let Some(cmd) = c.commands.get(i).and_then(Option::as_deref) {
            // `powershell -c "(...).Caption"` from cmd: the quotes and parentheses around it.
            let low = cmd
                .trim()
                .trim_end_matches(['"', '\'', ')', ';', ' '])
                .to_ascii_lowercase();
            let ends = |p: &&str| low.ends_with(p);
            queue = property_values(&low);
            asked = if CAPTION_PROPERTIES.iter().any(ends) {
                Some("caption")
            } else if EDITION_PROPERTIES.iter().any(ends) {
                Some("edition")
            } else if BUILD_PROPERTIES.iter().any(ends) {
                Some("build")
            } else {
                queue.pop()
            };
            continue;
        }
        let t = line.trim();
        if t.is_empty() {
            continue;
        }
        let plain_build = t
            .parse::<u32>()
            .ok()
            .filter(|b| (7600..100_000).contains(b) && t.len() <= 5);
        if let Some(build) = plain_build.filter(|_| asked == Some("build")) {
            r.push(Fact::OsBuild { build }, at(n));
            r.placed.push(n);
        } else if let Some(build) = ver_build(t) {
            r.push(Fact::OsBuild { build }, at(n));
            r.placed.push(n);
        } else if asked == Some("caption") && t.contains("Windows") && t.chars().count() <= 80 {
            let version = crate::util::version_in_caption(t, cat);
            if let Some(e) =
                crate::systeminfo::edition_in_os_name(t).filter(|e| cat.edition(e).is_some())
            {
                r.push(
                    Fact::Edition {
                        edition: e.to_string(),
                        source: EditionSource::Registry,
                    },
                    at(n),
                );
            }
            r.push(
                Fact::OsCaption {
                    caption: t.to_string(),
                    version,
                },
                at(n),
            );
            r.placed.push(n);
        } else if asked == Some("edition") && cat.edition(t).is_some() {
            r.push(
                Fact::Edition {
                    edition: t.to_string(),
                    source: EditionSource::Registry,
                },
                at(n),
            );
            r.placed.push(n);
        }
        asked = queue.pop();
    }
    r.readable = true;
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions() {
        assert_eq!(build_in_version("10.0.20348.0"), Some(20348));
        assert_eq!(
            build_in_version("Microsoft Windows NT 10.0.17763.0"),
            Some(17763)
        );
        assert_eq!(build_in_version("10.0.26100"), Some(26100));
        assert_eq!(build_in_version("6.3.9600"), Some(9600));
        assert_eq!(build_in_version("5.1.2600"), None);
        assert_eq!(build_in_version("10.0"), None);
        assert_eq!(build_in_version("1.2.20348"), None);
    }

    #[test]
    fn the_windows_edition_line() {
        assert!(is_windows_edition_line("Edition : ServerStandardEval"));
        assert!(is_windows_edition_line("  Edition   : ServerDatacenter  "));
        assert!(!is_windows_edition_line("Edition : Windows Server 2022"));
        assert!(!is_windows_edition_line("EditionID : x"));
        assert!(!is_windows_edition_line(
            "Edition: ServerStandard is what we run"
        ));
    }
}
