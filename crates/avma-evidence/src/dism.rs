//! DISM edition servicing output: `/Get-CurrentEdition`, `/Get-TargetEditions`, `/Set-Edition`
//! results and errors, in English and Japanese (header 展開イメージのサービスと管理ツール).
//! EditionIDs are recognized by their token in any language; the image version gives the build.

use avma_core::Catalog;

use crate::observe::{ArtifactKind, EditionSource, Fact, Provenance, ReadResult};
use avma_core::text::Msg;

use crate::util::{build_of, hresults, label_value, language_of};
use avma_core::key::find_keys;

/// `/Set-Edition:X` and `/ProductKey:K` of a DISM command line (the prompt's command, which the
/// cleaning step hands to this reader): the edition asked for and the key given.
fn set_edition(cmd: &str) -> Option<(String, Option<avma_core::key::ProductKey>)> {
    let low = cmd.to_ascii_lowercase();
    let switch = low.find("/set-edition:")?;
    // Only a DISM command sets an edition: prose that names the switch (`次は /Set-Edition:X を
    // 試す予定`) was never run.
    let is_dism = low.get(..switch).is_some_and(|before| {
        before
            .split(|c: char| !c.is_ascii_alphanumeric() && c != '.')
            .any(|w| w == "dism" || w == "dism.exe")
    });
    if !is_dism || !is_command_line(&low, switch) {
        return None;
    }
    let at = switch + "/set-edition:".len();
    let edition: String = cmd
        .get(at..)?
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect();
    if edition.is_empty() {
        return None;
    }
    let key = low
        .find("/productkey:")
        .and_then(|k| cmd.get(k + "/productkey:".len()..))
        .and_then(|rest| find_keys(rest).into_iter().next())
        .map(|k| k.key);
    Some((edition, key))
}

/// Whether the line holding `/set-edition:` at `switch` (lower case) is a command as a console
/// shows it, not a sentence that names one (`переводите хост на Datacenter (DISM /online
/// /Set-Edition:ServerDatacenter с ключом)`, `dism /online /Set-Edition:X ... 로 변환해야 합니다`,
/// advice that was never run): before the `dism` word only a prompt or a path (`C:\>`, `PS
/// C:\Windows\system32>`, `C:\Windows\System32\`), after it only switches up to a pipe or a
/// redirection.
fn is_command_line(low: &str, switch: usize) -> bool {
    let Some(at) = low.get(..switch).and_then(|b| b.rfind("dism")) else {
        return false;
    };
    let before = low.get(..at).unwrap_or("").trim_end();
    let prompt = before.is_empty()
        || before.ends_with('>')
        || before.ends_with('$')
        || before.ends_with('#')
        || (before.ends_with('\\') && !before.contains(char::is_whitespace))
        || before.ends_with('&');
    if !prompt {
        return false;
    }
    let after = low.get(at..).unwrap_or("");
    for (i, tok) in after.split_whitespace().enumerate() {
        if i == 0 {
            continue; // dism / dism.exe itself
        }
        if tok.starts_with('|') || tok.starts_with('>') || tok.starts_with("2>") {
            break;
        }
        let t = tok.trim_start_matches(['"', '\'', '`']);
        if !(t.starts_with('/') || t.starts_with('-') || t.is_empty()) {
            return false;
        }
    }
    true
}

/// DISM's message that the image is a domain controller (`This edition cannot be upgraded. The
/// image is a domain controller.`), and the same in Japanese by Microsoft's usual term (ドメイン
/// コントローラー; that wording is UNVERIFIED for DISM).
fn says_domain_controller(line: &str) -> bool {
    line.to_ascii_lowercase().contains("domain controller")
        || line.contains("ドメイン コントローラー")
        || line.contains("ドメインコントローラー")
}

/// DISM's success line in the languages seen in captures (non-English wordings UNVERIFIED;
/// exact matches only).
fn is_success(t: &str) -> bool {
    matches!(
        t,
        "The operation completed successfully."
            | "操作は正常に完了しました。"
            | "操作成功完成。"
            | "操作順利完成。"
            | "작업을 완료했습니다."
            | "Der Vorgang wurde erfolgreich beendet."
            | "L'opération a réussi."
            | "La operación se completó correctamente."
            | "Операция успешно завершена."
    )
}

/// A label that names the current edition, in the languages seen in captures (zh-TW 目前版本 and
/// Korean 현재 버전 UNVERIFIED).
fn says_current(label: &str) -> bool {
    let l = label.to_lowercase();
    [
        "current",
        "aktuell",
        "actuel",
        "actual",
        "текущ",
        "当前",
        "現在",
        "目前",
        "현재",
    ]
    .iter()
    .any(|w| l.contains(w))
}

/// A label that names a target edition.
fn says_target(label: &str) -> bool {
    let l = label.to_lowercase();
    [
        "target",
        "ziel",
        "cible",
        "destino",
        "целев",
        "目标",
        "目標",
        "ターゲット",
        "アップグレード",
        "대상",
    ]
    .iter()
    .any(|w| l.contains(w))
}

/// The label of an error line (`Error: 87`) in the languages DISM is shipped in (exact words,
/// any case).
fn says_error(label: &str) -> bool {
    let l = label.trim().to_lowercase();
    [
        "error",
        "fehler",
        "erreur",
        "errore",
        "erro",
        "fout",
        "fel",
        "fejl",
        "feil",
        "virhe",
        "hiba",
        "hata",
        "chyba",
        "błąd",
        "eroare",
        "greška",
        "napaka",
        "ошибка",
        "помилка",
        "грешка",
        "σφάλμα",
        "错误",
        "錯誤",
        "エラー",
        "오류",
        "שגיאה",
        "خطأ",
        "ข้อผิดพลาด",
    ]
    .contains(&l.as_str())
}

const READER: &str = "dism";

/// The edition of an edition package DISM names while it changes the edition
/// (`Removing package Microsoft-Windows-ServerStandardEvalEdition~31bf3856ad364e35~amd64~~...`;
/// the package name is never translated), when the catalog knows it.
fn package_edition(line: &str, cat: &Catalog) -> Option<String> {
    let at = line.find("Microsoft-Windows-")?;
    let rest = &line[at + "Microsoft-Windows-".len()..];
    let name = rest.split('~').next()?;
    let id = name.strip_suffix("Edition")?;
    cat.edition(id).map(|e| e.id.clone())
}

/// DISM's progress bar at its end (`[==========================100.0%==========================]`),
/// the same in every language.
fn is_progress_done(line: &str) -> bool {
    line.starts_with('[') && line.ends_with(']') && line.contains("100.0%") && line.contains("==")
}

/// DISM's restart question: `... (Y/N)`, maybe with the answer typed after it.
fn asks_restart(line: &str) -> bool {
    let t = line.trim_end();
    let t = t
        .strip_suffix(|c: char| c.is_alphabetic())
        .map_or(t, str::trim_end);
    let Some(before) = t.strip_suffix("/N)") else {
        return false;
    };
    let mut cs = before.chars();
    cs.next_back().is_some_and(char::is_alphabetic) && cs.as_str().ends_with('(')
}

/// A `/Set-Edition` being run: what was asked, and what its output said so far.
struct Pending {
    edition: String,
    key: Option<avma_core::key::ProductKey>,
    previous: Option<String>,
    /// The current edition DISM printed before the run (`/Get-CurrentEdition` above it).
    current_before: Option<String>,
    progress_done: bool,
}

impl Pending {
    /// The facts of a run that completed, at input line `n`.
    fn completed(self, file: &str, n: u64, r: &mut ReadResult) {
        let from = Provenance::line(file, n, READER);
        r.push(
            Fact::EditionChanged {
                edition: self.edition,
                previous: self.previous.or(self.current_before),
            },
            from.clone(),
        );
        // DISM installs the key it was given as part of the change (`Finished installing product
        // key.`).
        if let Some(key) = self.key {
            r.push(Fact::KeyInstalled { key }, from);
        }
    }
}

pub fn looks_like(lines: &[String]) -> bool {
    lines.iter().any(|l| {
        l.contains("Deployment Image Servicing and Management tool")
            || l.contains("展開イメージのサービスと管理ツール")
            || l.contains("部署映像服务和管理工具")
            || l.contains("部署映像服務與管理工具")
            || l.contains("배포 이미지 서비스 및 관리 도구")
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
    read_at(file, lines, &[], cat)
}

/// Read DISM output whose line `i` is input line `nums[i]`.
pub fn read_at(file: &str, lines: &[String], nums: &[u64], cat: &Catalog) -> ReadResult {
    let mut r = ReadResult::new(file, ArtifactKind::Dism);
    // Editions whose label said neither current nor target: (edition, line, block).
    let mut unsure: Vec<(String, u64, u32)> = Vec::new();
    let mut block = 0u32;
    let mut current_known: Option<String> = None;
    let mut english = false;
    let mut japanese = false;
    let mut versions_seen = 0;
    let mut section = Section::None;
    let mut targets: Vec<String> = Vec::new();
    let mut targets_at: Option<u64> = None;
    let mut no_targets = false;
    let lower_cmd = |l: &str| l.to_ascii_lowercase();
    let mut pending: Option<Pending> = None;
    let mut last_line = 0u64;
    let mut other_tool = false;
    for (i, raw) in lines.iter().enumerate() {
        let n = nums.get(i).copied().unwrap_or(i as u64 + 1);
        let line = raw.trim();
        if line.is_empty() {
            continue;
        }
        last_line = n;
        // A heading line ("Current edition is:", "エディション:") starts a block of editions.
        if line.ends_with(':') || line.ends_with('：') {
            block += 1;
        }
        let low = lower_cmd(line);
        // The tool whose command was typed last: an `Error:` after `slmgr /ipk` is slmgr's.
        let first = low.split_whitespace().next().unwrap_or("");
        if first.starts_with("dism") {
            other_tool = false;
        } else if first.starts_with("slmgr")
            || first.starts_with("cscript")
            || first.starts_with("wscript")
            || low.contains("slmgr.vbs")
        {
            other_tool = true;
        }
        if line.contains("Deployment Image Servicing and Management tool") {
            other_tool = false;
            english = true;
            versions_seen = 0;
            continue;
        }
        if line.contains("展開イメージのサービスと管理ツール") {
            other_tool = false;
            japanese = true;
            versions_seen = 0;
            continue;
        }
        // The command line itself, when pasted, names the section, or the edition asked for.
        // A console that wrapped the long command leaves `/ProductKey:K` on the next line
        // (`... /Set-Edition:ServerStandard /` + `ProductKey:...`): the key is read from there.
        if let Some((edition, mut key)) = set_edition(line) {
            if key.is_none() {
                if let Some(next) = lines.get(i + 1).map(|l| l.trim()) {
                    let joined = format!("{line}{next}");
                    if let Some((_, k @ Some(_))) = set_edition(&joined) {
                        key = k;
                        r.placed
                            .push(nums.get(i + 1).copied().unwrap_or(i as u64 + 2));
                    }
                }
            }
            r.placed.push(n);
            if let Some(p) = pending.take().filter(|p| p.progress_done) {
                p.completed(file, n, &mut r);
            }
            pending = Some(Pending {
                edition: edition.clone(),
                key: key.clone(),
                previous: None,
                current_before: current_known.clone(),
                progress_done: false,
            });
            r.push(
                Fact::SetEdition { edition, key },
                Provenance::line(file, n, READER),
            );
            continue;
        }
        // The restart DISM asks for after an edition change (`Restart Windows to complete this
        // operation.`, `Do you want to restart the computer now? (Y/N)`; the (Y/N) is kept in
        // every language, its letters may be the language's own).
        if line.starts_with("Restart Windows to complete") || asks_restart(line) {
            r.placed.push(n);
            continue;
        }
        if let Some(p) = pending.as_mut() {
            if let Some(e) = package_edition(line, cat).filter(|e| *e != p.edition) {
                r.placed.push(n);
                p.previous.get_or_insert(e);
                continue;
            }
            if is_progress_done(line) {
                r.placed.push(n);
                p.progress_done = true;
                continue;
            }
        }
        if says_domain_controller(line) && !low.contains("dism ") && !low.contains("dism.exe") {
            r.placed.push(n);
            r.push(
                Fact::DomainController { is_dc: true },
                Provenance::line(file, n, READER),
            );
            continue;
        }
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
        if is_success(line) {
            r.placed.push(n);
            r.push(Fact::DismSucceeded, Provenance::line(file, n, READER));
            if let Some(p) = pending.take() {
                p.completed(file, n, &mut r);
            }
            // DISM's output ends here: what follows (another command's `License Status:
            // Licensed`) is in no DISM section.
            section = Section::None;
            continue;
        }
        // "Error: 1168" in any language: the word for error as the label and a number or an
        // HRESULT (never any other property that holds a number: `BuildNumber : 20348`).
        let error_rest = line
            .strip_prefix("Error: ")
            .or_else(|| line.strip_prefix("エラー: "))
            .or_else(|| {
                let (label, value) = label_value(line)?;
                let numeric = (value.len() <= 10
                    && !value.is_empty()
                    && value.chars().all(|c| c.is_ascii_digit()))
                    || value.get(..2).is_some_and(|p| p.eq_ignore_ascii_case("0x"));
                (says_error(label) && numeric).then_some(value)
            });
        if let Some(rest) = error_rest.filter(|_| !other_tool) {
            let code = hresults(rest)
                .first()
                .copied()
                .or_else(|| rest.trim().parse::<u32>().ok());
            if let Some(code) = code {
                section = Section::None;
                pending = None;
                r.placed.push(n);
                // The message follows on the next non-empty line (a few lines at most).
                let text = lines
                    .iter()
                    .skip(i + 1)
                    .take(4)
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
            r.placed.push(n);
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
        // DISM's own labels for an edition; any other label is read only for an EditionID the
        // catalog knows.
        let dism_label = matches!(label, "Current Edition" | "Target Edition")
            || says_current(label)
            || says_target(label);
        let Some(e) = cat.edition(value).map(|e| e.id.clone()).or_else(|| {
            // Unknown EditionIDs still look like one word of letters, under DISM's own label.
            (dism_label
                && value.chars().all(|c| c.is_ascii_alphabetic())
                && value.len() > 3
                && value.starts_with(|c: char| c.is_ascii_uppercase()))
            .then(|| value.to_string())
        }) else {
            continue;
        };
        r.placed.push(n);
        let kind = match label {
            "Current Edition" => {
                english = true;
                Section::Current
            }
            "Target Edition" => {
                english = true;
                Section::Targets
            }
            l if says_current(l) => Section::Current,
            l if says_target(l) => Section::Targets,
            _ => match section {
                Section::Targets => Section::Targets,
                Section::Current => Section::Current,
                Section::None => {
                    unsure.push((e, n, block));
                    continue;
                }
            },
        };
        if kind == Section::Current {
            current_known = Some(e.clone());
        }
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
    // A run whose success line is in a language avma does not know: its progress bar ended and
    // no error followed.
    if let Some(p) = pending.take().filter(|p| p.progress_done) {
        p.completed(file, last_line, &mut r);
    }
    // Labels that said nothing: what DISM can print decides. An evaluation EditionID is never a
    // target; a machine has one current edition; a target list never holds the current edition.
    if !unsure.is_empty() {
        let is_eval = |e: &str| cat.edition(e).map_or(e.ends_with("Eval"), |x| x.eval);
        let evals: Vec<&(String, u64, u32)> = unsure.iter().filter(|u| is_eval(&u.0)).collect();
        let current = match (&current_known, evals.as_slice()) {
            (Some(c), _) => Some(c.clone()),
            (None, [only]) => Some(only.0.clone()),
            (None, []) => {
                // Two blocks, the first with one edition: "current is:" then "can be upgraded to:".
                let first = unsure[0].2;
                let in_first = unsure.iter().filter(|u| u.2 == first).count();
                (in_first == 1 && unsure.len() > 1).then(|| unsure[0].0.clone())
            }
            _ => None,
        };
        match current {
            Some(c) => {
                if current_known.is_none() {
                    if let Some(u) = unsure.iter().find(|u| u.0 == c) {
                        r.push(
                            Fact::Edition {
                                edition: c.clone(),
                                source: EditionSource::Dism,
                            },
                            Provenance::line(file, u.1, READER),
                        );
                    }
                }
                for u in unsure.iter().filter(|u| u.0 != c && !is_eval(&u.0)) {
                    targets_at.get_or_insert(u.1);
                    targets.push(u.0.clone());
                }
            }
            None => {
                let list: Vec<&str> = unsure.iter().map(|u| u.0.as_str()).collect();
                r.note(
                    Some(unsure[0].1),
                    Msg::new("reader-dism-edition-ambiguous").arg("editions", list.join(", ")),
                );
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
    } else {
        match language_of(lines.iter().map(String::as_str)) {
            Some(l) => l,
            None if english => "en",
            None => "unknown",
        }
    });
    if r.observations.is_empty() {
        r.problem(None, Msg::new("reader-dism-nothing"));
    }
    r
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::observe::Fact;

    fn set_edition_keys(text: &str) -> Vec<Option<String>> {
        let cat = Catalog::builtin();
        let lines: Vec<String> = text.lines().map(str::to_string).collect();
        read("dism.txt", &lines, cat)
            .observations
            .iter()
            .filter_map(|o| match &o.fact {
                Fact::SetEdition { key, .. } => Some(key.as_ref().map(|k| k.as_str().to_string())),
                _ => None,
            })
            .collect()
    }

    /// A console that wrapped the DISM command line before `/ProductKey:` (or inside the key)
    /// still gives the key, from the next line; a command without a key gives none.
    #[test]
    fn a_wrapped_set_edition_command_keeps_its_key() {
        let key = "DBGBW-NPF86-BJVTX-K3WKJ-MTB6V";
        for (first, second) in [
            (
                "C:\\>DISM /online /Set-Edition:ServerStandard /",
                "ProductKey:DBGBW-NPF86-BJVTX-K3WKJ-MTB6V /AcceptEula",
            ),
            (
                "C:\\>DISM /online /Set-Edition:ServerStandard /ProductKey:DBGBW-NPF8",
                "6-BJVTX-K3WKJ-MTB6V /AcceptEula",
            ),
        ] {
            let text =
                format!("{first}\n{second}\n\nDeployment Image Servicing and Management tool\n");
            assert_eq!(
                set_edition_keys(&text),
                vec![Some(key.to_string())],
                "{text}"
            );
        }
        let text = "C:\\>DISM /online /Set-Edition:ServerStandard /AcceptEula\n\nDeployment Image Servicing and Management tool\n";
        assert_eq!(set_edition_keys(text), vec![None]);
        // Prose that names the switch is no command: no edition was asked for.
        let text = "Deployment Image Servicing and Management tool\n\nThe operation completed successfully.\n\nというわけで次は /Set-Edition:ServerDatacenter を試す予定。\n";
        assert!(set_edition_keys(text).is_empty());
        // Advice in a sentence that quotes the whole command was never run either.
        for advice in [
            "переводите хост на Datacenter (DISM /online /Set-Edition:ServerDatacenter с ключом)",
            "dism /online /Set-Edition:ServerDatacenter /ProductKey:WX4NM-KYWYW-QJJR4-XV3QB-6VM33 /AcceptEula 로 변환해야 합니다",
            "You should run DISM /online /Set-Edition:ServerDatacenter /AcceptEula on the host.",
        ] {
            let text = format!("Deployment Image Servicing and Management tool\n\n{advice}\n");
            assert!(set_edition_keys(&text).is_empty(), "{advice}");
        }
        // A command after a prompt or a path, with a pipe after it, is one.
        for cmd in [
            "PS C:\\Windows\\system32> dism.exe /online /Set-Edition:ServerDatacenter /AcceptEula | Tee-Object dism.log",
            "C:\\Windows\\System32\\dism.exe /online /Set-Edition:ServerDatacenter /AcceptEula",
            "DISM /online /Set-Edition:ServerDatacenter /AcceptEula /NoRestart",
        ] {
            let text = format!("{cmd}\n\nDeployment Image Servicing and Management tool\n");
            assert_eq!(set_edition_keys(&text), vec![None], "{cmd}");
        }
    }
}
