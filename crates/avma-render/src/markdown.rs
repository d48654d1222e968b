//! The Markdown printer (CommonMark with GitHub tables): every string from the document is
//! escaped, so a VM name cannot open a link, a table column or raw HTML.

use crate::doc::*;
use crate::escape::{fence, markdown as esc, md_code, one_line};

fn inline(i: &[Span]) -> String {
    i.iter()
        .map(|s| {
            if s.text.is_empty() {
                return String::new();
            }
            // Emphasis cannot start or end at a space: spaces stay outside the markers.
            let core = s.text.trim_matches(' ');
            let (lead, trail) = if core.is_empty() {
                (s.text.as_str(), "")
            } else {
                let start = s.text.len() - s.text.trim_start_matches(' ').len();
                let end = s.text.trim_end_matches(' ').len();
                (&s.text[..start], &s.text[end..])
            };
            let marked = |m: &str| {
                if core.is_empty() {
                    s.text.clone()
                } else {
                    format!("{lead}{m}{}{m}{trail}", esc(core))
                }
            };
            match s.tone {
                Tone::Code => md_code(&s.text),
                Tone::Strong | Tone::Bad => marked("**"),
                Tone::Dim => marked("*"),
                _ => esc(&s.text),
            }
        })
        .collect()
}

/// A paragraph: inline text whose line breaks are kept as Markdown hard breaks (each new line
/// escaped as a block start, so it cannot open a list or a heading).
fn para(i: &[Span]) -> String {
    let mut out = String::new();
    for s in i {
        for (n, piece) in s.text.split('\n').enumerate() {
            if n > 0 {
                out.push_str("  \n");
            }
            out.push_str(&inline(&[Span::new(piece, s.tone)]));
        }
    }
    out
}

/// A fenced code block, indented by `indent` (inside a list item).
fn fenced(c: &Commands, indent: &str) -> String {
    let f = fence(&c.lines);
    let lang: String = c.lang.chars().filter(char::is_ascii_alphanumeric).collect();
    let mut s = format!("{indent}{f}{lang}\n");
    for l in &c.lines {
        s.push_str(indent);
        s.push_str(&crate::escape::controls(l).replace('\n', " "));
        s.push('\n');
    }
    s.push_str(indent);
    s.push_str(&f);
    s.push('\n');
    s
}

/// Numbered steps, each a list item holding its why, its commands (every shell) and what to
/// expect.
fn procedure_md(steps: &[ProcedureStep]) -> String {
    const IND: &str = "   ";
    let mut s = String::new();
    for (i, st) in steps.iter().enumerate() {
        s.push_str(&format!("{}. **{}**\n", i + 1, inline(&st.text)));
        if let Some(d) = &st.detail {
            let lines: Vec<String> = d.lines().map(esc).collect();
            s.push_str(&format!("\n{IND}{}\n", lines.join(&format!("  \n{IND}"))));
        }
        for c in &st.commands {
            s.push('\n');
            s.push_str(&fenced(c, IND));
        }
        if let Some(n) = &st.note {
            s.push_str(&format!("\n{IND}*{}*\n", esc(n)));
        }
        if let Some((label, e)) = &st.expect {
            s.push_str(&format!("\n{IND}{}: {}\n", esc(label), esc(e)));
        }
        s.push('\n');
    }
    s.truncate(s.trim_end().len());
    s.push('\n');
    s
}

fn cell(c: &Cell) -> String {
    let s = inline(&c.text);
    if s.is_empty() {
        " ".into()
    } else {
        s
    }
}

pub fn table(t: &Table) -> String {
    let mut s = String::new();
    if let Some(c) = &t.caption {
        s.push_str(&format!("**{}**\n\n", esc(c)));
    }
    let cols = std::iter::once(&t.head)
        .chain(t.rows.iter())
        .map(Vec::len)
        .max()
        .unwrap_or(0);
    let row = |r: &[Cell]| {
        let mut cells: Vec<String> = r.iter().map(cell).collect();
        cells.resize(cols, " ".into());
        format!("| {} |\n", cells.join(" | "))
    };
    s.push_str(&row(&t.head));
    s.push_str(&format!("|{}\n", "---|".repeat(cols)));
    for r in &t.rows {
        s.push_str(&row(r));
    }
    s
}

fn code(c: &Commands) -> String {
    let f = fence(&c.lines);
    let lang: String = c.lang.chars().filter(char::is_ascii_alphanumeric).collect();
    let mut s = format!("**{}**\n\n{f}{lang}\n", esc(&c.label));
    for l in &c.lines {
        s.push_str(&crate::escape::controls(l).replace('\n', " "));
        s.push('\n');
    }
    s.push_str(&f);
    s.push('\n');
    s
}

fn finding(f: &FindingBlock) -> String {
    let mut s = format!(
        "### {} {} ({})\n\n",
        esc(&f.code),
        md_code(&f.name),
        esc(&f.level_label)
    );
    if !f.location.trim().is_empty() {
        // A location holding backticks is escaped prose, not a code span: the span would start
        // the line with a run of backticks, which a reader could take for a fence.
        let loc = f.location.trim().trim_end_matches(':');
        if loc.contains('`') {
            s.push_str(&format!("*{}*\n\n", esc(loc)));
        } else {
            s.push_str(&format!("{}\n\n", md_code(loc)));
        }
    }
    let msg: Vec<String> = f.message.lines().map(esc).collect();
    s.push_str(&format!("{}\n\n", msg.join("  \n")));
    if let Some((label, why)) = &f.why {
        s.push_str(&format!("*{}*: {}\n\n", esc(label), esc(why)));
    }
    if !f.evidence.is_empty() {
        s.push_str(&format!("**{}**\n\n", esc(&f.evidence_label)));
        for (fact, at) in &f.evidence {
            if at.is_empty() {
                s.push_str(&format!("- {}\n", esc(fact)));
            } else {
                s.push_str(&format!("- {} — {}\n", esc(fact), md_code(at)));
            }
        }
        s.push('\n');
    }
    for c in &f.fixes {
        s.push_str(&code(c));
        s.push('\n');
    }
    s
}

/// Print a document as Markdown.
pub fn print(doc: &Doc) -> String {
    let mut out = String::new();
    if !doc.title.is_empty() {
        out.push_str(&format!("# {}\n\n", crate::escape::md_inline(&doc.title)));
    }
    for b in &doc.blocks {
        let chunk = match b {
            Block::Heading { level, text, .. } => {
                // After the `#`s a text cannot start a list: inline escaping is enough.
                format!(
                    "{} {}\n",
                    "#".repeat(usize::from((*level).clamp(1, 5)) + 1),
                    crate::escape::md_inline(text)
                )
            }
            // A paragraph that is one good or warning span is a status line (a verdict, an
            // all-clear): bold, as errors are.
            Block::Para(i) if matches!(i.as_slice(), [one] if matches!(one.tone, Tone::Good | Tone::Warn) && !one.text.contains('\n')) =>
            {
                format!(
                    "{}\n",
                    inline(&[Span::new(i[0].text.clone(), Tone::Strong)])
                )
            }
            Block::Para(i) => format!("{}\n", para(i)),
            Block::List(items) => items.iter().map(|i| format!("- {}\n", inline(i))).collect(),
            Block::Fields(fields) => fields
                .iter()
                .map(|f| format!("- **{}**: {}\n", esc(&f.key), inline(&f.value)))
                .collect(),
            Block::Stats(stats) => stats
                .iter()
                .map(|(l, v, _)| format!("- {}: **{}**\n", esc(l), esc(v)))
                .collect(),
            Block::Table(t) => table(t),
            Block::Code(c) => code(c),
            Block::Finding(f) => finding(f).trim_end().to_string() + "\n",
            Block::Procedure(steps) => procedure_md(steps),
            Block::Figure(Figure::Timeline(t)) => {
                let mut s = String::new();
                if !t.caption.is_empty() {
                    s = format!("**{}**\n\n", esc(&t.caption));
                }
                for r in &t.rows {
                    let items: Vec<String> =
                        mark_words(&r.marks).iter().map(|(_, d)| esc(d)).collect();
                    s.push_str(&format!(
                        "- **{}**: {}\n",
                        esc(&one_line(&r.label)),
                        if items.is_empty() {
                            "-".to_string()
                        } else {
                            items.join("; ")
                        }
                    ));
                }
                s
            }
        };
        out.push_str(&chunk);
        out.push('\n');
    }
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}
