//! What one runbook line says about where its commands apply, and the line-level checks of the
//! linter that need no state: the versions a heading, table row, list label or version branch
//! names (short forms such as `(2016)` or `| 2022 |` included, a host's version left out), the
//! condition of an `if`/`switch` branch on the build or caption, characters a console will not
//! run as shown (look-alikes in a key, invisible and bidi controls), and a few statements about
//! the host that AVMA rules contradict.
//!
//! Cost: every function here runs only on the rare lines that need it (lines with a key, marker
//! lines, lines with a branch keyword) or is one byte test on an ASCII line; none allocates on an
//! ordinary line.

use std::sync::OnceLock;

use regex::Regex;

use crate::catalog::Catalog;

/// A version a line names: its catalog id, and whether the line says it is a host's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Named {
    pub id: String,
    pub host: bool,
}

fn is_word(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// The distinct versions `line` names: years (`2016`, `2012 R2`, `Windows Server 2019`, `WS2022`),
/// `version 1809`, and with `builds` the build numbers of the catalog (`17763`, `10.0.20348`).
/// Dates (`2019-05-01`, `01/05/2019`) are not versions.
pub(crate) fn named_versions(cat: &Catalog, line: &str, builds: bool) -> Vec<Named> {
    let b = line.as_bytes();
    let mut out: Vec<Named> = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if !b[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let mut j = i;
        while j < b.len() && b[j].is_ascii_digit() {
            j += 1;
        }
        let start = i;
        i = j;
        // Glued to a word before: only `WS2019`, `Server2019`.
        if start > 0 && is_word(b[start - 1]) {
            let w = word_before(b, start);
            if !(w.eq_ignore_ascii_case(b"ws") || w.eq_ignore_ascii_case(b"server")) {
                continue;
            }
        }
        let tok = &line[start..j];
        let digit_at = |k: usize| b.get(k).is_some_and(u8::is_ascii_digit);
        let sep = |k: usize| matches!(b.get(k), Some(b'-' | b'/' | b'.'));
        let mut id: Option<String> = None;
        let mut end = j;
        if builds && (j - start == 4 || j - start == 5) {
            if let Some(v) = cat.versions.iter().find(|v| v.build.to_string() == tok) {
                id = Some(v.id.clone());
            }
        }
        if id.is_none() && j - start == 4 {
            let date =
                (sep(j) && digit_at(j + 1)) || (start > 1 && sep(start - 1) && digit_at(start - 2));
            // `2012 R2`, `2012R2`.
            let mut k = j;
            while matches!(b.get(k), Some(b' ' | b'\t')) && k < j + 2 {
                k += 1;
            }
            let r2 = b
                .get(k..k + 2)
                .is_some_and(|r| r.eq_ignore_ascii_case(b"r2"))
                && b.get(k + 2).is_none_or(|&c| !is_word(c));
            if !date {
                if r2 && cat.version(&format!("{tok}r2")).is_some() {
                    id = Some(format!("{tok}r2"));
                    end = k + 2;
                } else if b.get(j).is_none_or(|&c| !is_word(c)) {
                    let year = matches!(tok, "2008" | "2012" | "2016" | "2019" | "2022" | "2025");
                    let sac = !year && cat.version(tok).is_some() && after_version_word(b, start);
                    if year || sac {
                        id = cat.version(tok).map(|v| v.id.clone());
                    }
                }
            }
        }
        let Some(id) = id else { continue };
        let host = is_hosts(line, start, end);
        match out.iter_mut().find(|n| n.id == id) {
            // Named for a guest anywhere on the line: not only a host's.
            Some(n) => n.host &= host,
            None => out.push(Named { id, host }),
        }
        i = end;
    }
    out
}

fn word_before(b: &[u8], at: usize) -> &[u8] {
    let mut s = at;
    while s > 0 && b[s - 1].is_ascii_alphabetic() {
        s -= 1;
    }
    &b[s..at]
}

/// `version 1809`, `Version 2004`, `バージョン 1809`.
fn after_version_word(b: &[u8], at: usize) -> bool {
    let mut s = at;
    while s > 0 && matches!(b[s - 1], b' ' | b',' | b'\t') {
        s -= 1;
    }
    word_before(b, s).eq_ignore_ascii_case(b"version") || b[..s].ends_with("バージョン".as_bytes())
}

/// Where a clause ends, for the context of a version.
fn is_delim(c: char) -> bool {
    matches!(
        c,
        '(' | ')'
            | '（'
            | '）'
            | '|'
            | ','
            | '、'
            | '。'
            | ';'
            | '；'
            | '/'
            | '['
            | ']'
            | '{'
            | '}'
    )
}

/// Whether the version at `line[start..end]` is named as a host's: a host word right after it
/// (before any guest word), or before it in the same clause with no guest word after it.
fn is_hosts(line: &str, start: usize, end: usize) -> bool {
    let after = clause_after(line, end, 28);
    let (g, h) = words(after);
    if g {
        return false;
    }
    if h {
        return true;
    }
    let before = clause_before(line, start, 30);
    let (g, h) = words(before);
    h && !g
}

/// The clause after byte `from`, at most `max` characters (a Japanese clause is as long in
/// characters as an English one, three times longer in bytes), to the next delimiter or
/// sentence end (`. `).
fn clause_after(line: &str, from: usize, max: usize) -> &str {
    let rest = line.get(from..).unwrap_or("");
    let rb = rest.as_bytes();
    let mut end = 0;
    for (n, (i, c)) in rest.char_indices().enumerate() {
        if n >= max || is_delim(c) || sentence_dot(rb, i) {
            break;
        }
        end = i + c.len_utf8();
    }
    &rest[..end]
}

/// The clause before byte `to`, at most `max` characters, from the last delimiter or sentence
/// end.
fn clause_before(line: &str, to: usize, max: usize) -> &str {
    let head = line.get(..to).unwrap_or("");
    let hb = head.as_bytes();
    let mut start = head.len();
    for (n, (i, c)) in head.char_indices().rev().enumerate() {
        if n >= max || is_delim(c) || sentence_dot(hb, i) {
            break;
        }
        start = i;
    }
    &head[start..]
}

/// A full stop ending a sentence at byte `i`: `.` with a blank after (not `10.0.17763`).
fn sentence_dot(b: &[u8], i: usize) -> bool {
    b[i] == b'.' && matches!(b.get(i + 1), Some(b' ' | b'\t'))
}

/// (guest word, host word) in a short piece of text.
pub(crate) fn words(s: &str) -> (bool, bool) {
    let l = s.to_ascii_lowercase();
    let guest = has_word(&l, "guest")
        || has_word(&l, "vm")
        || l.contains("ゲスト")
        || l.contains("仮想マシン");
    let host = has_word(&l, "host")
        || has_word(&l, "node")
        || has_word(&l, "cluster")
        || l.contains("ホスト")
        || l.contains("ノード")
        || l.contains("クラスター");
    (guest, host)
}

/// `w` as a word (or its plural) in lower-case text.
fn has_word(l: &str, w: &str) -> bool {
    let b = l.as_bytes();
    let mut from = 0;
    while let Some(p) = l[from..].find(w) {
        let s = from + p;
        let e = s + w.len();
        let before_ok = s == 0 || !b[s - 1].is_ascii_alphanumeric();
        let e2 = if b.get(e) == Some(&b's') { e + 1 } else { e };
        let after_ok = b.get(e2).is_none_or(|c| !c.is_ascii_alphanumeric());
        if before_ok && after_ok {
            return true;
        }
        from = e;
    }
    false
}

/// The one version a line names for a guest (a host's version left out), if exactly one; `None`
/// also when it names several.
pub(crate) fn single_version(named: &[Named]) -> Option<&str> {
    let mut it = named.iter().filter(|n| !n.host);
    match (it.next(), it.next()) {
        (Some(one), None) => Some(one.id.as_str()),
        _ => None,
    }
}

/// The one version written in `line[from..to]` (the text between a key and the key before it on
/// a line that names several versions).
pub(crate) fn own_version(cat: &Catalog, line: &str, from: usize, to: usize) -> Option<String> {
    let seg = line.get(from..to)?;
    single_version(&named_versions(cat, seg, false)).map(str::to_string)
}

/// Columns of a table header kept (a wider table's others name no version).
const COLS_KEPT: usize = 32;

/// The version each column of a Markdown table names in its header row (`| Edition | 2019 |
/// 2022 |`), while the table lasts: a key in such a column is that version's.
#[derive(Debug, Default)]
pub(crate) struct Table {
    in_table: bool,
    cols: Vec<Option<String>>,
}

impl Table {
    /// Every line, `t` trimmed at its start: a row after a line that was none is a header.
    pub fn track(&mut self, cat: &Catalog, t: &str) {
        if !t.starts_with('|') {
            if self.in_table {
                self.in_table = false;
                self.cols.clear();
            }
            return;
        }
        if self.in_table {
            return;
        }
        self.in_table = true;
        self.cols.clear();
        let mut any = false;
        let mut start = 0;
        let ends = cell_pipes(t).into_iter().chain([t.len()]);
        for end in ends.take(COLS_KEPT) {
            let cell = t.get(start..end).unwrap_or("");
            start = end + 1;
            let v = single_version(&named_versions(cat, cell, false)).map(str::to_string);
            any |= v.is_some();
            self.cols.push(v);
        }
        if !any {
            self.cols.clear();
        }
    }

    /// The version of the column at byte `at` of a table row.
    pub fn version_at(&self, line: &str, at: usize) -> Option<String> {
        if self.cols.is_empty() || !line.trim_start().starts_with('|') {
            return None;
        }
        let before = line.get(..at)?;
        let n = if line.contains(['`', '\\']) {
            cell_pipes(line).iter().filter(|p| **p < at).count()
        } else {
            memchr::memchr_iter(b'|', before.as_bytes()).count()
        };
        self.cols.get(n).cloned().flatten()
    }
}

/// The byte offsets of the `|` that end a Markdown table row's cells: not an escaped `\|`, not
/// one inside a code span (`` `slmgr /ipk X | more` ``: a reader sees one cell; a backtick that
/// never closes is a plain character, and the pipes after it count). One pass over the line.
pub(crate) fn cell_pipes(row: &str) -> Vec<usize> {
    let b = row.as_bytes();
    let mut out = Vec::new();
    // The open code span's backtick run length, and the pipes seen since it opened.
    let mut open: Option<usize> = None;
    let mut inside: Vec<usize> = Vec::new();
    let mut i = 0;
    while i < b.len() {
        match b.get(i) {
            Some(b'\\') if b.get(i + 1) == Some(&b'|') => {
                i += 2;
                continue;
            }
            Some(b'`') => {
                let run = b
                    .get(i..)
                    .map_or(0, |r| r.iter().take_while(|c| **c == b'`').count());
                match open {
                    Some(n) if n == run => {
                        open = None;
                        inside.clear();
                    }
                    None => open = Some(run),
                    Some(_) => {}
                }
                i += run.max(1);
                continue;
            }
            Some(b'|') if open.is_some() => inside.push(i),
            Some(b'|') => out.push(i),
            _ => {}
        }
        i += 1;
    }
    out.append(&mut inside);
    out
}

/// The level of a Markdown heading (`## x` is 2), outside code blocks.
pub(crate) fn heading_level(t: &str) -> Option<u8> {
    let n = t.bytes().take_while(|&b| b == b'#').count();
    (1..=6)
        .contains(&n)
        .then_some(())
        .and_then(|_| matches!(t.as_bytes().get(n), Some(b' ' | b'\t')).then_some(n as u8))
}

/// What a line that opens a branch of a script tests.
pub(crate) enum Branch<'a> {
    /// `if (...) {`, `} elseif (...) {`, `20348 {`, `'*2022*' {`: the condition's text.
    #[allow(dead_code)]
    Cond(&'a str),
    /// `} else {`, `default {`: the other cases.
    Else,
}

/// Whether the trimmed line `t` opens a branch of a PowerShell `if`/`switch` (or a `case`), and
/// what it tests. Byte tests only.
pub(crate) fn branch_of(t: &str) -> Option<Branch<'_>> {
    let s = t.trim_start_matches(['}', ' ', '\t']);
    let lower_starts = |p: &str| {
        s.as_bytes()
            .get(..p.len())
            .is_some_and(|b| b.eq_ignore_ascii_case(p.as_bytes()))
    };
    let brace_at = || memchr::memchr(b'{', s.as_bytes());
    if lower_starts("if ")
        || lower_starts("if(")
        || lower_starts("elseif")
        || lower_starts("else if")
        || lower_starts("case ")
    {
        return Some(Branch::Cond(&s[..brace_at().unwrap_or(s.len())]));
    }
    if lower_starts("else") || lower_starts("default") {
        return Some(Branch::Else);
    }
    // A switch label: a number, a quoted string or a `{ $_ ... }` script block, then `{`.
    let first = s.as_bytes().first().copied()?;
    if first.is_ascii_digit() || first == b'\'' || first == b'"' {
        let label_end = brace_at()?;
        let label = s[..label_end].trim_end();
        let simple = label.bytes().all(|c| {
            c.is_ascii_alphanumeric()
                || matches!(c, b'\'' | b'"' | b'*' | b'.' | b' ' | b'-' | b'_')
        });
        return (simple && !label.is_empty()).then_some(Branch::Cond(label));
    }
    if let Some(rest) = s.strip_prefix('{') {
        if rest.trim_start().starts_with("$_") {
            let close = s.find('}')?;
            return Some(Branch::Cond(&s[..close]));
        }
    }
    None
}

/// The braces a line opens minus those it closes.
pub(crate) fn brace_balance(line: &str) -> i64 {
    line.bytes().fold(0i64, |n, b| match b {
        b'{' => n + 1,
        b'}' => n - 1,
        _ => n,
    })
}

struct Pats {
    avma: Regex,
    seven_days: Regex,
    period_words: Regex,
    strict_negation: Regex,
    requirement: Regex,
    not_for_avma: Regex,
    assign: Regex,
    ipk_var: Regex,
    negation: Regex,
    host_standard: Regex,
    kvp_name: Regex,
    vm_name: Regex,
    host_older: Regex,
    host_older_denied: Regex,
    eval_negated: Regex,
    dc_word: Regex,
    placeholder: Regex,
    condition: Regex,
    other_method: Regex,
    host_place: Regex,
    guest_place: Regex,
}

fn pats() -> &'static Pats {
    static P: OnceLock<Pats> = OnceLock::new();
    P.get_or_init(|| {
        let r = |s: &str| Regex::new(s).expect("static lint pattern");
        Pats {
            avma: r(r"(?i)\bavma\b|automatic\s+(?:virtual\s+machine|vm)\s+activation|仮想マシンの自動ライセンス認証|自動仮想マシン\s*ライセンス認証"),
            seven_days: r(r"(?i)(?:^|[^-\w])(?:7|seven)[\s-]*days?\b|\b(?:a|one|1)\s+week\b|\bweekly\b|(?:7|７)\s*日|一週間|1\s*週間|１\s*週間|\b10080\s*min"),
            period_words: r(r"(?i)activat|renew|valid|expir|\bwait|\blast|ライセンス認証|認証|更新|有効|期限|切れ"),
            strict_negation: r(r"(?i)\bnot\b|\bcannot\b|\bcan't\b|\bisn't\b|\baren't\b|\bwon't\b|\bdoesn't\b|\bdon't\b|\bunable\b|\bnever\b|\bno\s+longer\b|ません|できない|使えない|しない|ではない|ではありません|じゃない|不可|非対応|対象外"),
            requirement: r(r"(?i)\bmust\b|\bneed(?:s|ed)?\b|\brequire[sd]?\b|\bshould\b|\bhas\s+to\b|必要|でなければ"),
            not_for_avma: r(r"(?i)avma\s*(?:では|には|に|で)は?\s*(?:使いません|使えません|使用しません|使用できません|使わない|使えない|不可)|\bnot\s+(?:be\s+)?(?:used\s+)?(?:for|with)\s+avma\b|\b(?:is\s+not|isn't|not)\s+an?\s+avma\s+key|\bnever\s+use\b.{0,60}\bavma\b|\bdo(?:\s+not|n't)\s+use\b.{0,60}\bavma\b"),
            assign: r(r#"(?:\$([A-Za-z_][A-Za-z0-9_]*)\s*=\s*['"]|(?i:\bset)\s+"?([A-Za-z_][A-Za-z0-9_]*)=)\s*$"#),
            ipk_var: r(r"(?i)(?:[/-]ipk|-productkey|productkey\s*=|installproductkey\s*\(?)\s*['\x22]?(?:\$|%)([A-Za-z_][A-Za-z0-9_]*)"),
            negation: r(r"(?i)\bnot\b|\bcannot\b|\bcan't\b|\bisn't\b|\baren't\b|\bwon't\b|\bdoesn't\b|\bdon't\b|\bunable\b|\bonly\b|\bnever\b|\bmust\b|\bneed(?:s|ed)?\b|\brequire[sd]?\b|ません|できない|使えない|しない|ではない|のみ|できません|使えません|必要|ではありません|じゃない|不可|非対応|対象外|サポートされ(?:てい)?ません"),
            host_standard: r(r"(?i)\b(?:hyper-v\s+)?hosts?\b[^.。;:]{0,40}?\bstandard\b|ホスト[^。]{0,30}?standard|\bstandard\b(?:\s+edition)?\s+(?:hyper-v\s+)?hosts?\b|standard\s*(?:の)?\s*ホスト"),
            kvp_name: r(r"(?i)key-value\s+pair\s+exchange|data\s+exchange|データ交換|キー値ペア交換|\bkvp\b|-name\s+['\x22]?\*"),
            vm_name: r(r#"(?i)-vmname\s+(?:'([^']*)'|"([^"]*)"|([^\s'"|;]+))"#),
            host_older: r(r"(?i)\bhosts?\b[^.。]{0,40}\b(?:older|lower|earlier)\b[^.。]{0,20}\bthan\b[^.。]{0,20}\bguests?\b[^.。]{0,60}(?:\b(?:fine|ok|okay|allowed|supported|works?|no\s+problem|not\s+a\s+problem|doesn't\s+matter|does\s+not\s+matter)\b)|\bhosts?\b[^.。]{0,20}\b(?:can|may|could)\s+(?:be|run)\b[^.。]{0,30}\b(?:older|lower|earlier)\b[^.。]{0,20}\bthan\b[^.。]{0,20}\bguests?\b|ホスト[^。]{0,30}ゲストより[^。]{0,10}古く[^。]{0,10}(?:も|て)[^。]{0,10}(?:問題(?:あり|は?な)|大丈夫|構いません|かまいません|可|OK|ＯＫ|動作します|利用できます)|ゲストより[^。]{0,10}古いホスト[^。]{0,30}(?:問題(?:あり|は?な)|大丈夫|構いません|かまいません|可|OK|ＯＫ|利用できます|使えます)"),
            eval_negated: r(r"(?i)\bnot\s+(?:an?\s+)?eval|\bno\s+longer\s+(?:an?\s+)?eval|\bisn't\s+(?:an?\s+)?eval|\bnon-eval|評価版では(?:な|あり)|評価版でな|評価版以外|評価版から|評価版を[^。]{0,20}変換"),
            dc_word: r(r"\bDCs?\b"),
            host_older_denied: r(r"(?i)\b(?:must\s+not|mustn't|cannot|can't|can\s+not|never|not\s+supported|unsupported|doesn't\s+work|does\s+not\s+work|won't|will\s+not|fails?)\b|できません|不可|サポートされ(?:て)?(?:い)?(?:ま)?せん|いけません|なりません|失敗"),
            placeholder: r(r"(?i)^(?:x{5}|[a-z]{5}|0{5}|\*{5}|#{5}|_{5})$"),
            condition: r(r"(?i)^\s*(?:[-*>]\s+|\d+\.\s+)?(?:if|when|unless|whether)\b|\b(?:if|when|unless)\s+(?:the|your|a|an|it|you|our|some)\b|場合|なら|もし|かどうか|[?？]|か。|ですか"),
            host_place: r(r"(?i)\b(?:on|in|to)\s+(?:the|each|every|all|your|our|a)?\s*(?:hyper-v\s+)?(?:hosts?|nodes?|cluster\s+nodes?|parent\s+partition)\b|\bhost[- ]side\b|(?:ホスト|ノード)\s*(?:OS\s*)?(?:側|上|)\s*(?:で|にて)|(?:ホスト|ノード)側|-computername\s+\(?\s*(?:\(\s*)?get-clusternode|get-vmhost"),
            guest_place: r(r"(?i)\b(?:on|in|inside|into|within)\s+(?:the|each|every|all|your|our|a)?\s*(?:guests?|vms?|virtual\s+machines?|guest\s+os)\b|\bguest[- ]side\b|(?:ゲスト|仮想マシン)\s*(?:OS\s*)?(?:側|上|内|)\s*(?:で|にて)|(?:ゲスト|仮想マシン)側|-vmname\b"),
            other_method: r(r"(?i)\bkms\b|\bmak\b|\bretail\b|\bvolume\s+licens|製品版|ボリューム|リテール"),
        }
    })
}

/// Which line checks a line may need, from literals that must occur: for an ASCII line one
/// SIMD search per literal of the lower-cased copy the fast path already made; any other line
/// gets every check (each check tests again, so the answer never changes, only the cost).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Quick {
    pub integration: bool,
    /// `er than` (`older than`, `lower than`: a host older than its guest may be stated).
    pub older: bool,
    /// `eval` (an evaluation edition may be named).
    pub eval: bool,
    pub standard: bool,
    pub dollar: bool,
    /// `activated` or `licensed` (a word test of slmgr's output may be there).
    pub activated: bool,
    /// `slmgr` (its status output may be read).
    pub slmgr: bool,
    /// `day` or `week` (a 7-day claim may be there).
    pub week: bool,
}

impl Quick {
    pub const ALL: Quick = Quick {
        integration: true,
        older: true,
        eval: true,
        standard: true,
        dollar: true,
        activated: true,
        slmgr: true,
        week: true,
    };

    pub fn of_lower(lower: &[u8]) -> Quick {
        use memchr::memmem::Finder;
        static F: OnceLock<[Finder<'static>; 10]> = OnceLock::new();
        let f = F.get_or_init(|| {
            [
                Finder::new("integration"),
                Finder::new("standard"),
                Finder::new("activated"),
                Finder::new("licensed"),
                Finder::new("slmgr"),
                Finder::new("day"),
                Finder::new("week"),
                Finder::new("vmickvp"),
                // `older than`, `lower than`, `earlier than`: what an English claim needs.
                Finder::new("er than"),
                Finder::new("eval"),
            ]
        });
        let has = |i: usize| f[i].find(lower).is_some();
        Quick {
            integration: has(0) || has(7),
            older: has(8),
            eval: has(9),
            standard: has(1),
            dollar: memchr::memchr(b'$', lower).is_some(),
            activated: has(2) || has(3),
            slmgr: has(4),
            week: has(5) || has(6),
        }
    }
}

/// A line that runs slmgr for a status output (`/xpr`, `/dlv`, `/dli`).
pub(crate) fn reads_slmgr_status(line: &str) -> bool {
    let l = line.to_ascii_lowercase();
    l.contains("slmgr")
        && ["/xpr", "/dlv", "/dli", "-xpr", "-dlv", "-dli"]
            .iter()
            .any(|o| l.contains(o))
}

/// A text test whose pattern is only the word `activated` or `licensed` (`-match "activated"`,
/// `-like '*Licensed*'`, `Select-String "activated"`, `findstr /i "activated"`,
/// `.Contains("activated")`): slmgr does not report an AVMA or volume activation with that
/// word, and texts of unactivated machines hold it (`Unlicensed`, 0xC004FD02's message).
pub(crate) fn loose_activation_match(line: &str) -> bool {
    let l = line.to_ascii_lowercase();
    let ops = [
        "-match",
        "-imatch",
        "-cmatch",
        "-like",
        "-ilike",
        "-clike",
        "select-string",
        "sls ",
        "findstr",
        "find ",
        ".contains(",
        "-contains",
    ];
    let word = |w: &str| {
        let w = w.trim_matches(|c: char| {
            matches!(c, '"' | '\'' | '*' | '.' | '(' | ')' | ' ' | '^' | '$')
        });
        w == "activated" || w == "licensed"
    };
    for op in ops {
        let mut from = 0;
        while let Some(p) = l[from..].find(op) {
            let at = from + p + op.len();
            from = at;
            let rest = l[at..].trim_start();
            // The pattern: a quoted string, else (findstr, Select-String) the first word that
            // is not an option.
            let pattern = match rest.chars().next() {
                Some(q @ ('"' | '\'')) => rest[1..].find(q).map(|e| &rest[1..1 + e]),
                _ => rest
                    .split_whitespace()
                    .find(|w| !w.starts_with('/') && !w.starts_with('-'))
                    .map(|w| w.split(['"', '\'']).find(|x| !x.is_empty()).unwrap_or(w)),
            };
            if pattern.is_some_and(word) {
                return true;
            }
        }
    }
    false
}

/// A sentence that gives AVMA a 7-day period (`AVMA activation takes 7 days`, `wait a week`,
/// `AVMA の認証は 7 日ごとに`), not about KMS (whose renewal interval is officially 7 days),
/// not a negation or a question.
pub(crate) fn seven_day_claim(line: &str) -> bool {
    let p = pats();
    p.avma.is_match(line)
        && p.seven_days.is_match(line)
        && p.period_words.is_match(line)
        && !p.other_method.is_match(line)
        && !p.strict_negation.is_match(line)
        && !line.contains(['?', '？'])
}

/// Whether a line with a guest mention may name two guest versions or one AVMA does not
/// activate (2008, 2012): two or more year tokens, or a 2008/2012. A byte loop without
/// allocation, so that a log line naming one version (`VM7 running on Windows Server 2019`)
/// costs nothing more.
pub(crate) fn may_name_several_or_old(line: &str) -> bool {
    let b = line.as_bytes();
    let (mut n, mut i) = (0, 0);
    while i < b.len() {
        if !b[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let s = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        match &b[s..i] {
            b"2008" | b"2012" => return true,
            b"2016" | b"2019" | b"2022" | b"2025" => n += 1,
            _ => {}
        }
        if n >= 2 {
            return true;
        }
    }
    false
}

/// A line with a key that says the key is NOT for AVMA (a reference aside, not a step).
pub(crate) fn says_not_for_avma(line: &str) -> bool {
    pats().not_for_avma.is_match(line)
}

/// `$key = '` (PowerShell) or `set KEY=` (cmd) right before a key: the variable a script
/// assigns it to.
pub(crate) fn assigned_var(before_key: &str) -> Option<String> {
    pats()
        .assign
        .captures(before_key)
        .and_then(|c| c.get(1).or_else(|| c.get(2)))
        .map(|m| m.as_str().to_ascii_lowercase())
}

/// The variables a line installs as a key (`slmgr /ipk $key`, `-ProductKey $k`, cmd's
/// `slmgr /ipk %KEY%`); only for a line with a `$` ([`Quick`]) or a `%`.
pub(crate) fn installed_vars(line: &str, out: &mut Vec<String>) {
    for c in pats().ipk_var.captures_iter(line) {
        if let Some(m) = c.get(1) {
            let v = m.as_str().to_ascii_lowercase();
            if !out.contains(&v) {
                out.push(v);
            }
        }
    }
}

/// `XXXXX-XXXXX-XXXXX-XXXXX-XXXXX`, `AAAAA-...`, `00000-...`: a placeholder, not a key.
pub(crate) fn is_dummy_key(key: &str) -> bool {
    let groups: Vec<&str> = key.split('-').collect();
    groups.len() == 5
        && groups.iter().all(|g| pats().placeholder.is_match(g))
        && groups.windows(2).all(|w| w[0] == w[1])
}

/// The non-ASCII characters a key was typed with (full-width letters, `ー`, `－`, `‐`): slmgr
/// does not read them as the key.
pub(crate) fn look_alikes(written: &str) -> Vec<char> {
    let mut v: Vec<char> = written.chars().filter(|c| !c.is_ascii()).collect();
    v.sort_unstable();
    v.dedup();
    v
}

/// `X (U+30FC)` for each character.
pub(crate) fn describe_chars(cs: &[char]) -> String {
    cs.iter()
        .map(|&c| {
            if crate::key::is_invisible(c) {
                format!("U+{:04X}", c as u32)
            } else {
                format!("{c} (U+{:04X})", c as u32)
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// A bidi control: what is shown is not the order in which a console reads it.
pub(crate) fn is_bidi(c: char) -> bool {
    matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// The invisible or bidi characters of a line, with the column (1-based, in characters) of the
/// first. `all`: every invisible character counts (a command line); else only bidi controls.
/// An ASCII line is answered by one byte test.
pub(crate) fn hidden_chars(line: &str, all: bool) -> Option<(usize, Vec<char>)> {
    if line.is_ascii() && (!all || !line.bytes().any(|b| (b < 0x20 && b != b'\t') || b == 0x7F)) {
        return None;
    }
    let mut first = None;
    let mut found: Vec<char> = Vec::new();
    for (col, c) in line.chars().enumerate() {
        // A byte order mark at the very start of a line is an encoding mark.
        if c == '\u{FEFF}' && col == 0 {
            continue;
        }
        if is_bidi(c) || (all && crate::key::is_invisible(c)) {
            first.get_or_insert(col + 1);
            if !found.contains(&c) {
                found.push(c);
            }
        }
    }
    first.map(|f| (f, found))
}

/// A statement that a Standard edition host is used (for AVMA): `Our hosts are 2019 Standard`,
/// `The Hyper-V host is Windows Server 2019 Standard`, `ホストは Standard`. Not when the line
/// negates or requires something (`the host must be Datacenter, not Standard`), nor when the
/// Standard is a guest's (`a 2019 Standard guest`).
pub(crate) fn host_is_standard(line: &str) -> bool {
    if !(line.contains("tandard") || line.contains("TANDARD")) {
        return false;
    }
    let p = pats();
    let Some(m) = p.host_standard.find(line) else {
        return false;
    };
    let (g, _) = words(m.as_str());
    if g || !(is_claim(line) || allows_standard(line)) {
        return false;
    }
    // The word right after `Standard` is not a guest's (`a 2019 Standard guest`); a sentence
    // that ends there says nothing of a guest.
    let after = line.get(m.end()..).unwrap_or("").trim_start();
    let next: String = after
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '-')
        .take(12)
        .collect();
    !words(&next).0
}

/// A requirement that allows a Standard host ("the host must run Windows Server 2019 Standard
/// or Datacenter"): a wrong claim, since AVMA needs a Datacenter host. Not one that negates
/// ("must be Datacenter, not Standard"), puts a condition, asks, or points to another method.
fn allows_standard(line: &str) -> bool {
    let p = pats();
    let s = strip_version_parens(line);
    p.requirement.is_match(&s)
        && !p.strict_negation.is_match(&s)
        && !p.condition.is_match(&s)
        && !p.other_method.is_match(&s)
}

/// What a sentence or heading says of an evaluation edition: the edition family named next to
/// the evaluation word (`Datacenter 評価版`, `Standard evaluation`, `ServerDatacenterEval`),
/// and whether it is a domain controller.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct EvalMention {
    pub family: Option<&'static str>,
    pub dc: bool,
}

/// A sentence or heading about a machine on an evaluation edition; not one that says it is not
/// one (`not evaluation`, `評価版ではない`), puts a condition or asks.
pub(crate) fn eval_mention(line: &str) -> Option<EvalMention> {
    let ja = line.contains("評価版");
    let l = line.to_ascii_lowercase();
    let en = l.contains("eval");
    if !ja && !en {
        return None;
    }
    // Where the evaluation words are: `評価版`, `evaluation`, `eval` (in `ServerStandardEval`,
    // `eval media`; not `evaluate`).
    let mut ats: Vec<usize> = l.match_indices("評価版").map(|(i, _)| i).collect();
    ats.extend(
        l.match_indices("eval")
            .map(|(i, _)| i)
            .filter(|&i| !l[i + 4..].starts_with("uat") || l[i..].starts_with("evaluation")),
    );
    ats.sort_unstable();
    if ats.is_empty() {
        return None;
    }
    let p = pats();
    if p.eval_negated.is_match(line) || p.condition.is_match(line) {
        return None;
    }
    const FAMILIES: [(&str, &str); 4] = [
        ("datacenter", "datacenter"),
        ("standard", "standard"),
        ("データセンター", "datacenter"),
        ("スタンダード", "standard"),
    ];
    // The edition named nearest before an evaluation word (within a few words), else right
    // after it; the first evaluation word that has one.
    let family_at = |at: usize| {
        let before = FAMILIES
            .iter()
            .filter_map(|(w, f)| l[..at].rfind(w).map(|i| (i + w.len(), *f)))
            .filter(|(end, _)| at - end <= 12)
            .max_by_key(|(end, _)| *end)
            .map(|(_, f)| f);
        before.or_else(|| {
            let rest = &l[at..];
            FAMILIES
                .iter()
                .filter_map(|(w, f)| rest.find(w).map(|i| (i, *f)))
                .filter(|(i, _)| *i <= 24)
                .min_by_key(|(i, _)| *i)
                .map(|(_, f)| f)
        })
    };
    let family = ats.iter().find_map(|&at| family_at(at));
    let dc = l.contains("domain controller")
        || line.contains("ドメイン コントローラー")
        || line.contains("ドメインコントローラー")
        || p.dc_word.is_match(line);
    Some(EvalMention { family, dc })
}

/// A sentence that states or allows a Hyper-V host older than its guest ("the host may be older
/// than the guest", "a 2019 host with 2022 guests is fine", 「ホストはゲストより古くても問題ありません」):
/// wrong, since a host activates only guests of its own version or older. Not one that
/// forbids it ("must not be older", 「古いと認証できません」), asks, or puts a condition.
pub(crate) fn host_older_claim(line: &str) -> bool {
    let worded = line.contains('古')
        || ["older", "lower", "earlier", "Older", "Lower", "Earlier"]
            .iter()
            .any(|w| line.contains(w));
    if !worded {
        return false;
    }
    let p = pats();
    if !p.host_older.is_match(line) || p.host_older_denied.is_match(line) {
        return false;
    }
    !line.contains('?') && !line.contains('？')
}

/// A command that turns a VM's Data Exchange integration service off: `Disable-VMIntegrationService`
/// or `Set-VMIntegrationService ... -Enabled $false` naming Data Exchange. Returns the VM name
/// given with `-VMName`, if any (`Some(None)` when the command names none).
pub(crate) fn data_exchange_off(line: &str) -> Option<Option<String>> {
    if !(line.contains("ntegration") || line.contains("NTEGRATION")) {
        return None;
    }
    let l = line.to_ascii_lowercase();
    let off = l.contains("disable-vmintegrationservice")
        || (l.contains("set-vmintegrationservice") && {
            let c = l.replace(' ', "");
            c.contains("-enabled$false") || c.contains("-enabled:$false")
        });
    if !off {
        return None;
    }
    let p = pats();
    if !p.kvp_name.is_match(line) {
        return None;
    }
    let vm = p.vm_name.captures(line).and_then(|c| {
        c.get(1)
            .or_else(|| c.get(2))
            .or_else(|| c.get(3))
            .map(|m| m.as_str().to_string())
    });
    Some(vm)
}

/// A command that stops or disables the guest's Data Exchange service (`vmickvpexchange`, the
/// "Hyper-V Data Exchange Service" AVMA talks through): `Set-Service ... -StartupType
/// Disabled`, `Stop-Service`, `sc.exe config ... start= disabled`, `sc stop`, `net stop`. A
/// command that starts it or sets it to Manual/Automatic is not. A comment line is not a command.
pub(crate) fn kvp_service_off(line: &str) -> bool {
    let t = line.trim_start();
    if t.starts_with('#') || t.starts_with("REM ") || t.starts_with("::") {
        return false;
    }
    let l = line.to_ascii_lowercase();
    let Some(at) = l.find("vmickvpexchange") else {
        return false;
    };
    // The command the service name belongs to (back to a pipe or `;`) and the pipeline it
    // feeds (`Get-Service vmickvpexchange | Stop-Service`), up to the next `;` or `&`.
    let start = l[..at].rfind(['|', ';', '&']).map_or(0, |i| i + 1);
    let end = l[at..].find([';', '&']).map_or(l.len(), |i| at + i);
    let cmd = l[start..end].replace(' ', "");
    let cmd = cmd.trim_start_matches(['`', '-', '*', '>']);
    let stop = cmd.contains("stop-service")
        || cmd.contains("scstop")
        || cmd.contains("sc.exestop")
        || cmd.contains("netstop");
    let disable =
        (cmd.contains("set-service") || cmd.contains("scconfig") || cmd.contains("sc.execonfig"))
            && (cmd.contains("disabled") || cmd.contains("start=disabled"));
    stop || disable
}

/// A label in parentheses right after a key: `KEY (2019 Datacenter の AVMA キー)`.
pub(crate) fn paren_after(line: &str, end: usize) -> Option<&str> {
    let rest = line.get(end..)?.trim_start();
    let inner = rest.strip_prefix('(').or_else(|| rest.strip_prefix('（'))?;
    let close = inner.find([')', '）'])?;
    (close <= 80).then(|| &inner[..close])
}

/// The edition families a text names (`Standard`, `Datacenter`, `Datacenter: Azure Edition`,
/// `Essentials`, in EditionIDs such as `ServerStandardEval` too, and the katakana Japanese
/// admins write), each with whether it is named as a host's (as for versions).
pub(crate) fn named_editions(line: &str) -> Vec<Named> {
    const WORDS: [(&str, &str); 8] = [
        ("azure edition", "datacenter-azure"),
        ("azureedition", "datacenter-azure"),
        ("datacenter", "datacenter"),
        ("standard", "standard"),
        ("essentials", "essentials"),
        ("データセンター", "datacenter"),
        ("スタンダード", "standard"),
        ("エッセンシャルズ", "essentials"),
    ];
    let l = line.to_ascii_lowercase();
    let mut out: Vec<Named> = Vec::new();
    let mut taken: Vec<(usize, usize)> = Vec::new();
    for (w, fam) in WORDS {
        let mut from = 0;
        while let Some(p) = l[from..].find(w) {
            let (s, e) = (from + p, from + p + w.len());
            from = e;
            if taken.iter().any(|&(a, b)| s < b && a < e) {
                continue;
            }
            // `Datacenter: Azure Edition` is one edition: its `Datacenter` is taken with it.
            if fam == "datacenter" && l[e..].trim_start_matches([':', ' ']).starts_with("azure") {
                let tail = l[e..].find("azure").map_or(e, |a| e + a + 5);
                taken.push((s, tail));
                continue;
            }
            taken.push((s, e));
            let id = fam;
            let host = is_hosts(line, s, e);
            match out.iter_mut().find(|n| n.id == id) {
                Some(n) => n.host &= host,
                None => out.push(Named {
                    id: id.to_string(),
                    host,
                }),
            }
        }
    }
    out
}

/// What a script branch says of the commands in it, for the version and for the edition:
/// `None` says nothing (an `if` on the edition says nothing of the version); `Some(None)` says
/// "not known" (the `else` of an `if` on the version, a `-ne` test); `Some(Some(id))` names it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Says {
    pub version: Option<Option<String>>,
    pub edition: Option<Option<String>>,
}

impl Says {
    /// The `else` of a branch: what it named is now unknown.
    fn negated(&self) -> Says {
        Says {
            version: self.version.as_ref().map(|_| None),
            edition: self.edition.as_ref().map(|_| None),
        }
    }
}

/// What a branch condition tests: the version (build numbers count) and the edition, each only
/// with an equality, `-like`/`-match` or `-ge`/`GEQ` test (`-ge 20348` is the branch for 2022
/// and later); a test that excludes (`-ne`, `-lt`, `-notlike`, `NEQ`, `LSS`, `if not`) says
/// "not known".
pub(crate) fn cond_says(cat: &Catalog, cond: &str) -> Says {
    let l = format!(" {} ", cond.to_ascii_lowercase());
    let excludes = [
        "-ne",
        "-lt",
        "-le",
        "-gt",
        "-notlike",
        "-notmatch",
        "-notin",
        "!=",
        "<",
        "-not ",
        "!(",
        " neq ",
        " lss ",
        " leq ",
        " gtr ",
        " not ",
    ]
    .iter()
    .any(|op| l.contains(op));
    let editions = named_editions(cond);
    // A build range (`-ge 17763 -and -lt 20348`, `GEQ 17763 ... LSS 20348`): the version of its
    // inclusive bound.
    if let Some(v) = build_range(cat, &l) {
        return Says {
            version: Some(Some(v)),
            edition: match editions.as_slice() {
                [] => None,
                [one] => Some(Some(one.id.clone())),
                _ => Some(None),
            },
        };
    }
    let versions = named_versions(cat, cond, true);
    let pick = |n: &[Named]| -> Option<Option<String>> {
        match n {
            [] => None,
            [one] if !excludes => Some(Some(one.id.clone())),
            _ => Some(None),
        }
    };
    Says {
        version: pick(&versions),
        edition: pick(&editions),
    }
}

/// The version a build range names: one lower and one upper bound on builds
/// (`-ge`/`-gt`/`GEQ`/`GTR`/`>=`/`>` and `-lt`/`-le`/`LSS`/`LEQ`/`<`/`<=`), the version whose
/// build is the inclusive bound (`-ge 17763 -and -lt 20348` is 2019, `-gt 17763 -and -le 20348`
/// is 2022). `l` is the lower-cased condition.
fn build_range(cat: &Catalog, l: &str) -> Option<String> {
    let b = l.as_bytes();
    let mut lower: Option<(u32, bool)> = None;
    let mut upper: Option<(u32, bool)> = None;
    let ops: [(&str, bool, bool); 12] = [
        ("-ge", true, true),
        ("-gt", true, false),
        ("geq", true, true),
        ("gtr", true, false),
        (">=", true, true),
        (">", true, false),
        ("-le", false, true),
        ("-lt", false, false),
        ("leq", false, true),
        ("lss", false, false),
        ("<=", false, true),
        ("<", false, false),
    ];
    let mut i = 0;
    while i < b.len() {
        let Some(&(op, is_lower, inclusive)) = ops
            .iter()
            .find(|(op, _, _)| b[i..].starts_with(op.as_bytes()))
        else {
            i += 1;
            continue;
        };
        let mut j = i + op.len();
        while j < b.len() && matches!(b[j], b' ' | b'\'' | b'"' | b'\t') {
            j += 1;
        }
        let s = j;
        while j < b.len() && b[j].is_ascii_digit() {
            j += 1;
        }
        if let Ok(n) = l[s..j].parse::<u32>() {
            if (7000..100_000).contains(&n) {
                let slot = if is_lower { &mut lower } else { &mut upper };
                if slot.is_some() {
                    return None;
                }
                *slot = Some((n, inclusive));
            }
        }
        i = j.max(i + op.len());
    }
    let ((lo, lo_inc), (hi, hi_inc)) = (lower?, upper?);
    if lo >= hi {
        return None;
    }
    let build = match (lo_inc, hi_inc) {
        (true, _) => lo,
        (false, true) => hi,
        (false, false) => return None,
    };
    cat.version_by_build(build).map(|v| v.id.clone())
}

/// How a branch's block is opened and closed: PowerShell `{ }`, cmd `( )`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Opener {
    Brace,
    Paren,
}

#[derive(Debug, Clone)]
struct Frame {
    says: Says,
    opener: Opener,
    /// The count of open braces (or parentheses) before this block's opener.
    depth: i64,
}

/// What applies at a point of a line: the version and edition the innermost branches name.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct View {
    pub version: Option<Option<String>>,
    pub edition: Option<Option<String>>,
}

/// Frames kept at most (deeper nesting is not a runbook's).
const FRAMES_MAX: usize = 64;
/// Lines a branch condition may wait for its `{` (a condition over two lines, Allman braces).
const PENDING_LINES: u8 = 2;

/// The version and edition branches of scripts, across lines and within one: PowerShell
/// `if (...) {`, `elseif`, `else`, `switch` labels (`20348 {`, `'*2019*' {`, `{ $_ -ge 20348 } {`,
/// a label or condition whose `{` is on the next line), and cmd `if ... (` / `) else if ... (` /
/// `) else (` blocks and one-line `if ... command`. Braces and parentheses are counted only while
/// a branch is open or starting, so an ordinary line costs one byte test.
#[derive(Debug, Clone, Default)]
pub(crate) struct Branches {
    stack: Vec<Frame>,
    pending: Option<(Says, Opener, u8)>,
    braces: i64,
    parens: i64,
    last_closed: Option<(Says, Opener)>,
}

impl Branches {
    pub fn reset(&mut self) {
        *self = Branches::default();
    }

    /// A branch is open or waiting for its block.
    pub fn is_open(&self) -> bool {
        !self.stack.is_empty() || self.pending.is_some()
    }

    /// Whether a line needs the scan: a branch is open or waiting for its block, or the line
    /// may start one.
    pub fn wants(&self, line: &str, t: &str, brace: bool) -> bool {
        self.is_open() || branch_of(t).is_some() || (brace && has_if(line))
    }

    fn view(&self, line_frame: Option<&Says>) -> View {
        let mut v = View::default();
        for s in line_frame
            .into_iter()
            .chain(self.stack.iter().rev().map(|f| &f.says))
        {
            if v.version.is_none() {
                v.version = s.version.clone();
            }
            if v.edition.is_none() {
                v.edition = s.edition.clone();
            }
        }
        v
    }

    /// Scans one line; `out` gets the view in effect from each byte offset on (the first entry
    /// at 0 is the view the line starts in).
    pub fn scan(&mut self, cat: &Catalog, line: &str, out: &mut Vec<(usize, View)>) {
        out.clear();
        out.push((0, self.view(None)));
        let had_pending = self.pending.is_some();
        let b = line.as_bytes();
        let mut line_frame: Option<Says> = None;
        let mut i = 0;
        // A switch label at the start of the statement (after closing braces).
        let lead = b
            .iter()
            .take_while(|&&c| matches!(c, b'}' | b' ' | b'\t'))
            .count();
        let mut label_at = Some(lead);
        while i < b.len() {
            if label_at == Some(i) {
                label_at = None;
                if let Some(l) = switch_label(&line[i..]) {
                    self.pending = Some((cond_says(cat, l.cond), Opener::Brace, PENDING_LINES));
                    i += l.skip;
                    continue;
                }
            }
            let c = b[i];
            let word_start =
                i == 0 || !(is_word(b[i - 1]) || matches!(b[i - 1], b'-' | b'$' | b'.'));
            match c {
                b'#' if i == 0 || matches!(b[i - 1], b' ' | b'\t') => break,
                b'\'' | b'"' => {
                    i = b[i + 1..]
                        .iter()
                        .position(|&q| q == c)
                        .map_or(b.len(), |p| i + 1 + p + 1);
                    continue;
                }
                b'{' => {
                    if let Some((says, Opener::Brace, _)) = &self.pending {
                        if self.stack.len() < FRAMES_MAX {
                            self.stack.push(Frame {
                                says: says.clone(),
                                opener: Opener::Brace,
                                depth: self.braces,
                            });
                        }
                        self.pending = None;
                        out.push((i, self.view(line_frame.as_ref())));
                    }
                    self.braces += 1;
                }
                b'}' => {
                    self.braces -= 1;
                    self.close(Opener::Brace, out, i, line_frame.as_ref());
                    label_at = Some(
                        i + 1
                            + b[i + 1..]
                                .iter()
                                .take_while(|&&c| c == b' ' || c == b'\t')
                                .count(),
                    );
                }
                b'(' => {
                    if let Some((says, Opener::Paren, _)) = &self.pending {
                        if self.stack.len() < FRAMES_MAX {
                            self.stack.push(Frame {
                                says: says.clone(),
                                opener: Opener::Paren,
                                depth: self.parens,
                            });
                        }
                        self.pending = None;
                        out.push((i, self.view(line_frame.as_ref())));
                    }
                    if self.stack.iter().any(|f| f.opener == Opener::Paren) {
                        self.parens += 1;
                    }
                }
                b')' if self.stack.iter().any(|f| f.opener == Opener::Paren) => {
                    self.parens -= 1;
                    self.close(Opener::Paren, out, i, line_frame.as_ref());
                }
                _ if word_start
                    && keyword(b, i, b"rem ")
                    && b[..i].iter().all(|c| c.is_ascii_whitespace()) =>
                {
                    break
                }
                _ if word_start && c == b':' && b.get(i + 1) == Some(&b':') => break,
                _ if word_start && (keyword(b, i, b"elseif") || keyword(b, i, b"if")) => {
                    let kw = if keyword(b, i, b"elseif") { 6 } else { 2 };
                    let mut j = i + kw;
                    while j < b.len() && matches!(b[j], b' ' | b'\t') {
                        j += 1;
                    }
                    if b.get(j) == Some(&b'(') {
                        // PowerShell: the condition in parentheses, then the block in braces.
                        match matching_paren(b, j) {
                            Some(close) => {
                                let says = cond_says(cat, &line[j + 1..close]);
                                self.pending = Some((says, Opener::Brace, PENDING_LINES));
                                i = close + 1;
                            }
                            None => {
                                let says = cond_says(cat, &line[j + 1..]);
                                self.pending = Some((says, Opener::Brace, PENDING_LINES));
                                i = b.len();
                            }
                        }
                        continue;
                    }
                    if kw == 6 || j == i + kw {
                        i += 1;
                        continue;
                    }
                    // cmd: `if [/i] [not] A==B (` opens a block; `if A==B command` is one line.
                    match line[j..].find(" (").map(|p| j + p + 1) {
                        Some(open) => {
                            let says = cond_says(cat, &line[j..open]);
                            self.pending = Some((says, Opener::Paren, PENDING_LINES));
                            i = open;
                        }
                        None => {
                            line_frame = Some(cond_says(cat, &line[j..]));
                            out.push((i, self.view(line_frame.as_ref())));
                            i = b.len();
                        }
                    }
                    continue;
                }
                _ if word_start && keyword(b, i, b"else") => {
                    let (says, opener) = self
                        .last_closed
                        .as_ref()
                        .map(|(s, o)| (s.negated(), *o))
                        .unwrap_or((Says::default(), Opener::Brace));
                    self.pending = Some((says, opener, PENDING_LINES));
                    i += 4;
                    continue;
                }
                _ if word_start && keyword(b, i, b"default") => {
                    let says = self
                        .last_closed
                        .as_ref()
                        .map(|(s, _)| s.negated())
                        .unwrap_or_default();
                    self.pending = Some((says, Opener::Brace, PENDING_LINES));
                    i += 7;
                    continue;
                }
                _ => {}
            }
            i += 1;
        }
        if let Some(p) = self.pending.as_mut() {
            if had_pending && !line.trim().is_empty() {
                p.2 = p.2.saturating_sub(1);
                if p.2 == 0 {
                    self.pending = None;
                }
            }
        }
        if line_frame.is_some() {
            out.push((b.len(), self.view(None)));
        }
        if self.stack.is_empty() && self.pending.is_none() {
            self.braces = 0;
            self.parens = 0;
        }
    }

    fn close(
        &mut self,
        opener: Opener,
        out: &mut Vec<(usize, View)>,
        at: usize,
        lf: Option<&Says>,
    ) {
        let depth = match opener {
            Opener::Brace => self.braces,
            Opener::Paren => self.parens,
        };
        let mut closed = false;
        while let Some(top) = self.stack.last() {
            if top.opener != opener || top.depth < depth {
                break;
            }
            if let Some(f) = self.stack.pop() {
                self.last_closed = Some((f.says, f.opener));
                closed = true;
            }
        }
        if closed {
            out.push((at + 1, self.view(lf)));
        }
    }
}

/// The view at byte offset `at` of a scanned line.
pub(crate) fn view_at(views: &[(usize, View)], at: usize) -> Option<&View> {
    views.iter().rev().find(|(p, _)| *p <= at).map(|(_, v)| v)
}

fn keyword(b: &[u8], i: usize, kw: &[u8]) -> bool {
    b.get(i..i + kw.len())
        .is_some_and(|w| w.eq_ignore_ascii_case(kw))
        && (kw.ends_with(b" ") || b.get(i + kw.len()).is_none_or(|&c| !is_word(c)))
}

/// ` if (`, `if(` or `if ` as a word somewhere in the line (a branch after other code).
fn has_if(line: &str) -> bool {
    let b = line.as_bytes();
    (0..b.len()).any(|i| {
        (i == 0 || !is_word(b[i - 1]))
            && b[i..].len() >= 3
            && b[i..i + 2].eq_ignore_ascii_case(b"if")
            && matches!(b[i + 2], b' ' | b'(')
    })
}

/// The `)` that closes the `(` at `open`, quotes skipped.
fn matching_paren(b: &[u8], open: usize) -> Option<usize> {
    let mut depth = 0i64;
    let mut i = open;
    while i < b.len() {
        match b[i] {
            b'(' => depth += 1,
            b')' => {
                depth -= 1;
                if depth == 0 {
                    return Some(i);
                }
            }
            q @ (b'\'' | b'"') => {
                if let Some(p) = b[i + 1..].iter().position(|&c| c == q) {
                    i += p + 1;
                }
            }
            _ => {}
        }
        i += 1;
    }
    None
}

struct Label<'a> {
    cond: &'a str,
    /// Bytes of the label (up to, not including, the block's `{`).
    skip: usize,
}

/// A `switch` label at the start of `s`: a number or quoted string (`20348`, `'*2019*'`) before
/// a `{` or alone on its line, or a script block `{ $_ -ge 20348 }` before a `{`.
fn switch_label(s: &str) -> Option<Label<'_>> {
    let b = s.as_bytes();
    let first = *b.first()?;
    if first.is_ascii_digit() || first == b'\'' || first == b'"' {
        let end = s.find('{').unwrap_or_else(|| s.trim_end().len());
        let label = s[..end].trim_end();
        let simple = label.bytes().all(|c| {
            c.is_ascii_alphanumeric()
                || matches!(c, b'\'' | b'"' | b'*' | b'.' | b' ' | b'-' | b'_')
        });
        // Alone on its line: only a build number or a quoted pattern (not prose).
        let alone = !s.contains('{');
        if !simple || label.is_empty() || (alone && (label.contains(' ') || label.len() > 40)) {
            return None;
        }
        return Some(Label {
            cond: label,
            skip: end,
        });
    }
    if let Some(rest) = s.strip_prefix('{') {
        if rest.trim_start().starts_with("$_") {
            let close = s.find('}')?;
            return Some(Label {
                cond: &s[1..close],
                skip: close + 1,
            });
        }
    }
    None
}

/// Where a line says its commands run: the Hyper-V host (or the cluster's nodes), or the guest.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Side {
    Host,
    Guest,
}

/// The place a heading, comment, label, the sentence before a code block or a remote command
/// names for what follows: `on the (Hyper-V) host`, `on each node`, `ホストで`, `ホスト側`,
/// `ホスト上で`, `Invoke-Command -ComputerName (Get-ClusterNode)...` for the host; `in the
/// guest`, `ゲストで`, `仮想マシン内で`, PowerShell Direct (`-VMName`) for the guest. A line
/// that names both places, or one only as a subject ("the host is 2019 Datacenter"), names none.
pub(crate) fn place_of(line: &str) -> Option<Side> {
    if !line.is_ascii()
        || memchr::memmem::find(line.as_bytes(), b"ost").is_some()
        || memchr::memmem::find(line.as_bytes(), b"uest").is_some()
        || memchr::memmem::find(line.as_bytes(), b"ode").is_some()
        || memchr::memmem::find(line.as_bytes(), b"VM").is_some()
        || memchr::memmem::find(line.as_bytes(), b"vm").is_some()
        || memchr::memmem::find(line.as_bytes(), b"luster").is_some()
    {
        let p = pats();
        let g = p.guest_place.is_match(line);
        let h = p.host_place.is_match(line);
        return match (g, h) {
            (true, false) => Some(Side::Guest),
            (false, true) => Some(Side::Host),
            _ => None,
        };
    }
    None
}

/// `Invoke-Command` or `Enter-PSSession`: a command that runs its script block elsewhere.
pub(crate) fn remote_block(line: &str) -> bool {
    let l = line.to_ascii_lowercase();
    l.contains("invoke-command") || l.contains("enter-pssession")
}

/// A line that goes on on the next: PowerShell's backtick or cmd's caret at its end.
pub(crate) fn continues(line: &str) -> bool {
    matches!(line.trim_end().as_bytes().last(), Some(b'`' | b'^'))
}

/// Whether a statement line is the runbook's own claim (and not a mention): AV101 and AV104
/// report only claims. A line is not one when it negates or states a requirement (`not`,
/// `cannot`, `must`, `only`, `できません`, `必要`, ...), is a condition (`if`, `when`, `unless`,
/// `場合`, `なら`, `もし`), a question (`?`, `？`, `か。`), or sends the admin to another
/// activation (`KMS`, `MAK`, `retail`, `製品版`, `ボリューム`). A parenthetical right after a
/// version qualifies it and is left out of the test (`2012 (R2 ではない)`).
pub(crate) fn is_claim(line: &str) -> bool {
    let p = pats();
    let stripped = strip_version_parens(line);
    let s = stripped.as_str();
    !(p.negation.is_match(s) || p.condition.is_match(s) || p.other_method.is_match(s))
}

/// `line` without a parenthetical that follows a version year (`2012 (R2 ではない)`).
fn strip_version_parens(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(p) = rest.find(['(', '（']) {
        let before = rest[..p].trim_end();
        let after_year = before.len() >= 4
            && before.as_bytes()[before.len() - 4..]
                .iter()
                .all(u8::is_ascii_digit);
        out.push_str(&rest[..p]);
        let open_len = rest[p..].chars().next().map_or(1, char::len_utf8);
        let inner = &rest[p + open_len..];
        match inner.find([')', '）']) {
            Some(c) if after_year => {
                let close_len = inner[c..].chars().next().map_or(1, char::len_utf8);
                rest = &inner[c + close_len..];
            }
            _ => {
                out.push_str(&rest[p..p + open_len]);
                rest = inner;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(line: &str, builds: bool) -> Vec<(String, bool)> {
        named_versions(Catalog::builtin(), line, builds)
            .into_iter()
            .map(|n| (n.id, n.host))
            .collect()
    }

    #[test]
    fn short_and_long_versions_with_the_hosts_left_out() {
        let s = |l: &str| {
            let n = named_versions(Catalog::builtin(), l, false);
            single_version(&n).map(str::to_string)
        };
        assert_eq!(s("## ゲストでの作業 (2016)").as_deref(), Some("2016"));
        assert_eq!(
            s("## 2016 のゲスト (ホスト 2019 でも可)").as_deref(),
            Some("2016")
        );
        assert_eq!(s("| 2012 R2 | Y4TGP |").as_deref(), Some("2012r2"));
        assert_eq!(
            s("# Windows Server 2019 guest on a 2022 Datacenter host").as_deref(),
            Some("2019")
        );
        assert_eq!(s("# AVMA キー一覧 (Windows Server 2012 R2 ～ 2022)"), None);
        assert_eq!(s("Released 2019-05-01, see 01/05/2022"), None);
        assert_eq!(s("WS2022 guests").as_deref(), Some("2022"));
        assert_eq!(s("Windows Server, version 1809").as_deref(), Some("1809"));
        assert_eq!(
            ids("Our hosts are 2019 Standard", false),
            vec![("2019".into(), true)]
        );
        assert_eq!(
            ids("  20348 { $k = 1 }", true),
            vec![("2022".into(), false)]
        );
        assert!(ids("  20348 { $k = 1 }", false).is_empty());
    }

    #[test]
    fn branches_on_the_build_or_caption() {
        let cat = Catalog::builtin();
        // The version and edition in effect at `needle` of the last of `lines`.
        let at = |lines: &[&str], needle: &str| {
            let mut b = Branches::default();
            let mut views = Vec::new();
            for l in lines {
                b.scan(cat, l, &mut views);
            }
            let last = lines.last().copied().unwrap_or("");
            let pos = last.find(needle).unwrap_or(0);
            view_at(&views, pos).cloned().unwrap_or_default()
        };
        let v = |t: &str| at(&[t, "  slmgr /ipk KEY"], "KEY").version.flatten();
        let one = "20348 { if ($ed -eq 'ServerDatacenter') { $key = 'A' } else { $key = 'B' } }";
        let a = at(&[one], "'A'");
        assert_eq!(a.version.flatten().as_deref(), Some("2022"));
        assert_eq!(a.edition.flatten().as_deref(), Some("datacenter"));
        let b = at(&[one], "'B'");
        assert_eq!(b.version.flatten().as_deref(), Some("2022"));
        assert_eq!(b.edition, Some(None));
        // One line, the else of a version test: no version known there.
        let e = "if ($b -eq 17763) { $k = 'A' } else { $k = 'B' }";
        assert_eq!(at(&[e], "'A'").version.flatten().as_deref(), Some("2019"));
        assert_eq!(at(&[e], "'B'").version, Some(None));
        assert_eq!(
            v("} elseif ($os.Caption -like '*2019*') {").as_deref(),
            Some("2019")
        );
        assert_eq!(
            v("if ($b.CurrentBuild -ge 20348) {").as_deref(),
            Some("2022")
        );
        assert_eq!(v("if ($build -eq 17763) {").as_deref(), Some("2019"));
        assert_eq!(v("if ($build -lt 17763) {"), None);
        // Allman braces, a label alone on its line, cmd blocks.
        let allman = ["if ($build -eq 17763)", "{", "    $key = 'K'"];
        assert_eq!(
            at(&allman, "'K'").version.flatten().as_deref(),
            Some("2019")
        );
        let label = [
            "switch ($b)",
            "{",
            "    20348",
            "    {",
            "        $key = 'K'",
        ];
        assert_eq!(at(&label, "'K'").version.flatten().as_deref(), Some("2022"));
        let cmd = [
            "if \"%BUILD%\"==\"17763\" (",
            "    set KEY=A",
            ") else if \"%BUILD%\"==\"20348\" (",
            "    set KEY=K",
        ];
        assert_eq!(
            at(&cmd[..2], "A").version.flatten().as_deref(),
            Some("2019")
        );
        assert_eq!(at(&cmd, "K").version.flatten().as_deref(), Some("2022"));
        let cmd_else = [
            "if %BUILD% EQU 17763 (",
            "  set KEY=A",
            ") else (",
            "  set KEY=K",
        ];
        assert_eq!(at(&cmd_else, "K").version, Some(None));
        let one_cmd = "if \"%BUILD%\"==\"14393\" slmgr /ipk K";
        assert_eq!(
            at(&[one_cmd], "K").version.flatten().as_deref(),
            Some("2016")
        );
        assert_eq!(at(&[one_cmd, "slmgr /ipk K"], "K").version, None);
        assert_eq!(
            at(&["if not \"%B%\"==\"17763\" (", " K"], "K").version,
            Some(None)
        );
        assert!(matches!(branch_of("} else {"), Some(Branch::Else)));
        assert!(branch_of("$key = 'x'").is_none());
        assert!(branch_of("2019 Standard: KEY").is_none());
    }

    #[test]
    fn table_cells_keep_escaped_pipes_and_code_spans() {
        assert_eq!(cell_pipes("| a | b |"), vec![0, 4, 8]);
        // An escaped pipe and a pipe in a code span are inside their cell.
        assert_eq!(cell_pipes(r"| 2019 | `x \| more` |"), vec![0, 7, 21]);
        assert_eq!(cell_pipes("| 2019 | `x | more` | y |"), vec![0, 7, 20, 24]);
        assert_eq!(cell_pipes("| 2019 | ``x ` | y`` |"), vec![0, 7, 21]);
        // A backtick that never closes is a plain character.
        assert_eq!(cell_pipes("| it`s | b |"), vec![0, 7, 11]);
    }

    #[test]
    fn placeholders_look_alikes_and_hidden_characters() {
        assert!(is_dummy_key("XXXXX-XXXXX-XXXXX-XXXXX-XXXXX"));
        assert!(is_dummy_key("AAAAA-AAAAA-AAAAA-AAAAA-AAAAA"));
        assert!(!is_dummy_key("TNK62-RXVTB-4P47B-2D623-4GF74"));
        assert!(!is_dummy_key("XXXXX-XXXXX-XXXXX-XXXXX-4GF74"));
        assert_eq!(look_alikes("TNK62ーRXVTB"), vec!['ー']);
        assert_eq!(
            hidden_chars("slmgr /ipk A\u{202E}; calc", false).map(|h| h.0),
            Some(13)
        );
        assert!(hidden_chars("plain ascii", true).is_none());
        assert!(hidden_chars("\u{FEFF}# title", true).is_none());
        assert!(hidden_chars("a\u{200B}b", false).is_none());
        assert!(hidden_chars("a\u{200B}b", true).is_some());
    }

    #[test]
    fn host_statements_and_data_exchange_off() {
        assert!(host_is_standard(
            "Our hosts are 2019 Standard, which is fine for AVMA."
        ));
        assert!(host_is_standard(
            "The Hyper-V host is Windows Server 2019 Standard."
        ));
        assert!(!host_is_standard(
            "The host must be Datacenter, not Standard."
        ));
        assert!(!host_is_standard(
            "The host runs a Windows Server 2019 Standard guest."
        ));
        assert!(!host_is_standard("Guest 2019 Standard:"));
        assert!(host_is_standard(
            "The Hyper-V host is Windows Server 2019 Standard. Guest 2019 Standard:"
        ));
        assert!(!host_is_standard("Our hosts run 2019 Standard VMs."));
        assert_eq!(
            eval_mention("ライセンスの都合で Standard にしたいゲスト (2022 Datacenter 評価版) は次のとおり。"),
            Some(EvalMention { family: Some("datacenter"), dc: false })
        );
        assert_eq!(
            eval_mention(
                "評価版の DC (DC-EVAL-01, 2022 Standard 評価版) も同じ DISM コマンドで変換します。"
            ),
            Some(EvalMention {
                family: Some("standard"),
                dc: true
            })
        );
        assert_eq!(
            eval_mention("## Step 1 - convert the evaluation edition").map(|e| e.family),
            Some(None)
        );
        assert_eq!(
            eval_mention(
                "1. Make sure the guest is not evaluation: `DISM /online /Get-CurrentEdition`."
            ),
            None
        );
        assert_eq!(
            eval_mention("If the guest is an evaluation, convert it first."),
            None
        );
        assert_eq!(eval_mention("We evaluate the hosts every quarter."), None);
        for claim in [
            "- ホストのバージョンはゲストより古くても問題ありません (2019 ホストで 2022 ゲストも可)。",
            "The host may be older than the guest: AVMA does not care.",
            "A Hyper-V host older than the guest is fine for AVMA.",
            "ゲストより古いホストでも大丈夫です。",
        ] {
            assert!(host_older_claim(claim), "{claim}");
        }
        for not_claim in [
            "The host must not be older than the guest.",
            "A host older than the guest cannot activate it.",
            "Can the host be older than the guest?",
            "ホストがゲストより古いとライセンス認証できません。",
            "ホストのバージョンはゲストと同じかそれより新しくしてください。",
            "The older hosts are in rack 3.",
        ] {
            assert!(!host_older_claim(not_claim), "{not_claim}");
        }
        for off in [
            "   Set-Service -Name vmickvpexchange -StartupType Disabled",
            "Stop-Service -Name vmickvpexchange -Force",
            "sc.exe config vmickvpexchange start= disabled",
            "sc stop vmickvpexchange",
            "Get-Service vmickvpexchange | Stop-Service",
        ] {
            assert!(kvp_service_off(off), "{off}");
        }
        for on in [
            "Set-Service -Name vmickvpexchange -StartupType Manual",
            "Start-Service -Name vmickvpexchange",
            "sc.exe config vmickvpexchange start= demand",
            "Get-Service vmickvpexchange",
            "# Stop-Service vmickvpexchange is what the old baseline did",
        ] {
            assert!(!kvp_service_off(on), "{on}");
        }
        assert_eq!(
            data_exchange_off(
                "Disable-VMIntegrationService -VMName 'APP 01' -Name 'Key-Value Pair Exchange'"
            ),
            Some(Some("APP 01".to_string()))
        );
        assert_eq!(
            data_exchange_off("Set-VMIntegrationService -VMName APP01 -Name 'Key-Value Pair Exchange' -Enabled $false"),
            Some(Some("APP01".to_string()))
        );
        assert!(data_exchange_off(
            "Disable-VMIntegrationService -VMName APP01 -Name 'Guest Service Interface'"
        )
        .is_none());
        assert!(data_exchange_off(
            "Enable-VMIntegrationService -VMName APP01 -Name 'Key-Value Pair Exchange'"
        )
        .is_none());
        assert!(says_not_for_avma(
            "WC2BQ-... は KMS キーなので、AVMA では使いません。"
        ));
        assert!(says_not_for_avma("This KMS key is not for AVMA."));
        assert!(!says_not_for_avma("slmgr /ipk KEY (the AVMA key)"));
    }
}
