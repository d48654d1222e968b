//! Which reader fits an input, decided by content (never by file name) over the whole text, after
//! the transcript noise around pasted output is removed ([`crate::clean`]). A console transcript
//! can hold several commands' outputs: every reader that recognizes part of it reads it, and what
//! they found is merged.

use avma_core::text::Msg;
use avma_core::Catalog;

use crate::clean::{clean, Cleaned};
use crate::observe::{ArtifactKind, Fact, LineStats, Provenance, ReadResult, UnplacedLine};
use crate::{
    csvexport, dism, eventtable, eventtext, eventxml, powershell, pserror, slmgr, systeminfo, table,
};

/// The problems that only say a reader found nothing: dropped when another reader found something.
const NOTHING_FOUND: &[&str] = &[
    "reader-dism-nothing",
    "reader-slmgr-nothing",
    "reader-no-event",
];

/// How many lines that could not be placed are shown for an input that yields nothing.
const UNPLACED_SHOWN: usize = 5;

/// Read a decoded text input with every reader that recognizes it (a console transcript can hold
/// slmgr and DISM output together) and merge what they found.
pub fn read_text(file: &str, lines: &[String], cat: &Catalog) -> ReadResult {
    let c = clean(lines);
    let (mut r, whole) = read_cleaned(file, &c, cat);
    // A Markdown table the user typed (one row per machine): read from the input's own lines.
    if let Some(t) = crate::mdtable::read(file, lines, cat) {
        with_typed_table(&mut r, t);
    }
    if r.readable {
        crate::slmgrcmd::tried_keys(file, &c, &mut r);
    }
    let mut unplaced: Vec<(u64, u64)> = Vec::new();
    if r.readable {
        crate::psevents::fill_providers(&c, &mut r);
        unplaced = machines(file, lines, &c, &mut r, cat);
        // A log whose lines are stamped: the newest stamp of the lines the readers understood
        // is when that output was logged (stamps of other lines date other things).
        if !c.stamps.is_empty() {
            let placed: std::collections::HashSet<u64> = r.placed.iter().copied().collect();
            let newest = c
                .stamps
                .iter()
                .filter(|(n, _)| placed.contains(n))
                .max_by_key(|(_, t)| *t);
            if let Some((n, t)) = newest {
                r.push(
                    Fact::Logged {
                        time: t.to_string(),
                    },
                    Provenance::line(file, *n, "log"),
                );
            }
        }
        if r.sections.is_empty() {
            guest_services(&c, &mut r);
        }
    }
    // The language of the whole input when its readers did not say (a table's or a list's
    // values, the prose around the output).
    if r.readable && r.language.is_none_or(|l| l == "unknown") {
        // A comment typed after a prompt (`PS C:\> # 在 ERP-SH-02 上执行`) is the writer's prose.
        let comments = c.commands.iter().flatten().filter_map(|cmd| {
            let t = cmd.trim_start();
            t.strip_prefix('#')
                .or_else(|| cmd.split_once(" #").map(|(_, r)| r))
        });
        let all = c.lines.iter().map(String::as_str).chain(comments);
        if let Some(l) = crate::util::text_language(all) {
            r.language = Some(l);
        }
    }
    // English output (English property names) in a paste whose own prose, the lines no reader
    // placed, is in another language: the prose is the writer's language, and decides.
    if r.readable && r.language == Some("en") {
        let placed: std::collections::HashSet<u64> = r.placed.iter().copied().collect();
        let prose = c
            .lines
            .iter()
            .zip(&c.numbers)
            .zip(&c.commands)
            .filter(|((_, n), cmd)| cmd.is_none() && !placed.contains(n))
            .map(|((l, _), _)| l.as_str());
        if let Some(l) = crate::util::text_language(prose).filter(|l| *l != "en") {
            r.language = Some(l);
        }
    }
    r.lines = Some(stats(&c, &r, whole, lines.len() as u64, cat, &unplaced));
    r
}

/// A typed table's facts added to what the readers found (or, when they found nothing, the
/// input's result): its rows' sections go with the readers' own.
fn with_typed_table(r: &mut ReadResult, mut t: ReadResult) {
    if !r.readable || r.observations.is_empty() {
        t.encoding = r.encoding;
        t.notes.append(&mut r.notes);
        *r = t;
        return;
    }
    r.observations.append(&mut t.observations);
    r.placed.append(&mut t.placed);
    r.notes.append(&mut t.notes);
    r.sections.append(&mut t.sections);
    r.sections.sort_by_key(|s| s.0);
}

/// The machines a paste names with certainty (see [`crate::clean::machine_marker`], and a
/// `hostname` command's output), and a PowerShell transcript's `Start time:` as the capture's
/// time. One machine: its name is a fact. Several: each starts a section (the model splits the
/// file's facts by them) and a note says so. One pass. Returns the line ranges of output that
/// could not be placed on any machine ([`several_unplaced`]).
fn machines(
    file: &str,
    lines: &[String],
    c: &Cleaned,
    r: &mut ReadResult,
    cat: &Catalog,
) -> Vec<(u64, u64)> {
    use crate::clean::{is_host_name, marker_with_role};
    use crate::clue::is_anonymous;
    const READER: &str = "transcript";
    let mut marks: Vec<(u64, String)> = Vec::new();
    let mut collected = false;
    for (i, num) in c.numbers.iter().enumerate() {
        let raw = lines.get(*num as usize - 1).map_or("", String::as_str);
        let raw = raw.trim_start_matches('\u{feff}');
        if let Some((name, role)) = marker_with_role(raw) {
            marks.push((*num, name.to_ascii_uppercase()));
            r.placed.push(*num);
            // A banner's role word (`===== HOST: HV-NODE2 =====`, `#### guest VM01 ####`).
            if let Some((host, word)) = role {
                r.push(
                    Fact::RoleClue {
                        name: Some(crate::clue::short(name)),
                        host,
                        clue: crate::observe::RoleClue::Prose,
                        word: Some(word.to_string()),
                    },
                    Provenance::line(file, *num, READER),
                );
            }
            // A transcript's `Machine: X (Microsoft Windows NT 10.0.17763.0)` gives the build.
            let build = raw
                .split_once("Windows NT ")
                .and_then(|(_, v)| v.split('.').nth(2))
                .and_then(|b| b.parse::<u32>().ok())
                .filter(|b| (7600..100_000).contains(b));
            if let Some(build) = build.filter(|_| raw.trim_start().starts_with("Machine:")) {
                r.push(
                    Fact::OsBuild { build },
                    Provenance::line(file, *num, READER),
                );
            }
        } else if c.commands[i]
            .as_deref()
            .is_some_and(|cmd| cmd.trim().eq_ignore_ascii_case("hostname"))
        {
            let next = (i + 1..c.lines.len()).find(|&j| !c.lines[j].trim().is_empty());
            if let Some(j) = next.filter(|&j| is_host_name(c.lines[j].trim())) {
                marks.push((c.numbers[j], c.lines[j].trim().to_ascii_uppercase()));
                r.placed.push(c.numbers[j]);
            }
        }
        if let Some(t) = raw.trim().strip_prefix("Start time: ") {
            let d = t.trim();
            if !collected && d.len() == 14 && d.bytes().all(|b| b.is_ascii_digit()) {
                let time = format!(
                    "{}-{}-{}T{}:{}:{}",
                    &d[0..4],
                    &d[4..6],
                    &d[6..8],
                    &d[8..10],
                    &d[10..12],
                    &d[12..14]
                );
                if crate::asof::parse_time(&time).is_some() {
                    collected = true;
                    r.push(
                        Fact::Collected { time },
                        Provenance::line(file, *num, READER),
                    );
                }
            }
        }
    }
    let unplaced = several_unplaced(r, c);
    // The clues around the output (crate::clue): a name when nothing above gave one, the
    // output of `-ComputerName X`, a chat's named blocks.
    let mut found = crate::clue::read(file, c, r, cat, &marks);
    // The clues read inside output no machine is given (a role the output shows) are nobody's.
    if !unplaced.is_empty() {
        r.observations
            .retain(|o| !o.from.line.is_some_and(|l| in_ranges(&unplaced, l)));
        r.placed.retain(|n| !in_ranges(&unplaced, *n));
    }
    if found.sections.iter().any(|s| is_anonymous(&s.1)) {
        // Sections of machines the text does not name: one machine alone is no split.
        let mut keys: Vec<&str> = found.sections.iter().map(|s| s.1.as_str()).collect();
        keys.sort_unstable();
        keys.dedup();
        // A banner's named machine (`--- VM X ---` after `--- Host ---`) is another one.
        if keys.len() < 2 && keys.iter().all(|k| is_anonymous(k)) && marks.is_empty() {
            found.sections.clear();
        }
    }
    if marks.is_empty() {
        if let Some(m) = found.name {
            marks.push(m);
        }
    }
    if !found.sections.is_empty() {
        let named: Vec<&String> = found
            .sections
            .iter()
            .map(|s| &s.1)
            .filter(|n| !n.is_empty() && !is_anonymous(n))
            .collect();
        let mut distinct = named.clone();
        distinct.sort_unstable();
        distinct.dedup();
        // Is every fact of the input inside the named sections? Then the input is that one
        // machine's output.
        let section_of = |line: u64| {
            let k = found.sections.partition_point(|s| s.0 <= line);
            k.checked_sub(1).map(|k| found.sections[k].1.as_str())
        };
        let outside = r.observations.iter().any(|o| {
            !matches!(o.fact, Fact::RoleClue { .. })
                && o.from
                    .line
                    .is_some_and(|l| section_of(l).is_none_or(str::is_empty))
        });
        let anonymous = found.sections.iter().any(|s| is_anonymous(&s.1));
        if distinct.len() == 1 && !outside && marks.is_empty() && !anonymous {
            if let Some(s) = found.sections.iter().find(|s| !s.1.is_empty()) {
                marks.push(s.clone());
            }
        } else {
            let before_first = found.sections.first().map_or(0, |s| s.0);
            let own_facts = r.observations.iter().any(|o| {
                !matches!(o.fact, Fact::RoleClue { .. })
                    && o.from.line.is_some_and(|l| l < before_first)
            });
            if marks.is_empty()
                && own_facts
                && found.sections.first().is_some_and(|s| !s.1.is_empty())
            {
                // Facts before the first named block are the input's own machine's.
                marks.push((1, String::new()));
            }
            marks.extend(found.sections);
            marks.sort_by_key(|m| m.0);
        }
    }
    // The transcript's own markers name a machine as a fact; the objects' `PSComputerName`
    // (the readers' `sections`) gave theirs already.
    let mut seen: Vec<String> = Vec::new();
    for (line, name) in &marks {
        if !name.is_empty() && !is_anonymous(name) && !seen.contains(name) {
            seen.push(name.clone());
            r.push(
                Fact::ComputerName { name: name.clone() },
                Provenance::line(file, *line, READER),
            );
        }
    }
    let from_objects = std::mem::take(&mut r.sections);
    if !from_objects.is_empty() {
        marks.extend(from_objects);
        marks.sort_by_key(|m| m.0);
    }
    marks.dedup_by(|b, a| a.1 == b.1);
    let mut names: Vec<&str> = marks.iter().map(|m| m.1.as_str()).collect();
    names.sort_unstable();
    names.dedup();
    if names.len() >= 2 {
        // A section named "" (the input's own machine, after a typed table) is no name.
        let named: Vec<&str> = names
            .iter()
            .filter(|n| !n.is_empty() && !is_anonymous(n))
            .copied()
            .collect();
        r.note(
            marks.first().map(|m| m.0),
            if named.is_empty() {
                Msg::new("reader-several-machines-unnamed")
            } else {
                Msg::new("reader-several-machines").arg("names", named.join(", "))
            },
        );
        r.sections = marks;
    } else {
        uncertain_parts(lines, c, r);
    }
    unplaced
}

/// Is `line` inside one of `ranges` (sorted, apart: `[start, end)`)? A binary search.
fn in_ranges(ranges: &[(u64, u64)], line: u64) -> bool {
    let k = ranges.partition_point(|u| u.0 <= line);
    k.checked_sub(1)
        .and_then(|k| ranges.get(k))
        .is_some_and(|u| line < u.1)
}

/// The output of one remoting command run on several computers (`Invoke-Command -ComputerName
/// A,B { ... }`, `(Get-ClusterNode)`, `$nodes`: [`crate::clue::several_remote_blocks`]) whose
/// objects do not say whose they are (no `PSComputerName`): it is one of those machines', but
/// not of a known one, and never the input's own. Its facts are left out (a Standard node's
/// licence is not given to its Datacenter sibling), its lines shown as lines that could not be
/// placed, and a note says the file holds several machines. Output whose objects carry
/// `PSComputerName` (the readers' `sections`) places itself and is kept. Linear in the
/// observations (a binary search per observation over the blocks).
fn several_unplaced(r: &mut ReadResult, c: &Cleaned) -> Vec<(u64, u64)> {
    let mut marked: Vec<u64> = r.sections.iter().map(|s| s.0).collect();
    marked.sort_unstable();
    let blocks: Vec<(u64, u64, String)> = crate::clue::several_remote_blocks(c)
        .into_iter()
        .filter(|(start, end, _)| {
            let k = marked.partition_point(|m| m < start);
            marked.get(k).is_none_or(|m| m >= end)
        })
        .collect();
    let ranges: Vec<(u64, u64)> = blocks.iter().map(|b| (b.0, b.1)).collect();
    let mut used = vec![false; blocks.len()];
    r.observations.retain(|o| {
        let Some(l) = o.from.line.filter(|l| in_ranges(&ranges, *l)) else {
            return true;
        };
        let k = ranges.partition_point(|u| u.0 <= l).saturating_sub(1);
        if let Some(u) = used.get_mut(k) {
            *u = true;
        }
        false
    });
    r.placed.retain(|n| !in_ranges(&ranges, *n));
    let mut out = Vec::new();
    for ((start, end, names), used) in blocks.into_iter().zip(used) {
        if !used {
            continue;
        }
        r.note(
            Some(start),
            if names.is_empty() {
                Msg::new("reader-several-machines-unnamed")
            } else {
                Msg::new("reader-several-machines").arg("names", names)
            },
        );
        out.push((start, end));
    }
    out
}

/// A line that only separates two outputs: `---`, `====`, `***` (three or more of one such
/// character, nothing else).
fn is_separator(t: &str) -> bool {
    let t = t.trim();
    t.len() >= 3
        && t.chars().next().is_some_and(|f| {
            matches!(f, '-' | '=' | '*' | '_' | '~' | '#') && t.chars().all(|c| c == f)
        })
}

/// Outputs separated by a `---` line where the one after names another product or another
/// computer than the one before: maybe another machine's, but nothing says so for certain. The
/// boundaries go to the result's `parts` (the model then does not compare the facts across
/// them as one machine's) and a note says it once. Linear: one pass over the lines, one over
/// the observations (sorted by line).
fn uncertain_parts(lines: &[String], c: &Cleaned, r: &mut ReadResult) {
    let mut seps: Vec<u64> = c
        .lines
        .iter()
        .zip(&c.numbers)
        .filter(|(l, _)| is_separator(l))
        .map(|(_, n)| *n)
        .collect();
    // A mail's quoted part (`> ` lines) after its own text, or its own text after the quote:
    // another mail, maybe another machine's output.
    let mut quoted: Option<bool> = None;
    for n in &c.numbers {
        let raw = lines.get(*n as usize - 1).map_or("", String::as_str).trim();
        if raw.is_empty() {
            continue;
        }
        let q = raw.starts_with('>') && !raw.starts_with(">>");
        if quoted.is_some_and(|p| p != q) {
            seps.push(*n);
        }
        quoted = Some(q);
    }
    seps.sort_unstable();
    seps.dedup();
    if seps.is_empty() {
        return;
    }
    // What each block between separators names: products' editions and computer names.
    let mut blocks: Vec<Vec<String>> = vec![Vec::new(); seps.len() + 1];
    for o in &r.observations {
        let Some(line) = o.from.line else { continue };
        let k = seps.partition_point(|s| *s < line);
        let id = match &o.fact {
            Fact::Product(p) => p.edition.as_ref().map(|e| format!("e:{e}")),
            Fact::ComputerName { name } => Some(format!("n:{}", name.to_ascii_uppercase())),
            _ => None,
        };
        if let (Some(id), Some(b)) = (id, blocks.get_mut(k)) {
            if !b.contains(&id) && b.len() < 16 {
                b.push(id);
            }
        }
    }
    let mut last: Option<usize> = None;
    let mut parts = Vec::new();
    for (k, b) in blocks.iter().enumerate() {
        if b.is_empty() {
            continue;
        }
        if let Some(prev) = last.and_then(|p| blocks.get(p)) {
            let differs = |kind: &str| {
                let of = |v: &Vec<String>| -> Vec<String> {
                    v.iter().filter(|x| x.starts_with(kind)).cloned().collect()
                };
                let (a, z) = (of(prev), of(b));
                !a.is_empty() && !z.is_empty() && !a.iter().any(|x| z.contains(x))
            };
            if differs("e:") || differs("n:") {
                if let Some(s) = seps.get(k - 1) {
                    parts.push(*s);
                }
            }
        }
        last = Some(k);
    }
    if let Some(first) = parts.first() {
        r.note(
            Some(*first),
            Msg::new("reader-maybe-several-machines").arg("line", *first as i64),
        );
        r.parts = parts;
    }
}

/// A guest's own integration services (`Get-Service vmickvpexchange`, the `vmic*` services that
/// run inside a VM) in a paste that also holds a Hyper-V host's output about exactly one VM: the
/// service's state is that VM's, not the host's. The `Get-Service` command (its prompt) starts
/// the VM's section, the next other command ends it; the host keeps the rest under the input's
/// own name (a section named ""). A note says so. Linear in the lines.
fn guest_services(c: &Cleaned, r: &mut ReadResult) {
    let mut vms: Vec<&str> = Vec::new();
    let mut guest_lines: Vec<u64> = Vec::new();
    for o in &r.observations {
        let vm = match &o.fact {
            Fact::IntegrationService(s) => s.vm.as_deref(),
            Fact::Vm { name, .. } => Some(name.as_str()),
            Fact::Service { name, .. } if name.to_ascii_lowercase().starts_with("vmic") => {
                guest_lines.extend(o.from.line);
                None
            }
            _ => None,
        };
        if let Some(v) = vm.filter(|v| !vms.iter().any(|x| x.eq_ignore_ascii_case(v))) {
            vms.push(v);
        }
    }
    let ([vm], false) = (vms.as_slice(), guest_lines.is_empty()) else {
        return;
    };
    // The prompts and their commands, in order.
    let prompts: Vec<(u64, &str)> = c
        .commands
        .iter()
        .zip(&c.numbers)
        .filter_map(|(cmd, n)| cmd.as_deref().map(|cmd| (*n, cmd)))
        .collect();
    let mut sections: Vec<(u64, String)> = vec![(1, String::new())];
    for line in guest_lines {
        let k = prompts.partition_point(|p| p.0 < line);
        let Some(&(at, cmd)) = k.checked_sub(1).and_then(|k| prompts.get(k)) else {
            continue;
        };
        if !cmd.to_ascii_lowercase().contains("get-service") || sections.iter().any(|s| s.0 == at) {
            continue;
        }
        sections.push((at, vm.to_string()));
        if let Some(&(end, _)) = prompts.get(k) {
            sections.push((end, String::new()));
        }
    }
    if sections.len() < 2 {
        return;
    }
    sections.sort_by_key(|s| s.0);
    r.note(
        sections.get(1).map(|s| s.0),
        Msg::new("reader-guest-service-section").arg("vm", vm.to_string()),
    );
    r.sections = sections;
}

/// The first line with content, and its index.
fn first_content(c: &Cleaned) -> Option<(usize, &str)> {
    c.lines
        .iter()
        .map(|l| l.trim_start_matches('\u{feff}').trim_start())
        .enumerate()
        .find(|(_, l)| !l.is_empty())
}

/// Map the line numbers a reader gave (1-based lines of a text whose line `i` is input line
/// `numbers[i]`) to input lines.
fn remap(r: &mut ReadResult, numbers: &[u64]) {
    let map = |l: u64| numbers.get(l as usize - 1).copied().unwrap_or(l);
    for o in &mut r.observations {
        if let Some(l) = o.from.line.filter(|l| *l >= 1) {
            o.from.line = Some(map(l));
        }
    }
    for n in r.problems.iter_mut().chain(r.notes.iter_mut()) {
        if let Some(l) = n.line.filter(|l| *l >= 1) {
            n.line = Some(map(l));
        }
    }
    for p in &mut r.placed {
        if *p >= 1 {
            *p = map(*p);
        }
    }
}

/// How many places a JSON document may be tried at when other output comes before it (each try
/// reads on from its line, so the number of tries bounds the time).
const JSON_TRIES: usize = 8;

/// One pass over the whole cleaned text, counting what each kind of document looks like and
/// where an event XML or JSON document may start, so that one is found after any amount of
/// other output (a transcript, another command's output). Linear in the text; no allocation.
#[derive(Default)]
struct Scan {
    /// The first line that opens an event XML document (`<?xml`, `<Events`, `<Event`).
    xml_start: Option<usize>,
    /// Lines that hold an `<Event` element.
    events: usize,
    /// Lines that may open a JSON document (`{`, `[`, `[{`, `{"`...), the first few.
    json_starts: [usize; JSON_TRIES],
    json_n: usize,
}

impl Scan {
    fn of(lines: &[String]) -> Scan {
        let mut s = Scan::default();
        for (i, l) in lines.iter().enumerate() {
            let t = l.trim_start_matches('\u{feff}').trim();
            if t.is_empty() {
                continue;
            }
            let opens_event = |t: &str| {
                t.strip_prefix("<Event")
                    .is_some_and(|r| r.is_empty() || r.starts_with([' ', '>', 's']))
            };
            if s.xml_start.is_none() && (t.starts_with("<?xml") || opens_event(t)) {
                s.xml_start = Some(i);
            }
            if t.contains("<Event ") || t.contains("<Event>") {
                s.events += 1;
            }
            if s.json_n < JSON_TRIES && opens_json(t) {
                s.json_starts[s.json_n] = i;
                s.json_n += 1;
            }
        }
        s
    }
    fn json_starts(&self) -> &[usize] {
        &self.json_starts[..self.json_n]
    }
}

/// A line that may open a JSON document: a lone `{` or `[`, or `{"`, `[{`, `["`, `[]`, `{}`.
fn opens_json(t: &str) -> bool {
    matches!(t, "{" | "[" | "[]" | "{}")
        || ["{\"", "[{", "[\"", "[ {", "{ \""]
            .iter()
            .any(|p| t.starts_with(p))
}

/// A first line that may start a JSON document: `{...`, or `[` followed by a value (`[`, `{`, a
/// string, `]`, a number followed by `,` or `]`, `true`/`false`/`null`) or nothing. A bracketed
/// tag (`[10:42] tanaka:`, `[INFO] ...`, `[C:\x]$`) is not: it never sends the text to the JSON
/// reader.
fn may_open_json(t: &str) -> bool {
    if t.starts_with('{') {
        return true;
    }
    let Some(rest) = t.strip_prefix('[').map(str::trim_start) else {
        return false;
    };
    match rest.chars().next() {
        None | Some('[' | '{' | '"' | ']') => true,
        Some(c) if c.is_ascii_digit() || c == '-' => {
            let after = rest.trim_start_matches(|c: char| {
                c.is_ascii_digit() || matches!(c, '-' | '+' | '.' | 'e' | 'E')
            });
            after.trim_start().is_empty() || after.trim_start().starts_with([',', ']'])
        }
        _ => ["true", "false", "null"]
            .iter()
            .any(|w| rest.starts_with(w)),
    }
}

/// The lines of the JSON document (or JSON Lines) that starts at line `at`: how many lines the
/// values that parse one after another take, when at least one does. `Err(true)` when the text
/// ends inside the first value (every later line is inside it).
fn json_extent(lines: &[String], at: usize) -> Result<usize, bool> {
    let text = lines.get(at..).ok_or(false)?.join("\n");
    let mut values = serde_json::Deserializer::from_str(&text).into_iter::<serde::de::IgnoredAny>();
    let mut end = 0;
    loop {
        match values.next() {
            Some(Ok(_)) => end = values.byte_offset(),
            Some(Err(e)) if end == 0 => return Err(e.is_eof()),
            _ => break,
        }
    }
    if end == 0 {
        return Err(false);
    }
    let upto = text.as_bytes().get(..end).ok_or(false)?;
    Ok(memchr::memchr_iter(b'\n', upto).count() + 1)
}

/// The cleaned text with the lines of `range` blanked (a document read on its own), for the text
/// readers to read what is around it.
fn without(c: &Cleaned, range: impl IntoIterator<Item = usize>) -> Cleaned {
    let mut lines = c.lines.clone();
    let mut commands = c.commands.clone();
    for i in range {
        if let Some(l) = lines.get_mut(i) {
            l.clear();
        }
        if let Some(cmd) = commands.get_mut(i) {
            *cmd = None;
        }
    }
    Cleaned {
        lines,
        numbers: c.numbers.clone(),
        commands,
        noise: c.noise,
        rejoined: c.rejoined,
        stamps: c.stamps.clone(),
    }
}

/// A document read on its own after other output, merged with what the text readers find around
/// it; its lines count as understood.
fn with_around(
    file: &str,
    mut doc: ReadResult,
    c: &Cleaned,
    range: std::ops::Range<usize>,
    cat: &Catalog,
) -> ReadResult {
    // Event XML is read from its first line to the end: only its markup is the document's, the
    // text between its events (Event Viewer's copy of the next event before its `Event Xml:`)
    // is read by the text readers.
    let lines: Vec<usize> = if doc.kind == ArtifactKind::EventXml {
        markup_lines(&c.lines, range)
    } else {
        range.collect()
    };
    doc.placed.extend(
        lines
            .iter()
            .filter(|&&i| c.lines.get(i).is_some_and(|l| !l.trim().is_empty()))
            .filter_map(|&i| c.numbers.get(i).copied()),
    );
    let mut parts = vec![doc];
    parts.extend(text_readers(file, &without(c, lines), cat));
    one_record_copies(&mut parts, c);
    merge(parts)
}

/// The lines of `range` that are event XML: an `<Event` element from its opening line to the line
/// that closes it, and any other line that starts with markup. Linear.
fn markup_lines(lines: &[String], range: std::ops::Range<usize>) -> Vec<usize> {
    let mut out = Vec::new();
    let mut inside = false;
    for i in range {
        let Some(t) = lines.get(i).map(|l| l.trim()) else {
            break;
        };
        if t.starts_with("<Event") && !t.starts_with("<Events") {
            inside = true;
        }
        if inside || t.starts_with('<') {
            out.push(i);
        }
        if t.contains("</Event>") {
            inside = false;
        }
    }
    out
}

/// Event Viewer's "Copy details as text" ends with its own `Event Xml:` block: the event copied as
/// text and the first event of the XML after that line are one record, not two. The text's
/// event is dropped; what only it carries (its localized level, its description and what the
/// description names) goes onto the XML's record. `parts[0]` is the XML document's result.
/// Linear in the lines and events.
fn one_record_copies(parts: &mut [ReadResult], c: &Cleaned) {
    let markers: Vec<u64> = c
        .lines
        .iter()
        .zip(&c.numbers)
        .filter(|(l, _)| crate::eventtext::is_xml_marker(l))
        .map(|(_, n)| *n)
        .collect();
    let Some((doc, rest)) = parts.split_first_mut() else {
        return;
    };
    if markers.is_empty() || doc.kind != ArtifactKind::EventXml {
        return;
    }
    // The XML's events by line, in order.
    let xml: Vec<(usize, u64)> = doc
        .observations
        .iter()
        .enumerate()
        .filter(|(_, o)| matches!(o.fact, Fact::Event(_)))
        .filter_map(|(i, o)| o.from.line.map(|l| (i, l)))
        .collect();
    for part in rest
        .iter_mut()
        .filter(|p| p.kind == ArtifactKind::EventText)
    {
        let starts: Vec<u64> = part
            .observations
            .iter()
            .filter(|o| matches!(o.fact, Fact::Event(_)))
            .filter_map(|o| o.from.line)
            .collect();
        let mut used: Vec<usize> = Vec::new();
        let mut drop: Vec<usize> = Vec::new();
        for (k, o) in part.observations.iter().enumerate() {
            let (Fact::Event(text), Some(at)) = (&o.fact, o.from.line) else {
                continue;
            };
            // The marker after this copy, with no other copy between them.
            let Some(&m) = markers.iter().find(|&&m| m > at) else {
                continue;
            };
            if starts.iter().any(|&s| s > at && s < m) {
                continue;
            }
            // The first XML event after the marker, before any later copy.
            let next_copy = starts.iter().copied().filter(|&s| s > m).min();
            let Some(&(xi, _)) = xml
                .iter()
                .find(|(_, l)| *l > m && next_copy.is_none_or(|n| *l < n))
            else {
                continue;
            };
            if used.contains(&xi) {
                continue;
            }
            let Some(Fact::Event(rec)) = doc.observations.get_mut(xi).map(|o| &mut o.fact) else {
                continue;
            };
            if rec.event_id != text.event_id {
                continue;
            }
            rec.level_name = rec.level_name.take().or_else(|| text.level_name.clone());
            rec.message = rec.message.take().or_else(|| text.message.clone());
            rec.result = rec.result.or(text.result);
            rec.named_host = rec.named_host.take().or_else(|| text.named_host.clone());
            rec.named_guest = rec.named_guest.take().or_else(|| text.named_guest.clone());
            for h in &text.hresults {
                if !rec.hresults.contains(h) {
                    rec.hresults.push(*h);
                }
            }
            used.push(xi);
            drop.push(k);
        }
        let mut k = 0usize;
        part.observations.retain(|_| {
            k += 1;
            !drop.contains(&(k - 1))
        });
    }
}

/// Read the cleaned text; `true` when it was one JSON or XML document from its first line (then
/// every line of it counts as understood).
fn read_cleaned(file: &str, c: &Cleaned, cat: &Catalog) -> (ReadResult, bool) {
    let first = first_content(c);
    let start = first.map_or("", |f| f.1);
    let first_at = first.map(|f| f.0);
    let scan = Scan::of(&c.lines);
    // Event XML: the text starts with markup and holds events.
    if start.starts_with('<') && scan.events > 0 {
        let text = c.lines.join("\n");
        return (eventxml::read_at(file, &text, &c.numbers), true);
    }
    // Event XML after other output: read from its first line on.
    if let Some(at) = scan.xml_start.filter(|_| scan.events > 0) {
        let text = c.lines[at..].join("\n");
        let r = eventxml::read_at(file, &text, &c.numbers[at..]);
        if !r.observations.is_empty() {
            return (with_around(file, r, c, at..c.lines.len(), cat), false);
        }
    }
    // JSON (ConvertTo-Json, converters' JSON, JSON Lines). A prompt's `[` was removed with the
    // prompt; text that starts with `[` but is no JSON goes on to the text readers.
    let mut json: Option<ReadResult> = None;
    if may_open_json(start) {
        let text = c.lines.join("\n");
        let mut r = powershell::read_json(file, &text, cat);
        remap(&mut r, &c.numbers);
        if !r.observations.is_empty() {
            return (r, true);
        }
        json = Some(r);
    }
    // JSON after other output: the document that parses from one of its possible first lines
    // (lines inside a document tried already are not tried again).
    // A text that starts as JSON and ends inside it is that one broken document.
    let broken = json.is_some() && first_at.is_some_and(|a| json_extent(&c.lines, a) == Err(true));
    let mut tried_to = first_at.filter(|_| json.is_some()).map_or(0, |a| a + 1);
    for &at in scan.json_starts().iter().filter(|_| !broken) {
        if at < tried_to {
            continue;
        }
        let n = match json_extent(&c.lines, at) {
            Ok(n) => n,
            Err(true) => break,
            Err(false) => continue,
        };
        let end = (at + n).min(c.lines.len());
        tried_to = end;
        let text = c.lines[at..end].join("\n");
        let mut r = powershell::read_json(file, &text, cat);
        remap(&mut r, &c.numbers[at..end]);
        if !r.observations.is_empty() {
            return (with_around(file, r, c, at..end, cat), false);
        }
    }
    let useful = text_readers(file, c, cat);
    if useful.is_empty() {
        if let Some(j) = json {
            return (j, false);
        }
        if let Some(r) = free_text_errors(file, c) {
            return (r, false);
        }
        let mut r = ReadResult::new(file, ArtifactKind::Unknown);
        r.problem(None, Msg::new("reader-not-recognized"));
        return (r, false);
    }
    (merge(useful), false)
}

/// Text no reader recognizes (a chat, a ticket's prose) that quotes an error code
/// (`エラー: 0xC004FD02 ...`, `got 0x80070005 again`): each HRESULT is an error fact, the rest of
/// the text is not placed. Only failure codes (the severity bit set) count. None when there is
/// none.
fn free_text_errors(file: &str, c: &Cleaned) -> Option<ReadResult> {
    let mut r = ReadResult::new(file, ArtifactKind::Unknown);
    for (l, n) in c.lines.iter().zip(&c.numbers) {
        if !l.contains("0x") && !l.contains("0X") {
            continue;
        }
        let mut codes = crate::util::hresults(l);
        // A line that quotes its code twice (`Error: 0xC004F069 ... run 'slui.exe 0x2a
        // 0xC004F069'`) says one error.
        codes.dedup();
        let mut seen: Vec<u32> = Vec::new();
        for code in codes {
            if seen.contains(&code) {
                continue;
            }
            seen.push(code);
            if code >= 0x8000_0000 {
                let text: String = l.trim().chars().take(200).collect();
                r.push(
                    Fact::Error {
                        code,
                        tool: "text",
                        text,
                    },
                    Provenance::line(file, *n, "text"),
                );
                r.placed.push(*n);
            }
        }
    }
    if r.observations.is_empty() {
        return None;
    }
    r.readable = true;
    r.language = crate::util::language_of(c.lines.iter().map(String::as_str));
    Some(r)
}

/// Every text reader that recognizes part of the text, and what each found (those that found
/// nothing and noted nothing left out).
fn text_readers(file: &str, c: &Cleaned, cat: &Catalog) -> Vec<ReadResult> {
    let plain = &c.lines;
    let mut parts: Vec<ReadResult> = Vec::new();
    if dism::looks_like(plain) || c.commands.iter().flatten().any(|l| is_dism_command(l)) {
        parts.push(dism::read_at(file, &c.with_commands(), &c.numbers, cat));
    }
    if slmgr::looks_like(plain) {
        parts.push(slmgr::read_at(file, plain, &c.numbers, cat));
    }
    if powershell::looks_like_format_list(plain) {
        parts.push(powershell::read_format_list_at(
            file, plain, &c.numbers, cat,
        ));
    }
    // Get-WinEvent's table view is read by its own reader: when it finds events, the generic
    // table reader's reading of the same rows (cells it cannot place) is dropped.
    let events_table =
        eventtable::looks_like(plain).then(|| eventtable::read_at(file, plain, &c.numbers));
    let events_found = events_table
        .as_ref()
        .is_some_and(|r| !r.observations.is_empty());
    if table::looks_like(plain) && !events_found {
        parts.push(table::read_at(file, plain, &c.numbers, cat));
    }
    if systeminfo::looks_like(plain) {
        parts.push(systeminfo::read_at(file, plain, &c.numbers, cat));
    }
    if csvexport::looks_like(plain) {
        parts.push(csvexport::read_at(file, plain, &c.numbers, cat));
    }
    if crate::wmic::looks_like(plain, &c.commands) {
        parts.push(crate::wmic::read_at(
            file,
            plain,
            &c.numbers,
            &c.commands,
            cat,
        ));
    }
    if pserror::looks_like(plain) {
        parts.push(pserror::read_at(file, plain, &c.numbers, cat));
    }
    if eventtext::looks_like(plain) {
        parts.push(eventtext::read_with_commands(
            file,
            plain,
            &c.numbers,
            &c.commands,
        ));
    }
    parts.extend(events_table);
    // `ver`'s line, an OS caption or EditionID property printed alone after its command.
    parts.push(crate::osversion::read_plain(file, c, cat));
    // A licensing object listed with Format-List is one product: slmgr's reading of the same
    // lines (it also sees "Windows(R), X edition") is dropped.
    let fl_products = parts.iter().any(|p| {
        matches!(p.kind, ArtifactKind::FormatList | ArtifactKind::Csv)
            && p.observations
                .iter()
                .any(|o| matches!(o.fact, Fact::Product(_)))
    });
    if fl_products {
        // Only the same lines: slmgr's output elsewhere in the paste (a guest's `/dli` quoted
        // below a host's licence object) is another licence.
        let fl_lines: std::collections::HashSet<u64> = parts
            .iter()
            .filter(|p| matches!(p.kind, ArtifactKind::FormatList | ArtifactKind::Csv))
            .flat_map(|p| {
                p.placed
                    .iter()
                    .copied()
                    .chain(p.observations.iter().filter_map(|o| o.from.line))
            })
            .collect();
        for p in parts.iter_mut().filter(|p| p.kind == ArtifactKind::Slmgr) {
            let own = |l: Option<u64>| l.is_some_and(|l| !fl_lines.contains(&l));
            let keep = p
                .observations
                .iter()
                .any(|o| matches!(o.fact, Fact::Product(_)) && own(o.from.line));
            if keep {
                p.observations.retain(|o| own(o.from.line));
                p.placed.retain(|l| !fl_lines.contains(l));
                p.notes.clear();
            } else {
                p.observations.clear();
                p.notes.clear();
            }
        }
        parts.retain(|p| p.kind != ArtifactKind::Slmgr || !p.observations.is_empty());
    }
    parts
        .into_iter()
        .filter(|p| !p.observations.is_empty() || !p.notes.is_empty())
        .collect()
}

/// One result from several readers' (at least one): the kind is that of the reader that found
/// the most.
fn merge(mut useful: Vec<ReadResult>) -> ReadResult {
    useful.sort_by_key(|p| std::cmp::Reverse(p.observations.len()));
    let mut first = useful.remove(0);
    for mut other in useful {
        first.observations.append(&mut other.observations);
        first.notes.append(&mut other.notes);
        first.placed.append(&mut other.placed);
        first.sections.append(&mut other.sections);
        first
            .problems
            .retain(|p| !NOTHING_FOUND.contains(&p.message.id));
        if first.language.is_none_or(|l| l == "unknown") {
            first.language = other.language;
        }
    }
    first.observations.sort_by(|a, b| a.from.cmp(&b.from));
    first
}

fn is_dism_command(l: &str) -> bool {
    let l = l.to_ascii_lowercase();
    l.contains("dism") && (l.contains("edition") || l.contains("/online"))
}

/// The lines' counts; `unplaced` are ranges of output no machine could be given
/// ([`several_unplaced`]): their lines are shown even when other lines were read.
fn stats(
    c: &Cleaned,
    r: &ReadResult,
    whole: bool,
    total: u64,
    cat: &Catalog,
    unplaced: &[(u64, u64)],
) -> LineStats {
    let mut placed = r.placed.clone();
    placed.extend(r.observations.iter().filter_map(|o| o.from.line));
    placed.sort_unstable();
    placed.dedup();
    let mut s = LineStats {
        total,
        noise: c.noise,
        ..Default::default()
    };
    // A JSON or XML document that was read from its first line is understood as a whole.
    let whole = whole && !r.observations.is_empty();
    for (l, &n) in c.lines.iter().zip(&c.numbers) {
        if l.trim().is_empty() {
            continue;
        }
        if whole || placed.binary_search(&n).is_ok() {
            s.understood += 1;
        } else {
            s.skipped += 1;
            let nobody = in_ranges(unplaced, n);
            if (r.observations.is_empty() || nobody) && s.unplaced.len() < UNPLACED_SHOWN {
                let mut text: String = l.trim().chars().take(160).collect();
                text = avma_core::key::redact_text(&text, cat);
                s.unplaced.push(UnplacedLine { line: n, text });
            }
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bracketed_tag_is_no_json() {
        for t in [
            "{",
            "[",
            "[{\"a\": 1}]",
            "[1, 2]",
            "[-1]",
            "[]",
            "[[[",
            "[ \"x\"]",
            "[true]",
        ] {
            assert!(may_open_json(t), "{t}");
        }
        for t in [
            "[10:42] tanaka: Name: Windows(R), X edition",
            "[INFO] started",
            "[C:\\Tools]$ slmgr /dli",
            "[2:31 PM] <okafor> 0xC004F074",
        ] {
            assert!(!may_open_json(t), "{t}");
        }
    }

    #[test]
    fn separators() {
        assert!(is_separator("---") && is_separator("  ==========") && is_separator("***"));
        assert!(!is_separator("--") && !is_separator("-=-") && !is_separator("--- x ---"));
    }
}
