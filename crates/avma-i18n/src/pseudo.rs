//! The pseudo-locale `qps` (as Microsoft's qps-ploc and Mozilla's accented English): every
//! message of the English catalog, and every piece of bilingual catalog data, rendered
//! accented, bracketed and about 30% longer. Text that reaches the user without passing through
//! the message catalog stays plain ASCII English and stands out; `avma-cli/tests/untranslated.rs`
//! finds it in every command's output. Argument values (keys, EditionIDs, names, numbers) are
//! left untouched.

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

fn accent(c: char) -> char {
    match c {
        'a' => 'á',
        'b' => 'ƀ',
        'c' => 'ç',
        'd' => 'ð',
        'e' => 'é',
        'f' => 'ƒ',
        'g' => 'ĝ',
        'h' => 'ĥ',
        'i' => 'í',
        'j' => 'ĵ',
        'k' => 'ķ',
        'l' => 'ļ',
        'm' => 'ɱ',
        'n' => 'ñ',
        'o' => 'ö',
        'p' => 'þ',
        'q' => 'ǫ',
        'r' => 'ŕ',
        's' => 'š',
        't' => 'ţ',
        'u' => 'ü',
        'v' => 'ṽ',
        'w' => 'ŵ',
        'x' => 'ẋ',
        'y' => 'ý',
        'z' => 'ž',
        'A' => 'Å',
        'B' => 'Ɓ',
        'C' => 'Ç',
        'D' => 'Ð',
        'E' => 'É',
        'F' => 'Ƒ',
        'G' => 'Ĝ',
        'H' => 'Ĥ',
        'I' => 'Î',
        'J' => 'Ĵ',
        'K' => 'Ķ',
        'L' => 'Ļ',
        'M' => 'Ṁ',
        'N' => 'Ñ',
        'O' => 'Ö',
        'P' => 'Þ',
        'Q' => 'Ǫ',
        'R' => 'Ŕ',
        'S' => 'Š',
        'T' => 'Ţ',
        'U' => 'Û',
        'V' => 'Ṽ',
        'W' => 'Ŵ',
        'X' => 'Ẋ',
        'Y' => 'Ý',
        'Z' => 'Ž',
        other => other,
    }
}

/// Accent a piece of text and lengthen it by about 30% (a `·` per three letters), without
/// brackets. Line breaks are kept, so a multi-line message keeps its shape.
pub fn accented(s: &str) -> String {
    let mut out = String::with_capacity(s.len() * 2);
    let mut letters = 0usize;
    for c in s.chars() {
        out.push(accent(c));
        if c.is_ascii_alphabetic() {
            letters += 1;
            if letters.is_multiple_of(3) {
                out.push('·');
            }
        }
    }
    out
}

/// A whole pseudo-localized text: accented, lengthened and bracketed, so truncation and
/// concatenation show. Each line is bracketed on its own.
pub fn pseudo(s: &str) -> String {
    if s.is_empty() {
        return String::new();
    }
    s.split('\n')
        .map(|l| {
            if l.trim().is_empty() {
                l.to_string()
            } else {
                format!("[{}]", accented(l))
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Pseudo-localize a rendered message while leaving the argument values as they were: the
/// text between occurrences of the values is transformed, the values are copied.
pub fn pseudo_keeping(s: &str, values: &[String]) -> String {
    let mut vals: Vec<&str> = values
        .iter()
        .map(String::as_str)
        .filter(|v| !v.is_empty())
        .collect();
    vals.sort_by_key(|v| std::cmp::Reverse(v.len()));
    let mut lines = Vec::new();
    for line in s.split('\n') {
        if line.trim().is_empty() {
            lines.push(line.to_string());
            continue;
        }
        let mut out = String::from("[");
        let mut rest = line;
        'outer: while !rest.is_empty() {
            // The earliest (then longest) value occurring in the rest.
            let mut best: Option<(usize, &str)> = None;
            for v in &vals {
                if let Some(i) = rest.find(v) {
                    if best.is_none_or(|(bi, bv)| i < bi || (i == bi && v.len() > bv.len())) {
                        best = Some((i, v));
                    }
                }
            }
            match best {
                Some((i, v)) => {
                    out.push_str(&accented(&rest[..i]));
                    out.push_str(v);
                    rest = &rest[i + v.len()..];
                }
                None => {
                    out.push_str(&accented(rest));
                    break 'outer;
                }
            }
        }
        out.push(']');
        lines.push(out);
    }
    lines.join("\n")
}

/// The pseudo form of a catalog text, interned so it can be lent out like the catalog's own
/// `&'static str` data. Bounded by the catalog: only catalog texts are interned.
pub fn interned(s: &str) -> &'static str {
    static CACHE: OnceLock<Mutex<HashMap<String, &'static str>>> = OnceLock::new();
    let cache = CACHE.get_or_init(|| Mutex::new(HashMap::new()));
    let mut map = match cache.lock() {
        Ok(m) => m,
        Err(p) => p.into_inner(),
    };
    if let Some(v) = map.get(s) {
        return v;
    }
    let v: &'static str = Box::leak(pseudo(s).into_boxed_str());
    map.insert(s.to_string(), v);
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accented_bracketed_and_longer() {
        let p = pseudo("Activate the host");
        assert!(p.starts_with('[') && p.ends_with(']'));
        assert!(!p.contains("Activate"));
        let plain = "Activate the host".chars().count();
        assert!(p.chars().count() as f64 >= plain as f64 * 1.3, "{p}");
    }

    #[test]
    fn values_stay_untouched() {
        let p = pseudo_keeping(
            "Install the key W3GNR-8DDXR-2TFRP-H8P33-DV9BG on VM-APP01",
            &["W3GNR-8DDXR-2TFRP-H8P33-DV9BG".into(), "VM-APP01".into()],
        );
        assert!(p.contains("W3GNR-8DDXR-2TFRP-H8P33-DV9BG"), "{p}");
        assert!(p.contains("VM-APP01"), "{p}");
        assert!(!p.contains("Install"), "{p}");
    }
}
