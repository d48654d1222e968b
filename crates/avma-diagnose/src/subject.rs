//! What a check sees of one machine: the machine, the model around it, and the facts the checks
//! share (version, edition, Windows product, HRESULTs, related hosts), computed once.

use avma_core::catalog::{Catalog, Edition, Version};
use avma_core::finding::Location;
use avma_core::judge::{self, Channel, Hresult};
use avma_core::key::ProductKey;
use avma_core::text::{Msg, MsgArg};
use avma_evidence::model::{Machine, Model, Product, Role};
use avma_evidence::observe::{code_text, Provenance};

use crate::Options;

/// One machine under diagnosis.
pub struct Subject<'a> {
    pub m: &'a Machine,
    pub model: &'a Model,
    pub opts: &'a Options,
    pub cat: &'a Catalog,
    pub version: Option<&'a Version>,
    /// When no build or OS name tells the version: the version the machine's own installed
    /// public key implies (`Machine::implied_versions`, weaker, never `version`): a fix that
    /// needs a version may use it, and says so.
    pub implied_version: Option<&'a Version>,
    pub edition: Option<&'a Edition>,
    pub product: Option<&'a Product>,
    /// Every HRESULT seen on the machine, with where.
    pub codes: Vec<(Hresult, Provenance)>,
    /// For a guest: its cluster owner and possible/preferred owners, else the host its AVMA
    /// block names, else the only host.
    pub hosts: Vec<&'a Machine>,
    /// For a guest: its VM role (cluster group) name, when the cluster lists it.
    pub group: Option<&'a str>,
    /// The newest AVMA request of the machine's own 12309 events with an outcome, when it
    /// failed (its result or code, the host its message names, where).
    pub failed_request: Option<FailedRequest>,
    /// This machine's evidence dates the run (the run-level evidence-stale finding is its);
    /// set by `crate::diagnose`, which decides it once per run.
    pub dates_run: bool,
}

impl<'a> Subject<'a> {
    pub fn new(m: &'a Machine, model: &'a Model, opts: &'a Options, cat: &'a Catalog) -> Self {
        let (hosts, group) = if m.role == Role::Guest {
            related_hosts(m, model)
        } else {
            (Vec::new(), None)
        };
        let product = windows_product(m);
        Subject {
            m,
            model,
            opts,
            cat,
            version: version(m, cat),
            implied_version: implied_version(m, product, cat),
            edition: edition(m, cat),
            product,
            codes: hresults(m),
            failed_request: failed_request(m),
            hosts,
            group,
            dates_run: false,
        }
    }

    pub fn has(&self, c: Hresult) -> Option<&Provenance> {
        self.codes.iter().find(|(x, _)| *x == c).map(|(_, p)| p)
    }

    /// Whether the machine runs an evaluation edition: yes by its EditionID or the
    /// TIMEBASED_EVAL channel, no by an EditionID that is not one (or, with none, a Windows
    /// licence of another known channel), else unknown.
    pub fn evaluation(&self) -> Option<bool> {
        let channel = self.channel();
        if self.edition.is_some_and(|e| e.eval) || channel == Some(Channel::Eval) {
            return Some(true);
        }
        if self.edition.is_some() {
            return Some(false);
        }
        match channel {
            Some(Channel::Other) | None => None,
            Some(_) => Some(false),
        }
    }

    pub fn channel(&self) -> Option<Channel> {
        self.product
            .and_then(|p| p.facts.channel.as_deref())
            .map(Channel::parse)
    }

    /// The guest as the judgement sees it.
    pub fn guest(&self) -> judge::Guest<'a> {
        let key = self
            .product
            .and_then(|p| p.key.as_ref())
            .and_then(|k| ProductKey::parse(&k.key))
            .and_then(|k| self.cat.key(&k));
        judge::Guest {
            version: self.version,
            edition: self.edition,
            channel: self.channel(),
            key,
            has_key: self.has_key(),
            activated: self
                .product
                .and_then(|p| p.facts.license_status)
                .map(|s| s == 1),
            data_exchange: None,
        }
    }

    /// Whether a Windows key is installed, as the evidence shows it: yes for a product with a
    /// key (read or hidden by the capture), and also for one the evidence shows in use without
    /// its partial key (an `Activating Windows(R), X edition (ID) ...` line, which slmgr prints
    /// only for a product with a key; a licence status other than Unlicensed; an /xpr
    /// expiry); no only when the evidence says so (0xC004F014, or every product Unlicensed
    /// without a key); else unknown. Never "no key" when a key is seen being used.
    pub fn has_key(&self) -> Option<bool> {
        if self.product.is_some() {
            return Some(true);
        }
        let windows: Vec<&Product> = self
            .m
            .products
            .iter()
            .filter(|p| p.facts.is_windows())
            .collect();
        let in_use = |p: &Product| {
            p.facts.license_status.is_some_and(|st| st != 0)
                || p.facts.expiry_text.is_some()
                || (p.facts.activation_id.is_some() && p.facts.license_status.is_none())
        };
        if windows.iter().any(|p| in_use(p)) {
            return Some(true);
        }
        if self.has(Hresult::NO_KEY).is_some()
            || (!windows.is_empty() && windows.iter().all(|p| p.facts.license_status == Some(0)))
        {
            return Some(false);
        }
        None
    }

    /// The host as the judgement sees it (its lapse in days from the grace minutes or the
    /// evaluation end, as of `Options::now`).
    pub fn host(&self) -> judge::Host<'a> {
        host_of(self.m, self.opts, self.cat)
    }

    /// The lowest version among the guest's hosts.
    pub fn host_version(&self) -> Option<&'a Version> {
        self.hosts
            .iter()
            .filter_map(|h| version(h, self.cat))
            .min_by_key(|v| v.order)
    }

    /// The VM name a host uses for this guest (its cluster group, else its linked VM's name,
    /// else its computer name).
    pub fn vm_name(&self) -> &str {
        self.group.unwrap_or(self.m.vm_name())
    }

    pub fn machine_arg(&self) -> MsgArg {
        machine_arg(self.m, self.cat)
    }

    /// Where the build was read.
    pub fn build_at(&self) -> Option<&Provenance> {
        self.m.builds.first().and_then(|b| b.from.first())
    }
}

pub fn host_of<'a>(m: &'a Machine, opts: &Options, cat: &'a Catalog) -> judge::Host<'a> {
    let p = licence_product(m);
    let mut lapse: Option<f64> = None;
    if let Some(p) = p {
        if let Some(g) = p.facts.grace_minutes.filter(|g| *g > 0) {
            lapse = Some(g as f64 / 1440.0);
        }
        if let (Some(end), Some(now)) = (p.facts.evaluation_end.as_deref(), opts.now) {
            if let Ok(t) = end.parse::<jiff::Timestamp>() {
                let d = (t.as_second() - now.as_second()) as f64 / 86400.0;
                lapse = Some(lapse.map_or(d, |l| l.min(d)));
            }
        }
    }
    judge::Host {
        version: version(m, cat),
        edition: edition(m, cat),
        activated: p.and_then(|p| p.facts.license_status).map(|s| s == 1),
        channel: p
            .and_then(|p| p.facts.channel.as_deref())
            .map(Channel::parse),
        lapse_days: lapse.map(|d| d.floor() as i64),
        platform: judge::Platform::default(),
    }
}

pub fn loc(p: &Provenance) -> Location {
    Location {
        file: p.file.clone(),
        line: p.line,
        record: p.record,
    }
}

pub fn at(p: &Provenance) -> Option<String> {
    Some(p.label())
}

/// The Windows product of a machine: the row with a key (read, or hidden by the capture), of the
/// Windows application.
pub fn windows_product(m: &Machine) -> Option<&Product> {
    m.products
        .iter()
        .find(|p| p.facts.has_key() && p.facts.is_windows())
}

/// The Windows licence a host's evidence shows: [`windows_product`], else a Windows product
/// whose licence status the evidence tells without its partial key (an `slmgr /xpr` alone:
/// "permanently activated" is status 1, Notification mode 5). Such a licence is in use, so a
/// key is installed: a missing `/dli` is missing evidence, never "no key".
pub fn licence_product(m: &Machine) -> Option<&Product> {
    windows_product(m).or_else(|| {
        m.products
            .iter()
            .find(|p| p.facts.is_windows() && p.facts.license_status.is_some_and(|st| st != 0))
    })
}

/// The version the machine's own installed key implies (the first it serves, LTSC first), when
/// nothing direct tells the version and that key is one of the machine's implied versions.
fn implied_version<'c>(
    m: &Machine,
    product: Option<&Product>,
    cat: &'c Catalog,
) -> Option<&'c Version> {
    if m.version.is_some() {
        return None;
    }
    let own = product?.key.as_ref()?;
    let implied = m.implied_versions.iter().find(|i| i.key == own.key)?;
    implied.versions.first().and_then(|v| cat.version(v))
}

pub fn version<'c>(m: &Machine, cat: &'c Catalog) -> Option<&'c Version> {
    m.version.as_deref().and_then(|v| cat.version(v))
}

pub fn edition<'c>(m: &Machine, cat: &'c Catalog) -> Option<&'c Edition> {
    m.edition.as_deref().and_then(|e| cat.edition(e))
}

/// A failed AVMA request as a guest's 12309 tells it.
#[derive(Debug, Clone)]
pub struct FailedRequest {
    pub event_id: u32,
    pub result: Option<avma_core::judge::AvmaResult>,
    pub code: Option<Hresult>,
    pub host: Option<String>,
    pub at: Provenance,
}

/// The newest 12309 that says how its request ended (by time when every such event's time
/// reads, else the last in the evidence), when it says it failed. A record that says neither a
/// result nor a code is passed over: it is no failure and no success.
fn failed_request(m: &Machine) -> Option<FailedRequest> {
    use avma_core::judge::{record_outcome, Record};
    let judged: Vec<_> = m
        .events
        .iter()
        .filter(|e| e.value.event_id == 12309)
        .map(|e| (e, record_outcome(e.value.result, &e.value.hresults)))
        .filter(|(_, r)| *r != Record::Unknown)
        .collect();
    let times: Vec<Option<jiff::Timestamp>> = judged
        .iter()
        .map(|(e, _)| {
            e.value
                .time
                .as_deref()
                .and_then(avma_evidence::asof::parse_time)
        })
        .collect();
    let newest = if times.iter().all(Option::is_some) {
        (0..judged.len()).max_by_key(|&i| times[i])
    } else {
        judged.len().checked_sub(1)
    }?;
    let (e, rec) = judged.get(newest)?;
    let code = match rec {
        Record::Failure(h) => Some(*h),
        Record::Refused(_) => None,
        _ => return None,
    };
    Some(FailedRequest {
        event_id: e.value.event_id,
        result: e.value.result,
        code,
        host: e.value.named_host.clone(),
        at: e.from.first()?.clone(),
    })
}

/// Every HRESULT seen on a machine, with where: licensing status reasons, tool errors, and
/// non-zero values in its AVMA/licensing events.
fn hresults(m: &Machine) -> Vec<(Hresult, Provenance)> {
    let mut out = Vec::new();
    for p in &m.products {
        if let Some(r) = p.facts.status_reason.filter(|r| *r >= 0x8000_0000) {
            out.push((Hresult(r), p.from.clone()));
        }
    }
    for e in &m.errors {
        if let Some(v) = u32::from_str_radix(e.code.trim_start_matches("0x"), 16)
            .ok()
            .filter(|_| e.code.starts_with("0x"))
        {
            out.push((Hresult(v), e.from.clone()));
        }
    }
    for e in &m.events {
        if matches!(e.value.event_id, 12309 | 8198 | 12288) {
            for h in e.value.hresults.iter().filter(|h| **h >= 0x8000_0000) {
                if let Some(f) = e.from.first() {
                    out.push((Hresult(*h), f.clone()));
                }
            }
        }
    }
    out
}

pub fn machine_arg(m: &Machine, cat: &Catalog) -> MsgArg {
    let v = version(m, cat).map(|v| v.name.as_str()).unwrap_or("?");
    let e = m.edition.as_deref().unwrap_or("?");
    MsgArg::Str(format!("{} ({v} {e})", m.name))
}

/// A license status as people read it: slmgr's English wording, Windows' Japanese wording.
pub fn status_arg(cat: &Catalog, s: Option<u32>) -> MsgArg {
    match s.and_then(|s| cat.license_status(s)) {
        Some(x) => (&x.text).into(),
        None => MsgArg::Str("?".into()),
    }
}

/// The codes a finding cites, each with what it means. 0xC004F069 (the key does not fit this
/// SKU) is said by the machine's edition: the evaluation case only on an evaluation edition
/// (its EditionID or the TIMEBASED_EVAL channel), the key of another edition or version on an
/// edition that is not one, and both as possibilities when the evidence tells neither.
pub fn code_arg(s: &Subject<'_>, codes: &[u32]) -> MsgArg {
    let list: Vec<MsgArg> = codes
        .iter()
        .map(|c| match s.cat.error_by_value(*c) {
            Some(e) if *c == Hresult::EVAL_NO_AVMA.0 => sku_mismatch(s, &e.code).into(),
            Some(e) => e.meaning.map(|m| format!("{} ({m})", e.code)).into(),
            None => MsgArg::Str(code_text(*c)),
        })
        .collect();
    if list.is_empty() {
        return Msg::new("arg-no-error-code").into();
    }
    MsgArg::List(list, "; ")
}

/// 0xC004F069 (SL_E_MISMATCHED_PRODUCT_SKU) as the machine's edition explains it.
fn sku_mismatch(s: &Subject<'_>, code: &str) -> Msg {
    match s.evaluation() {
        Some(true) => Msg::new("diag-code-sku-eval").arg("code", code),
        Some(false) => Msg::new("diag-code-sku-not-eval")
            .arg("code", code)
            .arg("edition", s.m.edition.as_deref().unwrap_or("?")),
        None => Msg::new("diag-code-sku-unknown").arg("code", code),
    }
}

pub fn fact_hresult(c: Hresult) -> Msg {
    Msg::new("fact-hresult").arg("code", code_text(c.0))
}

/// Hosts a guest relates to, and its cluster group name: the group of the VM it is linked to
/// (VM ID, BIOS GUID, KVP; else its name), its owners; else the hosts that list its VM or the
/// host its KVP registry names; else the host its AVMA block names; else the only host.
fn related_hosts<'a>(guest: &Machine, model: &'a Model) -> (Vec<&'a Machine>, Option<&'a str>) {
    let hosts: Vec<&Machine> = model
        .machines
        .iter()
        .filter(|m| m.role == Role::Host)
        .collect();
    let by_name = |n: &str| model.machine(n).filter(|m| m.role == Role::Host);
    let mut out: Vec<&Machine> = Vec::new();
    let mut group = None;
    let add = |out: &mut Vec<&'a Machine>, h: &'a Machine| {
        if !out.iter().any(|o| std::ptr::eq(*o, h)) {
            out.push(h);
        }
    };
    if model.cluster.is_some() {
        if let Some(g) = model.group_of(guest) {
            group = Some(g.value.name.as_str());
            let names = g
                .value
                .possible_owners
                .iter()
                .flatten()
                .chain(g.value.preferred_owners.iter().flatten())
                .chain(g.value.owner.iter());
            for n in names {
                if let Some(h) = by_name(n) {
                    add(&mut out, h);
                }
            }
        }
    }
    if out.is_empty() {
        let listed = guest.vm.iter().flat_map(|l| l.hosts.iter());
        let kvp_host = guest
            .identity
            .parameters
            .iter()
            .flat_map(|p| p.value.host_name.iter().chain(p.value.physical_host.iter()));
        for n in listed.chain(kvp_host) {
            if let Some(h) = by_name(n) {
                add(&mut out, h);
            }
        }
    }
    if out.is_empty() {
        for p in &guest.products {
            if let Some(h) = p.facts.avma.host_machine_name.as_deref().and_then(by_name) {
                add(&mut out, h);
            }
        }
    }
    if out.is_empty() && hosts.len() == 1 {
        out.push(hosts[0]);
    }
    (out, group)
}
