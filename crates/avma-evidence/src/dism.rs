//! DISM edition servicing output: `/Get-CurrentEdition`, `/Get-TargetEditions`, `/Set-Edition`
//! results and errors, in English and Japanese (header 展開イメージのサービスと管理ツール).
//! EditionIDs are recognized by their token in any language; the image version gives the build.

use avma_core::Catalog;

use crate::observe::{ArtifactKind, EditionSource, Fact, Provenance, ReadResult};
use crate::util::{build_of, hresults, label_value};

const READER: &str = "dism";

pub fn looks_like(lines: &[String]) -> bool {
    lines.iter().take(60).any(|l| {
        l.contains("Deployment Image Servicing and Management tool")
            || l.contains("展開イメージのサービスと管理ツール")
            || l.to_ascii_lowercase().contains("dism ")
            || l.contains("Current Edition :")
            || l.contains("Target Edition :")
    })
}

#[derive(PartialEq)]
enum Section {
    None,
    Current,
    Targets,
}

pub fn read(file: &str, lines: &[String], cat: &Catalog) -> ReadResult {
    let mut r = ReadResult::new(file, ArtifactKind::Dism);
    let mut english = false;
    let mut japanese = false;
    let mut versions_seen = 0;
    let mut section = Section::None;
    let mut targets: Vec<String> = Vec::new();
    let mut targets_at: Option<u64> = None;
    let mut no_targets = false;
    let lower_cmd = |l: &str| l.to_ascii_lowercase();
    for (i, raw) in lines.iter().enumerate() {
        let n = i as u64 + 1;
        let line = raw.trim();
        if line.is_empty() {
            continue;
        }
        let low = lower_cmd(line);
        if line.contains("Deployment Image Servicing and Management tool") {
            english = true;
            versions_seen = 0;
            continue;
        }
        if line.contains("展開イメージのサービスと管理ツール") {
            japanese = true;
            versions_seen = 0;
            continue;
        }
        // The command line itself, when pasted, names the section.
        if low.contains("/get-currentedition") {
            section = Section::Current;
        } else if low.contains("/get-targeteditions") {
            section = Section::Targets;
        }
        if line == "Current edition is:" {
            section = Section::Current;
            english = true;
            continue;
        }
        if line == "Editions that can be upgraded to:" {
            section = Section::Targets;
            targets_at.get_or_insert(n);
            english = true;
            continue;
        }
        if line.starts_with("(The current edition cannot be upgraded to any target editions.)") {
            no_targets = true;
            targets_at.get_or_insert(n);
            continue;
        }
        if line == "The operation completed successfully." || line == "操作は正常に完了しました。"
        {
            r.push(Fact::DismSucceeded, Provenance::line(file, n, READER));
            continue;
        }
        if let Some(rest) = line
            .strip_prefix("Error: ")
            .or_else(|| line.strip_prefix("エラー: "))
        {
            let code = hresults(rest)
                .first()
                .copied()
                .or_else(|| rest.trim().parse::<u32>().ok());
            if let Some(code) = code {
                // The message follows on the next non-empty line.
                let text = lines
                    .iter()
                    .skip(i + 1)
                    .map(|l| l.trim())
                    .find(|l| !l.is_empty())
                    .unwrap_or("")
                    .to_string();
                r.push(
                    Fact::Error {
                        code,
                        tool: READER,
                        text,
                    },
                    Provenance::line(file, n, READER),
                );
            }
            continue;
        }
        let Some((label, value)) = label_value(line) else {
            continue;
        };
        // "Version: 10.0.17763.1" is DISM's own; "Image Version: 10.0.17763.379" is the OS.
        if let Some(b) = build_of(value) {
            versions_seen += 1;
            let is_image =
                label == "Image Version" || label.contains("イメージ") || versions_seen == 2;
            if is_image {
                r.push(
                    Fact::OsBuild { build: b },
                    Provenance::line(file, n, READER),
                );
            }
            continue;
        }
        let Some(e) = cat.edition(value).map(|e| e.id.clone()).or_else(|| {
            // Unknown EditionIDs still look like one word of letters.
            (value.chars().all(|c| c.is_ascii_alphabetic())
                && value.len() > 3
                && value.starts_with(|c: char| c.is_ascii_uppercase()))
            .then(|| value.to_string())
        }) else {
            continue;
        };
        let kind = match label {
            "Current Edition" => {
                english = true;
                Section::Current
            }
            "Target Edition" => {
                english = true;
                Section::Targets
            }
            _ => match section {
                Section::Targets => Section::Targets,
                Section::Current => Section::Current,
                Section::None => {
                    r.warnings.push(format!(
                        "{file}:{n}: edition {e} found, but not whether it is the current or a target edition (paste the DISM command line too, or use DISM /English)"
                    ));
                    continue;
                }
            },
        };
        match kind {
            Section::Current => r.push(
                Fact::Edition {
                    edition: e,
                    source: EditionSource::Dism,
                },
                Provenance::line(file, n, READER),
            ),
            _ => {
                targets_at.get_or_insert(n);
                targets.push(e);
            }
        }
    }
    if let Some(at) = targets_at {
        if !targets.is_empty() || no_targets {
            r.push(
                Fact::TargetEditions { editions: targets },
                Provenance::line(file, at, READER),
            );
        }
    }
    r.language = Some(if japanese {
        "ja"
    } else if english {
        "en"
    } else {
        "unknown"
    });
    if r.observations.is_empty() {
        r.warnings
            .push(format!("{file}: no DISM edition, version or error found"));
    }
    r
}
