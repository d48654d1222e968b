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
use crate::key::{find_keys, ProductKey};
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
}

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
    fn top(&self, pred: impl Fn(Ctx) -> bool) -> Option<(&str, u64)> {
        let mut best: Option<(&str, u64, u64)> = None;
        for (v, c, n, first) in &self.0 {
            if !pred(*c) {
                continue;
            }
            if best.is_none_or(|(_, bn, bl)| *n > bn || (*n == bn && *first < bl)) {
                best = Some((v, *n, *first));
            }
        }
        best.map(|(v, _, l)| (v, l))
    }
    fn distinct(&self, pred: impl Fn(Ctx) -> bool) -> Vec<&str> {
        let mut v: Vec<&str> = self
            .0
            .iter()
            .filter(|m| pred(m.1))
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
    Text { line: u64 },
    AvmaKeys,
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
    set_editions: Vec<SetEditionCmd>,
    last_target: Option<String>,
    current_edition: Option<String>,
    avma_intent: bool,
    kms_setup: bool,
    commands: usize,
}

/// Observations kept per input are capped so that a hostile file full of keys cannot grow
/// memory without bound; the cap is far above any real runbook.
const MAX_OBSERVATIONS: usize = 100_000;

impl<'c> Linter<'c> {
    pub fn new(file: &str, opts: LintOptions<'c>, cat: &'c Catalog) -> Self {
        Linter {
            cat,
            file: file.to_string(),
            opts,
            line_no: 0,
            keys: Vec::new(),
            mentions: Mentions::default(),
            set_editions: Vec::new(),
            last_target: None,
            current_edition: None,
            avma_intent: false,
            kms_setup: false,
            commands: 0,
        }
    }

    /// Feed the next line (without its line terminator).
    pub fn feed_line(&mut self, line: &str) {
        self.line_no += 1;
        let p = patterns();
        if line.len() < 3 {
            return;
        }
        if p.avma_words.is_match(line) {
            self.avma_intent = true;
        }
        if p.skms.is_match(line) {
            self.kms_setup = true;
        }
        if let Some(c) = p.current_edition.captures(line) {
            self.current_edition = c.get(1).map(|m| m.as_str().to_string());
        }
        self.collect_mentions(line);

        let found = find_keys(line);
        let set_target = p
            .set_edition
            .captures(line)
            .or_else(|| p.ps_edition.captures(line))
            .and_then(|c| c.get(1))
            .map(|m| m.as_str().to_string());
        if found.is_empty() && set_target.is_none() {
            return;
        }
        let is_dism = p.dism.is_match(line) || p.ps_edition.is_match(line);
        let usage = match (&set_target, is_dism) {
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
        };
        if usage != Use::Bare {
            self.commands += 1;
        }
        if let (Some(t), true) = (&set_target, is_dism) {
            if !t.contains('<') && self.set_editions.len() < MAX_OBSERVATIONS {
                let current = self
                    .current_edition
                    .clone()
                    .or_else(|| self.opts.edition.map(|e| e.id.clone()));
                self.set_editions.push(SetEditionCmd {
                    line: self.line_no,
                    target: t.clone(),
                    current,
                });
            }
        }

        if !found.is_empty() {
            let has_avma = p.avma_words.is_match(line);
            let has_kms = p.kms_words.is_match(line);
            let label = match (has_avma, has_kms) {
                (true, false) => Some(KeyKind::Avma),
                (false, true) => Some(KeyKind::Gvlk),
                _ => None,
            };
            let slmgr_style = line.to_ascii_lowercase().contains("slmgr");
            let mut seen: Vec<&str> = Vec::new();
            for f in &found {
                if seen.contains(&f.key.as_str()) || self.keys.len() >= MAX_OBSERVATIONS {
                    continue;
                }
                seen.push(f.key.as_str());
                self.keys.push(KeyUse {
                    key: f.key.clone(),
                    line: self.line_no,
                    usage: usage.clone(),
                    label,
                    prior_target: self.last_target.clone(),
                    slmgr_style,
                });
            }
        }
        if let (Some(t), true) = (set_target, is_dism) {
            if !t.contains('<') {
                self.last_target = Some(t);
            }
        }
    }

    fn collect_mentions(&mut self, line: &str) {
        let p = patterns();
        let mut spans: Vec<(usize, usize, String)> = Vec::new();
        for c in p.version.captures_iter(line) {
            if let (Some(all), Some(v)) = (c.get(0), c.get(1)) {
                let id = v.as_str().to_ascii_lowercase().replace(' ', "");
                spans.push((all.start(), all.end(), id));
            }
        }
        for c in p.sac.captures_iter(line) {
            if let (Some(all), Some(v)) = (c.get(0), c.get(1)) {
                spans.push((all.start(), all.end(), v.as_str().to_ascii_lowercase()));
            }
        }
        spans.sort();
        // Context: the words right after a mention (up to the next mention), then before it.
        fn stripped<'a>(p: &Patterns, s: &'a str) -> std::borrow::Cow<'a, str> {
            p.avma_words.replace_all(s, " ")
        }
        for (i, (start, end, id)) in spans.iter().enumerate() {
            let next_start = spans.get(i + 1).map_or(line.len(), |s| s.0);
            let prev_end = if i == 0 { 0 } else { spans[i - 1].1 };
            let after = stripped(p, window(line, *end, next_start, 60));
            let before = stripped(p, window_back(line, prev_end, *start, 30));
            let ctx = if p.guest_words.is_match(&after) {
                Ctx::Guest
            } else if p.host_words.is_match(&after) {
                Ctx::Host
            } else if p.guest_words.is_match(&before) {
                Ctx::Guest
            } else if p.host_words.is_match(&before) {
                Ctx::Host
            } else {
                Ctx::Neutral
            };
            if self.cat.version(id).is_some() {
                self.mentions.add(id, ctx, self.line_no);
            }
        }
    }

    /// Judge everything seen and return the findings.
    pub fn finish(self) -> LintReport {
        let cat = self.cat;
        let (target, source) = self.infer_target();
        let mut findings = Vec::new();
        for u in &self.keys {
            self.judge_key(u, target, &mut findings);
        }
        for s in &self.set_editions {
            judge_set_edition(cat, &self.file, s, target, &mut findings);
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

    fn infer_target(&self) -> (Option<&'c Version>, TargetSource) {
        if let Some(v) = self.opts.os {
            return (Some(v), TargetSource::Option);
        }
        let cat = self.cat;
        // 1. The version most often named next to "guest"/"ゲスト"/"VM".
        if let Some((v, line)) = self.mentions.top(|c| c == Ctx::Guest) {
            return (cat.version(v), TargetSource::Text { line });
        }
        // 2. The version of the AVMA keys the text installs, if they agree.
        let mut gens: Vec<&str> = self
            .keys
            .iter()
            .filter(|u| u.usage == Use::Install)
            .filter_map(|u| cat.key(&u.key))
            .filter(|k| k.kind == KeyKind::Avma)
            .filter_map(|k| k.versions.first().map(String::as_str))
            .collect();
        gens.dedup();
        if let [only] = gens.as_slice() {
            return (cat.version(only), TargetSource::AvmaKeys);
        }
        // 3. The only version named that is not a host's.
        if let [only] = self.mentions.distinct(|c| c != Ctx::Host).as_slice() {
            if let Some((_, line)) = self.mentions.top(|c| c != Ctx::Host) {
                return (cat.version(only), TargetSource::Text { line });
            }
        }
        (None, TargetSource::None)
    }

    fn judge_key(&self, u: &KeyUse, target: Option<&'c Version>, out: &mut Vec<Finding>) {
        let cat = self.cat;
        let file = self.file.as_str();
        let Some(k) = cat.key(&u.key) else {
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
        let expected_family: Option<String> = match &u.usage {
            Use::SetEdition { target: Some(t) } => cat.edition(t).map(|e| e.family.clone()),
            Use::SetEdition { target: None } => None,
            Use::Install => u
                .prior_target
                .as_deref()
                .and_then(|t| cat.edition(t))
                .map(|e| e.family.clone())
                .or_else(|| self.opts.edition.map(|e| e.family.clone())),
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
                    .map(|f| MsgArg::Text {
                        en: f.name_en.clone(),
                        ja: f.name_ja.clone(),
                    })
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
        if u.usage == Use::Install && k.kind == KeyKind::Gvlk && self.avma_intent && !self.kms_setup
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

fn window(line: &str, from: usize, to: usize, max: usize) -> &str {
    let mut end = to.min(from + max).min(line.len());
    while end > from && !line.is_char_boundary(end) {
        end -= 1;
    }
    line.get(from..end).unwrap_or("")
}

fn window_back(line: &str, from: usize, to: usize, max: usize) -> &str {
    let mut start = from.max(to.saturating_sub(max));
    while start < to && !line.is_char_boundary(start) {
        start += 1;
    }
    line.get(start..to).unwrap_or("")
}

/// "the KMS client setup key of Windows Server 2022 Datacenter" as a bilingual argument.
pub fn describe_key(cat: &Catalog, k: &Key) -> MsgArg {
    // The first version is the one the key is published for; the others are SAC releases
    // that share it.
    let vs = k
        .versions
        .first()
        .and_then(|v| cat.version(v))
        .map_or(k.family.as_str(), |v| v.name.as_str());
    let (fen, fja) = cat
        .family(&k.family)
        .map(|f| (f.name_en.as_str(), f.name_ja.as_str()))
        .unwrap_or((k.family.as_str(), k.family.as_str()));
    let (ken, kja) = match k.kind {
        KeyKind::Avma => ("AVMA key", "AVMA キー"),
        KeyKind::Gvlk => ("KMS client setup key", "KMS クライアント セットアップ キー"),
    };
    MsgArg::Text {
        en: format!("the {ken} of {vs} {fen}"),
        ja: format!("{vs} {fja} の {kja}"),
    }
}

fn fits_arg(cat: &Catalog, keys: &[Option<&Key>]) -> MsgArg {
    let mut en = Vec::new();
    let mut ja = Vec::new();
    for k in keys.iter().flatten() {
        if let MsgArg::Text { en: e, ja: j } = describe_key(cat, k) {
            en.push(format!("{} ({e})", k.key));
            ja.push(format!("{} ({j})", k.key));
        }
    }
    if en.is_empty() {
        return MsgArg::Text {
            en: "no published key".into(),
            ja: "公開されているキーはありません".into(),
        };
    }
    MsgArg::Text {
        en: en.join(" / "),
        ja: ja.join(" / "),
    }
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
