//! `systeminfo` output (the default list, `/fo list`, and the rows of `/fo csv` through
//! [`crate::csvexport`]): the host name, the OS name (version, edition, evaluation), the OS build,
//! the OS configuration (a domain controller or not) and the system model (`Virtual Machine` from
//! `Microsoft Corporation` is a Hyper-V guest).
//!
//! English labels are systeminfo.exe's own. The Japanese labels and values are the ones seen in
//! captures (UNVERIFIED: no Microsoft text read); a result read through them carries a note
//! saying so. Labels are compared without spaces (consoles and copies differ in them).

use avma_core::text::Msg;
use avma_core::Catalog;

use crate::observe::{ArtifactKind, EditionSource, Fact, Provenance, ReadResult};
use crate::util::{build_of, label_value, version_in_caption};

const READER: &str = "systeminfo";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Host,
    OsName,
    OsVersion,
    OsConfiguration,
    SystemManufacturer,
    SystemModel,
    /// A label systeminfo prints whose value avma does not use.
    Other,
}

/// systeminfo's English labels (systeminfo.exe), without spaces, and what each is.
const ENGLISH: &[(&str, Field)] = &[
    ("HostName", Field::Host),
    ("OSName", Field::OsName),
    ("OSVersion", Field::OsVersion),
    ("OSManufacturer", Field::Other),
    ("OSConfiguration", Field::OsConfiguration),
    ("OSBuildType", Field::Other),
    ("RegisteredOwner", Field::Other),
    ("RegisteredOrganization", Field::Other),
    ("ProductID", Field::Other),
    ("OriginalInstallDate", Field::Other),
    ("SystemBootTime", Field::Other),
    ("SystemManufacturer", Field::SystemManufacturer),
    ("SystemModel", Field::SystemModel),
    ("SystemType", Field::Other),
    ("Processor(s)", Field::Other),
    ("BIOSVersion", Field::Other),
    ("WindowsDirectory", Field::Other),
    ("SystemDirectory", Field::Other),
    ("BootDevice", Field::Other),
    ("SystemLocale", Field::Other),
    ("InputLocale", Field::Other),
    ("TimeZone", Field::Other),
    ("TotalPhysicalMemory", Field::Other),
    ("AvailablePhysicalMemory", Field::Other),
    ("VirtualMemory", Field::Other),
    ("PageFileLocation(s)", Field::Other),
    ("Domain", Field::Other),
    ("LogonServer", Field::Other),
    ("Hotfix(s)", Field::Other),
    ("NetworkCard(s)", Field::Other),
    ("Hyper-VRequirements", Field::Other),
];

/// The Japanese labels as seen in captures (UNVERIFIED), without spaces.
const JAPANESE: &[(&str, Field)] = &[
    ("ホスト名", Field::Host),
    ("OS名", Field::OsName),
    ("OSバージョン", Field::OsVersion),
    ("OS製造元", Field::Other),
    ("OS構成", Field::OsConfiguration),
    ("OSビルドの種類", Field::Other),
    ("登録されている所有者", Field::Other),
    ("登録されている組織", Field::Other),
    ("プロダクトID", Field::Other),
    ("最初のインストール日付", Field::Other),
    ("システム起動時間", Field::Other),
    ("システム製造元", Field::SystemManufacturer),
    ("システムモデル", Field::SystemModel),
    ("システムの種類", Field::Other),
    ("プロセッサ", Field::Other),
    ("BIOSバージョン", Field::Other),
    ("Windowsディレクトリ", Field::Other),
    ("システムディレクトリ", Field::Other),
    ("起動デバイス", Field::Other),
    ("システムロケール", Field::Other),
    ("入力ロケール", Field::Other),
    ("タイムゾーン", Field::Other),
    ("物理メモリの合計", Field::Other),
    ("利用できる物理メモリ", Field::Other),
    ("仮想メモリ", Field::Other),
    ("ページファイルの場所", Field::Other),
    ("ドメイン", Field::Other),
    ("ログオンサーバー", Field::Other),
    ("ホットフィックス", Field::Other),
    ("ネットワークカード", Field::Other),
    ("Hyper-Vの要件", Field::Other),
];

/// The Russian labels as admins paste them (UNVERIFIED: no Microsoft text read), without spaces.
const RUSSIAN: &[(&str, Field)] = &[
    ("Имяузла", Field::Host),
    ("НазваниеОС", Field::OsName),
    ("ВерсияОС", Field::OsVersion),
    ("ИзготовительОС", Field::Other),
    ("ПараметрыОС", Field::OsConfiguration),
    ("СборкаОС", Field::Other),
    ("Зарегистрированныйвладелец", Field::Other),
    ("Зарегистрированнаяорганизация", Field::Other),
    ("Кодпродукта", Field::Other),
    ("Датаустановки", Field::Other),
    ("Времязагрузкисистемы", Field::Other),
    ("Изготовительсистемы", Field::SystemManufacturer),
    ("Модельсистемы", Field::SystemModel),
    ("Типсистемы", Field::Other),
    ("Процессор(ы)", Field::Other),
    ("ВерсияBIOS", Field::Other),
    ("ПапкаWindows", Field::Other),
    ("Системнаяпапка", Field::Other),
    ("Устройствозагрузки", Field::Other),
    ("Языксистемы", Field::Other),
    ("Языкввода", Field::Other),
    ("Часовойпояс", Field::Other),
    ("Домен", Field::Other),
    ("Сервервходавсеть", Field::Other),
    ("Исправление(я)", Field::Other),
    ("Сетевыеадаптеры", Field::Other),
    ("ТребованияHyper-V", Field::Other),
];

/// The Simplified Chinese labels as admins paste them (UNVERIFIED), without spaces.
const CHINESE: &[(&str, Field)] = &[
    ("主机名", Field::Host),
    ("OS名称", Field::OsName),
    ("OS版本", Field::OsVersion),
    ("OS制造商", Field::Other),
    ("OS配置", Field::OsConfiguration),
    ("OS构建类型", Field::Other),
    ("注册的所有人", Field::Other),
    ("注册的组织", Field::Other),
    ("产品ID", Field::Other),
    ("初始安装日期", Field::Other),
    ("系统启动时间", Field::Other),
    ("系统制造商", Field::SystemManufacturer),
    ("系统型号", Field::SystemModel),
    ("系统类型", Field::Other),
    ("处理器", Field::Other),
    ("BIOS版本", Field::Other),
    ("Windows目录", Field::Other),
    ("系统目录", Field::Other),
    ("启动设备", Field::Other),
    ("系统区域设置", Field::Other),
    ("输入法区域设置", Field::Other),
    ("时区", Field::Other),
    ("物理内存总量", Field::Other),
    ("可用的物理内存", Field::Other),
    ("域", Field::Other),
    ("登录服务器", Field::Other),
    ("修补程序", Field::Other),
    ("网卡", Field::Other),
    ("Hyper-V要求", Field::Other),
];

/// The Korean labels as admins paste them (UNVERIFIED), without spaces.
const KOREAN: &[(&str, Field)] = &[
    ("호스트이름", Field::Host),
    ("OS이름", Field::OsName),
    ("OS버전", Field::OsVersion),
    ("OS제조업체", Field::Other),
    ("OS구성", Field::OsConfiguration),
    ("OS빌드종류", Field::Other),
    ("등록된소유자", Field::Other),
    ("등록된조직", Field::Other),
    ("제품ID", Field::Other),
    ("원래설치날짜", Field::Other),
    ("시스템부트시간", Field::Other),
    ("시스템제조업체", Field::SystemManufacturer),
    ("시스템모델", Field::SystemModel),
    ("시스템종류", Field::Other),
    ("프로세서", Field::Other),
    ("BIOS버전", Field::Other),
    ("Windows디렉터리", Field::Other),
    ("시스템디렉터리", Field::Other),
    ("부팅장치", Field::Other),
    ("시스템로캘", Field::Other),
    ("입력로캘", Field::Other),
    ("표준시간대", Field::Other),
    ("총실제메모리", Field::Other),
    ("사용가능한실제메모리", Field::Other),
    ("도메인", Field::Other),
    ("로그온서버", Field::Other),
    ("핫픽스", Field::Other),
    ("네트워크카드", Field::Other),
    ("Hyper-V요구사항", Field::Other),
];

/// The German, French and Spanish labels of the OS and the machine (UNVERIFIED: the words admins'
/// pastes of `systeminfo | findstr` hold), without spaces; apostrophes as `'`.
const GERMAN: &[(&str, Field)] = &[
    ("Hostname", Field::Host),
    ("Betriebssystemname", Field::OsName),
    ("Betriebssystemversion", Field::OsVersion),
    ("Betriebssystemhersteller", Field::Other),
    ("Betriebssystemkonfiguration", Field::OsConfiguration),
    ("Systemhersteller", Field::SystemManufacturer),
    ("Systemmodell", Field::SystemModel),
];

const FRENCH: &[(&str, Field)] = &[
    ("Nomdel'hôte", Field::Host),
    ("Nomdusystèmed'exploitation", Field::OsName),
    ("Versiondusystème", Field::OsVersion),
    ("Fabricantdusystèmed'exploitation", Field::Other),
    (
        "Configurationdusystèmed'exploitation",
        Field::OsConfiguration,
    ),
    ("Fabricantdusystème", Field::SystemManufacturer),
    ("Modèledusystème", Field::SystemModel),
];

const SPANISH: &[(&str, Field)] = &[
    ("Nombredehost", Field::Host),
    ("Nombredelsistemaoperativo", Field::OsName),
    ("Versióndelsistemaoperativo", Field::OsVersion),
    ("Fabricantedelsistemaoperativo", Field::Other),
    ("Configuracióndelsistemaoperativo", Field::OsConfiguration),
    ("Fabricantedelsistema", Field::SystemManufacturer),
    ("Modelodelsistema", Field::SystemModel),
];

/// The labels of each language other than English avma reads (all UNVERIFIED).
const SEEN: &[(&str, &[(&str, Field)])] = &[
    ("ja", JAPANESE),
    ("ru", RUSSIAN),
    ("zh", CHINESE),
    ("ko", KOREAN),
    ("de", GERMAN),
    ("fr", FRENCH),
    ("es", SPANISH),
];

/// A label of systeminfo: what it is, and its language when not English.
fn field_lang(label: &str) -> Option<(Field, Option<&'static str>)> {
    let key: String = label
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| if c == '\u{2019}' { '\'' } else { c })
        .collect();
    if key.is_empty() || key.len() > 96 {
        return None;
    }
    if let Some((_, f)) = ENGLISH.iter().find(|(l, _)| l.eq_ignore_ascii_case(&key)) {
        return Some((*f, None));
    }
    let low = key.to_lowercase();
    SEEN.iter().find_map(|(lang, table)| {
        table
            .iter()
            .find(|(l, _)| l.to_lowercase() == low)
            .map(|(_, f)| (*f, Some(*lang)))
    })
}

/// A label of systeminfo: what it is, and whether it is not an English one.
fn field(label: &str) -> Option<(Field, bool)> {
    field_lang(label).map(|(f, l)| (f, l.is_some()))
}

/// Is this one of systeminfo's labels (a `/fo csv` header's field)?
pub fn is_label(label: &str) -> bool {
    field(label).is_some()
}

/// The identifying labels: a systeminfo output holds at least two of them.
fn identifying(f: Field) -> bool {
    matches!(
        f,
        Field::Host | Field::OsName | Field::OsVersion | Field::OsConfiguration
    )
}

/// The cells of a line under the display columns `cols` (a wide character is two columns).
fn cells(line: &str, cols: &[(usize, usize)]) -> Vec<String> {
    let mut at: Vec<char> = Vec::with_capacity(line.len());
    for c in line.chars() {
        at.push(c);
        if unicode_width::UnicodeWidthChar::width(c) == Some(2) {
            at.push('\u{0}');
        }
    }
    cols.iter()
        .map(|&(a, b)| {
            let end = b.min(at.len());
            at.get(a.min(end)..end)
                .unwrap_or(&[])
                .iter()
                .filter(|c| **c != '\u{0}')
                .collect::<String>()
                .trim()
                .to_string()
        })
        .collect()
}

/// The cells of a `/fo table` row under the columns `cols`: a value wider than its column
/// (a long host name) runs on to the end of its word and pushes the rest of the row right by as
/// much, as systeminfo prints it; the last cell runs to the line's end.
fn row_cells(line: &str, cols: &[(usize, usize)]) -> Vec<String> {
    let mut at: Vec<char> = Vec::with_capacity(line.len());
    for c in line.chars() {
        at.push(c);
        if unicode_width::UnicodeWidthChar::width(c) == Some(2) {
            at.push('\u{0}');
        }
    }
    let mut shift = 0usize;
    let mut out = Vec::with_capacity(cols.len());
    for (k, &(a, b)) in cols.iter().enumerate() {
        let start = (a + shift).min(at.len());
        let mut end = if k + 1 == cols.len() {
            at.len()
        } else {
            (b + shift).min(at.len())
        };
        while end < at.len() && at[end] != ' ' {
            end += 1;
        }
        if end > b + shift {
            shift = end - b;
        }
        out.push(
            at.get(start..end)
                .unwrap_or(&[])
                .iter()
                .filter(|c| **c != '\u{0}')
                .collect::<String>()
                .trim()
                .to_string(),
        );
    }
    out
}

/// The column spans of a `===== ====` line (at least two runs), in display columns.
fn rule_columns(line: &str) -> Option<Vec<(usize, usize)>> {
    let t = line.trim_end();
    if !t.starts_with('=') || !t.chars().all(|c| c == '=' || c == ' ') {
        return None;
    }
    let mut cols = Vec::new();
    let mut start: Option<usize> = None;
    for (i, c) in t.chars().chain(std::iter::once(' ')).enumerate() {
        match (c, start) {
            ('=', None) => start = Some(i),
            (' ', Some(s)) => {
                cols.push((s, i));
                start = None;
            }
            _ => {}
        }
    }
    (cols.len() >= 2).then_some(cols)
}

/// `systeminfo /fo table`: a header of labels, a `=====` rule under each column, then one row
/// per machine; each row becomes its `Label: value` lines (with the row's line number). The
/// other lines are kept as they are. One pass.
fn untable(lines: &[String], nums: &[u64]) -> (Vec<String>, Vec<u64>) {
    let num = |i: usize| nums.get(i).copied().unwrap_or(i as u64 + 1);
    let mut out = Vec::with_capacity(lines.len());
    let mut out_nums = Vec::with_capacity(lines.len());
    // The header's labels and the columns of the table being read.
    type Table = (Vec<String>, Vec<(usize, usize)>);
    let mut table: Option<Table> = None;
    for (i, l) in lines.iter().enumerate() {
        if l.trim().is_empty() {
            table = None;
        } else if let Some(cols) = rule_columns(l) {
            let header = i
                .checked_sub(1)
                .and_then(|h| lines.get(h))
                .map(|h| cells(h, &cols))
                .filter(|h| h.iter().filter(|c| is_label(c)).count() >= 2);
            if let Some(h) = header {
                // The header line was kept as a line: it says nothing of its own.
                out.pop();
                out_nums.pop();
                table = Some((h, cols));
                continue;
            }
        } else if let Some((h, cols)) = &table {
            for (k, v) in h.iter().zip(row_cells(l, cols)) {
                out.push(format!("{k}: {v}"));
                out_nums.push(num(i));
            }
            out.push(String::new());
            out_nums.push(num(i));
            continue;
        }
        out.push(l.clone());
        out_nums.push(num(i));
    }
    (out, out_nums)
}

fn has_table(lines: &[String]) -> bool {
    lines.iter().enumerate().any(|(i, l)| {
        l.starts_with("==")
            && rule_columns(l).is_some_and(|cols| {
                i.checked_sub(1)
                    .and_then(|h| lines.get(h))
                    .is_some_and(|h| cells(h, &cols).iter().filter(|c| is_label(c)).count() >= 2)
            })
    })
}

/// Does the text hold systeminfo output: two identifying labels and at least four of its labels,
/// at the start of unindented lines, or a `/fo table` header of its labels.
pub fn looks_like(lines: &[String]) -> bool {
    has_table(lines) || looks_like_list(lines)
}

fn looks_like_list(lines: &[String]) -> bool {
    let (mut id, mut all) = (0usize, 0usize);
    // `systeminfo | findstr /B /C:"OS Name" /C:"OS Version"` keeps those two lines alone: an OS
    // name that is Windows' and a version with its build, under labels written as systeminfo
    // writes them (`OS Name`, not Get-ComputerInfo's property `OsName`).
    let (mut os_name, mut os_version) = (false, false);
    for l in lines {
        if l.starts_with([' ', '\t']) || !l.contains([':', '：']) {
            continue;
        }
        let Some((label, _)) = label_value(l) else {
            continue;
        };
        if let Some((f, foreign)) = field(label) {
            all += 1;
            id += usize::from(identifying(f));
            if id >= 2 && all >= 4 {
                return true;
            }
            let written = foreign || label.trim().contains(char::is_whitespace);
            let value = l.split_once([':', '：']).map_or("", |(_, v)| v);
            os_name |= written && f == Field::OsName && value.contains("Windows");
            os_version |= written && f == Field::OsVersion && build_of(value).is_some();
            if os_name && os_version {
                return true;
            }
        }
    }
    false
}

/// Is the OS configuration a domain controller? English: systeminfo's words; Japanese: the
/// glossary's ドメイン コントローラー (UNVERIFIED as systeminfo's wording). None for a value in
/// neither.
fn domain_controller(v: &str) -> Option<bool> {
    let compact: String = v.chars().filter(|c| !c.is_whitespace()).collect();
    let low = compact.to_ascii_lowercase();
    if low.ends_with("domaincontroller")
        || compact.contains("ドメインコントローラー")
        || compact.contains("域控制器")
        || compact.contains("도메인컨트롤러")
        || low.contains("контроллердомена")
    {
        return Some(true);
    }
    let not_dc = [
        "memberserver",
        "standaloneserver",
        "memberworkstation",
        "standaloneworkstation",
    ];
    if not_dc.contains(&low.as_str())
        || ["メンバーサーバー", "スタンドアロンサーバー"].contains(&compact.as_str())
        || compact.ends_with("ワークステーション")
        || ["成员服务器", "独立服务器", "구성원서버", "독립실행형서버"].contains(&compact.as_str())
        || ["рядовойсервер", "изолированныйсервер"].contains(&low.as_str())
    {
        return Some(false);
    }
    None
}

/// The EditionID an OS name names (`Microsoft Windows Server 2019 Standard Evaluation` →
/// `ServerStandardEval`): the registry's EditionID of that edition (the Desktop Experience
/// id; systeminfo does not tell Server Core apart, nor does the registry's EditionID).
pub(crate) fn edition_in_os_name(name: &str) -> Option<&'static str> {
    let words: Vec<String> = name
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_ascii_lowercase)
        .collect();
    if !words.iter().any(|w| w == "server") {
        return None;
    }
    let has = |w: &str| words.iter().any(|x| x == w);
    let eval = has("evaluation");
    Some(match (has("datacenter"), has("standard"), has("azure")) {
        (true, _, true) if !eval => "ServerTurbine",
        (true, _, false) if eval => "ServerDatacenterEval",
        (true, _, false) => "ServerDatacenter",
        (false, true, _) if eval => "ServerStandardEval",
        (false, true, _) => "ServerStandard",
        _ if has("essentials") && !eval => "ServerSolution",
        _ => return None,
    })
}

/// Read systeminfo's `Label: value` lines (line `i` is input line `nums[i]`). Indented lines
/// continue the value above (hotfixes, network cards) and are understood with it.
pub fn read_at(file: &str, lines: &[String], nums: &[u64], cat: &Catalog) -> ReadResult {
    let (lines, nums) = untable(lines, nums);
    let (lines, nums) = (lines.as_slice(), nums.as_slice());
    let mut r = ReadResult::new(file, ArtifactKind::Systeminfo);
    let mut seen_lang: Option<&'static str> = None;
    let mut any = false;
    let mut in_block = false;
    let mut manufacturer: Option<String> = None;
    let mut model: Option<(String, u64)> = None;
    let at = |n: u64| Provenance::line(file, n, READER);
    for (i, raw) in lines.iter().enumerate() {
        let n = nums.get(i).copied().unwrap_or(i as u64 + 1);
        let line = raw.trim_end();
        if line.trim().is_empty() {
            continue;
        }
        let indented = line.starts_with([' ', '\t']);
        if indented {
            if in_block {
                r.placed.push(n);
            }
            continue;
        }
        let Some((label, value)) = label_value(line) else {
            in_block = false;
            continue;
        };
        let Some((f, lang)) = field_lang(label) else {
            in_block = false;
            continue;
        };
        in_block = true;
        any = true;
        if let Some(l) = lang {
            seen_lang.get_or_insert(l);
        }
        r.placed.push(n);
        match f {
            Field::Host => {
                if crate::clean::is_host_name(value) {
                    r.push(
                        Fact::ComputerName {
                            name: value.to_string(),
                        },
                        at(n),
                    );
                }
            }
            Field::OsName => {
                if value.contains("Windows") {
                    let version = version_in_caption(value, cat);
                    r.push(
                        Fact::OsCaption {
                            caption: value.to_string(),
                            version,
                        },
                        at(n),
                    );
                    if let Some(e) = edition_in_os_name(value).filter(|e| cat.edition(e).is_some())
                    {
                        r.push(
                            Fact::Edition {
                                edition: e.to_string(),
                                source: EditionSource::Registry,
                            },
                            at(n),
                        );
                    }
                }
            }
            Field::OsVersion => {
                if let Some(build) = build_of(value) {
                    r.push(Fact::OsBuild { build }, at(n));
                }
            }
            Field::OsConfiguration => {
                if let Some(is_dc) = domain_controller(value) {
                    r.push(Fact::DomainController { is_dc }, at(n));
                }
            }
            Field::SystemManufacturer => manufacturer = Some(value.to_string()),
            Field::SystemModel => model = Some((value.to_string(), n)),
            Field::Other => {}
        }
    }
    // Hyper-V presents its guests as `Microsoft Corporation` `Virtual Machine`.
    if let Some((m, n)) = model {
        let microsoft = manufacturer
            .as_deref()
            .is_none_or(|v| v.contains("Microsoft"));
        if m.trim() == "Virtual Machine" && microsoft {
            r.push(Fact::HyperVGuest { model: m }, at(n));
        }
    }
    match seen_lang.filter(|_| any) {
        Some("ja") => r.note(None, Msg::new("reader-systeminfo-seen-wording")),
        Some(l) => r.note(
            None,
            Msg::new("reader-systeminfo-seen-wording-lang").arg("lang", l),
        ),
        None => {}
    }
    r.language = Some(seen_lang.unwrap_or("en"));
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_and_values() {
        assert_eq!(field("Host Name"), Some((Field::Host, false)));
        assert_eq!(field("OS バージョン"), Some((Field::OsVersion, true)));
        assert_eq!(field("Beschreibung"), None);
        assert_eq!(domain_controller("Primary Domain Controller"), Some(true));
        assert_eq!(domain_controller("Backup Domain Controller"), Some(true));
        assert_eq!(domain_controller("Member Server"), Some(false));
        assert_eq!(
            domain_controller("プライマリ ドメイン コントローラー"),
            Some(true)
        );
        assert_eq!(domain_controller("メンバー サーバー"), Some(false));
        assert_eq!(domain_controller("something else"), None);
        assert_eq!(
            edition_in_os_name("Microsoft Windows Server 2019 Standard Evaluation"),
            Some("ServerStandardEval")
        );
        assert_eq!(
            edition_in_os_name("Microsoft Windows Server 2022 Datacenter"),
            Some("ServerDatacenter")
        );
        assert_eq!(edition_in_os_name("Microsoft Windows 10 Enterprise"), None);
    }

    #[test]
    fn fo_table() {
        let text = [
            "",
            "Host Name       OS Name                                  OS Version                 OS Configuration",
            "=============== ======================================== ========================== ==========================",
            "SQL-VM-3        Microsoft Windows Server 2019 Datacenter 10.0.17763 N/A Build 17763 Member Server",
        ];
        let lines: Vec<String> = text.iter().map(|s| s.to_string()).collect();
        assert!(looks_like(&lines));
        let r = read_at("t", &lines, &[], Catalog::builtin());
        let has = |f: &Fact| r.observations.iter().any(|o| &o.fact == f);
        assert!(has(&Fact::OsBuild { build: 17763 }));
        assert!(has(&Fact::DomainController { is_dc: false }));
        assert!(has(&Fact::ComputerName {
            name: "SQL-VM-3".into()
        }));
        assert!(r.observations.iter().all(|o| o.from.line == Some(4)));
    }

    #[test]
    fn fo_table_row_wider_than_its_column() {
        let text = [
            "",
            "Host Name       OS Name                                  OS Version                 OS Configuration",
            "=============== ======================================== ========================== ==========================",
            "BRANCH-FILESRV-12 Microsoft Windows Server 2022 Standard   10.0.20348 N/A Build 20348 Member Server",
        ];
        let lines: Vec<String> = text.iter().map(|s| s.to_string()).collect();
        let r = read_at("t", &lines, &[], Catalog::builtin());
        let has = |f: &Fact| r.observations.iter().any(|o| &o.fact == f);
        assert!(has(&Fact::ComputerName {
            name: "BRANCH-FILESRV-12".into()
        }));
        assert!(has(&Fact::OsBuild { build: 20348 }), "{:?}", r.observations);
        assert!(has(&Fact::DomainController { is_dc: false }));
    }

    #[test]
    fn other_languages() {
        assert_eq!(field_lang("Имя узла"), Some((Field::Host, Some("ru"))));
        assert_eq!(
            field_lang("系统型号"),
            Some((Field::SystemModel, Some("zh")))
        );
        assert_eq!(field_lang("호스트 이름"), Some((Field::Host, Some("ko"))));
        assert_eq!(domain_controller("成员服务器"), Some(false));
        assert_eq!(domain_controller("주 도메인 컨트롤러"), Some(true));
    }
}
