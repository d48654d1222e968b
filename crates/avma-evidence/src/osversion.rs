//! The OS version as PowerShell objects print it, where no build property names it:
//! `[Environment]::OSVersion` (`Platform ServicePack Version VersionString`), its `.Version`
//! (`Major Minor Build Revision`), Get-ComputerInfo's `OsVersion : 10.0.20348`; and the one line
//! `Get-WindowsEdition -Online` prints (`Edition : ServerStandardEval`), which the Format-List
//! reader reads as the registry's EditionID.

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
