//! Markdown tables typed by people (`| Host | Version | Edition | Activated |`, a `|---|` line,
//! one row per machine), in English and Japanese headers (`ホスト`, `バージョン`, `エディション`,
//! `ライセンス認証`). Each row states facts of the machine its name column names: its name, its
//! version, its edition and whether it is activated. They are the user's typed statement, not a
//! capture: every fact carries the reader [`READER`] (`typed-table`), an edition is of the source
//! [`EditionSource::Typed`] (the weakest), and a real capture outranks it (a disagreement is a
//! conflict, shown as such).
//!
//! Only a table whose header row has a name column and at least one other known column becomes
//! facts, and only rows whose name cell is a host name: a table of keys per version, or one
//! without a name column, gives nothing. The table is read from the input's own lines (the
//! cleaner blanks the `|---|` line as a border), with `> ` quoting and indentation allowed.

use std::sync::OnceLock;

use regex::Regex;

use avma_core::Catalog;

use crate::observe::{EditionSource, Fact, Provenance, ReadResult};

/// The reader of every fact a typed table gives: the user's statement, weaker than a capture.
pub const READER: &str = "typed-table";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
    Name,
    Version,
    Edition,
    Activated,
    Build,
    /// The node that owns a VM now (`Owner node`, `Current owner`, `所有者ノード`).
    Owner,
    /// The nodes a VM may run on (`Possible owners`, `実行可能な所有者`).
    PossibleOwners,
    /// The nodes a VM's group prefers (`Preferred owners`, `優先所有者`).
    PreferredOwners,
    Other,
}

/// The column a header cell names (English and Japanese words; case and `?`, `*` ignored).
fn column_of(header: &str) -> Column {
    let h: String = header
        .trim()
        .trim_matches(|c: char| matches!(c, '*' | '_' | '`' | '?' | '？' | ':' | '：'))
        .trim()
        .to_lowercase();
    let is = |words: &[&str]| words.iter().any(|w| h == *w);
    if is(&[
        "host",
        "hostname",
        "host name",
        "node",
        "node name",
        "server",
        "server name",
        "machine",
        "computer",
        "computer name",
        "computername",
        "name",
        "vm",
        "vm name",
        "guest",
        "ホスト",
        "ホスト名",
        "ノード",
        "ノード名",
        "サーバー",
        "サーバー名",
        "サーバ",
        "マシン",
        "マシン名",
        "コンピューター",
        "コンピューター名",
        "コンピュータ名",
        "名前",
        "仮想マシン",
        "ゲスト",
    ]) {
        Column::Name
    } else if is(&[
        "version",
        "os",
        "os version",
        "windows",
        "windows version",
        "windows server",
        "ver",
        "バージョン",
        "os バージョン",
        "osバージョン",
        "os のバージョン",
        "guest os",
        "guest os version",
        "ゲスト os",
    ]) {
        Column::Version
    } else if is(&[
        "edition",
        "sku",
        "os edition",
        "エディション",
        "os エディション",
    ]) {
        Column::Edition
    } else if is(&[
        "activated",
        "activation",
        "activation status",
        "licensed",
        "license",
        "licence",
        "license status",
        "licence status",
        "ライセンス認証",
        "ライセンス認証済み",
        "ライセンス認証状態",
        "ライセンス認証の状態",
        "認証",
        "認証済み",
        "ライセンス",
        "ライセンス状態",
    ]) {
        Column::Activated
    } else if is(&["build", "os build", "ビルド"]) {
        Column::Build
    } else if is(&[
        "owner",
        "owner node",
        "ownernode",
        "current owner",
        "current owner node",
        "current node",
        "owner host",
        "running on",
        "所有者",
        "所有者ノード",
        "現在の所有者",
        "現在の所有者ノード",
    ]) {
        Column::Owner
    } else if is(&[
        "possible owners",
        "possible owner",
        "possible owner nodes",
        "possible nodes",
        "実行可能な所有者",
        "実行可能な所有者ノード",
    ]) {
        Column::PossibleOwners
    } else if is(&[
        "preferred owners",
        "preferred owner",
        "preferred owner nodes",
        "優先所有者",
        "優先する所有者",
    ]) {
        Column::PreferredOwners
    } else {
        Column::Other
    }
}

/// A line's cells when it is a table row (`| a | b |`, or `a | b` with at least two cells), after
/// any `> ` quoting and indentation.
fn cells(line: &str) -> Option<Vec<String>> {
    let t = crate::clean::unquote(line.trim_start()).trim();
    if !t.contains('|') {
        return None;
    }
    let inner = t.strip_prefix('|').unwrap_or(t);
    let inner = inner.strip_suffix('|').unwrap_or(inner);
    let v: Vec<String> = inner.split('|').map(|c| c.trim().to_string()).collect();
    (v.len() >= 2).then_some(v)
}

/// The `|---|:---:|` line under a header.
fn is_separator(cells: &[String]) -> bool {
    cells.iter().all(|c| {
        let c = c.trim();
        let d = c.trim_matches(':');
        d.len() >= 3 && d.chars().all(|x| x == '-')
    })
}

/// A cell as typed, without Markdown emphasis or code marks.
fn plain(cell: &str) -> String {
    cell.replace(['*', '`', '~'], "").trim().to_string()
}

/// The Windows Server version a cell names (`2022`, `WS2019`, `Windows Server 2012 R2`,
/// `2012R2`), when the catalog knows it.
fn version_of(cell: &str, cat: &Catalog) -> Option<String> {
    static R: OnceLock<Regex> = OnceLock::new();
    let c = crate::util::re(
        &R,
        r"(?i)(?:^|[^0-9])(20(?:08|12|16|19|22|25))(\s*r2)?(?:[^0-9]|$)",
    )
    .captures(cell)?;
    let name = format!("{}{}", &c[1], if c.get(2).is_some() { "r2" } else { "" });
    cat.version(&name).map(|v| v.id.clone())
}

/// The EditionID a cell names (`Datacenter`, `DC`, `Standard`, `Std`, `ServerDatacenter`, with
/// `Eval`/`評価版` the evaluation edition), when the catalog knows it.
fn edition_of(cell: &str, cat: &Catalog) -> Option<String> {
    let l = cell.to_lowercase();
    let words: Vec<&str> = l
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let has = |w: &str| words.contains(&w);
    let eval = l.contains("eval") || l.contains("評価");
    let base = if l.contains("datacenter") || has("dc") || l.contains("データセンター") {
        if l.contains("azure") {
            "ServerDatacenterAzureEdition"
        } else {
            "ServerDatacenter"
        }
    } else if l.contains("standard") || has("std") || l.contains("スタンダード") {
        "ServerStandard"
    } else {
        return None;
    };
    let id = if eval && !base.contains("Azure") {
        format!("{base}Eval")
    } else {
        base.to_string()
    };
    cat.edition(&id)
        .map(|_| id.clone())
        .or_else(|| cat.edition(base).map(|_| base.to_string()))
}

/// Whether a cell says activated (`yes`, `Activated`, `✓`, `はい`, `済み`) or not (`no`, `not
/// activated`, `✗`, `いいえ`, `未`); None when it says neither.
fn activated_of(cell: &str) -> Option<bool> {
    let l = plain(cell).to_lowercase();
    let first = l
        .split(|c: char| c.is_whitespace() || matches!(c, '(' | ',' | ';' | '.' | '/' | '（'))
        .find(|w| !w.is_empty())
        .unwrap_or("");
    const YES: &[&str] = &[
        "yes",
        "y",
        "true",
        "activated",
        "licensed",
        "ok",
        "✓",
        "✔",
        "✅",
        "○",
        "◯",
    ];
    const NO: &[&str] = &[
        "no",
        "n",
        "false",
        "not",
        "unlicensed",
        "unactivated",
        "✗",
        "✘",
        "❌",
        "×",
    ];
    if NO.contains(&first) {
        return Some(false);
    }
    if YES.contains(&first) {
        return Some(true);
    }
    for (w, v) in [
        ("未", false),
        ("いいえ", false),
        ("なし", false),
        ("無", false),
        ("はい", true),
        ("済", true),
        ("認証済", true),
        ("ライセンス認証済", true),
        ("有", true),
    ] {
        if first.starts_with(w) {
            return Some(v);
        }
    }
    None
}

/// A header that names a VM column (`VM`, `VM name`, `Guest`, `仮想マシン`).
fn is_vm_header(h: &str) -> bool {
    let h = plain(h).to_lowercase();
    [
        "vm",
        "vm name",
        "guest",
        "virtual machine",
        "仮想マシン",
        "ゲスト",
    ]
    .contains(&h.as_str())
}

/// A header that names a host or node column (`Host`, `Node`, `ノード`).
fn is_node_header(h: &str) -> bool {
    let h = plain(h).to_lowercase();
    [
        "host",
        "hostname",
        "host name",
        "node",
        "node name",
        "ホスト",
        "ホスト名",
        "ノード",
        "ノード名",
    ]
    .contains(&h.as_str())
}

/// The node names a cell lists (`HVC-A1, HVC-A2`, `{N1, N2}`, `N1 / N2`, `N1; N2`), each a
/// host name, upper-cased; nothing when a word that is no name stands among them (`all nodes`).
fn nodes_of(cell: &str) -> Vec<String> {
    let t = cell.trim().trim_start_matches('{').trim_end_matches('}');
    let parts: Vec<&str> = t
        .split([',', ';', '/', '、', '，'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    let names: Vec<String> = parts
        .iter()
        .filter(|p| {
            crate::clean::is_host_name(p) && p.chars().any(|c| c.is_ascii_digit() || c == '-')
        })
        .map(|p| p.to_ascii_uppercase())
        .collect();
    if names.len() == parts.len() {
        names
    } else {
        Vec::new()
    }
}

/// The facts of every typed Markdown table in the input's lines. Returns a result holding
/// them (kind [`crate::observe::ArtifactKind::MarkdownTable`]), the rows' lines placed, and a
/// section per row (the machine it names) with one after the table back to the input's own
/// machine; None when no table with a name column and a known column is found.
pub fn read(file: &str, lines: &[String], cat: &Catalog) -> Option<ReadResult> {
    let mut r = ReadResult::new(file, crate::observe::ArtifactKind::MarkdownTable);
    let mut i = 0usize;
    while i + 1 < lines.len() {
        let (Some(head), Some(sep)) = (cells(&lines[i]), cells(&lines[i + 1])) else {
            i += 1;
            continue;
        };
        if !is_separator(&sep) || sep.len() != head.len() {
            i += 1;
            continue;
        }
        let mut cols: Vec<Column> = head.iter().map(|h| column_of(h)).collect();
        let name_col = cols.iter().position(|c| *c == Column::Name);
        // A table of VMs (`| VM | Host |`): a second name column after the VM's names the
        // node it runs on, its owner.
        if name_col.is_some_and(|n| is_vm_header(&head[n])) {
            for (k, c) in cols.iter_mut().enumerate() {
                if Some(k) != name_col && *c == Column::Name && is_node_header(&head[k]) {
                    *c = Column::Owner;
                }
            }
        }
        let known = cols
            .iter()
            .filter(|c| !matches!(c, Column::Name | Column::Other))
            .count();
        let Some(name_col) = name_col.filter(|_| known > 0) else {
            i += 2;
            continue;
        };
        let mut j = i + 2;
        let mut any = false;
        while j < lines.len() {
            let Some(row) = cells(&lines[j]) else { break };
            let n = j as u64 + 1;
            j += 1;
            let Some(name) = row
                .get(name_col)
                .map(|c| plain(c))
                .filter(|c| crate::clean::is_host_name(c) && version_of(c, cat).is_none())
            else {
                continue;
            };
            let at = Provenance::line(file, n, READER);
            let mut facts = Vec::new();
            for (k, col) in cols.iter().enumerate() {
                let Some(cell) = row.get(k).map(|c| plain(c)).filter(|c| !c.is_empty()) else {
                    continue;
                };
                match col {
                    Column::Version => {
                        if let Some(v) = version_of(&cell, cat) {
                            facts.push(Fact::OsCaption {
                                caption: cell.clone(),
                                version: Some(v),
                            });
                        }
                        // `Windows Server 2022 Standard` in a table without an edition column.
                        if !cols.contains(&Column::Edition) {
                            if let Some(e) = edition_of(&cell, cat) {
                                facts.push(Fact::Edition {
                                    edition: e,
                                    source: EditionSource::Typed,
                                });
                            }
                        }
                    }
                    Column::Edition => {
                        if let Some(e) = edition_of(&cell, cat) {
                            facts.push(Fact::Edition {
                                edition: e,
                                source: EditionSource::Typed,
                            });
                        }
                    }
                    Column::Activated => {
                        if let Some(a) = activated_of(&cell) {
                            facts.push(Fact::StatedActivated { activated: a });
                        }
                    }
                    Column::Build => {
                        if let Some(b) = cell
                            .parse::<u32>()
                            .ok()
                            .or_else(|| crate::util::build_of(&cell))
                            .filter(|b| (7600..100_000).contains(b))
                        {
                            facts.push(Fact::OsBuild { build: b });
                        }
                    }
                    Column::Owner => {
                        if let Some(owner) = nodes_of(&cell).into_iter().next() {
                            facts.push(Fact::ClusterGroup {
                                name: name.clone(),
                                owner: Some(owner),
                                state: None,
                                group_type: Some("VirtualMachine".to_string()),
                            });
                        }
                    }
                    Column::PossibleOwners | Column::PreferredOwners => {
                        let owners = nodes_of(&cell);
                        if !owners.is_empty() {
                            // Get-ClusterOwnerNode's object names: a VM's resource for its
                            // possible owners, its group for the preferred ones.
                            let group = if *col == Column::PossibleOwners {
                                format!("Virtual Machine {name}")
                            } else {
                                name.clone()
                            };
                            facts.push(Fact::ClusterOwners { group, owners });
                        }
                    }
                    Column::Name | Column::Other => {}
                }
            }
            if facts.is_empty() {
                continue;
            }
            any = true;
            let upper = name.to_ascii_uppercase();
            r.sections.push((n, upper));
            r.push(Fact::ComputerName { name }, at.clone());
            for f in facts {
                r.push(f, at.clone());
            }
            r.placed.push(n);
        }
        if any {
            // The header and separator lines were understood too; after the table, the lines
            // are the input's own machine's again.
            r.placed.push(i as u64 + 1);
            r.placed.push(i as u64 + 2);
            r.sections.push((j as u64 + 1, String::new()));
        }
        i = j.max(i + 2);
    }
    if r.observations.is_empty() {
        return None;
    }
    r.sections.insert(0, (1, String::new()));
    r.language = crate::util::language_of(lines.iter().map(String::as_str)).or(Some("en"));
    r.note(None, avma_core::text::Msg::new("reader-typed-table"));
    Some(r)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts(text: &str) -> Vec<(String, u64)> {
        let lines: Vec<String> = text.lines().map(String::from).collect();
        read("t.md", &lines, Catalog::builtin())
            .map(|r| {
                r.observations
                    .iter()
                    .map(|o| {
                        let v = serde_json::to_value(&o.fact).unwrap_or_default();
                        (v.to_string(), o.from.line.unwrap_or(0))
                    })
                    .collect()
            })
            .unwrap_or_default()
    }

    #[test]
    fn a_table_of_machines_gives_each_row_its_facts() {
        let t = "Our nodes:\n\n| Host | Version | Edition | Activated? |\n|------|:-------:|---------|------------|\n| HVX-1 | WS2019 | Datacenter | yes |\n| HVX-2 | Windows Server 2022 | **Standard** | **no** (key missing) |\n\nthanks";
        let f = facts(t);
        let has = |s: &str, line: u64| f.iter().any(|(v, l)| v.contains(s) && *l == line);
        assert!(has("\"name\":\"HVX-1\"", 5), "{f:?}");
        assert!(has("\"version\":\"2019\"", 5), "{f:?}");
        assert!(has("\"edition\":\"ServerDatacenter\"", 5));
        assert!(has("\"activated\":true", 5));
        assert!(has("\"edition\":\"ServerStandard\"", 6));
        assert!(has("\"activated\":false", 6));
        assert!(has("\"version\":\"2022\"", 6));
    }

    #[test]
    fn japanese_headers_and_values() {
        let t = "| ホスト | バージョン | エディション | ライセンス認証 |\n|---|---|---|---|\n| HV-T1 | 2022 | Datacenter | 済み |\n| HV-T2 | 2019 | Datacenter | 未 |";
        let f = facts(t);
        assert!(f
            .iter()
            .any(|(v, l)| v.contains("\"activated\":true") && *l == 3));
        assert!(f
            .iter()
            .any(|(v, l)| v.contains("\"activated\":false") && *l == 4));
        assert!(f.iter().any(|(v, _)| v.contains("\"name\":\"HV-T2\"")));
    }

    #[test]
    fn tables_that_are_not_of_machines_give_nothing() {
        // Keys per version: no name column.
        let keys = "| Version | Edition | AVMA key |\n|---|---|---|\n| 2022 | Datacenter | W3GNR-8DDXR-2TFRP-H8P33-DV9BG |";
        assert!(facts(keys).is_empty());
        // A name column of product names, not host names.
        let names = "| Name | Edition |\n|---|---|\n| Windows Server 2022 | Datacenter |";
        assert!(facts(names).is_empty());
        // No separator line: not a Markdown table.
        let loose = "| Host | Edition |\n| HV-1 | Datacenter |";
        assert!(facts(loose).is_empty());
        // A name column alone says nothing of the machines.
        let only = "| Host | Owner |\n|---|---|\n| HV-1 | Bob |";
        assert!(facts(only).is_empty());
    }

    #[test]
    fn cell_values() {
        let cat = Catalog::builtin();
        assert_eq!(version_of("WS2012R2", cat).as_deref(), Some("2012r2"));
        assert_eq!(version_of("Server 2016", cat).as_deref(), Some("2016"));
        assert_eq!(version_of("12022", cat), None);
        assert_eq!(edition_of("DC", cat).as_deref(), Some("ServerDatacenter"));
        assert_eq!(edition_of("Std", cat).as_deref(), Some("ServerStandard"));
        assert_eq!(activated_of("Not activated"), Some(false));
        assert_eq!(activated_of("✓"), Some(true));
        assert_eq!(activated_of("はい"), Some(true));
        assert_eq!(activated_of("maybe"), None);
    }
}
