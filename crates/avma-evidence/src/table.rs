//! PowerShell's default table output (`Format-Table`, and what cmdlets such as
//! `Get-VMIntegrationService` print when nothing else is asked): a header of property names (never
//! translated), a line of dashes under each, then one row per object, columns aligned by display
//! width (East Asian characters take two columns), long cells cut with `…`.
//!
//! Rows become the same objects as Format-List and JSON, so the PowerShell reader's recognition
//! applies, one row at a time: memory is bounded by one row (and the facts read), whatever the
//! table's width or length. A row is split into words (never cut inside a word); a word belongs to
//! the column its first character is under. A row that overflows its columns (a hand-trimmed paste,
//! a longer localized name typed in) is read word by word: among the readings that keep every
//! word whole and the typed cells (numbers, True/False, EditionIDs, partial keys, GUIDs) well
//! formed, the one with the most typed cells filled and the fewest words moved; a cell on which
//! the best readings disagree is refused (unreadable), never guessed. `Get-VMIntegrationService` rows are read here: Data Exchange is found by its display
//! name in the languages listed below or, when no name matches, by its position (third of a VM's
//! five or six services in the order Hyper-V lists them on 2012 R2 and on 2016 and later).

use serde_json::Value;
use unicode_width::UnicodeWidthChar;

use avma_core::text::Msg;
use avma_core::Catalog;

use crate::observe::{ArtifactKind, Fact, IntegrationService, Provenance, ReadResult};
use crate::powershell::{Classifier, PsObject};

const READER: &str = "format-table";

/// The Data Exchange (KVP) service's display name in the languages seen in captures (prefixes:
/// PowerShell cuts long cells). UNVERIFIED beyond English and Japanese; used only to name the
/// service, the position rule covers the others.
const DATA_EXCHANGE_NAMES: &[&str] = &[
    "Key-Value Pair Exchange",
    "Data Exchange",
    "Datenaustausch",
    "Austausch von Schlüssel",
    "Échange de données",
    "Échange de paires clé-valeur",
    "Intercambio de datos",
    "Intercambio de pares clave-valor",
    "Обмен данными",
    "Обмен парами",
    "データ交換",
    "キー値ペア交換",
    "キーと値のペアの交換",
    "数据交换",
    "键值对交换",
    "資料交換",
];

/// The most columns read from one table (PowerShell fits a table to the console; a wider "header"
/// is not one): the others are not read, said once.
const MAX_COLUMNS: usize = 100;
/// The longest header name kept (property names are identifiers).
const MAX_NAME: usize = 128;
/// An overflowing row with more words than this is not searched: its overflowing cells are refused.
const MAX_WORDS: usize = 48;
/// The search of one overflowing row stops after this many steps (its cells are then refused).
const MAX_STEPS: usize = 20_000;
/// Rows with refused cells named one by one in a table (the others are counted).
const ROWS_NAMED: i64 = 3;
/// The value of a cell that could not be read: a placeholder, so never a value.
const UNREADABLE: &str = "<unreadable>";

fn is_dash_line(t: &str) -> bool {
    let t = t.trim_end();
    !t.is_empty() && t.contains('-') && t.chars().all(|c| c == '-' || c == ' ') && {
        // Every group of dashes is at least two long (a lone "-" is not a column).
        t.split(' ').filter(|g| !g.is_empty()).all(|g| g.len() >= 2)
    }
}

/// Column spans (start, end) in display columns, from the dash line (ASCII only: bytes are
/// columns).
fn spans(dashes: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in dashes.char_indices() {
        match (c, start) {
            ('-', None) => start = Some(i),
            (' ', Some(s)) => {
                out.push((s, i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s, dashes.trim_end().len()));
    }
    out
}

/// The text of a line between display columns `from` and `to` (`to == usize::MAX`: to the end).
fn text_between(line: &str, from: usize, to: usize) -> String {
    let mut w = 0usize;
    let mut out = String::new();
    for c in line.chars() {
        let cw = c.width().unwrap_or(0);
        if w >= from && w < to {
            out.push(c);
        }
        w += cw;
        if w >= to {
            break;
        }
    }
    out.trim().to_string()
}

/// Does the text hold a table (a header line over a dash line)?
pub fn looks_like(lines: &[String]) -> bool {
    lines
        .windows(2)
        .any(|w| is_dash_line(&w[1]) && !w[0].trim().is_empty() && spans(&w[1]).len() >= 2)
}

/// What a column's cells must look like when the property is one avma knows (property names are
/// never translated): a reading that breaks it is not the table's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Text,
    Bool,
    Number,
    /// One word: an EditionID, a key channel (`Volume:GVLK`).
    Token,
    /// Five key characters (or a placeholder).
    PartialKey,
    Guid,
    /// A .NET TimeSpan as PowerShell prints it (`2.04:11:36.2200000`, `00:00:00`).
    TimeSpan,
}

fn kind_of(name: &str) -> Kind {
    match name.to_ascii_lowercase().as_str() {
        "enabled" => Kind::Bool,
        "licensestatus"
        | "graceperiodremaining"
        | "currentbuild"
        | "currentbuildnumber"
        | "buildnumber"
        | "osbuildnumber"
        | "licensestatusreason"
        | "remainingwindowsrearmcount"
        | "generation"
        | "recordid" => Kind::Number,
        // Enum values PowerShell prints as one word: a VM's, node's or group's `State`, a
        // service's `StartType` (`Running`, `Off`, `Online`, `Up`, `Disabled`).
        "editionid" | "licensefamily" | "windowseditionid" | "productkeychannel" | "state"
        | "starttype" => Kind::Token,
        "uptime" => Kind::TimeSpan,
        "partialproductkey" => Kind::PartialKey,
        "applicationid" | "vmid" => Kind::Guid,
        _ => Kind::Text,
    }
}

fn valid(kind: Kind, v: &str) -> bool {
    let v = v.trim_end_matches('…').trim_end_matches("...");
    if v.is_empty() || crate::util::is_placeholder(v) {
        return true;
    }
    match kind {
        Kind::Text => true,
        Kind::Bool => v.eq_ignore_ascii_case("true") || v.eq_ignore_ascii_case("false"),
        Kind::Number => {
            let d = v.strip_prefix('-').unwrap_or(v);
            !d.is_empty() && d.chars().all(|c| c.is_ascii_digit())
        }
        Kind::Token => !v.contains(char::is_whitespace),
        Kind::PartialKey => v.chars().count() <= 5 && v.chars().all(|c| c.is_ascii_alphanumeric()),
        Kind::TimeSpan => {
            let (days, rest) = v
                .split_once('.')
                .filter(|(d, r)| !d.contains(':') && r.contains(':'))
                .unwrap_or(("0", v));
            let parts: Vec<&str> = rest.split(':').collect();
            days.chars().all(|c| c.is_ascii_digit())
                && parts.len() == 3
                && parts.iter().all(|p| {
                    let p = p.split_once('.').map_or(*p, |(a, _)| a);
                    !p.is_empty() && p.chars().all(|c| c.is_ascii_digit())
                })
                && !v.contains(char::is_whitespace)
        }
        Kind::Guid => {
            !v.contains(char::is_whitespace)
                && v.chars()
                    .all(|c| c.is_ascii_hexdigit() || matches!(c, '-' | '{' | '}'))
        }
    }
}

/// One column: where its dashes start (display columns), its name and kind.
struct Column {
    start: usize,
    /// Where its dashes end: a right-aligned number ends there.
    end: usize,
    name: String,
    kind: Kind,
}

/// A word of a row: its display columns `[from, to)` and its bytes.
#[derive(Debug, Clone, Copy)]
struct Word {
    from: usize,
    to: usize,
    b0: usize,
    b1: usize,
}

fn words(line: &str) -> Vec<Word> {
    let mut out = Vec::new();
    let mut w = 0usize;
    let mut cur: Option<Word> = None;
    for (b, c) in line.char_indices() {
        let cw = c.width().unwrap_or(0);
        if c.is_whitespace() {
            if let Some(x) = cur.take() {
                out.push(x);
            }
        } else {
            match cur.as_mut() {
                Some(x) => {
                    x.to = w + cw;
                    x.b1 = b + c.len_utf8();
                }
                None => {
                    cur = Some(Word {
                        from: w,
                        to: w + cw,
                        b0: b,
                        b1: b + c.len_utf8(),
                    })
                }
            }
        }
        // A tab advances to the next multiple of 8, as a console shows it.
        w += if c == '\t' { 8 - w % 8 } else { cw };
    }
    if let Some(x) = cur {
        out.push(x);
    }
    out
}

/// The column a display position is under.
fn region(cols: &[Column], pos: usize) -> usize {
    cols.iter().rposition(|c| c.start <= pos).unwrap_or(0)
}

fn is_number(t: &str) -> bool {
    let d = t.strip_prefix('-').unwrap_or(t);
    !d.is_empty() && d.chars().all(|c| c.is_ascii_digit())
}

/// The column a word is under: the one its first character is under, except a number that
/// ends where the next column's dashes end when that column is a known number (PowerShell
/// right-aligns numbers and their header, and dashes only underline the header's name, so a
/// number wider than the name starts left of them). A number under an unknown name that starts
/// left of its dashes is searched like an overflow (read, or refused).
fn place(line: &str, cols: &[Column], w: &Word) -> usize {
    let k = region(cols, w.from);
    match cols.get(k + 1) {
        Some(n)
            if n.kind == Kind::Number
                && w.to > n.start
                && w.to == n.end
                && is_number(&line[w.b0..w.b1]) =>
        {
            k + 1
        }
        _ => k,
    }
}

/// The cells of a row: `Some(text)` read, `None` unreadable; and whether the row overflowed.
struct Row {
    cells: Vec<Option<String>>,
    overflowed: bool,
}

fn cell_text(line: &str, ws: &[Word], assign: &[usize], k: usize) -> String {
    let mut first = None;
    let mut last = None;
    for (w, &c) in ws.iter().zip(assign) {
        if c == k {
            first.get_or_insert(w.b0);
            last = Some(w.b1);
        }
    }
    match (first, last) {
        (Some(a), Some(b)) => line.get(a..b).unwrap_or("").to_string(),
        _ => String::new(),
    }
}

/// Every column's cell in one pass over the words (`assign` gives each word's column).
fn cells_of(line: &str, ws: &[Word], assign: &[usize], n: usize) -> Vec<String> {
    let mut span: Vec<Option<(usize, usize)>> = vec![None; n];
    for (w, &c) in ws.iter().zip(assign) {
        if let Some(s) = span.get_mut(c) {
            let from = s.map_or(w.b0, |x| x.0);
            *s = Some((from, w.b1));
        }
    }
    span.into_iter()
        .map(|s| {
            s.and_then(|(a, b)| line.get(a..b))
                .unwrap_or("")
                .to_string()
        })
        .collect()
}

fn read_row(line: &str, cols: &[Column]) -> Row {
    let ws = words(line);
    let assign: Vec<usize> = ws.iter().map(|w| place(line, cols, w)).collect();
    // A row of East Asian text may touch the space before a column by itself: Windows
    // PowerShell 5.1 counts characters, not display columns.
    let narrow = line.chars().all(|c| c.width().unwrap_or(0) <= 1);
    // The first word out of place: one that runs over the next column's start or (in a narrow
    // row) onto the space before it (PowerShell always leaves that space), or the first word
    // of a typed cell that is not well formed and holds several words.
    let straddle = ws.iter().zip(&assign).position(|(w, &k)| {
        cols.get(k + 1)
            .is_some_and(|n| w.to > n.start || (w.to == n.start && narrow))
    });
    let cells = cells_of(line, &ws, &assign, cols.len());
    let typed_bad = cells
        .iter()
        .zip(cols)
        .position(|(v, c)| !valid(c.kind, v) && v.contains(char::is_whitespace))
        .and_then(|k| assign.iter().position(|&c| c == k));
    let from = match (straddle, typed_bad) {
        (None, None) => {
            return Row {
                cells: cells.into_iter().map(Some).collect(),
                overflowed: false,
            }
        }
        (a, b) => a.unwrap_or(usize::MAX).min(b.unwrap_or(usize::MAX)),
    };
    Row {
        cells: solve(line, &ws, cols, from),
        overflowed: true,
    }
}

/// The search over the readings of an overflowing row (see the module's documentation).
struct Search<'a> {
    line: &'a str,
    ws: &'a [Word],
    cols: &'a [Column],
    assign: Vec<usize>,
    steps: usize,
    best: Option<usize>,
    /// The best readings' cells, at most [`MAX_READINGS`].
    found: Vec<Vec<String>>,
    too_many: bool,
}

/// More different readings than this: the row is too ambiguous to search on.
const MAX_READINGS: usize = 16;

impl Search<'_> {
    fn cell(&self, k: usize, upto: usize) -> String {
        cell_text(self.line, &self.ws[..upto], &self.assign[..upto], k)
    }

    fn go(&mut self, i: usize) {
        self.steps += 1;
        if self.steps > MAX_STEPS || self.too_many {
            return;
        }
        if i == self.ws.len() {
            // The last cell was not checked when it was closed.
            if let Some(&k) = self.assign.last() {
                if !valid(self.cols[k].kind, &self.cell(k, i)) {
                    return;
                }
            }
            let cells = cells_of(self.line, self.ws, &self.assign, self.cols.len());
            let filled = cells
                .iter()
                .zip(self.cols)
                .filter(|(v, c)| c.kind != Kind::Text && !v.is_empty())
                .count();
            match self.best {
                Some(b) if b > filled => {}
                Some(b) if b == filled => {
                    if !self.found.contains(&cells) {
                        if self.found.len() < MAX_READINGS {
                            self.found.push(cells);
                        } else {
                            self.too_many = true;
                        }
                    }
                }
                _ => {
                    self.best = Some(filled);
                    self.found = vec![cells];
                }
            }
            return;
        }
        let w = self.ws[i];
        let own = place(self.line, self.cols, &w);
        // Two spaces or more end a cell (inside a value words are one space apart).
        let lo = match i.checked_sub(1) {
            None => 0,
            Some(p) => {
                let gap = w.from.saturating_sub(self.ws[p].to);
                self.assign[p] + usize::from(gap >= 2)
            }
        };
        // A word stays under its column or moves left (text overflows to the right); a number
        // may also belong to the next column (right-aligned, wider than its dashes).
        let numeric = is_number(&self.line[w.b0..w.b1]);
        let hi = (own + usize::from(numeric))
            .min(self.cols.len() - 1)
            .max(lo);
        if lo >= self.cols.len() {
            return;
        }
        for c in lo..=hi {
            // Closing the previous cell: it must be well formed.
            if let Some(p) = i.checked_sub(1) {
                let prev = self.assign[p];
                if c != prev && !valid(self.cols[prev].kind, &self.cell(prev, i)) {
                    continue;
                }
            }
            self.assign.push(c);
            self.go(i + 1);
            self.assign.pop();
        }
    }
}

/// The cells of a row whose words from `from` on are out of place: the words before stay under
/// their columns (nothing has overflowed yet); the others are searched. A cell is read when every
/// best reading (the most typed cells filled) agrees on it; else it is refused.
fn solve(line: &str, ws: &[Word], cols: &[Column], from: usize) -> Vec<Option<String>> {
    let fixed: Vec<usize> = ws.iter().take(from).map(|w| place(line, cols, w)).collect();
    let mut s = Search {
        line,
        ws,
        cols,
        assign: fixed,
        steps: 0,
        best: None,
        found: Vec::new(),
        too_many: false,
    };
    if ws.len() - from.min(ws.len()) <= MAX_WORDS && !cols.is_empty() {
        s.go(from.min(ws.len()));
    }
    if s.steps > MAX_STEPS || s.too_many || s.found.is_empty() {
        // No reading to trust: the cells before the first word out of place are read, every
        // cell from its column on is refused.
        let assign: Vec<usize> = ws.iter().map(|w| place(line, cols, w)).collect();
        let cut = ws.get(from).map_or(0, |w| place(line, cols, w));
        return cells_of(line, ws, &assign, cols.len())
            .into_iter()
            .enumerate()
            .map(|(k, v)| (k < cut).then_some(v))
            .collect();
    }
    (0..cols.len())
        .map(|k| {
            let v = &s.found[0][k];
            s.found.iter().all(|f| f[k] == *v).then(|| v.clone())
        })
        .collect()
}

pub fn read_at(file: &str, lines: &[String], nums: &[u64], cat: &Catalog) -> ReadResult {
    let mut r = ReadResult::new(file, ArtifactKind::FormatTable);
    let num = |i: usize| nums.get(i).copied().unwrap_or(i as u64 + 1);
    let mut i = 1usize;
    while i < lines.len() {
        if !is_dash_line(&lines[i]) || lines[i - 1].trim().is_empty() {
            i += 1;
            continue;
        }
        if spans(&lines[i]).len() < 2 {
            i += 1;
            continue;
        }
        let cols = columns(&lines[i - 1], &lines[i], &mut r, num(i - 1));
        r.placed.push(num(i - 1));
        r.placed.push(num(i));
        let j = read_table(file, &cols, lines, i + 1, &num, cat, &mut r);
        i = j;
    }
    r
}

/// The cells of one row: `None` for a cell refused as unreadable.
pub type Cells = Vec<Option<String>>;

/// The columns of a table from its header and dash lines (at most [`MAX_COLUMNS`], said once).
fn columns(header: &str, dashes: &str, r: &mut ReadResult, line: u64) -> Vec<Column> {
    let mut sp = spans(dashes);
    if sp.len() > MAX_COLUMNS {
        r.note(
            Some(line),
            Msg::new("reader-table-too-wide")
                .arg("line", line as i64)
                .arg("count", sp.len() as i64)
                .arg("max", MAX_COLUMNS as i64),
        );
        sp.truncate(MAX_COLUMNS);
    }
    // Get-Service's table (a `StartType` column): its `Status` is one word too (`Stopped`),
    // where Get-VM's `Status` is a sentence (`Operating normally`).
    let service = sp.iter().enumerate().any(|(k, &(s, e))| {
        let end = if k + 1 == sp.len() {
            usize::MAX
        } else {
            e.max(s + 1)
        };
        text_between(header, s, end).eq_ignore_ascii_case("StartType")
    });
    sp.iter()
        .enumerate()
        .map(|(k, &(s, e))| {
            let end = if k + 1 == sp.len() {
                usize::MAX
            } else {
                e.max(s + 1)
            };
            let mut n = text_between(header, s, end);
            if n.chars().count() > MAX_NAME {
                n = n.chars().take(MAX_NAME).collect();
            }
            if n.is_empty() {
                n = format!("column{k}");
            }
            let kind = if service && n.eq_ignore_ascii_case("Status") {
                Kind::Token
            } else {
                kind_of(&n)
            };
            Column {
                start: s,
                end: e,
                kind,
                name: n,
            }
        })
        .collect()
}

/// The header names and the cells of every row of the first table in `lines` (`None`: a cell
/// refused as unreadable), as the reader splits them: for tests and tools.
pub fn read_cells(lines: &[String]) -> Option<(Vec<String>, Vec<Cells>)> {
    let i = (1..lines.len()).find(|&i| {
        is_dash_line(&lines[i]) && !lines[i - 1].trim().is_empty() && spans(&lines[i]).len() >= 2
    })?;
    let cols = columns(
        &lines[i - 1],
        &lines[i],
        &mut ReadResult::new("", ArtifactKind::FormatTable),
        0,
    );
    let rows = lines[i + 1..]
        .iter()
        .take_while(|l| !l.trim().is_empty())
        .map(|l| read_row(l, &cols).cells)
        .collect();
    Some((cols.into_iter().map(|c| c.name).collect(), rows))
}

/// Reads the rows of one table from line `from` on, one at a time; returns the line after it.
fn read_table(
    file: &str,
    cols: &[Column],
    lines: &[String],
    from: usize,
    num: &dyn Fn(usize) -> u64,
    cat: &Catalog,
    r: &mut ReadResult,
) -> usize {
    let has = |n: &str| cols.iter().any(|x| x.name.eq_ignore_ascii_case(n));
    let integration = has("VMName") && has("Name") && has("Enabled") && !has("Id");
    let mut classifier = Classifier::new(file, READER, cat);
    let mut group = VmGroup::default();
    let mut row_lines: Vec<u64> = Vec::new();
    let before = r.observations.len();
    let (mut overflowed, mut first_overflow) = (0i64, None);
    let mut refused_rows = 0i64;
    let mut j = from;
    // The row read last, fed once the next line shows it is not wrapped on.
    let mut pending: Option<(u64, Cells)> = None;
    while j < lines.len() && !lines[j].trim().is_empty() {
        let n = num(j);
        let row = read_row(&lines[j], cols);
        if row.overflowed {
            overflowed += 1;
            first_overflow.get_or_insert(n);
        }
        let refused: Vec<&str> = cols
            .iter()
            .zip(&row.cells)
            .filter(|(_, c)| c.is_none())
            .map(|(c, _)| c.name.as_str())
            .collect();
        if !refused.is_empty() {
            refused_rows += 1;
        }
        // The first few rows with refused cells are named; the others counted.
        if !refused.is_empty() && refused_rows <= ROWS_NAMED {
            r.note(
                Some(n),
                Msg::new("reader-table-cell-unreadable")
                    .arg("line", n as i64)
                    .arg("columns", refused.join(", ")),
            );
        }
        row_lines.push(n);
        j += 1;
        // `Format-Table -Wrap`: a cell too long for its column goes on under it, the row's other
        // cells blank (the first column, the row's name, always so): part of the row above.
        if let Some((_, cells)) = pending.as_mut().filter(|_| is_wrapped(&lines[j - 1], cols)) {
            for (have, more) in cells.iter_mut().zip(&row.cells) {
                if let (Some(h), Some(m)) = (have.as_mut(), more.as_deref()) {
                    if !m.is_empty() {
                        if !h.is_empty() {
                            h.push(' ');
                        }
                        h.push_str(m);
                    }
                }
            }
            continue;
        }
        if let Some((at, cells)) = pending.replace((n, row.cells)) {
            feed_row(
                file,
                cols,
                at,
                cells,
                integration,
                &mut group,
                &mut classifier,
                r,
            );
        }
    }
    if let Some((at, cells)) = pending.take() {
        feed_row(
            file,
            cols,
            at,
            cells,
            integration,
            &mut group,
            &mut classifier,
            r,
        );
    }
    if integration {
        group.flush(file, r);
        r.placed.extend(row_lines);
    } else {
        classifier.finish(r);
        if r.observations.len() > before {
            r.placed.extend(row_lines);
        }
    }
    if refused_rows > ROWS_NAMED {
        r.note(
            first_overflow,
            Msg::new("reader-table-cells-unreadable-more").arg("count", refused_rows - ROWS_NAMED),
        );
    }
    if let Some(first) = first_overflow {
        r.note(
            Some(first),
            Msg::new("reader-table-overflow")
                .arg("count", overflowed)
                .arg("first", first as i64),
        );
    }
    j
}

/// A line of `Format-Table -Wrap` that goes on with the row above: its first column blank, and
/// at most half of its columns filled.
fn is_wrapped(line: &str, cols: &[Column]) -> bool {
    let Some(second) = cols.get(1) else {
        return false;
    };
    let lead = line.chars().take_while(|c| *c == ' ').count();
    let filled = words(line)
        .iter()
        .map(|w| place(line, cols, w))
        .collect::<std::collections::BTreeSet<usize>>()
        .len();
    lead >= second.start && filled * 2 <= cols.len()
}

/// One row's object, to the classifier (or the integration services' group).
#[allow(clippy::too_many_arguments)]
fn feed_row(
    file: &str,
    cols: &[Column],
    n: u64,
    cells: Cells,
    integration: bool,
    group: &mut VmGroup,
    classifier: &mut Classifier,
    r: &mut ReadResult,
) {
    let o = PsObject {
        line: n,
        props: cols
            .iter()
            .zip(cells)
            .map(|(c, v)| {
                let v = v.unwrap_or_else(|| UNREADABLE.to_string());
                (c.name.clone(), Value::String(v), n)
            })
            .collect(),
    };
    if integration {
        group.push(file, IntegrationRow::of(&o), r);
    } else {
        classifier.feed(&o, r);
    }
}

fn cell<'a>(o: &'a PsObject, name: &str) -> Option<&'a str> {
    o.props
        .iter()
        .find(|(k, _, _)| k.eq_ignore_ascii_case(name))
        .and_then(|(_, v, _)| v.as_str())
        .filter(|s| !s.is_empty() && !crate::util::is_placeholder(s))
}

/// The cells of a Get-VMIntegrationService row that avma reads.
struct IntegrationRow {
    line: u64,
    vm: String,
    name: Option<String>,
    enabled: Option<bool>,
    primary_status: Option<String>,
}

impl IntegrationRow {
    fn of(o: &PsObject) -> IntegrationRow {
        IntegrationRow {
            line: o.line,
            vm: cell(o, "VMName").unwrap_or("").to_string(),
            name: cell(o, "Name").map(String::from),
            enabled: cell(o, "Enabled").and_then(|e| match e {
                "True" | "true" => Some(true),
                "False" | "false" => Some(false),
                _ => None,
            }),
            primary_status: cell(o, "PrimaryStatusDescription").map(String::from),
        }
    }
}

/// The rows of one VM, read when the next VM's rows start.
#[derive(Default)]
struct VmGroup {
    rows: Vec<IntegrationRow>,
}

impl VmGroup {
    fn push(&mut self, file: &str, row: IntegrationRow, r: &mut ReadResult) {
        if self.rows.first().is_some_and(|f| f.vm != row.vm) {
            self.flush(file, r);
        }
        self.rows.push(row);
    }

    fn flush(&mut self, file: &str, r: &mut ReadResult) {
        let list = std::mem::take(&mut self.rows);
        let Some(vm) = list.first().map(|f| f.vm.clone()) else {
            return;
        };
        let by_name = list.iter().position(|o| {
            o.name.as_deref().is_some_and(|n| {
                let n = n.trim_end_matches('…').trim_end_matches("...");
                DATA_EXCHANGE_NAMES
                    .iter()
                    .any(|d| d.starts_with(n) && n.chars().count() >= 6 || n.starts_with(d))
            })
        });
        let kvp = by_name.or_else(|| (list.len() == 5 || list.len() == 6).then_some(2));
        if by_name.is_none() && kvp.is_some() {
            if let Some(o) = list.get(2) {
                r.note(
                    Some(o.line),
                    Msg::new("reader-data-exchange-by-position")
                        .arg("vm", vm.as_str())
                        .arg("name", o.name.as_deref().unwrap_or("?")),
                );
            }
        }
        for (k, o) in list.into_iter().enumerate() {
            r.placed.push(o.line);
            r.push(
                Fact::IntegrationService(IntegrationService {
                    vm: Some(vm.clone()).filter(|v| !v.is_empty()),
                    name: o.name,
                    id: None,
                    is_data_exchange: kvp == Some(k),
                    enabled: o.enabled,
                    primary_status: o.primary_status,
                }),
                Provenance::line(file, o.line, READER),
            );
        }
    }
}
