//! Small value recognizers shared by the readers: they work on values, which are not
//! translated, so that a reader needs no label in an unknown language.

use std::sync::OnceLock;

use regex::Regex;

pub(crate) fn re(cell: &'static OnceLock<Regex>, pat: &str) -> &'static Regex {
    cell.get_or_init(|| Regex::new(pat).expect("static pattern"))
}

/// Every HRESULT-looking `0x` + 8 hex digits in a text (`hr=0x800704CF`, `0xC004F069`).
pub fn hresults(text: &str) -> Vec<u32> {
    static R: OnceLock<Regex> = OnceLock::new();
    re(&R, r"(?i)\b0x([0-9a-f]{8})\b")
        .captures_iter(text)
        .filter_map(|c| u32::from_str_radix(&c[1], 16).ok())
        .collect()
}

/// Every GUID in a text, lower-cased, without braces.
pub fn guids(text: &str) -> Vec<String> {
    static R: OnceLock<Regex> = OnceLock::new();
    re(
        &R,
        r"(?i)\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b",
    )
    .find_iter(text)
    .map(|m| m.as_str().to_ascii_lowercase())
    .collect()
}

/// The EditionID in "Windows(R), ServerStandard edition" (any language keeps this value), also
/// when Format-Table cut the name after the EditionID (`Windows(R), ServerStandard e...`); a name
/// cut inside the EditionID (`Windows(R), ServerSta...`) has none.
pub fn edition_in_name(name: &str) -> Option<String> {
    static R: OnceLock<Regex> = OnceLock::new();
    re(
        &R,
        r"Windows(?:\(R\))?(?: Server(?:\(R\))?)?(?: \d+(?:\.\d+)?)?,\s*([A-Za-z]+)\s+(?:edition\b|(?:e(?:d(?:i(?:t(?:io?)?)?)?)?)?(?:\.\.\.|…))",
    )
    .captures(name)
    .map(|c| c[1].to_string())
}

/// A five-character partial product key (never a redaction placeholder such as `XXXXX`).
pub fn is_partial_key(v: &str) -> bool {
    !is_placeholder(v)
        && v.len() == 5
        && v.chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
        && v.chars().any(|c| c.is_ascii_uppercase())
}

/// What people type when they redact a value before pasting: `<REDACTED>`, `<redacted_guid>`,
/// `[hidden]`, `*****`, `xxxxx`, `XXXXX-XXXXX-...`, `REDACTED`. Never a value.
pub fn is_placeholder(v: &str) -> bool {
    let t = v.trim();
    if t.is_empty() {
        return false;
    }
    let lower = t.to_ascii_lowercase();
    if (t.starts_with('<') && t.ends_with('>')) || (t.starts_with('[') && t.ends_with(']')) {
        return true;
    }
    if lower.contains("redacted") || lower.contains("removed") || lower == "hidden" {
        return true;
    }
    let core: String = t
        .chars()
        .filter(|c| !matches!(c, '-' | ' ' | '.'))
        .collect();
    core.len() >= 3
        && (core.chars().all(|c| c == '*' || c == '#' || c == '?')
            || core.chars().all(|c| c == 'x' || c == 'X'))
}

/// The build in an Extended PID (`03612-03858-000-000000-03-1033-17763.0000-2712025`).
pub fn build_in_extended_pid(v: &str) -> Option<u32> {
    static R: OnceLock<Regex> = OnceLock::new();
    let c = re(
        &R,
        r"\b\d{5}-\d{5}-\d{3}-\d{6}-\d{2}-\d{4,5}-(\d{4,5})\.\d{4}-\d{7}\b",
    )
    .captures(v)?;
    c[1].parse().ok().filter(|b| *b >= 7600)
}

/// A KMS host as `name:port` (`kms01.example.test:1688`).
pub fn kms_host(v: &str) -> Option<&str> {
    static R: OnceLock<Regex> = OnceLock::new();
    let t = v.trim().trim_end_matches('.');
    re(
        &R,
        r"^[A-Za-z0-9][A-Za-z0-9.-]*[A-Za-z][A-Za-z0-9.-]*:\d{1,5}$",
    )
    .is_match(t)
    .then_some(t)
}

/// Every language tag a reader may give an input (`ReadResult::language`): the user interface
/// names each in its own language (`input-language` in the message catalog).
pub const LANGUAGES: &[&str] = &[
    "en", "ja", "zh", "ko", "ru", "de", "fr", "es", "it", "pt", "nl", "pl", "tr", "sv", "unknown",
];

/// The characters of the scripts that decide a language alone (kana, Hangul, Han, Cyrillic).
#[derive(Default)]
struct Scripts {
    kana: u32,
    han: u32,
    hangul: u32,
    cyr: u32,
}

impl Scripts {
    fn count(&mut self, line: &str) {
        for c in line.chars() {
            match c {
                '\u{3040}'..='\u{30ff}' | '\u{31f0}'..='\u{31ff}' | '\u{ff66}'..='\u{ff9f}' => {
                    self.kana += 1
                }
                '\u{4e00}'..='\u{9fff}' | '\u{3400}'..='\u{4dbf}' => self.han += 1,
                '\u{ac00}'..='\u{d7af}' => self.hangul += 1,
                '\u{0400}'..='\u{04ff}' => self.cyr += 1,
                _ => {}
            }
        }
    }

    /// Kana decide Japanese (whatever Han stands beside them), then Hangul Korean, Han alone
    /// Chinese, Cyrillic Russian.
    fn language(&self) -> Option<&'static str> {
        [
            (self.kana, "ja"),
            (self.hangul, "ko"),
            (self.han, "zh"),
            (self.cyr, "ru"),
        ]
        .into_iter()
        .find(|(n, _)| *n > 0)
        .map(|(_, tag)| tag)
    }
}

/// The language of a text's labels, from its characters and a few label words: kana decide
/// Japanese; Han without kana is Chinese; Hangul Korean; Cyrillic Russian. German, French,
/// Spanish, Italian, Portuguese, Dutch, Polish, Turkish and Swedish are decided by the evidence's labels first (the part before
/// the colon of `label: value` lines, where slmgr and DISM print their words: the language with
/// the most such lines, none when two have as many), against the English labels seen there; then, when no label says, by the prose's words (never by one word,
/// never by a letter: `Brückner` in a signature or a British `licence` is no German or French),
/// which must outnumber the English prose words. `None` when nothing says (English or unknown:
/// the caller knows which).
pub fn language_of<'a>(lines: impl IntoIterator<Item = &'a str>) -> Option<&'static str> {
    let mut scripts = Scripts::default();
    // Label lines holding each language's words; English labels; distinct prose words.
    let mut labels = [0u32; LANGS];
    let mut english_labels = 0u32;
    let mut prose: [Vec<&'static str>; LANGS] = Default::default();
    let mut english_prose = 0u32;
    for (i, l) in lines.into_iter().enumerate() {
        if i > 5000 {
            break;
        }
        scripts.count(l);
        let low = l.to_lowercase();
        // A label: a short text before the first colon, with a value or a block after it.
        let label = label_value(&low).map(|(k, _)| k).filter(|k| {
            // A label starts with a letter: `29.11.2026 06:31:17 ...` is a time stamp, not one.
            k.chars().next().is_some_and(char::is_alphabetic)
                && k.chars().count() <= 48
                && k.split_whitespace().count() <= 6
        });
        if let Some(k) = label {
            let mut any = false;
            // The label with its colon, so that `nombre:` and `fehler:` match.
            let with_colon = format!("{k}:");
            for (li, words) in LATIN_WORDS.iter().enumerate() {
                if words.iter().any(|w| with_colon.contains(w)) {
                    labels[li] += 1;
                    any = true;
                }
            }
            // A PowerShell property (`LicenseStatus       :`, never translated) is no English.
            let before = l.split_once(':').map_or("", |(b, _)| b);
            let property = !k.contains(char::is_whitespace)
                && k.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
                && before.ends_with(' ');
            if !any && !property && ENGLISH_LABEL_WORDS.iter().any(|w| k.contains(w)) {
                english_labels += 1;
            }
            continue;
        }
        for (li, words) in LATIN_WORDS.iter().enumerate() {
            for w in words.iter().filter(|w| w.chars().count() > 1) {
                if low.contains(w) && !prose[li].contains(w) {
                    prose[li].push(w);
                }
            }
        }
        english_prose += low
            .split(|c: char| !c.is_alphanumeric() && c != '\'')
            .filter(|w| ENGLISH_PROSE_WORDS.contains(w))
            .count() as u32;
    }
    if let Some(tag) = scripts.language() {
        return Some(tag);
    }
    let best = |counts: &[u32; LANGS]| -> (usize, u32, bool) {
        let (i, n) = counts
            .iter()
            .enumerate()
            .max_by_key(|(i, n)| (**n, std::cmp::Reverse(*i)))
            .map(|(i, n)| (i, *n))
            .unwrap_or((0, 0));
        let tie = counts.iter().enumerate().any(|(j, m)| j != i && *m == n);
        (i, n, tie)
    };
    let (li, ln, tie) = best(&labels);
    if ln > 0 {
        // Two languages with as many label lines: the words they share decide nothing.
        return (ln > english_labels && !tie).then_some(TAGS[li]);
    }
    if english_labels > 0 {
        return None;
    }
    let counts: [u32; LANGS] = std::array::from_fn(|i| prose[i].len() as u32);
    let (pi, pn, tie) = best(&counts);
    ((pn >= 2 || (pn == 1 && english_prose == 0)) && !tie && pn > english_prose).then_some(TAGS[pi])
}

/// The language of a whole input, when its readers did not say: the words it is localized in
/// ([`language_of`]'s labels and prose), where the values of PowerShell's property labels
/// (`Name      : Austausch von Schlüsselwertpaaren`; property names are never translated) count
/// as its words; else English when at least three distinct English words of prose or of Windows'
/// messages stand in it (`Automatic VM Activation: the host activated ...`). Never from one
/// word: a prose language needs two of its words, more than the English ones. Kana decide
/// Japanese, Han alone Chinese. `None` when nothing decides (unknown).
pub fn text_language<'a>(lines: impl IntoIterator<Item = &'a str>) -> Option<&'static str> {
    let mut scripts = Scripts::default();
    let mut labels = [0u32; LANGS];
    let mut english_labels = 0u32;
    let mut prose: [Vec<&'static str>; LANGS] = Default::default();
    let mut english: Vec<&'static str> = Vec::new();
    for (i, l) in lines.into_iter().enumerate() {
        if i > 5000 {
            break;
        }
        scripts.count(l);
        let low = l.to_lowercase();
        let mut text: &str = &low;
        let label = label_value(&low)
            .filter(|(k, v)| {
                // A sentence that introduces what follows (`the node's licence after the
                // reboot:`) is prose, not a label: its English words count as English.
                let english_words = k
                    .split(|c: char| !c.is_alphanumeric() && c != '\'')
                    .filter(|w| ENGLISH_PROSE_WORDS.contains(w))
                    .count();
                !(v.trim().is_empty() && english_words > 0 && k.split_whitespace().count() >= 3)
            })
            .map(|(k, _)| k)
            .filter(|k| {
                k.chars().next().is_some_and(char::is_alphabetic)
                    && k.chars().count() <= 48
                    && k.split_whitespace().count() <= 6
            });
        if let Some(k) = label {
            // A PowerShell property (one identifier, padded before its colon) is no word of
            // any language; its value is the text.
            let before = l.split_once(':').map_or("", |(b, _)| b);
            let property = !k.contains(char::is_whitespace)
                && k.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
                && (before.ends_with(' ')
                    || before.chars().skip(1).any(|c| c.is_ascii_uppercase()));
            if !property {
                let with_colon = format!("{k}:");
                let mut any = false;
                for (li, words) in LATIN_WORDS.iter().enumerate() {
                    if words.iter().any(|w| with_colon.contains(w)) {
                        labels[li] += 1;
                        any = true;
                    }
                }
                if !any && ENGLISH_LABEL_WORDS.iter().any(|w| k.contains(w)) {
                    english_labels += 1;
                    any = true;
                }
                // A colon in a sentence (`Automatic VM Activation: the host ...`) that is no
                // known label: the line is prose.
                if any {
                    continue;
                }
            } else {
                text = low.split_once(':').map_or("", |(_, v)| v);
            }
        }
        for (li, words) in LATIN_WORDS.iter().chain(VALUE_WORDS.iter()).enumerate() {
            let li = li % LANGS;
            for w in words.iter().filter(|w| w.chars().count() > 1) {
                if text.contains(w) && !prose[li].contains(w) {
                    prose[li].push(w);
                }
            }
        }
        // A token (`VIRTUAL_MACHINE_ACTIVATION`, `AutoActivate`) is no word of prose.
        let words = text
            .split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '_')
            .filter(|w| !w.contains('_'));
        for w in words {
            // A writer's own words (Spanish or Portuguese prose around English output).
            for (li, list) in PROSE_WORDS.iter().enumerate() {
                if let Some(p) = list.iter().find(|p| **p == w) {
                    if !prose[li].contains(p) {
                        prose[li].push(p);
                    }
                }
            }
            if let Some(e) = ENGLISH_PROSE_WORDS
                .iter()
                .chain(ENGLISH_MESSAGE_WORDS)
                .find(|e| **e == w)
            {
                if !english.contains(e) {
                    english.push(e);
                }
            }
        }
    }
    if let Some(tag) = scripts.language() {
        return Some(tag);
    }
    let top = |counts: &[u32; LANGS]| -> Option<(usize, u32)> {
        let n = *counts.iter().max()?;
        let at = counts.iter().position(|c| *c == n)?;
        (counts.iter().filter(|c| **c == n).count() == 1).then_some((at, n))
    };
    if let Some((li, n)) = top(&labels).filter(|(_, n)| *n > 0) {
        if n > english_labels {
            return Some(TAGS[li]);
        }
    }
    if english_labels > 0 && labels.iter().all(|n| *n < english_labels) {
        return Some("en");
    }
    let counts: [u32; LANGS] = std::array::from_fn(|i| prose[i].len() as u32);
    let english = english.len() as u32;
    if let Some((li, n)) = top(&counts).filter(|(_, n)| *n >= 2) {
        if n > english {
            return Some(TAGS[li]);
        }
    }
    (english >= 3).then_some("en")
}

/// The Latin-script languages told apart by their words, in the order of [`LATIN_WORDS`].
const TAGS: [&str; LANGS] = ["de", "fr", "es", "it", "pt", "nl", "pl", "tr", "sv"];
const LANGS: usize = 9;

/// Display values Windows shows in the console's language, as words of their languages (the
/// integration services' names of Get-VMIntegrationService, levels of events): in the order of
/// [`LATIN_WORDS`]. UNVERIFIED beyond German; used only to name a file's language.
const VALUE_WORDS: [&[&str]; LANGS] = [
    &[
        "gastdienst",
        "schlüsselwert",
        "herunterfahren",
        "zeitsynchronisierung",
        "datenaustausch",
        "informationen",
        "warnung",
        "deaktiviert",
        "nicht verfügbar",
    ],
    &[
        "échange de données",
        "arrêt",
        "synchronisation",
        "pulsation",
        "avertissement",
        "désactivé",
    ],
    &[
        "intercambio de datos",
        "apagado",
        "latido",
        "sincronización",
        "advertencia",
        "deshabilitado",
    ],
    &[
        "scambio di dati",
        "arresto",
        "sincronizzazione",
        "avviso",
        "disabilitato",
        "nodi",
        "ancora",
    ],
    &[
        "troca de dados",
        "desligamento",
        "sincronização",
        "pulsação",
        "aviso",
        "desabilitado",
    ],
    &[
        "gegevensuitwisseling",
        "afsluiten",
        "waarschuwing",
        "uitgeschakeld",
    ],
    &["wymiana danych", "zamknięcie", "ostrzeżenie", "wyłączon"],
    &["veri değişimi", "kapatma", "uyarı", "devre dışı"],
    &["datautbyte", "avstängning", "varning", "inaktiverad"],
];

/// Common words of a writer's prose (greetings, sign-offs, function words of a chat or a mail),
/// whole words, in the order of [`LATIN_WORDS`]: none is a word of English or of another list
/// (`para`, `está`, `que`, `os`, `una` are left out: two of the languages share them). Ordinary
/// words of the languages, not Windows' strings; only Spanish and Portuguese so far.
const PROSE_WORDS: [&[&str]; LANGS] = [
    &[],
    &[],
    &[
        "hola",
        "buenos",
        "buenas",
        "días",
        "gracias",
        "saludos",
        "adjunto",
        "salida",
        "esto",
        "también",
        "pero",
        "porque",
        "ahora",
        "máquina",
        "vale",
        "perfecto",
        "el",
        "los",
        "las",
        "entonces",
        "ejecutado",
        "sí",
        "mañana",
        "revisarlo",
        "tenemos",
        "sale",
    ],
    &[],
    &[
        "olá",
        "bom",
        "boa",
        "dia",
        "segue",
        "saída",
        "obrigado",
        "obrigada",
        "atenciosamente",
        "abraço",
        "abraços",
        "você",
        "vocês",
        "também",
        "então",
        "isto",
        "isso",
        "não",
        "ficou",
        "equipe",
        "qualquer",
        "dúvida",
        "disposição",
        "pelo",
        "pela",
        "uma",
        "estou",
    ],
    &[],
    &[],
    &[],
    &[],
];

/// English words of Windows' own messages (event descriptions, slmgr's sentences), whole words.
const ENGLISH_MESSAGE_WORDS: &[&str] = &[
    "activated",
    "activation",
    "automatic",
    "virtual",
    "machine",
    "host",
    "failed",
    "following",
    "could",
    "did",
    "match",
    "denied",
    "invalid",
    "successfully",
    "completed",
    "operation",
    "notification",
    "licensed",
    "error",
    "code",
    "arguments",
];

/// Words slmgr, DISM and Event Viewer print in German, French, Spanish, Italian, Portuguese, Dutch,
/// Polish, Turkish and Swedish
/// (lower case; single letters count only inside a label).
const LATIN_WORDS: [&[&str]; LANGS] = [
    &[
        "lizenz",
        "beschreibung",
        "aktivierung",
        "abbildversion",
        "vorgang",
        "erfolgreich",
        "fehler:",
        "aktuelle edition",
        "zieledition",
        "bereitstellung",
        "benachrichtigung",
        "teilweiser",
        "befindet sich",
        "ä",
        "ö",
        "ü",
        "ß",
    ],
    &[
        "licence",
        "édition",
        "opération",
        "réussi",
        "erreur",
        "déploiement",
        "cible",
        "version de l'image",
        "é",
        "è",
    ],
    &[
        "descripción",
        "licencia",
        "nombre:",
        "clave de producto",
        "operación",
        "correctamente",
        "expiración",
        "ñ",
        "ó",
        "í",
        "á",
    ],
    &[
        "descrizione",
        "licenza",
        "chiave",
        "attivazione",
        "operazione completata",
        "edizione",
        "versione dell'immagine",
        "versione immagine",
        "errore",
        "aggiornamento",
        "installazione",
        "riavviare",
    ],
    &[
        "descrição",
        "licença",
        "chave do produto",
        "ativação",
        "operação",
        "concluída",
        "edição",
        "notificação",
        "ã",
        "õ",
        "ç",
    ],
    // Dutch, Polish, Turkish and Swedish (UNVERIFIED: no public source of their slmgr or DISM
    // strings was read; words an admin's paste of them holds, none shared with another list
    // but single letters).
    &[
        "beschrijving",
        "naam:",
        "licentie",
        "gedeeltelijke",
        "productcode",
        "resterende",
        "respijt",
        "bewerking",
        "voltooid",
        "huidige editie",
        "melding",
    ],
    &[
        "nazwa:",
        "opis:",
        "licencj",
        "częściowy",
        "klucz produktu",
        "powiadomieni",
        "pozostał",
        "operacja",
        "zakończon",
        "ą",
        "ę",
        "ł",
        "ż",
        "ś",
    ],
    &[
        "açıklama",
        "lisans",
        "kısmi",
        "ürün anahtar",
        "durumu",
        "bildirim",
        "kalan süre",
        "işlem",
        "ı",
        "ş",
        "ğ",
    ],
    &[
        "namn:",
        "beskrivning",
        "licensstatus",
        "licensierad",
        "partiell",
        "produktnyckel",
        "meddelande",
        "återstående",
        "åtgärden",
        "å",
    ],
];

/// Words of slmgr's, DISM's and PowerShell's English labels (lower case).
const ENGLISH_LABEL_WORDS: &[&str] = &[
    "description",
    "license status",
    "partial product key",
    "product key channel",
    "activation id",
    "application id",
    "extended pid",
    "image version",
    "current edition",
    "notification reason",
    "licensestatus",
    "partialproductkey",
    "error",
    "machine name",
    "expiration",
];

/// Common English words of prose (lower case, whole words).
const ENGLISH_PROSE_WORDS: &[&str] = &[
    "the", "and", "is", "are", "you", "we", "our", "this", "that", "with", "not", "can", "please",
    "thanks", "here", "on", "of", "to", "it", "my", "see", "below", "run",
];

/// Days from minutes as slmgr.vbs's `GetDaysFromMins` counts them: it adds a day's minutes less
/// one, then truncates (a ceiling: 10020 minutes are 7 days, 20880 minutes, 14.5 days, are 15, and
/// 20161 are 15 too). The one helper for slmgr's text and CIM's `GracePeriodRemaining`.
pub fn days_from_minutes(minutes: u64) -> u64 {
    minutes.div_ceil(1440)
}

/// "259200 minute(s) (180 day(s))" in any language: two numbers where the second is the first
/// in days. Returns the minutes.
pub fn minutes_and_days(v: &str) -> Option<u64> {
    minutes_and_days_printed(v).map(|(m, _)| m)
}

/// The same, with the day count as printed.
pub fn minutes_and_days_printed(v: &str) -> Option<(u64, u64)> {
    static R: OnceLock<Regex> = OnceLock::new();
    let c = re(&R, r"(\d+)\D+?(\d+)").captures(v)?;
    let m: u64 = c[1].parse().ok()?;
    let d: u64 = c[2].parse().ok()?;
    let days = m / 1440;
    (d == days || d == days + 1 || (!m.is_multiple_of(1440) && d == days_from_minutes(m)))
        .then_some((m, d))
}

/// A dotted Windows version `10.0.17763.379` → the build (17763).
pub fn build_of(v: &str) -> Option<u32> {
    static R: OnceLock<Regex> = OnceLock::new();
    let c = re(&R, r"\b(?:6|10)\.\d+\.(\d{4,5})(?:\.\d+)?\b").captures(v)?;
    c[1].parse().ok()
}

/// Split `label: value` on the first ASCII or full-width colon. Labels may be indented.
pub fn label_value(line: &str) -> Option<(&str, &str)> {
    let idx = line
        .char_indices()
        .find(|&(_, c)| c == ':' || c == '：')
        .map(|(i, c)| (i, c.len_utf8()))?;
    let (i, w) = idx;
    Some((line[..i].trim(), line[i + w..].trim()))
}

/// CIM JSON dates: `/Date(1234567890000)/` (PowerShell 5.1) or ISO 8601 (PowerShell 7). The
/// 1601-01-01 FILETIME epoch means "not set": None.
pub fn cim_date(v: &str) -> Option<String> {
    let v = v.trim();
    if v.is_empty() {
        return None;
    }
    if let Some(rest) = v.strip_prefix("/Date(") {
        // "/Date(-11644473600000)/" is 1601-01-01; offsets like "+0900" may follow the number.
        let digits: String = rest
            .chars()
            .enumerate()
            .take_while(|(i, c)| c.is_ascii_digit() || (*i == 0 && *c == '-'))
            .map(|(_, c)| c)
            .collect();
        let n: i64 = digits.parse().ok()?;
        let ts = jiff::Timestamp::from_millisecond(n).ok()?;
        if ts.to_string().starts_with("1601-") {
            return None;
        }
        return Some(ts.to_string());
    }
    if v.contains("1601") {
        return None;
    }
    Some(v.to_string())
}

/// The Windows Server version (catalog id) an OS caption names: `Microsoft Windows Server 2012 R2
/// Standard`, `Windows Server 2022 Datacenter`, `Microsoft Windows Server(R) 2019 ...`. None for
/// any other product, or a version the catalog does not hold.
pub fn version_in_caption(caption: &str, cat: &avma_core::Catalog) -> Option<String> {
    static RE: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let re = RE.get_or_init(|| {
        regex::Regex::new(r"(?i)\bwindows\s+server\s*(?:\(r\)|®)?\s*(\d{4})(\s*r2\b)?")
            .expect("static pattern")
    });
    let c = re.captures(caption)?;
    let name = format!("{}{}", &c[1], if c.get(2).is_some() { "r2" } else { "" });
    cat.version(&name).map(|v| v.id.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_whole_inputs_language_by_its_words() {
        let lang = |t: &str| text_language(t.lines());
        // Property labels say nothing; their German values do.
        assert_eq!(
            lang("Name    : Austausch von Schlüsselwertpaaren\nName    : Herunterfahren\nEnabled : False"),
            Some("de")
        );
        assert_eq!(lang("LicenseStatus : 1\nPartialProductKey : 3WQ6D"), None);
        // English from three distinct words, never from one.
        assert_eq!(
            lang("Automatic VM Activation: the host activated a virtual machine"),
            Some("en")
        );
        assert_eq!(lang("Status : Running\nthe"), None);
        // One Italian word is no Italian; two are.
        assert_eq!(lang("ancora"), None);
        assert_eq!(
            lang("il nodo è ancora a 2019, perde l'attivazione"),
            Some("it")
        );
        // Kana decide Japanese; Han alone is Chinese.
        assert_eq!(lang("状態 : 正常稼働中\nこれは日本語です"), Some("ja"));
        assert_eq!(lang("状态 : 正常运行"), Some("zh"));
        // A channel token is no English word.
        assert_eq!(
            lang("Description : VIRTUAL_MACHINE_ACTIVATION channel"),
            None
        );
    }

    #[test]
    fn recognizers() {
        assert_eq!(
            hresults("hr=0x800704CF and 0xc004f069"),
            [0x800704CF, 0xC004F069]
        );
        assert_eq!(
            edition_in_name("Windows(R), ServerDatacenter edition").as_deref(),
            Some("ServerDatacenter")
        );
        assert_eq!(
            edition_in_name("Windows Server(R), ServerEnterprise edition").as_deref(),
            Some("ServerEnterprise")
        );
        assert_eq!(
            edition_in_name("Windows(R), ServerStandard e...").as_deref(),
            Some("ServerStandard")
        );
        assert_eq!(edition_in_name("Windows(R), ServerSta..."), None);
        assert!(is_partial_key("6VM33") && !is_partial_key("12345") && !is_partial_key("abcde"));
        assert_eq!(
            minutes_and_days("259200 minute(s) (180 day(s))"),
            Some(259200)
        );
        assert_eq!(minutes_and_days("10080 分 (7 日)"), Some(10080));
        assert_eq!(minutes_and_days("1001"), None);
        assert_eq!(days_from_minutes(10020), 7);
        assert_eq!(days_from_minutes(20880), 15);
        assert_eq!(days_from_minutes(20160), 14);
        assert_eq!(days_from_minutes(20161), 15);
        assert_eq!(days_from_minutes(0), 0);
        assert_eq!(build_of("Image Version: 10.0.17763.379"), Some(17763));
        assert_eq!(build_of("6.3.9600.17031"), Some(9600));
        assert_eq!(
            label_value("    Host machine name: HV01"),
            Some(("Host machine name", "HV01"))
        );
        assert_eq!(
            label_value("説明：Windows(R) Operating System"),
            Some(("説明", "Windows(R) Operating System"))
        );
        assert_eq!(cim_date("/Date(-11644473600000)/"), None);
        assert_eq!(
            cim_date("/Date(1764547200000)/").as_deref(),
            Some("2025-12-01T00:00:00Z")
        );
        assert_eq!(cim_date("01.01.1601 01:00:00"), None);
    }

    #[test]
    fn latin_languages_by_their_words() {
        let de = [
            "Name: Windows(R), ServerStandard edition",
            "Beschreibung: Windows(R) Operating System, VOLUME_KMSCLIENT channel",
            "Lizenzstatus: Benachrichtigung",
        ];
        assert_eq!(language_of(de), Some("de"));
        let it = [
            "Descrizione: Windows(R) Operating System",
            "Stato licenza: Con licenza",
        ];
        assert_eq!(language_of(it), Some("it"));
        let pt = [
            "Descrição: Windows(R) Operating System",
            "Status da licença: Licenciado",
        ];
        assert_eq!(language_of(pt), Some("pt"));
        assert_eq!(language_of(["License Status: Licensed"]), None);
    }

    #[test]
    fn english_prose_with_a_foreign_word_or_name_is_not_foreign() {
        // A British "licence" (also French) and a German name in a signature: English labels.
        let mail = [
            "Subject: RE: host licence check",
            "From: Greta Müller <g.mueller@example.test>",
            "the node is fine, see below.",
            "Name: Windows(R), ServerDatacenter edition",
            "Description: Windows(R) Operating System, VOLUME_MAK channel",
            "License Status: Licensed",
        ];
        assert_eq!(language_of(mail), None);
        // Prose alone: one French word is not French; two German words of DISM's are German.
        assert_eq!(language_of(["Please check the licence on the node."]), None);
        assert_eq!(
            language_of(["Der Vorgang wurde erfolgreich beendet."]),
            Some("de")
        );
        // A label in German outvotes an English one.
        let de = [
            "Beschreibung: Windows(R) Operating System",
            "Lizenzstatus: Lizenziert",
            "Partial Product Key: 3V66T",
        ];
        assert_eq!(language_of(de), Some("de"));
    }
}
