//! The text printer: for people at a terminal. Tables aligned by display width (East Asian wide
//! characters count two), colour only when asked, control characters from evidence made visible.

use unicode_width::UnicodeWidthStr;

use crate::doc::*;
use crate::escape::{controls, one_line};

#[derive(Debug, Clone, Copy, Default)]
pub struct TextOptions {
    /// ANSI colours (the caller decides: a terminal, `--color`, `NO_COLOR`).
    pub color: bool,
}

/// Display width of a string.
pub fn width(s: &str) -> usize {
    UnicodeWidthStr::width(s)
}

/// Pad to a display width.
pub fn pad(s: &str, w: usize) -> String {
    let n = width(s);
    if n >= w {
        s.to_string()
    } else {
        format!("{s}{}", " ".repeat(w - n))
    }
}

fn paint(o: TextOptions, tone: Tone, s: &str) -> String {
    let code = match tone {
        Tone::Plain => return s.to_string(),
        Tone::Strong => "1",
        Tone::Dim => "2",
        Tone::Good => "32",
        Tone::Warn => "33",
        Tone::Bad => "1;31",
        Tone::Info | Tone::Code => "36",
    };
    if o.color && !s.is_empty() {
        format!("\x1b[{code}m{s}\x1b[0m")
    } else {
        s.to_string()
    }
}

fn inline(o: TextOptions, i: &[Span]) -> String {
    i.iter()
        .map(|s| paint(o, s.tone, &one_line(&s.text)))
        .collect()
}

/// The plain (uncoloured) text of inline content, for widths.
fn inline_plain(i: &[Span]) -> String {
    i.iter().map(|s| one_line(&s.text)).collect()
}

/// An aligned table, each line indented by `indent`; the header in bold.
pub fn table(o: TextOptions, t: &Table, indent: &str) -> String {
    let all: Vec<&Vec<Cell>> = std::iter::once(&t.head).chain(t.rows.iter()).collect();
    let cols = all.iter().map(|r| r.len()).max().unwrap_or(0);
    let mut widths = vec![0; cols];
    for r in &all {
        for (i, c) in r.iter().enumerate() {
            widths[i] = widths[i].max(width(&inline_plain(&c.text)));
        }
    }
    let mut s = String::new();
    if let Some(c) = &t.caption {
        s.push_str(indent);
        s.push_str(&paint(o, Tone::Strong, &one_line(c)));
        s.push('\n');
    }
    for (ri, r) in all.iter().enumerate() {
        if r.is_empty() {
            continue;
        }
        let mut line = String::from(indent);
        for (i, c) in r.iter().enumerate() {
            let plain = inline_plain(&c.text);
            let shown = if ri == 0 {
                paint(o, Tone::Strong, &plain)
            } else if c.text.iter().all(|s| s.tone == Tone::Plain) && c.tone != Tone::Plain {
                paint(o, c.tone, &plain)
            } else {
                inline(o, &c.text)
            };
            line.push_str(&shown);
            if i + 1 < r.len() {
                line.push_str(&" ".repeat(widths[i].saturating_sub(width(&plain)) + 2));
            }
        }
        s.push_str(line.trim_end());
        s.push('\n');
    }
    s
}

/// A finding: header line, message, evidence, why, fixes.
pub fn finding(o: TextOptions, f: &FindingBlock) -> String {
    let mut s = String::new();
    let head = format!(
        "{}{}[{} {}]",
        one_line(&f.location),
        paint(o, f.level.tone(), &one_line(&f.level_label)),
        one_line(&f.code),
        one_line(&f.name)
    );
    s.push_str(&paint(o, Tone::Strong, &head));
    s.push('\n');
    for l in controls(&f.message).lines() {
        s.push_str(&format!("  {l}\n"));
    }
    if !f.evidence.is_empty() {
        s.push_str(&format!("  {}:\n", one_line(&f.evidence_label)));
        let rows: Vec<(String, String)> = f
            .evidence
            .iter()
            .map(|(a, b)| (one_line(a), one_line(b)))
            .collect();
        let w = rows.iter().map(|(a, _)| width(a)).max().unwrap_or(0);
        for (fact, at) in rows {
            let line = if at.is_empty() {
                format!("    - {fact}")
            } else {
                format!(
                    "    - {}  {}",
                    pad(&fact, w),
                    paint(o, Tone::Dim, &format!("[{at}]"))
                )
            };
            s.push_str(line.trim_end());
            s.push('\n');
        }
    }
    for c in &f.fixes {
        s.push_str(&format!(
            "  {}:\n",
            paint(o, Tone::Good, &one_line(&c.label))
        ));
        for l in &c.lines {
            s.push_str(&format!("    {}\n", one_line(l)));
        }
    }
    if let Some((label, why)) = &f.why {
        s.push_str(&paint(
            o,
            Tone::Dim,
            &format!("  {}: {}", one_line(label), one_line(why)),
        ));
        s.push('\n');
    }
    s
}

fn figure(o: TextOptions, f: &Figure) -> String {
    match f {
        Figure::Timeline(t) => {
            let mut s = String::new();
            if !t.caption.is_empty() {
                s = format!("{}\n", paint(o, Tone::Strong, &one_line(&t.caption)));
            }
            let w = t
                .rows
                .iter()
                .map(|r| width(&one_line(&r.label)))
                .max()
                .unwrap_or(0);
            for r in &t.rows {
                let items: Vec<String> = mark_words(&r.marks)
                    .iter()
                    .map(|(t, d)| paint(o, *t, &one_line(d)))
                    .collect();
                let line = format!(
                    "  {}  {}",
                    pad(&one_line(&r.label), w),
                    if items.is_empty() {
                        "-".to_string()
                    } else {
                        items.join("; ")
                    }
                );
                s.push_str(line.trim_end());
                s.push('\n');
            }
            s
        }
    }
}

/// Numbered steps: the title, then under it (indented) why, the primary commands and what to
/// expect.
fn procedure_text(o: TextOptions, steps: &[ProcedureStep]) -> String {
    const IND: &str = "       ";
    let mut s = String::new();
    for (i, st) in steps.iter().enumerate() {
        s.push_str(&format!("  {}. {}\n", i + 1, inline(o, &st.text)));
        if let Some(d) = &st.detail {
            for l in controls(d).lines() {
                s.push_str(&paint(o, Tone::Dim, &format!("{IND}{l}")));
                s.push('\n');
            }
        }
        if let Some(c) = st.commands.get(st.primary) {
            let prompt = if c.lang == "powershell" { "PS> " } else { "" };
            for l in &c.lines {
                s.push_str(&format!(
                    "{IND}{prompt}{}\n",
                    paint(o, Tone::Code, &one_line(l))
                ));
            }
        }
        if let Some(n) = &st.note {
            s.push_str(&format!("{IND}{}\n", paint(o, Tone::Warn, &one_line(n))));
        }
        if let Some((label, e)) = &st.expect {
            s.push_str(&format!("{IND}{}: {}\n", one_line(label), one_line(e)));
        }
    }
    s
}

/// Print a document as text.
pub fn print(doc: &Doc, o: TextOptions) -> String {
    let mut out = String::new();
    let mut first = true;
    let mut after_finding = false;
    let title = one_line(&doc.title);
    if !title.is_empty() {
        out.push_str(&paint(o, Tone::Strong, &title));
        out.push('\n');
        first = false;
    }
    for b in &doc.blocks {
        let chunk = match b {
            Block::Heading { text, .. } => format!("{}\n", paint(o, Tone::Strong, &one_line(text))),
            Block::Para(i) => {
                let t = i
                    .iter()
                    .map(|s| paint(o, s.tone, &controls(&s.text)))
                    .collect::<String>();
                format!("{t}\n")
            }
            Block::List(items) => items
                .iter()
                .map(|i| format!("  - {}\n", inline(o, i)))
                .collect(),
            Block::Fields(fields) => {
                let w = fields
                    .iter()
                    .map(|f| width(&one_line(&f.key)))
                    .max()
                    .unwrap_or(0);
                fields
                    .iter()
                    .map(|f| {
                        format!(
                            "  {}  {}\n",
                            pad(&format!("{}:", one_line(&f.key)), w + 1),
                            inline(o, &f.value)
                        )
                    })
                    .collect()
            }
            Block::Stats(stats) => {
                let parts: Vec<String> = stats
                    .iter()
                    .map(|(l, v, t)| format!("{}: {}", one_line(l), paint(o, *t, &one_line(v))))
                    .collect();
                format!("  {}\n", parts.join("  ·  "))
            }
            Block::Table(t) => table(o, t, "  "),
            Block::Code(c) => {
                // A label that is a sentence already ends with its stop: no colon after it.
                let label = one_line(&c.label);
                let colon = if label.ends_with(['。', '.', ':', '：']) {
                    ""
                } else {
                    ":"
                };
                let mut s = format!("  {}{colon}\n", paint(o, Tone::Good, &label));
                for l in &c.lines {
                    s.push_str(&format!("    {}\n", paint(o, Tone::Code, &one_line(l))));
                }
                s
            }
            Block::Finding(f) => finding(o, f),
            Block::Figure(f) => figure(o, f),
            Block::Procedure(steps) => procedure_text(o, steps),
        };
        // Headings follow a blank line; the blocks under a heading follow it directly.
        if !first
            && (after_finding
                || matches!(
                    b,
                    Block::Heading { .. } | Block::Finding(_) | Block::Figure(_)
                ))
        {
            out.push('\n');
        }
        // A finding, a table or steps end with a blank line before whatever follows.
        after_finding = matches!(b, Block::Finding(_) | Block::Table(_) | Block::Procedure(_));
        out.push_str(&chunk);
        first = false;
    }
    out
}
