//! `slmgr.vbs` output: `/dli`, `/dlv`, `/xpr`, `/ipk`, `/ato`, and error lines, with or without
//! the Windows Script Host banner, several products in one output.
//!
//! English labels are matched verbatim (they come from slmgr.vbs). For any other language the
//! reader relies on values, which slmgr never translates: "Windows(R), X edition" names, channel
//! tokens, GUIDs, five-character partial keys, HRESULTs, "N minute(s) (D day(s))" counts, and the
//! position of the AVMA host block. The language found is recorded.

use std::sync::OnceLock;

use regex::Regex;

use avma_core::key::find_keys;
use avma_core::Catalog;

use crate::observe::{ArtifactKind, EditionSource, Fact, ProductFacts, Provenance, ReadResult};
use crate::util::{
    edition_in_name, guids, hresults, is_partial_key, label_value, minutes_and_days,
};

const READER: &str = "slmgr";

/// Does this text look like slmgr output? (Used by the dispatcher.)
pub fn looks_like(lines: &[String]) -> bool {
    lines.iter().take(400).any(|l| {
        l.contains("Windows Script Host")
            || l.contains("Windows(R), ")
            || l.contains("_channel")
            || l.contains(" channel")
            || l.starts_with("Installed product key ")
            || l.contains("Automatic VM Activation")
            || l.contains("slmgr")
    })
}

/// The License Status value: slmgr's English strings, and the usual Japanese Windows wording
/// (UNVERIFIED for slmgr: no ja-JP capture exists; used only when it matches exactly).
fn status_of(value: &str) -> Option<u32> {
    let s = value.trim();
    Some(match s {
        "ライセンスされています" => 1,
        "ライセンスされていません" => 0,
        "通知モード" => 5,
        "Unlicensed" => 0,
        "Licensed" => 1,
        "Initial grace period" => 2,
        _ if s.starts_with("Additional grace period") => 3,
        _ if s.starts_with("Non-genuine grace period") => 4,
        "Notification" => 5,
        "Extended grace period" => 6,
        _ => return None,
    })
}

fn line_re(cell: &'static OnceLock<Regex>, p: &str) -> &'static Regex {
    cell.get_or_init(|| Regex::new(p).expect("static pattern"))
}

/// Read slmgr output (already decoded into lines).
pub fn read(file: &str, lines: &[String], cat: &Catalog) -> ReadResult {
    let mut r = ReadResult::new(file, ArtifactKind::Slmgr);
    let mut english = false;
    let mut japanese = false;
    let mut cur: Option<(ProductFacts, u64)> = None;
    // Indented `label: value` lines after a product's AVMA header, for unknown languages.
    let mut avma_tail: Vec<String> = Vec::new();
    let mut xpr_name: Option<(String, u64)> = None;

    static XPR: OnceLock<Regex> = OnceLock::new();
    let xpr = line_re(
        &XPR,
        r"^\s+(Automatic VM activation will expire|Volume activation will expire|Timebased activation will expire|The machine is permanently activated\.|Initial grace period ends|Additional grace period ends|Non-genuine grace period ends|Windows is in Notification mode|Extended grace period ends|Unlicensed)(.*)$",
    );

    let flush = |cur: &mut Option<(ProductFacts, u64)>,
                 tail: &mut Vec<String>,
                 r: &mut ReadResult| {
        if let Some((mut p, line)) = cur.take() {
            // Unknown language: the three indented lines of the AVMA block are, in order, the
            // host machine name, the activation time and the host Digital PID2.
            if p.channel.as_deref() == Some("VIRTUAL_MACHINE_ACTIVATION")
                && p.avma.host_machine_name.is_none()
                && tail.len() == 3
            {
                let na = |v: &str| (!v.is_empty() && v != "Not Available").then(|| v.to_string());
                p.avma.host_machine_name = na(&tail[0]);
                p.avma.activation_time = na(&tail[1]);
                p.avma.host_digital_pid2 = na(&tail[2]);
            }
            tail.clear();
            if let Some(e) = &p.edition {
                r.push(
                    Fact::Edition {
                        edition: e.clone(),
                        source: EditionSource::Licensing,
                    },
                    Provenance::line(&r.file, line, READER),
                );
            }
            r.push(
                Fact::Product(Box::new(p)),
                Provenance::line(&r.file, line, READER),
            );
        }
    };

    for (i, raw) in lines.iter().enumerate() {
        let n = i as u64 + 1;
        let line = raw.trim_end();
        if line.trim().is_empty() {
            continue;
        }
        if line.contains("Windows Script Host") || line.starts_with("Copyright (C) Microsoft") {
            english = true;
            continue;
        }
        if line.chars().any(|c| {
            ('\u{3040}'..='\u{30ff}').contains(&c) || ('\u{4e00}'..='\u{9fff}').contains(&c)
        }) {
            japanese = true;
        }
        // Results of /ipk and /ato, and error lines.
        if let Some(rest) = line.strip_prefix("Installed product key ") {
            english = true;
            if let Some(k) = find_keys(rest).into_iter().next() {
                r.push(
                    Fact::KeyInstalled { key: k.key },
                    Provenance::line(file, n, READER),
                );
            }
            continue;
        }
        if line.trim() == "Product activated successfully." {
            english = true;
            r.push(Fact::ActivationSucceeded, Provenance::line(file, n, READER));
            continue;
        }
        if let Some(rest) = line
            .trim_start()
            .strip_prefix("Error: ")
            .or_else(|| line.trim_start().strip_prefix("エラー: "))
        {
            if let Some(code) = hresults(rest).into_iter().next() {
                r.push(
                    Fact::Error {
                        code,
                        tool: READER,
                        text: rest.trim().to_string(),
                    },
                    Provenance::line(file, n, READER),
                );
                continue;
            }
        }
        // /xpr: "<Name>:" then an indented message.
        if let Some(c) = xpr.captures(line) {
            english = true;
            if let Some((name, at)) = xpr_name.take() {
                let mut p = ProductFacts {
                    edition: edition_in_name(&name),
                    name: Some(name),
                    expiry_text: Some(format!("{}{}", &c[1], &c[2]).trim().to_string()),
                    ..Default::default()
                };
                let msg = &c[1];
                p.license_status = match msg {
                    "Unlicensed" => Some(0),
                    "Windows is in Notification mode" => Some(5),
                    "Initial grace period ends" => Some(2),
                    "Additional grace period ends" => Some(3),
                    "Non-genuine grace period ends" => Some(4),
                    "Extended grace period ends" => Some(6),
                    _ => Some(1),
                };
                if msg.starts_with("Automatic VM activation") {
                    p.channel = Some("VIRTUAL_MACHINE_ACTIVATION".into());
                }
                r.push(
                    Fact::Product(Box::new(p)),
                    Provenance::line(file, at, READER),
                );
            }
            continue;
        }
        if !line.starts_with(' ') && line.ends_with(':') && line.contains("Windows") {
            xpr_name = Some((line.trim_end_matches(':').to_string(), n));
            continue;
        }

        let Some((label, value)) = label_value(line) else {
            continue;
        };
        let indented = line.starts_with(' ') || line.starts_with('\t');

        // A product starts at its Name, recognized by the value in any language.
        if value.starts_with("Windows") && edition_in_name(value).is_some() && !indented {
            flush(&mut cur, &mut avma_tail, &mut r);
            if label == "Name" {
                english = true;
            }
            cur = Some((
                ProductFacts {
                    name: Some(value.to_string()),
                    edition: edition_in_name(value),
                    ..Default::default()
                },
                n,
            ));
            continue;
        }
        let Some((p, _)) = cur.as_mut() else { continue };
        if let Some(ch) = cat.channel_in(value) {
            if value.contains("channel") || label == "Description" {
                p.description = Some(value.to_string());
                p.channel = Some(ch.token.clone());
                continue;
            }
        }
        match label {
            "Partial Product Key" => p.partial_key = Some(value.to_string()),
            "License Status" => {
                english = true;
                p.license_status = status_of(value);
            }
            _ if p.license_status.is_none() && status_of(value).is_some() => {
                p.license_status = status_of(value);
            }
            "Activation ID" => p.activation_id = Some(value.to_ascii_lowercase()),
            "Application ID" => p.application_id = Some(value.to_ascii_lowercase()),
            "Product Key Channel" => p.key_channel = Some(value.to_string()),
            "Evaluation End Date" => p.evaluation_end = Some(value.to_string()),
            "Notification Reason" => p.status_reason = hresults(value).first().copied(),
            "Guest IAID" => p.avma.iaid = (value != "Not Available").then(|| value.to_string()),
            "Host machine name" => {
                p.avma.host_machine_name = (value != "Not Available").then(|| value.to_string())
            }
            "Activation time" => {
                p.avma.activation_time = (value != "Not Available").then(|| value.to_string())
            }
            "Host Digital PID2" => {
                p.avma.host_digital_pid2 = (value != "Not Available").then(|| value.to_string())
            }
            "Time remaining"
            | "Volume activation expiration"
            | "Timebased activation expiration"
            | "Automatic VM activation expiration" => p.grace_minutes = minutes_and_days(value),
            _ => {
                // Unknown language: decide by the value.
                if is_partial_key(value) && p.partial_key.is_none() {
                    p.partial_key = Some(value.to_string());
                } else if let Some(m) = minutes_and_days(value).filter(|_| !value.contains('-')) {
                    if value.contains('(') {
                        p.grace_minutes = Some(m);
                    }
                } else if indented {
                    avma_tail.push(value.to_string());
                } else if let Some(g) = guids(value).into_iter().next() {
                    if g == avma_core::plan::WINDOWS_APP_ID {
                        p.application_id = Some(g);
                    } else if p.activation_id.is_none() {
                        p.activation_id = Some(g);
                    }
                } else if let Some(code) = hresults(value).first() {
                    p.status_reason = Some(*code);
                }
            }
        }
    }
    flush(&mut cur, &mut avma_tail, &mut r);
    r.language = Some(if english && !japanese {
        "en"
    } else if japanese {
        "ja"
    } else {
        "unknown"
    });
    if r.observations.is_empty() {
        r.warnings
            .push(format!("{file}: no slmgr product, key or error found"));
    }
    r
}
