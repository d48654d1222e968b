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
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2015}'
        | '\u{2212}' | '\u{FF0D}' | '\u{30FC}' => '-',
        _ => c,
    }
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
    if line.len() < 29 || (line.is_ascii() && line.bytes().filter(|&b| b == b'-').count() < 4) {
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

/// Replace every non-public key in `text` by its redacted form. Used by the CLI on everything
/// it writes, as a last line of defence.
pub fn redact_text(text: &str, cat: &Catalog) -> String {
    let mut out = String::with_capacity(text.len());
    for (n, line) in text.split_inclusive('\n').enumerate() {
        let _ = n;
        let found = find_keys(line);
        if found.is_empty() {
            out.push_str(line);
            continue;
        }
        let mut last = 0;
        for f in found {
            out.push_str(&line[last..f.start]);
            out.push_str(&f.key.display(cat));
            last = f.end;
        }
        out.push_str(&line[last..]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
