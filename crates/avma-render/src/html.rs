//! The HTML printer: one self-contained page. No script, no external asset (styles inline,
//! pictures as inline SVG), a Content-Security-Policy that forbids loading anything, a print
//! stylesheet for A4. Every string of the document is escaped: a VM named
//! `<img src=x onerror=alert(1)>` is shown as those characters.

use std::fmt::Write;

use crate::doc::*;
use crate::escape::html as esc;

/// The policy in the page's `<meta>`: nothing may be loaded or run; inline styles and data: images
/// only.
pub const CSP: &str = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

const STYLE: &str = r#"
:root{--fg:#1c2430;--muted:#5b6675;--line:#d9dee5;--bg:#fff;--soft:#f4f6f9;
--good:#1b7f3b;--good-bg:#e3f4e8;--warn:#8a5a00;--warn-bg:#fff1d1;--bad:#b42318;--bad-bg:#fde4e1;
--info:#1d5fa8;--info-bg:#e2eefb;--unk-bg:#eceff3}
*{box-sizing:border-box}
body{margin:0;background:var(--soft);color:var(--fg);
font:14px/1.45 "Segoe UI","Yu Gothic UI","Meiryo","Hiragino Sans","Noto Sans CJK JP","Noto Sans","DejaVu Sans","IPAPGothic","IPAGothic","VL PGothic",system-ui,sans-serif}
main{max-width:1180px;margin:0 auto;padding:24px 28px 48px;background:var(--bg);min-height:100vh}
h1{font-size:24px;margin:0 0 4px}
h2{font-size:18px;margin:28px 0 10px;padding-bottom:4px;border-bottom:2px solid var(--line)}
h3{font-size:15px;margin:18px 0 8px}
h4{font-size:14px;margin:14px 0 6px}
p{margin:6px 0}
ul{margin:6px 0;padding-left:22px}
code,pre,.code{font-family:"Cascadia Mono","Consolas","DejaVu Sans Mono","Noto Sans Mono CJK JP","MS Gothic","IPAGothic",monospace;font-size:12.5px}
pre{background:#0f1720;color:#e6edf3;padding:8px 10px;border-radius:6px;overflow-x:auto;white-space:pre-wrap;word-break:break-all;margin:4px 0 8px}
.tbl{overflow-x:auto}
table{border-collapse:collapse;margin:6px 0 12px;font-size:13px}
caption{text-align:left;font-weight:600;padding:4px 0}
th,td{border:1px solid var(--line);padding:5px 8px;text-align:left;vertical-align:top}
thead th{background:var(--soft);font-weight:600}
tbody th{background:#fafbfc;font-weight:600;white-space:nowrap}
td small,th small{display:block;color:var(--muted);font-size:11.5px;font-weight:400}
.matrix td{text-align:center;min-width:110px}
.matrix td small{text-align:center}
td.good{background:var(--good-bg);color:var(--good)}
td.warn{background:var(--warn-bg);color:var(--warn)}
td.bad{background:var(--bad-bg);color:var(--bad)}
td.info{background:var(--info-bg);color:var(--info)}
td.dim{background:var(--unk-bg);color:var(--muted)}
span.good{color:var(--good)}span.warn{color:var(--warn)}span.bad{color:var(--bad);font-weight:600}
span.info{color:var(--info)}span.dim{color:var(--muted)}span.strong{font-weight:600}
span.code{font-family:monospace;background:var(--soft);padding:0 3px;border-radius:3px}
dl.fields{display:grid;grid-template-columns:max-content 1fr;gap:3px 14px;margin:8px 0}
dl.fields dt{color:var(--muted)}dl.fields dd{margin:0}
.stats{display:flex;flex-wrap:wrap;gap:10px;margin:12px 0}
.stat{flex:1 1 130px;border:1px solid var(--line);border-radius:8px;padding:8px 12px;background:var(--bg)}
.stat .v{font-size:24px;font-weight:700}.stat .l{color:var(--muted);font-size:12px}
.stat.good{border-color:var(--good);background:var(--good-bg)}.stat.good .v{color:var(--good)}
.stat.warn{border-color:#e0b24a;background:var(--warn-bg)}.stat.warn .v{color:var(--warn)}
.stat.bad{border-color:var(--bad);background:var(--bad-bg)}.stat.bad .v{color:var(--bad)}
article.finding{border:1px solid var(--line);border-left:5px solid var(--info);border-radius:6px;padding:8px 12px;margin:10px 0;break-inside:avoid}
article.finding.error{border-left-color:var(--bad)}article.finding.warning{border-left-color:#e0a100}
.finding header{font-weight:600}
.badge{display:inline-block;border-radius:10px;padding:0 8px;font-size:12px;margin-right:6px;color:#fff;background:var(--info)}
.error .badge{background:var(--bad)}.warning .badge{background:#b7791f}
.finding .loc{color:var(--muted);font-size:12px;font-family:monospace;word-break:break-all}
.finding .why{color:var(--muted)}
ol.steps>li{margin:10px 0;break-inside:avoid}ol.steps p.step{font-weight:600}ol.steps .why{color:var(--muted)}
figure{margin:10px 0 16px}
figure svg{width:100%;height:auto;border:1px solid var(--line);border-radius:6px;background:#fff}
figcaption{font-weight:600;margin-bottom:4px}
.legend{display:flex;gap:16px;flex-wrap:wrap;font-size:12px;color:var(--muted);margin-top:4px}
.legend i{display:inline-block;width:10px;height:10px;border-radius:50%;margin-right:4px;vertical-align:-1px}
.legend i.good{background:var(--good)}.legend i.bad{background:var(--bad)}.legend i.warn{background:#e0a100}.legend i.info{background:var(--info)}
@page{size:A4;margin:12mm}
@media print{body{background:#fff;font-size:10pt}main{max-width:none;padding:0;min-height:0}
h2{break-after:avoid}table,figure,.stats{break-inside:avoid}tr{break-inside:avoid}
pre{background:#f4f6f9;color:#000;border:1px solid var(--line)}
*{-webkit-print-color-adjust:exact;print-color-adjust:exact}}
"#;

fn inline(i: &[Span]) -> String {
    let mut s = String::new();
    for sp in i {
        if sp.tone == Tone::Plain {
            s.push_str(&esc(&sp.text));
        } else {
            let _ = write!(
                s,
                "<span class=\"{}\">{}</span>",
                sp.tone.class(),
                esc(&sp.text)
            );
        }
    }
    s
}

/// A safe id/class token: letters, digits and dashes only.
fn token(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' {
                c
            } else {
                '-'
            }
        })
        .collect()
}

fn cell(tag: &str, c: &Cell, scope: Option<&str>) -> String {
    let mut attrs = String::new();
    if c.tone != Tone::Plain {
        let _ = write!(attrs, " class=\"{}\"", c.tone.class());
    }
    if let Some(sc) = scope {
        let _ = write!(attrs, " scope=\"{sc}\"");
    }
    if let Some(d) = &c.detail {
        let _ = write!(attrs, " title=\"{}\"", esc(d));
    }
    let detail = c
        .detail
        .as_ref()
        .map(|d| format!("<small>{}</small>", esc(d)))
        .unwrap_or_default();
    format!("<{tag}{attrs}>{}{detail}</{tag}>", inline(&c.text))
}

pub fn table(t: &Table) -> String {
    let mut s = String::from("<div class=\"tbl\"><table");
    if let Some(id) = &t.id {
        let _ = write!(s, " id=\"{}\"", token(id));
    }
    if let Some(c) = &t.class {
        let _ = write!(s, " class=\"{}\"", token(c));
    }
    s.push('>');
    if let Some(c) = &t.caption {
        let _ = write!(s, "<caption>{}</caption>", esc(c));
    }
    s.push_str("<thead><tr>");
    for c in &t.head {
        s.push_str(&cell("th", c, Some("col")));
    }
    s.push_str("</tr></thead><tbody>");
    for r in &t.rows {
        s.push_str("<tr>");
        for (i, c) in r.iter().enumerate() {
            if i == 0 && t.row_heads {
                s.push_str(&cell("th", c, Some("row")));
            } else {
                s.push_str(&cell("td", c, None));
            }
        }
        s.push_str("</tr>\n");
    }
    s.push_str("</tbody></table></div>\n");
    s
}

fn code(c: &Commands) -> String {
    let body: Vec<String> = c.lines.iter().map(|l| esc(l)).collect();
    let label = if c.label.is_empty() {
        String::new()
    } else {
        format!("<h4>{}</h4>", esc(&c.label))
    };
    format!(
        "<div class=\"cmds\">{label}<pre><code class=\"lang-{}\">{}</code></pre></div>\n",
        token(&c.lang),
        body.join("\n")
    )
}

fn finding(f: &FindingBlock) -> String {
    let mut s = format!(
        "<article class=\"finding {}\"><header><span class=\"badge\">{}</span>{} <code>{}</code></header>",
        f.level.as_str(),
        esc(&f.level_label),
        esc(&f.code),
        esc(&f.name)
    );
    if !f.location.trim().is_empty() {
        let _ = write!(
            s,
            "<div class=\"loc\">{}</div>",
            esc(f.location.trim().trim_end_matches(':'))
        );
    }
    for p in f.message.split("\n\n") {
        let _ = write!(s, "<p>{}</p>", esc(p).replace('\n', "<br>"));
    }
    if !f.evidence.is_empty() {
        let _ = write!(s, "<h4>{}</h4><ul>", esc(&f.evidence_label));
        for (fact, at) in &f.evidence {
            let _ = write!(s, "<li>{}", esc(fact));
            if !at.is_empty() {
                let _ = write!(s, " <span class=\"loc\">[{}]</span>", esc(at));
            }
            s.push_str("</li>");
        }
        s.push_str("</ul>");
    }
    if let Some((label, why)) = &f.why {
        let _ = write!(
            s,
            "<p class=\"why\"><em>{}</em>: {}</p>",
            esc(label),
            esc(why)
        );
    }
    for c in &f.fixes {
        s.push_str(&code(c));
    }
    s.push_str("</article>\n");
    s
}

fn color(t: Tone) -> &'static str {
    match t {
        Tone::Good => "#1b7f3b",
        Tone::Warn => "#e0a100",
        Tone::Bad => "#b42318",
        Tone::Info | Tone::Code => "#1d5fa8",
        Tone::Dim => "#9aa3ad",
        Tone::Plain | Tone::Strong => "#1c2430",
    }
}

fn timeline(t: &Timeline) -> String {
    const LEFT: i64 = 150;
    const WIDTH: i64 = 1100;
    const ROW: i64 = 30;
    const TOP: i64 = 10;
    let plot = WIDTH - LEFT - 20;
    let days = t.days.max(1);
    let x = |d: i64| LEFT + d.clamp(0, days) * plot / days;
    let height = TOP + ROW * (t.rows.len() as i64).max(1) + 34;
    let mut s = String::from("<figure");
    if let Some(id) = &t.id {
        let _ = write!(s, " id=\"{}\"", token(id));
    }
    s.push('>');
    if !t.caption.is_empty() {
        let _ = write!(s, "<figcaption>{}</figcaption>", esc(&t.caption));
    }
    let _ = write!(
        s,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {WIDTH} {height}\" role=\"img\" aria-label=\"{}\" font-family=\"sans-serif\" font-size=\"12\">",
        esc(&t.caption)
    );
    let axis = TOP + ROW * (t.rows.len() as i64).max(1);
    for (i, r) in t.rows.iter().enumerate() {
        let y = TOP + ROW * i as i64;
        let mid = y + ROW / 2;
        if i % 2 == 0 {
            let _ = write!(
                s,
                "<rect x=\"0\" y=\"{y}\" width=\"{WIDTH}\" height=\"{ROW}\" fill=\"#f7f9fb\"/>"
            );
        }
        let _ = write!(
            s,
            "<text x=\"8\" y=\"{}\" fill=\"#1c2430\">{}</text>",
            mid + 4,
            esc(&r.label)
        );
        let _ = write!(
            s,
            "<line x1=\"{LEFT}\" y1=\"{mid}\" x2=\"{}\" y2=\"{mid}\" stroke=\"#d9dee5\"/>",
            LEFT + plot
        );
        for (a, b, tone) in &r.spans {
            let (xa, xb) = (x(*a), x(*b));
            let _ = write!(
                s,
                "<rect x=\"{xa}\" y=\"{}\" width=\"{}\" height=\"8\" rx=\"4\" fill=\"{}\" opacity=\"0.35\"/>",
                mid - 4,
                (xb - xa).max(2),
                color(*tone)
            );
        }
        for m in &r.marks {
            let cx = x(m.day);
            let c = color(m.tone);
            if m.diamond {
                let _ = write!(
                    s,
                    "<g><title>{}</title><path d=\"M{cx} {} l7 7 l-7 7 l-7 -7 z\" fill=\"{c}\"/></g>",
                    esc(&m.detail),
                    mid - 7
                );
            } else {
                let _ = write!(
                    s,
                    "<g><title>{}</title><circle cx=\"{cx}\" cy=\"{mid}\" r=\"6\" fill=\"{c}\" stroke=\"#fff\" stroke-width=\"1.5\"/></g>",
                    esc(&m.detail)
                );
            }
            if !m.label.is_empty() {
                let anchor = if cx > LEFT + plot - 60 {
                    "end"
                } else {
                    "start"
                };
                let tx = if anchor == "end" { cx - 9 } else { cx + 9 };
                let _ = write!(
                    s,
                    "<text x=\"{tx}\" y=\"{}\" fill=\"{c}\" font-size=\"11\" text-anchor=\"{anchor}\">{}</text>",
                    mid - 6,
                    esc(&m.label)
                );
            }
        }
    }
    let _ = write!(
        s,
        "<line x1=\"{LEFT}\" y1=\"{axis}\" x2=\"{}\" y2=\"{axis}\" stroke=\"#5b6675\"/>",
        LEFT + plot
    );
    for (d, label) in &t.ticks {
        let tx = x(*d);
        let _ = write!(
            s,
            "<line x1=\"{tx}\" y1=\"{axis}\" x2=\"{tx}\" y2=\"{}\" stroke=\"#5b6675\"/><text x=\"{tx}\" y=\"{}\" fill=\"#5b6675\" text-anchor=\"middle\" font-size=\"11\">{}</text>",
            axis + 5,
            axis + 18,
            esc(label)
        );
    }
    if let Some((d, label)) = &t.now {
        let nx = x(*d);
        let _ = write!(
            s,
            "<line x1=\"{nx}\" y1=\"{TOP}\" x2=\"{nx}\" y2=\"{axis}\" stroke=\"#b42318\" stroke-dasharray=\"4 3\"/><text x=\"{nx}\" y=\"{}\" fill=\"#b42318\" text-anchor=\"middle\" font-size=\"11\" font-weight=\"bold\">{}</text>",
            axis + 30,
            esc(label)
        );
    }
    s.push_str("</svg>");
    if !t.legend.is_empty() {
        s.push_str("<div class=\"legend\">");
        for (tone, l) in &t.legend {
            let _ = write!(
                s,
                "<span><i class=\"{}\"></i>{}</span>",
                tone.class(),
                esc(l)
            );
        }
        s.push_str("</div>");
    }
    s.push_str("</figure>\n");
    s
}

fn block(b: &Block) -> String {
    match b {
        Block::Heading { level, text, id } => {
            let h = (*level).clamp(1, 4) + 1;
            let id = id
                .as_ref()
                .map(|i| format!(" id=\"{}\"", token(i)))
                .unwrap_or_default();
            format!("<h{h}{id}>{}</h{h}>\n", esc(text))
        }
        Block::Para(i) => format!("<p>{}</p>\n", inline(i)),
        Block::List(items) => {
            let li: String = items
                .iter()
                .map(|i| format!("<li>{}</li>", inline(i)))
                .collect();
            format!("<ul>{li}</ul>\n")
        }
        Block::Fields(fields) => {
            let d: String = fields
                .iter()
                .map(|f| format!("<dt>{}</dt><dd>{}</dd>", esc(&f.key), inline(&f.value)))
                .collect();
            format!("<dl class=\"fields\">{d}</dl>\n")
        }
        Block::Stats(stats) => {
            let d: String = stats
                .iter()
                .map(|(l, v, t)| {
                    format!(
                        "<div class=\"stat {}\"><div class=\"v\">{}</div><div class=\"l\">{}</div></div>",
                        t.class(),
                        esc(v),
                        esc(l)
                    )
                })
                .collect();
            format!("<div class=\"stats\">{d}</div>\n")
        }
        Block::Table(t) => table(t),
        Block::Code(c) => code(c),
        Block::Finding(f) => finding(f),
        Block::Figure(Figure::Timeline(t)) => timeline(t),
        Block::Procedure(steps) => {
            let mut s = String::from("<ol class=\"steps\">");
            for st in steps {
                let _ = write!(s, "<li><p class=\"step\">{}</p>", inline(&st.text));
                if let Some(d) = &st.detail {
                    let _ = write!(s, "<p class=\"why\">{}</p>", esc(d));
                }
                for c in &st.commands {
                    s.push_str(&code(c));
                }
                if let Some(n) = &st.note {
                    let _ = write!(s, "<p class=\"warn\">{}</p>", esc(n));
                }
                if let Some((label, e)) = &st.expect {
                    let _ = write!(
                        s,
                        "<p class=\"expect\"><em>{}</em>: {}</p>",
                        esc(label),
                        esc(e)
                    );
                }
                s.push_str("</li>\n");
            }
            s.push_str("</ol>\n");
            s
        }
    }
}

/// Print a document as one self-contained HTML page.
pub fn print(doc: &Doc) -> String {
    let lang: String = doc
        .lang
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect();
    let mut s = String::with_capacity(16 * 1024);
    let _ = write!(
        s,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<meta http-equiv=\"Content-Security-Policy\" content=\"{CSP}\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta name=\"referrer\" content=\"no-referrer\">\n<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<main>\n<h1>{}</h1>\n",
        if lang.is_empty() { "en".into() } else { lang },
        esc(&doc.title),
        esc(&doc.title)
    );
    for b in &doc.blocks {
        s.push_str(&block(b));
    }
    s.push_str("</main>\n</body>\n</html>\n");
    s
}
