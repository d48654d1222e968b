//! The runbook linter. Fed one decoded line at a time (so a 1 GB file streams through in
//! constant memory), it collects what it sees — keys with their command context, version
//! mentions, /Set-Edition targets — and judges them at the end, when the whole text is known
//! (the target version may be stated after the command that uses a key).
//!
//! Memory: only the observations are kept (a few per key or mention), never the text.

use std::sync::OnceLock;

use regex::Regex;

use crate::catalog::{Catalog, Edition, Key, KeyKind, Version};
use crate::finding::Finding;
use crate::key::{find_keys, fold_char, ProductKey};
use crate::lint_scope as scope;
use crate::plan::{check_conversion, ConversionCheck};
use crate::rules::{self, Severity};
use crate::text::{Msg, MsgArg};

/// What the user told the linter about the machine the text is for.
#[derive(Debug, Clone, Copy, Default)]
pub struct LintOptions<'c> {
    pub os: Option<&'c Version>,
    pub edition: Option<&'c Edition>,
}

/// How a key is used on its line.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Use {
    /// `DISM /Set-Edition:<target> /ProductKey:<key>` or `Set-WindowsEdition -Edition <target> -ProductKey`.
    SetEdition { target: Option<String> },
    /// `slmgr /ipk`, `InstallProductKey`, an unattend `<ProductKey>`.
    Install,
    /// `Set-VMAutomaticActivation <key>` (Azure Local host keys).
    HostActivation,
    /// Only mentioned.
    Bare,
}

#[derive(Debug, Clone)]
struct KeyUse {
    key: ProductKey,
    line: u64,
    usage: Use,
    label: Option<KeyKind>,
    /// The last /Set-Edition target before this line.
    prior_target: Option<String>,
    /// Line used `slmgr` (for the style of the fix command).
    slmgr_style: bool,
    /// The version the command is for, said locally: on its own line (a table row), or by the
    /// nearest heading, comment or version branch a few lines above.
    local: Option<String>,
    /// `local` is said on the key's own line (a table row, its column, the label before it).
    local_on_line: bool,
    /// More lines with the same use (kept up to [`LINES_KEPT`]; the rest counted).
    more_lines: Vec<u64>,
    more_count: u64,
    /// The variable a script assigns the key to (`$key = 'KEY'`): installed when a line of the
    /// text runs `slmgr /ipk $key`.
    var: Option<String>,
    /// The characters other than ASCII the key is written with (`ー`, `－`, full-width letters).
    look_alikes: Vec<char>,
    /// The key is installed on a line that speaks of the host only.
    on_host: bool,
    /// The column (1-based, in characters) where the key starts on its first line.
    column: usize,
    /// The branch the command is in says its version is not known (the `else` of a version
    /// test): the text's target does not apply.
    local_unknown: bool,
    /// The edition family the command is for, said locally: by the script branch it is in, its
    /// own line (one key on it), or the nearest heading or label above.
    local_edition: Option<String>,
    /// With `on_host`: the one version the command's line names (a host's included).
    host_local: Option<String>,
}

/// Identical uses (same key, same way, same context) share one entry: memory is bounded by the
/// distinct uses, and every line is still judged (the first [`LINES_KEPT`] lines get their own
/// findings, the others are counted in one more finding).
const LINES_KEPT: usize = 16;

/// How far above a command a heading, comment or branch still says which version it is for.
const LOCAL_REACH: u64 = 40;
/// How many lines after a slmgr status command a word test of its output is taken as one.
const SLMGR_REACH: u64 = 12;
/// cmd goto labels kept (a runbook's script has a few).
const LABELS_KEPT: usize = 32;

/// Version mentions, aggregated per (version, context): count and first line. A handful of
/// entries whatever the input size; found without allocating.
#[derive(Debug, Clone, Default)]
struct Mentions(Vec<(String, Ctx, u64, u64)>);

impl Mentions {
    fn add(&mut self, version: &str, ctx: Ctx, line: u64) {
        match self.0.iter_mut().find(|m| m.0 == version && m.1 == ctx) {
            Some(m) => m.2 += 1,
            None => self.0.push((version.to_string(), ctx, 1, line)),
        }
    }
    /// The most mentioned version in a context (ties: the earliest), with its first line.
    fn top(&self, pred: impl Fn(&str, Ctx) -> bool) -> Option<(&str, u64)> {
        let mut best: Option<(&str, u64, u64)> = None;
        for (v, c, n, first) in &self.0 {
            if !pred(v, *c) {
                continue;
            }
            if best.is_none_or(|(_, bn, bl)| *n > bn || (*n == bn && *first < bl)) {
                best = Some((v, *n, *first));
            }
        }
        best.map(|(v, _, l)| (v, l))
    }
    fn distinct(&self, pred: impl Fn(&str, Ctx) -> bool) -> Vec<&str> {
        let mut v: Vec<&str> = self
            .0
            .iter()
            .filter(|m| pred(&m.0, m.1))
            .map(|m| m.0.as_str())
            .collect();
        v.sort_unstable();
        v.dedup();
        v
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Ctx {
    Guest,
    Host,
    Neutral,
}

#[derive(Debug, Clone)]
struct SetEditionCmd {
    line: u64,
    target: String,
    current: Option<String>,
}

/// Where the target version came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TargetSource {
    Option,
    Text {
        line: u64,
    },
    AvmaKeys,
    /// The text names two or more guest versions (first on that line): no single target, each
    /// command is judged by its own row, branch or section.
    Several {
        line: u64,
    },
    None,
}

#[derive(Debug, Clone)]
pub struct LintReport {
    pub file: String,
    pub lines: u64,
    pub target_version: Option<String>,
    pub target_source: TargetSource,
    pub findings: Vec<Finding>,
    /// Keys, commands and mentions seen (for the summary line).
    pub keys_seen: usize,
    pub commands_seen: usize,
}

struct Patterns {
    version: Regex,
    sac: Regex,
    set_edition: Regex,
    ps_edition: Regex,
    current_edition: Regex,
    slmgr_ipk: Regex,
    install_pk: Regex,
    unattend: Regex,
    host_act: Regex,
    skms: Regex,
    avma_words: Regex,
    kms_words: Regex,
    guest_words: Regex,
    host_words: Regex,
    dism: Regex,
}

fn patterns() -> &'static Patterns {
    static P: OnceLock<Patterns> = OnceLock::new();
    P.get_or_init(|| {
        let r = |s: &str| Regex::new(s).expect("static lint pattern");
        Patterns {
            version: r(r"(?i)(?:windows\s*server|server|\bws)\s*(2012\s*r2|2012|2016|2019|2022|2025)\b"),
            sac: r(r"(?i)\bversion\s*(1709|1803|1809|1903|1909|2004|20h2)\b"),
            set_edition: r(r"(?i)/set-edition\s*:\s*([A-Za-z<>]+)"),
            ps_edition: r(r"(?i)set-windowsedition\b.*?-edition\s+([A-Za-z]+)"),
            current_edition: r(r"(?i)current\s+edition\s*:\s*([A-Za-z]+)"),
            slmgr_ipk: r(r"(?i)slmgr(?:\.vbs)?\b.*?[/-]ipk\b"),
            install_pk: r(r"(?i)installproductkey|<productkey>|<key>|-productkey\b"),
            unattend: r(r"(?i)<productkey>|<key>"),
            host_act: r(r"(?i)set-vmautomaticactivation"),
            skms: r(r"(?i)[/-]skms\b"),
            avma_words: r(r"(?i)\bavma\b|automatic\s+virtual\s+machine\s+activation|automatic\s+vm\s+activation|仮想マシンの自動ライセンス認証|自動仮想マシン\s*ライセンス認証"),
            kms_words: r(r"(?i)\bkms\b|\bgvlk\b|kms\s*クライアント|ボリューム\s*ライセンス\s*キー"),
            guest_words: r(r"(?i)\bguests?\b|ゲスト|\bvms?\b|仮想マシン|virtual\s+machines?"),
            host_words: r(r"(?i)\bhosts?\b|ホスト|\bcluster|クラスター|\bnodes?\b|ノード|hyper-v\s*server"),
            dism: r(r"(?i)\bdism(?:\.exe)?\b"),
        }
    })
}

/// The streaming linter for one input.
pub struct Linter<'c> {
    cat: &'c Catalog,
    file: String,
    opts: LintOptions<'c>,
    line_no: u64,
    keys: Vec<KeyUse>,
    mentions: Mentions,
    /// The versions headings and labels name for guests (`section_guest_mention`).
    label_guests: Mentions,
    set_editions: Vec<SetEditionCmd>,
    last_target: Option<String>,
    current_edition: Option<String>,
    avma_intent: bool,
    kms_setup: bool,
    commands: usize,
    /// Distinct key uses and distinct /Set-Edition commands, by their signature.
    key_index: std::collections::HashMap<String, usize>,
    set_index: std::collections::HashMap<(String, Option<String>), usize>,
    /// The version named by the last heading, comment or version branch, and its line.
    section: Option<(String, u64)>,
    /// The Markdown level of the heading that set `section` (0: a comment or label).
    section_level: u8,
    /// The version and edition branches of scripts (`20348 {`, `if (... '*2019*') {`, cmd
    /// `if ... (`), and what they say at each point of the current line.
    branches: scope::Branches,
    views: Vec<(usize, scope::View)>,
    /// The line has a `{` (set by `track_scope`).
    brace: bool,
    /// The edition family named by the last heading or label (`## Standard のゲスト`), with the
    /// heading's level (0: a label or comment) and line.
    section_edition: Option<(String, u8, u64)>,
    /// Where the commands run (AV010): by the last heading that says so (with its level), by
    /// the code block (the sentence before it, or a comment in it), by a PowerShell script
    /// block (`Invoke-Command -VMName X -ScriptBlock {`, with its open braces), and by the
    /// lines so far of a continued command (`` ` `` or `^`): (guest, host, installs).
    heading_side: Option<(scope::Side, u8)>,
    block_side: Option<scope::Side>,
    prose_side: Option<(scope::Side, u64)>,
    script_side: Option<(scope::Side, i64)>,
    cont: Option<(bool, bool, bool)>,
    /// The host versions the text states as its own (not negated, not a condition): AV103.
    host_versions: Vec<(String, u64)>,
    /// Inside a fenced code block (a `#` there is a comment, not a heading).
    in_fence: bool,
    /// Inside a Markdown code block indented by four spaces or a tab (after a blank line), and
    /// whether the line before was blank.
    in_indented: bool,
    prev_blank: bool,
    /// The level of the last Markdown heading (0: none yet), and the level in effect when the
    /// edition context (`last_target`, `current_edition`) was set: a heading of that level or
    /// higher ends it.
    heading_now: u8,
    edition_level: u8,
    /// The variables the text installs as keys (`slmgr /ipk $key`).
    ipk_vars: Vec<String>,
    /// The line of the last mention of a version next to "guest" (set by `collect_mentions`).
    guest_line: u64,
    /// A line that names two or more guest versions: the text has no single target.
    several: Option<u64>,
    /// A guest version AVMA does not activate, named as a guest's without a negation.
    unsupported: Option<(String, u64)>,
    /// A statement that a Standard host is used.
    host_standard: Option<u64>,
    /// The last line that runs slmgr for a status output (/xpr, /dlv, /dli).
    slmgr_status: Option<u64>,
    /// A word test of slmgr's output (AV011) and a 7-day AVMA claim (AV012) already reported.
    loose_match_done: bool,
    /// The line of the last command that stopped or disabled the Data Exchange service: the
    /// next line doing the same (`Set-Service ... Disabled` then `Stop-Service`) is the same
    /// step, one finding.
    kvp_off_at: Option<u64>,
    /// The first sentence that states or allows a host older than its guest (AV103).
    host_older: Option<u64>,
    /// The evaluation edition the text is about, from the heading or sentence that says so,
    /// until a heading of the same or a higher level.
    eval: Option<EvalCtx>,
    seven_day_done: bool,
    /// cmd `if ... goto LABEL`: the version each label's section is for (`None`: not known),
    /// at most [`LABELS_KEPT`].
    goto_labels: Vec<(String, Option<String>)>,
    /// The section was set by a cmd `:label`.
    label_section: bool,
    /// Findings of single lines (hidden characters, Data Exchange turned off), kept up to
    /// [`DAMAGED_KEPT`].
    line_findings: Vec<Finding>,
    /// Inside a leading front-matter block (`---` ... `---`): no version is taken from it.
    front_matter: bool,
    /// The 3-grams of the public keys (the damaged-copy filter), and the damaged copies found.
    grams: Vec<bool>,
    damaged: Vec<Finding>,
    damaged_more: u64,
    /// The fast path (see [`Hints`]); off in [`Linter::reference`], which runs every regex.
    fast: bool,
    /// Reused per line: the lower-cased copy of an ASCII line and the version mentions.
    lower: Vec<u8>,
    spans: Vec<Span>,
    /// The versions the columns of the current Markdown table name in its header.
    table: scope::Table,
    /// The edition families named on lines that name a version for guests ("ゲスト: Windows
    /// Server 2019 Standard"), looked for on the first [`GUEST_EDITION_LINES`] such lines.
    guest_editions: Vec<String>,
    guest_edition_lines: usize,
}

/// How many lines naming a guest version are searched for the guests' edition (it is stated
/// near the top of a runbook; a long log of VM chatter is not searched on every line).
const GUEST_EDITION_LINES: usize = 64;

/// A version mention on a line: byte span and the version id (`""` for a form that names no
/// catalog version, such as `2012<TAB>R2`).
type Span = (usize, usize, &'static str);

impl<'c> Linter<'c> {
    pub fn new(file: &str, opts: LintOptions<'c>, cat: &'c Catalog) -> Self {
        Linter {
            cat,
            file: file.to_string(),
            opts,
            line_no: 0,
            keys: Vec::new(),
            mentions: Mentions::default(),
            label_guests: Mentions::default(),
            set_editions: Vec::new(),
            last_target: None,
            current_edition: None,
            avma_intent: false,
            kms_setup: false,
            commands: 0,
            key_index: std::collections::HashMap::new(),
            set_index: std::collections::HashMap::new(),
            section: None,
            section_level: 0,
            branches: scope::Branches::default(),
            views: Vec::new(),
            brace: false,
            section_edition: None,
            heading_side: None,
            block_side: None,
            prose_side: None,
            script_side: None,
            cont: None,
            host_versions: Vec::new(),
            in_fence: false,
            in_indented: false,
            prev_blank: false,
            heading_now: 0,
            edition_level: 0,
            ipk_vars: Vec::new(),
            guest_line: 0,
            several: None,
            unsupported: None,
            host_standard: None,
            slmgr_status: None,
            loose_match_done: false,
            kvp_off_at: None,
            host_older: None,
            eval: None,
            seven_day_done: false,
            goto_labels: Vec::new(),
            label_section: false,
            line_findings: Vec::new(),
            front_matter: false,
            grams: key_grams(cat),
            damaged: Vec::new(),
            damaged_more: 0,
            fast: true,
            lower: Vec::new(),
            spans: Vec::new(),
            table: scope::Table::default(),
            guest_editions: Vec::new(),
            guest_edition_lines: 0,
        }
    }

    /// Headings, code fences and the version branches of a script: the scope a line is in.
    /// Returns whether the line was a heading or a fence (no other marker then).
    fn track_scope(&mut self, line: &str, t: &str) -> bool {
        self.views.clear();
        self.brace = memchr::memchr(b'{', line.as_bytes()).is_some();
        // An indented code block: the sentence right before it says where it runs, as for a
        // fenced one; it ends at the first line that is not indented.
        let was_blank = std::mem::replace(&mut self.prev_blank, t.trim().is_empty());
        if !self.in_fence && !t.trim().is_empty() {
            let indented = line.starts_with("    ") || line.starts_with('\t');
            if indented && !self.in_indented && was_blank {
                self.in_indented = true;
                self.block_side = self
                    .prose_side
                    .filter(|(_, at)| self.line_no - at <= 2)
                    .map(|(s, _)| s);
            } else if !indented && self.in_indented {
                self.in_indented = false;
                self.block_side = None;
            }
        }
        if t.starts_with("```") || t.starts_with("~~~") {
            self.in_fence = !self.in_fence;
            self.branches.reset();
            self.script_side = None;
            // The sentence right before a code block says where it runs ("ホストで次を実行します:").
            self.block_side = if self.in_fence {
                self.prose_side
                    .filter(|(_, at)| self.line_no - at <= 2)
                    .map(|(s, _)| s)
            } else {
                None
            };
            // A fence's label (```powershell) names no version; a version after it may.
            let named = scope::named_versions(self.cat, line, false);
            if let Some(v) = scope::single_version(&named) {
                self.set_section(v.to_string(), 0);
            }
            return true;
        }
        // A `#` line inside an open script branch is a comment (a .ps1 file has no fences).
        if !self.in_fence && !self.branches.is_open() {
            if let Some(level) = scope::heading_level(t) {
                self.branches.reset();
                self.script_side = None;
                self.heading_scope(line, level);
                // A sibling or higher heading is another step: the edition a /Set-Edition or
                // "Current edition" line set under the heading before no longer applies.
                if self.edition_level > 0 && level <= self.edition_level {
                    self.last_target = None;
                    self.current_edition = None;
                    self.edition_level = 0;
                }
                self.heading_now = level;
                if self.eval.is_some_and(|e| e.level >= level) {
                    self.eval = None;
                }
                if let Some(m) = scope::eval_mention(line) {
                    self.note_eval(m, level);
                }
                let named = scope::named_versions(self.cat, line, false);
                match scope::single_version(&named) {
                    Some(v) => {
                        let v = v.to_string();
                        self.section_guest_mention(line, &v);
                        self.set_section(v, level);
                    }
                    // A heading of the same or a higher level without one version ends the
                    // section of the heading before.
                    None if self.section_level > 0 && level <= self.section_level => {
                        self.section = None;
                        self.section_level = 0;
                    }
                    None => {}
                }
                return true;
            }
        }
        if self.branches.wants(line, t, self.brace) {
            let mut views = std::mem::take(&mut self.views);
            self.branches.scan(self.cat, line, &mut views);
            self.views = views;
        }
        false
    }

    /// A heading's edition and side: a heading naming one edition (not a host's) or where its
    /// commands run sets them for the section; a heading of the same or a higher level naming
    /// none ends the section's.
    fn heading_scope(&mut self, line: &str, level: u8) {
        let eds = scope::named_editions(line);
        match scope::single_version(&eds) {
            Some(e) => self.section_edition = Some((e.to_string(), level, self.line_no)),
            None if self
                .section_edition
                .as_ref()
                .is_some_and(|(_, l, _)| *l == 0 || level <= *l) =>
            {
                self.section_edition = None;
            }
            None => {}
        }
        // A heading about guests (`### ゲストへのキー投入`) is not the host's, whatever above.
        let place =
            scope::place_of(line).or_else(|| scope::words(line).0.then_some(scope::Side::Guest));
        match place {
            Some(side) => self.heading_side = Some((side, level)),
            None if self.heading_side.is_some_and(|(_, l)| level <= l) => {
                self.heading_side = None;
            }
            None => {}
        }
    }

    /// A heading or label names the version of what follows: a new version is a new context,
    /// so an edition set by a /Set-Edition or "Current edition" above it no longer applies.
    /// A heading or label that names one version for guests ("For 2022 Datacenter guests:",
    /// "## 2019 のゲスト"), even in its short form: the target when nothing else tells it.
    fn section_guest_mention(&mut self, line: &str, v: &str) {
        if scope::words(line).0 && self.cat.version(v).is_some() {
            self.label_guests.add(v, Ctx::Guest, self.line_no);
        }
    }

    /// A heading or sentence about an evaluation edition at heading level `level`: the context
    /// it opens, or what it adds to the one open (its family, a domain controller).
    fn note_eval(&mut self, m: scope::EvalMention, level: u8) {
        match &mut self.eval {
            Some(e) => {
                e.family = e.family.or(m.family);
                e.dc |= m.dc;
            }
            None => {
                self.eval = Some(EvalCtx {
                    family: m.family,
                    level,
                    dc: m.dc,
                    converted: false,
                    ipk_done: false,
                    dc_done: false,
                })
            }
        }
    }

    /// The evaluation edition the text is about, when its family is named.
    fn eval_edition(&self) -> Option<&'c Edition> {
        let f = self.eval?.family?;
        self.cat
            .editions
            .iter()
            .find(|e| e.family == f && e.eval && !e.core)
    }

    /// A /Set-Edition while an evaluation is the subject: converting an evaluation domain
    /// controller is not supported (AV105, once); a retail target converts it.
    fn eval_set_edition(&mut self, target: &str) {
        let Some(e) = self.eval.as_mut() else {
            return;
        };
        if e.dc && !e.dc_done {
            e.dc_done = true;
            self.line_findings.push(
                Finding::new(
                    &rules::EVALUATION_DOMAIN_CONTROLLER,
                    Msg::new("lint-eval-dc-conversion").arg("target", target),
                )
                .at(&self.file, self.line_no),
            );
        }
        if self.cat.edition(target).is_some_and(|t| !t.eval) {
            e.converted = true;
        }
    }

    /// An AVMA key installed (slmgr /ipk) while the subject is an evaluation edition not yet
    /// converted: slmgr refuses it (0xC004F069); DISM /Set-Edition first (AV201, once).
    fn eval_install(&mut self, found: &[crate::key::FoundKey]) {
        let Some(e) = self.eval.filter(|e| !e.converted && !e.ipk_done && !e.dc) else {
            return;
        };
        let Some(k) = found
            .iter()
            .filter_map(|f| self.cat.key(&f.key))
            .find(|k| k.kind == KeyKind::Avma)
        else {
            return;
        };
        if let Some(x) = self.eval.as_mut() {
            x.ipk_done = true;
        }
        let mut f = Finding::new(
            &rules::GUEST_EVALUATION_EDITION,
            Msg::new("lint-avma-key-on-eval").arg("key", k.key.as_str()),
        )
        .at(&self.file, self.line_no);
        // The conversion of the evaluation of the key's version and family (the key's own
        // edition when the text names none).
        let family = e.family.unwrap_or(k.family.as_str());
        let eval = self
            .cat
            .editions
            .iter()
            .find(|x| x.family == family && x.eval && !x.core);
        if let (Some(v), Some(ev)) = (k.versions.first().and_then(|v| self.cat.version(v)), eval) {
            f = f.fix(crate::judge::convert_evaluation(v, ev, self.cat));
        }
        if f.fix.is_empty() {
            f = f.fix(crate::judge::Fix::new().both(crate::judge::dism_list_targets()));
        }
        self.line_findings.push(f);
    }

    fn set_section(&mut self, v: String, level: u8) {
        if self.section.as_ref().is_none_or(|(s, _)| *s != v) {
            self.last_target = None;
            self.current_edition = None;
        }
        self.section = Some((v, self.line_no));
        self.section_level = level;
    }

    /// A line that names a version next to "guest": all the versions it names for guests.
    fn guest_versions(&mut self, line: &str) {
        let named = scope::named_versions(self.cat, line, false);
        let guests: Vec<&scope::Named> = named.iter().filter(|n| !n.host).collect();
        if guests.len() >= 2 && self.several.is_none() {
            self.several = Some(self.line_no);
        }
        if self.unsupported.is_none() && scope::is_claim(line) {
            if let Some(n) = guests
                .iter()
                .find(|n| self.cat.version(&n.id).is_some_and(|v| !v.avma_guest))
            {
                self.unsupported = Some((n.id.clone(), self.line_no));
            }
        }
    }

    /// The checks of a single line: hidden characters, Data Exchange turned off, a Standard host.
    fn line_checks(&mut self, line: &str, t: &str, quick: scope::Quick) {
        if self.line_findings.len() >= DAMAGED_KEPT {
            return;
        }
        // In a command (a code block, an indented or quoted command, a key) every invisible
        // character counts; in prose only bidi controls.
        let command = self.in_fence
            || line.starts_with("    ")
            || line.starts_with('\t')
            || memchr::memchr(b'`', line.as_bytes()).is_some()
            || t.starts_with('>')
            || t.starts_with("PS ")
            || t.starts_with("C:\\");
        if let Some((column, chars)) = scope::hidden_chars(line, command) {
            self.line_findings.push(
                Finding::new(
                    &rules::INVISIBLE_CHARACTER,
                    Msg::new("lint-hidden-character")
                        .arg("chars", scope::describe_chars(&chars))
                        .arg("column", column as i64),
                )
                .at(&self.file, self.line_no),
            );
        }
        if let Some(vm) = quick
            .integration
            .then(|| scope::data_exchange_off(line))
            .flatten()
        {
            let fix = match &vm {
                Some(vm) => crate::judge::enable_data_exchange(vm),
                None => {
                    crate::judge::Fix::new().both(crate::judge::enable_data_exchange_placeholder())
                }
            };
            self.line_findings.push(
                Finding::new(
                    &rules::DATA_EXCHANGE_DISABLED,
                    Msg::new("lint-data-exchange-off")
                        .arg("vm", vm.unwrap_or_else(|| "-".to_string())),
                )
                .at(&self.file, self.line_no)
                .fix(fix),
            );
        }
        if quick.integration && scope::kvp_service_off(line) {
            let same_step = self.kvp_off_at.is_some_and(|at| self.line_no - at <= 1);
            self.kvp_off_at = Some(self.line_no);
            if !same_step {
                self.line_findings.push(
                    Finding::new(
                        &rules::DATA_EXCHANGE_DISABLED,
                        Msg::new("lint-kvp-service-off"),
                    )
                    .at(&self.file, self.line_no)
                    .fix(crate::judge::start_kvp_service()),
                );
            }
        }
        if self.host_older.is_none() && quick.older && scope::host_older_claim(line) {
            self.host_older = Some(self.line_no);
        }
        if self.host_standard.is_none() && quick.standard && scope::host_is_standard(line) {
            self.host_standard = Some(self.line_no);
        }
        if quick.slmgr && scope::reads_slmgr_status(line) {
            self.slmgr_status = Some(self.line_no);
        }
        // A word test of slmgr's status output: on its line or within the lines after it (the
        // output kept in a variable).
        if !self.loose_match_done
            && quick.activated
            && self
                .slmgr_status
                .is_some_and(|at| self.line_no - at <= SLMGR_REACH)
            && scope::loose_activation_match(line)
        {
            self.loose_match_done = true;
            self.line_findings.push(
                Finding::new(
                    &rules::LOOSE_ACTIVATION_MATCH,
                    Msg::new("lint-loose-activation-match"),
                )
                .at(&self.file, self.line_no)
                .fix(crate::judge::activation_status_check()),
            );
        }
        if !self.seven_day_done && quick.week && scope::seven_day_claim(line) {
            self.seven_day_done = true;
            self.line_findings.push(
                Finding::new(
                    &rules::AVMA_SEVEN_DAY_CLAIM,
                    Msg::new("lint-seven-day-claim"),
                )
                .at(&self.file, self.line_no)
                .fix(crate::judge::show_license(true)),
            );
        }
    }

    /// cmd `if COND goto LABEL` records the version COND names for LABEL; a `:LABEL` line
    /// opens that label's section (a label no `if` names ends a label's section).
    fn track_labels(&mut self, t: &str) {
        let b = t.as_bytes();
        if b.first() == Some(&b':') && b.get(1) != Some(&b':') {
            let name = t[1..].trim().to_ascii_lowercase();
            if name.is_empty() || name.contains(char::is_whitespace) {
                return;
            }
            match self.goto_labels.iter().find(|(l, _)| *l == name) {
                Some((_, Some(v))) => {
                    let v = v.clone();
                    self.set_section(v, 0);
                    self.label_section = true;
                }
                _ if self.label_section => {
                    self.section = None;
                    self.section_level = 0;
                    self.label_section = false;
                }
                _ => {}
            }
            return;
        }
        if b.len() < 8 || !b[..3].eq_ignore_ascii_case(b"if ") {
            return;
        }
        let l = t.to_ascii_lowercase();
        let Some(g) = l.rfind(" goto ") else { return };
        let label = l[g + 6..].trim().trim_start_matches(':').to_string();
        if label.is_empty() || label.contains(char::is_whitespace) {
            return;
        }
        let says = scope::cond_says(self.cat, &t[3..g]);
        let version = says.version.flatten();
        if let Some(e) = self.goto_labels.iter_mut().find(|(l, _)| *l == label) {
            // Two conditions for one label: known only if they agree.
            if e.1 != version {
                e.1 = None;
            }
        } else if self.goto_labels.len() < LABELS_KEPT {
            self.goto_labels.push((label, version));
        }
    }

    /// The reference linter: every line through the regexes, no fast path. The same findings
    /// as [`Linter::new`] for any text (a property test holds them side by side).
    #[doc(hidden)]
    pub fn reference(file: &str, opts: LintOptions<'c>, cat: &'c Catalog) -> Self {
        Linter {
            fast: false,
            ..Linter::new(file, opts, cat)
        }
    }

    /// Feed the next line (without its line terminator).
    pub fn feed_line(&mut self, line: &str) {
        self.line_no += 1;
        let p = patterns();
        // Front matter (`---` on the first line to the next `---`) describes the page, not a step.
        if self.line_no == 1 && line.trim() == "---" {
            self.front_matter = true;
            return;
        }
        if self.front_matter {
            if line.trim() == "---" {
                self.front_matter = false;
            }
            return;
        }
        // A heading, a code fence or a version branch of a script opens or closes a scope.
        let t = line.trim_start();
        self.table.track(self.cat, t);
        let scoped = self.track_scope(line, t);
        if t.starts_with(':')
            || t.starts_with("if ")
            || t.starts_with("IF ")
            || t.starts_with("If ")
        {
            self.track_labels(t);
        }
        if line.len() < 3 {
            return;
        }
        let h = self.hints(line);
        let mut spans = std::mem::take(&mut self.spans);
        self.mention_spans(line, h, &mut spans);
        let starts_ci = |prefix: &str| {
            t.as_bytes()
                .get(..prefix.len())
                .is_some_and(|b| b.eq_ignore_ascii_case(prefix.as_bytes()))
        };
        // A comment, code-block label or a label line says which version the commands below
        // it are for (headings and branches: `track_scope`).
        let is_marker = !scoped
            && (t.starts_with('#')
                || t.starts_with("//")
                || t.starts_with("::")
                || t.starts_with("<!--")
                || starts_ci("rem ")
                || t.starts_with("**")
                || t.ends_with(':'));
        if is_marker {
            let named = scope::named_versions(self.cat, line, false);
            if let Some(v) = scope::single_version(&named) {
                if find_keys(line).is_empty() {
                    let v = v.to_string();
                    self.section_guest_mention(line, &v);
                    self.set_section(v, 0);
                }
            }
            let eds = scope::named_editions(line);
            if let Some(e) = scope::single_version(&eds) {
                if find_keys(line).is_empty() {
                    self.section_edition = Some((e.to_string(), 0, self.line_no));
                }
            }
            if self.in_fence {
                if let Some(side) = scope::place_of(line) {
                    self.block_side = Some(side);
                }
            }
        }
        // The sentence before a code block may say where it runs.
        if !self.in_fence
            && !scoped
            && (t.ends_with(':') || t.ends_with('：') || t.ends_with('。') || t.ends_with('.'))
        {
            if let Some(side) = scope::place_of(line) {
                self.prose_side = Some((side, self.line_no));
            }
        }
        // A PowerShell script block run elsewhere (`Invoke-Command -VMName X -ScriptBlock {`):
        // its side lasts while its braces are open.
        let brace = self.brace;
        if let Some((side, depth)) = self.script_side {
            let d = depth + scope::brace_balance(line);
            self.script_side = (d > 0).then_some((side, d));
        } else if brace && scope::remote_block(line) {
            if let Some(side) = scope::place_of(line) {
                let d = scope::brace_balance(line);
                self.script_side = (d > 0).then_some((side, d));
            }
        }
        // A command continued over lines: the words of its lines so far.
        let continued = scope::continues(line);
        let cont_now = if continued || self.cont.is_some() {
            let (g0, h0, i0) = self.cont.unwrap_or_default();
            let (g, h) = scope::words(line);
            let side = scope::place_of(line);
            let l = line.to_ascii_lowercase();
            let installs = l.contains("slmgr") || l.contains("installproductkey");
            let now = (
                g0 || g || side == Some(scope::Side::Guest),
                h0 || h || side == Some(scope::Side::Host),
                i0 || installs,
            );
            self.cont = continued.then_some(now);
            Some(now)
        } else {
            None
        };
        if h.avma && p.avma_words.is_match(line) {
            self.avma_intent = true;
        }
        if h.skms && p.skms.is_match(line) {
            self.kms_setup = true;
        }
        if h.current {
            if let Some(c) = p.current_edition.captures(line) {
                self.current_edition = c.get(1).map(|m| m.as_str().to_string());
                self.edition_level = self.heading_now;
            }
        }
        self.collect_mentions(line, h, &spans);
        if self.guest_line == self.line_no && self.guest_edition_lines < GUEST_EDITION_LINES {
            self.guest_edition_lines += 1;
            let eds = scope::named_editions(line);
            if let Some(e) = scope::single_version(&eds) {
                if !self.guest_editions.iter().any(|g| g == e) && self.guest_editions.len() < 4 {
                    self.guest_editions.push(e.to_string());
                }
            }
        }
        if self.guest_line == self.line_no && scope::may_name_several_or_old(line) {
            self.guest_versions(line);
        }
        let quick = if h.ascii {
            scope::Quick::of_lower(&self.lower)
        } else {
            scope::Quick::ALL
        };
        self.line_checks(line, t, quick);
        if quick.eval && !scoped && !self.in_fence {
            if let Some(m) = scope::eval_mention(line) {
                self.note_eval(m, self.heading_now);
            }
        }
        if (quick.dollar && line.contains('$')) || memchr::memchr(b'%', line.as_bytes()).is_some() {
            scope::installed_vars(line, &mut self.ipk_vars);
        }

        let found = find_keys(line);
        let set_target = if h.set_edition {
            p.set_edition
                .captures(line)
                .or_else(|| p.ps_edition.captures(line))
                .and_then(|c| c.get(1))
                .map(|m| m.as_str().to_string())
        } else {
            None
        };
        let skip: Vec<(usize, usize)> = found.iter().map(|f| (f.start, f.end)).collect();
        let copies = damaged_copies(self.cat, &self.grams, line, &skip);
        if found.is_empty() && set_target.is_none() && copies.is_empty() {
            self.spans = spans;
            return;
        }
        let is_dism = p.dism.is_match(line) || p.ps_edition.is_match(line);
        let mut usage = line_usage(p, line, &set_target, is_dism);
        // `cscript slmgr.vbs ^` / `/ipk KEY`: the continued command installs.
        if usage == Use::Bare
            && cont_now.is_some_and(|c| c.2)
            && (line.to_ascii_lowercase().contains("ipk")
                || line.to_ascii_lowercase().contains("productkey"))
        {
            usage = Use::Install;
        }
        for (from, to, k) in copies {
            let written = &line[from..to];
            let text = crate::key::redact_text(written, self.cat);
            let column = line[..from].chars().count() + 1;
            let slmgr_style = line.to_ascii_lowercase().contains("slmgr");
            self.push_damaged(text, written, column, k, &usage, slmgr_style);
        }
        if found.is_empty() && set_target.is_none() {
            self.spans = spans;
            return;
        }
        if usage != Use::Bare {
            self.commands += 1;
        }
        if let (Some(t), true) = (&set_target, is_dism) {
            if !t.contains('<') {
                let current = self
                    .current_edition
                    .clone()
                    .or_else(|| self.opts.edition.map(|e| e.id.clone()))
                    .or_else(|| self.eval_edition().map(|e| e.id.clone()));
                self.eval_set_edition(t);
                // The same conversion again is the same judgement: kept once.
                let sig = (t.clone(), current.clone());
                if !self.set_index.contains_key(&sig) {
                    self.set_index.insert(sig, self.set_editions.len());
                    self.set_editions.push(SetEditionCmd {
                        line: self.line_no,
                        target: t.clone(),
                        current,
                    });
                }
            }
        }

        if usage == Use::Install {
            self.eval_install(&found);
        }
        if !found.is_empty() {
            let has_avma = p.avma_words.is_match(line);
            let has_kms = p.kms_words.is_match(line);
            let line_label = label_of(has_avma, has_kms);
            let slmgr_style = line.to_ascii_lowercase().contains("slmgr")
                || (usage == Use::Install && cont_now.is_some_and(|c| c.2));
            // The version this line is for: by the script branch it is in (at the key), else
            // named on the line itself (a table row, a list label, a comment after the command;
            // a host's version left out), else by the nearest heading above.
            let named = scope::named_versions(self.cat, line, false);
            let line_version = scope::single_version(&named).map(str::to_string);
            let section_version = self
                .section
                .as_ref()
                .filter(|(_, at)| self.line_no - at <= LOCAL_REACH)
                .map(|(v, _)| v.clone());
            // The edition: by the branch, else the line's own (with one key on it), else the
            // nearest heading or label above.
            let line_edition = if self.views.is_empty() && found.len() == 1 {
                let eds = scope::named_editions(line);
                scope::single_version(&eds).map(str::to_string)
            } else {
                None
            };
            let section_edition = self
                .section_edition
                .as_ref()
                .filter(|(_, _, at)| self.line_no - at <= LOCAL_REACH)
                .map(|(e, _, _)| e.clone());
            // A sentence that says the key is not for AVMA is an aside, not a step.
            let aside = usage == Use::Bare && scope::says_not_for_avma(line);
            // Where it runs: the line's own words, else the continued command's so far, else
            // the script block, the code block, the heading.
            let (guest_word, host_word) = scope::words(line);
            let side = if guest_word {
                Some(scope::Side::Guest)
            } else if host_word {
                Some(scope::Side::Host)
            } else {
                cont_now
                    .and_then(|(g, h, _)| match (g, h) {
                        (true, _) => Some(scope::Side::Guest),
                        (false, true) => Some(scope::Side::Host),
                        _ => None,
                    })
                    .or(self.script_side.map(|(s, _)| s))
                    .or(self.block_side)
                    .or(self.heading_side.map(|(s, _)| s))
            };
            // A command that runs on the host (its line, block or heading says so) installs the
            // host's own key: it is judged as the host's, never by the guests' target.
            let on_host = matches!(usage, Use::Install | Use::SetEdition { .. })
                && side == Some(scope::Side::Host);
            // The version the host command is for: the one version its line names, a host's
            // included ("on the 2022 hosts").
            let host_local = if on_host {
                match named.as_slice() {
                    [one] => Some(one.id.clone()),
                    _ => None,
                }
            } else {
                None
            };
            // A key written twice on a line is one use, unless a branch between them says
            // another version or edition (`if (...) { 'K' } elseif (...) { 'K' }`).
            let mut seen: Vec<(&str, Option<&scope::View>)> = Vec::new();
            // A line naming several versions (`2019 Datacenter: K1, 2022 Datacenter: K2`) labels
            // each key by the version written between the key before it and the key.
            let several_on_line =
                line_version.is_none() && named.iter().filter(|n| !n.host).count() >= 2;
            let mut prev_end = 0;
            for f in &found {
                let own = if several_on_line {
                    scope::own_version(self.cat, line, prev_end, f.start)
                } else {
                    None
                };
                prev_end = f.end;
                // A key in a table column whose header names one version (`| Edition | 2019 | 2022 |`).
                let column = self.table.version_at(line, f.start);
                let here = scope::view_at(&self.views, f.start);
                if seen.contains(&(f.key.as_str(), here)) {
                    continue;
                }
                seen.push((f.key.as_str(), here));
                if aside || scope::is_dummy_key(f.key.as_str()) {
                    continue;
                }
                // A label in parentheses right after the key speaks for that key.
                let label = scope::paren_after(line, f.end)
                    .and_then(|inner| {
                        label_of(p.avma_words.is_match(inner), p.kms_words.is_match(inner))
                    })
                    .or(line_label);
                let view = scope::view_at(&self.views, f.start);
                // The line itself names the key's version (a table row, its column, the label
                // before it), not only a heading or comment above.
                let local_on_line =
                    view.is_none() && (column.is_some() || own.is_some() || line_version.is_some());
                let (local, local_unknown) = match view.and_then(|v| v.version.clone()) {
                    Some(Some(v)) => (Some(v), false),
                    Some(None) => (None, true),
                    None => (
                        column
                            .or(own)
                            .or_else(|| line_version.clone())
                            .or_else(|| section_version.clone()),
                        false,
                    ),
                };
                let local_edition = match view.and_then(|v| v.edition.clone()) {
                    Some(e) => e,
                    // A heading's edition is the guests' (`## Standard のゲスト`), not the host's.
                    None if on_host => line_edition.clone(),
                    None => line_edition.clone().or_else(|| section_edition.clone()),
                };
                let var = scope::assigned_var(&line[..f.start]);
                let look_alikes = scope::look_alikes(&line[f.start..f.end]);
                let sig = format!(
                    "{}|{:?}|{:?}|{:?}|{}|{:?}|{:?}|{:?}|{}|{}|{:?}|{:?}|{}",
                    f.key.as_str(),
                    usage,
                    label,
                    self.last_target,
                    slmgr_style,
                    local,
                    var,
                    look_alikes,
                    on_host,
                    local_unknown,
                    local_edition,
                    host_local,
                    local_on_line
                );
                if let Some(&i) = self.key_index.get(&sig) {
                    let u = &mut self.keys[i];
                    if u.more_lines.len() < LINES_KEPT {
                        u.more_lines.push(self.line_no);
                    } else {
                        u.more_count += 1;
                    }
                    continue;
                }
                self.key_index.insert(sig, self.keys.len());
                self.keys.push(KeyUse {
                    key: f.key.clone(),
                    line: self.line_no,
                    usage: usage.clone(),
                    label,
                    prior_target: self.last_target.clone(),
                    slmgr_style,
                    local: local.clone(),
                    local_on_line,
                    more_lines: Vec::new(),
                    more_count: 0,
                    var,
                    look_alikes,
                    on_host,
                    column: line[..f.start].chars().count() + 1,
                    local_unknown,
                    local_edition,
                    host_local: host_local.clone(),
                });
            }
        }
        if let (Some(t), true) = (set_target, is_dism) {
            if !t.contains('<') {
                self.last_target = Some(t);
                self.edition_level = self.heading_now;
            }
        }
        self.spans = spans;
    }

    /// What has been observed so far, for tests that compare two linters line by line.
    #[doc(hidden)]
    pub fn observations(&self) -> String {
        format!(
            "{:?} {:?} {:?} {:?} {:?} {} {} {} {:?} {:?} {}",
            self.keys,
            self.mentions,
            self.set_editions,
            self.last_target,
            self.current_edition,
            self.avma_intent,
            self.kms_setup,
            self.commands,
            self.section,
            self.damaged,
            self.damaged_more
        )
    }

    /// A damaged copy of `k` on the current line (kept up to [`DAMAGED_KEPT`], then counted).
    fn push_damaged(
        &mut self,
        text: String,
        written: &str,
        column: usize,
        k: &Key,
        usage: &Use,
        slmgr_style: bool,
    ) {
        if self.damaged.len() >= DAMAGED_KEPT {
            self.damaged_more += 1;
            return;
        }
        self.damaged.push(damaged_finding(
            self.cat,
            &self.file,
            self.line_no,
            Damaged {
                text,
                written,
                column,
            },
            k,
            usage,
            slmgr_style,
        ));
    }

    /// What the line may hold (see [`Hints`]); fills `self.lower` for an ASCII line.
    fn hints(&mut self, line: &str) -> Hints {
        if !self.fast || !line.is_ascii() {
            return Hints::ALL;
        }
        self.lower.clear();
        self.lower
            .extend(line.as_bytes().iter().map(u8::to_ascii_lowercase));
        let l = &self.lower[..];
        let f = finders();
        Hints {
            ascii: true,
            avma: f.avma.find(l).is_some() || f.automatic.find(l).is_some(),
            skms: f.skms.find(l).is_some(),
            current: f.current.find(l).is_some(),
            sac: f.version.find(l).is_some(),
            set_edition: f.set.find(l).is_some(),
        }
    }

    /// The version mentions of a line, in order: `Windows Server 2019`, `WS2022`, `version 1809`.
    fn mention_spans(&self, line: &str, h: Hints, out: &mut Vec<Span>) {
        out.clear();
        let p = patterns();
        if h.ascii {
            ascii_version_spans(&self.lower, out);
        } else {
            for c in p.version.captures_iter(line) {
                if let (Some(all), Some(v)) = (c.get(0), c.get(1)) {
                    let id = v.as_str().to_ascii_lowercase().replace(' ', "");
                    out.push((all.start(), all.end(), canonical(&id)));
                }
            }
        }
        if h.sac {
            for c in p.sac.captures_iter(line) {
                if let (Some(all), Some(v)) = (c.get(0), c.get(1)) {
                    let id = v.as_str().to_ascii_lowercase();
                    out.push((all.start(), all.end(), canonical(&id)));
                }
            }
        }
        // The two patterns never overlap: by start is the text's order.
        out.sort_unstable_by_key(|s| s.0);
    }

    fn collect_mentions(&mut self, line: &str, h: Hints, spans: &[Span]) {
        let p = patterns();
        // Context: the words right after a mention (up to the next mention), then before it.
        for (i, &(start, end, id)) in spans.iter().enumerate() {
            if self.cat.version(id).is_none() {
                continue;
            }
            let next_start = spans.get(i + 1).map_or(line.len(), |s| s.0);
            let prev_end = if i == 0 { 0 } else { spans[i - 1].1 };
            let after = window(line, end, next_start, 60);
            let before = window_back(line, prev_end, start, 30);
            let ctx = if h.ascii {
                let lower = &self.lower[..];
                let words = |(a, b): (usize, usize)| ascii_context_words(p, line, lower, a, b);
                context_of(|| words(after), || words(before))
            } else {
                let words = |(a, b): (usize, usize)| regex_context_words(p, &line[a..b]);
                context_of(|| words(after), || words(before))
            };
            if ctx == Ctx::Guest {
                self.guest_line = self.line_no;
            }
            // A host version the text states as its own ("全ノード Windows Server 2022
            // Datacenter"), not one it negates or puts as a condition or requirement.
            if ctx == Ctx::Host
                && self.host_versions.len() < 8
                && !self.in_fence
                && !self.host_versions.iter().any(|(v, _)| v == id)
                && scope::is_claim(line)
            {
                self.host_versions.push((id.to_string(), self.line_no));
            }
            self.mentions.add(id, ctx, self.line_no);
        }
    }

    /// Judge everything seen and return the findings.
    pub fn finish(self) -> LintReport {
        let cat = self.cat;
        let (target, source) = self.infer_target();
        let mut findings = Vec::new();
        for u in &self.keys {
            // A key a script assigns to a variable that the text installs is installed.
            let promoted;
            let u = if u.usage == Use::Bare
                && u.var.as_ref().is_some_and(|v| self.ipk_vars.contains(v))
            {
                promoted = KeyUse {
                    usage: Use::Install,
                    ..u.clone()
                };
                &promoted
            } else {
                u
            };
            let before = findings.len();
            // The local version (the row, heading or branch the command sits under) decides
            // over the version inferred for the whole text; an explicit --os decides over both.
            let local = match source {
                TargetSource::Option => None,
                _ => u.local.as_deref().and_then(|v| cat.version(v)),
            };
            // A key only listed that fits the text's target is not wrong under another
            // version's heading (a note of the keys at the end of a section); a row that names
            // its own version (`| Windows Server 2016 | Standard | KEY |`) is judged by it.
            let local = local.filter(|_| {
                !(u.usage == Use::Bare
                    && !u.local_on_line
                    && target.is_some_and(|t| cat.key(&u.key).is_some_and(|k| k.serves(&t.id))))
            });
            // The `else` of a version test: no version is known there, not even the text's.
            let t = if u.on_host {
                // A host's command: by the host's version (its line's, else the one the text
                // states for its hosts), never the guests' target or --os.
                u.host_local
                    .as_deref()
                    .and_then(|v| cat.version(v))
                    .or_else(|| self.stated_host_version())
            } else if u.local_unknown && source != TargetSource::Option {
                None
            } else {
                local.or(target)
            };
            self.judge_key(u, t, &mut findings);
            let first: Vec<Finding> = findings[before..].to_vec();
            for &l in &u.more_lines {
                for f in &first {
                    let mut f = f.clone();
                    f.location = Some(crate::finding::Location {
                        file: self.file.clone(),
                        line: Some(l),
                        record: None,
                    });
                    findings.push(f);
                }
            }
            if u.more_count > 0 {
                if let Some(f) = first.first() {
                    findings.push(
                        Finding::new(
                            f.rule,
                            Msg::new("lint-same-use-repeated")
                                .arg("key", u.key.redacted())
                                .arg("n", u.more_count as i64),
                        )
                        .severity(f.severity)
                        .at(&self.file, u.more_lines.last().copied().unwrap_or(u.line)),
                    );
                }
            }
        }
        for s in &self.set_editions {
            judge_set_edition(cat, &self.file, s, target, &mut findings);
        }
        findings.extend(self.damaged.iter().cloned());
        findings.extend(self.line_findings.iter().cloned());
        // Statements about AVMA that its rules contradict (only in a text about AVMA).
        let about_avma = self.avma_intent
            || self.keys.iter().any(|u| {
                matches!(u.usage, Use::Install | Use::SetEdition { .. })
                    && cat.key(&u.key).is_some_and(|k| k.kind == KeyKind::Avma)
            });
        if about_avma {
            if let Some(line) = self.host_standard {
                findings.push(
                    Finding::new(&rules::HOST_NOT_DATACENTER, Msg::new("lint-host-standard"))
                        .at(&self.file, line),
                );
            }
            if let Some(line) = self.host_older {
                findings.push(
                    Finding::new(
                        &rules::HOST_TOO_OLD_FOR_GUEST,
                        Msg::new("lint-host-older-allowed"),
                    )
                    .at(&self.file, line),
                );
            }
            // The newest host version the text states: an AVMA key it installs for a newer
            // guest cannot be activated by those hosts (AV103).
            let newest_host = self
                .host_versions
                .iter()
                .filter_map(|(v, l)| cat.version(v).map(|v| (v, *l)))
                .max_by_key(|(v, _)| v.order);
            if let Some((host, host_line)) = newest_host {
                let mut seen: Vec<&str> = Vec::new();
                for u in self.keys.iter().filter(|u| {
                    u.usage == Use::Install
                        || matches!(u.usage, Use::SetEdition { .. })
                        || u.var.as_ref().is_some_and(|v| self.ipk_vars.contains(v))
                }) {
                    let Some(k) = cat.key(&u.key).filter(|k| k.kind == KeyKind::Avma) else {
                        continue;
                    };
                    let Some(guest) = k.versions.first().and_then(|v| cat.version(v)) else {
                        continue;
                    };
                    if guest.order > host.order && !seen.contains(&k.key.as_str()) {
                        seen.push(k.key.as_str());
                        findings.push(
                            Finding::new(
                                &rules::HOST_TOO_OLD_FOR_GUEST,
                                Msg::new("lint-host-too-old")
                                    .arg("key", k.key.as_str())
                                    .arg("what", describe_key(cat, k))
                                    .arg("host", host.name.as_str())
                                    .arg("host_line", host_line as i64),
                            )
                            .at(&self.file, u.line),
                        );
                    }
                }
            }
            if let Some((v, line)) = &self.unsupported {
                let name = cat.version(v).map_or(v.as_str(), |v| v.name.as_str());
                findings.push(
                    Finding::new(
                        &rules::GUEST_NOT_SUPPORTED,
                        Msg::new("lint-guest-not-supported").arg("version", name),
                    )
                    .at(&self.file, *line),
                );
            }
        }
        if self.damaged_more > 0 {
            findings.push(
                Finding::new(
                    &rules::DAMAGED_PUBLIC_KEY,
                    Msg::new("lint-damaged-key-more")
                        .arg("n", self.damaged_more as i64)
                        .arg("kept", DAMAGED_KEPT as i64),
                )
                .at(&self.file, self.line_no),
            );
        }
        crate::finding::sort(&mut findings);
        LintReport {
            file: self.file,
            lines: self.line_no,
            target_version: target.map(|v| v.id.clone()),
            target_source: source,
            findings,
            keys_seen: self.keys.len(),
            commands_seen: self.commands,
        }
    }

    /// The one host version the text states as its own, if it states exactly one.
    fn stated_host_version(&self) -> Option<&'c Version> {
        match self.host_versions.as_slice() {
            [(v, _)] => self.cat.version(v),
            _ => None,
        }
    }

    fn infer_target(&self) -> (Option<&'c Version>, TargetSource) {
        if let Some(v) = self.opts.os {
            return (Some(v), TargetSource::Option);
        }
        let cat = self.cat;
        // A guest version AVMA does not activate (2012, 2008 R2) is AV104's, never the target
        // the keys are judged by (it has no AVMA key).
        let avma_guest = |v: &str| cat.version(v).is_some_and(|v| v.avma_guest);
        let guest = |v: &str, c: Ctx| c == Ctx::Guest && avma_guest(v);
        // 0. Two or more guest versions (on one line, or apart): no single target.
        let guests = self.mentions.distinct(guest);
        if let Some(line) = self.several {
            return (None, TargetSource::Several { line });
        }
        if guests.len() >= 2 {
            let line = self
                .mentions
                .0
                .iter()
                .filter(|m| guest(&m.0, m.1))
                .map(|m| m.3)
                .min()
                .unwrap_or(0);
            return (None, TargetSource::Several { line });
        }
        // 1. The version most often named next to "guest"/"ゲスト"/"VM".
        if let Some((v, line)) = self.mentions.top(guest) {
            return (cat.version(v), TargetSource::Text { line });
        }
        // 2. The version of the AVMA keys the text installs, if they agree.
        let mut gens: Vec<&str> = self
            .keys
            .iter()
            .filter(|u| u.usage == Use::Install && u.look_alikes.is_empty() && !u.on_host)
            .filter_map(|u| cat.key(&u.key))
            .filter(|k| k.kind == KeyKind::Avma)
            .filter_map(|k| k.versions.first().map(String::as_str))
            .collect();
        gens.dedup();
        if let [only] = gens.as_slice() {
            return (cat.version(only), TargetSource::AvmaKeys);
        }
        // 3. The version the headings and labels name for guests ("For 2022 Datacenter
        // guests:"), one or several.
        let labelled = self.label_guests.distinct(guest);
        if let [only] = labelled.as_slice() {
            if let Some((_, line)) = self.label_guests.top(guest) {
                return (cat.version(only), TargetSource::Text { line });
            }
        }
        if labelled.len() >= 2 {
            let line = self.label_guests.0.iter().map(|m| m.3).min().unwrap_or(0);
            return (None, TargetSource::Several { line });
        }
        // 4. The only version named that is not a host's; several: no single target (each
        // command is judged by its own section, row or branch).
        let others = self
            .mentions
            .distinct(|v, c| c != Ctx::Host && avma_guest(v));
        if let [only] = others.as_slice() {
            if let Some((_, line)) = self.mentions.top(|_, c| c != Ctx::Host) {
                return (cat.version(only), TargetSource::Text { line });
            }
        }
        if others.len() >= 2 {
            let line = self
                .mentions
                .0
                .iter()
                .filter(|m| m.1 != Ctx::Host && avma_guest(&m.0))
                .map(|m| m.3)
                .min()
                .unwrap_or(0);
            return (None, TargetSource::Several { line });
        }
        (None, TargetSource::None)
    }

    fn judge_key(&self, u: &KeyUse, target: Option<&'c Version>, out: &mut Vec<Finding>) {
        let cat = self.cat;
        let file = self.file.as_str();
        if let Some(k) = cat.key(&u.key) {
            if !u.look_alikes.is_empty() {
                let mut f = Finding::new(
                    &rules::KEY_LOOK_ALIKE_CHARACTERS,
                    Msg::new("lint-key-look-alike")
                        .arg("key", k.key.as_str())
                        .arg("chars", scope::describe_chars(&u.look_alikes)),
                )
                .at(file, u.line);
                f.fix.push(fix_command(&u.usage, k.kind, k, u.slmgr_style));
                out.push(f);
            }
            if u.on_host && k.kind == KeyKind::Avma {
                out.push(
                    Finding::new(
                        &rules::AVMA_KEY_ON_HOST,
                        Msg::new("lint-avma-key-on-host")
                            .arg("key", k.key.as_str())
                            .arg("what", describe_key(cat, k)),
                    )
                    .at(file, u.line),
                );
            }
        }
        let Some(k) = cat.key(&u.key) else {
            // One or a few characters off a public key: a damaged copy, not a private key.
            let run: Vec<u8> = u
                .key
                .as_str()
                .bytes()
                .filter(u8::is_ascii_alphanumeric)
                .collect();
            if let Some((k, _, _)) = damaged_key_in(cat, &run) {
                out.push(damaged_finding(
                    cat,
                    file,
                    u.line,
                    Damaged {
                        text: u.key.redacted(),
                        written: u.key.as_str(),
                        column: u.column,
                    },
                    k,
                    &u.usage,
                    u.slmgr_style,
                ));
                return;
            }
            let (sev, id) = if u.usage == Use::HostActivation {
                (Severity::Info, "lint-unknown-key-host")
            } else {
                (Severity::Warning, "lint-unknown-key")
            };
            out.push(
                Finding::new(
                    &rules::UNKNOWN_KEY,
                    Msg::new(id).arg("key", u.key.redacted()),
                )
                .severity(sev)
                .at(file, u.line),
            );
            return;
        };
        if k.family == "client" {
            // A Windows client key in a Windows Server runbook is the wrong product, whatever
            // the version; the right key is the server one of the edition meant.
            let fam = self
                .opts
                .edition
                .map(|e| e.family.clone())
                .unwrap_or_else(|| "datacenter".to_string());
            let fits: Vec<Option<&Key>> = target.map_or(Vec::new(), |t| {
                vec![
                    cat.key_for(KeyKind::Avma, cat.key_generation(t), &fam),
                    cat.key_for(KeyKind::Gvlk, &t.id, &fam),
                ]
            });
            let mut f = Finding::new(
                &rules::KEY_EDITION_MISMATCH,
                Msg::new("lint-client-key")
                    .arg("key", k.key.as_str())
                    .arg("what", describe_key(cat, k))
                    .arg(
                        "target",
                        target.map_or("Windows Server".to_string(), |t| t.name.clone()),
                    )
                    .arg("fits", fits_arg(cat, &fits)),
            )
            .at(file, u.line);
            if u.usage == Use::Bare {
                f = f.severity(Severity::Warning);
            }
            for r in fits.into_iter().flatten() {
                f.fix.push(fix_command(&u.usage, r.kind, r, u.slmgr_style));
            }
            out.push(f);
            return;
        }
        let expected_family: Option<String> = match &u.usage {
            Use::SetEdition { target: Some(t) } => cat.edition(t).map(|e| e.family.clone()),
            Use::SetEdition { target: None } => None,
            // The last /Set-Edition target, else the edition the command is for locally (its
            // branch, line or heading), else --edition.
            Use::Install => u
                .prior_target
                .as_deref()
                .and_then(|t| cat.edition(t))
                .map(|e| e.family.clone())
                .or_else(|| u.local_edition.clone())
                // --edition is the guest's, else the one edition the text names for guests.
                .or_else(|| {
                    self.opts
                        .edition
                        .filter(|_| !u.on_host)
                        .map(|e| e.family.clone())
                })
                // Not after a /Set-Edition anywhere above: the guests' stated edition is the
                // one before that conversion (a later heading ended its context, not its effect).
                .or_else(|| match self.guest_editions.as_slice() {
                    [one] if !u.on_host && !self.set_editions.iter().any(|c| c.line < u.line) => {
                        Some(one.clone())
                    }
                    _ => None,
                }),
            Use::HostActivation => None,
            Use::Bare => self.opts.edition.map(|e| e.family.clone()),
        };
        let want_version: &str = target.map_or(k.versions[0].as_str(), |v| v.id.as_str());
        let want_family: &str = expected_family.as_deref().unwrap_or(k.family.as_str());
        let right = |kind: KeyKind| -> Option<&Key> {
            let v = cat.version(want_version)?;
            let ver = if kind == KeyKind::Avma {
                cat.key_generation(v)
            } else {
                want_version
            };
            cat.key_for(kind, ver, want_family)
        };
        // One fix, the key of the kind the line uses (the judgement builds the command): never
        // the AVMA key and then the KMS key, which would leave the KMS key installed.
        let fixes = |kind_first: KeyKind| -> Vec<String> {
            let other = if kind_first == KeyKind::Gvlk {
                KeyKind::Avma
            } else {
                KeyKind::Gvlk
            };
            [kind_first, other]
                .into_iter()
                .find_map(|kind| right(kind).map(|r| fix_command(&u.usage, kind, r, u.slmgr_style)))
                .into_iter()
                .collect()
        };
        let is_command = matches!(u.usage, Use::SetEdition { .. } | Use::Install);
        let key_desc = describe_key(cat, k);

        if let Some(t) = target {
            if !k.serves(&t.id) && u.usage != Use::HostActivation {
                let mut f = Finding::new(
                    &rules::KEY_VERSION_MISMATCH,
                    Msg::new(if is_command {
                        "lint-key-version-mismatch"
                    } else {
                        "lint-key-version-mismatch-bare"
                    })
                    .arg("key", k.key.as_str())
                    .arg("what", key_desc.clone())
                    .arg("target", t.name.as_str())
                    .arg(
                        "fits",
                        fits_arg(cat, &[right(KeyKind::Gvlk), right(KeyKind::Avma)]),
                    ),
                )
                .at(file, u.line);
                if !is_command {
                    f = f.severity(Severity::Warning);
                }
                f.fix = fixes(k.kind);
                out.push(f);
            }
        }
        if let Some(fam) = &expected_family {
            if *fam != k.family {
                let fam_arg: MsgArg = cat
                    .family(fam)
                    .map(|f| MsgArg::from(&f.name))
                    .unwrap_or_else(|| MsgArg::Str(fam.clone()));
                let mut f = Finding::new(
                    &rules::KEY_EDITION_MISMATCH,
                    Msg::new("lint-key-edition-mismatch")
                        .arg("key", k.key.as_str())
                        .arg("what", key_desc.clone())
                        .arg("edition", fam_arg)
                        .arg("fits", fits_arg(cat, &[right(k.kind)])),
                )
                .at(file, u.line);
                f.fix = fixes(k.kind);
                out.push(f);
            }
        }
        // A host may well be a KMS client: its own KMS key is not a guest's missing AVMA key.
        if u.usage == Use::Install
            && k.kind == KeyKind::Gvlk
            && self.avma_intent
            && !self.kms_setup
            && !u.on_host
        {
            let mut f = Finding::new(
                &rules::KMS_KEY_FOR_AVMA,
                Msg::new("lint-kms-key-for-avma")
                    .arg("key", k.key.as_str())
                    .arg("what", key_desc.clone())
                    .arg("fits", fits_arg(cat, &[right(KeyKind::Avma)])),
            )
            .at(file, u.line);
            if let Some(r) = right(KeyKind::Avma) {
                f.fix
                    .push(fix_command(&Use::Install, KeyKind::Avma, r, u.slmgr_style));
            }
            out.push(f);
        }
        if let Some(label) = u.label {
            if label != k.kind {
                let mut f = Finding::new(
                    &rules::KEY_KIND_MISLABELED,
                    Msg::new(if label == KeyKind::Avma {
                        "lint-mislabeled-as-avma"
                    } else {
                        "lint-mislabeled-as-kms"
                    })
                    .arg("key", k.key.as_str())
                    .arg("what", key_desc)
                    .arg(
                        "fits",
                        fits_arg(
                            cat,
                            &[cat.key_for(label, k.versions[0].as_str(), &k.family)],
                        ),
                    ),
                )
                .at(file, u.line);
                if let Some(r) = cat.key_for(label, &k.versions[0], &k.family) {
                    f.fix.push(r.key.clone());
                }
                out.push(f);
            }
        }
    }
}

fn judge_set_edition(
    cat: &Catalog,
    file: &str,
    s: &SetEditionCmd,
    target_version: Option<&Version>,
    out: &mut Vec<Finding>,
) {
    let Some(to) = cat.edition(&s.target) else {
        out.push(
            Finding::new(
                &rules::CONVERSION_NOT_POSSIBLE,
                Msg::new("lint-unknown-target-edition").arg("target", s.target.as_str()),
            )
            .at(file, s.line)
            .fix(crate::judge::Fix::new().both(crate::judge::dism_list_targets())),
        );
        return;
    };
    let Some(from) = s.current.as_deref().and_then(|c| cat.edition(c)) else {
        return;
    };
    if let ConversionCheck::Forbidden { fact } = check_conversion(from, to, cat) {
        let fact_arg: MsgArg = cat
            .fact(fact)
            .map(|f| f.text().into())
            .unwrap_or_else(|| MsgArg::Str(fact.into()));
        let mut f = Finding::new(
            &rules::CONVERSION_NOT_POSSIBLE,
            Msg::new("lint-conversion-forbidden")
                .arg("from", from.id.as_str())
                .arg("to", to.id.as_str())
                .arg("fact", fact_arg),
        )
        .at(file, s.line)
        .fix(crate::judge::Fix::new().both(crate::judge::dism_list_targets()));
        // Name the allowed targets of the same installation option.
        for t in cat.editions.iter().filter(|t| {
            matches!(
                check_conversion(from, t, cat),
                ConversionCheck::Allowed { .. }
            )
        }) {
            let key = target_version.and_then(|v| cat.key_for(KeyKind::Gvlk, &v.id, &t.family));
            f.fix.push(crate::judge::lint_set_edition_fix(t, key));
        }
        f.facts = vec![fact];
        out.push(f);
    }
}

/// An evaluation edition the text is about: its family when named, the heading level that
/// scopes it (0: the whole text), whether it is a domain controller, whether a /Set-Edition to
/// a retail edition has converted it, and the findings already given for it.
#[derive(Debug, Clone, Copy)]
struct EvalCtx {
    family: Option<&'static str>,
    level: u8,
    dc: bool,
    converted: bool,
    ipk_done: bool,
    dc_done: bool,
}

/// How a line uses the keys on it.
fn line_usage(p: &Patterns, line: &str, set_target: &Option<String>, is_dism: bool) -> Use {
    match (set_target, is_dism) {
        (Some(t), true) => Use::SetEdition {
            target: Some(t.clone()).filter(|t| !t.contains('<')),
        },
        _ if p.host_act.is_match(line) => Use::HostActivation,
        _ if p.slmgr_ipk.is_match(line)
            || p.install_pk.is_match(line)
            || p.unattend.is_match(line) =>
        {
            Use::Install
        }
        _ => Use::Bare,
    }
}

/// A damaged copy as the finding shows it: `text` (redacted where it has the shape of a key),
/// the text as written (for the differing characters) and its column.
struct Damaged<'a> {
    text: String,
    written: &'a str,
    column: usize,
}

/// "TEXT (column N; "A" for "4" at character 25) looks like a damaged copy of KEY (what it
/// is)", fixed by the command with the key. Always an error: a listed copy is copied on.
///
/// The text is redacted like any key that is not public (the invariant holds for every 5×5
/// shape, and the output edge masks it again); so that the admin can find it, the finding gives
/// the column and, when the copy has the key's length, the characters that differ from the
/// public key: at most [`DAMAGE_MAX`] characters, which with the public key tell nothing
/// secret.
fn damaged_finding(
    cat: &Catalog,
    file: &str,
    line: u64,
    d: Damaged<'_>,
    k: &Key,
    usage: &Use,
    slmgr_style: bool,
) -> Finding {
    let diffs = differing_chars(d.written, &k.key);
    let msg = if diffs.is_empty() {
        Msg::new("lint-damaged-key-at")
    } else {
        Msg::new("lint-damaged-key-diff").arg(
            "diff",
            MsgArg::List(
                diffs
                    .into_iter()
                    .map(|(pos, got, want)| {
                        Msg::new("lint-damaged-char")
                            .arg("got", got.to_string())
                            .arg("want", want.to_string())
                            .arg("pos", pos as i64)
                            .into()
                    })
                    .collect(),
                ", ",
            ),
        )
    };
    let mut f = Finding::new(
        &rules::DAMAGED_PUBLIC_KEY,
        msg.arg("text", d.text)
            .arg("column", d.column as i64)
            .arg("key", k.key.as_str())
            .arg("what", describe_key(cat, k)),
    )
    .at(file, line);
    f.fix.push(fix_command(usage, k.kind, k, slmgr_style));
    f
}

/// The key characters of a copy that differ from the key's, when the copy has exactly the key's
/// 25 key characters (substitutions only): (position 1..=25, written, key's).
fn differing_chars(written: &str, key: &str) -> Vec<(usize, char, char)> {
    let w: Vec<char> = written
        .chars()
        .map(fold_char)
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_uppercase())
        .collect();
    let k: Vec<char> = key.chars().filter(char::is_ascii_alphanumeric).collect();
    if w.len() != k.len() {
        return Vec::new();
    }
    let d: Vec<(usize, char, char)> = w
        .iter()
        .zip(&k)
        .enumerate()
        .filter(|(_, (a, b))| a != b)
        .map(|(i, (a, b))| (i + 1, *a, *b))
        .collect();
    if d.len() > DAMAGE_MAX {
        return Vec::new();
    }
    d
}

fn label_of(avma: bool, kms: bool) -> Option<KeyKind> {
    match (avma, kms) {
        (true, false) => Some(KeyKind::Avma),
        (false, true) => Some(KeyKind::Gvlk),
        _ => None,
    }
}

/// How many edits (after separators and noise are dropped) a damaged copy may be from its key.
const DAMAGE_MAX: usize = 3;
/// Key characters a candidate run may hold before it is judged and a new one starts: the work
/// per line stays linear, and a run of capitals (a hex dump) cannot grow without bound.
const RUN_MAX: usize = 64;
/// Separators and noise (`-`, blanks, `次元の`) between two groups of one damaged copy.
const GAP_MAX: usize = 8;
/// Damaged copies kept per input; more are counted in one finding.
const DAMAGED_KEPT: usize = 256;

/// The index of a 3-gram of key characters (A-Z, 0-9) in a bitmap of 36³ entries.
fn gram(a: u8, b: u8, c: u8) -> usize {
    let v = |x: u8| -> usize {
        if x.is_ascii_digit() {
            (x - b'0') as usize
        } else {
            (x - b'A') as usize + 10
        }
    };
    (v(a) * 36 + v(b)) * 36 + v(c)
}

/// The 3-grams of every public key: a copy within [`DAMAGE_MAX`] edits of a key shares at least
/// 25 - 3 + 1 - 3 × 3 = 14 of them (the q-gram lemma), so runs with fewer are not compared.
fn key_grams(cat: &Catalog) -> Vec<bool> {
    let mut g = vec![false; 36 * 36 * 36];
    for k in &cat.keys {
        let s: Vec<u8> = k.key.bytes().filter(u8::is_ascii_alphanumeric).collect();
        for w in s.windows(3) {
            g[gram(w[0], w[1], w[2])] = true;
        }
    }
    g
}

/// The smallest edit distance between `pat` and any substring of `text` (Sellers), with the
/// substring's span (character indices into `text`).
fn best_substring(pat: &[u8], text: &[u8]) -> (usize, usize, usize) {
    let m = pat.len();
    let mut prev: Vec<(usize, usize)> = (0..=m).map(|i| (i, 0)).collect();
    let mut cur = prev.clone();
    let mut best = (prev[m].0, 0, 0);
    for (j, &t) in text.iter().enumerate() {
        cur[0] = (0, j + 1);
        for i in 1..=m {
            let diag = (prev[i - 1].0 + usize::from(pat[i - 1] != t), prev[i - 1].1);
            let up = (cur[i - 1].0 + 1, cur[i - 1].1);
            let left = (prev[i].0 + 1, prev[i].1);
            let mut c = diag;
            if up.0 < c.0 {
                c = up;
            }
            if left.0 < c.0 {
                c = left;
            }
            cur[i] = c;
        }
        if cur[m].0 < best.0 {
            best = (cur[m].0, cur[m].1, j + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    best
}

/// The public key a run of key characters is a damaged copy of: within [`DAMAGE_MAX`] edits of
/// exactly one catalog key. Returns the key and the span of the copy (indices into `run`).
fn damaged_key_in<'k>(cat: &'k Catalog, run: &[u8]) -> Option<(&'k Key, usize, usize)> {
    let mut hit: Option<(&Key, usize, usize)> = None;
    for k in &cat.keys {
        let pat: Vec<u8> = k.key.bytes().filter(u8::is_ascii_alphanumeric).collect();
        let (d, from, to) = best_substring(&pat, run);
        if d <= DAMAGE_MAX && to - from + DAMAGE_MAX >= pat.len() {
            if hit.is_some() {
                return None;
            }
            hit = Some((k, from, to));
        }
    }
    hit
}

/// An upper bound of the longest run [`damaged_copies`] builds in an ASCII line: the key
/// characters (upper-case letters and digits) between two lower-case letters (a run ends at a
/// word with a lower-case letter; gaps, skipped spans and [`RUN_MAX`] only cut runs shorter).
/// Exact up to `need`: a smaller result only says "below `need`". Eight bytes at a time (SWAR:
/// each class test is two additions on the word, no byte carries since ASCII bytes are below
/// 0x80), and a word whose key characters cannot reach `need` costs a few instructions, so that
/// the ordinary lines of a long log are rejected at a fraction of the full pass's cost.
fn longest_ascii_run(line: &[u8], need: usize) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // The high bit of each byte in `lo..=hi` (bytes below 0x80).
    let class = |x: u64, lo: u8, hi: u8| {
        let ge = x.wrapping_add(ONES * u64::from(0x80 - lo));
        let gt = x.wrapping_add(ONES * u64::from(0x80 - hi - 1));
        ge & !gt & HIGH
    };
    let need = need as u32;
    let (mut best, mut carry) = (0u32, 0u32);
    let mut word = |x: u64| {
        // Bytes at 0x80 or above (never in an ASCII line) count as neither class.
        let ascii = !x & HIGH;
        let low = class(x, b'a', b'z') & ascii;
        let key = (class(x, b'A', b'Z') | class(x, b'0', b'9')) & ascii;
        if low == 0 {
            carry += key.count_ones();
            best = best.max(carry);
            return;
        }
        if carry + key.count_ones() < need {
            // No segment ending in this word reaches `need`: only the key characters after
            // its last lower-case letter carry on.
            let last = 63 - low.leading_zeros();
            carry = (key >> last).count_ones();
            best = best.max(carry);
            return;
        }
        // Walk the segments between the lower-case letters.
        let mut at = 0u32;
        let mut rest = low;
        while rest != 0 {
            let p = rest.trailing_zeros();
            let below = if p == 0 { 0 } else { u64::MAX >> (64 - p) };
            carry += ((key & below) >> at).count_ones();
            best = best.max(carry);
            carry = 0;
            at = p + 1;
            rest &= rest - 1;
        }
        carry = if at >= 64 {
            0
        } else {
            (key >> at).count_ones()
        };
        best = best.max(carry);
    };
    let mut chunks = line.chunks_exact(8);
    for c in &mut chunks {
        let mut b = [0u8; 8];
        b.copy_from_slice(c);
        word(u64::from_le_bytes(b));
    }
    let tail = chunks.remainder();
    if !tail.is_empty() {
        let mut b = [b' '; 8];
        b[..tail.len()].copy_from_slice(tail);
        word(u64::from_le_bytes(b));
    }
    best as usize
}

/// Damaged copies of public keys in one line, as byte spans with their key. `skip` holds the
/// spans of well-formed keys (judged by the other rules). Linear in the line: runs of
/// upper-case key characters (separators and noise between groups dropped, a word with a
/// lower-case letter ends a run) are compared only when they share enough 3-grams with the
/// public keys, and hold at most [`RUN_MAX`] characters.
fn damaged_copies<'k>(
    cat: &'k Catalog,
    grams: &[bool],
    line: &str,
    skip: &[(usize, usize)],
) -> Vec<(usize, usize, &'k Key)> {
    let mut out = Vec::new();
    // Cheap rejection: a damaged copy still has 22 key characters in one run.
    if line.is_ascii() && longest_ascii_run(line.as_bytes(), 25 - DAMAGE_MAX) < 25 - DAMAGE_MAX {
        return out;
    }
    // The run: key characters with the byte span of each.
    let mut run: Vec<u8> = Vec::new();
    let mut pos: Vec<(usize, usize)> = Vec::new();
    // The current word (key characters since the last separator).
    let mut word: Vec<(u8, usize, usize)> = Vec::new();
    let mut word_lower = false;
    let mut gap = 0usize;
    let judge = |run: &mut Vec<u8>,
                 pos: &mut Vec<(usize, usize)>,
                 out: &mut Vec<(usize, usize, &'k Key)>| {
        if run.len() >= 25 - DAMAGE_MAX {
            let hits: Vec<usize> = run
                .windows(3)
                .map(|w| usize::from(grams[gram(w[0], w[1], w[2])]))
                .collect();
            let need = 25 - 3 + 1 - 3 * DAMAGE_MAX;
            let span = 25 + DAMAGE_MAX - 2;
            let mut sum: usize = hits.iter().take(span).sum();
            let mut pass = sum >= need;
            for i in span..hits.len() {
                sum = sum + hits[i] - hits[i - span];
                pass |= sum >= need;
            }
            if pass {
                if let Some((k, from, to)) = damaged_key_in(cat, run) {
                    out.push((pos[from].0, pos[to - 1].1, k));
                }
            }
        }
        run.clear();
        pos.clear();
    };
    let end_word = |word: &mut Vec<(u8, usize, usize)>,
                    lower: &mut bool,
                    run: &mut Vec<u8>,
                    pos: &mut Vec<(usize, usize)>,
                    out: &mut Vec<(usize, usize, &'k Key)>| {
        if *lower {
            judge(run, pos, out);
        } else {
            for &(c, s, e) in word.iter() {
                if run.len() >= RUN_MAX {
                    judge(run, pos, out);
                }
                run.push(c);
                pos.push((s, e));
            }
        }
        word.clear();
        *lower = false;
    };
    let mut skip_at = 0usize;
    for (b, ch) in line.char_indices() {
        while skip_at < skip.len() && skip[skip_at].1 <= b {
            skip_at += 1;
        }
        let in_skip = skip.get(skip_at).is_some_and(|&(s, e)| s <= b && b < e);
        let f = fold_char(ch);
        if !in_skip && f.is_ascii_alphanumeric() {
            if word.is_empty() && gap > GAP_MAX {
                judge(&mut run, &mut pos, &mut out);
            }
            gap = 0;
            word_lower |= f.is_ascii_lowercase();
            word.push((f as u8, b, b + ch.len_utf8()));
            continue;
        }
        end_word(&mut word, &mut word_lower, &mut run, &mut pos, &mut out);
        if in_skip {
            judge(&mut run, &mut pos, &mut out);
            gap = 0;
        } else {
            gap += 1;
        }
    }
    end_word(&mut word, &mut word_lower, &mut run, &mut pos, &mut out);
    judge(&mut run, &mut pos, &mut out);
    out
}

/// The span of at most `max` bytes from `from` towards `to` (cut back to a character boundary),
/// ending where the sentence or clause ends (`. `, `; `, `。`, `；`): the words of the next
/// sentence ("... 2022 Datacenter. The guests are ...") are not this mention's.
fn window(line: &str, from: usize, to: usize, max: usize) -> (usize, usize) {
    let mut end = to.min(from + max).min(line.len());
    while end > from && !line.is_char_boundary(end) {
        end -= 1;
    }
    if from > end {
        return (0, 0);
    }
    if let Some(stop) = line.as_bytes()[from..end]
        .iter()
        .enumerate()
        .find_map(|(i, _)| sentence_end_at(line.as_bytes(), from + i))
    {
        return (from, stop.0);
    }
    (from, end)
}

/// The span of at most `max` bytes back from `to` towards `from`, starting after the last
/// sentence or clause end in it.
fn window_back(line: &str, from: usize, to: usize, max: usize) -> (usize, usize) {
    let mut start = from.max(to.saturating_sub(max));
    while start < to && !line.is_char_boundary(start) {
        start += 1;
    }
    if start > to || to > line.len() {
        return (0, 0);
    }
    let b = line.as_bytes();
    if let Some(stop) = (start..to).rev().find_map(|i| sentence_end_at(b, i)) {
        return (stop.1.min(to), to);
    }
    (start, to)
}

/// A sentence or clause end starting at byte `i` (`. ` or `; ` with a blank after, `。`, `；`):
/// its start and end.
fn sentence_end_at(b: &[u8], i: usize) -> Option<(usize, usize)> {
    match b[i] {
        b'.' | b';' if matches!(b.get(i + 1), Some(b' ' | b'\t')) => Some((i, i + 1)),
        0xE3 if b.get(i + 1..i + 3) == Some(&[0x80, 0x82]) => Some((i, i + 3)),
        0xEF if b.get(i + 1..i + 3) == Some(&[0xBC, 0x9B]) => Some((i, i + 3)),
        _ => None,
    }
}

/// What a line may hold. For an ASCII line each flag says that a pattern's literal occurs (the
/// pattern cannot match without it), so the pattern is run only then; the version mentions and
/// their context words are then found by byte matchers that match exactly as the patterns do
/// ([`ascii_version_spans`], [`ascii_context_words`]). A line with any other character (Unicode
/// case folding and classes are in play: `ſ`, `K`, U+3000 as a blank) goes through the patterns,
/// and so does every line of [`Linter::reference`].
#[derive(Debug, Clone, Copy)]
struct Hints {
    ascii: bool,
    avma: bool,
    skms: bool,
    current: bool,
    sac: bool,
    set_edition: bool,
}

impl Hints {
    const ALL: Hints = Hints {
        ascii: false,
        avma: true,
        skms: true,
        current: true,
        sac: true,
        set_edition: true,
    };
}

/// The literals of [`Hints`], searched in the lower-cased line.
struct Finders {
    avma: memchr::memmem::Finder<'static>,
    automatic: memchr::memmem::Finder<'static>,
    skms: memchr::memmem::Finder<'static>,
    current: memchr::memmem::Finder<'static>,
    version: memchr::memmem::Finder<'static>,
    set: memchr::memmem::Finder<'static>,
}

fn finders() -> &'static Finders {
    static F: OnceLock<Finders> = OnceLock::new();
    F.get_or_init(|| {
        let f = memchr::memmem::Finder::new;
        Finders {
            // `avma_words` in ASCII: `avma` or `automatic ...`.
            avma: f("avma"),
            automatic: f("automatic"),
            skms: f("skms"),
            // `current\s+edition`.
            current: f("current"),
            // `sac`: `version ...`.
            version: f("version"),
            // `/set-edition` and `set-windowsedition`.
            set: f("set-"),
        }
    })
}

/// The versions the mention patterns capture, by their id (lower case, blanks dropped); any
/// other capture (`2012<TAB>r2`) names no catalog version and is kept as `""`.
const MENTION_IDS: [&str; 13] = [
    "2012r2", "2012", "2016", "2019", "2022", "2025", "1709", "1803", "1809", "1903", "1909",
    "2004", "20h2",
];

fn canonical(id: &str) -> &'static str {
    MENTION_IDS
        .iter()
        .find(|&&m| m == id)
        .copied()
        .unwrap_or("")
}

/// A word character of `\b` in ASCII text.
fn is_word(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// A blank of `\s` in ASCII text.
fn is_blank(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | 0x0B | 0x0C | b'\r')
}

fn skip_blanks(s: &[u8], mut i: usize) -> usize {
    while s.get(i).copied().is_some_and(is_blank) {
        i += 1;
    }
    i
}

/// `\b` after a word character at `s[..e]`.
fn word_ends(s: &[u8], e: usize) -> bool {
    s.get(e).is_none_or(|&b| !is_word(b))
}

/// The mention at `i` of a lower-cased ASCII line, as the `version` pattern matches there
/// (`(?:windows\s*server|server|\bws)\s*(2012\s*r2|2012|2016|2019|2022|2025)\b`): its end and id.
fn ascii_version_at(s: &[u8], i: usize) -> Option<(usize, &'static str)> {
    let rest = &s[i..];
    let j = if rest.starts_with(b"windows") {
        let j = skip_blanks(s, i + 7);
        if !s[j..].starts_with(b"server") {
            return None;
        }
        j + 6
    } else if rest.starts_with(b"server") {
        i + 6
    } else if rest.starts_with(b"ws") && (i == 0 || !is_word(s[i - 1])) {
        i + 2
    } else {
        return None;
    };
    let j = skip_blanks(s, j);
    let year = s.get(j..j + 4)?;
    if year == b"2012" {
        let k = skip_blanks(s, j + 4);
        if s[k..].starts_with(b"r2") && word_ends(s, k + 2) {
            // The id drops spaces only, as the pattern's caller does.
            let id = if s[j + 4..k].iter().all(|&b| b == b' ') {
                "2012r2"
            } else {
                ""
            };
            return Some((k + 2, id));
        }
    }
    if !word_ends(s, j + 4) {
        return None;
    }
    ["2012", "2016", "2019", "2022", "2025"]
        .into_iter()
        .find(|y| y.as_bytes() == year)
        .map(|y| (j + 4, y))
}

/// Every `version` mention of a lower-cased ASCII line, leftmost first, as the pattern's
/// `captures_iter` finds them. Only a `w` or an `s` can start one.
fn ascii_version_spans(s: &[u8], out: &mut Vec<Span>) {
    let mut i = 0;
    while let Some(off) = memchr::memchr2(b'w', b's', &s[i..]) {
        let at = i + off;
        match ascii_version_at(s, at) {
            Some((end, id)) => {
                out.push((at, end, id));
                i = end;
            }
            None => i = at + 1,
        }
    }
}

/// Whether a context window holds a guest word and a host word.
type Words = (bool, bool);

/// The context of a mention: a guest or host word after it decides, then one before it.
fn context_of(after: impl Fn() -> Words, before: impl Fn() -> Words) -> Ctx {
    let of = |(guest, host): Words| match (guest, host) {
        (true, _) => Some(Ctx::Guest),
        (false, true) => Some(Ctx::Host),
        _ => None,
    };
    of(after()).or_else(|| of(before())).unwrap_or(Ctx::Neutral)
}

/// The reference: `guest_words` and `host_words` in the window with AVMA's own name blanked
/// (its "virtual machine" is not a guest).
fn regex_context_words(p: &Patterns, w: &str) -> Words {
    let w = p.avma_words.replace_all(w, " ");
    (p.guest_words.is_match(&w), p.host_words.is_match(&w))
}

/// [`regex_context_words`] for the window `line[a..b]` of an ASCII line (`lower` is the line
/// lower-cased), by one byte pass that matches as `guest_words` (`\bguests?\b`, `\bvms?\b`,
/// `virtual\s+machines?`) and `host_words` (`\bhosts?\b`, `\bcluster`, `\bnodes?\b`,
/// `hyper-v\s*server`) do; a window that may hold an AVMA phrase goes to the patterns.
fn ascii_context_words(p: &Patterns, line: &str, lower: &[u8], a: usize, b: usize) -> Words {
    let w = &lower[a..b];
    let n = w.len();
    let at = |i: usize, lit: &[u8]| w[i..].starts_with(lit);
    let starts_word = |i: usize| i == 0 || !is_word(w[i - 1]);
    let ends = |e: usize| word_ends(w, e) || (w.get(e) == Some(&b's') && word_ends(w, e + 1));
    let (mut guest, mut host) = (false, false);
    for i in 0..n {
        match w[i] {
            b'a' if at(i, b"avma") || at(i, b"automatic") => {
                return regex_context_words(p, &line[a..b]);
            }
            b'g' => guest |= starts_word(i) && at(i, b"guest") && ends(i + 5),
            b'v' => {
                guest |= (starts_word(i) && at(i, b"vm") && ends(i + 2))
                    || (at(i, b"virtual") && {
                        let j = skip_blanks(w, i + 7);
                        j > i + 7 && w[j..].starts_with(b"machine")
                    })
            }
            b'h' => {
                host |= (starts_word(i) && at(i, b"host") && ends(i + 4))
                    || (at(i, b"hyper-v") && w[skip_blanks(w, i + 7)..].starts_with(b"server"))
            }
            b'c' => host |= starts_word(i) && at(i, b"cluster"),
            b'n' => host |= starts_word(i) && at(i, b"node") && ends(i + 4),
            _ => {}
        }
    }
    (guest, host)
}

/// "the KMS client setup key of Windows Server 2022 Datacenter" as a message argument.
pub fn describe_key(cat: &Catalog, k: &Key) -> MsgArg {
    if k.family == "client" {
        // Client keys are described by the product their (English) note names.
        let product = k
            .note
            .as_ref()
            .and_then(|n| n.en().split(" (").next())
            .unwrap_or("Windows client")
            .to_string();
        return Msg::new("arg-client-kms-key")
            .arg("product", product)
            .into();
    }
    // The first version is the one the key is published for; the others are SAC releases
    // that share it.
    let vs = k
        .versions
        .first()
        .and_then(|v| cat.version(v))
        .map_or(k.family.as_str(), |v| v.name.as_str());
    let family: MsgArg = cat
        .family(&k.family)
        .map_or_else(|| MsgArg::Str(k.family.clone()), |f| (&f.name).into());
    let id = match k.kind {
        KeyKind::Avma => "arg-avma-key-of",
        KeyKind::Gvlk => "arg-kms-key-of",
    };
    Msg::new(id).arg("version", vs).arg("family", family).into()
}

fn fits_arg(cat: &Catalog, keys: &[Option<&Key>]) -> MsgArg {
    let list: Vec<MsgArg> = keys
        .iter()
        .flatten()
        .map(|k| {
            Msg::new("arg-key-described")
                .arg("key", k.key.as_str())
                .arg("description", describe_key(cat, k))
                .into()
        })
        .collect();
    if list.is_empty() {
        return Msg::new("arg-no-published-key").into();
    }
    MsgArg::List(list, " / ")
}

fn fix_command(usage: &Use, kind: KeyKind, k: &Key, slmgr_style: bool) -> String {
    let set_edition = match usage {
        Use::SetEdition { target: Some(t) } => Some(t.as_str()),
        _ => None,
    };
    crate::judge::lint_key_fix(set_edition, kind, k, slmgr_style || *usage == Use::Install)
}

/// Lint a whole text at once (tests and small inputs).
pub fn lint_text(file: &str, text: &str, opts: LintOptions<'_>, cat: &Catalog) -> LintReport {
    let mut l = Linter::new(file, opts, cat);
    for line in text.lines() {
        l.feed_line(line);
    }
    l.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The byte loop the masks replaced: runs of key characters of words without a
    /// lower-case letter.
    fn run_bytewise(line: &[u8]) -> usize {
        let (mut best, mut run, mut word, mut lower) = (0usize, 0usize, 0usize, false);
        for &b in line.iter().chain(std::iter::once(&b' ')) {
            if b.is_ascii_alphanumeric() {
                word += 1;
                lower |= b.is_ascii_lowercase();
                continue;
            }
            if word > 0 {
                if lower {
                    run = 0;
                } else {
                    run += word;
                    best = best.max(run);
                }
            }
            word = 0;
            lower = false;
        }
        best
    }

    #[test]
    fn the_masked_pre_check_never_rejects_a_run_the_byte_loop_sees() {
        // Lines over chunk boundaries, of every mix of key characters, lower case and noise.
        let alphabet = b"ABCXYZ0189abcz -_.:\t";
        let mut state = 0x2545_f491_4f6c_dd1du64;
        for n in 0..4000usize {
            let len = n % 300;
            let line: Vec<u8> = (0..len)
                .map(|_| {
                    state ^= state << 13;
                    state ^= state >> 7;
                    state ^= state << 17;
                    // Lower-case letters rarer as n grows, so long runs occur.
                    let pick = (state % 1000) as usize;
                    let i = if pick < 1000 / (n % 7 + 2) {
                        12 + pick % 4
                    } else {
                        pick % 12
                    };
                    alphabet[i.min(alphabet.len() - 1)]
                })
                .collect();
            let exact = run_bytewise(&line);
            for need in [1usize, 5, 22, 40] {
                let bound = longest_ascii_run(&line, need);
                if exact >= need {
                    assert!(
                        bound >= need,
                        "{:?} need {need}",
                        String::from_utf8_lossy(&line)
                    );
                }
            }
        }
    }

    #[test]
    fn the_ascii_pre_check_bounds_the_runs_and_keeps_every_damaged_copy() {
        // An ordinary log line: no run of 22 key characters, rejected before the full pass.
        let log = "2026-11-29 10:00:00 INFO cluster node HV1 heartbeat ok, VM0 running on Windows Server 2019";
        assert!(longest_ascii_run(log.as_bytes(), 25 - DAMAGE_MAX) < 25 - DAMAGE_MAX);
        // Upper-case words run on across separators until a word with a lower-case letter.
        assert_eq!(longest_ascii_run(b"AB-CD ef GHI JK", 1), 5);
        assert_eq!(longest_ascii_run(b"", 1), 0);
        // Damaged copies are still found (a space for a dash, a wrong group, one character off).
        let cat = Catalog::builtin();
        let grams = key_grams(cat);
        for line in [
            "slmgr /ipk TNK62 RXVTB-4P47B-2D623-4GF74",
            "key: TNK62-RXVTB-4P47B-2D6234GF74 then reboot",
            "slmgr /ipk TNK62-RXVTB-4P47B-2D623-4GF7A",
        ] {
            assert!(
                longest_ascii_run(line.as_bytes(), 25 - DAMAGE_MAX) >= 25 - DAMAGE_MAX,
                "{line}"
            );
            let found = damaged_copies(cat, &grams, line, &[]);
            assert_eq!(found.len(), 1, "{line}");
            assert_eq!(found[0].2.key, "TNK62-RXVTB-4P47B-2D623-4GF74");
        }
    }
}
