//! Product keys: normalizing, finding them in text, and redacting the ones that are not public.
//!
//! Invariant: a key that is not in the catalog (not an AVMA or KMS client setup key) is only
//! ever shown as [`ProductKey::redacted`], i.e. its last five characters.

use std::fmt;

use crate::catalog::Catalog;

/// A syntactically valid 5×5 product key, upper-case ASCII with plain hyphens.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct ProductKey(String);

impl fmt::Debug for ProductKey {
    // Debug output never shows a full key: the Debug form may end up in logs or panics.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ProductKey({})", self.redacted())
    }
}

/// Fold full-width forms and dash look-alikes to ASCII, so that keys typed in a Japanese IME or
/// pasted from a blog (em-dashes) are recognized.
pub fn fold_char(c: char) -> char {
    match c {
        '\u{FF10}'..='\u{FF19}' => char::from_u32(c as u32 - 0xFF10 + '0' as u32).unwrap_or(c),
        '\u{FF21}'..='\u{FF3A}' => char::from_u32(c as u32 - 0xFF21 + 'A' as u32).unwrap_or(c),
        '\u{FF41}'..='\u{FF5A}' => char::from_u32(c as u32 - 0xFF41 + 'a' as u32).unwrap_or(c),
        c if is_dash(c) => '-',
        _ => c,
    }
}

/// A hyphen or anything a keyboard, an IME or a word processor puts in its place: the hyphens and
/// dashes of U+2010..U+2015, minus signs (U+2212, U+207B, U+208B, U+02D7, U+2796), the small and
/// full-width hyphen-minus (U+FE63, U+FF0D), the small em dash (U+FE58), the katakana long vowel
/// marks (U+30FC, U+FF70), and the other dashes of Unicode's Dash property that look like one.
pub fn is_dash(c: char) -> bool {
    matches!(
        c,
        '-' | '\u{2010}'
            ..='\u{2015}'
                | '\u{2212}'
                | '\u{207B}'
                | '\u{208B}'
                | '\u{02D7}'
                | '\u{2796}'
                | '\u{FE58}'
                | '\u{FE63}'
                | '\u{FF0D}'
                | '\u{30FC}'
                | '\u{FF70}'
                | '\u{2043}'
                | '\u{2E3A}'
                | '\u{2E3B}'
                | '\u{2E17}'
                | '\u{2E1A}'
                | '\u{2E40}'
                | '\u{FE31}'
                | '\u{FE32}'
                | '\u{058A}'
                | '\u{05BE}'
                | '\u{1806}'
                | '\u{30A0}'
    )
}

/// Characters that show nothing, or only steer the layout: control characters (but line breaks and
/// tabs), the soft hyphen, zero-width spaces and joiners, word joiner and invisible operators, byte
/// order mark, bidi marks, embeddings, overrides and isolates, variation selectors, fillers, tags.
/// Redaction looks through them: a key with a zero-width space inside is still a key.
pub fn is_invisible(c: char) -> bool {
    (c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
        || matches!(
            c,
            '\u{00AD}'
                | '\u{034F}'
                | '\u{061C}'
                | '\u{115F}'
                | '\u{1160}'
                | '\u{17B4}'
                | '\u{17B5}'
                | '\u{180B}'..='\u{180F}'
                | '\u{200B}'..='\u{200F}'
                | '\u{202A}'..='\u{202E}'
                | '\u{2060}'..='\u{206F}'
                | '\u{3164}'
                | '\u{FE00}'..='\u{FE0F}'
                | '\u{FEFF}'
                | '\u{FFA0}'
                | '\u{FFF9}'..='\u{FFFB}'
                | '\u{1BCA0}'..='\u{1BCA3}'
                | '\u{E0000}'..='\u{E0FFF}'
        )
}

fn is_key_char(c: char) -> bool {
    c.is_ascii_alphanumeric()
}

impl ProductKey {
    /// Parse a whole string as a product key (surrounding whitespace allowed).
    pub fn parse(s: &str) -> Option<ProductKey> {
        let folded: String = s.trim().chars().map(fold_char).collect();
        let groups: Vec<&str> = folded.split('-').collect();
        if groups.len() != 5 {
            return None;
        }
        if groups
            .iter()
            .all(|g| g.chars().count() == 5 && g.chars().all(is_key_char))
        {
            Some(ProductKey(folded.to_ascii_uppercase()))
        } else {
            None
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn last5(&self) -> &str {
        &self.0[self.0.len() - 5..]
    }

    /// `XXXXX-XXXXX-XXXXX-XXXXX-ABCDE`.
    pub fn redacted(&self) -> String {
        format!("XXXXX-XXXXX-XXXXX-XXXXX-{}", self.last5())
    }

    /// The full key if it is public (in the catalog), its redacted form otherwise.
    pub fn display(&self, cat: &Catalog) -> String {
        if cat.key(self).is_some() {
            self.0.clone()
        } else {
            self.redacted()
        }
    }
}

/// A key found in a line of text, with its character span (byte offsets into the line).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundKey {
    pub key: ProductKey,
    pub start: usize,
    pub end: usize,
}

/// Find every 5×5 key in `line`. A key must not be glued to other key characters on either
/// side (so a longer token is not cut into a key).
pub fn find_keys(line: &str) -> Vec<FoundKey> {
    // Cheap rejection for the common line: a key is 29 characters with four hyphens.
    if line.len() < 29
        || (line.is_ascii() && memchr::memchr_iter(b'-', line.as_bytes()).nth(3).is_none())
    {
        return Vec::new();
    }
    let chars: Vec<(usize, char)> = line.char_indices().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = fold_char(chars[i].1);
        let prev_ok = i == 0 || {
            let p = fold_char(chars[i - 1].1);
            !is_key_char(p) && p != '-'
        };
        if is_key_char(c) && prev_ok {
            if let Some(end) = match_key_at(&chars, i) {
                let start_b = chars[i].0;
                let end_b = chars.get(end).map_or(line.len(), |&(b, _)| b);
                if let Some(key) = ProductKey::parse(&line[start_b..end_b]) {
                    out.push(FoundKey {
                        key,
                        start: start_b,
                        end: end_b,
                    });
                    i = end;
                    continue;
                }
            }
        }
        i += 1;
    }
    out
}

/// If a key starts at char index `i`, return the char index just past it.
fn match_key_at(chars: &[(usize, char)], i: usize) -> Option<usize> {
    let mut j = i;
    for group in 0..5 {
        for _ in 0..5 {
            let c = fold_char(chars.get(j)?.1);
            if !is_key_char(c) {
                return None;
            }
            j += 1;
        }
        if group < 4 {
            if fold_char(chars.get(j)?.1) != '-' {
                return None;
            }
            j += 1;
        }
    }
    match chars.get(j) {
        Some(&(_, c)) if is_key_char(fold_char(c)) || fold_char(c) == '-' => None,
        _ => Some(j),
    }
}

/// Replace every non-public key in `text` by its redacted form: the last five characters stay,
/// every other key character becomes `X`. The CLI runs it on every value as it enters the model
/// and on everything it writes, as a last line of defence.
///
/// Redaction looks for keys harder than [`find_keys`] does, because a miss leaks a secret while a
/// false hit only masks text:
/// * the key may be glued to anything (`SRV-KEY`, `KEY-`, `--KEY`, `key-KEY.json`, a letter of a
///   JSON escape as in `notes\nKEY`, `キー` whose long vowel mark looks like a hyphen);
/// * dash look-alikes ([`is_dash`]) and full-width letters count as their ASCII forms;
/// * invisible characters ([`is_invisible`]) are looked through, and so are the escapes that stand
///   for them in avma's output (`\uXXXX`, `\xHH`, `<U+XXXX>`, `\t`);
/// * a key may be wrapped over two lines (`Format-List` wraps long values): a line break with the
///   blanks around it, raw or escaped as `\n`, may sit anywhere in it (at most three per key).
///
/// Only public keys (the catalog's AVMA and KMS client setup keys) stay whole. When two candidate
/// keys overlap (`KEY-ABCDE` holds two 5×5 shapes) the whole run is masked but its last five.
pub fn redact_text(text: &str, cat: &Catalog) -> String {
    match redact_cow(text, cat) {
        std::borrow::Cow::Borrowed(s) => s.to_string(),
        std::borrow::Cow::Owned(s) => s,
    }
}

/// [`redact_text`] without copying when there is nothing to redact.
pub fn redact_cow<'a>(text: &'a str, cat: &Catalog) -> std::borrow::Cow<'a, str> {
    // A key is 25 key characters and 4 separators, at least 29 bytes.
    if text.len() < 29 {
        return std::borrow::Cow::Borrowed(text);
    }
    let spans = private_key_spans(text, cat);
    if spans.is_empty() {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = mask_spans(text, &spans);
    // Masking writes `X`s, which are key characters: next to a wrap or an escape they can complete
    // a new key shape with characters left visible (found by the redact_escape fuzz target). Mask
    // again until nothing changes, so that redaction is idempotent; each pass only masks more, and
    // the number of passes is bounded.
    for _ in 0..MAX_REDACT_PASSES {
        let spans = private_key_spans(&out, cat);
        if spans.is_empty() {
            break;
        }
        let next = mask_spans(&out, &spans);
        if next == out {
            break;
        }
        out = next;
    }
    std::borrow::Cow::Owned(out)
}

/// How many times [`redact_cow`] masks again the text it masked (see there).
const MAX_REDACT_PASSES: usize = 8;

fn mask_spans(text: &str, spans: &[(usize, usize)]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for &(start, end) in spans {
        out.push_str(&text[last..start]);
        mask(&text[start..end], &mut out);
        last = end;
    }
    out.push_str(&text[last..]);
    out
}

/// Redact a value in place; `true` when something was masked.
pub fn redact_string(s: &mut String, cat: &Catalog) -> bool {
    if let std::borrow::Cow::Owned(r) = redact_cow(s, cat) {
        *s = r;
        true
    } else {
        false
    }
}

/// Whether `text` holds a key that is not public (as [`redact_text`] finds them).
pub fn holds_private_key(text: &str, cat: &Catalog) -> bool {
    text.len() >= 29 && !private_key_spans(text, cat).is_empty()
}

/// What the redaction scanner sees at a byte offset.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Tok {
    /// A key character, folded to upper-case ASCII.
    Key(u8),
    Dash,
    /// Invisible: looked through.
    Skip,
    /// A line break with the blanks around it: looked through a few times per key.
    Join,
    Other,
}

fn is_hex(b: u8) -> bool {
    b.is_ascii_hexdigit()
}

fn newline_at(b: &[u8], i: usize) -> usize {
    match b.get(i..) {
        Some([b'\r', ..]) | Some([b'\n', ..]) => 1,
        Some([b'\\', b'r', ..]) | Some([b'\\', b'n', ..]) => 2,
        Some([0xE2, 0x80, 0xA8, ..]) | Some([0xE2, 0x80, 0xA9, ..]) => 3,
        _ => 0,
    }
}

fn blanks_at(b: &[u8], mut i: usize) -> usize {
    while matches!(b.get(i), Some(b' ') | Some(b'\t')) {
        i += 1;
    }
    i
}

/// The token at byte `i` of `s` (a char boundary) and the offset just past it. `esc`: read the
/// escapes that stand for invisible characters and line breaks (`\uXXXX`, `\xHH`, `\n`, `<U+XXXX>`)
/// as what they stand for.
fn tok_at(s: &str, i: usize, esc: bool) -> (Tok, usize) {
    let b = s.as_bytes();
    match b[i] {
        b'\\' if esc => {
            let hex = |from: usize, n: usize| {
                b.get(from..from + n)
                    .is_some_and(|h| h.iter().all(|&x| is_hex(x)))
            };
            match b.get(i + 1) {
                Some(b'u') if hex(i + 2, 4) => return (Tok::Skip, i + 6),
                Some(b'x') if hex(i + 2, 2) => return (Tok::Skip, i + 4),
                Some(b't') | Some(b'b') | Some(b'f') => return (Tok::Skip, i + 2),
                Some(b'n') | Some(b'r') => return join_from(b, i),
                _ => return (Tok::Other, i + 1),
            }
        }
        b'<' if esc && b.get(i + 1..i + 3) == Some(b"U+") => {
            let mut j = i + 3;
            while j < b.len() && j < i + 9 && is_hex(b[j]) {
                j += 1;
            }
            if j - (i + 3) >= 4 && b.get(j) == Some(&b'>') {
                return (Tok::Skip, j + 1);
            }
            return (Tok::Other, i + 1);
        }
        b' ' | b'\t' | b'\r' | b'\n' => return join_from(b, i),
        _ => {}
    }
    let Some(c) = s[i..].chars().next() else {
        return (Tok::Other, i + 1);
    };
    let next = i + c.len_utf8();
    if c == '\u{2028}' || c == '\u{2029}' {
        return join_from(b, i);
    }
    if is_invisible(c) {
        return (Tok::Skip, next);
    }
    let f = fold_char(c);
    if f.is_ascii_alphanumeric() {
        (Tok::Key(f.to_ascii_uppercase() as u8), next)
    } else if f == '-' {
        (Tok::Dash, next)
    } else {
        (Tok::Other, next)
    }
}

/// Blanks, at least one line break (raw or escaped), blanks: a `Join`; blanks alone: `Other`.
fn join_from(b: &[u8], i: usize) -> (Tok, usize) {
    let mut j = blanks_at(b, i);
    let mut breaks = 0;
    loop {
        let n = newline_at(b, j);
        if n == 0 {
            break;
        }
        breaks += 1;
        j += n;
    }
    if breaks == 0 {
        return (Tok::Other, j.max(i + 1));
    }
    // A wrapped value usually continues on an indented line (`Format-List`), but not always: a
    // bare break is looked through too. The price is that letters glued to a line break before a
    // key may be masked with it (`\x1b[31m\nSRV-KEY` shows `\x1b[3XX\nXXX-…`); a miss would leak.
    (Tok::Join, blanks_at(b, j))
}

/// If a 5×5 key starts at byte `i`, its end and its folded text.
fn key_at(s: &str, i: usize, esc: bool) -> Option<(usize, [u8; 29])> {
    let mut key = [0u8; 29];
    let mut n = 0;
    let mut pos = i;
    let mut joins = 0;
    for slot in 0..29 {
        let want_dash = slot % 6 == 5;
        loop {
            if pos >= s.len() {
                return None;
            }
            let (t, next) = tok_at(s, pos, esc);
            match t {
                Tok::Skip if slot > 0 => pos = next,
                Tok::Join if slot > 0 && joins < 3 => {
                    joins += 1;
                    pos = next;
                }
                Tok::Key(c) if !want_dash => {
                    key[n] = c;
                    n += 1;
                    pos = next;
                    break;
                }
                Tok::Dash if want_dash => {
                    key[n] = b'-';
                    n += 1;
                    pos = next;
                    break;
                }
                _ => return None,
            }
        }
    }
    Some((pos, key))
}

/// Byte spans (merged when they overlap) of every non-public key shape in `text`, read once with
/// escapes understood and once without (an escape may swallow a key's first letter: `\\t62P2-…`).
fn private_key_spans(text: &str, cat: &Catalog) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut public = Vec::new();
    collect_spans(text, cat, true, &mut spans, &mut public);
    if text.contains(['\\', '<']) {
        collect_spans(text, cat, false, &mut spans, &mut public);
    }
    // A span never starts inside an escape (`\u0007` would become `\u00XX`, which is not JSON):
    // it then starts at the escape's backslash, and the whole escape is dropped with the key.
    for sp in spans.iter_mut().chain(public.iter_mut()) {
        sp.0 = escape_covering(text, sp.0);
    }
    let mut merged = merge_spans(spans);
    // A public key that overlaps a masked run is masked with it: left half shown, it would read
    // as a different key once the run is masked (and masking would not be idempotent).
    if !public.is_empty() && !merged.is_empty() {
        loop {
            let before = merged.len();
            let mut grown = merged.clone();
            grown.extend(
                public
                    .iter()
                    .filter(|(a, b)| merged.iter().any(|(x, y)| a < y && x < b)),
            );
            let next = merge_spans(grown);
            let same = next.len() == before && next == merged;
            merged = next;
            if same {
                break;
            }
        }
    }
    merged
}

fn merge_spans(mut spans: Vec<(usize, usize)>) -> Vec<(usize, usize)> {
    spans.sort_unstable();
    let mut merged: Vec<(usize, usize)> = Vec::with_capacity(spans.len());
    for (a, b) in spans {
        match merged.last_mut() {
            Some(last) if a < last.1 => last.1 = last.1.max(b),
            _ => merged.push((a, b)),
        }
    }
    merged
}

/// The start of the escape (`\uXXXX`, `\xHH`, `\t`, `\n`, `<U+XXXX>`) that byte `i` is inside of,
/// else `i`. A backslash preceded by an odd run of backslashes is itself escaped, not an escape.
fn escape_covering(text: &str, i: usize) -> usize {
    let b = text.as_bytes();
    for back in 1..=10usize {
        let Some(at) = i.checked_sub(back) else {
            break;
        };
        if !matches!(b[at], b'\\' | b'<') {
            continue;
        }
        if b[at] == b'\\' && b[..at].iter().rev().take_while(|&&c| c == b'\\').count() % 2 == 1 {
            continue;
        }
        let (t, next) = tok_at(text, at, true);
        if matches!(t, Tok::Skip | Tok::Join) && next > i {
            return at;
        }
    }
    i
}

fn collect_spans(
    text: &str,
    cat: &Catalog,
    esc: bool,
    spans: &mut Vec<(usize, usize)>,
    public: &mut Vec<(usize, usize)>,
) {
    let mut push = |start: usize| {
        if let Some((end, key)) = key_at(text, start, esc) {
            let k = std::str::from_utf8(&key).ok().and_then(ProductKey::parse);
            if k.is_none_or(|k| cat.key(&k).is_none()) {
                spans.push((start, end));
            } else {
                public.push((start, end));
            }
        }
    };
    // Starts of the key characters of the current run (through invisibles and line breaks); a key
    // can only start five key characters before a dash.
    let mut run: [usize; 5] = [0; 5];
    let mut run_len = 0usize;
    // When the run holds escapes (`\\t`, `\\x1b`, `\\n`), their letters may be the key's own
    // (`\\t62P2-…` is a tab and `62P2`, or a backslash and `T62P2`): those letters are tried as
    // starts too (the last 32; runs with escapes are rare).
    let mut letters: std::collections::VecDeque<usize> = Default::default();
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        // Plain ASCII decides itself (whole runs at once); everything else goes through the
        // tokenizer.
        let c = b[i];
        if c.is_ascii_alphanumeric() {
            let start = i;
            while i < b.len() && b[i].is_ascii_alphanumeric() {
                i += 1;
            }
            let n = i - start;
            let from = if n >= 5 { i - 5 } else { start };
            run_len += from - start;
            for p in from..i {
                run[run_len % 5] = p;
                run_len += 1;
            }
            continue;
        }
        if c.is_ascii_graphic() && c != b'-' && c != b'\\' && c != b'<' {
            while i < b.len()
                && b[i].is_ascii_graphic()
                && !b[i].is_ascii_alphanumeric()
                && !matches!(b[i], b'-' | b'\\' | b'<')
            {
                i += 1;
            }
            run_len = 0;
            letters.clear();
            continue;
        }
        let (t, next) = if c == b'-' {
            (Tok::Dash, i + 1)
        } else if c.is_ascii_graphic() && c != b'\\' && c != b'<' {
            (Tok::Other, i + 1)
        } else {
            tok_at(text, i, esc)
        };
        match t {
            Tok::Key(_) => {
                run[run_len % 5] = i;
                run_len += 1;
            }
            Tok::Dash => {
                if run_len >= 5 {
                    push(run[run_len % 5]);
                }
                for &p in &letters {
                    push(p);
                }
                run_len = 0;
                letters.clear();
            }
            Tok::Skip | Tok::Join => {
                if b[i] == b'\\' {
                    for (off, ch) in text[i + 1..next].char_indices() {
                        if ch.is_ascii_alphanumeric() {
                            if letters.len() == 32 {
                                letters.pop_front();
                            }
                            letters.push_back(i + 1 + off);
                        }
                    }
                }
            }
            Tok::Other => {
                run_len = 0;
                letters.clear();
            }
        }
        i = next;
    }
}

/// Write the masked form of a span: its last five key characters, every other key character as
/// `X`, dashes as `-`, line breaks kept, invisibles dropped.
fn mask(span: &str, out: &mut String) {
    let mut toks = Vec::new();
    let mut i = 0;
    while i < span.len() {
        let (t, next) = tok_at(span, i, true);
        toks.push((t, i, next));
        i = next;
    }
    let keys = toks.iter().filter(|t| matches!(t.0, Tok::Key(_))).count();
    let mut seen = 0;
    for (t, a, b) in toks {
        match t {
            Tok::Key(c) => {
                seen += 1;
                out.push(if seen + 5 > keys { c as char } else { 'X' });
            }
            Tok::Dash => out.push('-'),
            Tok::Join | Tok::Other => out.push_str(&span[a..b]),
            Tok::Skip => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Found by the redact_escape fuzz target: masking wrote `X`s that, across line wraps, made
    /// a new key shape with characters left visible; a second pass masked more.
    #[test]
    fn masking_never_makes_a_new_key_shape() {
        let cat = Catalog::builtin();
        let bytes: &[u8] = &[
            0x3c, 0x93, 0x48, 0x54, 0x44, 0x51, 0x07, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
            0x4d, 0x2d, 0x4e, 0x0a, 0x0a, 0x0a, 0x0a, 0x00, 0x0a, 0x0a, 0x42, 0x38, 0x46, 0x4d,
            0x2d, 0x44, 0x32, 0x34, 0x57, 0x37, 0x2d, 0x54, 0x54, 0x44, 0x51, 0x07, 0x00, 0x00,
            0x00, 0x00, 0x00, 0x00, 0x00, 0x4d, 0x2d, 0x4e, 0x0a, 0x0a, 0x0a, 0x0a, 0x0a, 0x14,
            0x0a, 0x42, 0x38, 0x46, 0x4d, 0x2d, 0x44, 0x32, 0x34, 0x57, 0x37, 0x2d, 0x54, 0x51,
            0x57, 0x4d, 0x59, 0x2d, 0x43, 0x57, 0x48, 0x56, 0x0c, 0x32, 0x00, 0x00, 0x51, 0x57,
            0x4d, 0x59, 0x2d, 0x43, 0x57, 0x48, 0x56, 0x0c, 0x32, 0x00, 0x00, 0x00, 0x85, 0x00,
            0x93, 0x00, 0x3c, 0x00, 0x0c, 0xff, 0xff, 0xff, 0x22, 0x30,
        ];
        let s = String::from_utf8_lossy(bytes);
        let once = redact_text(&s, cat);
        assert_eq!(redact_text(&once, cat), once);
        assert!(!once.contains("HTDQ"), "{once:?}");
    }

    #[test]
    fn parses_and_normalizes() {
        let k = ProductKey::parse(" wx4nm-kywyw-qjjr4-xv3qb-6vm33 ").unwrap();
        assert_eq!(k.as_str(), "WX4NM-KYWYW-QJJR4-XV3QB-6VM33");
        let k = ProductKey::parse("WX4NM—KYWYW—QJJR4—XV3QB—6VM33").unwrap();
        assert_eq!(k.last5(), "6VM33");
        assert!(ProductKey::parse("WX4NM-KYWYW-QJJR4-XV3QB").is_none());
        assert!(ProductKey::parse("WX4NM-KYWYW-QJJR4-XV3QB-6VM3").is_none());
        assert!(ProductKey::parse("WX4NM-KYWYW-QJJR4-XV3QB-6VM33-AAAAA").is_none());
    }

    #[test]
    fn finds_keys_in_text_but_not_inside_longer_tokens() {
        let f = find_keys("/ProductKey:WX4NM-KYWYW-QJJR4-XV3QB-6VM33 /AcceptEula");
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].key.as_str(), "WX4NM-KYWYW-QJJR4-XV3QB-6VM33");
        assert!(find_keys("AWX4NM-KYWYW-QJJR4-XV3QB-6VM33").is_empty());
        assert!(find_keys("WX4NM-KYWYW-QJJR4-XV3QB-6VM33-12345").is_empty());
        let f = find_keys("キー：ＷＸ４ＮＭ－ＫＹＷＹＷ－ＱＪＪＲ４－ＸＶ３ＱＢ－６ＶＭ３３です");
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].key.last5(), "6VM33");
    }

    #[test]
    fn redacts_only_private_keys() {
        let cat = Catalog::builtin();
        let t = redact_text(
            "a ABCDE-FGHJK-MNPQR-STVWX-Y2346 b WX4NM-KYWYW-QJJR4-XV3QB-6VM33\n",
            cat,
        );
        assert_eq!(
            t,
            "a XXXXX-XXXXX-XXXXX-XXXXX-Y2346 b WX4NM-KYWYW-QJJR4-XV3QB-6VM33\n"
        );
        let k = ProductKey::parse("ABCDE-FGHJK-MNPQR-STVWX-Y2346").unwrap();
        assert!(!format!("{k:?}").contains("ABCDE"));
    }

    const PRIVATE: &str = "N7TQ8-BCDFG-HJKMP-QRTVW-YH26G";

    fn red(t: &str) -> String {
        redact_text(t, Catalog::builtin())
    }

    #[test]
    fn redacts_keys_glued_to_hyphens_letters_and_escapes() {
        for (input, want) in [
            (
                "SRV-N7TQ8-BCDFG-HJKMP-QRTVW-YH26G",
                "SRV-XXXXX-XXXXX-XXXXX-XXXXX-YH26G",
            ),
            (
                "N7TQ8-BCDFG-HJKMP-QRTVW-YH26G-",
                "XXXXX-XXXXX-XXXXX-XXXXX-YH26G-",
            ),
            (
                "--N7TQ8-BCDFG-HJKMP-QRTVW-YH26G",
                "--XXXXX-XXXXX-XXXXX-XXXXX-YH26G",
            ),
            (
                "key-N7TQ8-BCDFG-HJKMP-QRTVW-YH26G.json",
                "key-XXXXX-XXXXX-XXXXX-XXXXX-YH26G.json",
            ),
            (
                r#""notes\nN7TQ8-BCDFG-HJKMP-QRTVW-YH26G""#,
                r#""notes\nXXXXX-XXXXX-XXXXX-XXXXX-YH26G""#,
            ),
            (
                "AN7TQ8-BCDFG-HJKMP-QRTVW-YH26GZ",
                "AXXXXX-XXXXX-XXXXX-XXXXX-YH26GZ",
            ),
            (
                "キーN7TQ8-BCDFG-HJKMP-QRTVW-YH26G",
                "キーXXXXX-XXXXX-XXXXX-XXXXX-YH26G",
            ),
            (
                "プロダクト キー：ｎ７ｔｑ８－ｂｃｄｆｇ－ｈｊｋｍｐ－ｑｒｔｖｗ－ｙｈ２６ｇ",
                "プロダクト キー：XXXXX-XXXXX-XXXXX-XXXXX-YH26G",
            ),
        ] {
            assert_eq!(red(input), want, "{input}");
        }
    }

    #[test]
    fn redacts_through_look_alikes_and_invisibles() {
        for sep in [
            "\u{2010}",
            "\u{2011}",
            "\u{2012}",
            "\u{2013}",
            "\u{2014}",
            "\u{2015}",
            "\u{2212}",
            "\u{FE58}",
            "\u{FE63}",
            "\u{FF0D}",
            "\u{30FC}",
            "-\u{00AD}",
            "\u{200B}-",
            "-\u{200C}",
            "\u{200D}-\u{2060}",
            "\u{FEFF}-",
            "-\\u00ad",
            "-<U+200B>",
            "\\x1b-",
        ] {
            let k = PRIVATE.replace('-', sep);
            let out = red(&format!("x {k} y"));
            assert_eq!(out, "x XXXXX-XXXXX-XXXXX-XXXXX-YH26G y", "{sep:?}");
        }
        let inside = "N7T\u{00AD}Q8-BC\u{200B}DFG-HJKMP-QRTVW-YH\u{202E}26G";
        assert_eq!(red(inside), "XXXXX-XXXXX-XXXXX-XXXXX-YH26G");
    }

    #[test]
    fn redacts_keys_wrapped_over_two_lines() {
        let t = "Description : Notes N7TQ8-BCDFG-HJ\n              KMP-QRTVW-YH26G\nNext : 1\n";
        assert_eq!(
            red(t),
            "Description : Notes XXXXX-XXXXX-XX\n              XXX-XXXXX-YH26G\nNext : 1\n"
        );
        let t = r#""Notes N7TQ8-BCDFG-\r\n    HJKMP-QRTVW-YH26G""#;
        assert_eq!(red(t), r#""Notes XXXXX-XXXXX-\r\n    XXXXX-XXXXX-YH26G""#);
    }

    #[test]
    fn json_stays_json() {
        for v in [
            "t\u{7}\u{202e}\rkey-XXXXX-XXXXX-XXXXX-XXXXX-YH26G",
            "\\t62P2-BCDFG-HJKMP-QRTVW-YH26G",
            "\u{1b}N7TQ8-BCDFG-HJKMP-QRTVW-YH26G\u{7}",
            "notes\nN7TQ8-BCDFG-HJKMP-QRTVW-YH26G",
        ] {
            let json = serde_json::to_string(&serde_json::json!({ "v": v })).unwrap();
            let out = red(&json);
            let back: serde_json::Value = serde_json::from_str(&out).expect(&out);
            assert!(!back["v"].as_str().unwrap().contains("BCDFG"), "{out}");
        }
    }

    #[test]
    fn overlapping_shapes_keep_only_the_last_five() {
        assert_eq!(
            red("ABCDE-N7TQ8-BCDFG-HJKMP-QRTVW-YH26G"),
            "XXXXX-XXXXX-XXXXX-XXXXX-XXXXX-YH26G"
        );
        assert_eq!(
            red("N7TQ8-BCDFG-HJKMP-QRTVW-YH26G-12345"),
            "XXXXX-XXXXX-XXXXX-XXXXX-XXXXX-12345"
        );
    }

    #[test]
    fn a_public_key_overlapping_a_private_run_is_masked_with_it() {
        let t = "P8QRT-VW9XY-B2CDF-WMDGN-G9PQG-XVVXX-R3X43-63DFG";
        let once = red(t);
        assert_eq!(once, "XXXXX-XXXXX-XXXXX-XXXXX-XXXXX-XXXXX-XXXXX-63DFG");
        assert_eq!(red(&once), once);
    }

    #[test]
    fn public_keys_stay_whole_anywhere() {
        for t in [
            "WX4NM-KYWYW-QJJR4-XV3QB-6VM33",
            "SRV-WX4NM-KYWYW-QJJR4-XV3QB-6VM33-",
            "key-WX4NM-KYWYW-QJJR4-XV3QB-6VM33.json",
            "2026-12-01 a-b-c-d-e ABCD-EFGHI-JKLMN-OPQRS-TUVWX ab12-cd34",
        ] {
            assert_eq!(red(t), t);
        }
        assert!(!holds_private_key(
            "WX4NM-KYWYW-QJJR4-XV3QB-6VM33",
            Catalog::builtin()
        ));
        assert!(holds_private_key(PRIVATE, Catalog::builtin()));
    }

    mod props {
        use super::{fold_char, is_invisible, redact_text, Catalog, ProductKey};
        use proptest::prelude::*;

        fn group() -> impl Strategy<Value = String> {
            proptest::string::string_regex("[BCDFGHJKMPQRTVWXY2346789]{5}").unwrap()
        }
        fn sep() -> impl Strategy<Value = String> {
            prop::sample::select(vec![
                "-", "\u{2010}", "\u{2011}", "\u{2012}", "\u{2013}", "\u{2014}", "\u{2015}",
                "\u{2212}", "\u{FE58}", "\u{FE63}", "\u{FF0D}", "\u{30FC}", "\u{FF70}",
            ])
            .prop_map(str::to_string)
        }
        fn noise() -> impl Strategy<Value = String> {
            prop::sample::select(vec![
                "", "", "", "\u{00AD}", "\u{200B}", "\u{200C}", "\u{200D}", "\u{2060}", "\u{FEFF}",
                "\u{202E}", "\u{2066}", "\u{1b}", "\u{7f}", "\u{85}", "\\u200b", "\\x1b",
                "<U+202E>", "\n    ", "\\n  ", "\r\n\t", "\n",
            ])
            .prop_map(str::to_string)
        }
        fn neighbour() -> impl Strategy<Value = String> {
            prop::sample::select(vec![
                "",
                "-",
                "--",
                "SRV-",
                "key-",
                ".json",
                "\\n",
                "notes\\n",
                "キー",
                "キー：",
                "A",
                "9",
                "x",
                "_",
                "\"",
                "'",
                "`",
                "\n",
                "SRVAB-",
                "-12345",
                "-ABCDE",
                "\u{200B}",
                "ー",
                "／",
                "\\",
                "=",
                "|",
                " ",
                "\t",
            ])
            .prop_map(str::to_string)
        }

        fn folded(s: &str) -> String {
            s.chars()
                .filter(|c| !is_invisible(*c))
                .map(|c| fold_char(c).to_ascii_uppercase())
                .collect()
        }

        proptest! {
            #[test]
            fn any_private_key_keeps_at_most_its_last_five(
                groups in prop::collection::vec(group(), 5),
                seps in prop::collection::vec(sep(), 4),
                noises in prop::collection::vec(noise(), 25),
                at in 0usize..25,
                before in neighbour(),
                after in neighbour(),
                lower in any::<bool>(),
            ) {
                let cat = Catalog::builtin();
                let key = groups.join("-");
                let pk = ProductKey::parse(&key).unwrap();
                prop_assume!(cat.key(&pk).is_none());
                // The key with its separators, one piece of noise (an invisible, an escape or a
                // line wrap) somewhere inside it, and neighbours glued on both sides.
                let mut body = String::new();
                for (g, grp) in groups.iter().enumerate() {
                    for (c, ch) in grp.chars().enumerate() {
                        if g * 5 + c == at && at > 0 {
                            body.push_str(&noises[at]);
                        }
                        body.push(if lower { ch.to_ascii_lowercase() } else { ch });
                    }
                    if g < 4 {
                        body.push_str(&seps[g]);
                    }
                }
                let text = format!("{before}{body}{after}");
                let out = redact_text(&text, cat);
                // Looked at the way a reader would: invisibles dropped, escapes and breaks gone.
                let seen = folded(&out)
                    .replace("\\U200B", "")
                    .replace("\\X1B", "")
                    .replace("<U+202E>", "")
                    .replace("\\N", "")
                    .replace(['\n', '\r', '\t', ' '], "");
                for g in &groups[..4] {
                    prop_assert!(!seen.contains(g.as_str()), "{text:?} -> {out:?}");
                }
                prop_assert!(!out.contains(&key), "{text:?} -> {out:?}");
            }

            #[test]
            fn rendered_json_stays_json(
                before in "\\PC{0,12}",
                groups in prop::collection::vec(group(), 5),
                noise in noise(),
                after in "\\PC{0,12}",
            ) {
                let v = format!("{before}{noise}{}{after}", groups.join("-"));
                let json = serde_json::to_string(&v).unwrap();
                let out = redact_text(&json, Catalog::builtin());
                prop_assert!(serde_json::from_str::<String>(&out).is_ok(), "{json} -> {out}");
            }

            #[test]
            fn redaction_never_panics_and_is_idempotent(s in "\\PC{0,80}") {
                let cat = Catalog::builtin();
                let once = redact_text(&s, cat);
                prop_assert_eq!(redact_text(&once, cat), once.clone());
            }
        }
    }
}
