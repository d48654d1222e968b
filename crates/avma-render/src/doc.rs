//! The document: what a command says, before it is printed in any format.

/// How a piece of text should stand out. Printers map tones to colour (text on a terminal),
/// emphasis (Markdown) or classes (HTML); the words must make sense without it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Tone {
    #[default]
    Plain,
    Strong,
    Dim,
    Good,
    Warn,
    Bad,
    Info,
    /// A command, a key, a path: monospace, copied as is.
    Code,
}

impl Tone {
    pub fn class(self) -> &'static str {
        match self {
            Tone::Plain => "plain",
            Tone::Strong => "strong",
            Tone::Dim => "dim",
            Tone::Good => "good",
            Tone::Warn => "warn",
            Tone::Bad => "bad",
            Tone::Info => "info",
            Tone::Code => "code",
        }
    }
}

/// A run of text with one tone.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Span {
    pub text: String,
    pub tone: Tone,
}

impl Span {
    pub fn new(text: impl Into<String>, tone: Tone) -> Span {
        Span {
            text: text.into(),
            tone,
        }
    }
    pub fn plain(text: impl Into<String>) -> Span {
        Span::new(text, Tone::Plain)
    }
}

/// Inline text: spans in order.
pub type Inline = Vec<Span>;

/// Plain inline text.
pub fn plain(text: impl Into<String>) -> Inline {
    vec![Span::plain(text)]
}

/// Inline text of one tone.
pub fn toned(text: impl Into<String>, tone: Tone) -> Inline {
    vec![Span::new(text, tone)]
}

/// The plain words of inline text.
pub fn words(i: &[Span]) -> String {
    i.iter().map(|s| s.text.as_str()).collect()
}

/// A table cell: its text, a tone for the whole cell (HTML colours the cell) and an optional
/// detail (HTML shows it on hover and in print; text and Markdown leave it out).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Cell {
    pub text: Inline,
    pub tone: Tone,
    pub detail: Option<String>,
}

impl Cell {
    pub fn new(text: impl Into<String>) -> Cell {
        Cell {
            text: plain(text),
            ..Cell::default()
        }
    }
    pub fn toned(text: impl Into<String>, tone: Tone) -> Cell {
        Cell {
            text: toned(text, tone),
            tone,
            detail: None,
        }
    }
    pub fn with_detail(mut self, detail: impl Into<String>) -> Cell {
        self.detail = Some(detail.into());
        self
    }
}

impl From<&str> for Cell {
    fn from(s: &str) -> Cell {
        Cell::new(s)
    }
}

impl From<String> for Cell {
    fn from(s: String) -> Cell {
        Cell::new(s)
    }
}

/// A table: a header row and rows. `id` names it for HTML (and tests); `row_heads` makes the
/// first cell of each row a row header (a matrix).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Table {
    pub id: Option<String>,
    /// A class for HTML styling (`matrix`).
    pub class: Option<String>,
    pub caption: Option<String>,
    pub head: Vec<Cell>,
    pub rows: Vec<Vec<Cell>>,
    pub row_heads: bool,
}

/// How serious a finding is (the printers' view of a rule severity).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Error,
    Warning,
    Note,
}

impl Level {
    pub fn tone(self) -> Tone {
        match self {
            Level::Error => Tone::Bad,
            Level::Warning => Tone::Warn,
            Level::Note => Tone::Info,
        }
    }
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Error => "error",
            Level::Warning => "warning",
            Level::Note => "note",
        }
    }
}

/// A block of commands under a label ("Fix (cmd)").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Commands {
    pub label: String,
    /// The language for Markdown fences and HTML classes: `bat`, `powershell`, `text`.
    pub lang: String,
    pub lines: Vec<String>,
}

/// One step of an ordered procedure: what to do (and where), why, the commands, what to expect.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ProcedureStep {
    /// What to do.
    pub text: Inline,
    /// Why the step is needed (shown dimmed).
    pub detail: Option<String>,
    /// The same step in each shell (cmd, PowerShell): Markdown and HTML show every block.
    pub commands: Vec<Commands>,
    /// The block the text printer shows (the one a person types at a prompt; a PowerShell block
    /// is shown after `PS> `). Out of range: none.
    pub primary: usize,
    /// (label, text): what a successful step prints.
    pub expect: Option<(String, String)>,
    /// A note under the commands (a warning that a command was cut).
    pub note: Option<String>,
}

/// A finding as people read it: where, how serious, which rule, what, on which evidence, why,
/// and the fix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FindingBlock {
    pub level: Level,
    /// The translated severity ("error", "エラー").
    pub level_label: String,
    pub code: String,
    pub name: String,
    /// `machine: file:line: ` as one string (empty when none).
    pub location: String,
    pub message: String,
    pub evidence_label: String,
    /// (fact, where it was seen).
    pub evidence: Vec<(String, String)>,
    pub why: Option<(String, String)>,
    pub fixes: Vec<Commands>,
}

/// A mark on a timeline row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mark {
    /// Days since the timeline's start.
    pub day: i64,
    pub tone: Tone,
    /// A short text next to the mark (a date), and the longer one in its tooltip.
    pub label: String,
    pub detail: String,
    /// A date that ends something (a licence lapse): a diamond instead of a dot.
    pub diamond: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimelineRow {
    pub label: String,
    pub marks: Vec<Mark>,
    /// A bar from day a to day b (a licence still valid, an activation window).
    pub spans: Vec<(i64, i64, Tone)>,
}

/// Days across, one row per machine; marks for events, bars for periods.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Timeline {
    pub id: Option<String>,
    pub caption: String,
    pub days: i64,
    /// (day, label) under the axis.
    pub ticks: Vec<(i64, String)>,
    /// The "now" line: day and its label.
    pub now: Option<(i64, String)>,
    pub rows: Vec<TimelineRow>,
    /// Legend: (tone, meaning).
    pub legend: Vec<(Tone, String)>,
}

/// A picture. Text and Markdown print its content as a list; HTML draws it as inline SVG.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Figure {
    Timeline(Timeline),
}

/// One line of a key → value list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    pub key: String,
    pub value: Inline,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// Level 1 is the document's own title level; `id` anchors it in HTML.
    Heading {
        level: u8,
        text: String,
        id: Option<String>,
    },
    Para(Inline),
    /// A bulleted list.
    List(Vec<Inline>),
    /// Key → value pairs (a summary).
    Fields(Vec<Field>),
    Table(Table),
    Code(Commands),
    Finding(FindingBlock),
    Figure(Figure),
    /// Large numbers in boxes (HTML); a line each elsewhere: (label, value, tone).
    Stats(Vec<(String, String, Tone)>),
    /// An ordered procedure (`avma plan`'s steps), numbered from 1.
    Procedure(Vec<ProcedureStep>),
}

/// A document: a title, its language (BCP 47, for HTML) and blocks.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Doc {
    pub title: String,
    pub lang: String,
    pub blocks: Vec<Block>,
}

impl Doc {
    pub fn new(title: impl Into<String>, lang: impl Into<String>) -> Doc {
        Doc {
            title: title.into(),
            lang: lang.into(),
            blocks: Vec::new(),
        }
    }
    pub fn push(&mut self, b: Block) -> &mut Self {
        self.blocks.push(b);
        self
    }
    pub fn heading(&mut self, level: u8, text: impl Into<String>) -> &mut Self {
        self.push(Block::Heading {
            level,
            text: text.into(),
            id: None,
        })
    }
    pub fn heading_id(&mut self, level: u8, text: impl Into<String>, id: &str) -> &mut Self {
        self.push(Block::Heading {
            level,
            text: text.into(),
            id: Some(id.to_string()),
        })
    }
    pub fn para(&mut self, i: Inline) -> &mut Self {
        self.push(Block::Para(i))
    }

    /// This document as a part of another: its title a heading of `level`, its own headings
    /// `level` deeper (the demo is made of the other commands' documents).
    pub fn nested(self, level: u8) -> Vec<Block> {
        let mut out = Vec::with_capacity(self.blocks.len() + 1);
        if !self.title.is_empty() {
            out.push(Block::Heading {
                level,
                text: self.title,
                id: None,
            });
        }
        out.extend(self.blocks.into_iter().map(|b| match b {
            Block::Heading { level: l, text, id } => Block::Heading {
                level: l.saturating_add(level),
                text,
                id,
            },
            b => b,
        }));
        out
    }
}

/// The marks of a timeline row in words, in time order, for printers without pictures: the same
/// text once, and a long run shortened to its first and last marks with the count between.
pub fn mark_words(marks: &[Mark]) -> Vec<(Tone, String)> {
    let mut sorted: Vec<&Mark> = marks.iter().collect();
    sorted.sort_by_key(|m| m.day);
    let mut out: Vec<(Tone, String)> = Vec::new();
    for m in sorted {
        if !out.iter().any(|(_, d)| *d == m.detail) {
            out.push((m.tone, m.detail.clone()));
        }
    }
    if out.len() > 6 {
        let hidden = out.len() - 4;
        let tail = out.split_off(out.len() - 2);
        out.truncate(2);
        out.push((Tone::Dim, format!("… (+{hidden}) …")));
        out.extend(tail);
    }
    out
}
