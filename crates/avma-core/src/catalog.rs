//! The licensing catalog: every public key, version, edition, rule, error code and event avma
//! knows, each with its source and confidence. The data lives in `catalog/catalog.toml` at the
//! repository root and is embedded at compile time; this module only types and indexes it.

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::key::ProductKey;
use crate::text::{Lang, Localized};

/// How sure avma is of a fact. Carried into every output that states the fact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Confidence {
    /// Read in Microsoft text.
    Official,
    /// Several independent public sources agree; no Microsoft text read.
    Corroborated,
    /// Folklore, inference, or a single claim. Never presented as fact.
    Unverified,
}

impl Confidence {
    pub fn as_str(self) -> &'static str {
        match self {
            Confidence::Official => "official",
            Confidence::Corroborated => "corroborated",
            Confidence::Unverified => "unverified",
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub id: String,
    pub title: String,
    pub url: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ReleaseChannel {
    Ltsc,
    Sac,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Version {
    pub id: String,
    pub name: String,
    /// The name as Microsoft writes it in another language ("Windows Server バージョン 1809"),
    /// where it differs from `name`.
    #[serde(default)]
    pub local_name: Option<Localized>,
    pub build: u32,
    pub channel: ReleaseChannel,
    pub order: u32,
    pub avma_guest: bool,
    #[serde(default)]
    pub key_generation: Option<String>,
    pub confidence: Confidence,
    pub source: String,
    #[serde(default)]
    pub note: Option<Localized>,
}

impl Version {
    /// The name in `lang` (the English `name` where no other is written).
    pub fn name_in(&self, lang: Lang) -> &str {
        match &self.local_name {
            Some(l) if l.has(lang) => l.get(lang),
            _ => &self.name,
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Family {
    pub id: String,
    pub rank: u32,
    pub name: Localized,
}

impl Family {
    pub fn name(&self, lang: Lang) -> &str {
        self.name.get(lang)
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Edition {
    /// The EditionID, e.g. `ServerDatacenterCor`.
    pub id: String,
    pub family: String,
    pub eval: bool,
    pub core: bool,
    pub name: Localized,
    pub confidence: Confidence,
    pub source: String,
}

impl Edition {
    pub fn name(&self, lang: Lang) -> &str {
        self.name.get(lang)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum KeyKind {
    /// A generic AVMA client key.
    Avma,
    /// A KMS client setup key.
    Gvlk,
}

impl KeyKind {
    pub fn as_str(self) -> &'static str {
        match self {
            KeyKind::Avma => "avma",
            KeyKind::Gvlk => "gvlk",
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Key {
    pub key: String,
    pub kind: KeyKind,
    pub versions: Vec<String>,
    pub family: String,
    pub confidence: Confidence,
    pub source: String,
    #[serde(default)]
    pub note: Option<Localized>,
}

impl Key {
    pub fn last5(&self) -> &str {
        self.key
            .get(self.key.len().saturating_sub(5)..)
            .unwrap_or("")
    }
    pub fn serves(&self, version: &str) -> bool {
        self.versions.iter().any(|v| v == version)
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MatrixCell {
    pub host: String,
    pub guest: String,
    pub supported: bool,
    pub confidence: Confidence,
    pub source: String,
    #[serde(default)]
    pub note: Option<Localized>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Matrix {
    pub hosts: Vec<String>,
    pub guests: Vec<String>,
    pub cell: Vec<MatrixCell>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AzureLocalMethod {
    pub method: String,
    pub name: Localized,
    pub guests: Vec<String>,
    pub confidence: Confidence,
    pub source: String,
    #[serde(default)]
    pub note: Option<Localized>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fact {
    pub id: String,
    pub confidence: Confidence,
    pub source: String,
    pub text: Localized,
}

impl Fact {
    pub fn text(&self) -> &Localized {
        &self.text
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LicenseStatus {
    pub value: u32,
    pub name: String,
    /// slmgr's English wording (what the readers see in English output).
    pub slmgr: String,
    /// The status as Windows words it in each language (`en` is slmgr's wording).
    pub text: Localized,
    pub confidence: Confidence,
    pub source: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChannelToken {
    pub token: String,
    pub kind: String,
    pub text: Localized,
    pub confidence: Confidence,
    pub source: String,
    #[serde(default)]
    pub note: Option<Localized>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ErrorCode {
    /// `0xC004FD02` for HRESULTs; a decimal number for DISM exit codes.
    pub code: String,
    /// `hresult` (default) or `dism-exit`.
    #[serde(default = "default_error_kind")]
    pub kind: String,
    #[serde(default)]
    pub symbol: Option<String>,
    /// Microsoft's exact English message.
    pub message: String,
    pub meaning: Localized,
    pub fix: Localized,
    pub confidence: Confidence,
    pub source: String,
    #[serde(default)]
    pub note: Option<Localized>,
}

fn default_error_kind() -> String {
    "hresult".to_string()
}

impl ErrorCode {
    /// The numeric value: the HRESULT as u32, or the DISM exit code.
    pub fn value(&self) -> Option<u32> {
        if self.kind == "dism-exit" {
            self.code.parse().ok()
        } else {
            let hex = self.code.trim_start_matches("0x").trim_start_matches("0X");
            u32::from_str_radix(hex, 16).ok()
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Event {
    pub id: u32,
    pub provider: String,
    pub provider_confidence: Confidence,
    pub log: String,
    pub role: String,
    #[serde(default)]
    pub qualifiers: Option<u32>,
    pub text: Localized,
    pub confidence: Confidence,
    pub source: String,
    #[serde(default)]
    pub note: Option<Localized>,
}

impl Event {
    pub fn text(&self) -> &Localized {
        &self.text
    }
}

/// The role an edition of a version can take in AVMA (`[[avma_role]]`, from Microsoft's editions
/// comparison): `host` is `yes`, `no` or `nested`; `guest` is `yes` or `no`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AvmaRole {
    pub version: String,
    pub family: String,
    pub host: String,
    pub guest: String,
    pub confidence: Confidence,
    pub source: String,
    /// The `[[fact]]` that states it, for citing.
    pub fact: String,
}

/// The whole catalog, as parsed from `catalog/catalog.toml`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Catalog {
    pub schema: u32,
    pub reviewed: String,
    #[serde(rename = "source")]
    pub sources: Vec<Source>,
    #[serde(rename = "version")]
    pub versions: Vec<Version>,
    #[serde(rename = "family")]
    pub families: Vec<Family>,
    #[serde(rename = "edition")]
    pub editions: Vec<Edition>,
    #[serde(rename = "key")]
    pub keys: Vec<Key>,
    pub matrix: Matrix,
    pub azure_local: Vec<AzureLocalMethod>,
    #[serde(rename = "fact")]
    pub facts: Vec<Fact>,
    pub license_status: Vec<LicenseStatus>,
    #[serde(rename = "channel")]
    pub channels: Vec<ChannelToken>,
    #[serde(rename = "error")]
    pub errors: Vec<ErrorCode>,
    #[serde(rename = "event")]
    pub events: Vec<Event>,
    #[serde(rename = "avma_role", default)]
    pub avma_roles: Vec<AvmaRole>,
    #[serde(skip)]
    index: Index,
}

#[derive(Debug, Clone, Default)]
struct Index {
    key: HashMap<String, usize>,
    last5: HashMap<String, Vec<usize>>,
    version: HashMap<String, usize>,
    edition: HashMap<String, usize>,
}

/// The catalog text embedded in the binary.
pub const CATALOG_TOML: &str = include_str!("../../../catalog/catalog.toml");

/// The note of a catalog entry in a language (English when no translation exists).
pub fn note_in(note: &Option<Localized>, lang: Lang) -> Option<&str> {
    note.as_ref().map(|n| n.get(lang))
}

/// What the matrix says about one host version activating one guest version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HostGuestVerdict {
    pub supported: bool,
    pub confidence: Confidence,
    pub source: String,
    pub note: Option<Localized>,
    /// True when the verdict was derived by build order (SAC releases), not read from a cell.
    pub by_build: bool,
}

impl Catalog {
    /// Parse a catalog from TOML text and build its indexes.
    pub fn from_toml(text: &str) -> Result<Catalog, String> {
        let mut cat: Catalog = toml::from_str(text).map_err(|e| e.to_string())?;
        cat.build_index();
        Ok(cat)
    }

    /// The catalog embedded in this binary.
    pub fn builtin() -> &'static Catalog {
        static CAT: OnceLock<Catalog> = OnceLock::new();
        CAT.get_or_init(|| {
            // The embedded file is validated by the catalog tests; failing here is a build defect.
            Catalog::from_toml(CATALOG_TOML).expect("embedded catalog/catalog.toml is valid")
        })
    }

    fn build_index(&mut self) {
        let mut ix = Index::default();
        for (i, k) in self.keys.iter().enumerate() {
            ix.key.insert(k.key.clone(), i);
            ix.last5.entry(k.last5().to_string()).or_default().push(i);
        }
        for (i, v) in self.versions.iter().enumerate() {
            ix.version.insert(v.id.clone(), i);
        }
        for (i, e) in self.editions.iter().enumerate() {
            ix.edition.insert(e.id.to_ascii_lowercase(), i);
        }
        self.index = ix;
    }

    pub fn source(&self, id: &str) -> Option<&Source> {
        self.sources.iter().find(|s| s.id == id)
    }

    /// The URL of a source id; an empty string if unknown (the tests forbid unknown ids).
    pub fn source_url(&self, id: &str) -> &str {
        self.source(id).map(|s| s.url.as_str()).unwrap_or("")
    }

    pub fn version(&self, id: &str) -> Option<&Version> {
        self.index.version.get(id).map(|&i| &self.versions[i])
    }

    /// A version as people write it: "2019", "2012 R2", "Windows Server 2022", "WS2022",
    /// "ws-2025", or a build such as "17763".
    pub fn version_named(&self, s: &str) -> Option<&Version> {
        let norm: String = s
            .to_ascii_lowercase()
            .replace("windows", "")
            .replace("server", "")
            .replace("ws", "")
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '-')
            .collect();
        self.version(&norm).or_else(|| {
            norm.parse::<u32>()
                .ok()
                .filter(|b| *b > 6000)
                .and_then(|b| self.version_by_build(b))
        })
    }

    /// The version a build number belongs to; LTSC wins when a SAC release shares the build.
    pub fn version_by_build(&self, build: u32) -> Option<&Version> {
        self.versions
            .iter()
            .filter(|v| v.build == build)
            .min_by_key(|v| (v.channel != ReleaseChannel::Ltsc, v.order))
    }

    pub fn family(&self, id: &str) -> Option<&Family> {
        self.families.iter().find(|f| f.id == id)
    }

    /// An edition by EditionID, case-insensitively.
    pub fn edition(&self, id: &str) -> Option<&Edition> {
        self.index
            .edition
            .get(&id.to_ascii_lowercase())
            .map(|&i| &self.editions[i])
    }

    /// The family of an edition (every edition's family exists: tested).
    pub fn edition_family(&self, e: &Edition) -> Option<&Family> {
        self.family(&e.family)
    }

    /// The retail (non-evaluation) edition of a family with the given installation option.
    pub fn retail_edition(&self, family: &str, core: bool) -> Option<&Edition> {
        self.editions
            .iter()
            .find(|e| e.family == family && e.core == core && !e.eval)
    }

    pub fn fact(&self, id: &str) -> Option<&Fact> {
        self.facts.iter().find(|f| f.id == id)
    }

    /// A catalog key by its exact normalized text.
    pub fn key(&self, key: &ProductKey) -> Option<&Key> {
        self.index.key.get(key.as_str()).map(|&i| &self.keys[i])
    }

    /// Catalog keys whose last five characters match (normally zero or one: tested unique).
    pub fn keys_by_last5(&self, last5: &str) -> Vec<&Key> {
        let up = last5.to_ascii_uppercase();
        self.index
            .last5
            .get(&up)
            .map(|v| v.iter().map(|&i| &self.keys[i]).collect())
            .unwrap_or_default()
    }

    /// The key of a kind for a version and family, if one is published.
    pub fn key_for(&self, kind: KeyKind, version: &str, family: &str) -> Option<&Key> {
        self.keys
            .iter()
            .find(|k| k.kind == kind && k.family == family && k.serves(version))
    }

    pub fn keys_of(&self, kind: KeyKind) -> impl Iterator<Item = &Key> {
        self.keys.iter().filter(move |k| k.kind == kind)
    }

    /// The error entry for an HRESULT value.
    pub fn error_by_value(&self, value: u32) -> Option<&ErrorCode> {
        self.errors
            .iter()
            .find(|e| e.kind == "hresult" && e.value() == Some(value))
    }

    /// The error entry for a DISM exit code.
    pub fn dism_exit(&self, value: u32) -> Option<&ErrorCode> {
        self.errors
            .iter()
            .find(|e| e.kind == "dism-exit" && e.value() == Some(value))
    }

    /// Events with this id (an id can exist under several providers).
    pub fn events_by_id(&self, id: u32) -> Vec<&Event> {
        self.events.iter().filter(|e| e.id == id).collect()
    }

    /// The AVMA role of a version's edition family, where Microsoft's editions table gives it.
    pub fn avma_role(&self, version: &str, family: &str) -> Option<&AvmaRole> {
        self.avma_roles
            .iter()
            .find(|r| r.version == version && r.family == family)
    }

    pub fn license_status(&self, value: u32) -> Option<&LicenseStatus> {
        self.license_status.iter().find(|s| s.value == value)
    }

    /// The channel named by a token found in a Description text. The longest token wins, so
    /// `VOLUME_KMSCLIENT` is not taken for the KMS host token `VOLUME_KMS`.
    pub fn channel_in(&self, description: &str) -> Option<&ChannelToken> {
        self.channels
            .iter()
            .filter(|c| description.contains(c.token.as_str()))
            .max_by_key(|c| c.token.len())
    }

    /// Can an activated Datacenter host of `host` version activate a guest of `guest` version?
    /// LTSC pairs come from the matrix; SAC releases are placed by build (unverified).
    pub fn host_can_activate(&self, host: &str, guest: &str) -> Option<HostGuestVerdict> {
        if let Some(c) = self
            .matrix
            .cell
            .iter()
            .find(|c| c.host == host && c.guest == guest)
        {
            return Some(HostGuestVerdict {
                supported: c.supported,
                confidence: c.confidence,
                source: c.source.clone(),
                note: c.note.clone(),
                by_build: false,
            });
        }
        let h = self.version(host)?;
        let g = self.version(guest)?;
        if !g.avma_guest {
            return Some(HostGuestVerdict {
                supported: false,
                confidence: Confidence::Corroborated,
                source: "askcore-2013".into(),
                note: None,
                by_build: false,
            });
        }
        Some(HostGuestVerdict {
            supported: h.build >= g.build
                && h.order >= self.version("2012r2").map_or(0, |v| v.order),
            confidence: Confidence::Unverified,
            source: "avma-notes".into(),
            note: self.fact("sac-by-build").map(|f| f.text.clone()),
            by_build: true,
        })
    }

    /// Every text of the catalog in several languages, each named by where it is
    /// (`fact sac-by-build`, `edition ServerStandard name`, ...): for the translation tests.
    pub fn texts(&self) -> Vec<(String, &Localized)> {
        fn note(what: String, n: &Option<Localized>) -> Option<(String, &Localized)> {
            n.as_ref().map(|n| (what, n))
        }
        let mut out: Vec<(String, &Localized)> = Vec::new();
        let mut notes = Vec::new();
        for v in &self.versions {
            notes.extend(note(format!("version {} note", v.id), &v.note));
        }
        for f in &self.families {
            out.push((format!("family {} name", f.id), &f.name));
        }
        for e in &self.editions {
            out.push((format!("edition {} name", e.id), &e.name));
        }
        for k in &self.keys {
            notes.extend(note(format!("key {} note", k.last5()), &k.note));
        }
        for c in &self.matrix.cell {
            notes.extend(note(format!("matrix {}/{} note", c.host, c.guest), &c.note));
        }
        for a in &self.azure_local {
            out.push((format!("azure_local {} name", a.method), &a.name));
            notes.extend(note(format!("azure_local {} note", a.method), &a.note));
        }
        for f in &self.facts {
            out.push((format!("fact {}", f.id), &f.text));
        }
        for l in &self.license_status {
            out.push((format!("license_status {}", l.value), &l.text));
        }
        for c in &self.channels {
            out.push((format!("channel {}", c.token), &c.text));
            notes.extend(note(format!("channel {} note", c.token), &c.note));
        }
        for e in &self.errors {
            out.push((format!("error {} meaning", e.code), &e.meaning));
            out.push((format!("error {} fix", e.code), &e.fix));
            notes.extend(note(format!("error {} note", e.code), &e.note));
        }
        for e in &self.events {
            out.push((format!("event {} {}", e.provider, e.id), &e.text));
            notes.extend(note(format!("event {} {} note", e.provider, e.id), &e.note));
        }
        out.extend(notes);
        out
    }

    /// The LTSC version whose AVMA keys this version uses (itself for LTSC).
    pub fn key_generation<'a>(&'a self, version: &'a Version) -> &'a str {
        version.key_generation.as_deref().unwrap_or(&version.id)
    }

    /// Versions sorted by release order.
    pub fn versions_sorted(&self) -> Vec<&Version> {
        let mut v: Vec<&Version> = self.versions.iter().collect();
        v.sort_by_key(|v| v.order);
        v
    }
}
