//! Event XML: `wevtutil qe /f:xml` (several `<Event>` roots), `Get-WinEvent | % ToXml()`, Event
//! Viewer "Save as XML" (`<Events>` around them), and the XML the evtx crate renders.
//!
//! Provider and event id are read together (with Qualifiers), plus time, computer, channel,
//! record id, level, and every EventData/UserData value in order. The 12309/12310 payload layout
//! is not publicly documented, so HRESULTs and GUIDs are found among the values wherever they
//! are, and the raw values are kept for display.

use avma_core::text::Msg;
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use crate::observe::{ArtifactKind, EventRecord, Fact, Provenance, ReadResult};
use crate::util::{guids, hresults};

pub fn looks_like(text_start: &str) -> bool {
    let t = text_start.trim_start_matches('\u{feff}').trim_start();
    (t.starts_with('<') && (t.contains("<Event") || t.contains("<Events")))
        || t.starts_with("<?xml")
}

fn local(name: &[u8]) -> &[u8] {
    match name.iter().rposition(|&b| b == b':') {
        Some(i) => &name[i + 1..],
        None => name,
    }
}

fn attr(e: &BytesStart<'_>, key: &[u8]) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| local(a.key.as_ref()) == key)
        .and_then(|a| a.unescape_value().ok().map(|v| v.into_owned()))
}

fn new_record() -> EventRecord {
    EventRecord::default()
}

/// Is this one of the AVMA events (12308-12310, whatever provider the form names)?
pub fn is_avma_event(id: u32) -> bool {
    (12308..=12310).contains(&id)
}

/// The machine a text names right after a label of `labels` (`Host: HV-NODE4`,
/// `HostName=HV-NODE4`): the 12309/12310 message layout is undocumented, so a name is taken
/// only where a label says what it is.
fn named_after(text: &str, host: bool) -> Option<String> {
    static H: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    static G: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let r = if host {
        crate::util::re(
            &H,
            r"(?im)(?:^|[.;,(\]。、，；]\s*)(?:virtuali[sz]ation host|host ?(?:machine ?)?name|host|ホスト名?|hôte)\s*[:=：]\s*([A-Za-z0-9][A-Za-z0-9.-]*)",
        )
    } else {
        crate::util::re(
            &G,
            r"(?im)(?:^|[.;,(\]。、，；]\s*)(?:guest ?(?:name)?|vm ?(?:name)?|virtual machine|ゲスト名?|仮想マシン名?|gast|invité)\s*[:=：]\s*([A-Za-z0-9][A-Za-z0-9.-]*)",
        )
    };
    // The last label wins: a sentence may name a guest in passing before the labelled one.
    // A name cut by the console (`HV...`, `HV…`) is no name, nor is the start of a word that
    // goes on with other characters (`HV'$(calc)`): a name ends at a space, the end or a
    // clause's punctuation.
    r.captures_iter(text)
        .last()
        .filter(|c| {
            let end = c.get(1).map_or(0, |m| m.end());
            let whole = text[end..]
                .chars()
                .next()
                .is_none_or(|ch| ch.is_whitespace() || ",;)]。、，；\"<>".contains(ch));
            !c[1].ends_with("..") && whole
        })
        .map(|c| c[1].trim_end_matches(['.', '-']).to_string())
        .filter(|n| !n.is_empty() && n.chars().any(|c| c.is_ascii_alphabetic()))
}

/// The host a 12308-12310 message names in its sentence, without a label (`The virtualization
/// host HV-FAB-07 could not activate`, `activated by the host HV-01`, `vom Host HV-01`, `l'hôte
/// HV-01`, `ホスト HV-01 によって`, `host machine hv-node2.corp.example`, `ホスト マシン HVNODE3`):
/// the word for host (and for machine), then a machine name. Only a name shaped like one is taken
/// (letters with a digit or a dash, an upper-case letter or a DNS name's dots, whole: not cut by
/// the console), so that `the host activated a virtual mac...` names nothing.
fn host_in_sentence(text: &str) -> Option<String> {
    static R: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let r = crate::util::re(
        &R,
        r"(?i:\b(?:virtuali[sz]ation host|virtualisierungshost|host|hôte|hote|anfitrión|хост)\b|ホスト|主机|호스트)\s*(?i:(?:machine|computer|server)\s+|(?:マシン|コンピューター|コンピュータ)\s*)?[\x{201c}\x{201d}\x{201e}\x{ab}\x{bb}'\x{300c}\x{300e}\x{22}]?([A-Za-z0-9][A-Za-z0-9.-]*)",
    );
    r.captures_iter(text).find_map(|c| {
        let m = c.get(1)?;
        let rest = &text[m.end()..];
        let whole = rest.chars().next().is_none_or(|ch| {
            ch.is_whitespace()
                || ",;:)]。、，；\"'<>!?\u{201c}\u{201d}\u{bb}\u{300d}\u{300f}".contains(ch)
                || (ch == '.' && !rest.starts_with(".."))
        });
        let name = m.as_str().trim_end_matches(['.', '-']);
        // A lower-case name is one when it is a DNS name (`hv-node2.corp.example`).
        let fqdn = name.split('.').filter(|p| !p.is_empty()).count() >= 2;
        let shaped = name.chars().any(|ch| ch.is_ascii_digit() || ch == '-')
            && (fqdn || name.chars().any(|ch| ch.is_ascii_uppercase()))
            && name.chars().any(|ch| ch.is_ascii_alphabetic())
            && !m.as_str().ends_with("..")
            && crate::clean::is_host_name(name.split('.').next().unwrap_or(name));
        (whole && shaped).then(|| name.to_string())
    })
}

/// Finish a record: find HRESULTs and GUIDs among its values and message; for the AVMA events,
/// the result and the host or guest its message (or a value) names.
pub fn finish(mut rec: EventRecord) -> EventRecord {
    let mut texts: Vec<&str> = rec.data.iter().map(String::as_str).collect();
    if let Some(m) = rec.message.as_deref() {
        if !rec.data.iter().any(|d| d == m) {
            texts.push(m);
        }
    }
    let mut hr: Vec<u32> = Vec::new();
    let mut gs: Vec<String> = Vec::new();
    for d in &texts {
        for h in hresults(d) {
            if !hr.contains(&h) {
                hr.push(h);
            }
        }
        for g in guids(d) {
            if !gs.contains(&g) {
                gs.push(g);
            }
        }
    }
    if is_avma_event(rec.event_id) {
        let all = texts.join("\n");
        rec.result = avma_core::judge::AvmaResult::in_message(&all);
        rec.named_host = named_after(&all, true).or_else(|| host_in_sentence(&all));
        rec.named_guest = named_after(&all, false);
    }
    rec.hresults = hr;
    rec.guids = gs;
    rec
}

/// Why an XML text stopped being read, at which byte.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum XmlProblem {
    /// A tag, comment, CDATA section or declaration is not closed before the text ends.
    Unclosed { byte: usize },
    /// An end tag that does not match the element open there.
    EndTag { byte: usize },
    /// Any other markup error.
    Markup { byte: usize },
    /// The `<Event>` that starts at this byte is not closed before the text ends.
    EventNotClosed { byte: usize },
}

impl XmlProblem {
    pub fn byte(self) -> usize {
        match self {
            XmlProblem::Unclosed { byte }
            | XmlProblem::EndTag { byte }
            | XmlProblem::Markup { byte }
            | XmlProblem::EventNotClosed { byte } => byte,
        }
    }
    /// The message id that says it (its arguments: `line`, `byte`).
    pub fn message_id(self) -> &'static str {
        match self {
            XmlProblem::Unclosed { .. } => "reader-xml-unclosed",
            XmlProblem::EndTag { .. } => "reader-xml-end-tag",
            XmlProblem::Markup { .. } => "reader-xml-markup",
            XmlProblem::EventNotClosed { .. } => "reader-xml-event-not-closed",
        }
    }
}

fn xml_problem(e: &quick_xml::Error, byte: usize) -> XmlProblem {
    use quick_xml::errors::{IllFormedError, SyntaxError};
    match e {
        quick_xml::Error::Syntax(
            SyntaxError::UnclosedTag
            | SyntaxError::UnclosedComment
            | SyntaxError::UnclosedCData
            | SyntaxError::UnclosedDoctype
            | SyntaxError::UnclosedPIOrXmlDecl,
        )
        | quick_xml::Error::IllFormed(IllFormedError::MissingEndTag(_)) => {
            XmlProblem::Unclosed { byte }
        }
        quick_xml::Error::IllFormed(
            IllFormedError::MismatchedEndTag { .. } | IllFormedError::UnmatchedEndTag(_),
        ) => XmlProblem::EndTag { byte },
        _ => XmlProblem::Markup { byte },
    }
}

/// Parse every `<Event>` in an XML text. Returns the records with the byte offset of each.
pub fn parse_events(text: &str) -> (Vec<(EventRecord, usize)>, Option<XmlProblem>) {
    let mut reader = Reader::from_str(text);
    reader.config_mut().trim_text(true);
    let mut out = Vec::new();
    let mut cur: Option<(EventRecord, usize)> = None;
    let mut path: Vec<Vec<u8>> = Vec::new();
    let mut data_name: Option<String> = None;
    let mut error = None;
    loop {
        let pos = reader.buffer_position() as usize;
        let ev = match reader.read_event() {
            Ok(e) => e,
            Err(e) => {
                // The event being read is cut: it is dropped, not kept half-read.
                error = Some(xml_problem(&e, reader.error_position() as usize));
                cur = None;
                break;
            }
        };
        match ev {
            Event::Eof => break,
            Event::Start(e) if local(e.name().as_ref()) == b"Event" => {
                if let Some(done) = cur.take() {
                    out.push((finish(done.0), done.1));
                }
                cur = Some((new_record(), pos));
                path.clear();
                path.push(b"Event".to_vec());
            }
            Event::Start(e) => {
                let name = local(e.name().as_ref()).to_vec();
                if let Some((rec, _)) = cur.as_mut() {
                    start_elem(rec, &e, &name, &path, &mut data_name);
                }
                path.push(name);
            }
            Event::Empty(e) => {
                let name = local(e.name().as_ref()).to_vec();
                if let Some((rec, _)) = cur.as_mut() {
                    start_elem(rec, &e, &name, &path, &mut data_name);
                    // <Data Name="x"/>: an empty value still counts.
                    if name == b"Data" && in_data(&path) {
                        rec.data.push(match data_name.take() {
                            Some(n) => format!("{n}="),
                            None => String::new(),
                        });
                    }
                }
            }
            Event::Text(t) => {
                let text = t.decode().map(|c| c.into_owned()).unwrap_or_default();
                let text = quick_xml::escape::unescape(&text)
                    .map(|c| c.into_owned())
                    .unwrap_or(text);
                if let (Some((rec, _)), Some(last)) = (cur.as_mut(), path.last()) {
                    text_in(rec, last, &path, &text, &mut data_name);
                }
            }
            Event::CData(t) => {
                let text = String::from_utf8_lossy(t.as_ref()).into_owned();
                if let (Some((rec, _)), Some(last)) = (cur.as_mut(), path.last()) {
                    text_in(rec, last, &path, &text, &mut data_name);
                }
            }
            Event::End(e) => {
                let name = local(e.name().as_ref()).to_vec();
                if name == b"Event" {
                    if let Some(done) = cur.take() {
                        out.push((finish(done.0), done.1));
                    }
                    path.clear();
                } else {
                    if name == b"Data" {
                        if let (Some((rec, _)), Some(n)) = (cur.as_mut(), data_name.take()) {
                            // <Data Name="x"></Data>
                            rec.data.push(format!("{n}="));
                        }
                    }
                    path.pop();
                }
            }
            _ => {}
        }
    }
    if let Some((_, at)) = cur.take() {
        error.get_or_insert(XmlProblem::EventNotClosed { byte: at });
    }
    (out, error)
}

fn in_data(path: &[Vec<u8>]) -> bool {
    path.iter().any(|p| p == b"EventData")
}

fn in_rendering(path: &[Vec<u8>]) -> bool {
    path.iter().any(|p| p == b"RenderingInfo")
}

fn in_user_data(path: &[Vec<u8>]) -> bool {
    path.iter().any(|p| p == b"UserData")
}

fn start_elem(
    rec: &mut EventRecord,
    e: &BytesStart<'_>,
    name: &[u8],
    path: &[Vec<u8>],
    data_name: &mut Option<String>,
) {
    match name {
        b"Provider" => {
            if let Some(n) = attr(e, b"Name") {
                rec.provider = n;
            }
        }
        b"EventID" => rec.qualifiers = attr(e, b"Qualifiers").and_then(|q| q.parse().ok()),
        b"TimeCreated" => rec.time = attr(e, b"SystemTime"),
        b"Data" if in_data(path) || path.last().is_some_and(|p| p == b"EventData") => {
            *data_name = attr(e, b"Name");
        }
        _ => {}
    }
}

fn text_in(
    rec: &mut EventRecord,
    last: &[u8],
    path: &[Vec<u8>],
    text: &str,
    data_name: &mut Option<String>,
) {
    let in_system = path.iter().any(|p| p == b"System");
    match last {
        b"EventID" if in_system => rec.event_id = text.trim().parse().unwrap_or(0),
        b"EventRecordID" if in_system => rec.record_id = text.trim().parse().ok(),
        b"Computer" if in_system => rec.computer = Some(text.trim().to_string()),
        b"Channel" if in_system => rec.channel = Some(text.trim().to_string()),
        b"Level" if in_system => rec.level = text.trim().parse().ok(),
        // Get-WinEvent's ToXml() and Event Viewer's saved XML carry the rendered message.
        b"Message" if in_rendering(path) => {
            let t = text.trim();
            if !t.is_empty() {
                rec.message = Some(match rec.message.take() {
                    Some(m) => format!("{m}\n{t}"),
                    None => t.to_string(),
                });
            }
        }
        b"Level" if in_rendering(path) => {
            let t = text.trim();
            if !t.is_empty() {
                rec.level_name = Some(t.to_string());
            }
        }
        b"Data" if in_data(path) => rec.data.push(match data_name.take() {
            Some(n) => format!("{n}={text}"),
            None => text.to_string(),
        }),
        _ if in_user_data(path) => {
            rec.data
                .push(format!("{}={text}", String::from_utf8_lossy(last)));
        }
        _ => {}
    }
}

/// Read an event XML text.
pub fn read(file: &str, text: &str) -> ReadResult {
    read_at(file, text, &[])
}

/// [`read`] where the text's line `i` (0-based) is input line `nums[i]` (the text was cleaned of
/// Event Viewer's markers and prompts first).
pub fn read_at(file: &str, text: &str, nums: &[u64]) -> ReadResult {
    let mut r = ReadResult::new(file, ArtifactKind::EventXml);
    let (records, error) = parse_events(text);
    // Line numbers are counted incrementally: records come in the order of their offsets, so
    // each newline of the text is counted once (linear in the text, not records × text).
    let mut counted_to = 0usize;
    let mut line_at = 1u64;
    for (rec, offset) in records {
        // The reader's position may sit before whitespace that precedes the element.
        let ws = text
            .get(offset..)
            .map_or(0, |t| t.len() - t.trim_start().len());
        let start = (offset + ws).min(text.len());
        if start >= counted_to {
            if let Some(seg) = text.as_bytes().get(counted_to..start) {
                line_at += memchr::memchr_iter(b'\n', seg).count() as u64;
            }
            counted_to = start;
        }
        let line = nums.get(line_at as usize - 1).copied().unwrap_or(line_at);
        r.placed.push(line);
        let from = Provenance {
            file: file.to_string(),
            line: Some(line),
            record: rec.record_id,
            reader: "event-xml",
        };
        if let Some(c) = &rec.computer {
            r.push(Fact::ComputerName { name: c.clone() }, from.clone());
        }
        r.push(Fact::Event(Box::new(rec)), from);
    }
    if let Some(e) = error {
        let byte = e.byte().min(text.len());
        let nl = text
            .as_bytes()
            .get(..byte)
            .map_or(0, |b| memchr::memchr_iter(b'\n', b).count());
        let line = nums.get(nl).copied().unwrap_or(nl as u64 + 1);
        r.problem(
            Some(line),
            Msg::new(e.message_id()).arg("byte", byte as i64),
        );
    }
    if r.observations.is_empty() {
        r.problem(None, Msg::new("reader-no-event"));
    }
    r
}

#[cfg(test)]
mod tests {
    use super::{host_in_sentence, named_after};

    #[test]
    fn a_host_named_in_the_sentence() {
        let h = |t: &str| host_in_sentence(t);
        assert_eq!(
            h("Invalid Host. The virtualization host HV-FAB-07 could not activate this VM.")
                .as_deref(),
            Some("HV-FAB-07")
        );
        assert_eq!(
            h("This virtual machine was activated by the host HVN-OSL-3.").as_deref(),
            Some("HVN-OSL-3")
        );
        assert_eq!(
            h("Der Virtualisierungshost HV-LNZ-07 konnte ...").as_deref(),
            Some("HV-LNZ-07")
        );
        assert_eq!(
            h("ホスト HV-KYO-2 によってライセンス認証されました").as_deref(),
            Some("HV-KYO-2")
        );
        // A word, a cut name, a lower-case hyphenated word, a host inside a word: none.
        assert_eq!(h("the host activated a virtual mac..."), None);
        assert_eq!(h("activated by the host HV..."), None);
        assert_eq!(h("the host re-activation failed"), None);
        assert_eq!(h("localhost HV-01"), None);
    }

    #[test]
    fn a_name_is_taken_whole_or_not_at_all() {
        assert_eq!(
            named_after(
                "AVMA activation request: Invalid Host. Host: HV-NODE4.",
                true
            ),
            Some("HV-NODE4".to_string())
        );
        assert_eq!(
            named_after("Host: HV-NODE4; Guest: SQL-10", false),
            Some("SQL-10".to_string())
        );
        // The start of a word that goes on is no name (a hostile or mangled one).
        assert_eq!(named_after("Host: HV'$(calc)&rem", true), None);
        assert_eq!(named_after("Host: HV…", true), None);
    }
}
