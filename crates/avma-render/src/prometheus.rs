//! The Prometheus text exposition format (what windows_exporter's textfile collector reads):
//! `# HELP` and `# TYPE` per family, then one sample per line, label values escaped.

use std::fmt::Write;

/// One metric family of gauges.
#[derive(Debug, Clone)]
pub struct Family {
    pub name: &'static str,
    pub help: String,
    pub samples: Vec<Sample>,
}

#[derive(Debug, Clone)]
pub struct Sample {
    /// Label names are fixed by the code (`cluster`, `node`, `vm`); values may be anything.
    pub labels: Vec<(&'static str, String)>,
    pub value: f64,
}

impl Sample {
    pub fn new(labels: Vec<(&'static str, String)>, value: f64) -> Sample {
        Sample { labels, value }
    }
}

/// A label value as the format wants it: backslash, double quote and newline escaped (the only
/// escapes the exposition format has). Any other control character (ESC, CR, TAB, DEL, C1) is
/// made visible as the text `\u001b` (its backslash escaped, so the value reads `\u001b`): the
/// sample stays one line, valid, and a terminal showing it is not driven by it.
pub fn label_value(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            c if c.is_control() => {
                let _ = write!(out, "\\\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out
}

/// HELP text: backslash and newline escaped.
fn help(s: &str) -> String {
    s.replace('\\', "\\\\").replace('\n', "\\n")
}

fn value(v: f64) -> String {
    if v.is_nan() {
        "NaN".into()
    } else if v.is_infinite() {
        if v > 0.0 { "+Inf" } else { "-Inf" }.into()
    } else if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}

/// Print families of gauges. Families without samples are left out (the format allows them, but
/// an empty family says nothing).
pub fn print(families: &[Family]) -> String {
    let mut s = String::new();
    for f in families.iter().filter(|f| !f.samples.is_empty()) {
        let _ = writeln!(s, "# HELP {} {}", f.name, help(&f.help));
        let _ = writeln!(s, "# TYPE {} gauge", f.name);
        for smp in &f.samples {
            s.push_str(f.name);
            if !smp.labels.is_empty() {
                let l: Vec<String> = smp
                    .labels
                    .iter()
                    .map(|(k, v)| format!("{k}=\"{}\"", label_value(v)))
                    .collect();
                let _ = write!(s, "{{{}}}", l.join(","));
            }
            let _ = writeln!(s, " {}", value(smp.value));
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn label_values_are_escaped() {
        assert_eq!(label_value("a\"b\\c\nd"), "a\\\"b\\\\c\\nd");
        let s = print(&[Family {
            name: "avma_x",
            help: "Help \\ with\nnewline".into(),
            samples: vec![Sample::new(vec![("vm", "<\"x\">".into())], 1.0)],
        }]);
        assert_eq!(
            s,
            "# HELP avma_x Help \\\\ with\\nnewline\n# TYPE avma_x gauge\navma_x{vm=\"<\\\"x\\\">\"} 1\n"
        );
    }

    #[test]
    fn control_characters_are_visible_and_valid() {
        // ESC, CR, TAB and a C1 control: written as `\\u001b` (an escaped backslash), never raw
        // and never as `\x1b` (an escape the format does not have).
        assert_eq!(
            label_value("VM\u{1b}[2J\r\t\u{9b}"),
            "VM\\\\u001b[2J\\\\u000d\\\\u0009\\\\u009b"
        );
        let s = print(&[Family {
            name: "avma_x",
            help: "h".into(),
            samples: vec![Sample::new(vec![("vm", "a\u{1b}\rb\n".into())], 0.0)],
        }]);
        assert_eq!(s.lines().count(), 3, "{s}");
        assert!(
            s.contains("avma_x{vm=\"a\\\\u001b\\\\u000db\\n\"} 0"),
            "{s}"
        );
        assert!(!s.chars().any(|c| c.is_control() && c != '\n'), "{s:?}");
    }

    #[test]
    fn values() {
        assert_eq!(value(4.0), "4");
        assert_eq!(value(-3.0), "-3");
        assert_eq!(value(0.5), "0.5");
        assert_eq!(value(f64::NAN), "NaN");
    }
}
