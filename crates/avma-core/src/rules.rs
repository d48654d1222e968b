//! The one rule registry. Every finding avma reports (lint, plan refusal, later diagnosis and
//! audit) belongs to a rule here: a stable code, a stable kebab-case name (both public
//! contracts), a default severity, and its documentation, from which `avma explain`,
//! `avma rules` and `docs/rules/*.md` are generated.

use serde::Serialize;

use crate::text::{Lang, Text};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// Which part of avma reports the rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Origin {
    /// `avma lint`: runbooks and scripts.
    Lint,
    /// `avma plan`: refusals and warnings about a host/guest pair.
    Plan,
}

/// A bilingual documentation section.
#[derive(Debug, Clone, Copy)]
pub struct Doc {
    pub en: &'static str,
    pub ja: &'static str,
}

impl Doc {
    pub fn get(&self, lang: Lang) -> &'static str {
        Text::new(self.en, self.ja).get(lang)
    }
}

#[derive(Debug, Clone, Copy)]
pub struct Rule {
    pub code: &'static str,
    pub name: &'static str,
    pub severity: Severity,
    pub origins: &'static [Origin],
    pub summary: Doc,
    pub detects: Doc,
    pub why: Doc,
    pub evidence: Doc,
    pub fix: Doc,
    /// Catalog facts (ids of `[[fact]]`) the rule rests on.
    pub facts: &'static [&'static str],
}

macro_rules! doc {
    ($en:expr, $ja:expr) => {
        Doc { en: $en, ja: $ja }
    };
}

pub const KEY_VERSION_MISMATCH: Rule = Rule {
    code: "AV001",
    name: "key-version-mismatch",
    severity: Severity::Error,
    origins: &[Origin::Lint],
    summary: doc!(
        "A product key of another Windows Server version than the target.",
        "対象とは別の Windows Server バージョンのプロダクト キー。"
    ),
    detects: doc!(
        "A public AVMA or KMS client setup key used in a command (DISM /Set-Edition, slmgr /ipk, InstallProductKey) whose Windows Server version differs from the target version, taken from --os or inferred from the text (for example \"Windows Server 2019\" next to \"guest\" or \"ゲスト\"). Keys merely listed in the text are reported as warnings.",
        "コマンド (DISM /Set-Edition、slmgr /ipk、InstallProductKey) で使われている公開 AVMA キーまたは KMS クライアント セットアップ キーの Windows Server バージョンが、対象のバージョン (--os、または本文の「ゲスト」「guest」付近の「Windows Server 2019」などから推定) と異なります。本文に列挙されているだけのキーは警告として報告します。"
    ),
    why: doc!(
        "AVMA and KMS client keys are tied to one Windows Server version. A 2019 guest rejects the 2022 key: DISM fails with 0xC004000F and slmgr with 0xC004F050 or 0xC004E016.",
        "AVMA キーと KMS クライアント セットアップ キーは 1 つの Windows Server バージョンに結び付いています。2019 のゲストは 2022 のキーを拒否します: DISM は 0xC004000F、slmgr は 0xC004F050 や 0xC004E016 で失敗します。"
    ),
    evidence: doc!(
        "The file and line of the command, the key, and the catalog entry that names its version.",
        "コマンドのファイルと行、キー、そのバージョンを示すカタログの項目。"
    ),
    fix: doc!(
        "Use the key of the same kind and edition for the target version; avma names it (avma keys --os <version>).",
        "対象バージョンの同じ種類・エディションのキーを使ってください。avma がそのキーを示します (avma keys --os <バージョン>)。"
    ),
    facts: &["avma-key-own-version"],
};

pub const KEY_EDITION_MISMATCH: Rule = Rule {
    code: "AV002",
    name: "key-edition-mismatch",
    severity: Severity::Error,
    origins: &[Origin::Lint],
    summary: doc!(
        "A product key of another edition than the /Set-Edition target or the stated edition.",
        "/Set-Edition の変換先や記載されたエディションとは別のエディションのプロダクト キー。"
    ),
    detects: doc!(
        "The key's edition (Standard, Datacenter, Datacenter: Azure Edition, Essentials) differs from the target of the DISM /Set-Edition command it is used with, from the last /Set-Edition target before a slmgr /ipk, or from --edition.",
        "キーのエディション (Standard、Datacenter、Datacenter: Azure Edition、Essentials) が、同じ DISM /Set-Edition コマンドの変換先、slmgr /ipk より前の最後の /Set-Edition の変換先、または --edition と異なります。"
    ),
    why: doc!(
        "A key only installs on its own edition: a key of one edition entered into another edition is rejected. Change the edition first, then install the key of that edition.",
        "キーは自身のエディションにしかインストールできません。別のエディションのキーは拒否されます。先にエディションを変更し、そのエディションのキーをインストールしてください。"
    ),
    evidence: doc!(
        "The file and line, the key, its edition in the catalog, and the edition the text aims at.",
        "ファイルと行、キー、カタログ上のエディション、本文が目指すエディション。"
    ),
    fix: doc!(
        "Use the key of the target edition and the guest's version.",
        "変換先エディションとゲストのバージョンのキーを使ってください。"
    ),
    facts: &["avma-key-own-version", "conv-key-common-practice"],
};

pub const KMS_KEY_FOR_AVMA: Rule = Rule {
    code: "AV003",
    name: "kms-key-for-avma",
    severity: Severity::Error,
    origins: &[Origin::Lint],
    summary: doc!(
        "A KMS client setup key installed where AVMA is intended.",
        "AVMA を使うはずの場所で KMS クライアント セットアップ キーをインストールしています。"
    ),
    detects: doc!(
        "slmgr /ipk or InstallProductKey with a KMS client setup key (GVLK) in a text about AVMA that sets up no KMS host (no /skms).",
        "AVMA についての本文で、KMS ホストを設定せず (/skms なし) に、slmgr /ipk や InstallProductKey で KMS クライアント セットアップ キー (GVLK) をインストールしています。"
    ),
    why: doc!(
        "A KMS client key makes the guest a KMS client: it looks for a KMS host and fails with 0xC004F074 instead of asking the Hyper-V host. (Using a KMS client key with DISM /Set-Edition to change the edition is common practice and not flagged.)",
        "KMS クライアント セットアップ キーを入れるとゲストは KMS クライアントになり、Hyper-V ホストではなく KMS ホストを探して 0xC004F074 で失敗します。(DISM /Set-Edition のエディション変更に KMS クライアント セットアップ キーを使うのは一般的な手順であり、検出しません)"
    ),
    evidence: doc!(
        "The file and line of the install command and the catalog entry of the key.",
        "インストール コマンドのファイルと行、キーのカタログ項目。"
    ),
    fix: doc!(
        "Install the AVMA key of the same version and edition instead.",
        "代わりに同じバージョンとエディションの AVMA キーをインストールしてください。"
    ),
    facts: &["gvlk-needs-kms", "avma-key-own-version"],
};

pub const KEY_KIND_MISLABELED: Rule = Rule {
    code: "AV004",
    name: "key-kind-mislabeled",
    severity: Severity::Warning,
    origins: &[Origin::Lint],
    summary: doc!(
        "The text calls a KMS client setup key an AVMA key, or the reverse.",
        "本文が KMS クライアント セットアップ キーを AVMA キーと呼んでいる (またはその逆)。"
    ),
    detects: doc!(
        "A line that names a key \"AVMA\" (or 仮想マシンの自動ライセンス認証) while the key is a KMS client setup key, or names it \"KMS\"/\"GVLK\" while it is an AVMA key.",
        "キーを「AVMA」(または仮想マシンの自動ライセンス認証) と呼んでいるのに実際は KMS クライアント セットアップ キーである行、または「KMS」「GVLK」と呼んでいるのに AVMA キーである行。"
    ),
    why: doc!(
        "Several public scripts and posts list KMS client keys as AVMA keys; readers copy them and the guest becomes a KMS client.",
        "公開されているスクリプトや記事の中には KMS クライアント セットアップ キーを AVMA キーとして載せているものがあり、それを写すとゲストは KMS クライアントになります。"
    ),
    evidence: doc!(
        "The file and line, the label found, and the catalog entry of the key.",
        "ファイルと行、見つかった呼び名、キーのカタログ項目。"
    ),
    fix: doc!(
        "Correct the label, and use the key of the kind you mean.",
        "呼び名を直し、意図した種類のキーを使ってください。"
    ),
    facts: &["gvlk-needs-kms"],
};

pub const UNKNOWN_KEY: Rule = Rule {
    code: "AV005",
    name: "unknown-key",
    severity: Severity::Warning,
    origins: &[Origin::Lint],
    summary: doc!(
        "A product key that is not a public AVMA or KMS client setup key: it cannot be checked.",
        "公開 AVMA キーでも KMS クライアント セットアップ キーでもないプロダクト キー。確認できません。"
    ),
    detects: doc!(
        "A 5×5 product key that is not in avma's catalog. It is shown redacted to its last five characters.",
        "avma のカタログにない 5×5 のプロダクト キー。末尾 5 文字以外を伏せて表示します。"
    ),
    why: doc!(
        "A private key (retail, MAK, OEM) cannot be checked against a version or edition, and it should not sit in a runbook or chat log.",
        "非公開のキー (製品版、MAK、OEM) はバージョンやエディションを確認できず、手順書やチャットに残すべきではありません。"
    ),
    evidence: doc!(
        "The file and line, and the key's last five characters.",
        "ファイルと行、キーの末尾 5 文字。"
    ),
    fix: doc!(
        "Check the key against its licence paperwork, and remove it from shared documents.",
        "キーをライセンスの書類と照合し、共有文書から削除してください。"
    ),
    facts: &[],
};

pub const CONVERSION_NOT_POSSIBLE: Rule = Rule {
    code: "AV006",
    name: "conversion-not-possible",
    severity: Severity::Error,
    origins: &[Origin::Lint, Origin::Plan],
    summary: doc!(
        "An edition conversion that the conversion rules forbid.",
        "変換ルールで禁止されているエディション変換。"
    ),
    detects: doc!(
        "DISM /Set-Edition (or a requested --want) from an edition to a target that Microsoft's conversion rules forbid: a downgrade, Datacenter evaluation to Standard, Desktop Experience evaluation to Server Core, Standard Core evaluation to anything but Datacenter Core, or an edition that does not exist for the version.",
        "DISM /Set-Edition (または --want の指定) が Microsoft の変換ルールで禁止された変換をしようとしています: ダウングレード、Datacenter 評価版から Standard、デスクトップ エクスペリエンスの評価版から Server Core、Datacenter (Server Core) 以外への Standard (Server Core) 評価版の変換、またはそのバージョンに存在しないエディション。"
    ),
    why: doc!(
        "DISM only offers the targets listed by /Get-TargetEditions; anything else fails or needs a fresh install.",
        "DISM が受け付けるのは /Get-TargetEditions に表示される変換先だけです。それ以外は失敗するか新規インストールが必要です。"
    ),
    evidence: doc!(
        "The command (file and line) or the plan request, the current edition and the target.",
        "コマンド (ファイルと行) または計画の要求、現在のエディションと変換先。"
    ),
    fix: doc!(
        "Pick an allowed target (avma plan lists them), or reinstall with the wanted edition.",
        "許可された変換先を選ぶ (avma plan が示します) か、目的のエディションで再インストールしてください。"
    ),
    facts: &[
        "conv-no-downgrade",
        "conv-eval-datacenter-only-datacenter",
        "conv-desktop-eval-not-core",
        "conv-standard-core-eval-only-datacenter-core",
        "conv-target-must-be-listed",
    ],
};

pub const HOST_NOT_DATACENTER: Rule = Rule {
    code: "AV101",
    name: "host-not-datacenter",
    severity: Severity::Error,
    origins: &[Origin::Plan],
    summary: doc!(
        "The Hyper-V host is not a Datacenter edition, so it cannot activate AVMA guests.",
        "Hyper-V ホストが Datacenter エディションではないため、AVMA でゲストをライセンス認証できません。"
    ),
    detects: doc!(
        "A host whose edition is Standard, Essentials or anything other than Datacenter.",
        "エディションが Standard、Essentials など Datacenter 以外のホスト。"
    ),
    why: doc!(
        "AVMA requires a Windows Server Datacenter host with the Hyper-V role. Guests of a Standard host must be activated another way (retail, MAK or KMS).",
        "AVMA には Hyper-V の役割を持つ Windows Server Datacenter のホストが必要です。Standard のホスト上のゲストは別の方法 (製品版、MAK、KMS) でライセンス認証する必要があります。"
    ),
    evidence: doc!(
        "The host's EditionID.",
        "ホストの EditionID。"
    ),
    fix: doc!(
        "Convert the host to Datacenter (DISM /Online /Set-Edition:ServerDatacenter /ProductKey:<your Datacenter key> /AcceptEula) and activate it, or activate the guests with KMS or MAK.",
        "ホストを Datacenter に変換して (DISM /Online /Set-Edition:ServerDatacenter /ProductKey:<Datacenter のキー> /AcceptEula) ライセンス認証するか、ゲストを KMS または MAK でライセンス認証してください。"
    ),
    facts: &["host-datacenter-hyperv"],
};

pub const HOST_NOT_ACTIVATED: Rule = Rule {
    code: "AV102",
    name: "host-not-activated",
    severity: Severity::Error,
    origins: &[Origin::Plan],
    summary: doc!(
        "The Hyper-V host is not activated, so its guests cannot activate.",
        "Hyper-V ホストがライセンス認証されていないため、ゲストはライセンス認証できません。"
    ),
    detects: doc!(
        "A host reported as not activated (--host-activated no).",
        "ライセンス認証されていないと報告されたホスト (--host-activated no)。"
    ),
    why: doc!(
        "The VM activates only if the host is activated; otherwise the guest fails with 0xC004FD02.",
        "仮想マシンがライセンス認証されるのはホストがライセンス認証済みの場合だけです。そうでない場合、ゲストは 0xC004FD02 で失敗します。"
    ),
    evidence: doc!(
        "The host's license status.",
        "ホストのライセンスの状態。"
    ),
    fix: doc!(
        "Activate the host with its Datacenter key (OEM, retail or volume all work), then restart the VM or run slmgr /ato in the guest.",
        "ホストを Datacenter のキー (OEM、製品版、ボリューム ライセンスのいずれでも可) でライセンス認証し、仮想マシンを再起動するかゲストで slmgr /ato を実行してください。"
    ),
    facts: &["host-must-be-activated", "host-channel-any", "cluster-every-node"],
};

pub const HOST_TOO_OLD_FOR_GUEST: Rule = Rule {
    code: "AV103",
    name: "host-too-old-for-guest",
    severity: Severity::Error,
    origins: &[Origin::Plan],
    summary: doc!(
        "The host's Windows Server version is older than the guest's.",
        "ホストの Windows Server バージョンがゲストより古い。"
    ),
    detects: doc!(
        "A guest version the host version cannot activate according to the AVMA matrix (host version must be at least the guest's).",
        "AVMA の対応表に従うとホストのバージョンではライセンス認証できないゲストのバージョン (ホストはゲストと同じかそれ以降である必要があります)。"
    ),
    why: doc!(
        "The host version determines which guest versions it can activate. Typical during a cluster rolling upgrade: a 2022 guest on a 2019 node.",
        "ホストのバージョンによって、ライセンス認証できるゲストのバージョンが決まります。クラスターのローリング アップグレード中によく起きます: 2019 のノード上の 2022 のゲストなど。"
    ),
    evidence: doc!(
        "The host and guest versions (or builds) and the matrix cell.",
        "ホストとゲストのバージョン (またはビルド) と対応表のセル。"
    ),
    fix: doc!(
        "Run the guest on a host of its version or later; in a cluster, limit its possible owners to such nodes until the upgrade is finished.",
        "ゲストと同じかそれ以降のバージョンのホストで実行してください。クラスターでは、アップグレードが終わるまで実行可能な所有者をそのようなノードに限定します。"
    ),
    facts: &["host-version-ge-guest"],
};

pub const GUEST_NOT_SUPPORTED: Rule = Rule {
    code: "AV104",
    name: "guest-not-supported",
    severity: Severity::Error,
    origins: &[Origin::Plan],
    summary: doc!(
        "The guest cannot be activated by AVMA at all (a client OS, Windows Server 2012 or older).",
        "ゲストは AVMA ではライセンス認証できません (クライアント OS、Windows Server 2012 以前)。"
    ),
    detects: doc!(
        "A guest that is a Windows client, Windows Server 2012 (non-R2) or older, or an edition without an AVMA key.",
        "Windows クライアント、Windows Server 2012 (R2 ではない) 以前、または AVMA キーのないエディションのゲスト。"
    ),
    why: doc!(
        "AVMA activates Windows Server 2012 R2 and later guests only.",
        "AVMA がライセンス認証できるのは Windows Server 2012 R2 以降のゲストだけです。"
    ),
    evidence: doc!(
        "The guest's version and edition.",
        "ゲストのバージョンとエディション。"
    ),
    fix: doc!(
        "Activate this guest with KMS, MAK or retail keys.",
        "このゲストは KMS、MAK、製品版のキーでライセンス認証してください。"
    ),
    facts: &["guest-server-2012r2-or-later", "essentials-no-avma-2022"],
};

pub const EVALUATION_DOMAIN_CONTROLLER: Rule = Rule {
    code: "AV105",
    name: "evaluation-domain-controller",
    severity: Severity::Error,
    origins: &[Origin::Plan],
    summary: doc!(
        "An evaluation edition that is a domain controller cannot be converted to retail.",
        "ドメイン コントローラーである評価版は製品版に変換できません。"
    ),
    detects: doc!(
        "A guest on an evaluation edition that is an Active Directory domain controller.",
        "Active Directory のドメイン コントローラーである評価版のゲスト。"
    ),
    why: doc!(
        "Microsoft does not support converting a domain controller from evaluation to retail, so the AVMA key can never be installed on it.",
        "Microsoft はドメイン コントローラーを評価版から製品版に変換することをサポートしていないため、AVMA キーをインストールできません。"
    ),
    evidence: doc!(
        "The evaluation EditionID and the domain controller role.",
        "評価版の EditionID とドメイン コントローラーの役割。"
    ),
    fix: doc!(
        "Add a domain controller on a retail server, move the FSMO roles to it, remove AD DS from this one, then convert it.",
        "製品版のサーバーにドメイン コントローラーを追加して FSMO の役割を移し、このサーバーの AD DS を削除してから変換してください。"
    ),
    facts: &["conv-eval-domain-controller"],
};

pub const HOST_EVALUATION: Rule = Rule {
    code: "AV106",
    name: "host-evaluation-edition",
    severity: Severity::Warning,
    origins: &[Origin::Plan],
    summary: doc!(
        "The host runs an evaluation Datacenter: whether it can serve AVMA is unknown, and it expires.",
        "ホストが Datacenter 評価版です: AVMA を提供できるかは不明で、期限があります。"
    ),
    detects: doc!(
        "A host whose EditionID is ServerDatacenterEval or ServerDatacenterEvalCor.",
        "EditionID が ServerDatacenterEval または ServerDatacenterEvalCor のホスト。"
    ),
    why: doc!(
        "No source says whether an evaluation host activates AVMA guests, and its licence lapses at the end of the evaluation, taking every guest with it.",
        "評価版のホストが AVMA でゲストをライセンス認証できるかを示す情報源はなく、評価期間の終了とともにライセンスが失効し、すべてのゲストが影響を受けます。"
    ),
    evidence: doc!(
        "The host's EditionID.",
        "ホストの EditionID。"
    ),
    fix: doc!(
        "Convert the host to retail Datacenter (DISM /Online /Set-Edition:ServerDatacenter /ProductKey:<your key> /AcceptEula) and activate it.",
        "ホストを製品版の Datacenter に変換して (DISM /Online /Set-Edition:ServerDatacenter /ProductKey:<キー> /AcceptEula) ライセンス認証してください。"
    ),
    facts: &["eval-host-unknown"],
};

pub const UNVERIFIED_HOST_GUEST_PAIR: Rule = Rule {
    code: "AV107",
    name: "unverified-host-guest-pair",
    severity: Severity::Info,
    origins: &[Origin::Plan],
    summary: doc!(
        "The host/guest verdict rests on an unverified fact (the 2025 host row, or a Semi-Annual Channel release).",
        "ホストとゲストの判定が未検証の事実 (2025 のホストの行、または半期チャネルのリリース) に基づいています。"
    ),
    detects: doc!(
        "A host/guest pair whose matrix cell is marked unverified in the catalog.",
        "カタログで未検証とされている対応表のセルに当たるホストとゲストの組み合わせ。"
    ),
    why: doc!(
        "avma never presents an unverified fact as official: check the live Microsoft page before relying on it.",
        "avma は未検証の事実を公式として示しません。頼る前に Microsoft の最新のページを確認してください。"
    ),
    evidence: doc!(
        "The matrix cell and its source.",
        "対応表のセルとその出典。"
    ),
    fix: doc!(
        "Verify on a test VM (slmgr /dlv shows the activating host) or read the live AVMA page.",
        "テスト用の仮想マシンで確認する (slmgr /dlv にライセンス認証したホストが表示されます) か、最新の AVMA のページを確認してください。"
    ),
    facts: &["sac-by-build"],
};

/// Every rule, in code order.
pub const ALL: &[Rule] = &[
    KEY_VERSION_MISMATCH,
    KEY_EDITION_MISMATCH,
    KMS_KEY_FOR_AVMA,
    KEY_KIND_MISLABELED,
    UNKNOWN_KEY,
    CONVERSION_NOT_POSSIBLE,
    HOST_NOT_DATACENTER,
    HOST_NOT_ACTIVATED,
    HOST_TOO_OLD_FOR_GUEST,
    GUEST_NOT_SUPPORTED,
    EVALUATION_DOMAIN_CONTROLLER,
    HOST_EVALUATION,
    UNVERIFIED_HOST_GUEST_PAIR,
];

/// A rule by code (`AV001`, case-insensitive) or name (`key-version-mismatch`).
pub fn find(topic: &str) -> Option<&'static Rule> {
    let t = topic.trim();
    ALL.iter()
        .find(|r| r.code.eq_ignore_ascii_case(t) || r.name.eq_ignore_ascii_case(t))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn codes_and_names_are_unique_and_well_formed() {
        let mut codes = HashSet::new();
        let mut names = HashSet::new();
        for r in ALL {
            assert!(codes.insert(r.code), "duplicate code {}", r.code);
            assert!(names.insert(r.name), "duplicate name {}", r.name);
            assert!(r.code.starts_with("AV") && r.code.len() == 5, "{}", r.code);
            assert!(
                r.name
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c == '-' || c.is_ascii_digit()),
                "{} is not kebab-case",
                r.name
            );
            for d in [r.summary, r.detects, r.why, r.evidence, r.fix] {
                assert!(
                    !d.en.is_empty() && !d.ja.is_empty(),
                    "{} lacks docs",
                    r.name
                );
            }
        }
    }

    #[test]
    fn facts_cited_by_rules_exist() {
        let cat = crate::catalog::Catalog::builtin();
        for r in ALL {
            for f in r.facts {
                assert!(cat.fact(f).is_some(), "{} cites unknown fact {f}", r.name);
            }
        }
    }
}
