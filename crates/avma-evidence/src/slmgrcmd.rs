//! `slmgr /ipk KEY` (or CIM's `InstallProductKey` with the key) as typed (at a prompt, or as a command line of a pasted block), read with
//! the output that follows it, up to the next command: a failure HRESULT there
//! (`Error: 0xC004F050 ...`, any language: the code is never translated) makes the key a key
//! TRIED ([`Fact::KeyTried`], never installed); a line that names the same key without an error
//! (`Installed product key K successfully.`, or the same sentence in another language, which
//! slmgr prints with the whole key) or CIM's `ReturnValue` 0 makes it a key installed, when no
//! reader said so already.

use avma_core::key::{find_keys, ProductKey};

use crate::clean::Cleaned;
use crate::observe::{Fact, Provenance, ReadResult};
use crate::util::hresults;

const READER: &str = "slmgr";

/// How many output lines after the command are looked at for its outcome.
const OUTCOME_LINES: usize = 12;

/// The key of an `slmgr /ipk KEY` command line (`slmgr`, `slmgr.vbs`, `cscript //nologo
/// %windir%\system32\slmgr.vbs`, `-ipk`), if the line is one.
fn ipk_key(line: &str) -> Option<ProductKey> {
    let low = line.to_ascii_lowercase();
    // The same through CIM: `... | Invoke-CimMethod -MethodName InstallProductKey -Arguments
    // @{ProductKey='K'}` (or `.InstallProductKey('K')`).
    if let Some(at) = low.find("installproductkey") {
        return find_keys(line.get(at..)?).into_iter().next().map(|k| k.key);
    }
    let at = low.find("slmgr")?;
    let rest = low.get(at..)?;
    let sw = rest.find("/ipk").or_else(|| rest.find("-ipk"))?;
    let after = line.get(at + sw + 4..)?;
    // The key is the switch's argument: the next word.
    let word = after.split_whitespace().next()?;
    let word = word.trim_matches(['"', '\'']);
    find_keys(word).into_iter().next().map(|k| k.key)
}

/// What the output after an `/ipk` says: a failure code, or that this key was installed.
enum Outcome {
    Failed(u32, usize),
    Installed(usize),
}

fn outcome(c: &Cleaned, from: usize, key: &ProductKey) -> Option<Outcome> {
    let mut seen = 0;
    // CIM's answer: `ReturnValue : 0` (a list) or a table whose `ReturnValue` column holds 0.
    let mut return_header = false;
    for j in from..c.lines.len() {
        if c.commands.get(j).is_some_and(Option::is_some) {
            return None; // the next command: this one printed nothing avma reads.
        }
        let l = c.lines[j].trim();
        if l.is_empty() {
            continue;
        }
        if ipk_key(l).is_some() {
            return None;
        }
        if let Some(code) = hresults(l).into_iter().find(|h| *h >= 0x8000_0000) {
            return Some(Outcome::Failed(code, j));
        }
        if find_keys(l).iter().any(|k| k.key == *key) {
            return Some(Outcome::Installed(j));
        }
        let first = l.split_whitespace().next().unwrap_or("");
        if first == "ReturnValue" {
            if l.split_once(':').is_some_and(|(_, v)| v.trim() == "0") {
                return Some(Outcome::Installed(j));
            }
            return_header = true;
        } else if return_header && first == "0" {
            return Some(Outcome::Installed(j));
        }
        seen += 1;
        if seen >= OUTCOME_LINES {
            return None;
        }
    }
    None
}

/// The keys tried (and installed) by the `slmgr /ipk` commands of a cleaned text, added to `r`.
/// Linear in the lines (each command looks at a bounded number of lines after it).
pub(crate) fn tried_keys(file: &str, c: &Cleaned, r: &mut ReadResult) {
    for i in 0..c.lines.len() {
        let text = c.commands[i].as_deref().unwrap_or(&c.lines[i]);
        let Some(key) = ipk_key(text) else { continue };
        let n = c.numbers[i];
        // A sentence that says it all (`ran slmgr /ipk K and got 0xC004F050`): the code after the
        // key on the same line.
        let same_line = c.commands[i]
            .is_none()
            .then(|| text.to_ascii_lowercase().find("ipk"))
            .flatten()
            .and_then(|at| text.get(at..))
            .and_then(|rest| hresults(rest).into_iter().find(|h| *h >= 0x8000_0000))
            .map(|code| Outcome::Failed(code, i));
        match same_line.or_else(|| outcome(c, i + 1, &key)) {
            Some(Outcome::Failed(code, j)) => {
                let at = c.numbers[j];
                r.placed.extend([n, at]);
                r.push(
                    Fact::KeyTried {
                        key,
                        code: Some(code),
                    },
                    Provenance::line(file, n, READER),
                );
                // The error line itself, when no reader read it (its command was the prompt's).
                let read = r.observations.iter().any(|o| {
                    o.from.line == Some(at)
                        && matches!(o.fact, Fact::Error { code: x, .. } if x == code)
                });
                if !read {
                    let text: String = c.lines[j].trim().chars().take(200).collect();
                    r.push(
                        Fact::Error {
                            code,
                            tool: READER,
                            text,
                        },
                        Provenance::line(file, at, READER),
                    );
                }
            }
            Some(Outcome::Installed(j)) => {
                let at = c.numbers[j];
                let read = r
                    .observations
                    .iter()
                    .any(|o| matches!(&o.fact, Fact::KeyInstalled { key: k } if *k == key));
                if !read {
                    r.placed.extend([n, at]);
                    r.push(
                        Fact::KeyInstalled { key },
                        Provenance::line(file, at, READER),
                    );
                }
            }
            None => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_ipk_command_line_gives_its_key() {
        let k = "TNK62-RXVTB-4P47B-2D623-4GF74";
        for l in [
            format!("slmgr /ipk {k}"),
            format!("cscript //nologo C:\\Windows\\System32\\slmgr.vbs /ipk {k}"),
            format!("cscript //nologo %windir%\\system32\\slmgr.vbs -ipk \"{k}\""),
            format!("SLMGR.VBS /IPK {k}"),
            format!("Get-CimInstance SoftwareLicensingService | Invoke-CimMethod -MethodName InstallProductKey -Arguments @{{ProductKey='{k}'}}"),
            format!("(Get-WmiObject SoftwareLicensingService).InstallProductKey(\"{k}\")"),
        ] {
            assert_eq!(
                ipk_key(&l).map(|x| x.as_str().to_string()),
                Some(k.to_string()),
                "{l}"
            );
        }
        for l in [
            "slmgr /dli".to_string(),
            format!("DISM /online /Set-Edition:ServerStandard /ProductKey:{k}"),
            format!("slmgr /ato {k}"),
            "+ ... ngService | Invoke-CimMethod -MethodName InstallProductKey -Arguments ..."
                .to_string(),
        ] {
            assert!(ipk_key(&l).is_none(), "{l}");
        }
    }
}

#[cfg(test)]
mod outcome_tests {
    #![allow(clippy::unwrap_used)]
    use crate::observe::Fact;

    fn tried(text: &str) -> Vec<(String, Option<u32>)> {
        let lines: Vec<String> = text.lines().map(str::to_string).collect();
        let r = crate::detect::read_text("t.txt", &lines, avma_core::Catalog::builtin());
        r.observations
            .iter()
            .filter_map(|o| match &o.fact {
                Fact::KeyTried { key, code } => Some((key.as_str().to_string(), *code)),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn a_key_tried_in_a_fence_or_a_sentence() {
        let k = "YDFWN-MJ9JR-3DYRK-FXXRW-78VHK";
        let fenced = format!("```\nslmgr /ipk {k}\nError: 0xC004F050 The Software Licensing Service reported that the product key is invalid.\n```\n");
        assert_eq!(tried(&fenced), vec![(k.to_string(), Some(0xC004_F050))]);
        let sentence =
            format!("I ran slmgr /ipk {k} on the 2019 guest and got 0xC004F050 right away.\n");
        assert_eq!(tried(&sentence), vec![(k.to_string(), Some(0xC004_F050))]);
        // A success code after it is no failure; another command's error is not this key's.
        let other = format!("PS C:\\> slmgr /ipk {k}\nPS C:\\> slmgr /ato\nError: 0xC004F074 The Software Licensing Service reported that the computer could not be activated.\n");
        assert!(tried(&other).is_empty());
    }
}
