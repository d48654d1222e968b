//! The clues a careful human reads around pasted output: which machine it is from (a ticket's
//! `Configuration item:` line, a window title, `on FS01 I ran`, `$env:COMPUTERNAME`'s output,
//! `Invoke-Command -ComputerName X`) and what role each machine has (the Hyper-V role installed,
//! a hypervisor's platform, a guest's own services, an AVMA key, `the host HV-01`, `ゲスト`).
//!
//! Certainty first: a name is taken from the text's words only when they tie it to the output
//! (a label, `on X` / `from X` with a verb of running or output, `X:` right before the block),
//! never from a name that is a placeholder (`<server>`, `XXXX`), a product, a domain or a word.
//! Every clue keeps its line. Linear in the lines: each regex runs once per line, and only on
//! lines that may hold a name.

use std::sync::OnceLock;

use regex::Regex;

use avma_core::catalog::KeyKind;
use avma_core::Catalog;

use crate::clean::Cleaned;
use crate::observe::{Fact, Provenance, ReadResult, RoleClue};

const READER: &str = "clue";

fn re(cell: &'static OnceLock<Regex>, pat: &str) -> &'static Regex {
    cell.get_or_init(|| Regex::new(pat).expect("static pattern"))
}

/// The characters of a host name token (a NetBIOS name, or an FQDN).
const NAME: &str = r"([A-Za-z0-9][A-Za-z0-9.\-]{1,62})";

/// Tokens in a host name's shape that are words, products or formats, never a machine.
const NOT_NAMES: &[&str] = &[
    "HYPER-V",
    "UTF-8",
    "UTF-16",
    "UTF-16LE",
    "X64",
    "X86",
    "AMD64",
    "ARM64",
    "IPV4",
    "IPV6",
    "SHA-1",
    "SHA-256",
    "AES-256",
    "TLS1",
    "MS-DOS",
    "WIN10",
    "WIN11",
    "WS2012",
    "WS2016",
    "WS2019",
    "WS2022",
    "WS2025",
    "SERVER2016",
    "SERVER2019",
    "SERVER2022",
    "SERVER2025",
    "E-MAIL",
    "RE-RUN",
    "BUILT-IN",
    "SET-EDITION",
    "GET-VM",
    "N-1",
    "KMS",
    "AVMA",
    "DISM",
    "SLMGR",
    "CSCRIPT",
    "WINDOWS",
    "MICROSOFT",
    "VMWARE",
    "SERVERNAME",
    "HOSTNAME",
    "COMPUTERNAME",
    "YOURSERVER",
    "YOUR-SERVER",
    "MYSERVER",
    "MY-SERVER",
    "HOST-NAME",
    "SERVER-NAME",
    "VM-NAME",
    "VMNAME",
    "NODE-NAME",
    "NODENAME",
    "LOCALHOST",
    "TBD",
    "N-A",
    "CHANGEME",
    "EXAMPLE",
    "GUEST-VM",
    "HOST-01-NAME",
];

/// Is `t` a machine's name (not a placeholder, product, domain, format or word)? `strict`: as
/// the text's words write it (letters in upper case and a digit or dash, as admins write machine
/// names in prose); a label's value may be in lower case.
pub fn is_machine_name(t: &str, strict: bool) -> bool {
    let first = t.split('.').next().unwrap_or(t);
    if t.len() > 63 || !(3..=15).contains(&first.len()) || !crate::clean::is_host_name(first) {
        return false;
    }
    // A name with dots is an FQDN only when its first label is a host's (not `contoso.com`).
    if t.contains('.') && (t.ends_with('.') || t.split('.').any(str::is_empty)) {
        return false;
    }
    let up = first.to_ascii_uppercase();
    let digit_or_dash = first.chars().any(|c| c.is_ascii_digit() || c == '-');
    if !digit_or_dash || first.ends_with('-') {
        return false;
    }
    if strict && first.chars().any(|c| c.is_ascii_lowercase()) {
        return false;
    }
    if up.contains("XXX")
        || NOT_NAMES.contains(&up.as_str())
        || up.starts_with("0X")
        || (up.starts_with("KB") && up[2..].bytes().all(|b| b.is_ascii_digit()))
        || up.chars().filter(|c| c.is_ascii_alphabetic()).count() < 2
    {
        return false;
    }
    // A partial product key (five key characters), a version (`R2`, `22H2`) is no machine.
    if first.len() == 5 && !first.contains('-') {
        let letters = up.chars().take_while(|c| c.is_ascii_alphabetic()).count();
        let names_shape = letters >= 2 && up[letters..].bytes().all(|b| b.is_ascii_digit());
        if !names_shape {
            return false;
        }
    }
    true
}

/// The name at the start of `rest`, whole (the token does not go on in a name's characters, and
/// is not inside `<…>`, `{…}`, `%…%` or `$…`).
fn name_at(line: &str, start: usize, end: usize, strict: bool) -> Option<String> {
    let before = line[..start].chars().next_back();
    let after = line[end..].chars().next();
    if before.is_some_and(|c| matches!(c, '<' | '{' | '%' | '$' | '_' | '\\' | '/' | '@'))
        || after
            .is_some_and(|c| c.is_alphanumeric() || matches!(c, '>' | '}' | '%' | '_' | '\\' | '/'))
    {
        return None;
    }
    let t = line[start..end].trim_end_matches(['.', '-']);
    is_machine_name(t, strict).then(|| t.split('.').next().unwrap_or(t).to_ascii_uppercase())
}

/// A ticket's, CMDB's or monitoring agent's label that names the machine (in en, de, fr, es, ja,
/// zh, ko), compared in lower case without spaces.
const NAME_LABELS: &[&str] = &[
    "configurationitem",
    "ci",
    "affectedci",
    "affectedhost",
    "affectedserver",
    "affectedsystem",
    "affectedmachine",
    "affectedcomputer",
    "affecteddevice",
    "server",
    "servername",
    "hostname",
    "computer",
    "computername",
    "machinename",
    "devicename",
    "system",
    "systemname",
    "konfigurationselement",
    "betroffenerserver",
    "betroffenerhost",
    "betroffenessystem",
    "rechnername",
    "rechner",
    "computername",
    "élémentdeconfiguration",
    "serveur",
    "nomduserveur",
    "nomd'hôte",
    "nomdel'hôte",
    "ordinateur",
    "nomdel'ordinateur",
    "serveurconcerné",
    "hôteconcerné",
    "elementodeconfiguración",
    "servidor",
    "nombredelservidor",
    "nombredehost",
    "nombredeequipo",
    "equipo",
    "servidorafectado",
    "hostafectado",
    "構成アイテム",
    "構成項目",
    "対象サーバー",
    "対象ホスト",
    "対象機器",
    "サーバー名",
    "ホスト名",
    "コンピューター名",
    "コンピュータ名",
    "服务器",
    "服务器名",
    "计算机名",
    "主机名",
    "서버",
    "서버이름",
    "호스트이름",
    "컴퓨터이름",
];

/// Labels that name the host of the machine a ticket is about, not that machine.
const HOST_LABELS: &[&str] = &[
    "affectedhost",
    "hostafectado",
    "betroffenerhost",
    "hôteconcerné",
    "対象ホスト",
];

/// The label of a host's line (`Affected host: HV-01`), as written.
fn host_label(line: &str) -> Option<String> {
    let (label, _) = line.split_once([':', '：'])?;
    let key: String = label
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '*')
        .collect::<String>()
        .to_lowercase();
    HOST_LABELS
        .contains(&key.as_str())
        .then(|| label.trim().trim_matches('*').trim().to_string())
}

/// The machine a label line names: `Configuration item: DMZ-WEB03 (Virtual Machine, ...)`.
fn label_name(line: &str) -> Option<(String, usize)> {
    static R: OnceLock<Regex> = OnceLock::new();
    let r = re(
        &R,
        &format!(r"^\s*(?:\*\*)?([^:：]{{1,40}}?)(?:\*\*)?\s*[:：]\s*(?:\*\*)?{NAME}"),
    );
    let c = r.captures(line)?;
    let label: String = c
        .get(1)?
        .as_str()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_lowercase()
        .replace('’', "'");
    if !NAME_LABELS.contains(&label.as_str()) {
        return None;
    }
    let m = c.get(2)?;
    name_at(line, m.start(), m.end(), false).map(|n| (n, m.end()))
}

/// The one machine a mail's subject names (`Subject: RE: activation HV01`, `Betreff: AW: ...`,
/// `件名: RE: ...`), as the text's words write names; a subject without one (`Subject: RE: help`)
/// or with two names none.
fn subject_name(line: &str) -> Option<String> {
    let (label, value) = crate::util::label_value(line)?;
    let label = label.to_lowercase();
    if ![
        "subject",
        "betreff",
        "objet",
        "asunto",
        "oggetto",
        "assunto",
        "onderwerp",
        "temat",
        "件名",
        "主题",
        "主旨",
        "제목",
        "тема",
    ]
    .contains(&label.as_str())
    {
        return None;
    }
    let mut found: Option<String> = None;
    let words = value
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | '(' | ')' | '[' | ']' | '"'))
        .map(|w| w.trim_end_matches([':', '.', '!', '?']))
        .filter(|w| !w.is_empty());
    for w in words {
        if let Some(x) = name_at(w, 0, w.len(), true) {
            if found.as_ref().is_some_and(|f| *f != x) {
                return None;
            }
            found = Some(x);
        }
    }
    found
}

/// A window title: `LOB-APP07 - Remote Desktop Connection`, `[VM01 - Virtual Machine Connection]`,
/// `VM01 on HV-01 - Virtual Machine Connection`, `Administrator: Windows PowerShell - SRV01`.
fn title_name(line: &str) -> Option<String> {
    static R: OnceLock<Regex> = OnceLock::new();
    static ADMIN: OnceLock<Regex> = OnceLock::new();
    let t = line
        .trim()
        .trim_start_matches('[')
        .trim_end_matches(']')
        .trim();
    let r = re(
        &R,
        &format!(
            r"(?i)^{NAME}(?:\s+(?:on|auf|sur|en|上の)\s+[A-Za-z0-9.\-]+)?\s+[-–—]\s+(?:Remote Desktop Connection|Remote Desktop|Virtual Machine Connection|Remotedesktopverbindung|Verbindung mit virtuellem Computer|Connexion Bureau à distance|Connexion à un ordinateur virtuel|Conexión a Escritorio remoto|Conexión a máquina virtual|リモート デスクトップ接続|仮想マシン接続)\b"
        ),
    );
    if let Some(m) = r.captures(t).and_then(|c| c.get(1)) {
        return name_at(t, m.start(), m.end(), false);
    }
    let a = re(
        &ADMIN,
        &format!(
            r"^(?:管理者|Administrator|Administrateur|Administrador):\s*(?:Windows PowerShell|コマンド プロンプト|Command Prompt|Eingabeaufforderung|Invite de commandes|Símbolo del sistema)\s*[-–—(\[]\s*{NAME}\s*[)\]]?$"
        ),
    );
    let m = a.captures(t).and_then(|c| c.get(1))?;
    name_at(t, m.start(), m.end(), false)
}

/// A sentence that ties a name to the output: `on FS01 I ran`, `output from the guest SQL-VM01:`,
/// `run this on HV-N1`, `Here is what FS01 prints`, `from inside VM-A:`, `the node itself
/// (HVN-04):`, `HV-01 のホストで`, `HV-SH-01 上执行`, `HV-SEL-01 에서 확인한`, `Sur l'hôte X :`,
/// `auf dem Host X:`, `Salida de X:`. The name and where it ends.
fn tied_name(line: &str) -> Option<(String, usize)> {
    static R: OnceLock<Vec<Regex>> = OnceLock::new();
    let role = r"(?:(?:Hyper-V\s+)?(?:guest|host|node|VM|server|machine|box)\s+)?";
    let pats = R.get_or_init(|| {
        [
            format!(r"(?i)\b(?:ran|run|executed|typed|tried|did)\b[^.:;!?]{{0,40}}?\b(?:on|from|in|inside)\s+(?:the\s+)?{role}{NAME}"),
            format!(r"(?i)\b(?:on|from|inside)\s+(?:the\s+)?{role}{NAME}\b[^.;!?]{{0,40}}?\b(?:I|we)\s+(?:ran|run|get|got|see|saw)\b"),
            format!(r"(?i)\b(?:output|outputs|result|results|transcript|capture|console|paste)\b[^.;!?]{{0,30}}?\b(?:from|of|on|for)\s+(?:the\s+)?{role}{NAME}"),
            format!(r"(?i)\b(?:here\s+is|here's|this\s+is|below\s+is)\s+(?:what\s+|the\s+output\s+(?:of|from)\s+)?{role}{NAME}"),
            format!(r"\b{NAME}\b[^.;!?]{{0,40}}?\b(?:prints|printed|shows|showed|says|said|returns|returned|gives|gave)\b"),
            format!(r"(?i)\b(?:from|on|in|inside)\s+(?:inside\s+)?(?:the\s+)?{role}{NAME}\)?\s*[:：]\s*$"),
            format!(r"\(\s*{NAME}\s*\)\s*[:：]\s*$"),
            format!(r"^\s*{NAME}\s*[:：]\s*$"),
            format!(r"(?i)\b(?:auf|von)\s+(?:dem\s+|der\s+)?(?:(?:Hyper-V-)?Host\s+|Server\s+|Knoten\s+|VM\s+|Gast\s+)?{NAME}\b[^.;!?]{{0,40}}?(?:[:：]\s*$|ausgeführt|Ausgabe)"),
            format!(r"(?i)\b(?:Ausgabe|Ergebnis)\s+(?:von|auf)\s+(?:dem\s+|der\s+)?{NAME}"),
            format!(r"(?i)\b(?:sur|de|depuis|dans)\s+(?:l['’]hôte\s+|la\s+VM\s+|le\s+serveur\s+|le\s+n(?:œ|oe)ud\s+|l['’]invité\s+)?{NAME}\s*[:：]\s*$"),
            format!(r"(?i)\b(?:sortie|résultat)\s+(?:de|sur)\s+(?:l['’]hôte\s+|la\s+VM\s+|le\s+serveur\s+)?{NAME}"),
            format!(r"(?i)\b(?:en|desde|de)\s+(?:el\s+host\s+|la\s+VM\s+|el\s+servidor\s+|el\s+nodo\s+)?{NAME}\s*[:：]\s*$"),
            format!(r"(?i)\b(?:salida|resultado)\s+(?:de|en)\s+(?:el\s+host\s+|la\s+VM\s+|el\s+servidor\s+)?{NAME}"),
            format!(r"{NAME}\s*(?:の\s*(?:ホスト|ゲスト|サーバー|VM|仮想マシン|ノード)\s*)?(?:上\s*)?で\s*(?:実行|確認|取得|採取|打)"),
            format!(r"{NAME}\s*(?:の\s*(?:ホスト|ゲスト|サーバー|VM|仮想マシン|ノード)\s*)?(?:上\s*)?で[^。、]{{0,10}}(?:結果|出力)"),
            format!(r"{NAME}\s*の\s*(?:出力|実行結果|結果)"),
            format!(r"{NAME}\s*上\s*(?:执行|运行)"),
            format!(r"{NAME}\s*(?:的)\s*(?:输出|结果)"),
            format!(r"{NAME}\s*에서\s*(?:확인|실행|수집)"),
            format!(r"{NAME}\s*의\s*(?:출력|결과)"),
        ]
        .iter()
        .map(|p| Regex::new(p).expect("static pattern"))
        .collect()
    });
    for p in pats {
        for c in p.captures_iter(line) {
            let Some(m) = c.get(1) else { continue };
            if let Some(n) = name_at(line, m.start(), m.end(), true) {
                return Some((n, m.end()));
            }
        }
    }
    None
}

/// Words for a host and for a guest (en, de, fr, es, ja, zh, ko).
const HOST_WORDS: &[&str] = &[
    "host",
    "hosts",
    "node",
    "nodes",
    "hypervisor",
    "hyper-v host",
    "hyper-v node",
    "hyper-v server",
    "knoten",
    "hôte",
    "nœud",
    "noeud",
    "nodo",
    "ホスト",
    "ノード",
    "宿主机",
    "主机",
    "节点",
    "호스트",
    "노드",
    "хост",
    "хоста",
    "хосте",
    "узел",
    "nó",
    "hoście",
    "hoscie",
    "knooppunt",
];
const GUEST_WORDS: &[&str] = &[
    "guest",
    "vm",
    "virtual machine",
    "gast",
    "gastsystem",
    "virtuelle maschine",
    "invité",
    "machine virtuelle",
    "invitado",
    "máquina virtual",
    "ゲスト",
    "仮想マシン",
    "虚拟机",
    "客户机",
    "게스트",
    "가상 머신",
    "вм",
    "гость",
    "гостевая вм",
    "виртуальная машина",
    "macchina virtuale",
    "virtuele machine",
    "maszynie wirtualnej",
    "maszyna wirtualna",
];

/// Host (true) or guest (false), when the word is one for a role (any case, any of the
/// languages of [`HOST_WORDS`] and [`GUEST_WORDS`]).
pub(crate) fn role_word(w: &str) -> Option<bool> {
    role_of_word(w)
}

fn role_of_word(w: &str) -> Option<bool> {
    let w = w.trim().to_lowercase();
    let w = w.trim_start_matches("hyper-v").trim();
    if HOST_WORDS.contains(&w) || w.ends_with("host") || w.ends_with("node") {
        return Some(true);
    }
    if GUEST_WORDS.contains(&w) || w.ends_with("guest") || w == "vms" {
        return Some(false);
    }
    None
}

/// Role words tied to a name: `the host HV-01`, `la VM SRV-PAIE`, `ゲスト EVAL-01`, `宿主机
/// HV-SH-01`, `FS01 (the file server VM)`, `SQL01 is a 2022 Standard guest`, `WEB-KR01 VM`.
fn named_roles(line: &str) -> Vec<(String, bool, String)> {
    static R: OnceLock<Vec<Regex>> = OnceLock::new();
    let bare = unquoted(line);
    let line = bare.as_str();
    let pats = R.get_or_init(|| {
        let before = r"(?i)(?:^|[^\w-])((?:Hyper-V[ -])?(?:host|node|hypervisor|guest|VM|virtual machine|Knoten|Gastsystem|Gast|hôte|n(?:œ|oe)ud|machine virtuelle|invité|nodo|máquina virtual|invitado|macchina virtuale|virtuele machine|maszynie wirtualnej|ho[sś]cie|хост|узел|ВМ))\s+(?:Hyper-V\s+)?";
        [
            format!(r"{before}\(?\s*{NAME}"),
            format!(r"((?:Hyper-V\s*)?(?:ホスト|ゲスト|ノード|仮想マシン|宿主机|虚拟机|客户机|节点|호스트|게스트|노드|가상 머신))\s*(?:是|为|は|：|:)?\s*[（(]?\s*{NAME}"),
            format!(r"(?i)\b{NAME}\s*\((?:the |a |an |our |le |la |el |der |die |das )?[^()]{{0,40}}?\b(host|node|guest|VM|virtual machine|virtuelle Maschine|hôte|invité|Gast|Gastsystem|Knoten|nodo)\b"),
            format!(r"(?i)\b{NAME}\s+(?:is|was|est|ist|es)\s+(?:a|an|the|our|un|une|ein|eine|el|la|le)\s+[^.,;()]{{0,40}}?\b(host|node|guest|VM|virtual machine|hôte|invité|Gast|Knoten|nodo)\b"),
            format!(r"\b{NAME}\s+(VM)\b"),
            format!(r"(?i)(?:^|[^\w-])((?:Hyper-V[ -])?(?:host|node|guest|VM|hôte|invité|Gast|Knoten|nodo))\s+(?:itself\s+|lui-même\s+|selbst\s+|mismo\s+)?\(\s*{NAME}\s*\)"),
            // `the VM runs on HV-01`, `Die VM läuft auf HV-01`: HV-01 is a host.
            format!(r"(?i)\b(runs|running|is running|läuft|tourne|corre|roda)\s+(?:on|auf|sur|en|no|em)\s+(?:dem\s+|der\s+|the\s+|l['’]hôte\s+|el\s+host\s+|o\s+host\s+)?{NAME}"),
        ]
        .iter()
        .map(|p| Regex::new(p).expect("static pattern"))
        .collect()
    });
    let mut out = Vec::new();
    for (k, p) in pats.iter().enumerate() {
        for c in p.captures_iter(line) {
            let (w, n) = if !(2..5).contains(&k) {
                (c.get(1), c.get(2))
            } else {
                (c.get(2), c.get(1))
            };
            let (Some(w), Some(n)) = (w, n) else { continue };
            let Some(host) = (if k == 6 {
                Some(true)
            } else {
                role_of_word(w.as_str())
            }) else {
                continue;
            };
            if let Some(name) = name_at(line, n.start(), n.end(), true) {
                if !out
                    .iter()
                    .any(|(x, _, _): &(String, bool, String)| *x == name)
                {
                    out.push((name, host, w.as_str().to_string()));
                }
            }
        }
    }
    out
}

/// A ticket's label line naming a guest and its host, each as `role: name` (`VM: APP-07 | Host:
/// HV-NODE2`, `Guest: X / Host: Y`, `VM = X, Host = Y`, `VM: X ／ ホスト: Y`): every part of the
/// line is one such label, and both roles are named. Each name with its role and role word.
fn role_labels(line: &str) -> Vec<(String, bool, String)> {
    static R: OnceLock<Regex> = OnceLock::new();
    let r = re(
        &R,
        &format!(
            r"^\s*(?:\*\*)?([^:：=*]{{1,30}}?)(?:\*\*)?\s*[:：=]\s*(?:\*\*)?{NAME}(?:\*\*)?\s*(?:[（(][^()（）]{{0,60}}[)）])?\s*$"
        ),
    );
    if !line.contains([':', '：', '=']) {
        return Vec::new();
    }
    let mut out: Vec<(String, bool, String)> = Vec::new();
    for part in line.split(['|', '｜', '/', '／', ',', '，', ';', '；', '、']) {
        if part.trim().is_empty() {
            continue;
        }
        let Some(c) = r.captures(part) else {
            return Vec::new();
        };
        let (Some(w), Some(m)) = (c.get(1), c.get(2)) else {
            return Vec::new();
        };
        let word = w.as_str().trim();
        let (Some(host), Some(name)) =
            (role_of_word(word), name_at(part, m.start(), m.end(), false))
        else {
            return Vec::new();
        };
        if out.iter().any(|x| x.0 == name) {
            return Vec::new();
        }
        out.push((name, host, word.to_string()));
    }
    let both = out.iter().any(|x| x.1) && out.iter().any(|x| !x.1);
    if both {
        out
    } else {
        Vec::new()
    }
}

/// A line that is one role's label alone (`Host: HV-NODE2`, `VM: APP-07`): its role, role word
/// and name.
fn role_label_alone(line: &str) -> Option<(bool, String, String)> {
    let (label, value) = crate::util::label_value(line.trim())?;
    let host = role_of_word(label.trim_matches('*'))?;
    let v = value.trim().trim_matches('*').trim();
    let name = name_at(v, 0, v.len(), false)?;
    Some((host, label.trim_matches('*').trim().to_string(), name))
}

/// A sentence that says where the output after it is from without naming it: `From inside the
/// VM:`, `Output from the VM:`, `on one of the Hyper-V nodes ... here is`, `Et dans la VM :`,
/// `ゲストで実行`, `宿主机上执行`. Guest or host, and the words.
fn intro_role(line: &str) -> Option<(bool, String)> {
    static R: OnceLock<Vec<(Regex, bool)>> = OnceLock::new();
    // A name in parentheses or quotes between the role word and the rest (`ゲスト (APP01) 側で:`,
    // `게스트 (APP05) 에서:`, `en la VM "WEB03":`) says nothing of the role: read without it.
    let bare = without_quoted_name(line);
    let line = bare.as_str();
    let pats = R.get_or_init(|| {
        [
            (r"(?i)\b(?:from|in|inside|on|within)\s+(?:inside\s+)?(?:the|this|that|each|every)\s+(?:(?:first|second|third|other)\s+)?(VM|guest|virtual machine)\b", false),
            (r"(?i)\b(?:dans|depuis|sur)\s+la\s+(VM|machine virtuelle)\b", false),
            // `Then the guest:`, `Dann die VM:`, `Luego la VM:`, `Depois a VM:`, `Puis la VM :`.
            (r"(?i)^(?:and\s+)?(?:then|next|now)\s+(?:the|our)\s+(VM|guest|virtual machine)\s*[:：]?\s*$", false),
            (r"(?i)^(?:und\s+)?(?:dann|danach|jetzt)\s+(?:der|die|das)\s+(VM|Gast|Gastsystem)\s*[:：]?\s*$", false),
            (r"(?i)^(?:y\s+)?(?:luego|después|ahora)\s+la\s+(VM|máquina virtual)\s*[:：]?\s*$", false),
            (r"(?i)^(?:e\s+)?(?:depois|agora)\s+a\s+(VM|máquina virtual)\s*[:：]?\s*$", false),
            (r"(?i)^(?:et\s+)?(?:puis|ensuite|maintenant)\s+la\s+(VM|machine virtuelle)\s*[:：]?\s*$", false),
            (r"(?i)\b(?:in|auf|aus|von)\s+(?:der|dem)\s+(VM|Gast|Gastsystem)\b", false),
            (r"(?i)\b(?:en|desde)\s+la\s+(VM|máquina virtual)\b", false),
            (r"(?i)\b(?:dentro\s+da|na)\s+(VM|máquina virtual)\b", false),
            (r"(?i)\bdentro\s+de\s+la\s+(VM|máquina virtual)\b", false),
            (r"(?i)\b(?:на|в|внутри)\s+(ВМ|гостевой ВМ|виртуальной машине|госте|гостевой)\b", false),
            (r"(ゲスト|仮想マシン)\s*側", false),
            (r"(ゲスト|仮想マシン|VM)\s*(?:側|内|の中|上)?\s*で", false),
            (r"(虚拟机)\s*(?:里|中|内|上)", false),
            (r"(게스트|가상 머신|VM)\s*(?:내부)?\s*에서", false),
            (r"(?i)\b(?:here\s+is|here's|this\s+is|below\s+is)\s+(?:the|our)\s+(VM|guest|virtual machine)\b(?:'s)?\s*(?:output|,|:|$)", false),
            (r"(?i)\bthe\s+(VM|guest|virtual machine)\s+(?:still\s+|now\s+)?(?:says|shows|prints|gives|returns|reports)\b[^.;!?]{0,60}[:：]\s*$", false),
            (r"(?i)\b(?:dentro|nella|sulla|dalla|nel|sul)\s+(?:la\s+|il\s+)?(VM|macchina virtuale|guest)\b", false),
            (r"(?i)\b(?:in|op|van|binnen)\s+(?:de|het|een)\s+(VM|virtuele machine|gast)\b", false),
            (r"(?i)(?:^|\s)(?:w|na|z)\s+(maszynie wirtualnej|wirtualnej maszynie|VM|gościu)\b", false),
            (r"(?i)\b(?:from|on)\s+(?:one of\s+)?(?:the|this|that|our)\s+(?:(?:first|second|third|other)\s+)?((?:Hyper-V\s+)?(?:host|node|nodes|hypervisor))\b", true),
            // Order words (`Host first`, `First the host:`, `Zuerst der Host:`, `Primero el host:`).
            (r"(?i)^(?:the\s+)?((?:Hyper-V\s+)?(?:host|node))\s+first\b", true),
            (r"(?i)^first\s+(?:the|our)\s+((?:Hyper-V\s+)?(?:host|node))\b", true),
            (r"(?i)\b(?:zuerst|erst)\s+(?:der|den|vom)\s+((?:Hyper-V-)?Host|Knoten)\b", true),
            (r"(?i)\bprimero\s+el\s+(host|nodo)\b", true),
            (r"(?i)\bprimeiro\s+o\s+(host|nó)\b", true),
            (r"(?i)\bd['’]abord\s+(l['’]hôte)\b", true),
            (r"(?i)\bsur\s+(l['’]hôte|le\s+n(?:œ|oe)ud)\b", true),
            (r"(?i)\bauf\s+(?:dem|einem)\s+((?:Hyper-V-)?Host|Knoten)\b", true),
            (r"(?i)\ben\s+(?:el|un)\s+(host|nodo)\b", true),
            (r"(ホスト|ノード)\s*(?:側|上)?\s*で", true),
            (r"(宿主机)\s*(?:上|里|中|侧|端)", true),
            (r"(?i)\bno\s+(host|nó)\b(?:\s+[A-Za-z0-9][A-Za-z0-9.\-]{1,62})?\s*[:：]", true),
            (r"(?i)\bна\s+(хосте|узле)\b", true),
            (r"(ホスト|ノード)\s*側", true),
            (r"(호스트|노드)\s*에서", true),
            (r"(?i)\b(?:here\s+is|here's|this\s+is|below\s+is)\s+(?:the|our)\s+((?:Hyper-V\s+)?(?:host|node|hypervisor))\b(?:'s)?\s*(?:output|,|:|$)", true),
            (r"(?i)\bthe\s+((?:Hyper-V\s+)?(?:host|node|hypervisor))\s+(?:still\s+|now\s+)?(?:says|shows|prints|gives|returns|reports)\b[^.;!?]{0,60}[:：]\s*$", true),
            (r"(?i)\b(?:sull['’]|dall['’]|nell['’]|sul\s+|nel\s+)(host|nodo)\b", true),
            (r"(?i)\b(?:op|van)\s+(?:de|het|een)\s+((?:Hyper-V-)?host|node|knooppunt)\b", true),
            (r"(?i)(?:^|\s)(?:na|z)\s+(ho[sś]cie|hosta|w[eę][zź]le)\b", true),
        ]
        .iter()
        .map(|(p, h)| (Regex::new(p).expect("static pattern"), *h))
        .collect()
    });
    let found: Vec<(bool, String)> = pats
        .iter()
        .filter_map(|(r, h)| {
            r.captures(line)
                .and_then(|c| c.get(1))
                .map(|m| (*h, m.as_str().to_string()))
        })
        .collect();
    let first = found.first()?.clone();
    found.iter().all(|f| f.0 == first.0).then_some(first)
}

/// A line that starts by saying the output after it is from inside a named machine (`Now inside
/// APP-NEW07 (new 2025 std)`, `Внутри BUH-TS01:`, `Dentro de WEB-07:`): a guest's, with its name
/// (a machine's name as admins write it: upper case, with a digit). The word and the name.
fn inside_name(line: &str) -> Option<(String, String)> {
    static R: OnceLock<Regex> = OnceLock::new();
    let r = re(
        &R,
        r"^(?:(?:[Aa]nd\s+)?(?:[Nn]ow|[Tt]hen)\s+)?([Ii]nside|[Ww]ithin|[Вв]нутри|[Dd]entro\s+d[eaio])\s+([A-Z0-9][A-Z0-9.\-]{1,62})(?:\s*\([^)]{0,60}\))?\s*(?:[:：,]|$|\s+(?:I|we)\b)",
    );
    let c = r.captures(line.trim())?;
    let name = c.get(2)?.as_str().trim_end_matches(['.', '-']);
    (name.chars().any(|ch| ch.is_ascii_digit()) && is_machine_name(name, true))
        .then(|| (c[1].to_string(), short_name(name)))
}

/// A line that gives its machine's name after a name phrase (`computer name X`, `nom de
/// l'ordinateur X`, `Computername X`, `nombre del equipo X`, `nome do computador X`, `コンピューター
/// 名 X`, `hostname X`, `named X`, `called X`) and holds role words of one role only (`the guest`,
/// `la VM`, `der Gast`, `ゲスト`), right before an output and ending in a colon: it introduces
/// that machine's output. The role and its word.
fn named_intro(line: &str, before_output: bool) -> Option<(bool, String)> {
    let t = line.trim();
    if !before_output || !t.ends_with([':', '：']) {
        return None;
    }
    computer_name(t).map(|x| x.0).or_else(|| called_name(t))?;
    let low = t.to_lowercase();
    let words: Vec<&str> = low
        .split(|c: char| !(c.is_alphanumeric() || c == '-'))
        .filter(|w| !w.is_empty())
        .take(64)
        .collect();
    let mut found: Option<(bool, String)> = None;
    // A role word of a script written without spaces (`ゲスト`, `虚拟机`, `호스트`) anywhere.
    for (list, h) in [(HOST_WORDS, true), (GUEST_WORDS, false)] {
        for w in list
            .iter()
            .filter(|w| w.chars().any(|c| (c as u32) >= 0x3000))
        {
            if low.contains(*w) {
                match &found {
                    Some((f, _)) if *f != h => return None,
                    Some(_) => {}
                    None => found = Some((h, (*w).to_string())),
                }
            }
        }
    }
    // A machine's name (`fs-host01`, `hv-node`) is no role word.
    let plain =
        |w: &str| w.starts_with("hyper-v") || !w.chars().any(|c| c.is_ascii_digit() || c == '-');
    for k in 0..words.len() {
        if !plain(words[k]) {
            continue;
        }
        let pair = words
            .get(k + 1)
            .filter(|n| plain(n))
            .map(|n| format!("{} {n}", words[k]));
        let hit = pair
            .as_deref()
            .and_then(|p| role_of_word(p).map(|h| (h, p.to_string())))
            .or_else(|| role_of_word(words[k]).map(|h| (h, words[k].to_string())));
        if let Some((h, w)) = hit {
            match &found {
                Some((f, _)) if *f != h => return None,
                Some(_) => {}
                None => found = Some((h, w)),
            }
        }
    }
    found
}

/// The name after `hostname`, `named` or `called` (`the guest named APP-07`, `the VM is called
/// SQL-03`, `hostname WEB-12`), when it is shaped like a machine's name as prose writes one.
fn called_name(line: &str) -> Option<String> {
    static R: OnceLock<Regex> = OnceLock::new();
    let r = R.get_or_init(|| {
        Regex::new(&format!(
            r#"(?i)\b(?:host\s*name|named|called)\s+(?:is\s+)?["'`“«]?{NAME}"#
        ))
        .expect("static pattern")
    });
    let c = r.captures(line)?;
    let m = c.get(1)?;
    name_at(line, m.start(), m.end(), true)
}

/// Does the sentence say the machine is the one before (`同じゲストで`, `on the same host`,
/// `auf demselben Host`, `sur le même hôte`, `en el mismo host`, `no mesmo host`, `sullo stesso
/// host`, `在同一台虚拟机`, `같은 게스트`)?
fn says_same(t: &str) -> bool {
    let low = t.to_lowercase();
    [
        "同じ",
        "same",
        "selben",
        "gleichen",
        "même",
        "mismo",
        "misma",
        "mesmo",
        "mesma",
        "stesso",
        "stessa",
        "同一",
        "같은",
        "той же",
        "том же",
    ]
    .iter()
    .any(|w| low.contains(w))
}

/// Does the sentence say another machine of its role (`the other host`, `the second guest`,
/// `the next VM`, `einem anderen Host`, `l'autre hôte`, `el otro host`, `もう一台`, `2台目`,
/// `另一台`)?
fn says_other(t: &str) -> bool {
    let low = t.to_lowercase();
    let words = [
        "other",
        "second",
        "third",
        "next",
        "another",
        "anderen",
        "zweiten",
        "autre",
        "deuxième",
        "otro",
        "otra",
        "segundo",
        "segunda",
        "outro",
        "outra",
        "altro",
        "secondo",
        "もう一台",
        "2台目",
        "二台目",
        "別の",
        "另一台",
        "第二台",
        "다른",
        "두 번째",
    ];
    let wordy = |w: &&str| {
        // A word of a Latin script whole; a CJK or Hangul one anywhere.
        if w.chars().all(|c| c.is_alphabetic() && (c as u32) < 0x3000) {
            low.split(|c: char| !c.is_alphanumeric()).any(|x| x == *w)
        } else {
            low.contains(*w)
        }
    };
    words.iter().any(wordy)
}

/// The line with quotation marks as spaces: a quoted name (`la VM "WEB03"`, `„APP01“`) is read
/// as the name.
fn unquoted(t: &str) -> String {
    t.chars()
        .map(|c| {
            if matches!(c, '"' | '“' | '”' | '„' | '«' | '»' | '`' | '「' | '」') {
                ' '
            } else {
                c
            }
        })
        .collect()
}

/// The line without a parenthesised or quoted name (`(APP01)`, `"WEB03"`, `「APP01」`): each
/// such group of at most 64 characters becomes one space. Linear.
fn without_quoted_name(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut chars = line.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let close = match c {
            '(' => ')',
            '（' => '）',
            '"' => '"',
            '“' => '”',
            '„' => '“',
            '「' => '」',
            '«' => '»',
            _ => {
                out.push(c);
                continue;
            }
        };
        let rest = &line[i + c.len_utf8()..];
        match rest.find(close).filter(|&k| k <= 64) {
            Some(k) if is_machine_name(rest[..k].trim(), false) => {
                out.push(' ');
                let end = i + c.len_utf8() + k + close.len_utf8();
                while chars.peek().is_some_and(|(j, _)| *j < end) {
                    chars.next();
                }
            }
            _ => out.push(c),
        }
    }
    out
}

/// A computer name the text's words give: `(computer name PAYROLL02)`, `nom d'ordinateur X`,
/// `O nome do computador dentro da VM é X`, `nombre del equipo: X`, `имя компьютера X`,
/// `コンピューター名は X`, `计算机名是 X`. The name, and whether the line says it is a guest's
/// (`inside the VM`, `dentro da VM`).
fn computer_name(line: &str) -> Option<(String, bool)> {
    static R: OnceLock<Regex> = OnceLock::new();
    let r = re(
        &R,
        r"(?i)(?:\bcomputer\s*name|\bnom\s+(?:de\s+l['’]|d['’])ordinateur|\bnome\s+do\s+computador|\bnombre\s+(?:del\s+)?equipo|\bRechnername|\bимя\s+компьютера|コンピューター名|コンピュータ名|计算机名称|计算机名)",
    );
    let m = r.find(line)?;
    // The first word after it (within a few, in the same sentence) that is a machine's name.
    let rest = &line[m.end()..];
    let rest = rest
        .trim_start_matches(['は', '是', '为', ':', '：', '='])
        .split(['。', ';', '!', '?'])
        .next()
        .unwrap_or("");
    let name = rest
        .split(|c: char| {
            c.is_whitespace() || matches!(c, ',' | '、' | '，' | '(' | ')' | '（' | '）')
        })
        .filter(|w| !w.is_empty())
        .take(6)
        .find_map(|w| {
            let w =
                w.trim_matches(|c: char| matches!(c, ':' | '：' | '"' | '\'' | '`' | '»' | '«'));
            let w = w.trim_end_matches('.');
            if w.starts_with(['<', '%', '$', '{', '[']) || !is_machine_name(w, false) {
                return None;
            }
            Some(w.split('.').next().unwrap_or(w).to_ascii_uppercase())
        })?;
    let guest = intro_role(line).is_some_and(|(h, _)| !h) || named_roles(line).iter().any(|x| !x.1);
    Some((name, guest))
}

/// A Guest IAID value as slmgr prints one: a run of at least eight hexadecimal digits (a GUID or
/// its hex form), or one the capture hid (`[REDACTED]`: there was one); never a "not available"
/// word in any language.
fn is_iaid_value(v: &str) -> bool {
    crate::util::is_placeholder(v)
        || v.split(|c: char| !c.is_ascii_hexdigit())
            .any(|run| run.len() >= 8)
}

/// A value that is a hypervisor's platform (a system model or manufacturer).
fn virtual_platform(v: &str) -> bool {
    let l = v.trim().to_ascii_lowercase();
    l.starts_with("vmware")
        || l == "virtual machine"
        || l.starts_with("kvm")
        || l.starts_with("qemu")
        || l.contains("hvm domu")
        || l.starts_with("xen")
        || l.starts_with("virtualbox")
        || l.starts_with("innotek")
        || l.starts_with("parallels")
        || l == "bhyve"
}

/// A label for the system model or manufacturer (Format-List, systeminfo, any language).
fn model_label(label: &str) -> bool {
    let l: String = label
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_lowercase();
    [
        "manufacturer",
        "model",
        "systemmanufacturer",
        "systemmodel",
        "csmanufacturer",
        "csmodel",
        "システム製造元",
        "システムモデル",
        "系统制造商",
        "系统型号",
        "시스템제조업체",
        "시스템모델",
        "изготовительсистемы",
        "модельсистемы",
        "systemhersteller",
        "systemmodell",
        "fabricantdusystème",
        "modèledusystème",
        "fabricantedelsistema",
        "modelodelsistema",
    ]
    .contains(&l.as_str())
}

/// `wmic computersystem get Manufacturer,Model` (its table or `/value`), lower case.
fn wmic_model_cmd(low: &str) -> bool {
    low.contains("wmic")
        && low.contains("computersystem")
        && low
            .split(" get ")
            .nth(1)
            .is_some_and(|g| g.contains("model") || g.contains("manufacturer"))
}

/// A hypervisor's platform in that command's output: `Model=Virtual Machine`, or a table row's
/// cell (`Microsoft Corporation  Virtual Machine`, cells two spaces apart).
fn wmic_platform(t: &str) -> Option<String> {
    if let Some((k, v)) = t.split_once('=') {
        return (model_label(k) && virtual_platform(v)).then(|| v.trim().to_string());
    }
    t.split("  ")
        .map(str::trim)
        .find(|c| !c.is_empty() && virtual_platform(c))
        .map(str::to_string)
}

/// What the clues of one input say.
#[derive(Debug, Default)]
pub struct Found {
    /// The machine's name, its line, and whether it is certain (a tool's output or a label) or
    /// the text's words.
    pub name: Option<(u64, String)>,
    /// Sections the clues mark (`-ComputerName X` output, a named block of a chat).
    pub sections: Vec<(u64, String)>,
}

/// The output blocks: for each cleaned line, whether it is output a reader placed or a prompt.
fn output_lines(c: &Cleaned, r: &ReadResult) -> Vec<bool> {
    let placed: std::collections::HashSet<u64> = r.placed.iter().copied().collect();
    c.numbers
        .iter()
        .zip(&c.commands)
        .map(|(n, cmd)| cmd.is_some() || placed.contains(n))
        .collect()
}

/// The index of the output that starts within a few lines after line `i`, if any (only blank
/// lines or at most one other line of prose between).
fn output_after(c: &Cleaned, out: &[bool], i: usize) -> Option<usize> {
    let mut prose = 0;
    let end = c.lines.len().min(out.len()).min(i + 8);
    for (j, line) in c.lines.iter().enumerate().take(end).skip(i + 1) {
        if out[j] {
            return Some(j);
        }
        if !line.trim().is_empty() {
            prose += 1;
            if prose > 1 {
                return None;
            }
        }
    }
    None
}

/// Read the clues of one input and add their facts to `r`. Names only when the readers gave
/// none and split nothing; `-ComputerName` and a chat's named blocks may give sections.
pub fn read(
    file: &str,
    c: &Cleaned,
    r: &mut ReadResult,
    cat: &Catalog,
    marks: &[(u64, String)],
) -> Found {
    let mut found = Found::default();
    let out = output_lines(c, r);
    let at = |n: u64| Provenance::line(file, n, READER);
    let mut facts: Vec<(Fact, u64)> = Vec::new();
    let role =
        |name: Option<String>, host: bool, clue: RoleClue, word: Option<String>| Fact::RoleClue {
            name,
            host,
            clue,
            word,
        };
    // Names by strength: 0 a tool's output, 1 a label or title, 2 tied prose, 3 a role-tied
    // name just before the first output, 4 a mail's subject.
    let mut names: Vec<(u8, u64, String)> = Vec::new();
    // Named blocks: a tied name right before an output block.
    let mut blocks: Vec<(u64, String)> = Vec::new();
    let mut roles_named: Vec<(u64, String, bool, String)> = Vec::new();
    let first_out = out.iter().position(|o| *o);
    let mut pending_computer: Option<String> = None;
    let mut prose_lines = 0usize;
    let mut remote: Option<(u64, String)> = None;
    let mut session = false;
    let mark_lines: std::collections::HashSet<u64> = marks.iter().map(|m| m.0).collect();
    let mut vm_filter: Option<u64> = None;
    // After `wmic computersystem get ... Name`: the Name column's start once its header is seen.
    let mut wmic_cs: Option<Option<usize>> = None;
    let mut vm_filters: Vec<(u64, u64)> = Vec::new();
    // After `wmic computersystem get Manufacturer,Model`: its output may name a hypervisor.
    let mut wmic_model = false;
    // Names a tool printed (the readers' computer names, `hostname`'s output, a transcript's
    // markers), each where its output is.
    let mut name_events: Vec<(u64, String)> = r
        .observations
        .iter()
        .filter_map(|o| match &o.fact {
            Fact::ComputerName { name } => o.from.line.map(|l| (l, short_name(name))),
            _ => None,
        })
        .collect();
    name_events.extend(marks.iter().map(|m| (m.0, short_name(&m.1))));
    // Computer names the words give (`computer name X`), and whether the line says a guest's.
    let mut computer_names: Vec<(u64, String, bool)> = Vec::new();
    let mut host_labels: Vec<(u64, String)> = Vec::new();
    let mut subject: Option<(u64, String)> = None;
    let mut prose_names: Vec<String> = Vec::new();
    // Names a label line of both roles gave (`VM: APP-07 | Host: HV-NODE2`), with their role.
    let mut pair_names: Vec<(String, bool)> = Vec::new();
    for (i, line) in c.lines.iter().enumerate() {
        let n = c.numbers[i];
        if let Some(cmd) = c.commands[i].as_deref() {
            let low = cmd.to_ascii_lowercase();
            // The output of `$env:COMPUTERNAME`, `[Environment]::MachineName`, `hostname`.
            pending_computer = (low.trim() == "$env:computername"
                || low.contains("::machinename")
                || low.trim() == "hostname"
                || low.trim() == "hostname.exe")
                .then(|| cmd.to_string());
            // `wmic computersystem get Name` (`/value` or its table): the Name is the machine's.
            wmic_cs = (low.contains("wmic") && low.contains("computersystem") && {
                let get = low.split(" get ").nth(1).unwrap_or("");
                get.split([',', ' ', '/'])
                    .any(|w| w == "name" || w == "dnshostname")
            })
            .then_some(None);
            // `Invoke-Command -ComputerName X { ... }` or `Get-CimInstance ... -ComputerName X`:
            // the output until the next prompt is X's.
            // `Enter-PSSession -ComputerName X`: every command up to `exit` (`Exit-PSSession`)
            // runs on X, when the copy lost the session's `[X]: ` prompt.
            let leaves =
                matches!(low.trim(), "exit" | "exit-pssession") || remote_name(cmd).is_some();
            if !session || leaves {
                if let Some(prev) = remote.take() {
                    found.sections.push(prev);
                    // A session prompt's own name (`[X]: PS C:\>`) goes on from its line.
                    if !mark_lines.contains(&n) {
                        found.sections.push((n, String::new()));
                    }
                }
                remote = remote_name(cmd).map(|x| (n, x));
                session = remote.is_some() && low.trim_start().starts_with("enter-pssession");
            }
            // `Get-ClusterGroup | ? GroupType -eq VirtualMachine`: the groups it lists are VMs'.
            if let Some(f) = vm_filter.take() {
                vm_filters.push((f, n));
            }
            vm_filter = filters_vm_groups(&low).then_some(n);
            // `Get-WindowsFeature Hyper-V` ... Installed.
            if low.contains("get-windowsfeature") && feature_is_hyperv(&low) {
                let next = (i + 1..c.lines.len())
                    .take_while(|&j| c.commands[j].is_none())
                    .find(|&j| {
                        let t = c.lines[j].trim();
                        t == "Installed"
                            || t.strip_prefix("InstallState").is_some_and(|v| {
                                v.trim_start_matches([' ', ':']).trim() == "Installed"
                            })
                    });
                if let Some(j) = next {
                    facts.push((
                        role(None, true, RoleClue::HyperVFeature, None),
                        c.numbers[j],
                    ));
                }
            }
            // `Get-VM` (also inside `powershell -c "..."`) and its table of VMs: a host's.
            if lists_vms(&low) {
                let header = (i + 1..c.lines.len().min(i + 12))
                    .take_while(|&j| c.commands[j].is_none())
                    .find(|&j| {
                        let t = c.lines[j].trim_start();
                        let mut w = t.split_whitespace();
                        (w.next() == Some("Name") && t.split_whitespace().any(|x| x == "State"))
                            || t.strip_prefix("State").is_some_and(|v| {
                                v.trim_start().strip_prefix(':').is_some_and(|v| {
                                    matches!(v.trim(), "Running" | "Off" | "Saved" | "Paused")
                                })
                            })
                    });
                if let Some(j) = header {
                    facts.push((role(None, true, RoleClue::VmList, None), c.numbers[j]));
                }
            }
            // An AVMA key installed or tried here.
            for k in avma_core::key::find_keys(cmd) {
                let avma = cat.key(&k.key).is_some_and(|x| x.kind == KeyKind::Avma);
                if avma
                    && (low.contains("/ipk")
                        || low.contains("/productkey")
                        || low.contains("-productkey"))
                {
                    facts.push((role(None, false, RoleClue::AvmaKey, None), n));
                }
            }
            wmic_model = wmic_model_cmd(&low);
            // `(Get-CimInstance Win32_ComputerSystem).Manufacturer` and its one-line output.
            if low.contains("win32_computersystem")
                && (low.contains("manufacturer") || low.contains("model"))
            {
                if let Some(j) =
                    (i + 1..c.lines.len().min(i + 4)).find(|&j| !c.lines[j].trim().is_empty())
                {
                    let v = c.lines[j].trim();
                    if c.commands[j].is_none() && virtual_platform(v) {
                        facts.push((
                            role(None, false, RoleClue::VirtualPlatform, Some(v.to_string())),
                            c.numbers[j],
                        ));
                    }
                }
            }
            continue;
        }
        let t = line.trim();
        if t.is_empty() {
            continue;
        }
        if let Some(v) = wmic_model.then(|| wmic_platform(t)).flatten() {
            facts.push((role(None, false, RoleClue::VirtualPlatform, Some(v)), n));
        }
        if let Some(col) = wmic_cs {
            if let Some(x) = wmic_name(line, col) {
                match x {
                    Ok(x) => {
                        name_events.push((n, x.clone()));
                        names.push((0, n, x));
                        r.placed.push(n);
                        wmic_cs = None;
                    }
                    Err(k) => wmic_cs = Some(Some(k)),
                }
                continue;
            }
        }
        if pending_computer.take().is_some() {
            if let Some(x) = name_at(t, 0, t.len(), false) {
                name_events.push((n, x.clone()));
                names.push((0, n, x));
                r.placed.push(n);
            }
            continue;
        }
        // `[X] Hyper-V   Hyper-V   Installed` (Get-WindowsFeature's table).
        if t.starts_with("[X]") {
            let cells: Vec<&str> = t
                .split("  ")
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .collect();
            if cells.len() >= 3 && cells[1] == "Hyper-V" && cells.last() == Some(&"Installed") {
                facts.push((role(None, true, RoleClue::HyperVFeature, None), n));
                r.placed.push(n);
            }
        }
        if let Some((label, value)) = crate::util::label_value(t) {
            if model_label(label) && virtual_platform(value) {
                facts.push((
                    role(
                        None,
                        false,
                        RoleClue::VirtualPlatform,
                        Some(value.to_string()),
                    ),
                    n,
                ));
            }
            let l = label.to_ascii_lowercase();
            // `Guest IAID: Not Available` (`Nicht verfügbar`, any language) is slmgr's line on a
            // machine that holds no AVMA activation, a host's too: only an IAID value is a clue.
            let iaid = l == "guest iaid" && is_iaid_value(value);
            if iaid || l.starts_with("automatic vm activation") {
                facts.push((role(None, false, RoleClue::AvmaClientBlock, None), n));
            }
        }
        if out[i] && !is_prose_shaped(t) {
            continue;
        }
        if !may_name(t) || prose_lines >= PROSE_LINES {
            continue;
        }
        prose_lines += 1;
        if let Some(x) = subject_name(t) {
            subject.get_or_insert((n, x));
        } else if prose_names.len() < 16 {
            // Every other name the prose writes: a subject's name is the paste's only without
            // a rival (`Subject: ... drain of HV-B3` over a guest FIN-APP11's output is not).
            for w in t.split(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '.'))) {
                if let Some(x) = name_at(w, 0, w.len(), true) {
                    if !prose_names.contains(&x) {
                        prose_names.push(x);
                    }
                }
            }
        }
        if let Some((x, _)) = label_name(t) {
            if let Some(w) = host_label(t) {
                // `Affected host: HV-01`: the host's name, and its role; the paste's machine
                // only when its evidence is not a guest's (below).
                facts.push((
                    role(Some(x.clone()), true, RoleClue::Prose, Some(w.clone())),
                    n,
                ));
                roles_named.push((n, x.clone(), true, w));
                host_labels.push((n, x));
            } else {
                names.push((1, n, x));
            }
        } else if let Some(x) = title_name(t) {
            names.push((1, n, x));
        }
        if let Some((x, guest)) = computer_name(t) {
            computer_names.push((n, x, guest));
        }
        let mut named = named_roles(t);
        for x in role_labels(t) {
            pair_names.push((x.0.clone(), x.1));
            if !named.iter().any(|y| y.0 == x.0) {
                named.push(x);
            }
        }
        for (x, host, w) in &named {
            facts.push((
                role(Some(x.clone()), *host, RoleClue::Prose, Some(w.clone())),
                n,
            ));
            roles_named.push((n, x.clone(), *host, w.clone()));
        }
        if let Some((x, _)) = tied_name(t) {
            if output_after(c, &out, i).is_some() || t.ends_with([':', '：']) {
                names.push((2, n, x.clone()));
                if let Some(j) = output_after(c, &out, i) {
                    let _ = j;
                    blocks.push((n, x));
                }
            }
        }
    }
    if let Some(prev) = remote.take() {
        found.sections.push(prev);
    }
    if let Some(f) = vm_filter.take() {
        vm_filters.push((f, u64::MAX));
    }
    group_types(r, &vm_filters);
    if let Some((n, x)) = subject {
        // The weakest of the names: any name tied to the output is nearer it.
        if prose_names.iter().all(|p| *p == x) {
            names.push((4, n, x));
        }
    }
    // Introducing sentences: the output after them is a guest's or a host's.
    let mut intro: Option<bool> = None;
    let mut intros: Vec<(u64, bool, Option<String>)> = Vec::new();
    let mut weak_intros: Vec<bool> = Vec::new();
    // Introducing lines that say another machine of the role (`On the other host:`).
    let mut others: Vec<u64> = Vec::new();
    for (i, line) in c.lines.iter().enumerate() {
        let t = line.trim();
        // A reader may take `On the host:` between two outputs for a label with no value (an
        // slmgr block's heading): an introducing sentence ending in a colon is still one.
        let intro_in_output = out[i]
            && !line.starts_with([' ', '\t'])
            && t.ends_with([':', '：'])
            && intro_role(t).is_some();
        if (out[i] && !intro_in_output) || c.commands[i].is_some() {
            continue;
        }
        if t.is_empty() || (output_after(c, &out, i).is_none() && !t.ends_with([':', '：'])) {
            continue;
        }
        // A chat's or a mail's line that ties one role word to one name right before an output
        // block introduces it too (`ホスト HV-NGY01 で slmgr /dlv を実行しました`, `ゲスト X の
        // DISM はこちら`).
        // Only a line of its own (not an output's indented continuation, not a `ゲスト: X` label)
        // and only
        // when another such line starts another section (below).
        let tied_role = || {
            let role_label =
                crate::util::label_value(t).is_some_and(|(k, _)| role_of_word(k).is_some());
            if line.starts_with([' ', '\t']) || role_label {
                return None;
            }
            let named = named_roles(t);
            match named.as_slice() {
                [(_, host, w)] if output_after(c, &out, i).is_some() => Some((*host, w.clone())),
                _ => None,
            }
        };
        // `and the guest, computer name APP-GW-07, shows:`, `und der Gast mit Computername X
        // zeigt:`: a role word and the machine's name after a name phrase say whose it is too.
        // A banner with a role word right before an output (`--- Host ---`, `--- VM X (Windows
        // Server 2019 Standard) ---`): whose output follows, and its name when it gives one.
        let after = output_after(c, &out, i);
        let banner = after.and_then(|_| {
            crate::clean::role_banner(t)
                .map(|(h, w)| (h, w.to_string(), None))
                .or_else(|| {
                    let (x, r) = crate::clean::marker_with_role(t)?;
                    let (h, w) = r?;
                    Some((h, w.to_string(), Some(short(x))))
                })
                .or_else(|| inside_name(t).map(|(w, x)| (false, w, Some(x))))
                // `Host: HV-NODE2` alone, of a name a label line of both roles gave this role.
                .or_else(|| {
                    role_label_alone(t)
                        .filter(|(h, _, x)| pair_names.iter().any(|p| p.0 == *x && p.1 == *h))
                        .map(|(h, w, x)| (h, w, Some(x)))
                })
        });
        let strong = intro_role(t)
            .or_else(|| banner.clone().map(|(h, w, _)| (h, w)))
            .or_else(|| named_intro(t, after.is_some()));
        let weak = strong.is_none().then(tied_role).flatten();
        if let Some((host, w)) = strong.clone().or(weak.clone()) {
            if strong.is_some() && first_out.is_some_and(|k| k > i) && intro.is_none() {
                intro = Some(host);
            }
            // `同じゲストで`, `on the same host`: the section goes on.
            let same = intro_name(t, host).is_none() && says_same(t);
            if let Some(j) = after.filter(|_| !same) {
                // Another introducing sentence before the output is the one that introduces it.
                let nearer = (i + 1..j).any(|k| {
                    c.commands[k].is_none() && !out[k] && intro_role(c.lines[k].trim()).is_some()
                });
                if !nearer {
                    let named = banner.clone().and_then(|b| b.2);
                    intros.push((c.numbers[i], host, named.or_else(|| intro_name(t, host))));
                    weak_intros.push(weak.is_some());
                    if says_other(t) {
                        others.push(c.numbers[i]);
                    }
                }
            }
            if weak.is_some() {
                continue;
            }
            // A named role word on the same line said it already.
            if roles_named
                .iter()
                .any(|x| x.0 == c.numbers[i] && x.2 == host && w.eq_ignore_ascii_case(&x.3))
            {
                continue;
            }
            facts.push((role(None, host, RoleClue::Prose, Some(w)), c.numbers[i]));
        }
    }
    // A banner that names its machine and its role (`--- VM MAGAZ01 (Windows Server 2019
    // Standard) ---`, a marker the transcript reader took) introduces that machine's output
    // as a sentence would, beside a role's banner without a name (`--- Host ---`).
    if !intros.is_empty() {
        for (line, name) in marks {
            let host = r.observations.iter().find_map(|o| match &o.fact {
                Fact::RoleClue {
                    name: Some(x),
                    host,
                    clue: RoleClue::Prose,
                    ..
                } if o.from.line == Some(*line) && *x == short_name(name) => Some(*host),
                _ => None,
            });
            if let Some(h) = host.filter(|_| !intros.iter().any(|x| x.0 == *line)) {
                intros.push((*line, h, Some(short_name(name))));
                weak_intros.push(false);
            }
        }
    }
    // A role-tied name alone is no section of its own: only beside another introducing line.
    if intros.len() < 2 {
        let mut k = 0;
        intros.retain(|_| {
            k += 1;
            !weak_intros[k - 1]
        });
    }
    // A guest's own integration services queried here.
    for o in &r.observations {
        if let Fact::Service { name, .. } = &o.fact {
            if name.to_ascii_lowercase().starts_with("vmic") {
                if let Some(l) = o.from.line {
                    facts.push((
                        role(None, false, RoleClue::GuestService, Some(name.clone())),
                        l,
                    ));
                }
            }
        }
    }
    // What the tools' output itself says of the machine's role: a guest's (an AVMA licence or
    // client block, its KVP registry, its own services) or a host's (Hyper-V cmdlets' output).
    let guest_evidence = facts.iter().any(
        |(f, _)| matches!(f, Fact::RoleClue { host: false, clue, .. } if *clue != RoleClue::Prose),
    ) || r.observations.iter().any(|o| match &o.fact {
        Fact::GuestParameters(_) => true,
        Fact::Product(p) => {
            p.channel.as_deref() == Some("VIRTUAL_MACHINE_ACTIVATION")
                || p.avma.host_machine_name.is_some()
        }
        _ => false,
    });
    let host_evidence = facts.iter().any(
        |(f, _)| matches!(f, Fact::RoleClue { host: true, clue, .. } if *clue != RoleClue::Prose),
    ) || r
        .observations
        .iter()
        .any(|o| matches!(o.fact, Fact::IntegrationService(_) | Fact::Vm { .. }));
    let evidence_role = match (host_evidence, guest_evidence) {
        (true, false) => Some(true),
        (false, true) => Some(false),
        _ => None,
    };
    // A host label names the paste's machine only when its evidence is not a guest's.
    if evidence_role != Some(false) {
        for (n, x) in host_labels {
            names.push((1, n, x));
        }
    }
    // A role-tied name right before the first output, when nothing ties another name.
    if let Some(first) = first_out.map(|k| c.numbers[k]) {
        // The sentence that introduces the output may say whose it is (`From inside the VM:`),
        // or the output itself (a guest's AVMA licence: the guest's name, not its host's).
        let near: Vec<&(u64, String, bool, String)> = roles_named
            .iter()
            .filter(|x| x.0 < first && first - x.0 <= 8)
            .filter(|x| intro.is_none_or(|h| h == x.2))
            .filter(|x| evidence_role.is_none_or(|h| h == x.2))
            .collect();
        let mut distinct: Vec<&str> = near.iter().map(|x| x.1.as_str()).collect();
        distinct.dedup();
        if let [one] = distinct.as_slice() {
            if let Some(x) = near.first() {
                names.push((3, x.0, one.to_string()));
            }
        }
    }
    // Several tied names each right before its own output block: a chat or e-mail with two
    // machines' outputs in turn.
    blocks.sort_by_key(|b| b.0);
    blocks.dedup_by(|b, a| a.1 == b.1);
    let mut distinct: Vec<&str> = blocks.iter().map(|b| b.1.as_str()).collect();
    distinct.sort_unstable();
    distinct.dedup();
    if distinct.len() >= 2 && found.sections.is_empty() {
        found.sections = blocks.clone();
    }
    // Sections a host's and a guest's introducing sentences start (`On the host:`, `Dentro da
    // VM:`), when nothing above split the input.
    let mut single: Option<(u64, String)> = None;
    let mut single_strong = false;
    if found.sections.is_empty() && r.sections.is_empty() && !intros.is_empty() {
        // A host's output about one VM and a guest's own services: the guest is that VM, as
        // detect.rs's `guest_services` says (it names the VM's section).
        let mut vms: Vec<String> = Vec::new();
        let mut guest_service = false;
        for o in &r.observations {
            let vm = match &o.fact {
                Fact::IntegrationService(s) => s.vm.as_deref(),
                Fact::Vm { name, .. } => Some(name.as_str()),
                Fact::Service { name, .. } => {
                    guest_service |= name.to_ascii_lowercase().starts_with("vmic");
                    None
                }
                _ => None,
            };
            if let Some(v) = vm.map(str::to_ascii_uppercase) {
                if !vms.contains(&v) {
                    vms.push(v);
                }
            }
        }
        let clues = NameClues {
            roles_named: roles_named
                .iter()
                .map(|x| (x.0, x.1.clone(), x.2))
                .collect(),
            computer_names: computer_names.clone(),
        };
        let mut secs = role_sections(c, &out, &intros, &others, &name_events, &clues);
        if guest_service && vms.len() == 1 && secs.iter().any(|s| s.key() == ANON_GUEST) {
            secs.clear();
        }
        let sections: Vec<(u64, String)> = secs.iter().map(|s| (s.start, s.key())).collect();
        let mut keys: Vec<&str> = sections.iter().map(|s| s.1.as_str()).collect();
        keys.sort_unstable();
        keys.dedup();
        // Facts before the first section are the input's own machine's ("").
        let first = sections.first().map_or(0, |s| s.0);
        let before = r.observations.iter().any(|o| {
            !matches!(o.fact, Fact::RoleClue { .. }) && o.from.line.is_some_and(|l| l < first)
        });
        if before {
            keys.push("");
        }
        keys.sort_unstable();
        keys.dedup();
        if keys.len() >= 2 {
            found.sections = sections;
            if before {
                found.sections.insert(0, (1, String::new()));
            }
        } else if let [one] = secs.as_slice() {
            // One machine: its name where the words give it (a tool's name is a fact already).
            if let (Some(x), Some(at), false) = (&one.name, one.named_at, one.by_tool) {
                single = Some((at, x.clone()));
                // Named by its own introducing sentence (`inside the guest (computer name X):`):
                // nearer the output than any label.
                single_strong = at == one.start;
            }
        }
    }
    let readers_named = r
        .observations
        .iter()
        .any(|o| matches!(o.fact, Fact::ComputerName { .. }));
    if !readers_named && r.sections.is_empty() && found.sections.is_empty() {
        names.sort_by_key(|x| (x.0, x.1));
        if let Some((k, line, x)) = names.first() {
            // Two different names of the same strength: not certain.
            let rival = names.iter().any(|y| y.0 == *k && y.2 != *x);
            if !rival {
                found.name = Some((*line, x.clone()));
            }
        }
        // The one section's name when the words give no other certain one.
        if found.name.is_none() || single_strong {
            found.name = single.or(found.name.take());
        }
    }
    facts.dedup();
    for (f, n) in facts {
        r.push(f, at(n));
    }
    found
}

/// The name of a section of a guest's (or a host's) machine the text does not name (yet): never
/// a computer name (those have no control characters).
pub const ANON_GUEST: &str = "\u{1}guest";
/// See [`ANON_GUEST`].
pub const ANON_HOST: &str = "\u{1}host";

/// Is this section name one of an unnamed machine ([`ANON_GUEST`], [`ANON_HOST`])?
pub fn is_anonymous(name: &str) -> bool {
    name.starts_with('\u{1}')
}

/// A name as the role clues write it: its first label, in upper case.
pub(crate) fn short(n: &str) -> String {
    short_name(n)
}

fn short_name(n: &str) -> String {
    n.split('.').next().unwrap_or(n).trim().to_ascii_uppercase()
}

/// The name an introducing sentence gives its section: a role word tied to a name of the same
/// role (`No host HV-POA-01:`), a name tied to the output (`На ВМ (DB-NSK-07):`), a computer
/// name (`Et dans la VM (nom d'ordinateur X) :`).
fn intro_name(t: &str, host: bool) -> Option<String> {
    // A name in quotes (`en la VM "WEB03":`, `in der VM „APP01“:`) is the name.
    let bare = unquoted(t);
    let t = bare.as_str();
    let named = named_roles(t);
    let mut same: Vec<&String> = named.iter().filter(|x| x.1 == host).map(|x| &x.0).collect();
    same.dedup();
    if let [one] = same.as_slice() {
        return Some((*one).clone());
    }
    // A name the line ties to the other role is not this section's.
    let other = |n: &String| named.iter().any(|x| x.1 != host && x.0 == *n);
    if let Some((n, _)) = computer_name(t).filter(|x| !other(&x.0)) {
        return Some(n);
    }
    tied_name(t)
        .map(|x| x.0)
        .or_else(|| called_name(t))
        .filter(|n| !other(n))
}

/// The line where the output that holds line `n` starts: its command's prompt line, else its
/// first line.
fn block_start(c: &Cleaned, out: &[bool], n: u64) -> u64 {
    let Ok(mut j) = c.numbers.binary_search(&n) else {
        return n;
    };
    while j > 0 && c.commands[j].is_none() {
        let prev = c.lines[j - 1].trim();
        if !(out[j - 1] || prev.is_empty()) {
            break;
        }
        j -= 1;
    }
    // Not past blank lines into nothing: the block's first non-blank line.
    while j + 1 < c.lines.len() && c.lines[j].trim().is_empty() && c.numbers[j] < n {
        j += 1;
    }
    c.numbers[j]
}

/// The sections of one paste that holds a host's and a guest's output, each started by a
/// sentence that says whose the output after it is, up to the next such sentence or the end. A
/// tool's computer name in a section names it; one of another name starts a section of its own
/// (where its output starts). A section still unnamed takes the one name the text ties to its
/// role (`the host HV-01`; for a guest first its computer name), never a name another section
/// has; else it stays a machine of its own without a name ([`ANON_GUEST`], [`ANON_HOST`]).
fn role_sections(
    c: &Cleaned,
    out: &[bool],
    intros: &[(u64, bool, Option<String>)],
    others: &[u64],
    name_events: &[(u64, String)],
    clues: &NameClues,
) -> Vec<Section> {
    let mut secs: Vec<Section> = Vec::new();
    // (line, an introducing sentence's role and name, or a tool's name)
    type Event = (u64, Option<(bool, Option<String>)>, Option<String>);
    let mut events: Vec<Event> = intros
        .iter()
        .map(|(n, h, x)| (*n, Some((*h, x.clone())), None))
        .collect();
    events.extend(name_events.iter().map(|(n, x)| (*n, None, Some(x.clone()))));
    events.sort_by_key(|e| (e.0, e.1.is_none()));
    for (n, intro, name) in events {
        if let Some((host, x)) = intro {
            let named_at = x.as_ref().map(|_| n);
            // `On the other host:` after an unnamed host's section: a second machine of the role.
            let earlier = secs
                .iter()
                .filter(|s| s.host == Some(host) && s.name.is_none())
                .count();
            let nth = if x.is_none() && others.contains(&n) {
                earlier as u32
            } else {
                0
            };
            secs.push(Section {
                start: n,
                host: Some(host),
                name: x,
                named_at,
                by_tool: false,
                nth,
            });
            continue;
        }
        let Some(x) = name else { continue };
        match secs.last_mut() {
            Some(s) if s.name.is_none() => {
                s.name = Some(x);
                s.named_at = Some(n);
                s.by_tool = true;
            }
            Some(s) if s.name.as_deref() == Some(x.as_str()) => {}
            _ => {
                let at = block_start(c, out, n);
                let at = secs.last().map_or(at, |s| at.max(s.start + 1));
                secs.push(Section {
                    start: at,
                    host: None,
                    name: Some(x),
                    named_at: Some(n),
                    by_tool: true,
                    nth: 0,
                });
            }
        }
    }
    let used: Vec<String> = secs.iter().filter_map(|s| s.name.clone()).collect();
    let unique = |v: Vec<(u64, String)>| {
        let mut names: Vec<&String> = v
            .iter()
            .map(|x| &x.1)
            .filter(|x| !used.contains(x))
            .collect();
        names.sort_unstable();
        names.dedup();
        match names.as_slice() {
            [one] => v.iter().find(|x| x.1 == **one).cloned(),
            _ => None,
        }
    };
    for k in 0..secs.len() {
        let (None, Some(host)) = (&secs[k].name, secs[k].host) else {
            continue;
        };
        // Two unnamed sections of one role: which is which is not certain.
        let twins = secs
            .iter()
            .filter(|s| s.host == Some(host) && s.name.is_none())
            .count();
        if twins != 1 {
            continue;
        }
        let mut name = None;
        if !host {
            name = unique(
                clues
                    .computer_names
                    .iter()
                    .filter(|x| x.2)
                    .map(|x| (x.0, x.1.clone()))
                    .collect(),
            );
        }
        if name.is_none() {
            name = unique(
                clues
                    .roles_named
                    .iter()
                    .filter(|x| x.2 == host)
                    .map(|x| (x.0, x.1.clone()))
                    .collect(),
            );
        }
        if let Some((at, x)) = name {
            secs[k].name = Some(x);
            secs[k].named_at = Some(at);
        }
    }
    secs.dedup_by(|b, a| a.key() == b.key());
    secs
}

/// One section [`role_sections`] marks.
#[derive(Debug, Clone)]
struct Section {
    start: u64,
    /// Host or guest, when a sentence said it.
    host: Option<bool>,
    name: Option<String>,
    /// The line that gives the name.
    named_at: Option<u64>,
    /// The name is a tool's output (a reader's computer name, `hostname`).
    by_tool: bool,
    /// Another unnamed machine of its role (`On the other host:`): 1 for the second, ...
    nth: u32,
}

impl Section {
    /// The section's name in [`Found::sections`].
    fn key(&self) -> String {
        match (&self.name, self.host) {
            (Some(x), _) => x.clone(),
            (None, Some(true)) if self.nth > 0 => format!("{ANON_HOST}-{}", self.nth + 1),
            (None, Some(false)) if self.nth > 0 => format!("{ANON_GUEST}-{}", self.nth + 1),
            (None, Some(true)) => ANON_HOST.to_string(),
            (None, Some(false)) => ANON_GUEST.to_string(),
            (None, None) => String::new(),
        }
    }
}

/// The names the text's words tie to a role, for [`role_sections`].
struct NameClues {
    roles_named: Vec<(u64, String, bool)>,
    computer_names: Vec<(u64, String, bool)>,
}

/// The one computer a remoting command targets (`-ComputerName X`, `-CimSession X`), not a list.
fn remote_name(cmd: &str) -> Option<String> {
    static R: OnceLock<Regex> = OnceLock::new();
    let r = re(
        &R,
        r#"(?i)-(?:ComputerName|CimSession|Cn)\s+['"]?([A-Za-z0-9][A-Za-z0-9.\-]{0,62})['"]?(\s*,)?"#,
    );
    let c = r.captures(cmd)?;
    if c.get(2).is_some() {
        return None;
    }
    let m = c.get(1)?;
    let t = m.as_str();
    (is_machine_name(t, false) && !t.eq_ignore_ascii_case("localhost"))
        .then(|| t.split('.').next().unwrap_or(t).to_ascii_uppercase())
}

/// Does a remoting command run on several computers, or on ones the text does not name
/// (`Invoke-Command -ComputerName A,B { ... }`, `-ComputerName (Get-ClusterNode)`,
/// `-ComputerName $nodes`, `@('A','B')`)? Its output belongs to one of them, but not to a known
/// one unless each object says (`PSComputerName`). One name, `localhost`, `.` and
/// `$env:COMPUTERNAME` are one computer ([`remote_name`]); `-VMName` is the guest's business.
fn remote_several(cmd: &str) -> bool {
    static R: OnceLock<Regex> = OnceLock::new();
    let r = re(
        &R,
        r#"(?i)-(?:ComputerName|Cn)(?::|\s)\s*([^\s{]+(?:\s*,\s*[^\s,{]+)*)"#,
    );
    let low = cmd.to_ascii_lowercase();
    if !low.contains("invoke-command") {
        return false;
    }
    let Some(arg) = r.captures(cmd).and_then(|c| c.get(1)) else {
        return false;
    };
    let a = arg.as_str().trim().to_ascii_lowercase();
    if a.starts_with("$env:computername") || a == "." || a == "localhost" {
        return false;
    }
    a.contains(',') || a.starts_with('(') || a.starts_with("@(") || a.starts_with('$')
}

/// The output blocks of remoting commands that run on several computers ([`remote_several`]):
/// from the line after the command's prompt up to the next prompt (exclusive; `u64::MAX` at the
/// end of the text). One pass over the lines.
pub fn several_remote_blocks(c: &Cleaned) -> Vec<(u64, u64, String)> {
    let mut out: Vec<(u64, u64, String)> = Vec::new();
    let mut open: Option<(u64, String)> = None;
    for (cmd, n) in c.commands.iter().zip(&c.numbers) {
        let Some(cmd) = cmd.as_deref() else { continue };
        if let Some((start, names)) = open.take() {
            out.push((start, *n, names));
        }
        if remote_several(cmd) {
            open = Some((n + 1, remote_list(cmd)));
        }
    }
    if let Some((start, names)) = open {
        out.push((start, u64::MAX, names));
    }
    out
}

/// The computer names a remoting command lists (`-ComputerName A,B`: `A, B`), "" when it lists
/// none by name (an expression, a variable).
fn remote_list(cmd: &str) -> String {
    static R: OnceLock<Regex> = OnceLock::new();
    let r = re(
        &R,
        r#"(?i)-(?:ComputerName|Cn)\s+((?:['"]?[A-Za-z0-9][A-Za-z0-9.\-]{0,62}['"]?\s*,\s*)+['"]?[A-Za-z0-9][A-Za-z0-9.\-]{0,62}['"]?)"#,
    );
    let Some(m) = r.captures(cmd).and_then(|c| c.get(1)) else {
        return String::new();
    };
    let names: Vec<String> = m
        .as_str()
        .split(',')
        .map(|x| x.trim().trim_matches(['\'', '"']))
        .filter(|x| is_machine_name(x, false))
        .map(|x| x.split('.').next().unwrap_or(x).to_ascii_uppercase())
        .collect();
    names.join(", ")
}

#[cfg(test)]
mod remoting_tests {
    use super::*;

    #[test]
    fn several_computers_or_unnamed_ones() {
        for c in [
            "Invoke-Command -ComputerName HV1,HV2 { slmgr /dli }",
            "Invoke-Command -ComputerName HV1, HV2 -ScriptBlock { hostname }",
            "Invoke-Command -ComputerName 'HV1','HV2' { hostname }",
            "invoke-command -cn (Get-ClusterNode) { hostname }",
            "Invoke-Command -ComputerName (Get-ClusterNode).Name -ScriptBlock { hostname }",
            "Invoke-Command -ComputerName $nodes { hostname }",
            "Invoke-Command -ComputerName @('HV1','HV2') { hostname }",
        ] {
            assert!(remote_several(c), "{c}");
        }
        for c in [
            "Invoke-Command -ComputerName HV1 { slmgr /dli }",
            "Invoke-Command -ComputerName $env:COMPUTERNAME { hostname }",
            "Invoke-Command -ComputerName localhost { hostname }",
            "Invoke-Command -VMName APP01 { hostname }",
            "Get-CimInstance Win32_OperatingSystem -ComputerName HV1",
        ] {
            assert!(!remote_several(c), "{c}");
        }
        assert_eq!(
            remote_list("Invoke-Command -ComputerName hv1.corp.example,'HV2' { x }"),
            "HV1, HV2"
        );
        assert_eq!(remote_list("Invoke-Command -ComputerName $nodes { x }"), "");
    }
}

/// A command line that runs `Get-VM` itself (not `Get-VMIntegrationService`, not a remoting
/// target's: those are read elsewhere), in lower case.
fn lists_vms(low: &str) -> bool {
    low.split(|c: char| c.is_whitespace() || matches!(c, '(' | ')' | '\'' | '"' | '|' | ';' | '{'))
        .any(|w| w == "get-vm")
        && !low.contains("-computername")
}

/// A line of `wmic computersystem get ... Name`'s output: `Name=X` (`/value`), the table's
/// header (`Err`: where its `Name` column starts, in characters), or under that header the row's
/// `Name` cell; `None` for any other line.
fn wmic_name(line: &str, col: Option<usize>) -> Option<Result<String, usize>> {
    let t = line.trim();
    if let Some((k, v)) = t.split_once('=') {
        let k = k.trim();
        if k.eq_ignore_ascii_case("Name") || k.eq_ignore_ascii_case("DNSHostName") {
            return name_at(v.trim(), 0, v.trim().len(), false).map(Ok);
        }
        return None;
    }
    if col.is_none() {
        let mut at = 0usize;
        for w in line.split(' ') {
            if w.eq_ignore_ascii_case("Name") || w.eq_ignore_ascii_case("DNSHostName") {
                return Some(Err(at));
            }
            at += w.chars().count() + 1;
        }
        return None;
    }
    let k = col?;
    let cell: String = line
        .chars()
        .skip(k)
        .take_while(|c| !c.is_whitespace())
        .collect();
    let before = k
        .checked_sub(1)
        .is_none_or(|b| line.chars().nth(b).is_none_or(char::is_whitespace));
    (before && !cell.is_empty())
        .then(|| name_at(&cell, 0, cell.len(), false))
        .flatten()
        .map(Ok)
}

/// A `Get-ClusterGroup` command that keeps only the VMs' groups (`? GroupType -eq
/// VirtualMachine`, `Where-Object {$_.GroupType -eq 'VirtualMachine'}`), in lower case.
fn filters_vm_groups(low: &str) -> bool {
    let Some(at) = low.find("get-clustergroup") else {
        return false;
    };
    let rest = &low[at..];
    let Some(g) = rest.find("grouptype") else {
        return false;
    };
    let cond = &rest[g..];
    let cond = cond.split('|').next().unwrap_or(cond);
    cond.contains("virtualmachine")
        && ["-eq", "-like", "-match", "-ieq"]
            .iter()
            .any(|op| cond.contains(op))
        && !["-ne", "-notlike", "-notmatch", "-not "]
            .iter()
            .any(|op| cond.contains(op))
}

/// The type of cluster groups their row does not say: a VM's where the command kept only VMs'
/// groups (`filters`: the lines from such a command to the next prompt); the cluster's own
/// groups by their fixed names (`Cluster Group`, `Available Storage`), never a VM's.
fn group_types(r: &mut ReadResult, filters: &[(u64, u64)]) {
    for o in &mut r.observations {
        let Fact::ClusterGroup {
            name, group_type, ..
        } = &mut o.fact
        else {
            continue;
        };
        if group_type.is_some() {
            continue;
        }
        if name.trim().eq_ignore_ascii_case("Cluster Group") {
            *group_type = Some("Cluster".to_string());
            continue;
        }
        if name.trim().eq_ignore_ascii_case("Available Storage") {
            *group_type = Some("AvailableStorage".to_string());
            continue;
        }
        let Some(l) = o.from.line else { continue };
        // The filters are in line order and do not overlap: the last one starting before `l`.
        let k = filters.partition_point(|f| f.0 < l);
        if k > 0 && filters.get(k - 1).is_some_and(|f| l < f.1) {
            *group_type = Some("VirtualMachine".to_string());
        }
    }
}

/// `Get-WindowsFeature Hyper-V`, `-Name Hyper-V` (not `Hyper-V-Tools`, not a wildcard).
fn feature_is_hyperv(low: &str) -> bool {
    low.split(|c: char| c.is_whitespace() || matches!(c, '(' | ')' | '\'' | '"' | ','))
        .any(|w| w == "hyper-v")
}

/// Prose a reader may have counted as placed (a sentence with several words, no label, no
/// table's column gap).
fn is_prose_shaped(t: &str) -> bool {
    t.split_whitespace().count() >= 4 && !t.contains(" : ") && !t.contains("  ")
}

/// How many lines of prose are read for names and role words: the text around an output is
/// short; a huge log's lines past this are not prose about it.
const PROSE_LINES: usize = 5000;

/// A cheap test: does the line hold a character run that may be a machine's name (a letter and a
/// digit or dash)?
fn may_name(t: &str) -> bool {
    let b = t.as_bytes();
    b.iter().any(|c| c.is_ascii_digit() || *c == b'-')
        && b.iter()
            .any(|c| c.is_ascii_uppercase() || c.is_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_not_names() {
        for ok in [
            "FS-ARCH01",
            "SRV-PAIE",
            "APPSRV19",
            "hv-01",
            "web01.corp.example.org",
        ] {
            assert!(is_machine_name(ok, false), "{ok}");
        }
        for no in [
            "Hyper-V",
            "HYPER-V",
            "XXXX-01",
            "SRV-XXXX",
            "UTF-8",
            "KB5031364",
            "0xC004F074",
            "contoso.com",
            "2022",
            "4RHYD",
            "R2",
            "SERVERNAME",
            "X64",
        ] {
            assert!(!is_machine_name(no, false), "{no}");
        }
        assert!(!is_machine_name("fs-arch01", true));
    }

    #[test]
    fn labels_titles_and_ties() {
        assert_eq!(
            label_name("Configuration item: OPS-WEB11 (Virtual Machine, cluster C1)").map(|x| x.0),
            Some("OPS-WEB11".into())
        );
        assert_eq!(
            label_name("Betroffener Server: sap-app04").map(|x| x.0),
            Some("SAP-APP04".into())
        );
        assert_eq!(label_name("Server: <server>"), None);
        assert_eq!(label_name("Description: FS-01 is slow"), None);
        assert_eq!(
            title_name("[MKT-VM12 - Virtual Machine Connection]"),
            Some("MKT-VM12".into())
        );
        assert_eq!(
            title_name("ERP-DB2 - Remote Desktop Connection"),
            Some("ERP-DB2".into())
        );
        assert_eq!(
            tied_name("on BKP-SRV07 I ran this:").map(|x| x.0),
            Some("BKP-SRV07".into())
        );
        assert_eq!(
            tied_name("output from the guest WEB-Q7:").map(|x| x.0),
            Some("WEB-Q7".into())
        );
        assert_eq!(
            tied_name("and the node itself (HVX-09):").map(|x| x.0),
            Some("HVX-09".into())
        );
        assert_eq!(
            tied_name("HV-KY-02 のホストで実行した結果").map(|x| x.0),
            Some("HV-KY-02".into())
        );
        assert_eq!(
            tied_name("It lived on HV-C1 before, and runs on HV-C4 now."),
            None
        );
        assert_eq!(
            tied_name("currently running on HV-C3 (old node). From inside the VM:"),
            None
        );
        assert_eq!(tied_name("Please run it on <hostname>:"), None);
    }

    #[test]
    fn roles_in_words() {
        let r = named_roles("Sur l'hôte HV-NAN-02 et la VM SRV-COMPTA :");
        assert_eq!(r.len(), 2);
        assert!(r.iter().any(|x| x.0 == "HV-NAN-02" && x.1));
        assert!(r.iter().any(|x| x.0 == "SRV-COMPTA" && !x.1));
        let r = named_roles("DB-ORA03 is a 2019 Standard guest on our cluster");
        assert!(r.iter().any(|x| x.0 == "DB-ORA03" && !x.1));
        assert!(named_roles("宿主机 HV-GZ-03 上执行")
            .iter()
            .any(|x| x.0 == "HV-GZ-03" && x.1));
        assert_eq!(intro_role("From inside the VM:").map(|x| x.0), Some(false));
        assert!(is_iaid_value("9a7e4c21-6d3b-4f0e-a158-3c2e1b0d7f94"));
        assert!(is_iaid_value("[REDACTED]"));
        assert!(!is_iaid_value("Not Available"));
        assert!(!is_iaid_value("Nicht verfügbar"));
        assert!(!is_iaid_value("利用できません"));
        assert_eq!(
            intro_role("on one of the Hyper-V nodes, here is").map(|x| x.0),
            Some(true)
        );
        assert_eq!(intro_role("from the VM and on the host"), None);
    }

    #[test]
    fn sentences_that_start_a_section() {
        for (line, host) in [
            ("Dentro da VM:", false),
            ("На ВМ:", false),
            ("Et dans la VM :", false),
            ("Inside the guest:", false),
            ("ゲスト側:", false),
            ("在虚拟机里:", false),
            ("Dentro de la VM:", false),
            ("On the host:", true),
            ("No host HV-X1:", true),
            ("Sur l'hôte :", true),
            ("Сначала на хосте:", true),
            ("На гостевой:", false),
            ("ホスト側の統合サービスは以下のとおりです。", true),
        ] {
            assert_eq!(intro_role(line).map(|x| x.0), Some(host), "{line}");
        }
        // A host word that introduces nothing.
        assert_eq!(intro_role("no host was found in the list"), None);
        assert_eq!(intro_role("宿主机是 HV-SZ-03"), None);
        assert_eq!(
            intro_name("No host HV-POA-07:", true),
            Some("HV-POA-07".into())
        );
        assert_eq!(
            intro_name("На ВМ (DB-TST-02):", false),
            Some("DB-TST-02".into())
        );
        assert_eq!(
            intro_name("Et dans la VM (nom d'ordinateur PAIE02) :", false),
            Some("PAIE02".into())
        );
        assert_eq!(intro_name("On the host:", true), None);
    }

    #[test]
    fn a_mail_subject_names_one_machine() {
        assert_eq!(
            subject_name("Subject: RE: activation HV01"),
            Some("HV01".into())
        );
        assert_eq!(
            subject_name("件名: RE: HV-TKY01 のライセンス"),
            Some("HV-TKY01".into())
        );
        assert_eq!(
            subject_name("Betreff: AW: Aktivierung APP-VM03"),
            Some("APP-VM03".into())
        );
        for l in [
            "Subject: RE: help",
            "Subject: HV01 and VM02 activation",
            "Subject: KB5031364 failed",
            "Configuration item: HV01",
        ] {
            assert_eq!(subject_name(l), None, "{l}");
        }
    }

    #[test]
    fn sentences_that_start_a_section_it_de_nl_pl_ko_with_names_in_brackets_or_quotes() {
        for (line, host, name) in [
            ("dentro la VM (APP01):", false, "APP01"),
            ("sull'host HV-02:", true, "HV-02"),
            ("en el host HV02:", true, "HV02"),
            ("auf dem Host HV02:", true, "HV02"),
            ("in der VM APP01:", false, "APP01"),
            ("ゲスト (APP01) 側で:", false, "APP01"),
            ("ホスト（HV-OSK02）側で:", true, "HV-OSK02"),
            ("op de host HV04:", true, "HV04"),
            ("in de VM (APP03):", false, "APP03"),
            ("w maszynie wirtualnej (APP04):", false, "APP04"),
            ("na hoście HV05:", true, "HV05"),
            ("게스트 (APP05) 에서:", false, "APP05"),
            ("en la VM \"WEB03\":", false, "WEB03"),
            ("in der VM „APP07“:", false, "APP07"),
        ] {
            assert_eq!(intro_role(line).map(|x| x.0), Some(host), "{line}");
            assert_eq!(intro_name(line, host), Some(name.to_string()), "{line}");
        }
        // Words of these languages that introduce nothing.
        assert_eq!(intro_role("il nodo è stato riavviato"), None);
        assert_eq!(intro_role("de host is gisteren herstart"), None);
    }

    #[test]
    fn computer_names_in_words() {
        assert_eq!(
            computer_name("O nome do computador dentro da VM é SRVX01, mas no Hyper-V"),
            Some(("SRVX01".into(), true))
        );
        assert_eq!(
            computer_name("Checked inside the guest (computer name PAY-03):"),
            Some(("PAY-03".into(), true))
        );
        assert_eq!(
            computer_name("nombre del equipo: app-sev4"),
            Some(("APP-SEV4".into(), false))
        );
        assert_eq!(computer_name("the computer name is <server>"), None);
        assert_eq!(computer_name("change the computer name later"), None);
    }

    #[test]
    fn host_labels_and_vm_lists() {
        assert_eq!(
            host_label("Host afectado: HV-MAD-09"),
            Some("Host afectado".into())
        );
        assert_eq!(
            host_label("Affected host: HV-1A"),
            Some("Affected host".into())
        );
        assert_eq!(host_label("Configuration item: APP-01"), None);
        assert!(lists_vms(r#"powershell -c "get-vm | ft name,state""#));
        assert!(lists_vms("get-vm"));
        assert!(!lists_vms("get-vmintegrationservice -vmname a1"));
        assert!(!lists_vms("get-vm -computername hv-02"));
        let r = named_roles("Die VM läuft auf HYPV-AB03 (Windows Server 2022).");
        assert!(r.iter().any(|x| x.0 == "HYPV-AB03" && x.1));
        let r = named_roles("宿主机是 HV-SZ-03, 虚拟机 WEB-SZ-09 是 2022");
        assert!(r.iter().any(|x| x.0 == "HV-SZ-03" && x.1));
        assert!(r.iter().any(|x| x.0 == "WEB-SZ-09" && !x.1));
        let r = named_roles("une VM sur un hôte Hyper-V HV-LYN-02 en 2022");
        assert!(r.iter().any(|x| x.0 == "HV-LYN-02" && x.1));
    }
}
