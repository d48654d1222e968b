//! Transcript noise around pasted output, removed before the readers see the text: prompts
//! (`PS C:\Users\x>`, `C:\>`, `[C:\Program Files\...]$`, `admin@host:~$`) with the command they
//! ran, per-line timestamps and log prefixes (`2019/04/15 10:22:31 GCEMetadataScripts: `), Event
//! Viewer's copy markers (`- <Event ...>`, `+ <EventData>`), `|` and box-drawing borders, `> `
//! quoting, and console hard wraps at 80 or 120 columns.
//!
//! Every decision is taken over the whole text (a prefix is stripped when most lines carry it), and
//! each cleaned line keeps the number of the line it came from. One pass per step: linear in the
//! input.

use std::sync::OnceLock;

use regex::Regex;
use unicode_width::UnicodeWidthStr;

fn re(cell: &'static OnceLock<Regex>, pat: &str) -> &'static Regex {
    cell.get_or_init(|| Regex::new(pat).expect("static pattern"))
}

/// A text with its noise removed.
#[derive(Debug, Default, Clone)]
pub struct Cleaned {
    /// The cleaned lines; a prompt line is blank here (it separates outputs).
    pub lines: Vec<String>,
    /// For each cleaned line, the 1-based number of the input line it starts on.
    pub numbers: Vec<u64>,
    /// For each cleaned line, the command typed at a prompt on it, if any.
    pub commands: Vec<Option<String>>,
    /// Lines recognized as noise (prompts, banners, borders, transcript headers).
    pub noise: u64,
    /// Lines that were the continuation of a hard-wrapped line.
    pub rejoined: u64,
    /// In a log whose lines are stamped: each stamped line's input line and its time (a civil
    /// time taken as UTC, as every console time is).
    pub stamps: Vec<(u64, jiff::Timestamp)>,
}

impl Cleaned {
    /// The lines with each prompt's command in place of the blank line (DISM takes its section
    /// from the command that was run).
    pub fn with_commands(&self) -> Vec<String> {
        self.lines
            .iter()
            .zip(&self.commands)
            .map(|(l, c)| c.clone().unwrap_or_else(|| l.clone()))
            .collect()
    }
}

/// The command typed at a prompt, when the line is a prompt.
pub fn prompt_command(line: &str) -> Option<&str> {
    static PS: OnceLock<Regex> = OnceLock::new();
    static CMD: OnceLock<Regex> = OnceLock::new();
    static BRACKET: OnceLock<Regex> = OnceLock::new();
    static UNIX: OnceLock<Regex> = OnceLock::new();
    static SESSION: OnceLock<Regex> = OnceLock::new();
    let t = line.trim_start();
    let pats = [
        re(&PS, r"^PS(?: [A-Za-z]:\\[^>]*| [A-Za-z]+:[^>]*)?>\s?(.*)$"),
        re(
            &SESSION,
            r"^\[[\w.-]{1,63}\]:? PS(?: [A-Za-z]:\\[^>]*| [A-Za-z]+:[^>]*)?>\s?(.*)$",
        ),
        re(&CMD, r"^[A-Za-z]:\\[^>:*?<|]*>\s?(.*)$"),
        re(&BRACKET, r"^\[[A-Za-z]:\\[^\]]*\][$#>]\s?(.*)$"),
        re(&UNIX, r"^[\w.-]+@[\w.-]+(?::[^$#\s]*)?[$#]\s?(.*)$"),
    ];
    for p in pats {
        if let Some(c) = p.captures(t) {
            return c.get(1).map(|m| m.as_str().trim_end());
        }
    }
    None
}

/// A machine a line names with certainty: a remote session's prompt (`[WEB01]: PS C:\\>`), a
/// banner (`=== HV-NODE1 ===`, `===== HOST: HV-NODE2 =====`, `#### guest VM01 ####`, `--- on
/// SRV-APP01 (guest) ---`, `*** HV02 ***`, `[HV01]` alone on its line), a PowerShell
/// transcript's `Machine: VM-APP07 (Microsoft Windows NT ...)`.
pub fn machine_marker(line: &str) -> Option<&str> {
    marker_with_role(line).map(|m| m.0)
}

/// [`machine_marker`], and the role a banner's words give its machine (`HOST:`, `guest`,
/// `(ゲスト)`): host or guest, and the word.
pub fn marker_with_role(line: &str) -> Option<(&str, Option<(bool, &str)>)> {
    static SESSION: OnceLock<Regex> = OnceLock::new();
    static TRANSCRIPT: OnceLock<Regex> = OnceLock::new();
    let mut t = line.trim();
    // A chat's speaker before the marker (`14:01 < mkoval> [HV-KRK-1] PS C:\> ...`).
    if let Some(len) = chat_prefix(t) {
        t = t.get(len..).unwrap_or("").trim();
    }
    // Cheap shape checks first, so that ordinary lines never reach (nor compile) a regex: the
    // memory of a long table paste stays that of its rows (tests/table_memory.rs). A banner
    // starts with three of `=`, `-`, `#`, `*`, `~` and is at most six words, a session prompt
    // starts with `[`, a transcript line with `Machine: `.
    if let Some(b) = banner(t) {
        return Some(b);
    }
    if !t.starts_with('[') && !t.starts_with("Machine: ") {
        return None;
    }
    let pats = [
        re(&SESSION, r"^\[([A-Za-z0-9][\w.-]{0,62})\]:? PS[ >]"),
        re(
            &TRANSCRIPT,
            r"^Machine: ([A-Za-z0-9][A-Za-z0-9.-]{0,62}) \(",
        ),
    ];
    pats.iter()
        .find_map(|p| p.captures(t).and_then(|c| c.get(1)))
        .map(|m| (m.as_str(), None))
}

/// A banner's role: host (true) or guest, and the word that says it.
type BannerRole<'a> = (bool, &'a str);

/// A banner line's name and role: a run of three or more `=`, `-`, `#`, `*` or `~` on both sides
/// of a short title (`===== HOST: HV-NODE2 =====`, `--- on SRV-APP01 (guest) ---`). The title holds
/// the name in a host name's shape, and only role words (`host`, `guest`, `VM`, `ホスト`,
/// `ゲスト`, `主机`, `虚拟机`, ...) and a preposition besides: `=== Step 2 ===`, `*** WARNING
/// ***`, `--- end of output ---`, `==== Windows Server 2022 ====` name nothing.
fn banner_parts(t: &str) -> Option<(Option<&str>, Option<BannerRole<'_>>)> {
    let first = t.chars().next()?;
    if !matches!(first, '=' | '-' | '#' | '*' | '~') {
        return None;
    }
    let run = |s: &str, from_end: bool| {
        let mut it: Box<dyn Iterator<Item = char>> = if from_end {
            Box::new(s.chars().rev())
        } else {
            Box::new(s.chars())
        };
        let c = it.next();
        let n = 1 + it.take_while(|x| Some(*x) == c).count();
        (c, n)
    };
    let (lead, nl) = run(t, false);
    let (trail, nt) = run(t, true);
    if nl < 3 || nt < 3 || lead != trail || nl + nt >= t.len() {
        return None;
    }
    let title = t.get(nl..t.len() - nt)?.trim();
    if title.split_whitespace().nth(6).is_some() {
        return None;
    }
    let mut name: Option<&str> = None;
    let mut role: Option<(bool, &str)> = None;
    // What a parenthesis after the name describes (`--- VM CONTAB01 (Windows Server 2022
    // Standard) ---`) names nothing: only a role word in it counts (`(guest)`).
    let mut depth = 0usize;
    let mut in_paren: Vec<bool> = Vec::new();
    let mut words: Vec<&str> = Vec::new();
    let mut start: Option<usize> = None;
    for (k, ch) in title
        .char_indices()
        .chain(std::iter::once((title.len(), ' ')))
    {
        let sep = ch.is_whitespace() || matches!(ch, ':' | '：' | '(' | ')' | '（' | '）' | ',');
        if sep {
            if let Some(b) = start.take() {
                words.push(&title[b..k]);
                in_paren.push(depth > 0);
            }
            match ch {
                '(' | '（' => depth += 1,
                ')' | '）' => depth = depth.saturating_sub(1),
                _ => {}
            }
        } else if start.is_none() {
            start = Some(k);
        }
    }
    for (w, inside) in words.into_iter().zip(in_paren) {
        if inside && crate::clue::role_word(w).is_none() {
            continue;
        }
        if let Some(h) = crate::clue::role_word(w) {
            if role.is_some_and(|r| r.0 != h) {
                return None;
            }
            role = Some((h, w));
        } else if BANNER_FILLERS.contains(&w.to_lowercase().as_str()) {
        } else if name.is_none() && crate::clue::is_machine_name(w, false) {
            name = Some(w);
        } else {
            return None;
        }
    }
    Some((name, role))
}

/// A banner line that names one machine (see [`banner_parts`]), or a name alone in brackets
/// (`[HV01]`, in upper case as admins write names).
fn banner(t: &str) -> Option<(&str, Option<(bool, &str)>)> {
    if let Some(inner) = t.strip_prefix('[').and_then(|x| x.strip_suffix(']')) {
        let n = inner.trim();
        let upper = !n.chars().any(|c| c.is_ascii_lowercase());
        return (upper && crate::clue::is_machine_name(n, true)).then_some((n, None));
    }
    let (name, role) = banner_parts(t)?;
    name.map(|n| (n, role))
}

/// A banner that names a role and no machine (`--- Host ---`, `===== GUEST =====`, `### VM
/// (Windows Server 2022 Standard) ###`): the output after it is a host's or a guest's, whose
/// name the text may give elsewhere. The role and its word.
pub(crate) fn role_banner(line: &str) -> Option<(bool, &str)> {
    match banner_parts(line.trim())? {
        (None, Some(r)) => Some(r),
        _ => None,
    }
}

/// Words a banner may hold besides a name and a role word: prepositions and articles
/// (`--- on SRV-APP01 (guest) ---`, `=== auf dem Host HV02 ===`) and the hypervisor's name.
const BANNER_FILLERS: &[&str] = &[
    "on",
    "from",
    "in",
    "inside",
    "the",
    "auf",
    "dem",
    "der",
    "von",
    "sur",
    "l'hôte",
    "dans",
    "la",
    "le",
    "en",
    "el",
    "su",
    "sull'host",
    "op",
    "de",
    "na",
    "hyper-v",
    "側",
    "上",
    "-",
    "–",
    "—",
    "|",
];

/// A host name as `hostname` prints it.
pub fn is_host_name(t: &str) -> bool {
    (1..=63).contains(&t.len())
        && t.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        && t.chars().any(|c| c.is_ascii_alphabetic())
        && !t.starts_with('-')
}

/// A timestamp at the start of a line, with the log source tag that may follow it. Returns the
/// length of the timestamp part and the tag (without its colon) if any.
fn timestamp_prefix(line: &str) -> Option<(usize, Option<(usize, &str)>)> {
    static TS: OnceLock<Regex> = OnceLock::new();
    static TAG: OnceLock<Regex> = OnceLock::new();
    let ts = re(
        &TS,
        r"^\[?\d{4}[-/.]\d{1,2}[-/.]\d{1,2}[ T]\d{1,2}:\d{2}:\d{2}(?:[.,]\d+)?(?:Z|[+-]\d{2}:?\d{2})?\]?(?: |$)",
    );
    let Some(m) = ts.find(line) else {
        return chat_prefix(line).map(|len| (len, None));
    };
    let rest = &line[m.end()..];
    // A log level may stand between the time and the logger's name (`INFO collector:`).
    let tag = re(
        &TAG,
        r"^((?:\[?(?:INFO|WARN|WARNING|ERROR|DEBUG|TRACE|VERBOSE|NOTICE|FATAL)\]?\s+)?[A-Za-z][\w.\-\[\]]{1,40}):(?:\s|$)",
    )
        .captures(rest)
        .and_then(|c| {
            let all = c.get(0)?;
            Some((all.end(), c.get(1)?.as_str()))
        });
    Some((m.end(), tag))
}

/// A chat log's line prefix: a bracketed time and the speaker (`[10:42] tanaka: `, `[10:42:05 AM]
/// <suzuki> `, `[10:42] Tanaka Taro: `), an IRC client's time and nick (`14:01 < mkoval> `,
/// `14:01:22 <@op> `) or a bare nick (`<mkoval> `). The length of the prefix, speaker included: a
/// chat line's speaker is never part of the output pasted after it.
fn chat_prefix(line: &str) -> Option<usize> {
    chat_prefix_of(line).map(|(len, _)| len)
}

/// [`chat_prefix`], and whether the prefix is a chat's beyond doubt (stripped even when few
/// lines carry one, as in a chat where people paste output between their messages): a nick in
/// angle brackets after a time, or a speaker of two or more words or in lower case after a
/// bracketed time. `[10:42] Error: ...` (one capitalized word, the shape of a label) and a bare
/// `<nick> ` count only when most lines carry them.
fn chat_prefix_of(line: &str) -> Option<(usize, bool)> {
    static BRACKET: OnceLock<Regex> = OnceLock::new();
    static IRC: OnceLock<Regex> = OnceLock::new();
    static NICK: OnceLock<Regex> = OnceLock::new();
    let first = line.chars().next()?;
    if let Some(len) = whatsapp_prefix(line) {
        return Some((len, true));
    }
    if first == '[' {
        let c = re(
            &BRACKET,
            r"^\[\d{1,2}:\d{2}(?::\d{2})?(?:\s?[AaPp]\.?[Mm]\.?)?\]\s+(?:(<[ @+%&~]?[^<>\s]{1,32}>)|([\w.\-]{1,32})((?: [\w.\-']{1,32}){0,2}):)(?: |$)",
        )
        .captures(line)?;
        let all = c.get(0)?;
        let strong = c.get(1).is_some()
            || c.get(3).is_some_and(|m| !m.as_str().is_empty())
            || c.get(2)
                .is_some_and(|m| m.as_str().starts_with(|ch: char| ch.is_lowercase()));
        return Some((all.end(), strong));
    }
    if first.is_ascii_digit() {
        // irssi, weechat, HexChat: `HH:MM < nick> `, `HH:MM:SS <@nick> `.
        return re(
            &IRC,
            r"^\d{1,2}:\d{2}(?::\d{2})?\s+<[ @+%&~]?[^<>\s]{1,32}>(?: |$)",
        )
        .find(line)
        .map(|m| (m.end(), true));
    }
    if first == '<' {
        return re(
            &NICK,
            r"^<[@+%&~]?[A-Za-z_\[\]\\^{}|`][\w\-\[\]\\^{}|`]{0,31}> ",
        )
        .find(line)
        .filter(|m| !line[m.end()..].trim().is_empty())
        .map(|m| (m.end(), false));
    }
    None
}

/// A WhatsApp export's message prefix, speaker included: the iPhone's `[12/03/26, 09:14:55]
/// Carlos: ` and Android's `12/3/26 9:14 - Carlos: ` (any day/month order, `.` `/` `-` between
/// them, a 12-hour clock with `AM`, `p. m.`, a narrow no-break space before it; a phone number
/// as the speaker). The date, the time and the separator together are a chat's beyond doubt; a
/// log's stamp (`2026-11-30 14:01:22 agent: `: the year first, seconds with no bracket and comma)
/// is none. Returns the prefix's length.
fn whatsapp_prefix(line: &str) -> Option<usize> {
    static IOS: OnceLock<Regex> = OnceLock::new();
    static ANDROID: OnceLock<Regex> = OnceLock::new();
    let first = line.chars().next()?;
    if !(first == '[' || first.is_ascii_digit()) || !line.contains(':') {
        return None;
    }
    // A date with the year last, then the time (12-hour clocks in any of WhatsApp's spellings),
    // then the speaker: one to four words, or a phone number.
    let m = if first == '[' {
        re(
            &IOS,
            r"^\[\d{1,2}[./-]\d{1,2}[./-](?:\d{4}|\d{2}),?[ \u{a0}]\d{1,2}:\d{2}(?::\d{2})?(?:[ \u{a0}\u{202f}]?[AaPp]\.?[ \u{a0}\u{202f}]?[Mm]\.?)?\][ \u{a0}]\u{200e}?(?:[\w.\-']{1,32}(?: [\w.\-']{1,32}){0,3}|\+\d[\d \-]{5,20}\d):(?: |$)",
        )
        .find(line)
    } else {
        re(
            &ANDROID,
            r"^\d{1,2}[./-]\d{1,2}[./-](?:\d{4}|\d{2}),?[ \u{a0}]\d{1,2}:\d{2}(?:[ \u{a0}\u{202f}]?[AaPp]\.?[ \u{a0}\u{202f}]?[Mm]\.?)? [-\u{2013}] \u{200e}?(?:[\w.\-']{1,32}(?: [\w.\-']{1,32}){0,3}|\+\d[\d \-]{5,20}\d):(?: |$)",
        )
        .find(line)
    };
    m.map(|m| m.end())
}

/// The speaker a chat prefix names, without its time, brackets and nick mode (`[09:41] Priya
/// Natarajan: ` → `priya natarajan`, `14:01 < mkoval> ` → `mkoval`).
fn speaker_of(prefix: &str) -> String {
    let t = prefix.trim();
    let t = match t.strip_prefix('[') {
        Some(r) => r.split_once(']').map_or(r, |(_, rest)| rest),
        None if t.starts_with(|c: char| c.is_ascii_digit()) => t
            .split_once(char::is_whitespace)
            .map_or("", |(_, rest)| rest),
        None => t,
    };
    t.trim()
        .trim_end_matches(':')
        .trim_matches(['<', '>', ' ', '@', '+', '%', '&', '~'])
        .to_lowercase()
}

/// A chat's prefix that is stripped whatever the other lines look like (see [`chat_prefix_of`]).
fn strong_chat_prefix(line: &str) -> Option<usize> {
    chat_prefix_of(line).and_then(|(len, strong)| strong.then_some(len))
}

/// A line a chat client writes around the messages, never output: IRC's `--- Log opened ...`,
/// `--- Day changed ...`, `-!- nick has joined`, and a Slack or Teams copy's message header
/// (`Marco Bellini  9:47 AM`, `mkoval 14:02`, `[9:47 AM] Marco Bellini`).
fn is_chat_header(t: &str) -> bool {
    static STATUS: OnceLock<Regex> = OnceLock::new();
    if t.starts_with("--- Log opened")
        || t.starts_with("--- Log closed")
        || t.starts_with("--- Day changed")
    {
        return true;
    }
    if t.contains("-!- ") && re(&STATUS, r"^(?:\d{1,2}:\d{2}(?::\d{2})?\s+)?-!- ").is_match(t) {
        return true;
    }
    // Cheap checks first: a header ends with a time or starts with a bracketed one.
    let ends_time = t.ends_with(|c: char| c.is_ascii_digit() || matches!(c, 'M' | 'm' | '.'));
    if !(ends_time || t.starts_with('[')) || t.len() > 80 {
        return false;
    }
    static TIME: OnceLock<Regex> = OnceLock::new();
    let time = re(&TIME, r"^\d{1,2}:\d{2}(\s?[AaPp]\.?[Mm]\.?)?$");
    // `[9:47 AM] Marco Bellini`: a bracketed time, then only a name.
    if let Some(rest) = t.strip_prefix('[') {
        return rest
            .split_once(']')
            .is_some_and(|(inner, name)| time.is_match(inner) && is_speaker(name.trim()));
    }
    // `Marco Bellini  9:47 AM`, `Joana Prates, 10:41 AM`, `mkoval  14:02`: a name, then the
    // time (with AM/PM, or after two spaces).
    static TAIL: OnceLock<Regex> = OnceLock::new();
    let Some(m) = re(&TAIL, r"\d{1,2}:\d{2}(?:\s?[AaPp]\.?[Mm]\.?)?$").find(t) else {
        return false;
    };
    let clock = m
        .as_str()
        .chars()
        .any(|c| matches!(c, 'A' | 'a' | 'P' | 'p'));
    // Discord's `Name — Today at 9:47 AM` / `Yesterday at`.
    let head = t[..m.start()].trim_end();
    if let Some(h) = head
        .strip_suffix(" Today at")
        .or_else(|| head.strip_suffix(" Yesterday at"))
    {
        return is_speaker(
            h.trim_end()
                .trim_end_matches(['\u{2014}', '\u{2013}', '-'])
                .trim_end(),
        );
    }
    let before = &t[..m.start()];
    let spaced = before.ends_with("  ");
    let name = before
        .trim_end()
        .trim_end_matches([',', '|', '\u{2013}'])
        .trim_end();
    let separated = name.len() < before.trim_end().len();
    (clock || spaced || separated) && !before.is_empty() && is_speaker(name)
}

/// A chat speaker's name: one to four words of letters (and `'.-_`), each starting with a letter.
fn is_speaker(name: &str) -> bool {
    let words: Vec<&str> = name.split(' ').collect();
    !name.is_empty()
        && name.len() <= 64
        && words.len() <= 4
        && words.iter().all(|w| {
            w.chars().next().is_some_and(char::is_alphabetic)
                && w.chars()
                    .all(|c| c.is_alphabetic() || matches!(c, '\'' | '.' | '-' | '_'))
        })
}

fn is_box_line(t: &str) -> bool {
    !t.is_empty()
        && t.chars().all(|c| {
            matches!(c, '-' | '+' | '=' | '|' | ' ' | '*') || ('\u{2500}'..='\u{257f}').contains(&c)
        })
        && (t.contains('+')
            || t.contains('|')
            || t.chars().any(|c| ('\u{2500}'..='\u{257f}').contains(&c))
            || t.starts_with("****"))
}

fn is_border(c: char) -> bool {
    c == '|' || c == '│' || c == '║'
}

const TRANSCRIPT_HEADERS: &[&str] = &[
    "Windows PowerShell transcript start",
    "Windows PowerShell transcript end",
    "Transcript started, output file is",
    "Transcript stopped, output file is",
    "Start time:",
    "End time:",
    "Username:",
    "RunAs User:",
    "Configuration Name:",
    "Machine:",
    "Host Application:",
    "Process ID:",
    "PSVersion:",
    "PSEdition:",
    "PSCompatibleVersions:",
    "BuildVersion:",
    "CLRVersion:",
    "WSManStackVersion:",
    "PSRemotingProtocolVersion:",
    "SerializationVersion:",
];

/// A line without the terminal's escape sequences that `script` and PowerShell 7 transcripts
/// keep (colours `ESC [ 32 m`, cursor moves, `ESC ] 0;title BEL` window titles, two-byte
/// escapes): the text a human saw. Linear; a line without ESC is not copied.
pub fn strip_escapes(line: &str) -> std::borrow::Cow<'_, str> {
    if !line.contains('\u{1b}') {
        return std::borrow::Cow::Borrowed(line);
    }
    let mut out = String::with_capacity(line.len());
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\u{1b}' {
            out.push(c);
            continue;
        }
        match chars.next() {
            // CSI: parameters and intermediates, then one final byte.
            Some('[') => {
                for f in chars.by_ref() {
                    if ('\u{40}'..='\u{7e}').contains(&f) {
                        break;
                    }
                }
            }
            // OSC: up to BEL or ESC \.
            Some(']') => {
                while let Some(f) = chars.next() {
                    if f == '\u{7}' {
                        break;
                    }
                    if f == '\u{1b}' {
                        if chars.peek() == Some(&'\\') {
                            chars.next();
                        }
                        break;
                    }
                }
            }
            // A character set designation takes one more character.
            Some('(' | ')') => {
                chars.next();
            }
            _ => {}
        }
    }
    std::borrow::Cow::Owned(out)
}

/// Remove the noise from decoded lines.
pub fn clean(input: &[String]) -> Cleaned {
    let plain: Option<Vec<String>> = input.iter().any(|l| l.contains('\u{1b}')).then(|| {
        input
            .iter()
            .map(|l| strip_escapes(l).into_owned())
            .collect()
    });
    let input: &[String] = plain.as_deref().unwrap_or(input);
    let dedented = dedent(input);
    let input: &[String] = dedented.as_deref().unwrap_or(input);
    let n = input.len();
    // Whole-text decisions first.
    let mut ts_lines = 0usize;
    let mut tags: Vec<(String, usize)> = Vec::new();
    let mut bordered = 0usize;
    let mut quoted = 0usize;
    let mut nonblank = 0usize;
    let mut prev_wrapped = false;
    let wrap = Wrap::infer(input);
    for (k, l) in input.iter().enumerate() {
        let t = l.trim();
        let next = input.get(k + 1).map_or("", String::as_str);
        let after_wrap = std::mem::replace(&mut prev_wrapped, wrap.at_width(l, next));
        // Blank lines, prompts and the continuations of wrapped lines carry no prefix of their
        // own: they do not vote.
        if t.is_empty() || after_wrap || prompt_command(t).is_some() {
            continue;
        }
        nonblank += 1;
        if let Some((_, tag)) = timestamp_prefix(t) {
            ts_lines += 1;
            if let Some((_, name)) = tag {
                if let Some(e) = tags.iter_mut().find(|(t, _)| t == name) {
                    e.1 += 1;
                } else if tags.len() < 16 {
                    tags.push((name.to_string(), 1));
                }
            }
        }
        if t.starts_with(is_border) {
            bordered += 1;
        }
        // A PowerShell continuation prompt (`>> ` after a prompt line) is no quote.
        let continuation = t.starts_with(">> ")
            && k > 0
            && (prompt_command(input[k - 1].trim()).is_some()
                || input[k - 1].trim_start().starts_with(">> "));
        if is_quoted(t) && !continuation {
            quoted += 1;
        }
    }
    let strip_ts = ts_lines >= 2 && ts_lines * 2 >= nonblank;
    let strip_tags: Vec<String> = tags
        .into_iter()
        .filter(|(_, c)| *c >= 2 && *c * 2 >= ts_lines)
        .map(|(t, _)| t)
        .collect();
    let strip_border = bordered >= 2 && bordered * 2 >= nonblank;
    // E-mail quoting at any depth (`> `, `> > `, `>>`), also mixed with unquoted replies: a
    // quarter of the lines quoted is a quoted mail, not a stray `>`.
    let strip_quote = quoted >= 2 && quoted * 4 >= nonblank;
    let wrap = Wrap {
        prefixed: strip_ts,
        quoted: strip_quote,
        ..wrap
    };

    let mut out = Cleaned::default();
    let mut columns: Option<Vec<usize>> = None;
    // The speaker of the last line, when it carried a chat prefix (None: pasted text).
    let mut last_speaker: Option<String> = None;
    let mut i = 0usize;
    while i < n {
        let first = i;
        let mut line = input[i].clone();
        if i == 0 {
            if let Some(s) = line.strip_prefix('\u{feff}') {
                line = s.to_string();
            }
        }
        i += 1;
        // Hard and soft wraps: see `Wrap`. The width of the last piece decides whether the line
        // goes on (a line that fills three console rows is three pieces).
        let mut last = line.clone();
        while i < n {
            let Some(sep) = wrap.joins(
                &line,
                &last,
                &input[i],
                input.get(i + 1).map(String::as_str),
                columns.as_deref(),
            ) else {
                break;
            };
            let mut next: &str = &input[i];
            if strip_quote {
                next = unquote(next);
            }
            line.push_str(sep);
            line.push_str(next);
            last = input[i].clone();
            out.rejoined += 1;
            i += 1;
        }
        if line.trim().is_empty() {
            columns = None;
        } else if let Some(c) = table_columns(&line) {
            columns = Some(c);
        }
        let mut t: &str = line.trim_end();
        if strip_quote {
            t = unquote(t);
        }
        if strip_border {
            let s = t.trim_start();
            if let Some(rest) = s.strip_prefix(is_border) {
                t = rest.trim_end().strip_suffix(is_border).unwrap_or(rest);
                t = t.strip_prefix(' ').unwrap_or(t).trim_end();
            }
        }
        let mut s = t.to_string();
        // A chat line starts a new message: the output pasted before it ends there (a blank
        // line between them, numbered as the line before), unless it goes on the same speaker's
        // run of prefixed lines (`[09:15] yamada: Name: ...` line after line).
        // A bracketed time before a one-word speaker (`[09:47] Marco: `) is kept when the whole
        // text does not strip it (it may be a label, `[10:42] Error: `) but still starts a line
        // of its own.
        let chat = chat_prefix_of(s.trim_start())
            .filter(|(_, strong)| *strong || strip_ts || s.trim_start().starts_with('['))
            .map(|(len, _)| speaker_of(s.trim_start().get(..len).unwrap_or("")));
        if let Some(who) = &chat {
            let after_paste =
                last_speaker.is_none() && out.lines.last().is_some_and(|l| !l.trim().is_empty());
            let other = last_speaker.as_ref().is_some_and(|w| w != who);
            if after_paste || other {
                out.lines.push(String::new());
                out.numbers.push(first as u64);
                out.commands.push(None);
            }
        }
        if !t.trim().is_empty() {
            last_speaker = chat;
        }
        if strip_ts {
            if let Some((len, tag)) = timestamp_prefix(s.trim_start()) {
                let lead = s.len() - s.trim_start().len();
                let stamp = s
                    .get(lead..lead + len)
                    .map(|t| t.trim().trim_start_matches('[').trim_end_matches(']'));
                if let Some(t) = stamp.and_then(crate::asof::parse_time) {
                    out.stamps.push((first as u64 + 1, t));
                }
                let mut cut = lead + len;
                if let Some((tlen, name)) = tag {
                    if strip_tags.iter().any(|t| t == name) {
                        cut = lead + len + tlen;
                    }
                }
                s = s.get(cut..).unwrap_or("").to_string();
                // A logged chat (`2026-11-30 14:01:22 <mkoval> ...`, ZNC, irssi with dates): the
                // nick after the time goes with it.
                let rest = s.trim_start();
                if rest.starts_with('<') {
                    if let Some(len) = chat_prefix(rest) {
                        s = rest.get(len..).unwrap_or("").to_string();
                    }
                }
            }
        }
        // A chat's speaker before pasted output (`[09:41] Priya Natarajan: `, `14:01 < mkoval> `)
        // goes even when most lines carry none.
        if !strip_ts {
            let lead = s.len() - s.trim_start().len();
            if let Some(len) = strong_chat_prefix(s.trim_start()) {
                s = s.get(lead + len..).unwrap_or("").to_string();
            }
        }
        let chat_header = is_chat_header(s.trim());
        // Event Viewer's XML view marks expandable elements with "- " / "+ ".
        {
            let ts = s.trim_start();
            if let Some(rest) = ts.strip_prefix("- <").or_else(|| ts.strip_prefix("+ <")) {
                s = format!("<{rest}");
            }
        }
        // A Markdown code fence is never part of a value: a fence line is noise, a fence glued
        // to the end of a line (`PartialProductKey : 3V66T```) is cut off.
        let mut fence = false;
        if let Some(body) = without_fence(&s) {
            fence = body.is_empty();
            s = body;
        }
        let mut command = None;
        let trimmed = s.trim();
        if fence {
            out.noise += 1;
        } else if chat_header {
            s = String::new();
            out.noise += 1;
        } else if let Some(c) = prompt_command(trimmed) {
            command = Some(c.to_string());
            s = String::new();
            out.noise += 1;
        } else if is_box_line(trimmed) || TRANSCRIPT_HEADERS.iter().any(|h| trimmed.starts_with(h))
        {
            s = String::new();
            out.noise += 1;
        }
        out.lines.push(s);
        out.numbers.push(first as u64 + 1);
        out.commands.push(command);
    }
    out
}

/// The line without its Markdown code fence: a fence line (```` ``` ```` or `~~~`, three or more,
/// with or without a language tag: ```` ```powershell ````) is empty; a fence glued to the end of
/// a line is cut off. None when the line has no fence.
fn without_fence(line: &str) -> Option<String> {
    let t = line.trim();
    for f in ["```", "~~~"] {
        if let Some(rest) = t.strip_prefix(f) {
            let tag = rest.trim_start_matches(f.as_bytes()[0] as char).trim();
            let is_tag = tag
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '_' | '.' | '#'));
            if is_tag {
                return Some(String::new());
            }
        }
        if let Some(body) = line.trim_end().strip_suffix(f) {
            let body = body.trim_end_matches(f.as_bytes()[0] as char);
            if !body.trim().is_empty() {
                return Some(body.trim_end().to_string());
            }
        }
    }
    None
}

/// Output pasted into an e-mail, a ticket, a forum post or a Markdown code block is indented by
/// a common indentation (4 spaces or more, or a tab): a block of indented lines that starts after
/// a blank line (or at the top) and runs while lines are blank or indented loses the indentation
/// all its lines share, so `    Name: ...` reads as `Name: ...` and the 8-space lines of slmgr's
/// own indented parts keep their 4 spaces. An indented line right after an unindented one (slmgr's
/// AVMA block, a Format-List continuation, a table row) is the output's own indentation and stays.
/// None when no block is indented. Two passes over the lines: linear.
fn dedent(input: &[String]) -> Option<Vec<String>> {
    let lead = |l: &str| l.len() - l.trim_start_matches([' ', '\t']).len();
    let mut out: Option<Vec<String>> = None;
    let mut prev_blank = true;
    let mut i = 0usize;
    while i < input.len() {
        let l = input[i].strip_prefix('\u{feff}').unwrap_or(&input[i]);
        let blank = l.trim().is_empty();
        if blank || lead(l) == 0 || !prev_blank {
            prev_blank = blank;
            i += 1;
            continue;
        }
        // A block: from here while lines are blank or indented; trailing blank lines are not in it.
        let start = i;
        let mut end = i;
        let mut common: &str = &l[..lead(l)];
        let mut j = i;
        while j < input.len() {
            let m = if j == 0 {
                input[j].strip_prefix('\u{feff}').unwrap_or(&input[j])
            } else {
                input[j].as_str()
            };
            if m.trim().is_empty() {
                j += 1;
                continue;
            }
            let k = lead(m);
            if k == 0 {
                break;
            }
            let same = common
                .bytes()
                .zip(m.bytes())
                .take_while(|(a, b)| a == b)
                .count();
            common = &common[..same.min(k)];
            j += 1;
            end = j;
        }
        // A shallower indentation (one to three spaces: a forum quote, a mail) when the block
        // opens with a prompt or a label line, as a pasted console block does.
        let opens = || {
            let first = input[start].trim();
            prompt_command(first).is_some() || crate::util::label_value(first).is_some()
        };
        let enough = common.contains('\t') || common.len() >= 4 || (!common.is_empty() && opens());
        if enough {
            let v = out.get_or_insert_with(|| input.to_vec());
            for line in v.iter_mut().take(end).skip(start) {
                let body = line.strip_prefix('\u{feff}').unwrap_or(line);
                if let Some(rest) = body.strip_prefix(common) {
                    *line = rest.to_string();
                }
            }
        }
        prev_blank = false;
        i = end.max(i + 1);
    }
    out
}

/// Console widths at which Windows consoles wrap (conhost's defaults and the usual wide setting).
const WIDTHS: [usize; 2] = [80, 120];

/// Narrower than this, a text is not taken as hard-wrapped by width alone; wider than
/// `MAX_WIDTH`, lines are not a wrap's but a machine's (`wevtutil` writes one event per line).
const MIN_WIDTH: usize = 30;
const MAX_WIDTH: usize = 250;

/// Is this (trimmed) line e-mail quoted: `>` then a space, another `>` or nothing?
fn is_quoted(t: &str) -> bool {
    t.strip_prefix('>')
        .is_some_and(|r| r.is_empty() || r.starts_with(' ') || r.starts_with('>'))
}

/// A line without its e-mail quoting, at any depth (`> `, `> > `, `>>`, `> >`): each level is a
/// `>` and at most one space, so that the quoted text keeps its own indentation (slmgr's
/// indented `/xpr` message under `> >     `).
pub(crate) fn unquote(l: &str) -> &str {
    let mut t = l;
    while let Some(r) = t.strip_prefix('>') {
        t = r.strip_prefix(' ').unwrap_or(r);
    }
    t
}

/// Does `next` (after any `> ` quoting) start with a wide character?
fn starts_wide(next: &str) -> bool {
    unquote(next)
        .chars()
        .next()
        .is_some_and(|c| unicode_width::UnicodeWidthChar::width(c) == Some(2))
}

/// Does `line` fill a console `c` columns wide, `next` being the line after it? A wide character
/// that does not fit in the last column moves to the next row, so a line may end one column
/// short, but only when the next row starts with that wide character.
fn fills(line: &str, next: &str, c: usize) -> bool {
    let w = UnicodeWidthStr::width(line);
    w == c || (w + 1 == c && starts_wide(next))
}

fn is_wrapped(line: &str, next: &str) -> bool {
    WIDTHS.iter().any(|&c| fills(line, next, c))
}

/// How the text was wrapped, inferred from the lengths of its lines, so that a wrap at any width
/// (a ticket system at 60, a mail client at 72, a narrow console at 55) is rejoined, not only the
/// console's 80 and 120 columns.
///
/// * Hard wrap at an inferred width: the widest line is `W` columns, no line is wider, and at
///   least two lines of exactly `W` columns are followed by a line that could continue them. A
///   line of `W` columns then continues on the next line as at a console width.
/// * Otherwise a line joins the next only when the pieces make sense together: a known token
///   (GUID, HRESULT, product key, channel token, `Windows(R), X edition`, a minute/day pair, an
///   Extended PID, a version, a known label) spans the boundary, the line is at the right margin
///   (as wide as the widest line: a hard wrap, joined as is) or the next line's first word would
///   not have fitted (a word wrap, joined with a space).
///
/// Two real lines are never joined: a whole `label: value` and a label line after it, an indented
/// line, a prompt, a timestamped line in a timestamped log, a row of the table above.
#[derive(Debug, Clone, Copy)]
struct Wrap {
    /// The widest line's width.
    max: usize,
    /// The inferred hard-wrap width, when the lengths show one.
    hard: Option<usize>,
    /// Every line carries a timestamp that is stripped (a timestamped log).
    prefixed: bool,
    /// The text is `> ` quoted.
    quoted: bool,
}

impl Wrap {
    fn infer(input: &[String]) -> Wrap {
        // A prompt with its command may be left unwrapped by a tool that wrapped the output.
        let max = input
            .iter()
            .filter(|l| prompt_command(l.trim()).is_none())
            .map(|l| UnicodeWidthStr::width(l.trim_end()))
            .max()
            .unwrap_or(0);
        // The width most lines that go on end at; wider lines are few (a token a word wrapper
        // could not break, a line that was left whole).
        // (width, lines that go on, of which a timestamped line goes on on a line without one).
        // The fourth number counts the lines that end exactly there (not one column short because
        // of a wide character): on a tie the width lines really end at wins.
        let mut counts: Vec<(usize, usize, usize, usize)> = Vec::new();
        let mut bump = |w: usize, ts: bool, exact: bool| {
            if let Some(e) = counts.iter_mut().find(|e| e.0 == w) {
                e.1 += 1;
                e.2 += usize::from(ts);
                e.3 += usize::from(exact);
            } else {
                counts.push((w, 1, usize::from(ts), usize::from(exact)));
            }
        };
        let mut cols: Option<Vec<usize>> = None;
        for pair in input.windows(2) {
            let (cur, next) = (&pair[0], &pair[1]);
            if cur.trim().is_empty() {
                cols = None;
            } else if let Some(c) = table_columns(cur) {
                cols = Some(c);
            }
            let w = UnicodeWidthStr::width(cur.as_str());
            if (MIN_WIDTH..=MAX_WIDTH).contains(&w)
                && prompt_command(cur.trim()).is_none()
                && !cur.trim_start().starts_with(is_border)
                && candidate(next, false)
                && !(timestamp_prefix(cur.trim_start()).is_some()
                    && timestamp_prefix(next).is_some())
                && !own_line(cur, cur, next, cols.as_deref())
                && !separate(cur, next, None)
            {
                let ts = timestamp_prefix(cur.trim_start()).is_some();
                bump(w, ts, true);
                if starts_wide(next) {
                    bump(w + 1, ts, false);
                }
            }
        }
        let mut widths: Vec<usize> = input
            .iter()
            .filter(|l| prompt_command(l.trim()).is_none())
            .map(|l| UnicodeWidthStr::width(l.trim_end()))
            .collect();
        widths.sort_unstable();
        let wider = |w: usize| widths.len() - widths.partition_point(|&x| x <= w);
        // Wider lines are few, unless the log's own prefixes show where each line starts.
        let hard = counts
            .iter()
            .filter(|&&(w, c, ts, _)| c >= 2 && (wider(w) <= c / 2 || ts >= 2))
            .max_by_key(|&&(w, c, _, exact)| (c, exact, w))
            .map(|&(w, _, _, _)| w);
        Wrap {
            max,
            hard,
            prefixed: false,
            quoted: false,
        }
    }

    /// Does `line` end at the right margin of a hard wrap, `next` being the line after it?
    fn at_width(&self, line: &str, next: &str) -> bool {
        is_wrapped(line, next) || self.hard.is_some_and(|w| fills(line, next, w))
    }

    /// The separator to join `next` onto the line `whole` whose last piece is `cur` with, or
    /// None when `next` is a line of its own.
    fn joins(
        &self,
        whole: &str,
        cur: &str,
        next: &str,
        after: Option<&str>,
        columns: Option<&[usize]>,
    ) -> Option<&'static str> {
        let (prefixed, quoted) = (self.prefixed, self.quoted);
        // A wrap that fell between two words (` 2026/11/28 9:12:03` after `Trusted time:`) is
        // not a new timestamped line of a timestamped log, whatever the piece starts with.
        let between_words = (next.starts_with(' ') && !next.starts_with("  "))
            || (cur.ends_with(' ') && !cur.ends_with("  ") && self.at_width(cur, next));
        if !candidate(next, prefixed && !between_words) || cur.trim().is_empty() {
            return None;
        }
        // Lines inside `|` borders are padded to the border: never wrapped.
        if cur.trim_start().starts_with(is_border) && next.trim_start().starts_with(is_border) {
            return None;
        }
        if own_line(whole, cur, next, columns) {
            return None;
        }
        let body = |l: &str| -> String {
            if quoted {
                unquote(l).to_string()
            } else {
                l.to_string()
            }
        };
        let (c, nx) = (body(cur), body(next));
        // The line after `next` counts only when `next` itself ends at the margin.
        let after = after.map(body).filter(|a| self.at_width(&nx, a));
        // A piece that ends in one space was cut between two words (`Product Key Channel: ` /
        // `Volume:AVMA`).
        let cut_at_space = cur.ends_with(' ') && !cur.ends_with("  ");
        // A prompt's command line that fills the width goes on (`... /Set-Edition:X /` then
        // `ProductKey:K ...`): a command's switches look like labels but are never output lines.
        let w = body(whole);
        if is_prompt_line(&w)
            && !nx.starts_with(' ')
            && (self.at_width(cur, &nx)
                || (prefixed
                    && (MIN_WIDTH..=MAX_WIDTH).contains(&self.max)
                    && fills(cur.trim_end(), &nx, self.max)))
        {
            return Some("");
        }
        if !cut_at_space && separate(&w, &nx, after.as_deref()) {
            return None;
        }
        if self.at_width(cur, &nx) {
            return Some("");
        }
        // In a timestamped log, a line without a timestamp after one as wide as the widest line.
        // or one that goes on in the middle of a word (`ClusterObj` / `ect : ...`).
        let word_cut = cur.chars().next_back().is_some_and(char::is_alphanumeric)
            && next
                .chars()
                .next()
                .is_some_and(|c| c.is_lowercase() || c.is_ascii_digit());
        if prefixed
            && (MIN_WIDTH..=MAX_WIDTH).contains(&self.max)
            && (fills(cur.trim_end(), &nx, self.max) || word_cut)
        {
            return Some("");
        }
        if c.trim_start().starts_with(is_border) {
            return None;
        }
        let cw = UnicodeWidthStr::width(cur.trim_end());
        let first_word = nx.split_whitespace().next().unwrap_or("");
        if (MIN_WIDTH..=MAX_WIDTH).contains(&self.max) && cw + 1 >= self.max && spans(&c, "", &nx) {
            return Some("");
        }
        let room = self.max.saturating_sub(cw);
        if (MIN_WIDTH..=MAX_WIDTH).contains(&self.max)
            && cur == cur.trim_end()
            && !nx.starts_with(' ')
            && UnicodeWidthStr::width(first_word) + 1 > room
            && spans(&c, " ", &nx)
        {
            return Some(" ");
        }
        None
    }
}

/// A prompt with its command, after a log's timestamp and tag if the line has one.
fn is_prompt_line(line: &str) -> bool {
    let t = line.trim_start();
    let body = match timestamp_prefix(t) {
        Some((len, tag)) => t.get(len + tag.map_or(0, |(tl, _)| tl)..).unwrap_or(""),
        None => t,
    };
    prompt_command(body.trim()).is_some()
}

/// A line that may continue the one before it: not blank, not indented (Format-List's own
/// continuations and slmgr's AVMA block are indented lines of their own; a single space is where
/// a wrap fell between two words), not a prompt, not a new timestamped line in a timestamped log.
fn candidate(next: &str, prefixed: bool) -> bool {
    let t = next.trim();
    !(t.is_empty()
        || next.starts_with("  ")
        || next.starts_with('\t')
        || prompt_command(t).is_some()
        || (prefixed && timestamp_prefix(t).is_some())
        || (t.starts_with(['[', '0', '1', '2']) && chat_prefix(t).is_some())
        || t.starts_with("```"))
}

/// A line of its own: the `---- ----` line under a header (not the piece of a wrapped one), a
/// list item, or a row of the table whose cells `columns` (or the `----` line `cur`) gives.
/// `whole` is the line `cur` ends so far.
fn own_line(whole: &str, cur: &str, next: &str, columns: Option<&[usize]>) -> bool {
    let dashes = |l: &str| {
        let t = l.trim();
        t.contains("--") && t.chars().all(|c| c == '-' || c == ' ')
    };
    if dashes(next) && !dashes(cur) {
        return true;
    }
    // A banner closed by its own fence (`=== host X : Get-WinEvent ... ===`) is whole, and an
    // event record opens a line of its own (`<Event xmlns=...>` after such a banner).
    if closed_banner(whole) || record_start(next) {
        return true;
    }
    // A line that starts with a known label (`Error: 0x...`, `License Status: ...`) is a line of
    // its own even after a line that happens to end at the margin.
    static LABEL: OnceLock<Regex> = OnceLock::new();
    let known = re(
        &LABEL,
        concat!(
            r"^(?:Error|Name|Description|Activation ID|Application ID|Extended PID",
            r"|Product Key Channel|Installation ID|Partial Product Key|License Status",
            r"|Notification Reason|Remaining Windows rearm count|Trusted time",
            r"|Automatic VM activation expiration|Volume activation expiration|Time remaining",
            r"|Guest IAID|Current Edition|Target Edition|Image Version|Event ID|Log Name)\s*:",
            r"|^(?:Installed product key |Activating |Product activated successfully",
            r"|Deployment Image Servicing and Management tool)",
        ),
    );
    if known.is_match(next) && !label_in_progress(whole) {
        return true;
    }
    // A list item (`- x`, `* x`, `• x`, `1. x`) starts a line of its own.
    let t = next.trim_start();
    if t.starts_with("- ") || t.starts_with("* ") || t.starts_with("• ") || {
        let d = t.trim_start_matches(|c: char| c.is_ascii_digit());
        (1..=2).contains(&(t.len() - d.len())) && !t.starts_with('0') && d.starts_with(". ")
    } {
        return true;
    }
    let own = table_columns(cur);
    columns.or(own.as_deref()).is_some_and(|c| is_row(next, c)) || csv_rows(whole, next)
}

/// A line opened and closed by the same fence of three or more `=`, `#`, `*` or `-`
/// (`=== host X ===`, `##### guest #####`): a banner is whole even when it reaches the margin.
fn closed_banner(whole: &str) -> bool {
    let t = unquote(whole).trim();
    let Some(f) = t
        .chars()
        .next()
        .filter(|c| matches!(c, '=' | '#' | '*' | '-'))
    else {
        return false;
    };
    let open = t.chars().take_while(|&c| c == f).count();
    let close = t.chars().rev().take_while(|&c| c == f).count();
    open >= 3
        && close >= 3
        && t.trim_matches(f)
            .chars()
            .any(|c| c.is_alphanumeric() && c != f)
}

/// The start of an event record in XML (`<Event xmlns=`, `<?xml `, `<Events>`): a wrap never
/// falls right before it, since the text before it is not inside a record.
fn record_start(next: &str) -> bool {
    let t = unquote(next).trim_start();
    t.starts_with("<Event xmlns")
        || t.starts_with("<Event>")
        || t.starts_with("<?xml ")
        || t.starts_with("<Events>")
}

/// Two records of a quoted CSV export (`ConvertTo-Csv`, `Export-Csv`): the line so far is whole
/// (its quotes balanced, its last field closed) and the next opens a quoted field. Rows of equal
/// width are never a hard wrap.
fn csv_rows(whole: &str, next: &str) -> bool {
    let (w, n) = (whole.trim(), next.trim_start());
    w.starts_with('"')
        && w.ends_with('"')
        && w.len() >= 2
        && w.matches('"').count() % 2 == 0
        && w.contains("\",\"")
        && n.starts_with('"')
        && n.contains("\",\"")
}

/// A line that is so far one word, a Format-List label cut before its end (`PSComputer` /
/// `Name    : HV-NODE1`, `LicenseSta` / `tus : 1`): what follows finishes it, whatever it looks like.
fn label_in_progress(whole: &str) -> bool {
    let mut t = unquote(whole).trim_start();
    if let Some((len, tag)) = timestamp_prefix(t) {
        t = &t[len..];
        if let Some((tl, _)) = tag {
            t = t.get(tl..).unwrap_or("");
        }
    }
    !t.is_empty() && t.chars().all(|c| c.is_alphanumeric() || c == '_')
}

/// A `label: value` line (or a Format-List label whose value is empty) followed by a line that
/// starts a label of its own: two lines (an 80-character Installation ID followed by "Partial
/// Product Key: ...", `IAID    :` followed by `ID    : ...`). The next line's label may itself be
/// wrapped before its colon (`仮想マシンの自動ライセンス認証の有効期限` / `: 10080 分 (7 日)`): a
/// next line without a colon that ends at the margin is then taken with the line `after` it
/// (`after` is None when `next` does not end at the margin).
fn separate(cur: &str, next: &str, after: Option<&str>) -> bool {
    // One space first: the wrap fell between two words (`Product Key Channel:` / ` Volume:AVMA`).
    let between_words = next.starts_with(' ') && !next.starts_with("  ");
    if between_words || label_line(cur).is_none() {
        return false;
    }
    if label_line(next).is_some_and(|(l, _)| starts_label(l)) {
        return true;
    }
    let no_colon = !next.contains([':', '：']);
    let Some(after) = after.filter(|a| no_colon && candidate(a, false)) else {
        return false;
    };
    let whole = format!("{next}{after}");
    label_line(&whole).is_some_and(|(l, _)| starts_label(l))
}

/// A label that starts a line of its own: capitalized, or in a script without case (a piece of a
/// wrapped value such as `rp:1688` starts in lower case).
fn starts_label(label: &str) -> bool {
    label.chars().any(char::is_alphabetic)
        && label
            .chars()
            .next()
            .is_some_and(|c| !c.is_lowercase() && !c.is_ascii_digit())
}

/// The tokens that only make sense whole: when one spans the boundary between two pieces (or a
/// bracket opened on the first is closed on the second), the pieces are one line.
fn spans(cur: &str, sep: &str, next: &str) -> bool {
    static TOKENS: OnceLock<Regex> = OnceLock::new();
    let tokens = re(
        &TOKENS,
        concat!(
            r"(?i:\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b)",
            r"|(?i:\b0x[0-9a-f]{8}\b)",
            r"|\b[A-Z0-9]{5}(?:-[A-Z0-9]{5}){4}\b",
            r"|\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+ channel\b",
            r"|\b(?:VOLUME|RETAIL|OEM|TIMEBASED) channel\b",
            r"|\b(?:Windows|Office)[^,\n]{0,40},\s*[A-Za-z]+ edition\b",
            r"|\b\d+ ?[^\s\d(（]{1,20} ?[(（]\d+ ?[^\s\d)）]{1,12}[)）]+",
            r"|\b\d{5}-\d{5}-\d{3}-\d{6}-\d{2}-\d{4}-\d{4,5}\.\d{4}-\d{7}\b",
            r"|\b\d{5}-\d{5}-\d{5}-[A-Z]{2}\d{3}\b",
            r"|\b(?:6|10)\.\d+\.\d{4,5}\.\d+\b",
            r"|\b(?:Software licensing service version|Activation ID|Application ID|Extended PID",
            r"|Product Key Channel|Installation ID|Partial Product Key|License Status",
            r"|Notification Reason|Remaining Windows rearm count|Trusted time",
            r"|Automatic VM activation expiration|Volume activation expiration|Time remaining",
            r"|Guest IAID|Host machine name|Activation time|Host Digital PID2",
            r"|Client Machine ID \(CMID\)|KMS machine name from DNS|Registered KMS machine name",
            r"|Current Edition|Target Edition|Image Version|Event ID|Log Name|Task Category)\b",
        ),
    );
    // A bracket opened on one piece and closed on the next.
    let open = |t: &str| {
        t.chars().filter(|&c| c == '(' || c == '（').count() as i64
            - t.chars().filter(|&c| c == ')' || c == '）').count() as i64
    };
    if open(cur) > 0 && open(next) < 0 {
        return true;
    }
    let mut joined = String::with_capacity(cur.len() + sep.len() + next.len());
    joined.push_str(cur.trim_start());
    let left = joined.len();
    joined.push_str(sep);
    let right = joined.len();
    joined.push_str(next);
    tokens
        .find_iter(&joined)
        .any(|m| m.start() < left && m.end() > right)
}

/// The display columns where the cells of a table start, from its `---- ----` line.
fn table_columns(line: &str) -> Option<Vec<usize>> {
    let t = line.trim_end();
    if t.is_empty() || !t.chars().all(|c| c == '-' || c == ' ') || !t.contains("--") {
        return None;
    }
    let mut cols = Vec::new();
    let mut prev = ' ';
    for (i, c) in t.chars().enumerate() {
        if c == '-' && prev == ' ' {
            cols.push(i);
        }
        prev = c;
    }
    (cols.len() >= 2).then_some(cols)
}

/// Is `line` a row of the table whose cells start at `cols`: it starts in the first cell, and a
/// space stands before every cell start it reaches, with at least two cells filled.
fn is_row(line: &str, cols: &[usize]) -> bool {
    if line.starts_with(' ') {
        return false;
    }
    let mut at: Vec<char> = Vec::new();
    for c in line.trim_end().chars() {
        at.push(c);
        if unicode_width::UnicodeWidthChar::width(c) == Some(2) {
            at.push('\u{0}');
        }
    }
    let mut filled = 1;
    for &s in cols.iter().skip(1) {
        if s >= at.len() {
            break;
        }
        if at.get(s.wrapping_sub(1)) != Some(&' ') && !overflows_right(&at, s) {
            return false;
        }
        if at.get(s).is_some_and(|c| *c != ' ') {
            filled += 1;
        }
    }
    filled >= 2
}

/// A right-aligned number that is wider than the dashes of its column (Get-WinEvent's `Id` over
/// `--`) runs left over the space before the column: the digits around column `s` start after a
/// space and end at a space or the end of the line.
fn overflows_right(at: &[char], s: usize) -> bool {
    let digit = |k: usize| at.get(k).is_some_and(char::is_ascii_digit);
    if !digit(s.wrapping_sub(1)) {
        return false;
    }
    let mut a = s - 1;
    while a > 0 && digit(a - 1) {
        a -= 1;
    }
    let mut b = s;
    while digit(b) {
        b += 1;
    }
    a > 0 && at.get(a - 1) == Some(&' ') && at.get(b).is_none_or(|c| *c == ' ')
}

/// `label: value` where the label is words (letters, digits, spaces, brackets, dashes), after any
/// timestamp and log tag.
fn label_line(line: &str) -> Option<(&str, &str)> {
    let mut t = line.trim_start();
    if let Some((len, tag)) = timestamp_prefix(t) {
        t = &t[len..];
        if let Some((tl, _)) = tag {
            t = t.get(tl..).unwrap_or("");
        }
    }
    let (label, value) = crate::util::label_value(t)?;
    let ok = !label.is_empty()
        && label.chars().count() <= 48
        && label
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, ' ' | '(' | ')' | '-' | '\'' | '.'));
    ok.then_some((label, value))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(s: &str) -> Vec<String> {
        s.lines().map(String::from).collect()
    }

    #[test]
    fn fences_are_never_values() {
        assert_eq!(without_fence("```").as_deref(), Some(""));
        assert_eq!(without_fence("  ~~~~ps1").as_deref(), Some(""));
        assert_eq!(without_fence("```powershell").as_deref(), Some(""));
        assert_eq!(
            without_fence("PartialProductKey : 3V66T```").as_deref(),
            Some("PartialProductKey : 3V66T")
        );
        assert_eq!(without_fence("Name: Windows(R), X edition"), None);
        // Prose after a fence is not a language tag.
        assert_eq!(without_fence("``` see below"), None);
        let c = clean(&lines(
            "```\nLicenseStatus     : 1\nPartialProductKey : 3V66T\n```",
        ));
        assert_eq!(c.lines[2], "PartialProductKey : 3V66T");
        assert_eq!(c.lines[3], "");
    }

    /// A stamped log that hard-wrapped a long prompt command: the command's switches on the next
    /// row (`Set-Edition:X`, shaped like a label) are the command's, not an output line.
    #[test]
    fn a_wrapped_prompt_command_in_a_stamped_log_is_one_command() {
        let stamp = "2026/11/28 09:22:31 AgentLog: ";
        let text = format!(
            "{stamp}C:\\Windows\\system32>DISM /online /\nSet-Edition:ServerStandard /AcceptEula\n{stamp}\n{stamp}Deployment Image Servicing and Man\nagement tool\n{stamp}Version: 6.3.9600.17031\n"
        );
        let c = clean(&lines(&text));
        assert_eq!(
            c.commands.iter().flatten().next().map(String::as_str),
            Some("DISM /online /Set-Edition:ServerStandard /AcceptEula"),
            "{:?}",
            c.commands
        );
    }

    #[test]
    fn chat_prefixes_go_even_when_few_lines_carry_them() {
        // IRC (irssi's `< nick>`, an op's `<@nick>`), a Teams copy's two-word speaker, a nick in
        // lower case: stripped on their own line.
        assert_eq!(
            strong_chat_prefix("14:01 < mkoval> [X] PS C:\\> y"),
            Some(16)
        );
        assert_eq!(strong_chat_prefix("08:13:02 <@tvik> who"), Some(17));
        assert_eq!(
            strong_chat_prefix("[09:41] Priya Natarajan: morning"),
            Some(25)
        );
        assert_eq!(strong_chat_prefix("[9:41 AM] lh: x"), Some(14));
        // A label after a time (one capitalized word), a bare nick: only by the whole text.
        assert_eq!(strong_chat_prefix("[10:42] Error: 0xC004F074"), None);
        assert_eq!(chat_prefix("[10:42] Error: 0xC004F074"), Some(15));
        assert_eq!(strong_chat_prefix("<jnowak> paste it"), None);
        assert_eq!(chat_prefix("<jnowak> paste it"), Some(9));
        // XML and table rows are no chat.
        assert_eq!(chat_prefix("<EventID>12309</EventID>"), None);
        assert_eq!(
            chat_prefix("11/28/2026 6:00:14 AM  12310 Information"),
            None
        );
        assert_eq!(chat_prefix("10:22:31 Agent: x"), None);
        // WhatsApp exports (iPhone, Android), a phone number as the speaker; a log's stamp
        // with the year first is none.
        assert_eq!(
            strong_chat_prefix("[12/03/26, 09:14:55] Carlos: Name: x"),
            Some(29)
        );
        assert_eq!(
            strong_chat_prefix("12/3/26 9:14 - Luc\u{ed}a G\u{f3}mez: vale"),
            Some(30)
        );
        assert_eq!(
            strong_chat_prefix("[3/12/26, 9:14:55\u{202f}AM] +34 600 11 22 33: ok"),
            Some(42)
        );
        assert_eq!(strong_chat_prefix("12.03.2026, 09:14 - Ana: ok"), Some(25));
        assert_eq!(chat_prefix("2026-11-30 14:01 - agent: started"), None);
        assert_eq!(chat_prefix("11/28/2026 6:00:14 AM - Security-SPP: x"), None);
        let c = clean(&lines(concat!(
            "[09:46] Marco Bellini:\n",
            "PS C:\\> Get-ComputerInfo -Property CsName,WindowsEditionId\n",
            "\n",
            "CsName           : HV-X1\n",
            "WindowsEditionId : ServerDatacenter\n",
            "[09:47] Marco Bellini: yep still 2019. the VM is 2022 (20348) so the host can't vouch for it at all\n",
        )));
        assert_eq!(
            c.lines[4], "WindowsEditionId : ServerDatacenter",
            "{:?}",
            c.lines
        );
        // The message after the paste ends it: a blank line, numbered as the paste's last line.
        assert_eq!(c.lines[5], "");
        assert_eq!(c.numbers[5], 5);
        assert_eq!(
            c.lines[6],
            "yep still 2019. the VM is 2022 (20348) so the host can't vouch for it at all"
        );
        assert_eq!(c.numbers[6], 6);
        assert_eq!(c.lines[0], "");
    }

    #[test]
    fn a_one_word_speaker_after_a_paste_is_no_value() {
        let c = clean(&lines(concat!(
            "CsName           : HV-X1\n",
            "WindowsEditionId : ServerDatacenter\n",
            "[09:47] Marco: yep still 2019\n",
        )));
        assert_eq!(c.lines[1], "WindowsEditionId : ServerDatacenter");
        assert_eq!(c.lines[2], "");
        assert_eq!(c.lines[3], "[09:47] Marco: yep still 2019");
    }

    #[test]
    fn chat_headers_are_noise() {
        for h in [
            "--- Log opened Mon Nov 30 13:55:02 2026",
            "--- Day changed Tue Dec 01 2026",
            "08:12:40 -!- lhansen [~lh@10.4.0.7] has joined #infra-ops",
            "Marco Bellini  9:47 AM",
            "Joana Prates, 10:41 AM",
            "mkoval  14:02",
            "[9:47 AM] Marco Bellini",
            "Marco \u{2014} Today at 9:47 AM",
            "lhansen \u{2014} Yesterday at 22:10",
        ] {
            assert!(is_chat_header(h), "{h}");
        }
        for l in [
            "Activation time: 10:22",
            "VM01    Running 00:10:22",
            "License Status: Licensed",
            "Running  00:10:22",
            "Trusted time: 11/30/2026 9:47 AM",
        ] {
            assert!(!is_chat_header(l), "{l}");
        }
    }

    #[test]
    fn a_block_indented_by_one_or_two_spaces_after_a_blank_line() {
        let v = |x: &[&str]| x.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let got = dedent(&v(&[
            "here it is:",
            "",
            "  PS C:\\> slmgr /dli",
            "  Name: Windows(R), ServerStandard edition",
            "      Guest IAID: 1",
        ]))
        .unwrap_or_default();
        assert_eq!(got[2], "PS C:\\> slmgr /dli");
        assert_eq!(got[4], "    Guest IAID: 1");
        // A shallow indentation of prose, or of a line after an unindented one, stays.
        assert!(dedent(&v(&["", "  just a thought", "  on two lines"])).is_none());
        assert!(dedent(&v(&["Name: x", "  Guest IAID: 1"])).is_none());
    }

    #[test]
    fn banners_that_name_a_machine_and_its_role() {
        for (l, name, role) in [
            ("===== HOST: HV-NODE2 =====", "HV-NODE2", Some(true)),
            ("#### guest VM01 ####", "VM01", Some(false)),
            ("--- on SRV-APP01 (guest) ---", "SRV-APP01", Some(false)),
            ("[HV01]", "HV01", None),
            ("*** HV02 ***", "HV02", None),
            ("=== HV-NODE1 ===", "HV-NODE1", None),
            ("######## ホスト: HV-TKY01 ########", "HV-TKY01", Some(true)),
            ("==== 虚拟机 SH-APP01 ====", "SH-APP01", Some(false)),
        ] {
            let got = marker_with_role(l);
            assert_eq!(got.map(|g| g.0), Some(name), "{l}");
            assert_eq!(got.and_then(|g| g.1).map(|r| r.0), role, "{l}");
        }
        for l in [
            "=== Step 2 ===",
            "[INFO]",
            "[Ticket-1234]",
            "[2026-12-01]",
            "*** WARNING ***",
            "--- end of output ---",
            "##### output #####",
            "==== Windows Server 2022 ====",
            "=== host HV01 guest VM01 ===",
            "-----BEGIN CERTIFICATE-----",
            "---",
            "== HV01 ==",
        ] {
            assert_eq!(marker_with_role(l), None, "{l}");
        }
    }

    #[test]
    fn a_session_prompt_without_its_colon() {
        assert_eq!(
            prompt_command("[HV-KRK-1] PS C:\\> slmgr /dli"),
            Some("slmgr /dli")
        );
        assert_eq!(
            machine_marker("14:01 < mkoval> [HV-KRK-1] PS C:\\> slmgr /dli"),
            Some("HV-KRK-1")
        );
    }

    #[test]
    fn prompts() {
        assert_eq!(
            prompt_command("PS C:\\Users\\x> slmgr /dlv"),
            Some("slmgr /dlv")
        );
        assert_eq!(prompt_command("C:\\>dism /online"), Some("dism /online"));
        assert_eq!(
            prompt_command("[C:\\Program Files\\Tools]$ cscript x"),
            Some("cscript x")
        );
        assert_eq!(prompt_command("admin@host:~$ cat x"), Some("cat x"));
        assert_eq!(prompt_command("PS>"), Some(""));
        assert_eq!(prompt_command("Name: Windows(R), X edition"), None);
        assert_eq!(prompt_command("Description: C:\\Windows> no"), None);
    }

    #[test]
    fn prefixes_borders_and_wraps() {
        let c = clean(&lines(
            "2019/04/15 10:22:31 Agent: Name: A\n2019/04/15 10:22:31 Agent: License Status: Licensed",
        ));
        assert_eq!(c.lines, ["Name: A", "License Status: Licensed"]);
        let c = clean(&lines("| a: 1 |\n| b: 2 |\n+----+"));
        assert_eq!(c.lines, ["a: 1", "b: 2", ""]);
        let long = "x".repeat(80);
        let c = clean(&[long.clone(), "yz".into(), "next".into()]);
        assert_eq!(c.lines, [format!("{long}yz"), "next".to_string()]);
        assert_eq!(c.numbers, [1, 3]);
        let c = clean(&lines("- <Event xmlns=\"x\">\n+ <EventData>"));
        assert_eq!(c.lines, ["<Event xmlns=\"x\">", "<EventData>"]);
    }

    #[test]
    fn wraps_at_any_width() {
        // One line at the margin, no width shows: joined because a GUID spans the boundary.
        let c = clean(&lines(
            "Name: Windows(R), X edition\nActivation ID: 21c56779-b449-4d20-adf\nc-eece0e1ad74b\nLicense Status: Licensed",
        ));
        assert_eq!(
            c.lines[1],
            "Activation ID: 21c56779-b449-4d20-adfc-eece0e1ad74b"
        );
        assert_eq!(c.rejoined, 1);
        // A mail client's word wrap under "> " quoting: joined with a space.
        let c = clean(&lines(
            "> Name: Windows(R), ServerDatacenter edition\n> Description: Windows(R) Operating System, VOLUME_KMSCLIENT\n> channel\n> License Status: Licensed",
        ));
        assert_eq!(
            c.lines[1],
            "Description: Windows(R) Operating System, VOLUME_KMSCLIENT channel"
        );
        // Quoting at any depth, mixed with an unquoted reply: every level goes, the quoted
        // text keeps its own indentation.
        let c = clean(&lines(
            "Hi, see below.\nAnna\n\n> From: Bo\n> can you run it?\n>\n> > Windows(R), ServerDatacenter edition:\n> >     The machine is permanently activated.\n>> Name: X\n>\n> Thanks",
        ));
        assert_eq!(c.lines[0], "Hi, see below.");
        assert_eq!(c.lines[6], "Windows(R), ServerDatacenter edition:");
        assert_eq!(c.lines[7], "    The machine is permanently activated.");
        assert_eq!(c.lines[8], "Name: X");
        // A PowerShell continuation prompt is no quote.
        let c = clean(&lines(
            "PS C:\\> Get-CimInstance x |\n>> Where-Object y |\n>> Format-List\nName : A",
        ));
        assert_eq!(c.lines[2], ">> Format-List");
        // Lines of one width that are whole lines: list items, label lines, table rows.
        let text = "- ServerStandard xx\n- ServerDatacenter\nName: ABCDEFGHIJK\nID: 0123456789ABCD\n\nVMName Enabled\n------ -------\nWEB01A True   x\nWEB02A False  x";
        let c = clean(&lines(text));
        assert_eq!(c.rejoined, 0, "{:?}", c.lines);
        // A width seen on several lines: every line that fills it goes on.
        let c = clean(&lines(
            "Version des Softwarelizenzierung\nsdiensts: 10.0.17763.1\nAblauf der Volumenaktivierung: 2\n59080 Minute(n) (179 Tag(e))\nName: Windows(R), ServerStandard\n edition",
        ));
        assert_eq!(
            c.lines,
            [
                "Version des Softwarelizenzierungsdiensts: 10.0.17763.1",
                "Ablauf der Volumenaktivierung: 259080 Minute(n) (179 Tag(e))",
                "Name: Windows(R), ServerStandard edition"
            ]
        );
    }

    #[test]
    fn a_whole_line_at_the_margin_before_a_label_cut_before_its_colon() {
        // Wrapped at 40 columns: the license status line is whole and exactly 40 wide, the next
        // label fills the margin and its colon starts the next row.
        let c = clean(&lines(concat!(
            "ソフトウェア ライセンス サービスのバージ\n",
            "ョン: 10.0.17763.1\n",
            "ライセンスの状態: ライセンスされています\n",
            "仮想マシンの自動ライセンス認証の有効期限\n",
            ": 10080 分 (7 日)\n",
            "残りの Windows 猶予期限リセット可能回数:\n",
            " 1001",
        )));
        assert_eq!(
            c.lines,
            [
                "ソフトウェア ライセンス サービスのバージョン: 10.0.17763.1",
                "ライセンスの状態: ライセンスされています",
                "仮想マシンの自動ライセンス認証の有効期限: 10080 分 (7 日)",
                "残りの Windows 猶予期限リセット可能回数: 1001",
            ]
        );
        // A wide character that fits is not a reason to take a line one column short as wrapped.
        assert!(!fills("ライセンスの状態: x", "Next: y", 20));
        assert!(fills("ライセンスの状態: x", "仮想", 20));
    }
}
