//! `slmgr.vbs` output: `/dli`, `/dlv`, `/xpr`, `/ipk`, `/ato`, and error lines, with or without
//! the Windows Script Host banner, several products in one output.
//!
//! English labels are matched verbatim (they come from slmgr.vbs). For any other language the
//! reader relies on values, which slmgr never translates: "Windows(R), X edition" names, channel
//! tokens, GUIDs, five-character partial keys, HRESULTs, "N minute(s) (D day(s))" counts, and the
//! position of the AVMA host block. The language found is recorded.

use std::sync::OnceLock;

use regex::Regex;

use avma_core::key::find_keys;
use avma_core::text::Msg;
use avma_core::Catalog;

use crate::observe::{
    ArtifactKind, EditionSource, Expiry, ExpiryKind, Fact, ProductFacts, Provenance, ReadResult,
};
use crate::util::{
    build_in_extended_pid, build_of, edition_in_name, guids, hresults, is_partial_key,
    is_placeholder, kms_host, label_value, language_of, minutes_and_days_printed,
};

/// The labels of slmgr's AVMA client block in English.
const ENGLISH_AVMA_LABELS: &[&str] = &[
    "Guest IAID",
    "Host machine name",
    "Activation time",
    "Host Digital PID2",
];

const READER: &str = "slmgr";

/// Does this text look like slmgr output? (Used by the dispatcher.)
pub fn looks_like(lines: &[String]) -> bool {
    lines.iter().any(|l| {
        l.contains("Windows Script Host")
            || l.contains("Windows(R), ")
            || l.contains("_channel")
            || l.contains(" channel")
            || l.starts_with("Installed product key ")
            || l.contains("Automatic VM Activation")
            || l.contains("slmgr")
            || l.contains(" edition (")
            || activation_line(l).is_some()
            || is_key_not_found(l.trim())
    })
}

/// `Activating Windows(R), X edition (<Activation ID>) ...` in any language (the product name and
/// the GUID are never translated): the name and the Activation ID.
fn activation_line(line: &str) -> Option<(String, String)> {
    static R: OnceLock<Regex> = OnceLock::new();
    let c = line_re(
        &R,
        r"((?:Windows|Office)[^,]*,\s*\S+ edition)\s*[(（]\s*([0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12})\s*[)）]",
    )
    .captures(line)?;
    Some((c[1].to_string(), c[2].to_ascii_lowercase()))
}

/// slmgr's "Error: product key not found." (printed when no product has a key) in the languages
/// admins paste; the spaces around the colon and the final stop are not compared. The
/// non-English wordings are UNVERIFIED (no Microsoft text read); used only on an exact match.
fn is_key_not_found(t: &str) -> bool {
    let t = t.trim_end_matches(['.', '。', ' ']);
    let Some((label, rest)) = t.split_once([':', '：']) else {
        return false;
    };
    let label = label.trim();
    let rest = rest.trim().to_lowercase();
    matches!(
        label,
        "Error" | "Fehler" | "Erreur" | "エラー" | "Ошибка" | "Chyba" | "错误"
    ) && matches!(
        rest.as_str(),
        "product key not found"
                | "produktschlüssel nicht gefunden" // UNVERIFIED
                | "clé de produit introuvable" // UNVERIFIED
                | "プロダクト キーが見つかりません" // UNVERIFIED
                | "プロダクトキーが見つかりません" // UNVERIFIED
                | "no se encontró la clave de producto" // UNVERIFIED
                | "clave de producto no encontrada" // UNVERIFIED
                | "ключ продукта не найден" // UNVERIFIED
                | "kód product key nebyl nalezen" // UNVERIFIED
                | "未找到产品密钥" // UNVERIFIED
    )
}

/// "Product activated successfully." and the same sentence in the languages seen in captures.
/// The non-English wordings are UNVERIFIED (no Microsoft text read); used only on an exact match.
fn is_activation_success(t: &str) -> bool {
    matches!(
        t,
        "Product activated successfully."
            | "成功地激活了产品。"
            | "製品のライセンス認証に成功しました。"
            | "Das Produkt wurde erfolgreich aktiviert."
            | "Le produit a été activé."
            | "El producto se activó correctamente."
            | "Продукт успешно активирован."
    )
}

/// /ato's success sentence in German, French, Spanish or Japanese worded otherwise than
/// [`is_activation_success`]'s (UNVERIFIED: no Microsoft text read), by its words: the
/// language's word for the product and for activated successfully, one short sentence, no
/// question and no negation. Read only on the lines right after an `Activating ...` line.
fn activation_success_words(t: &str) -> bool {
    let l = t.trim().to_lowercase();
    if l.chars().count() > 70
        || l.contains([',', '?', '¿', '？', '、'])
        || l.contains("fehl")
        || l.contains("échec")
        || l.contains("error")
        || l.contains("失敗")
    {
        return false;
    }
    let has = |words: &[&str]| words.iter().any(|w| l.contains(w));
    let negated = has(&[
        "nicht",
        " pas ",
        "n'a ",
        "no se ",
        " no ",
        "されません",
        "できません",
    ]);
    let de = l.contains("produkt") && has(&["erfolgreich aktiviert"]);
    let fr = l.contains("produit")
        && has(&["activé avec succès", "a été activé", "activé correctement"]);
    let es = l.contains("producto")
        && has(&[
            "activó correctamente",
            "activado correctamente",
            "activó con éxito",
            "activado con éxito",
            "activado satisfactoriamente",
        ]);
    let ja = has(&[
        "ライセンス認証に成功",
        "正常にライセンス認証され",
        "アクティブ化に成功",
    ]);
    !negated && (de || fr || es || ja)
}

/// A product name that slmgr prints for a licence: `Windows(R), X edition`, `Office 16, X edition`.
fn product_name(v: &str) -> bool {
    (v.starts_with("Windows") && edition_in_name(v).is_some())
        || (v.starts_with("Office") && v.contains(',') && v.trim_end().ends_with(" edition"))
}

/// slmgr's English labels that give no fact avma uses (verbatim from slmgr.vbs; reference: output
/// formats, English label constants): the line is understood all the same.
const ENGLISH_LABELS: &[&str] = &[
    "Remaining Windows rearm count",
    "Remaining SKU rearm count",
    "Remaining App rearm count",
    "Trusted time",
    "Installation ID",
    "Processor Certificate URL",
    "Machine Certificate URL",
    "Use License URL",
    "Product Key Certificate URL",
    "Validation URL",
    "Additional Information",
    "Configured Activation Type",
    "Most recent activation information",
    "Registered KMS SRV record lookup domain",
    "DNS auto-discovery",
    "KMS machine IP address",
    "KMS machine extended PID",
    "Activation interval",
    "Renewal interval",
    "Current count",
    "Listening on Port",
    "KMS priority",
    "Total requests received",
    "Failed requests received",
    "Activation Object name",
    "AO DN",
    "AO extended PID",
    "AO activation ID",
    "Name",
    "Description",
    "Activation ID",
    "Application ID",
    "Extended PID",
    "Product Key Channel",
    "Partial Product Key",
    "License Status",
    "Notification Reason",
    "Evaluation End Date",
    "Guest IAID",
    "Host machine name",
    "Activation time",
    "Host Digital PID2",
    "Time remaining",
    "Volume activation expiration",
    "Timebased activation expiration",
    "Automatic VM activation expiration",
    "Automatic VM Activation client information",
    "Software licensing service version",
    "Client Machine ID (CMID)",
    "Registered KMS machine name",
    "KMS machine name from DNS",
];

/// The AVMA block's indented lines in a language avma does not know (`ホスト マシン名: ...`),
/// read by their values' shapes: a label with `IAID` in it (never translated), a Digital PID2
/// (`00454-60000-00000-AA123`), a date and time, a host name after a label that ends in "name"
/// (名). With no shape found, three lines are, in slmgr's order, the host machine name, the
/// activation time and the Digital PID2. Returns the lines it used.
fn avma_block(a: &mut crate::observe::AvmaBlock, tail: &[(String, String, u64)]) -> Vec<u64> {
    static PID2: OnceLock<Regex> = OnceLock::new();
    static TIME: OnceLock<Regex> = OnceLock::new();
    static HOST: OnceLock<Regex> = OnceLock::new();
    let pid2 = line_re(&PID2, r"^\d{5}-\d{5}-\d{5}-[A-Z]{2}\d{3}$");
    let time = line_re(
        &TIME,
        r"^\d{1,4}[/.\-]\d{1,2}[/.\-]\d{1,4}[ T]+(?:午前|午後|上午|下午)?\s*\d{1,2}:\d{2}(?::\d{2})?(?:\s*(?:AM|PM))?$",
    );
    let host = line_re(
        &HOST,
        r"^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9-]+)*$",
    );
    let hostlike = |v: &str| host.is_match(v) && v.chars().any(|c| c.is_ascii_alphabetic());
    let mut used = Vec::new();
    for (label, value, n) in tail {
        let v = value.trim();
        let named = label.ends_with('名') || label.to_lowercase().ends_with("name");
        if label.contains("IAID") && is_iaid(v) {
            a.iaid = Some(v.to_string());
        } else if pid2.is_match(v) {
            a.host_digital_pid2 = Some(v.to_string());
        } else if time.is_match(v) {
            a.activation_time = Some(v.to_string());
        } else if named && hostlike(v) {
            a.host_machine_name = Some(v.to_string());
        } else {
            continue;
        }
        used.push(*n);
    }
    // No label said "name": the one host-shaped value left (`Name des Hostcomputers: HV-CLU-N3`).
    if a.host_machine_name.is_none() && !used.is_empty() {
        let left: Vec<&(String, String, u64)> = tail
            .iter()
            .filter(|t| !used.contains(&t.2) && hostlike(t.1.trim()) && !t.0.contains("IAID"))
            .collect();
        if let [one] = left.as_slice() {
            a.host_machine_name = Some(one.1.trim().to_string());
            used.push(one.2);
        }
    }
    if used.is_empty() && tail.len() == 3 {
        let na = |v: &str| (!v.is_empty() && v != "Not Available").then(|| v.to_string());
        a.host_machine_name = na(&tail[0].1);
        a.activation_time = na(&tail[1].1);
        a.host_digital_pid2 = na(&tail[2].1);
        used.extend(tail.iter().map(|t| t.2));
    }
    used
}

/// A value with its upper-case `_` tokens read as OCR misreads them back (`VIRTUAL_MACHINE_ACTIVATI0N`:
/// a zero for the letter O), when that changes anything. Channel tokens hold no digit 0.
fn ocr_token_fix(v: &str) -> Option<String> {
    let mut changed = false;
    let fixed: Vec<String> = v
        .split(' ')
        .map(|w| {
            let token = w.contains('_')
                && w.chars()
                    .all(|c| c.is_ascii_uppercase() || c == '_' || c == '0' || c == ',');
            if token && w.contains('0') {
                changed = true;
                w.replace('0', "O")
            } else {
                w.to_string()
            }
        })
        .collect();
    changed.then(|| fixed.join(" "))
}

/// A Guest IAID value: hexadecimal digits, maybe in dash-separated groups.
fn is_iaid(v: &str) -> bool {
    let hex: usize = v.chars().filter(char::is_ascii_hexdigit).count();
    hex >= 8 && v.chars().all(|c| c.is_ascii_hexdigit() || c == '-')
}

/// A Product Key Channel value (`Volume:GVLK`, `Volume:AVMA`, `Retail`, `OEM:DM`...): tokens slmgr
/// prints untranslated.
fn is_key_channel(v: &str) -> bool {
    let (kind, sub) = v.split_once(':').unwrap_or((v, ""));
    matches!(kind, "Volume" | "Retail" | "OEM")
        && sub.len() <= 12
        && sub.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// The product an `/xpr` header (`Windows(R), ServerDatacenter edition:`) names.
fn xpr_product(name: String) -> ProductFacts {
    ProductFacts {
        edition: edition_in_name(&name),
        name: Some(name),
        ..Default::default()
    }
}

/// The Japanese `/xpr` sentences seen in public fragments (SEEN-FRAGMENT: a blog quoting them, the
/// space after "Windows" possibly lost; not Microsoft's text), compared without spaces and without
/// the final "。". Any other sentence is not read.
fn xpr_seen_ja(message: &str) -> Option<ExpiryKind> {
    let m: String = message
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .trim_end_matches('。')
        .to_string();
    match m.as_str() {
        "コンピューターのライセンス認証は完了しました" => {
            Some(ExpiryKind::Permanent)
        }
        "Windowsは通知モードです" => Some(ExpiryKind::Notification),
        _ => xpr_seen_word(message),
    }
}

/// An `/xpr` message in German, French, Spanish, Russian, Czech or Japanese by the words for
/// "notification mode" and "permanently activated" (UNVERIFIED: no Microsoft text of these
/// sentences was read; the words are those of the display languages' licence status,
/// `Benachrichtigungsmodus`, `mode de notification`, `modo de notificación`, `通知モード`). A
/// sentence with a date is not one of these (it is read by its date).
fn xpr_seen_word(message: &str) -> Option<ExpiryKind> {
    let m = message.to_lowercase();
    const NOTIFICATION: &[&str] = &[
        "benachrichtigungsmodus",
        "mode de notification",
        "modo de notificación",
        "modo de notificacion",
        "通知モード",
    ];
    // Russian, Czech and Japanese words for "permanently activated" (UNVERIFIED: no Microsoft
    // text of these sentences was read; the display languages' usual words for permanent and
    // activated), and their negations, which are no such sentence.
    const PERMANENT: &[&str] = &[
        "dauerhaft aktiviert",
        "permanent aktiviert",
        "activé de façon permanente",
        "activé définitivement",
        "activado permanentemente",
        "activada permanentemente",
        "activado de forma permanente",
        "постоянно активирован",
        "активирован постоянно",
        "активирован навсегда",
        "бессрочно активирован",
        "trvale aktivován",
        "trvale aktivovaný",
        "trvale aktivováno",
    ];
    const PERMANENT_JA: &[&str] = &["永続的にライセンス認証", "永続的にアクティブ化"];
    const NEGATED: &[&str] = &["не активирован", "не постоянно", "není trvale"];
    let compact: String = m.chars().filter(|c| !c.is_whitespace()).collect();
    let permanent =
        PERMANENT.iter().any(|w| m.contains(w)) || PERMANENT_JA.iter().any(|w| compact.contains(w));
    let negated = NEGATED.iter().any(|w| m.contains(w))
        || ["されていません", "ではありません"]
            .iter()
            .any(|w| compact.contains(w));
    if NOTIFICATION.iter().any(|w| m.contains(w)) {
        Some(ExpiryKind::Notification)
    } else if permanent && !negated {
        Some(ExpiryKind::Permanent)
    } else {
        None
    }
}

/// Whether `line`, after an `/xpr` header, is a chat message typed between the header and its
/// result: unindented, no `label: value`, no header, and the next non-blank line (within two
/// lines) an indented `/xpr` message (slmgr's English, a seen wording or a dated sentence).
fn chat_between(line: &str, rest: &[String], xpr: &Regex) -> bool {
    if line.starts_with(' ')
        || line.starts_with('\t')
        || line.trim_end().ends_with(':')
        || label_value(line).is_some()
    {
        return false;
    }
    let Some(next) = rest.iter().take(2).find(|l| !l.trim().is_empty()) else {
        return false;
    };
    let next = next.trim_end();
    (next.starts_with(' ') || next.starts_with('\t'))
        && (xpr.is_match(next)
            || xpr_seen_ja(next.trim()).is_some()
            || dated(next.trim()).is_some())
}

/// The date and time in a sentence of a language avma does not know (`Windows 将于 2026/12/20
/// 14:33:10 过期`, `… läuft am 05.12.2026 10:00:00 ab`): slmgr prints the date in the machine's
/// date format, never translated, so its shape is read, not the wording. Only a sentence: a
/// `label: value` line (a colon before the date) is not one.
fn dated(text: &str) -> Option<&str> {
    static R: OnceLock<Regex> = OnceLock::new();
    let m = line_re(
        &R,
        r"(?:\d{4}\s*[/.\-年]\s*\d{1,2}\s*[/.\-月]\s*\d{1,2}日?|\d{1,2}[/.\-]\d{1,2}[/.\-]\d{2,4})\s*(?:(?:午前|午後|上午|下午|AM|PM)\s*)?\d{1,2}[:：]\d{2}(?:[:：]\d{2})?(?:\s*(?:AM|PM|午前|午後)\b)?",
    )
    .find(text)?;
    let before = &text[..m.start()];
    (!before.contains(':') && !before.contains('：')).then(|| m.as_str().trim())
}

/// A label that says "trusted" (slmgr's `Trusted time:` in other display languages: 信頼済みの
/// 時刻, 受信任的时间, Vertrauenswürdige Zeit...; the exact labels are UNVERIFIED, the word for
/// "trusted" is what they share; used only with a value that is a date and time).
fn says_trusted(label: &str) -> bool {
    let l = label.to_lowercase();
    [
        "信頼",
        "信任",
        "受信任",
        "vertrauensw",
        "approuv",
        "fiable",
        "confian",
        "доверен",
    ]
    .iter()
    .any(|w| l.contains(w))
}

/// The License Status value: slmgr's English strings (official: slmgr.vbs's
/// `L_MsgLicenseStatus*` constants), and the same states in other display languages.
///
/// The other languages' words are UNVERIFIED: no public source of a localized slmgr.ini was
/// found (the reference lists it as a gap). What is matched is only what cannot be another
/// state: a whole value that is the language's word for "licensed" or "unlicensed"
/// (`Licenciado`, `con licencia`, `사용 허가됨`, `ライセンスされています`), the word for
/// "notification", or a grace period named by the language's word for grace (`猶予`, `grâce`,
/// `gracia`, `carência`, `유예`...) together with exactly one of the words for initial,
/// additional, non-genuine or extended (`初期猶予期間`, `Période de grâce initiale`). A value
/// with two qualifiers, or none, is not read.
fn status_of(value: &str) -> Option<u32> {
    let s = value.trim();
    if let Some(n) = english_status(s) {
        return Some(n);
    }
    // The explanation slmgr puts in brackets after some states (`Additional grace period (KMS
    // license expired or hardware out of tolerance)`) is not the state's name.
    let head = s.split(['(', '（']).next().unwrap_or(s);
    let l = head
        .trim()
        .trim_end_matches(['.', '。'])
        .trim()
        .to_lowercase();
    if l.is_empty() || l.chars().count() > 60 {
        return None;
    }
    const LICENSED: &[&str] = &[
        "ライセンスされています",
        "ライセンス認証されています",
        "已授权",
        "已授權",
        "lizenziert",
        "sous licence",
        "avec licence",
        "con licencia",
        "licenciado",
        "licenciada",
        "licenciado(a)",
        "com licença",
        "concesso in licenza",
        "con licenza",
        "dotato di licenza",
        "사용 허가됨",
        "사용 허가",
        "라이선스 있음",
        "имеет лицензию",
        "лицензия получена",
        "лицензировано",
        "licencjonowany",
        "gelicentieerd",
        "lisanslı",
        "licensierad",
        "licencia concedida",
        "con licencia activa",
    ];
    const UNLICENSED: &[&str] = &[
        "ライセンスされていません",
        "未授权",
        "未授權",
        "nicht lizenziert",
        "sans licence",
        "non licencié",
        "sin licencia",
        "no licenciado",
        "sem licença",
        "não licenciado",
        "senza licenza",
        "non concesso in licenza",
        "사용 허가 안 됨",
        "사용 허가되지 않음",
        "라이선스 없음",
        "не имеет лицензии",
        "нелицензированный",
        "без лицензии",
        "nielicencjonowany",
        "niet gelicentieerd",
        "niet-gelicentieerd",
        "zonder licentie",
        "bez licencji",
        "lisanssız",
        "lisanslı değil",
        "olicensierad",
        "ej licensierad",
        "inte licensierad",
        "no tiene licencia",
    ];
    const NOTIFICATION: &[&str] = &[
        "通知",
        "通知モード",
        "benachrichtigung",
        "benachrichtigungsmodus",
        "notification",
        "mode de notification",
        "notificación",
        "modo de notificación",
        "notificação",
        "modo de notificação",
        "notifica",
        "modalità di notifica",
        "알림",
        "알림 모드",
        "уведомление",
        "режим уведомления",
        "powiadomienie",
        "melding",
        "meldingsmodus",
        "tryb powiadomień",
        "tryb powiadamiania",
        "bildirim",
        "bildirim modu",
        "meddelande",
        "meddelandeläge",
        "modalità notifica",
    ];
    if LICENSED.contains(&l.as_str()) {
        return Some(1);
    }
    if UNLICENSED.contains(&l.as_str()) {
        return Some(0);
    }
    if NOTIFICATION.contains(&l.as_str()) {
        return Some(5);
    }
    grace_state(&l)
}

/// slmgr's own English License Status values.
fn english_status(s: &str) -> Option<u32> {
    Some(match s {
        "Unlicensed" => 0,
        "Licensed" => 1,
        "Initial grace period" => 2,
        _ if s.starts_with("Additional grace period") => 3,
        _ if s.starts_with("Non-genuine grace period") => 4,
        "Notification" => 5,
        "Extended grace period" => 6,
        _ => return None,
    })
}

/// A grace period in another language (lower case): the word for grace with exactly one
/// qualifier (see [`status_of`]; UNVERIFIED wording).
fn grace_state(l: &str) -> Option<u32> {
    const GRACE: &[&str] = &[
        "猶予",
        "宽限",
        "寬限",
        "grâce",
        "grace",
        "gracia",
        "carência",
        "carencia",
        "tolleranza",
        "grazia",
        "유예",
        "kulanz",
        "karenz",
        "toleranz",
        "льготн",
        "karencj",
        "respijt",
        "prolongat",
        "ek süre",
        "yetkisiz kullanım süre",
        "respit",
    ];
    if !GRACE.iter().any(|g| l.contains(g)) {
        return None;
    }
    // Non-genuine before the others: its words hold no other qualifier's.
    const NON_GENUINE: &[&str] = &[
        "非正規",
        "非正版",
        "non authentique",
        "non-authentique",
        "no original",
        "no genuino",
        "não original",
        "não genuín",
        "non originale",
        "non autentic",
        "정품이 아닌",
        "정품 아님",
        "nicht original",
        "nicht echt",
        "неподлинн",
        "nieoryginaln",
        "niet-echt",
        "niet echt",
        "orijinal olmayan",
        "inte äkta",
        "icke-äkta",
    ];
    const INITIAL: &[&str] = &[
        "初期",
        "初回",
        "初始",
        "initial",
        "inicial",
        "iniziale",
        "초기",
        "anfangs",
        "erst",
        "начальн",
        "początkow",
        "eerste",
        "initiële",
        "ilk ",
        "başlangıç",
        "inledande",
        "första",
    ];
    const ADDITIONAL: &[&str] = &[
        "追加",
        "附加",
        "supplémentaire",
        "additionnel",
        "adicional",
        "aggiuntiv",
        "추가",
        "zusätzlich",
        "дополнительн",
        "dodatkow",
        "extra",
        "aanvullend",
        "ilave",
        "ytterligare",
    ];
    const EXTENDED: &[&str] = &[
        "延長",
        "延长",
        "étendue",
        "prolongée",
        "extendido",
        "ampliado",
        "estendido",
        "prorrogado",
        "esteso",
        "연장",
        "erweitert",
        "verlängert",
        "расширенн",
        "продлен",
        "rozszerzon",
        "verlengd",
        "uzatılmış",
        "genişletilmiş",
        "utökad",
        "förlängd",
    ];
    let found: Vec<u32> = [
        (NON_GENUINE, 4u32),
        (INITIAL, 2),
        (ADDITIONAL, 3),
        (EXTENDED, 6),
    ]
    .iter()
    .filter(|(words, _)| words.iter().any(|w| l.contains(w)))
    .map(|(_, n)| *n)
    .collect();
    match found.as_slice() {
        [one] => Some(*one),
        _ => None,
    }
}

/// The number a value starts with (`120 minutes`, `10080 minute(s)`).
fn leading_number(v: &str) -> Option<u64> {
    let d: String = v.trim().chars().take_while(char::is_ascii_digit).collect();
    d.parse().ok()
}

fn line_re(cell: &'static OnceLock<Regex>, p: &str) -> &'static Regex {
    cell.get_or_init(|| Regex::new(p).expect("static pattern"))
}

/// Read slmgr output (already decoded into lines).
pub fn read(file: &str, lines: &[String], cat: &Catalog) -> ReadResult {
    read_at(file, lines, &[], cat)
}

/// Read slmgr output whose line `i` is input line `nums[i]` (after transcript noise was removed).
pub fn read_at(file: &str, lines: &[String], nums: &[u64], cat: &Catalog) -> ReadResult {
    let mut r = ReadResult::new(file, ArtifactKind::Slmgr);
    let mut english = false;
    let mut other_language = false;
    // Label lines with one of slmgr's English labels, and with any other label.
    let (mut english_labels, mut other_labels) = (0u32, 0u32);
    let mut cur: Option<(ProductFacts, u64)> = None;
    // Indented `label: value` lines after a product's AVMA header, for unknown languages.
    let mut avma_tail: Vec<(String, String, u64)> = Vec::new();
    // The header line of that block, if it has one.
    let mut avma_header: Option<u64> = None;
    let mut xpr_name: Option<(String, u64)> = None;
    // The products `/ato` names (`Activating Windows(R), X edition (<ID>) ...`), with their line.
    let mut activating: Vec<(ProductFacts, u64)> = Vec::new();

    static XPR: OnceLock<Regex> = OnceLock::new();
    let xpr = line_re(
        &XPR,
        r"^\s+(Automatic VM activation will expire|Volume activation will expire|Timebased activation will expire|The machine is permanently activated\.|Initial grace period ends|Additional grace period ends|Non-genuine grace period ends|Windows is in Notification mode|Extended grace period ends|Unlicensed)(.*)$",
    );

    let flush = |cur: &mut Option<(ProductFacts, u64)>,
                 tail: &mut Vec<(String, String, u64)>,
                 header: &mut Option<u64>,
                 r: &mut ReadResult| {
        let header = header.take();
        if let Some((mut p, line)) = cur.take() {
            if let Some(e) = p.expiry.as_mut() {
                e.kind = e.kind.refine(p.license_status, p.channel.as_deref());
            }
            // Unknown language: the indented lines of the AVMA block, by their values' shapes.
            if p.channel.as_deref() == Some("VIRTUAL_MACHINE_ACTIVATION")
                && p.avma.host_machine_name.is_none()
            {
                let used = avma_block(&mut p.avma, tail);
                if !used.is_empty() {
                    r.placed.extend(used);
                    r.placed.extend(header);
                }
            }
            if p.edition.is_none() {
                if let Some(name) = p.name.as_deref().filter(|n| !n.starts_with("Windows")) {
                    r.note(
                        Some(line),
                        avma_core::text::Msg::new("reader-not-windows").arg("name", name),
                    );
                }
            }
            if let Some(e) = &p.edition {
                r.push(
                    Fact::Edition {
                        edition: e.clone(),
                        source: EditionSource::Licensing,
                    },
                    Provenance::line(&r.file, line, READER),
                );
            }
            r.push(
                Fact::Product(Box::new(p)),
                Provenance::line(&r.file, line, READER),
            );
        }
        tail.clear();
    };

    for (i, raw) in lines.iter().enumerate() {
        let n = nums.get(i).copied().unwrap_or(i as u64 + 1);
        let line = raw.trim_end();
        if line.trim().is_empty() {
            continue;
        }
        if line.contains("Windows Script Host") || line.starts_with("Copyright (C) Microsoft") {
            if line.starts_with("Copyright (C) Microsoft") {
                english = true;
            }
            r.placed.push(n);
            continue;
        }
        if !line.is_ascii() && !product_name(line.trim()) {
            other_language = true;
        }
        // Results of /ipk and /ato, and error lines.
        if let Some(rest) = line.trim_start().strip_prefix("Installed product key ") {
            english = true;
            if let Some(k) = find_keys(rest).into_iter().next() {
                r.placed.push(n);
                r.push(
                    Fact::KeyInstalled { key: k.key },
                    Provenance::line(file, n, READER),
                );
            }
            continue;
        }
        let after_activating = activating
            .last()
            .is_some_and(|(_, at)| n > *at && n - *at <= 3);
        let exact = is_activation_success(line.trim());
        if exact || (after_activating && activation_success_words(line)) {
            // Only slmgr's own English sentence says the output is English.
            english |= exact && line.is_ascii();
            r.placed.push(n);
            r.push(Fact::ActivationSucceeded, Provenance::line(file, n, READER));
            continue;
        }
        if is_key_not_found(line.trim()) {
            // slmgr's answer to /dli, /dlv (and /upk) when no product has a key: the state
            // 0xC004F014 names (no product key installed), read as that code.
            english |= line.is_ascii();
            r.placed.push(n);
            r.push(
                Fact::Error {
                    code: 0xC004_F014,
                    tool: READER,
                    text: line.trim().to_string(),
                },
                Provenance::line(file, n, READER),
            );
            continue;
        }
        if line.trim() == "Command completed successfully." {
            // /rearm (and other commands) answer this; a rearm asks for a restart next.
            let next = lines.get(i + 1).map(|l| l.trim()).unwrap_or("");
            english = true;
            r.placed.push(n);
            if next.starts_with("Please restart the system") {
                r.push(Fact::RearmSucceeded, Provenance::line(file, n, READER));
            }
            continue;
        }
        if line.trim().starts_with("Please restart the system") {
            r.placed.push(n);
            continue;
        }
        // /ato: "Activating Windows(R), X edition (<GUID>) ..." in any language.
        // It names a product the same output may list (`/dli` before or after it): kept apart
        // until the end, then merged into that product.
        if let Some((name, id)) = activation_line(line) {
            flush(&mut cur, &mut avma_tail, &mut avma_header, &mut r);
            english |= line.trim_start().starts_with("Activating ");
            r.placed.push(n);
            let p = ProductFacts {
                edition: edition_in_name(&name).filter(|_| name.starts_with("Windows")),
                name: Some(name),
                activation_id: Some(id),
                ..Default::default()
            };
            activating.push((p, n));
            continue;
        }
        // An error line in any language: a one-word label, then the HRESULT and its message.
        if let Some((label, value)) = label_value(line.trim_start()) {
            let code = hresults(value).into_iter().next();
            let one_word = !label.is_empty()
                && label.chars().count() <= 16
                && !label.contains(char::is_whitespace);
            let starts_with_code = value.get(..2).is_some_and(|p| p.eq_ignore_ascii_case("0x"));
            if let (Some(code), true, true) = (code, one_word, starts_with_code) {
                if label == "Error" || label == "エラー" || value.chars().count() > 12 {
                    english |= label == "Error";
                    r.placed.push(n);
                    r.push(
                        Fact::Error {
                            code,
                            tool: READER,
                            text: value.trim().to_string(),
                        },
                        Provenance::line(file, n, READER),
                    );
                    continue;
                }
            }
        }
        // /xpr: "<Name>:" then an indented message.
        let message = xpr.captures(line).map(|c| {
            let kind = match &c[1] {
                "Automatic VM activation will expire" => ExpiryKind::Avma,
                "Volume activation will expire" => ExpiryKind::Volume,
                "Timebased activation will expire" => ExpiryKind::Timebased,
                "Initial grace period ends" => ExpiryKind::InitialGrace,
                "Additional grace period ends" => ExpiryKind::AdditionalGrace,
                "Non-genuine grace period ends" => ExpiryKind::NonGenuineGrace,
                "Extended grace period ends" => ExpiryKind::ExtendedGrace,
                "Windows is in Notification mode" => ExpiryKind::Notification,
                "Unlicensed" => ExpiryKind::Unlicensed,
                _ => ExpiryKind::Permanent,
            };
            (kind, c[1].to_string(), c[2].to_string(), true)
        });
        let message = message.or_else(|| {
            // Japanese: only the sentences seen in public fragments (reference: output formats,
            // slmgr /xpr in Japanese; SEEN-FRAGMENT, not Microsoft's text), on an exact match.
            let indented = line.starts_with(' ') || line.starts_with('\t');
            xpr_name.as_ref().filter(|_| indented)?;
            // Any other language: the message's date and time (UNVERIFIED wording).
            let kind = xpr_seen_ja(line.trim())
                .or_else(|| dated(line.trim()).map(|_| ExpiryKind::Dated))?;
            Some((kind, line.trim().to_string(), String::new(), false))
        });
        // The same message pasted under a /dli product, unindented (`Automatic VM activation
        // will expire 12/05/2026 10:00:00 AM` after `License Status:`): that product's expiry.
        if let (None, None, Some((p, _))) = (&message, &xpr_name, cur.as_mut()) {
            let bare = format!(" {}", line.trim());
            let found = xpr.captures(&bare).and_then(|c| {
                let kind = match &c[1] {
                    "Automatic VM activation will expire" => ExpiryKind::Avma,
                    "Volume activation will expire" => ExpiryKind::Volume,
                    "Timebased activation will expire" => ExpiryKind::Timebased,
                    _ => return None,
                };
                Some((kind, format!("{}{}", &c[1], &c[2]), c[2].to_string()))
            });
            // Another language: the sentence's date and time (UNVERIFIED wording), on a line
            // that goes on from the product's lines. A line that introduces what follows (a
            // ticket's `Notas de trabajo (L. Ferrer, 27/11/2026 10:20):`) or stands after a blank
            // line is prose with a date, not an expiry.
            let contiguous = i
                .checked_sub(1)
                .and_then(|p| lines.get(p))
                .is_some_and(|p| !p.trim().is_empty());
            let text = line.trim();
            let introduces = text.ends_with(':') || text.ends_with('：');
            let found = found.or_else(|| {
                if !contiguous || introduces {
                    return None;
                }
                let when = dated(text)?;
                r.note(
                    Some(n),
                    Msg::new("reader-xpr-dated-wording").arg("message", text),
                );
                Some((ExpiryKind::Dated, text.to_string(), when.to_string()))
            });
            if let Some((kind, text, when)) = found {
                english |= kind != ExpiryKind::Dated;
                r.placed.push(n);
                p.expiry_text = Some(text.trim().to_string());
                p.expiry = Some(Expiry {
                    kind,
                    when: when.trim().trim_end_matches('.').trim().to_string(),
                });
                continue;
            }
        }
        if let Some((kind, msg, rest, verbatim)) = message {
            english |= verbatim;
            if let Some((name, at)) = xpr_name.take() {
                r.placed.push(n);
                let when = if kind == ExpiryKind::Dated {
                    dated(&msg).unwrap_or_default().to_string()
                } else {
                    rest.trim().trim_end_matches('.').trim().to_string()
                };
                if kind == ExpiryKind::Dated {
                    r.note(
                        Some(n),
                        Msg::new("reader-xpr-dated-wording").arg("message", msg.as_str()),
                    );
                } else if !verbatim {
                    r.note(
                        Some(n),
                        Msg::new("reader-xpr-seen-wording").arg("message", msg.as_str()),
                    );
                }
                let mut p = xpr_product(name);
                p.expiry_text = Some(format!("{msg}{rest}").trim().to_string());
                p.expiry = Some(Expiry { kind, when });
                p.license_status = match kind {
                    ExpiryKind::Unlicensed => Some(0),
                    ExpiryKind::Notification => Some(5),
                    ExpiryKind::InitialGrace => Some(2),
                    ExpiryKind::AdditionalGrace => Some(3),
                    ExpiryKind::NonGenuineGrace => Some(4),
                    ExpiryKind::ExtendedGrace => Some(6),
                    // A date in an unknown wording: a countdown, of a status not known.
                    ExpiryKind::Dated => None,
                    _ => Some(1),
                };
                if kind == ExpiryKind::Avma {
                    p.channel = Some("VIRTUAL_MACHINE_ACTIVATION".into());
                }
                r.push(
                    Fact::Product(Box::new(p)),
                    Provenance::line(file, at, READER),
                );
                continue;
            } else if verbatim {
                r.placed.push(n);
                continue;
            }
        }
        // A chat's message between the header and its result (`12/3/26 9:16 - Lucía: ¿y?`, its
        // speaker stripped by the cleaner): an unindented line that is no label and no header,
        // followed (blank lines aside, two lines at most) by an indented /xpr message, keeps the
        // header waiting for it. Bounded look-ahead: the reader stays linear.
        if xpr_name.is_some() && chat_between(line, lines.get(i + 1..).unwrap_or(&[]), xpr) {
            continue;
        }
        // A header whose message is in a language avma does not know (or missing): the header's
        // product name still gives the product and its edition; the message line is not placed.
        if let Some((name, at)) = xpr_name.take() {
            r.push(
                Fact::Product(Box::new(xpr_product(name))),
                Provenance::line(file, at, READER),
            );
            if line.starts_with(' ') || line.starts_with('\t') {
                continue;
            }
        }
        if !line.starts_with(' ') && line.ends_with(':') && product_name(line.trim_end_matches(':'))
        {
            flush(&mut cur, &mut avma_tail, &mut avma_header, &mut r);
            xpr_name = Some((line.trim_end_matches(':').to_string(), n));
            r.placed.push(n);
            continue;
        }

        let Some((label, value)) = label_value(line) else {
            continue;
        };
        // The labels of a product's lines (not other output's): `Name` is also German's label,
        // it does not tell English.
        if cur.is_none() {
        } else if ENGLISH_LABELS.contains(&label) {
            english_labels += u32::from(label != "Name");
        } else if !label.is_empty() {
            other_labels += 1;
        }
        let indented = line.starts_with(' ') || line.starts_with('\t');
        if is_placeholder(value) {
            // A value the poster redacted: the line is understood, the value is not one. A
            // hidden key or host was there: present, never absent.
            r.placed.push(n);
            if let Some((p, _)) = cur.as_mut() {
                let five = value.trim().chars().count() == 5;
                match label {
                    "Partial Product Key" => p.key_redacted = true,
                    "Host machine name" => p.avma.host_redacted = true,
                    l if ENGLISH_AVMA_LABELS.contains(&l) => {}
                    // Another language: an indented line keeps its place in the AVMA block; a
                    // five-character placeholder on a key label is the partial key.
                    // Another language: a placeholder under a label that names something
                    // (`ホスト マシン名`, `Name des Hostcomputers`) is the hidden host.
                    l if indented && (l.ends_with('名') || l.to_lowercase().contains("name")) => {
                        p.avma.host_redacted = true
                    }
                    _ if indented => {}
                    l if five && (!l.is_ascii() || l.to_ascii_lowercase().contains("key")) => {
                        p.key_redacted = true
                    }
                    _ => {}
                }
            }
            continue;
        }

        // A product starts at its Name, recognized by the value in any language.
        if product_name(value) && !indented {
            flush(&mut cur, &mut avma_tail, &mut avma_header, &mut r);
            if label == "Name" {
                english = true;
            }
            r.placed.push(n);
            cur = Some((
                ProductFacts {
                    name: Some(value.to_string()),
                    edition: edition_in_name(value).filter(|_| value.starts_with("Windows")),
                    ..Default::default()
                },
                n,
            ));
            continue;
        }
        // A KMS host (`KMS machine name from DNS: kms.example:1688`, the registered name), in
        // any language: a host name with a port.
        // Only under a product or on a label naming KMS, never on a label of another value.
        if let Some(h) = kms_host(value) {
            let kms_labels = ["Registered KMS machine name", "KMS machine name from DNS"];
            let other_known = (ENGLISH_LABELS.contains(&label) && !kms_labels.contains(&label))
                || ENGLISH_AVMA_LABELS.contains(&label);
            let low = label.to_lowercase();
            if !other_known && (cur.is_some() || low.contains("kms")) {
                r.placed.push(n);
                r.push(
                    Fact::KmsHost {
                        host: h.to_string(),
                    },
                    Provenance::line(file, n, READER),
                );
                if let Some((p, _)) = cur.as_mut() {
                    // The registered name (`/skms`) by its label, in English or by the word
                    // "regist" other languages share (UNVERIFIED); else the one DNS gave.
                    let registered = label == kms_labels[0]
                        || (label != kms_labels[1]
                            && !low.contains("dns")
                            && low.contains("regist"));
                    let slot = if registered {
                        &mut p.kms.registered
                    } else {
                        &mut p.kms.discovered
                    };
                    slot.get_or_insert_with(|| h.to_string());
                }
                continue;
            }
        }
        // The Client Machine ID is the KMS client's own id, never the Activation ID.
        if label.contains("CMID") {
            r.placed.push(n);
            continue;
        }
        // The licensing service's version is the OS build (`10.0.17763.1039`); the Extended
        // PID of the product carries it too (the KMS host's extended PID, indented, does not).
        if !indented {
            if let Some(b) = build_in_extended_pid(value).or_else(|| {
                (cur.is_none() || label.contains("version"))
                    .then(|| build_of(value))
                    .flatten()
            }) {
                r.placed.push(n);
                r.push(
                    Fact::OsBuild { build: b },
                    Provenance::line(file, n, READER),
                );
                continue;
            }
        }
        let Some((p, _)) = cur.as_mut() else { continue };
        let ocr = ocr_token_fix(value);
        let channel = cat.channel_in(value).or_else(|| {
            let ch = cat.channel_in(ocr.as_deref()?)?;
            r.note(
                Some(n),
                Msg::new("reader-ocr-channel").arg("token", ch.token.as_str()),
            );
            Some(ch)
        });
        if let Some(ch) = channel {
            if value.contains("channel") || label == "Description" {
                r.placed.push(n);
                p.description = Some(value.to_string());
                p.channel = Some(ch.token.clone());
                continue;
            }
        }
        // A line is understood when it gives a fact, or when it is one of slmgr's own English
        // lines (verbatim labels avma knows and has no use for: rearm counts, URLs...).
        let known = ENGLISH_LABELS.contains(&label);
        let mut understood = known;
        match label {
            // The machine's own clock when slmgr ran: the capture's time, in any language by
            // its label's word for "trusted" and a date-and-time value.
            l if l == "Trusted time" || (!indented && says_trusted(l)) => {
                if crate::asof::parse_time(value).is_some() {
                    understood = true;
                    r.push(
                        Fact::Collected {
                            time: value.to_string(),
                        },
                        Provenance::line(file, n, READER),
                    );
                }
            }
            "Partial Product Key" => p.partial_key = Some(value.to_string()),
            "KMS machine IP address" => {
                p.kms.ip = value
                    .parse::<std::net::IpAddr>()
                    .ok()
                    .map(|_| value.to_string())
            }
            "KMS machine extended PID" => {
                p.kms.extended_pid = build_in_extended_pid(value).map(|_| value.to_string())
            }
            "Activation interval" => p.kms.activation_interval = leading_number(value),
            "Renewal interval" => p.kms.renewal_interval = leading_number(value),
            "License Status" => {
                english = true;
                p.license_status = status_of(value);
            }
            _ if p.license_status.is_none() && status_of(value).is_some() => {
                understood = true;
                p.license_status = status_of(value);
            }
            "Activation ID" => p.activation_id = Some(value.to_ascii_lowercase()),
            "Application ID" => p.application_id = Some(value.to_ascii_lowercase()),
            "Product Key Channel" => p.key_channel = Some(value.to_string()),
            "Evaluation End Date" => p.evaluation_end = Some(value.to_string()),
            "Notification Reason" => p.status_reason = hresults(value).first().copied(),
            "Guest IAID" => p.avma.iaid = (value != "Not Available").then(|| value.to_string()),
            "Host machine name" => {
                p.avma.host_machine_name = (value != "Not Available").then(|| value.to_string())
            }
            "Activation time" => {
                p.avma.activation_time = (value != "Not Available").then(|| value.to_string())
            }
            "Host Digital PID2" => {
                p.avma.host_digital_pid2 = (value != "Not Available").then(|| value.to_string())
            }
            "Time remaining"
            | "Volume activation expiration"
            | "Timebased activation expiration"
            | "Automatic VM activation expiration" => {
                let printed = minutes_and_days_printed(value);
                p.grace_minutes = printed.map(|(m, _)| m);
                p.grace_days = printed.map(|(_, d)| d);
            }
            _ => {
                // Unknown language: decide by the value.
                understood = true;
                if is_partial_key(value) && p.partial_key.is_none() {
                    p.partial_key = Some(value.to_string());
                } else if let Some((m, d)) = minutes_and_days_printed(value).filter(|_| {
                    !value.contains('-') && (value.contains('(') || value.contains('（'))
                }) {
                    p.grace_minutes = Some(m);
                    p.grace_days = Some(d);
                } else if indented
                    && p.kms.host().is_some()
                    && p.kms.extended_pid.is_none()
                    && build_in_extended_pid(value).is_some()
                {
                    // The KMS host's extended PID, under the KMS host line (any language).
                    p.kms.extended_pid = Some(value.to_string());
                } else if indented
                    && p.kms.host().is_some()
                    && p.kms.ip.is_none()
                    && label.contains("IP")
                    && value.parse::<std::net::IpAddr>().is_ok()
                {
                    p.kms.ip = Some(value.to_string());
                } else if indented {
                    // Placed by `flush` when it gives a fact.
                    understood = false;
                    avma_tail.push((label.to_string(), value.to_string(), n));
                } else if is_key_channel(value) && p.key_channel.is_none() {
                    p.key_channel = Some(value.to_string());
                } else if label.contains("IAID") && is_iaid(value) {
                    // The IAID keeps its English name in every language seen (`ゲスト IAID`).
                    p.avma.iaid = Some(value.to_string());
                } else if let Some(g) = guids(value).into_iter().next() {
                    if g == avma_core::plan::WINDOWS_APP_ID {
                        p.application_id = Some(g);
                    } else if p.activation_id.is_none() {
                        p.activation_id = Some(g);
                    }
                } else if let Some(code) = hresults(value).first() {
                    p.status_reason = Some(*code);
                } else if value.is_empty() {
                    // A header (`自動 VM ライセンス認証のクライアント情報:`): understood when the
                    // indented lines under it give facts.
                    understood = false;
                    avma_header = Some(n);
                } else {
                    understood = false;
                }
            }
        }
        if understood || known {
            r.placed.push(n);
        }
    }
    flush(&mut cur, &mut avma_tail, &mut avma_header, &mut r);
    if let Some((name, at)) = xpr_name.take() {
        r.push(
            Fact::Product(Box::new(xpr_product(name))),
            Provenance::line(file, at, READER),
        );
    }
    // A product `/ato` activated is the product listed for it (same Activation ID, else the same
    // edition), never a second one; one listed nowhere else is a product of its own.
    for (a, at) in activating {
        let listed = r.observations.iter_mut().find_map(|o| match &mut o.fact {
            Fact::Product(p) if p.same_product(&a) => Some(p),
            _ => None,
        });
        if let Some(p) = listed {
            if p.activation_id.is_none() {
                p.activation_id = a.activation_id;
            }
            continue;
        }
        cur = Some((a, at));
        flush(&mut cur, &mut avma_tail, &mut avma_header, &mut r);
    }
    // An `/xpr` header (`Windows(R), ServerStandard edition:`) or an `/ato` line names the
    // machine's edition as a `/dli` product does: when no product said an edition and every
    // such line names the same one, it is the machine's (two editions are two machines' outputs
    // pasted together, never one machine's conflict).
    let stated = r
        .observations
        .iter()
        .any(|o| matches!(o.fact, Fact::Edition { .. }));
    let mut named: Vec<(String, Provenance)> = Vec::new();
    for o in &r.observations {
        if let Fact::Product(p) = &o.fact {
            if let Some(e) = p.edition.as_ref().filter(|_| p.is_windows()) {
                if !named.iter().any(|(x, _)| x == e) {
                    named.push((e.clone(), o.from.clone()));
                }
            }
        }
    }
    if let (false, [(edition, from)]) = (stated, named.as_slice()) {
        let (edition, from) = (edition.clone(), from.clone());
        r.push(
            Fact::Edition {
                edition,
                source: EditionSource::Licensing,
            },
            from,
        );
    }
    // ASCII labels that are mostly not English ones (`Beschreibung:`, `Lizenzstatus:`): the
    // language their words name.
    let latin = (other_labels > english_labels)
        .then(|| language_of(lines.iter().map(String::as_str)))
        .flatten();
    r.language = Some(match (english, other_language, latin) {
        (_, false, Some(l)) => l,
        (true, false, None) => "en",
        _ => language_of(lines.iter().map(String::as_str)).unwrap_or(if english {
            "en"
        } else {
            "unknown"
        }),
    });
    if r.observations.is_empty() {
        r.problem(None, Msg::new("reader-slmgr-nothing"));
    }
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_words_of_other_languages() {
        for (v, n) in [
            ("Licensed", 1),
            (
                "Additional grace period (KMS license expired or hardware out of tolerance)",
                3,
            ),
            ("Non-genuine grace period.", 4),
            ("初期猶予期間", 2),
            ("Période de grâce initiale", 2),
            ("con licencia", 1),
            ("Con licencia", 1),
            ("사용 허가됨", 1),
            ("Licenciado", 1),
            ("Não licenciado", 0),
            ("Período de gracia adicional (la licencia de KMS expiró)", 3),
            ("Período de carência estendido", 6),
            ("Période de grâce non authentique", 4),
            ("Modo de notificación", 5),
            ("ライセンスされていません", 0),
            // Dutch, Polish, Turkish, Swedish, Italian (UNVERIFIED wordings).
            ("Gelicentieerd", 1),
            ("Niet gelicentieerd", 0),
            ("Initiële respijtperiode", 2),
            ("Licencjonowany", 1),
            ("Powiadomienie", 5),
            ("Lisanslı", 1),
            ("Lisanssız", 0),
            ("Bildirim", 5),
            ("Licensierad", 1),
            ("Olicensierad", 0),
            ("Meddelande", 5),
            ("Inledande respitperiod", 2),
            ("Con licenza", 1),
            ("Periodo di tolleranza aggiuntivo (licenza KMS scaduta)", 3),
        ] {
            assert_eq!(status_of(v), Some(n), "{v}");
        }
        // Two qualifiers, none, or a sentence: not read.
        for v in [
            "Période de grâce initiale prolongée",
            "Période de grâce",
            "Respitperiod",
            "Lisanslı olduğunu sanıyoruz ama emin değiliz, destek ekibi bakıyor şu anda",
            "licenciado desde ayer por el equipo de sistemas, ver ticket 4411 para más detalles",
            "Windows(R), ServerStandard edition",
            "",
        ] {
            assert_eq!(status_of(v), None, "{v}");
        }
    }

    fn products(text: &str) -> Vec<ProductFacts> {
        let lines: Vec<String> = text.lines().map(String::from).collect();
        read("t.txt", &lines, Catalog::builtin())
            .observations
            .into_iter()
            .filter_map(|o| match o.fact {
                Fact::Product(p) => Some(*p),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn the_product_ato_activates_is_the_listed_one() {
        let id = "7d3c1e5a-2b4f-4e6d-9a8c-1f0e2d3c4b5a";
        // /dlv prints the Activation ID: matched by it.
        let dlv = format!(
            "Name: Windows(R), ServerDatacenter edition\nDescription: Windows(R) Operating \
             System, VIRTUAL_MACHINE_ACTIVATION channel\nActivation ID: {id}\nPartial Product \
             Key: Y4TGP\nLicense Status: Initial grace period\n\nActivating Windows(R), \
             ServerDatacenter edition ({id}) ...\nError: 0xC004FD02 Windows isn't activated on \
             the host machine."
        );
        let p = products(&dlv);
        assert_eq!(p.len(), 1, "{p:?}");
        // /dli prints none: matched by the edition, and the product gets the ID.
        let dli = format!(
            "Activating Windows(R), ServerStandard edition ({id}) ...\nError: 0xC004F074 The \
             Software Licensing Service reported that the computer could not be activated.\n\n\
             Name: Windows(R), ServerStandard edition\nDescription: Windows(R) Operating System, \
             VOLUME_KMSCLIENT channel\nPartial Product Key: 2XMQR\nLicense Status: Notification"
        );
        let p = products(&dli);
        assert_eq!(p.len(), 1, "{p:?}");
        assert_eq!(p[0].activation_id.as_deref(), Some(id));
        assert_eq!(p[0].partial_key.as_deref(), Some("2XMQR"));
        // Another edition, or another Activation ID, is another product.
        let other = dlv.replace(
            &format!("edition ({id})"),
            "edition (0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d)",
        );
        assert_eq!(products(&other).len(), 2);
        let alone = "Activating Windows(R), ServerStandard edition (0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d) ...\nProduct activated successfully.";
        let p = products(alone);
        assert_eq!(p.len(), 1);
        assert_eq!(p[0].edition.as_deref(), Some("ServerStandard"));
    }
}
