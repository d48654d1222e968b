//! Parsing what people type for a machine: "2019 Standard", "Windows Server 2019 Standard
//! Evaluation", "ServerStandardEval", "2019 std eval", "WS2022 DC", "2022 Datacenter Core".

use crate::catalog::{Catalog, Edition, Version};

/// A Windows Server version and edition.
#[derive(Debug, Clone, Copy)]
pub struct MachineSpec<'c> {
    pub version: &'c Version,
    pub edition: &'c Edition,
}

/// The edition part alone (for `--want` and `--edition`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EditionWords {
    pub family: Option<String>,
    pub eval: Option<bool>,
    pub core: Option<bool>,
    /// An EditionID given literally.
    pub edition_id: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SpecError {
    Empty,
    UnknownWord(String),
    NoVersion,
    NoEdition,
    /// Several versions named, e.g. "2019 2022".
    AmbiguousVersion(Vec<String>),
    /// Several editions named, e.g. "Standard Datacenter".
    AmbiguousEdition(Vec<String>),
    /// A Windows client or other non-server OS.
    Client(String),
    /// The words name no edition the catalog knows (e.g. "Essentials Core").
    NoSuchEdition(String),
}

/// The forms accepted, for error messages.
pub const ACCEPTED: &str = "a version (2012 R2, 2016, 2019, 2022, 2025, 1709, 1803, 1809, 1903, 1909, 2004, 20H2, WS2022, or a build such as 17763) and an edition (Standard/Std, Datacenter/DC, Essentials, Azure Edition, Azure Local/HCI; optional Evaluation/Eval and Core), or an EditionID such as ServerStandardEval";

#[derive(Debug, Default)]
struct Words {
    versions: Vec<String>,
    families: Vec<String>,
    eval: Option<bool>,
    core: Option<bool>,
    edition_ids: Vec<String>,
    client: Option<String>,
}

/// Fold full-width forms and dashes as product keys are folded, except the katakana long vowel
/// mark (ー, ｰ) after a katakana letter: there it is part of the word (スタンダード), not a dash.
fn fold_spec(input: &str) -> String {
    let mut out = String::with_capacity(input.len());
    let mut prev_kana = false;
    for c in input.chars() {
        let kana = is_katakana(c);
        if (c == '\u{30FC}' || c == '\u{FF70}') && prev_kana {
            out.push(c);
            continue;
        }
        out.push(crate::key::fold_char(c));
        prev_kana = kana;
    }
    out
}

fn is_katakana(c: char) -> bool {
    matches!(c, '\u{30A1}'..='\u{30FA}' | '\u{FF66}'..='\u{FF6F}' | '\u{FF71}'..='\u{FF9F}')
}

/// Separators between words: white space, ASCII punctuation and their full-width or Japanese
/// forms (（評価版）, 【評価版】, 「Server Core」, 、, ・).
fn is_separator(c: char) -> bool {
    c.is_whitespace()
        || ",;/()[]:_\"'".contains(c)
        || "（）［］｛｝【】「」『』〔〕〈〉《》、。，．・：；／＿＂＇“”‘’".contains(c)
}

/// The word `token` (folded, lower case) as the admin typed it in `input` (its case and
/// full-width forms kept), for the error to quote what was written; the token itself when it
/// cannot be found so.
fn as_typed(input: &str, token: &str) -> String {
    let typed: Vec<char> = input.chars().collect();
    let n = token.chars().count();
    let folded: Vec<String> = fold_spec(input)
        .chars()
        .map(|c| c.to_lowercase().collect())
        .collect();
    if folded.len() != typed.len() || n == 0 || n > typed.len() {
        return token.to_string();
    }
    (0..=typed.len() - n)
        .find(|&i| folded[i..i + n].concat() == token)
        .map(|i| typed[i..i + n].iter().collect())
        .unwrap_or_else(|| token.to_string())
}

fn tokenize(input: &str) -> Vec<String> {
    let folded = fold_spec(input);
    let lower = folded
        .to_lowercase()
        .replace("2012r2", " 2012 r2 ")
        .replace("20h2", " 20h2 ");
    let mut out = Vec::new();
    for raw in lower.split(is_separator) {
        if raw.is_empty() {
            continue;
        }
        if raw == "20h2" || raw == "r2" {
            out.push(raw.to_string());
            continue;
        }
        // split a digit/letter glue like "ws2022" or "2019std" or "2019評価版"
        let mut cur = String::new();
        let mut last_kind = 0u8;
        for ch in raw.chars() {
            let kind = if ch.is_ascii_digit() {
                1
            } else if ch.is_ascii_alphabetic() {
                2
            } else if ch == '-' || ch == '.' {
                0
            } else {
                3
            };
            if kind == 0 {
                if !cur.is_empty() {
                    out.push(std::mem::take(&mut cur));
                }
                last_kind = 0;
                continue;
            }
            if !cur.is_empty() && kind != last_kind {
                out.push(std::mem::take(&mut cur));
            }
            cur.push(ch);
            last_kind = kind;
        }
        if !cur.is_empty() {
            out.push(cur);
        }
    }
    out
}

fn classify(input: &str, cat: &Catalog) -> Result<Words, SpecError> {
    let toks = tokenize(input);
    if toks.is_empty() {
        return Err(SpecError::Empty);
    }
    let mut w = Words::default();
    let mut i = 0;
    while i < toks.len() {
        let t = toks[i].as_str();
        let next = toks.get(i + 1).map(String::as_str);
        match t {
            "windows" | "microsoft" | "server" | "ws" | "win" | "winsrv" | "edition" | "the"
            | "os" | "version" | "ver" | "ltsc" | "sac" | "with" | "and" | "release" | "hyper"
            | "v" | "host" | "guest" | "vm" | "x64" | "サーバー" | "サーバ" | "ウィンドウズ" =>
                {}
            "2012" if next == Some("r2") => {
                w.versions.push("2012r2".into());
                i += 1;
            }
            "2012r2" => w.versions.push("2012r2".into()),
            "r2" => return Err(SpecError::UnknownWord("R2".into())),
            "standard" | "std" | "stnd" | "st" | "スタンダード" | "ｽﾀﾝﾀﾞｰﾄﾞ" => {
                w.families.push("standard".into())
            }
            "datacenter" | "datacentre" | "dc" | "dtc" | "データセンター" | "ﾃﾞｰﾀｾﾝﾀｰ" => {
                w.families.push("datacenter".into())
            }
            "essentials"
            | "essential"
            | "ess"
            | "solution"
            | "エッセンシャルズ"
            | "エッセンシャル"
            | "ｴｯｾﾝｼｬﾙｽﾞ" => w.families.push("essentials".into()),
            "azure" if next == Some("local") || next == Some("stack") => {
                w.families.push("azure-local".into());
                i += 1;
                if toks.get(i + 1).map(String::as_str) == Some("hci") {
                    i += 1;
                }
            }
            "hci" | "azurestackhci" | "azurelocal" => w.families.push("azure-local".into()),
            "azure" | "turbine" | "ae" => {
                w.families.push("datacenter-azure".into());
                if next == Some("edition") {
                    i += 1;
                }
            }
            "eval" | "evaluation" | "trial" | "評価版" | "評価" => w.eval = Some(true),
            "retail" | "製品版" => w.eval = Some(false),
            "core" | "cor" | "servercore" | "コア" | "サーバーコア" => w.core = Some(true),
            "desktop"
            | "experience"
            | "gui"
            | "full"
            | "デスクトップ"
            | "エクスペリエンス"
            | "デスクトップエクスペリエンス" => w.core = Some(false),
            "10" | "11" | "pro" | "professional" | "home" | "enterprise" | "education"
            | "client" | "8" | "7" => {
                w.client.get_or_insert_with(|| input.trim().to_string());
            }
            _ => {
                if let Some(e) = cat.edition(t) {
                    // A literal EditionID such as ServerStandardEval.
                    if e.family == "client" {
                        w.client.get_or_insert_with(|| input.trim().to_string());
                    } else {
                        w.edition_ids.push(e.id.clone());
                    }
                } else if let Some(v) = cat.version(t) {
                    w.versions.push(v.id.clone());
                } else if let Some(v) = t
                    .parse::<u32>()
                    .ok()
                    .filter(|b| *b > 6000)
                    .and_then(|b| cat.version_by_build(b))
                {
                    w.versions.push(v.id.clone());
                } else {
                    return Err(SpecError::UnknownWord(as_typed(input, t)));
                }
            }
        }
        i += 1;
    }
    w.versions.sort();
    w.versions.dedup();
    w.families.sort();
    w.families.dedup();
    // "Datacenter: Azure Edition" names both words.
    if w.families.iter().any(|f| f == "datacenter-azure") {
        w.families.retain(|f| f != "datacenter");
    }
    Ok(w)
}

/// Parse the edition part of a phrase (no version expected or needed).
pub fn parse_edition_words(input: &str, cat: &Catalog) -> Result<EditionWords, SpecError> {
    let w = classify(input, cat)?;
    if let Some(c) = w.client {
        return Err(SpecError::Client(c));
    }
    if w.families.len() > 1 {
        return Err(SpecError::AmbiguousEdition(w.families));
    }
    if w.edition_ids.len() > 1 {
        return Err(SpecError::AmbiguousEdition(w.edition_ids));
    }
    let ew = EditionWords {
        family: w.families.first().cloned(),
        eval: w.eval,
        core: w.core,
        edition_id: w.edition_ids.first().cloned(),
    };
    if ew.family.is_none() && ew.edition_id.is_none() {
        return Err(SpecError::NoEdition);
    }
    Ok(ew)
}

/// Resolve edition words to a catalog edition. Missing flags default to retail, Desktop
/// Experience, or to `like`'s installation option when given.
pub fn resolve_edition<'c>(
    ew: &EditionWords,
    cat: &'c Catalog,
    default_core: bool,
) -> Result<&'c Edition, SpecError> {
    if let Some(id) = &ew.edition_id {
        let e = cat
            .edition(id)
            .ok_or_else(|| SpecError::NoSuchEdition(id.clone()))?;
        if let Some(f) = &ew.family {
            if *f != e.family {
                return Err(SpecError::AmbiguousEdition(vec![e.id.clone(), f.clone()]));
            }
        }
        return Ok(e);
    }
    let family = ew.family.as_deref().ok_or(SpecError::NoEdition)?;
    let eval = ew.eval.unwrap_or(false);
    let core = match ew.core {
        Some(c) => c,
        // Azure Local's OS exists only as Core.
        None => family == "azure-local" || default_core,
    };
    cat.editions
        .iter()
        .find(|e| e.family == family && e.eval == eval && e.core == core)
        .or_else(|| {
            // A family that exists in one installation option only (Essentials: Desktop).
            if ew.core.is_none() {
                cat.editions
                    .iter()
                    .find(|e| e.family == family && e.eval == eval)
            } else {
                None
            }
        })
        .ok_or_else(|| {
            let mut d = family.to_string();
            if eval {
                d.push_str(" evaluation");
            }
            if core {
                d.push_str(" core");
            }
            SpecError::NoSuchEdition(d)
        })
}

/// Parse a whole machine phrase: version and edition.
pub fn parse_machine<'c>(input: &str, cat: &'c Catalog) -> Result<MachineSpec<'c>, SpecError> {
    let w = classify(input, cat)?;
    if let Some(c) = w.client {
        return Err(SpecError::Client(c));
    }
    let version = match w.versions.as_slice() {
        [] => return Err(SpecError::NoVersion),
        [v] => cat.version(v).ok_or(SpecError::NoVersion)?,
        many => return Err(SpecError::AmbiguousVersion(many.to_vec())),
    };
    if w.families.len() > 1 {
        return Err(SpecError::AmbiguousEdition(w.families));
    }
    if w.edition_ids.len() > 1 {
        return Err(SpecError::AmbiguousEdition(w.edition_ids));
    }
    let ew = EditionWords {
        family: w.families.first().cloned(),
        eval: w.eval,
        core: w.core,
        edition_id: w.edition_ids.first().cloned(),
    };
    let edition = resolve_edition(&ew, cat, false)?;
    Ok(MachineSpec { version, edition })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> (String, String) {
        let cat = Catalog::builtin();
        let m = parse_machine(s, cat).unwrap_or_else(|e| panic!("{s}: {e:?}"));
        (m.version.id.clone(), m.edition.id.clone())
    }

    #[test]
    fn accepts_the_documented_forms() {
        assert_eq!(p("2019 Standard"), ("2019".into(), "ServerStandard".into()));
        assert_eq!(
            p("Windows Server 2019 Standard Evaluation"),
            ("2019".into(), "ServerStandardEval".into())
        );
        assert_eq!(
            p("2019 ServerStandardEval"),
            ("2019".into(), "ServerStandardEval".into())
        );
        assert_eq!(
            p("2019 std eval"),
            ("2019".into(), "ServerStandardEval".into())
        );
        assert_eq!(p("WS2022 DC"), ("2022".into(), "ServerDatacenter".into()));
        assert_eq!(
            p("Windows Server 2012 R2 Datacenter"),
            ("2012r2".into(), "ServerDatacenter".into())
        );
        assert_eq!(
            p("2022 Datacenter Core"),
            ("2022".into(), "ServerDatacenterCor".into())
        );
        assert_eq!(
            p("2025 Datacenter: Azure Edition"),
            ("2025".into(), "ServerTurbine".into())
        );
        assert_eq!(
            p("17763 Standard"),
            ("2019".into(), "ServerStandard".into())
        );
        assert_eq!(
            p("2019 Essentials"),
            ("2019".into(), "ServerSolution".into())
        );
        assert_eq!(
            p("Windows Server 2019 Standard 評価版"),
            ("2019".into(), "ServerStandardEval".into())
        );
    }

    #[test]
    fn reads_back_the_japanese_names_avma_prints() {
        // The ja catalog names, exactly as avma prints them.
        assert_eq!(
            p("Windows Server 2019 Datacenter (デスクトップ エクスペリエンス)"),
            ("2019".into(), "ServerDatacenter".into())
        );
        assert_eq!(
            p("Windows Server 2019 Standard (デスクトップ エクスペリエンス) 評価版"),
            ("2019".into(), "ServerStandardEval".into())
        );
        assert_eq!(
            p("2022 Datacenter (Server Core) 評価版"),
            ("2022".into(), "ServerDatacenterEvalCor".into())
        );
        // Every bracket form of 評価版.
        for s in [
            "2019 Standard（評価版）",
            "2019 Standard(評価版)",
            "2019 Standard 【評価版】",
            "2019 Standard「評価版」",
            "2019 Standard・評価版",
        ] {
            assert_eq!(p(s), ("2019".into(), "ServerStandardEval".into()), "{s}");
        }
        // The katakana Japanese admins write: ー is part of the word.
        assert_eq!(
            p("2019 スタンダード"),
            ("2019".into(), "ServerStandard".into())
        );
        assert_eq!(
            p("2022 データセンター"),
            ("2022".into(), "ServerDatacenter".into())
        );
        assert_eq!(
            p("2019 エッセンシャルズ"),
            ("2019".into(), "ServerSolution".into())
        );
        assert_eq!(p("2019 ｽﾀﾝﾀﾞｰﾄﾞ"), ("2019".into(), "ServerStandard".into()));
        assert_eq!(
            p("2022 データセンター サーバー コア"),
            ("2022".into(), "ServerDatacenterCor".into())
        );
    }

    #[test]
    fn quotes_the_whole_unknown_word() {
        let cat = Catalog::builtin();
        assert_eq!(
            parse_machine("2019 スタンダーード", cat).unwrap_err(),
            SpecError::UnknownWord("スタンダーード".into())
        );
        assert_eq!(
            parse_machine("2019 デーモン", cat).unwrap_err(),
            SpecError::UnknownWord("デーモン".into())
        );
        // A dash between ASCII words still separates them, as in product keys.
        assert_eq!(p("2019-Standard"), ("2019".into(), "ServerStandard".into()));
    }

    proptest::proptest! {
        /// Any phrase (ASCII, katakana with ー, full-width forms, brackets): no panic, and an
        /// unknown word is quoted as it stands in the phrase.
        #[test]
        fn an_unknown_word_is_part_of_what_was_typed(
            s in "[ -~（）【】「」、・ーｰァ-ヶｦ-ﾟ０-９Ａ-Ｚａ-ｚ評価版]{0,40}"
        ) {
            let cat = Catalog::builtin();
            let _ = parse_edition_words(&s, cat);
            if let Err(SpecError::UnknownWord(w)) = parse_machine(&s, cat) {
                proptest::prop_assert!(w == "R2" || s.contains(&w), "{:?} not in {:?}", w, s);
            }
        }
    }

    #[test]
    fn refuses_ambiguous_and_unknown() {
        let cat = Catalog::builtin();
        assert_eq!(
            parse_machine("Standard", cat).unwrap_err(),
            SpecError::NoVersion
        );
        assert_eq!(
            parse_machine("2019", cat).unwrap_err(),
            SpecError::NoEdition
        );
        assert!(matches!(
            parse_machine("2019 2022 DC", cat),
            Err(SpecError::AmbiguousVersion(_))
        ));
        assert!(matches!(
            parse_machine("2019 Standard Datacenter", cat),
            Err(SpecError::AmbiguousEdition(_))
        ));
        // The word as typed (its case kept).
        assert!(matches!(
            parse_machine("2019 Ultimate", cat),
            Err(SpecError::UnknownWord(w)) if w == "Ultimate"
        ));
        assert!(matches!(
            parse_machine("2019 Ｕｌｔｉｍａｔｅ", cat),
            Err(SpecError::UnknownWord(w)) if w == "Ｕｌｔｉｍａｔｅ"
        ));
        assert!(matches!(
            parse_machine("Windows 11 Pro", cat),
            Err(SpecError::Client(_))
        ));
        assert!(matches!(parse_machine("   ", cat), Err(SpecError::Empty)));
    }
}
