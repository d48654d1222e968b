//! The one rule registry. Every finding avma reports (lint, plan refusal, later diagnosis and
//! audit) belongs to a rule here: a stable code, a stable kebab-case name (both public
//! contracts), a default severity, and its documentation, from which `avma explain`,
//! `avma rules` and `docs/rules/*.md` are generated.

use serde::Serialize;

use crate::text::Localized;

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
    /// `avma diagnose`: root causes found in collected evidence.
    Diagnose,
}

/// A documentation section: one map from language tag to text (English the fallback).
pub type Doc = &'static Localized;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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

/// `doc! { "en" => "...", "ja" => "..." }`: a documentation section in each language written.
macro_rules! doc {
    ($($tag:literal => $text:expr),+ $(,)?) => {
        &Localized::from_static(&[$(($tag, $text)),+])
    };
}

pub const KEY_VERSION_MISMATCH: Rule = Rule {
    code: "AV001",
    name: "key-version-mismatch",
    severity: Severity::Error,
    origins: &[Origin::Lint],
    summary: doc! {
        "en" => "A product key of another Windows Server version than the target.",
        "ja" => "対象とは別の Windows Server バージョンのプロダクト キー。",
    },
    detects: doc! {
        "en" => "A public AVMA or KMS client setup key used in a command (DISM /Set-Edition, slmgr /ipk, InstallProductKey) whose Windows Server version differs from the target version, taken from --os or inferred from the text (for example \"Windows Server 2019\" next to \"guest\" or \"ゲスト\"). Keys merely listed in the text are reported as warnings; a key listed with its own version (its table column or row, or the version written before it in a list such as \"2019 Datacenter: ..., 2022 Datacenter: ...\") is reference and judged by that version. A command that runs on the host (its line, code block or heading says so) installs the host's own key: it is judged by the host's version, never by the guest's.",
        "ja" => "コマンド (DISM /Set-Edition、slmgr /ipk、InstallProductKey) で使われている公開 AVMA キーまたは KMS クライアント セットアップ キーの Windows Server バージョンが、対象のバージョン (--os、または本文の「ゲスト」「guest」付近の「Windows Server 2019」などから推定) と異なります。本文に列挙されているだけのキーは警告として報告します。自身のバージョンと並べて記載されたキー (表の列や行、「2019 Datacenter: ...、2022 Datacenter: ...」のような一覧でキーの前に書かれたバージョン) は参照用として、そのバージョンで判定します。ホストで実行するコマンド (その行、コード ブロック、見出しがそう示すもの) はホスト自身のキーをインストールするため、ゲストではなくホストのバージョンで判定します。",
    },
    why: doc! {
        "en" => "AVMA and KMS client keys are tied to one Windows Server version. A 2019 guest rejects the 2022 key: DISM fails with 0xC004000F and slmgr with 0xC004F050 or 0xC004E016.",
        "ja" => "AVMA キーと KMS クライアント セットアップ キーは 1 つの Windows Server バージョンに結び付いています。2019 のゲストは 2022 のキーを拒否します。DISM は 0xC004000F、slmgr は 0xC004F050 や 0xC004E016 で失敗します。",
    },
    evidence: doc! {
        "en" => "The file and line of the command, the key, and the catalog entry that names its version.",
        "ja" => "コマンドのファイルと行、キー、そのバージョンを示すカタログの項目。",
    },
    fix: doc! {
        "en" => "Use the key of the same kind and edition for the target version; avma names it (avma keys --os <version>).",
        "ja" => "対象バージョンの同じ種類・エディションのキーを使ってください。avma がそのキーを示します (avma keys --os <バージョン>)。",
    },
    facts: &["avma-key-own-version"],
};

pub const KEY_EDITION_MISMATCH: Rule = Rule {
    code: "AV002",
    name: "key-edition-mismatch",
    severity: Severity::Error,
    origins: &[Origin::Lint],
    summary: doc! {
        "en" => "A product key of another edition than the /Set-Edition target or the stated edition.",
        "ja" => "/Set-Edition の変換先や記載されたエディションとは別のエディションのプロダクト キー。",
    },
    detects: doc! {
        "en" => "The key's edition (Standard, Datacenter, Datacenter: Azure Edition, Essentials) differs from the target of the DISM /Set-Edition command it is used with, from the last /Set-Edition target before a slmgr /ipk, from the edition the install command is for locally (the script branch it is in, such as if ($ed -eq 'ServerDatacenter') or cmd's if /i \"%EDITION%\"==\"ServerStandard\" (; its own line; the nearest heading or label naming one edition, such as \"## Standard のゲスト\" or \"### Datacenter guests (2019)\"), from --edition, or from the one edition the text names for its guests (\"Guest: Windows Server 2019 Standard\") when no /Set-Edition comes before the command. A command that runs on the host is judged by its own line only.",
        "ja" => "キーのエディション (Standard、Datacenter、Datacenter: Azure Edition、Essentials) が、同じ DISM /Set-Edition コマンドの変換先、slmgr /ipk より前の最後の /Set-Edition の変換先、インストール コマンドがその場所で対象とするエディション (コマンドを含むスクリプトの分岐 (if ($ed -eq 'ServerDatacenter') や cmd の if /i \"%EDITION%\"==\"ServerStandard\" ( など)、その行自体、エディションを 1 つだけ挙げる直近の見出しやラベル (「## Standard のゲスト」、「### Datacenter guests (2019)」など))、--edition、または本文がゲストについて挙げる唯一のエディション (「ゲスト: Windows Server 2019 Standard」、コマンドより前に /Set-Edition がない場合) と異なります。ホストで実行するコマンドはその行だけで判定します。",
    },
    why: doc! {
        "en" => "A key only installs on its own edition: a key of one edition entered into another edition is rejected. Change the edition first, then install the key of that edition.",
        "ja" => "キーは自身のエディションにしかインストールできません。別のエディションのキーは拒否されます。先にエディションを変更し、そのエディションのキーをインストールしてください。",
    },
    evidence: doc! {
        "en" => "The file and line, the key, its edition in the catalog, and the edition the text aims at.",
        "ja" => "ファイルと行、キー、カタログ上のエディション、本文が目指すエディション。",
    },
    fix: doc! {
        "en" => "Use the key of the target edition and the guest's version.",
        "ja" => "変換先エディションとゲストのバージョンのキーを使ってください。",
    },
    facts: &["avma-key-own-version", "conv-key-common-practice"],
};

pub const KMS_KEY_FOR_AVMA: Rule = Rule {
    code: "AV003",
    name: "kms-key-for-avma",
    severity: Severity::Error,
    origins: &[Origin::Lint],
    summary: doc! {
        "en" => "A KMS client setup key installed where AVMA is intended.",
        "ja" => "AVMA を使うはずの場所で KMS クライアント セットアップ キーをインストールしています。",
    },
    detects: doc! {
        "en" => "slmgr /ipk or InstallProductKey with a KMS client setup key (GVLK) in a text about AVMA that sets up no KMS host (no /skms). A command that runs on the host is left out: a host may be a KMS client.",
        "ja" => "AVMA についての本文で、KMS ホストを設定せず (/skms なし) に、slmgr /ipk や InstallProductKey で KMS クライアント セットアップ キー (GVLK) をインストールしています。ホストで実行するコマンドは対象外です (ホストは KMS クライアントでもかまいません)。",
    },
    why: doc! {
        "en" => "A KMS client key makes the guest a KMS client: it looks for a KMS host and fails with 0xC004F074 instead of asking the Hyper-V host. (Using a KMS client key with DISM /Set-Edition to change the edition is common practice and not flagged.)",
        "ja" => "KMS クライアント セットアップ キーを入れるとゲストは KMS クライアントになり、Hyper-V ホストではなく KMS ホストを探して 0xC004F074 で失敗します。(DISM /Set-Edition のエディション変更に KMS クライアント セットアップ キーを使うのは一般的な手順であり、検出しません)",
    },
    evidence: doc! {
        "en" => "The file and line of the install command and the catalog entry of the key.",
        "ja" => "インストール コマンドのファイルと行、キーのカタログ項目。",
    },
    fix: doc! {
        "en" => "Install the AVMA key of the same version and edition instead.",
        "ja" => "代わりに同じバージョンとエディションの AVMA キーをインストールしてください。",
    },
    facts: &["gvlk-needs-kms", "avma-key-own-version"],
};

pub const KEY_KIND_MISLABELED: Rule = Rule {
    code: "AV004",
    name: "key-kind-mislabeled",
    severity: Severity::Warning,
    origins: &[Origin::Lint],
    summary: doc! {
        "en" => "The text calls a KMS client setup key an AVMA key, or the reverse.",
        "ja" => "本文が KMS クライアント セットアップ キーを AVMA キーと呼んでいる (またはその逆)。",
    },
    detects: doc! {
        "en" => "A line that names a key \"AVMA\" (or 仮想マシンの自動ライセンス認証) while the key is a KMS client setup key, or names it \"KMS\"/\"GVLK\" while it is an AVMA key.",
        "ja" => "キーを「AVMA」(または仮想マシンの自動ライセンス認証) と呼んでいるのに実際は KMS クライアント セットアップ キーである行、または「KMS」「GVLK」と呼んでいるのに AVMA キーである行。",
    },
    why: doc! {
        "en" => "Several public scripts and posts list KMS client keys as AVMA keys; readers copy them and the guest becomes a KMS client.",
        "ja" => "公開されているスクリプトや記事の中には KMS クライアント セットアップ キーを AVMA キーとして載せているものがあり、それを写すとゲストは KMS クライアントになります。",
    },
    evidence: doc! {
        "en" => "The file and line, the label found, and the catalog entry of the key.",
        "ja" => "ファイルと行、見つかった呼び名、キーのカタログ項目。",
    },
    fix: doc! {
        "en" => "Correct the label, and use the key of the kind you mean.",
        "ja" => "呼び名を直し、意図した種類のキーを使ってください。",
    },
    facts: &["gvlk-needs-kms"],
};

pub const UNKNOWN_KEY: Rule = Rule {
    code: "AV005",
    name: "unknown-key",
    severity: Severity::Warning,
    origins: &[Origin::Lint],
    summary: doc! {
        "en" => "A product key that is not a public AVMA or KMS client setup key: it cannot be checked.",
        "ja" => "公開 AVMA キーでも KMS クライアント セットアップ キーでもないプロダクト キー。確認できません。",
    },
    detects: doc! {
        "en" => "A 5×5 product key that is not in avma's catalog. It is shown redacted to its last five characters.",
        "ja" => "avma のカタログにない 5×5 のプロダクト キー。末尾 5 文字以外を伏せて表示します。",
    },
    why: doc! {
        "en" => "A private key (retail, MAK, OEM) cannot be checked against a version or edition, and it should not sit in a runbook or chat log.",
        "ja" => "非公開のキー (製品版、MAK、OEM) はバージョンやエディションを確認できず、手順書やチャットに残すべきではありません。",
    },
    evidence: doc! {
        "en" => "The file and line, and the key's last five characters.",
        "ja" => "ファイルと行、キーの末尾 5 文字。",
    },
    fix: doc! {
        "en" => "Check the key against its licence paperwork, and remove it from shared documents.",
        "ja" => "キーをライセンスの書類と照合し、共有文書から削除してください。",
    },
    facts: &[],
};

pub const CONVERSION_NOT_POSSIBLE: Rule = Rule {
    code: "AV006",
    name: "conversion-not-possible",
    severity: Severity::Error,
    origins: &[Origin::Lint, Origin::Plan],
    summary: doc! {
        "en" => "An edition conversion that the conversion rules forbid.",
        "ja" => "変換ルールで禁止されているエディション変換。",
    },
    detects: doc! {
        "en" => "DISM /Set-Edition (or a requested --want) from an edition to a target that Microsoft's conversion rules forbid: a downgrade, Datacenter evaluation to Standard, Desktop Experience evaluation to Server Core, Standard Core evaluation to anything but Datacenter Core, or an edition that does not exist for the version.",
        "ja" => "DISM /Set-Edition (または --want の指定) が Microsoft の変換ルールで禁止された変換をしようとしています。ダウングレード、Datacenter 評価版から Standard、デスクトップ エクスペリエンスの評価版から Server Core、Datacenter (Server Core) 以外への Standard (Server Core) 評価版の変換、またはそのバージョンに存在しないエディション。",
    },
    why: doc! {
        "en" => "DISM only offers the targets listed by /Get-TargetEditions; anything else fails or needs a fresh install.",
        "ja" => "DISM が受け付けるのは /Get-TargetEditions に表示される変換先だけです。それ以外は失敗するか新規インストールが必要です。",
    },
    evidence: doc! {
        "en" => "The command (file and line) or the plan request, the current edition and the target.",
        "ja" => "コマンド (ファイルと行) または計画の要求、現在のエディションと変換先。",
    },
    fix: doc! {
        "en" => "Pick an allowed target (avma plan lists them), or reinstall with the wanted edition.",
        "ja" => "許可された変換先を選ぶ (avma plan が示します) か、目的のエディションで再インストールしてください。",
    },
    facts: &[
        "conv-no-downgrade",
        "conv-eval-datacenter-only-datacenter",
        "conv-desktop-eval-not-core",
        "conv-standard-core-eval-only-datacenter-core",
        "conv-target-must-be-listed",
    ],
};

pub const DAMAGED_PUBLIC_KEY: Rule = Rule {
    code: "AV007",
    name: "damaged-public-key",
    severity: Severity::Error,
    origins: &[Origin::Lint],
    summary: doc! {
        "en" => "A damaged copy of a public AVMA or KMS client setup key.",
        "ja" => "公開 AVMA キーまたは KMS クライアント セットアップ キーの崩れたコピー。",
    },
    detects: doc! {
        "en" => "Text that looks like a product key but is damaged — by machine translation or OCR (TNK62 RXVTB-4P47B-2 次元の 623 4GF74), a space instead of a dash, a group of the wrong length, or one to three wrong, missing or extra characters — and is, once separators and noise are dropped, within three edits of exactly one public key of the catalog. A well-formed key that is one to three characters off a public key is reported here instead of as unknown-key. Always an error, also when the copy is only listed: whoever copies it from the list gets a key that fails.",
        "ja" => "プロダクト キーに見えるが崩れている文字列。機械翻訳や OCR によるもの (TNK62 RXVTB-4P47B-2 次元の 623 4GF74)、ハイフンの代わりの空白、長さの違うグループ、1 ～ 3 文字の誤り・欠落・余分な文字で、区切りとノイズを除くと、カタログの公開キーのうちちょうど 1 つから 3 文字以内の編集で得られるもの。公開キーと 1 ～ 3 文字だけ異なる正しい形式のキーは、unknown-key ではなくこのルールで報告します。列挙されているだけのコピーも常にエラーです (一覧から写した人は失敗するキーを手にします)。",
    },
    why: doc! {
        "en" => "A damaged key is not the key: DISM /Set-Edition and slmgr /ipk reject it (slmgr with 0xC004F050), or the line is retyped by hand from a copy that is already wrong. The guest needs the public key of its own version and edition, which avma knows in full.",
        "ja" => "崩れたキーは正しいキーではありません。DISM /Set-Edition や slmgr /ipk はこれを拒否し (slmgr は 0xC004F050)、すでに誤っている写しから手入力し直すことになります。ゲストには自身のバージョンとエディションの公開キーが必要で、avma はその全体を知っています。",
    },
    evidence: doc! {
        "en" => "The file, line and column, the damaged text, and the public key it was copied from, with its version and edition. A damaged text that has the shape of a product key is shown redacted like every key that is not public (avma cannot know it is not someone's key); when it has the key's 25 characters, the finding names the one to three characters that differ from the public key (\"A\" for \"4\" at character 25), which tell nothing beyond the public key, so that the text can be found.",
        "ja" => "ファイル、行と桁、崩れた文字列、元の公開キーとそのバージョンとエディション。プロダクト キーの形をした崩れた文字列は、公開されていないキーと同じく伏せて表示します (誰かのキーでないとは avma には分かりません)。25 文字そろっている場合は、公開キーと異なる 1 ～ 3 文字 (25 文字目が「4」ではなく「A」など) を示すので、文字列を見つけられます。これは公開キー以上のことを明かしません。",
    },
    fix: doc! {
        "en" => "Replace the text with the public key avma names (avma keys --os <version> lists them); the fix shows the corrected command.",
        "ja" => "文字列を avma が示す公開キーに置き換えてください (avma keys --os <バージョン> で一覧できます)。修正案に正しいコマンドを示します。",
    },
    facts: &["avma-key-own-version"],
};

pub const HOST_NOT_DATACENTER: Rule = Rule {
    code: "AV101",
    name: "host-not-datacenter",
    severity: Severity::Error,
    origins: &[Origin::Plan, Origin::Diagnose, Origin::Lint],
    summary: doc! {
        "en" => "The Hyper-V host is not a Datacenter edition, so it cannot activate AVMA guests.",
        "ja" => "Hyper-V ホストが Datacenter エディションではないため、AVMA でゲストをライセンス認証できません。",
    },
    detects: doc! {
        "en" => "A host whose edition is Standard, Essentials or anything other than Datacenter. In a runbook about AVMA (lint): a sentence that states as the text's own that the host is a Standard edition (\"Our hosts are 2019 Standard\"). A sentence that only mentions a Standard host is not one: it negates or states a requirement (\"must be Datacenter, not Standard\", \"won't\", \"only\"), is a condition or a question (\"If your hosts are Standard\", \"場合\", \"?\"), or sends the admin to another activation (KMS, MAK, retail).",
        "ja" => "エディションが Standard、Essentials など Datacenter 以外のホスト。AVMA の手順書 (lint) では、ホストが Standard エディションであると本文自身として述べる文 (「Our hosts are 2019 Standard」)。Standard のホストに触れるだけの文は含みません。否定や要件を述べる文 (「Datacenter が必要」、「使えません」、「のみ」)、条件や質問の文 (「ホストが Standard の場合」、「?」)、別のライセンス認証 (KMS、MAK、製品版) に案内する文です。",
    },
    why: doc! {
        "en" => "AVMA requires a Windows Server Datacenter host with the Hyper-V role. Guests of a Standard host must be activated another way (retail, MAK or KMS).",
        "ja" => "AVMA には Hyper-V の役割を持つ Windows Server Datacenter のホストが必要です。Standard のホスト上のゲストは別の方法 (製品版、MAK、KMS) でライセンス認証する必要があります。",
    },
    evidence: doc! {
        "en" => "The host's EditionID.",
        "ja" => "ホストの EditionID。",
    },
    fix: doc! {
        "en" => "Convert the host to Datacenter (DISM /Online /Set-Edition:ServerDatacenter /ProductKey:<your Datacenter key> /AcceptEula) and activate it, or activate the guests with KMS or MAK.",
        "ja" => "ホストを Datacenter に変換して (DISM /Online /Set-Edition:ServerDatacenter /ProductKey:<Datacenter のキー> /AcceptEula) ライセンス認証するか、ゲストを KMS または MAK でライセンス認証してください。",
    },
    facts: &["host-datacenter-hyperv"],
};

pub const HOST_NOT_ACTIVATED: Rule = Rule {
    code: "AV102",
    name: "host-not-activated",
    severity: Severity::Error,
    origins: &[Origin::Plan, Origin::Diagnose],
    summary: doc! {
        "en" => "The Hyper-V host is not activated, so its guests cannot activate.",
        "ja" => "Hyper-V ホストがライセンス認証されていないため、ゲストはライセンス認証できません。",
    },
    detects: doc! {
        "en" => "A host reported as not activated (--host-activated no).",
        "ja" => "ライセンス認証されていないと報告されたホスト (--host-activated no)。",
    },
    why: doc! {
        "en" => "The VM activates only if the host is activated; otherwise the guest fails with 0xC004FD02.",
        "ja" => "仮想マシンがライセンス認証されるのはホストがライセンス認証済みの場合だけです。そうでない場合、ゲストは 0xC004FD02 で失敗します。",
    },
    evidence: doc! {
        "en" => "The host's license status.",
        "ja" => "ホストのライセンスの状態。",
    },
    fix: doc! {
        "en" => "Activate the host with its Datacenter key (OEM, retail or volume all work), then restart the VM or run slmgr /ato in the guest.",
        "ja" => "ホストを Datacenter のキー (OEM、製品版、ボリューム ライセンスのいずれでも可) でライセンス認証し、仮想マシンを再起動するかゲストで slmgr /ato を実行してください。",
    },
    facts: &[
        "host-must-be-activated",
        "host-channel-any",
        "cluster-every-node",
    ],
};

pub const HOST_TOO_OLD_FOR_GUEST: Rule = Rule {
    code: "AV103",
    name: "host-too-old-for-guest",
    severity: Severity::Error,
    origins: &[Origin::Plan, Origin::Diagnose, Origin::Lint],
    summary: doc! {
        "en" => "The host's Windows Server version is older than the guest's.",
        "ja" => "ホストの Windows Server バージョンがゲストより古い。",
    },
    detects: doc! {
        "en" => "A guest version the host version cannot activate according to the AVMA matrix (host version must be at least the guest's). In a runbook about AVMA (lint): the text states its hosts' version (\"all nodes Windows Server 2022 Datacenter\"; not in a negation, condition or requirement) and installs the AVMA key of a newer guest version; or a sentence states or allows a host older than its guest (\"the host may be older than the guest\").",
        "ja" => "AVMA の対応表に従うとホストのバージョンではライセンス認証できないゲストのバージョン (ホストはゲストと同じかそれ以降である必要があります)。AVMA の手順書 (lint) では、本文が自身のホストのバージョンを述べ (「全ノード Windows Server 2022 Datacenter」。否定、条件、要件の文は除く)、それより新しいゲストのバージョンの AVMA キーをインストールしているもの。または、ゲストより古いホストを述べたり認めたりしている文 (「ホストはゲストより古くても問題ありません」)。",
    },
    why: doc! {
        "en" => "The host version determines which guest versions it can activate. Typical during a cluster rolling upgrade: a 2022 guest on a 2019 node.",
        "ja" => "ホストのバージョンによって、ライセンス認証できるゲストのバージョンが決まります。クラスターのローリング アップグレード中によく起きます。2019 のノード上の 2022 のゲストなど。",
    },
    evidence: doc! {
        "en" => "The host and guest versions (or builds) and the matrix cell.",
        "ja" => "ホストとゲストのバージョン (またはビルド) と対応表のセル。",
    },
    fix: doc! {
        "en" => "Run the guest on a host of its version or later; in a cluster, limit its possible owners to such nodes until the upgrade is finished.",
        "ja" => "ゲストと同じかそれ以降のバージョンのホストで実行してください。クラスターでは、アップグレードが終わるまで実行可能な所有者をそのようなノードに限定します。",
    },
    facts: &["host-version-ge-guest"],
};

pub const GUEST_NOT_SUPPORTED: Rule = Rule {
    code: "AV104",
    name: "guest-not-supported",
    severity: Severity::Error,
    origins: &[Origin::Plan, Origin::Diagnose, Origin::Lint],
    summary: doc! {
        "en" => "The guest cannot be activated by AVMA at all (a client OS, Windows Server 2012 or older).",
        "ja" => "ゲストは AVMA ではライセンス認証できません (クライアント OS、Windows Server 2012 以前)。",
    },
    detects: doc! {
        "en" => "A guest that is a Windows client, Windows Server 2012 (non-R2) or older, or an edition without an AVMA key. In a runbook about AVMA (lint): a version AVMA does not activate named as a guest's in a sentence that states as the text's own that it is activated (\"Windows Server 2012 guests can be activated the same way\"); not in a sentence that negates it, is a condition or a question, or sends the admin to KMS, MAK or a retail key (a parenthesis that qualifies the version, \"2012 (not R2)\", is not a negation). Such a version is never the target the text's keys are judged by.",
        "ja" => "Windows クライアント、Windows Server 2012 (R2 ではない) 以前、または AVMA キーのないエディションのゲスト。AVMA の手順書 (lint) では、AVMA がライセンス認証しないバージョンをゲストのものとして挙げ、ライセンス認証できると本文自身として述べる文 (「Windows Server 2012 のゲストも同じ手順でライセンス認証できます」)。否定、条件、質問の文や、KMS、MAK、製品版のキーに案内する文は含みません (「2012 (R2 ではない)」のようにバージョンを限定する括弧は否定ではありません)。このようなバージョンが、本文のキーを判定する対象バージョンになることはありません。",
    },
    why: doc! {
        "en" => "AVMA activates Windows Server 2012 R2 and later guests only.",
        "ja" => "AVMA がライセンス認証できるのは Windows Server 2012 R2 以降のゲストだけです。",
    },
    evidence: doc! {
        "en" => "The guest's version and edition.",
        "ja" => "ゲストのバージョンとエディション。",
    },
    fix: doc! {
        "en" => "Activate this guest with KMS, MAK or retail keys.",
        "ja" => "このゲストは KMS、MAK、製品版のキーでライセンス認証してください。",
    },
    facts: &["guest-server-2012r2-or-later", "essentials-no-avma-2022"],
};

pub const EVALUATION_DOMAIN_CONTROLLER: Rule = Rule {
    code: "AV105",
    name: "evaluation-domain-controller",
    severity: Severity::Error,
    origins: &[Origin::Plan, Origin::Diagnose, Origin::Lint],
    summary: doc! {
        "en" => "An evaluation edition that is a domain controller cannot be converted to retail.",
        "ja" => "ドメイン コントローラーである評価版は製品版に変換できません。",
    },
    detects: doc! {
        "en" => "A guest on an evaluation edition that is an Active Directory domain controller. In a runbook: a DISM /Set-Edition of an evaluation edition the text says is a domain controller.",
        "ja" => "Active Directory のドメイン コントローラーである評価版のゲスト。手順書では、本文がドメイン コントローラーとしている評価版を DISM /Set-Edition で変換している箇所。",
    },
    why: doc! {
        "en" => "Microsoft does not support converting a domain controller from evaluation to retail, so the AVMA key can never be installed on it.",
        "ja" => "Microsoft はドメイン コントローラーを評価版から製品版に変換することをサポートしていないため、AVMA キーをインストールできません。",
    },
    evidence: doc! {
        "en" => "The evaluation EditionID and the domain controller role.",
        "ja" => "評価版の EditionID とドメイン コントローラーの役割。",
    },
    fix: doc! {
        "en" => "Add a domain controller on a retail server, move the FSMO roles to it, remove AD DS from this one, then convert it.",
        "ja" => "製品版のサーバーにドメイン コントローラーを追加して FSMO の役割を移し、このサーバーの AD DS を削除してから変換してください。",
    },
    facts: &["conv-eval-domain-controller"],
};

pub const HOST_EVALUATION: Rule = Rule {
    code: "AV106",
    name: "host-evaluation-edition",
    severity: Severity::Warning,
    origins: &[Origin::Plan, Origin::Diagnose],
    summary: doc! {
        "en" => "The host runs an evaluation Datacenter: whether it can serve AVMA is unknown, and it expires.",
        "ja" => "ホストが Datacenter 評価版です。AVMA を提供できるかは不明で、期限があります。",
    },
    detects: doc! {
        "en" => "A host whose EditionID is ServerDatacenterEval or ServerDatacenterEvalCor: the host of a plan, or in diagnose a Hyper-V host whose evidence shows that edition.",
        "ja" => "EditionID が ServerDatacenterEval または ServerDatacenterEvalCor のホスト (plan で指定したホスト、または diagnose で証拠がこのエディションを示す Hyper-V ホスト)。",
    },
    why: doc! {
        "en" => "No source says whether an evaluation host activates AVMA guests, and its licence lapses at the end of the evaluation, taking every guest with it.",
        "ja" => "評価版のホストが AVMA でゲストをライセンス認証できるかを示す情報源はなく、評価期間の終了とともにライセンスの有効期限が切れ、すべてのゲストが影響を受けます。",
    },
    evidence: doc! {
        "en" => "The host's EditionID (DISM, the registry or its licensing product), and its TIMEBASED_EVAL channel with the time left when the evidence shows them.",
        "ja" => "ホストの EditionID (DISM、レジストリ、またはライセンス製品)。証拠にあれば TIMEBASED_EVAL チャネルと残り時間も示します。",
    },
    fix: doc! {
        "en" => "Convert the host to retail Datacenter (DISM /Online /Set-Edition:ServerDatacenter /ProductKey:<your key> /AcceptEula) and activate it.",
        "ja" => "ホストを製品版の Datacenter に変換して (DISM /Online /Set-Edition:ServerDatacenter /ProductKey:<キー> /AcceptEula) ライセンス認証してください。",
    },
    facts: &["eval-host-unknown"],
};

pub const UNVERIFIED_HOST_GUEST_PAIR: Rule = Rule {
    code: "AV107",
    name: "unverified-host-guest-pair",
    severity: Severity::Info,
    origins: &[Origin::Plan],
    summary: doc! {
        "en" => "The host/guest verdict rests on an unverified fact (the 2025 host row, or a Semi-Annual Channel release).",
        "ja" => "ホストとゲストの判定が未検証の事実 (2025 のホストの行、または半期チャネルのリリース) に基づいています。",
    },
    detects: doc! {
        "en" => "A host/guest pair whose matrix cell is marked unverified in the catalog.",
        "ja" => "カタログで未検証とされている対応表のセルに当たるホストとゲストの組み合わせ。",
    },
    why: doc! {
        "en" => "avma never presents an unverified fact as official: check the live Microsoft page before relying on it.",
        "ja" => "avma は未検証の事実を公式として示しません。頼る前に Microsoft の最新のページを確認してください。",
    },
    evidence: doc! {
        "en" => "The matrix cell and its source.",
        "ja" => "対応表のセルとその出典。",
    },
    fix: doc! {
        "en" => "Verify on a test VM (slmgr /dlv shows the activating host) or read the live AVMA page.",
        "ja" => "テスト用の仮想マシンで確認する (slmgr /dlv にライセンス認証したホストが表示されます) か、最新の AVMA のページを確認してください。",
    },
    facts: &["sac-by-build"],
};

pub const GUEST_EVALUATION_EDITION: Rule = Rule {
    code: "AV201",
    name: "guest-evaluation-edition",
    severity: Severity::Error,
    origins: &[Origin::Diagnose, Origin::Lint],
    summary: doc! {
        "en" => "The guest runs an evaluation edition: an AVMA key cannot be installed on it.",
        "ja" => "ゲストが評価版です。AVMA キーをインストールできません。",
    },
    detects: doc! {
        "en" => "A guest whose EditionID ends in Eval (DISM, registry) or whose product is on the TIMEBASED_EVAL channel. In a runbook: an AVMA key installed (slmgr /ipk) while the text is about an evaluation edition (its heading or sentence says so) that no DISM /Set-Edition has converted yet.",
        "ja" => "EditionID が Eval で終わる (DISM、レジストリ) か、製品が TIMEBASED_EVAL チャネルのゲスト。手順書では、本文が評価版について述べている (見出しや文にそうある) のに、DISM /Set-Edition で変換する前に AVMA キーをインストール (slmgr /ipk) している箇所。",
    },
    why: doc! {
        "en" => "slmgr /ipk of an AVMA key on an evaluation edition fails with 0xC004F069; the evaluation then expires.",
        "ja" => "評価版で AVMA キーを slmgr /ipk すると 0xC004F069 で失敗し、評価期間が終わるとライセンスの有効期限が切れます。",
    },
    evidence: doc! { "en" => "The EditionID or the channel, with where it was read.", "ja" => "EditionID またはチャネルと、その読み取り元。" },
    fix: doc! {
        "en" => "Convert with DISM /Set-Edition using a key of the guest's own version, restart, then install the AVMA key (avma plan gives the exact commands).",
        "ja" => "ゲスト自身のバージョンのキーで DISM /Set-Edition により変換して再起動し、AVMA キーをインストールしてください (正確なコマンドは avma plan が示します)。",
    },
    facts: &["eval-needs-conversion", "conv-key-common-practice"],
};

pub const EDITION_CHANGE_RESTART_PENDING: Rule = Rule {
    code: "AV214",
    name: "edition-change-restart-pending",
    severity: Severity::Warning,
    origins: &[Origin::Diagnose],
    summary: doc! {
        "en" => "The evaluation guest's DISM conversion completed: only the restart is pending.",
        "ja" => "評価版のゲストの DISM による変換は完了しています。残っているのは再起動だけです。",
    },
    detects: doc! {
        "en" => "A guest that still shows an evaluation edition while its evidence shows DISM /Set-Edition to a retail edition completed (the restart that applies it not yet done). Reported instead of guest-evaluation-edition: converting again is not the fix.",
        "ja" => "評価版のエディションのままに見えるものの、製品版への DISM /Set-Edition が完了したことが証拠に示されている (適用する再起動がまだの) ゲスト。guest-evaluation-edition の代わりに報告します。もう一度変換することは解決策ではありません。",
    },
    why: doc! {
        "en" => "DISM applies the new edition at the next restart; until then the guest stays an evaluation and an AVMA key cannot be installed or activated.",
        "ja" => "DISM は次の再起動で新しいエディションを適用します。それまでゲストは評価版のままで、AVMA キーのインストールもライセンス認証もできません。",
    },
    evidence: doc! {
        "en" => "The evaluation EditionID and the completed DISM /Set-Edition, with where each was read.",
        "ja" => "評価版の EditionID と、完了した DISM /Set-Edition、それぞれの読み取り元。",
    },
    fix: doc! {
        "en" => "Restart the guest (shutdown /r or Restart-Computer), then install the AVMA key of its version and new edition and activate.",
        "ja" => "ゲストを再起動し (shutdown /r または Restart-Computer)、そのバージョンと新しいエディションの AVMA キーをインストールしてライセンス認証してください。",
    },
    facts: &["eval-needs-conversion"],
};

pub const GUEST_KMS_KEY_INSTALLED: Rule = Rule {
    code: "AV202",
    name: "guest-kms-key-installed",
    severity: Severity::Error,
    origins: &[Origin::Diagnose],
    summary: doc! {
        "en" => "The guest holds a KMS client setup key where AVMA is intended.",
        "ja" => "AVMA を使うはずのゲストに KMS クライアント セットアップ キーが入っています。",
    },
    detects: doc! {
        "en" => "A guest product on the VOLUME_KMSCLIENT channel, or whose partial key is the end of a KMS client setup key.",
        "ja" => "VOLUME_KMSCLIENT チャネルの製品、またはプロダクト キーの末尾が KMS クライアント セットアップ キーと一致するゲスト。",
    },
    why: doc! {
        "en" => "A KMS client looks for a KMS host and never asks the Hyper-V host: 0xC004F074 and event 12288 instead of an AVMA activation.",
        "ja" => "KMS クライアントは KMS ホストを探し、Hyper-V ホストには要求しません。AVMA のライセンス認証の代わりに 0xC004F074 とイベント 12288 が発生します。",
    },
    evidence: doc! { "en" => "The product's channel and partial key.", "ja" => "製品のチャネルと部分プロダクト キー。" },
    fix: doc! {
        "en" => "Install the AVMA key of the guest's version and edition.",
        "ja" => "ゲストのバージョンとエディションの AVMA キーをインストールしてください。",
    },
    facts: &["gvlk-needs-kms", "avma-key-own-version"],
};

pub const GUEST_AVMA_KEY_WRONG_VERSION: Rule = Rule {
    code: "AV203",
    name: "guest-avma-key-wrong-version",
    severity: Severity::Error,
    origins: &[Origin::Diagnose],
    summary: doc! {
        "en" => "The guest's AVMA key belongs to another Windows Server version.",
        "ja" => "ゲストの AVMA キーが別の Windows Server バージョンのものです。",
    },
    detects: doc! {
        "en" => "A partial key that is the end of an AVMA key published for a version other than the guest's build.",
        "ja" => "部分プロダクト キーが、ゲストのビルドとは別のバージョンの AVMA キーの末尾と一致します。",
    },
    why: doc! {
        "en" => "AVMA keys are per version; a key of another version cannot activate this guest.",
        "ja" => "AVMA キーはバージョンごとです。別のバージョンのキーではこのゲストをライセンス認証できません。",
    },
    evidence: doc! { "en" => "The partial key, the key it matches, and the guest's build.", "ja" => "部分プロダクト キー、一致するキー、ゲストのビルド。" },
    fix: doc! { "en" => "Install the AVMA key of the guest's own version.", "ja" => "ゲスト自身のバージョンの AVMA キーをインストールしてください。" },
    facts: &["avma-key-own-version"],
};

pub const GUEST_AVMA_KEY_WRONG_EDITION: Rule = Rule {
    code: "AV204",
    name: "guest-avma-key-wrong-edition",
    severity: Severity::Error,
    origins: &[Origin::Diagnose],
    summary: doc! {
        "en" => "The guest's AVMA key belongs to another edition.",
        "ja" => "ゲストの AVMA キーが別のエディションのものです。",
    },
    detects: doc! {
        "en" => "A partial key that is the end of an AVMA key of another edition family than the guest's edition.",
        "ja" => "部分プロダクト キーが、ゲストのエディションとは別のエディションの AVMA キーの末尾と一致します。",
    },
    why: doc! {
        "en" => "A key only activates its own edition: a Datacenter AVMA key does not activate a Standard guest.",
        "ja" => "キーは自身のエディションしかライセンス認証できません。Datacenter の AVMA キーでは Standard のゲストをライセンス認証できません。",
    },
    evidence: doc! { "en" => "The partial key, the key it matches, and the guest's EditionID.", "ja" => "部分プロダクト キー、一致するキー、ゲストの EditionID。" },
    fix: doc! {
        "en" => "Install the AVMA key of the guest's edition (or convert the edition first, then install the key).",
        "ja" => "ゲストのエディションの AVMA キーをインストールしてください (またはエディションを変換してからキーをインストールします)。",
    },
    facts: &["avma-key-own-version"],
};

pub const GUEST_NO_PRODUCT_KEY: Rule = Rule {
    code: "AV205",
    name: "guest-no-product-key",
    severity: Severity::Error,
    origins: &[Origin::Diagnose],
    summary: doc! {
        "en" => "The guest has no product key installed.",
        "ja" => "ゲストにプロダクト キーがインストールされていません。",
    },
    detects: doc! {
        "en" => "Licensing evidence with no Windows product holding a partial key, or error 0xC004F014.",
        "ja" => "部分プロダクト キーを持つ Windows の製品がないライセンス情報、またはエラー 0xC004F014。",
    },
    why: doc! {
        "en" => "Without a key nothing can activate the guest.",
        "ja" => "キーがなければゲストはライセンス認証できません。",
    },
    evidence: doc! {
        "en" => "The licensing output that lists no key.",
        "ja" => "キーがないことを示すライセンスの出力。",
    },
    fix: doc! {
        "en" => "Install the AVMA key of the guest's version and edition.",
        "ja" => "ゲストのバージョンとエディションの AVMA キーをインストールしてください。",
    },
    facts: &["avma-key-own-version"],
};

pub const GUEST_NOT_ACTIVATED: Rule = Rule {
    code: "AV206",
    name: "guest-not-activated",
    severity: Severity::Error,
    origins: &[Origin::Diagnose],
    summary: doc! { "en" => "The guest is not activated.", "ja" => "ゲストがライセンス認証されていません。" },
    detects: doc! {
        "en" => "A guest's Windows product whose license status is not Licensed, with the HRESULT seen (LicenseStatusReason, slmgr errors, event 12309 values) explained; without a license status, a guest whose newest 12309 that says how its request ended failed (a failed result its message names: Invalid Host, Invalid Data, Activation Denied, or a failure code).",
        "ja" => "ライセンスの状態が「ライセンスされています」ではないゲストの Windows 製品。確認された HRESULT (LicenseStatusReason、slmgr のエラー、イベント 12309 の値) を説明します。ライセンスの状態がない場合は、結果を示す最新の 12309 が失敗 (メッセージにある Invalid Host、Invalid Data、Activation Denied の結果、または失敗のコード) のゲスト。",
    },
    why: doc! {
        "en" => "The HRESULT names the cause: 0xC004FD02 host not activated, 0xC004FD03 host cannot activate this edition or version, 0xC004FD01 not on Hyper-V, 0xC004F074 a KMS key, and so on.",
        "ja" => "HRESULT が原因を示します。0xC004FD02 ホストが未認証、0xC004FD03 ホストがこのエディションやバージョンを認証できない、0xC004FD01 Hyper-V 上ではない、0xC004F074 KMS キー、など。",
    },
    evidence: doc! { "en" => "The license status and the HRESULTs, with where each was seen.", "ja" => "ライセンスの状態と HRESULT、それぞれの確認場所。" },
    fix: doc! {
        "en" => "Fix the cause the other findings name, then run slmgr /ato in the guest (or restart it).",
        "ja" => "他の検出結果が示す原因を解決してから、ゲストで slmgr /ato を実行 (または再起動) してください。",
    },
    facts: &["avma-activates-at-start"],
};

pub const DATA_EXCHANGE_DISABLED: Rule = Rule {
    code: "AV207",
    name: "data-exchange-disabled",
    severity: Severity::Error,
    origins: &[Origin::Diagnose, Origin::Lint],
    summary: doc! { "en" => "The VM's Data Exchange integration service is off.", "ja" => "仮想マシンのデータ交換統合サービスが無効です。" },
    detects: doc! {
        "en" => "Get-VMIntegrationService output whose Data Exchange entry (Id ending in 2A34B1C2-FD73-4043-8A5B-DD2159BC743F) is not enabled (a 4096 event alone is data-exchange-event, AV213). In a runbook (lint): a command that turns it off, Disable-VMIntegrationService or Set-VMIntegrationService ... -Enabled $false naming Key-Value Pair Exchange / Data Exchange.",
        "ja" => "データ交換 (Id の末尾が 2A34B1C2-FD73-4043-8A5B-DD2159BC743F) が有効でない Get-VMIntegrationService の出力 (4096 イベントだけなら data-exchange-event、AV213)。手順書 (lint) では、これを無効にするコマンド (Key-Value Pair Exchange / データ交換を指定した Disable-VMIntegrationService や Set-VMIntegrationService ... -Enabled $false)。",
    },
    why: doc! { "en" => "AVMA needs the Data Exchange (Key-Value Pair Exchange) integration service.", "ja" => "AVMA にはデータ交換 (キー値ペア交換) 統合サービスが必要です。" },
    evidence: doc! { "en" => "The integration service entry or the 4096 events.", "ja" => "統合サービスの項目または 4096 イベント。" },
    fix: doc! { "en" => "Enable it on the host: Enable-VMIntegrationService for the Data Exchange entry.", "ja" => "ホストで、データ交換の項目に対して Enable-VMIntegrationService を実行して有効にしてください。" },
    facts: &["kvp-required", "kvp-component-guid"],
};

pub const KVP_SERVICE_NOT_RUNNING: Rule = Rule {
    code: "AV208",
    name: "kvp-service-not-running",
    severity: Severity::Error,
    origins: &[Origin::Diagnose],
    summary: doc! { "en" => "The guest's Hyper-V Data Exchange Service (vmickvpexchange) is stopped or disabled.", "ja" => "ゲストの Hyper-V Data Exchange Service (vmickvpexchange) が停止しているか無効です。" },
    detects: doc! { "en" => "Get-Service output for vmickvpexchange with Status Stopped or StartType Disabled.", "ja" => "vmickvpexchange の Get-Service の出力で Status が Stopped、または StartType が Disabled。" },
    why: doc! {
        "en" => "Hardening and \"debloat\" scripts often disable it; without it the guest cannot exchange the AVMA data with the host.",
        "ja" => "セキュリティ強化や「不要機能削除」のスクリプトが無効にすることがよくあります。これがないとゲストはホストと AVMA のデータを交換できません。",
    },
    evidence: doc! { "en" => "The service's status and start type.", "ja" => "サービスの状態とスタートアップの種類。" },
    fix: doc! { "en" => "Set it to Manual and start it in the guest.", "ja" => "ゲストでスタートアップの種類を手動にして開始してください。" },
    facts: &["kvp-required"],
};

pub const UNSUPPORTED_VIRTUALIZATION_PLATFORM: Rule = Rule {
    code: "AV209",
    name: "unsupported-virtualization-platform",
    severity: Severity::Error,
    origins: &[Origin::Diagnose],
    summary: doc! { "en" => "The guest does not run on Hyper-V (0xC004FD01): AVMA cannot work there.", "ja" => "ゲストが Hyper-V 上で動作していません (0xC004FD01)。そこでは AVMA は使えません。" },
    detects: doc! { "en" => "HRESULT 0xC004FD01 in slmgr output, licensing status or event 12309.", "ja" => "slmgr の出力、ライセンスの状態、イベント 12309 の HRESULT 0xC004FD01。" },
    why: doc! { "en" => "AVMA works only on Hyper-V; not on Azure, VMware, KVM or other hypervisors.", "ja" => "AVMA は Hyper-V でのみ動作します。Azure、VMware、KVM など他のハイパーバイザーでは動作しません。" },
    evidence: doc! { "en" => "The HRESULT and where it was seen.", "ja" => "HRESULT とその確認場所。" },
    fix: doc! {
        "en" => "Switch the guest to KMS (its KMS client setup key; on Azure, azkms.core.windows.net:1688) or MAK.",
        "ja" => "ゲストを KMS (KMS クライアント セットアップ キー。Azure では azkms.core.windows.net:1688) または MAK に切り替えてください。",
    },
    facts: &["no-other-hypervisors", "not-on-azure"],
};

pub const AVMA_THROTTLED: Rule = Rule {
    code: "AV210",
    name: "avma-throttled",
    severity: Severity::Warning,
    origins: &[Origin::Diagnose],
    summary: doc! { "en" => "AVMA requests were throttled (0xC004FD00).", "ja" => "AVMA の要求が制限されました (0xC004FD00)。" },
    detects: doc! { "en" => "HRESULT 0xC004FD00 in slmgr output, licensing status or event 12309.", "ja" => "slmgr の出力、ライセンスの状態、イベント 12309 の HRESULT 0xC004FD00。" },
    why: doc! { "en" => "The guest asked too often; activation is refused for a while.", "ja" => "ゲストが要求しすぎたため、しばらくライセンス認証が拒否されます。" },
    evidence: doc! { "en" => "The HRESULT and where it was seen.", "ja" => "HRESULT とその確認場所。" },
    fix: doc! { "en" => "Wait, then run slmgr /ato once; remove /ato loops from scripts.", "ja" => "しばらく待ってから slmgr /ato を 1 回実行し、スクリプトから /ato の繰り返しを取り除いてください。" },
    facts: &[],
};

pub const AVMA_ACTIVATION_EXPIRING: Rule = Rule {
    code: "AV211",
    name: "avma-activation-expiring",
    severity: Severity::Warning,
    origins: &[Origin::Diagnose],
    summary: doc! { "en" => "The guest's AVMA activation ends soon and no renewal was seen.", "ja" => "ゲストの AVMA のライセンス認証がまもなく期限切れになり、更新が確認されていません。" },
    detects: doc! {
        "en" => "A guest licensed through AVMA with less than 2 days of validity left and no successful 12309 after its last activation time.",
        "ja" => "AVMA でライセンス認証されているが残りの有効期間が 2 日未満で、最後のライセンス認証以降に成功した 12309 がないゲスト。",
    },
    why: doc! {
        "en" => "AVMA activation is time-limited and renewed by the host; if the host it runs on cannot activate it, it lapses. (How long AVMA validity lasts is not documented.)",
        "ja" => "AVMA のライセンス認証には期限があり、ホストが更新します。実行中のホストがライセンス認証できない場合は有効期限が切れます。(AVMA の有効期間は文書化されていません)",
    },
    evidence: doc! { "en" => "The remaining minutes and the activating host.", "ja" => "残り時間 (分) とライセンス認証したホスト。" },
    fix: doc! { "en" => "Check the host the VM runs on (activated Datacenter, new enough), then run slmgr /ato in the guest.", "ja" => "仮想マシンが実行されているホスト (ライセンス認証済みの Datacenter、十分新しいバージョン) を確認し、ゲストで slmgr /ato を実行してください。" },
    facts: &["avma-validity-7-days", "avma-activates-at-start"],
};

pub const TARGET_EDITION_UNAVAILABLE: Rule = Rule {
    code: "AV212",
    name: "target-edition-unavailable",
    severity: Severity::Error,
    origins: &[Origin::Diagnose],
    summary: doc! { "en" => "The edition the guest must be converted to is not among its target editions.", "ja" => "ゲストの変換先として必要なエディションが、変換可能なエディションにありません。" },
    detects: doc! { "en" => "DISM /Get-TargetEditions output that lacks the retail edition the guest needs (or lists none).", "ja" => "ゲストに必要な製品版エディションが含まれない (または何も表示されない) DISM /Get-TargetEditions の出力。" },
    why: doc! { "en" => "DISM converts only to the listed targets; otherwise a fresh install is needed.", "ja" => "DISM は表示された変換先にしか変換できません。それ以外は新規インストールが必要です。" },
    evidence: doc! { "en" => "The target editions DISM listed, and the edition needed.", "ja" => "DISM が表示した変換先と、必要なエディション。" },
    fix: doc! { "en" => "Pick a listed target (avma plan --want), or reinstall with a retail edition.", "ja" => "表示された変換先を選ぶ (avma plan --want) か、製品版のエディションで再インストールしてください。" },
    facts: &["conv-target-must-be-listed"],
};

pub const HOST_LICENSE_EXPIRING: Rule = Rule {
    code: "AV301",
    name: "host-license-expiring",
    severity: Severity::Warning,
    origins: &[Origin::Diagnose],
    summary: doc! {
        "en" => "A host's licence lapses soon: its guests will lose AVMA activation.",
        "ja" => "ホストのライセンスの有効期限がまもなく切れます。ゲストは AVMA のライセンス認証を失います。",
    },
    detects: doc! {
        "en" => "A host whose Windows licence has a grace period, evaluation end or time-based expiry within --warn-days (default 14); within 7 days it is host-license-lapsing (AV302, an error).",
        "ja" => "Windows のライセンスの猶予期間、評価期間の終了、期限付きライセンスの期限が --warn-days (既定 14 日) 以内のホスト。7 日以内なら host-license-lapsing (AV302、エラー) です。",
    },
    why: doc! {
        "en" => "When the host's licence lapses it can no longer activate guests; in a cluster, every VM that fails over to it loses activation. (The walkthrough's author nearly lost every guest this way.)",
        "ja" => "ホストのライセンスの有効期限が切れるとゲストをライセンス認証できなくなります。クラスターでは、そのノードにフェールオーバーしたすべての仮想マシンがライセンス認証を失います。(元の記事の筆者は、これですべてのゲストを失いかけました)",
    },
    evidence: doc! { "en" => "The host's grace minutes or end date, with where they were read.", "ja" => "ホストの猶予期間 (分) または終了日と、その読み取り元。" },
    fix: doc! {
        "en" => "Renew the host's activation now (its KMS host, or a MAK/retail/OEM Datacenter key), or convert an evaluation host to retail.",
        "ja" => "ホストのライセンス認証を今すぐ更新してください (KMS ホスト、または MAK/製品版/OEM の Datacenter キー)。評価版のホストは製品版に変換します。",
    },
    facts: &["host-must-be-activated", "cluster-every-node"],
};

pub const EVIDENCE_CONFLICT: Rule = Rule {
    code: "AV401",
    name: "evidence-conflict",
    severity: Severity::Warning,
    origins: &[Origin::Diagnose],
    summary: doc! { "en" => "Two sources disagree about a machine.", "ja" => "マシンについて 2 つの情報源の内容が一致しません。" },
    detects: doc! {
        "en" => "Different EditionIDs (DISM, registry, licensing), builds or computer names for one machine, or a version a public key seen on the machine implies (a 2012 R2 KMS client setup key implies 2012 R2) that its build or OS name contradicts. On a guest, its own key of another version is reported by the key rules instead.",
        "ja" => "1 台のマシンについて異なる EditionID (DISM、レジストリ、ライセンス)、ビルド、コンピューター名。または、マシンで見つかった公開キーが示すバージョン (2012 R2 の KMS クライアント セットアップ キーなら 2012 R2) と、ビルドや OS 名が食い違う場合。ゲストでは、別のバージョンの自身のキーはキーのルールが報告します。",
    },
    why: doc! {
        "en" => "A conversion half done (DISM changed the edition, licensing still shows the old one, or the reverse), evidence from two machines in one folder, or a key installed for another version.",
        "ja" => "途中までの変換 (DISM ではエディションが変わったがライセンスは古いまま、またはその逆)、1 つのフォルダーに 2 台分の収集データがある、または別のバージョン用のキーがインストールされています。",
    },
    evidence: doc! { "en" => "Each value and where it was read.", "ja" => "それぞれの値と読み取り元。" },
    fix: doc! { "en" => "Restart if a conversion is pending, then collect the evidence again from one machine.", "ja" => "変換が保留中なら再起動し、1 台のマシンから収集データを集め直してください。" },
    facts: &[],
};

pub const EVIDENCE_INSUFFICIENT: Rule = Rule {
    code: "AV402",
    name: "evidence-insufficient",
    severity: Severity::Info,
    origins: &[Origin::Diagnose],
    summary: doc! { "en" => "Evidence needed for a verdict is missing; the command to collect it is given.", "ja" => "判定に必要な収集データがありません。収集するコマンドを示します。" },
    detects: doc! {
        "en" => "A machine without licensing output, without its version, or whose role cannot be told.",
        "ja" => "ライセンスの出力やバージョンがない、または役割を判断できないマシン。",
    },
    why: doc! { "en" => "avma does not guess: a rule that lacks its facts stays silent, and this says which facts are missing.", "ja" => "avma は推測しません。必要な事実がないルールは何も報告せず、この検出結果が不足している事実を示します。" },
    evidence: doc! { "en" => "The machine and the inputs read for it.", "ja" => "マシンと、そのために読み取った入力。" },
    fix: doc! { "en" => "Run the commands given on the machine and add their output.", "ja" => "示されたコマンドをそのマシンで実行し、出力を追加してください。" },
    facts: &[],
};

pub const GUEST_NOT_LINKED: Rule = Rule {
    code: "AV403",
    name: "guest-not-linked",
    severity: Severity::Warning,
    origins: &[Origin::Diagnose],
    summary: doc! { "en" => "A guest that cannot be linked to any VM the hosts or the cluster list.", "ja" => "ホストやクラスターが一覧に示すどの仮想マシンにも結び付けられないゲスト。" },
    detects: doc! {
        "en" => "A guest whose KVP registry VM ID, BIOS GUID, reported FQDN, KVP VM name and computer name match no VM of the hosts and cluster given.",
        "ja" => "KVP レジストリの仮想マシン ID、BIOS GUID、ホストに報告された FQDN、KVP の仮想マシン名、コンピューター名のどれも、指定されたホストとクラスターの仮想マシンと一致しないゲスト。",
    },
    why: doc! {
        "en" => "Which nodes may run a guest, and so which hosts must activate it, is known only through its VM. An unlinked guest is judged without its hosts; the computer name often differs from the VM name.",
        "ja" => "ゲストを実行できるノード、つまりライセンス認証するべきホストは、仮想マシンを通じてしかわかりません。結び付けられないゲストはホストなしで判定されます。コンピューター名は仮想マシン名と異なることがよくあります。",
    },
    evidence: doc! { "en" => "The guest, and the VMs the hosts list.", "ja" => "ゲストと、ホストが一覧に示す仮想マシン。" },
    fix: doc! {
        "en" => "Collect the guest's KVP registry (Guest\\Parameters) inside it and Get-VM on its host, so the VM ID links them.",
        "ja" => "ゲスト内で KVP レジストリ (Guest\\Parameters) を、ホストで Get-VM を収集してください。仮想マシン ID で結び付けられます。",
    },
    facts: &[],
};

pub const VM_WITHOUT_GUEST_EVIDENCE: Rule = Rule {
    code: "AV404",
    name: "vm-without-guest-evidence",
    severity: Severity::Warning,
    origins: &[Origin::Diagnose],
    summary: doc! { "en" => "A VM the hosts or the cluster list with no evidence from inside its guest.", "ja" => "ホストやクラスターが一覧に示す仮想マシンで、ゲスト内の収集データがないもの。" },
    detects: doc! {
        "en" => "A VM (Get-VM, integration services, intrinsic KVP items, a cluster group of type VirtualMachine) that no guest's evidence was linked to.",
        "ja" => "どのゲストの収集データも結び付けられなかった仮想マシン (Get-VM、統合サービス、組み込みの KVP 項目、種類が VirtualMachine のクラスター グループ)。",
    },
    why: doc! {
        "en" => "Its key, edition and activation state are unknown: an all-clear for it would be a guess. What its guest reported through Data Exchange (OS and build) is shown when the host's KVP items were collected.",
        "ja" => "キー、エディション、ライセンス認証の状態が不明なため、問題なしと判断すれば推測になります。ホストの KVP 項目が収集されていれば、データ交換でゲストが報告した OS とビルドを示します。",
    },
    evidence: doc! { "en" => "Where the VM was listed, and its intrinsic KVP items when read.", "ja" => "仮想マシンが一覧に示された場所と、読み取れた場合は組み込みの KVP 項目。" },
    fix: doc! {
        "en" => "Run avma's collection script inside the guest (with its KVP registry), and add its folder.",
        "ja" => "ゲスト内で avma の収集スクリプトを実行し (KVP レジストリを含む)、そのフォルダーを追加してください。",
    },
    facts: &[],
};

pub const EVIDENCE_STALE: Rule = Rule {
    code: "AV405",
    name: "evidence-stale",
    severity: Severity::Warning,
    origins: &[Origin::Diagnose],
    summary: doc! { "en" => "The evidence is older than the warning window.", "ja" => "収集データが警告期間より古くなっています。" },
    detects: doc! {
        "en" => "Evidence whose time (its collection time, else its newest event or file) is more days before now than --warn-days.",
        "ja" => "収集データの時刻 (収集時刻、なければ最新のイベントまたはファイル) が、現在から --warn-days より多くの日数だけ前のもの。",
    },
    why: doc! {
        "en" => "Every judgement is made as of the evidence's time: a licence that was to lapse in 4 days two months ago has lapsed since, and activations may have changed.",
        "ja" => "すべての判定は収集データの時刻の時点で行われます。2 か月前に 4 日後に期限切れになるはずだったライセンスは、すでに期限が切れています。ライセンス認証も変わっている可能性があります。",
    },
    evidence: doc! { "en" => "The evidence's time and where it was read.", "ja" => "収集データの時刻と読み取り元。" },
    fix: doc! { "en" => "Collect the evidence again (avma collect), or judge as of a chosen date with --at.", "ja" => "収集データを集め直すか (avma collect)、--at で日付を指定して判定してください。" },
    facts: &[],
};

pub const ACTIVATION_PENDING_AFTER_MOVE: Rule = Rule {
    code: "AV215",
    name: "activation-pending-after-move",
    severity: Severity::Warning,
    origins: &[Origin::Diagnose],
    summary: doc! { "en" => "A guest moved to another node shortly ago and is not activated yet: AVMA is pending, not failing.", "ja" => "ゲストが少し前に別のノードへ移動し、まだライセンス認証されていません。AVMA は失敗ではなく保留中です。" },
    detects: doc! {
        "en" => "A guest with the AVMA key in Notification or unlicensed, with no AVMA failure code (0xC004FDxx), that moved (cluster events 1641/1201 for its role or a completed live migration, Hyper-V VMMS 20417, shortly before the evidence's time, or an AVMA host name that is not its current owner) to a node not known to be unactivated.",
        "ja" => "AVMA キーを持つゲストが通知モードまたは未ライセンスで、AVMA の失敗コード (0xC004FDxx) がなく、移動した (収集データの時刻の少し前にその役割のクラスター イベント 1641/1201 または完了したライブ マイグレーション (Hyper-V VMMS 20417) がある、または AVMA ホスト名が現在の所有者と異なる) 移動先がライセンス認証されていないとはわかっていないノードであるもの。",
    },
    why: doc! {
        "en" => "After a failover or live migration AVMA activates the guest again on its new host after a short delay (the walkthrough: a guest showed as not activated for a while, then became active by itself). The delay is not documented (UNVERIFIED); avma counts a move within 24 hours as recent.",
        "ja" => "フェールオーバーやライブ マイグレーションの後、AVMA は少し遅れて新しいホストでゲストを再びライセンス認証します (元の記事では、しばらく未認証と表示された後、自然に認証されました)。遅延の長さは文書化されていません (UNVERIFIED)。avma は 24 時間以内の移動を最近とみなします。",
    },
    evidence: doc! { "en" => "The move event or the AVMA host and owner, and the guest's licence status.", "ja" => "移動のイベント、または AVMA ホストと所有者、およびゲストのライセンスの状態。" },
    fix: doc! { "en" => "Wait a few minutes, or trigger activation now in the guest (slmgr /ato); if it persists, check the new host's activation.", "ja" => "数分待つか、ゲスト内で今すぐライセンス認証を実行してください (slmgr /ato)。続く場合は新しいホストのライセンス認証を確認してください。" },
    facts: &["cluster-every-node"],
};

/// Every rule, in code order.
pub const AZURE_EDITION_OFF_AZURE: Rule = Rule {
    code: "AV108",
    name: "azure-edition-off-azure",
    severity: Severity::Error,
    origins: &[Origin::Plan, Origin::Diagnose],
    summary: doc! {
        "en" => "A Datacenter: Azure Edition guest on a host that is not Azure Local: it cannot run or activate there.",
        "ja" => "Datacenter: Azure Edition のゲストが Azure Local ではないホスト上にあります。そこでは実行もライセンス認証もできません。",
    },
    detects: doc! {
        "en" => "A guest of the Datacenter: Azure Edition family (ServerTurbine, ServerTurbineCor) whose host is a Windows Server Datacenter host rather than Azure Local.",
        "ja" => "ホストが Azure Local ではなく Windows Server Datacenter である、Datacenter: Azure Edition ファミリ (ServerTurbine、ServerTurbineCor) のゲスト。",
    },
    why: doc! {
        "en" => "Azure Edition runs only on Azure and on Azure Local (with Azure Benefits / the Windows Server subscription); a classic Hyper-V host cannot activate it.",
        "ja" => "Azure Edition は Azure と Azure Local (Azure 特典 / Windows Server サブスクリプションあり) でのみ動作します。従来の Hyper-V ホストではライセンス認証できません。",
    },
    evidence: doc! { "en" => "The guest's EditionID and the host's edition.", "ja" => "ゲストの EditionID とホストのエディション。" },
    fix: doc! {
        "en" => "Run the guest on Azure Local, or install Windows Server Datacenter (not Azure Edition) in it.",
        "ja" => "ゲストを Azure Local で実行するか、ゲストに (Azure Edition ではない) Windows Server Datacenter をインストールしてください。",
    },
    facts: &["azure-edition-azure-only"],
};

pub const DATA_EXCHANGE_EVENT: Rule = Rule {
    code: "AV213",
    name: "data-exchange-event",
    severity: Severity::Info,
    origins: &[Origin::Diagnose],
    summary: doc! {
        "en" => "The host logged KvpExchange event 4096 for a VM.",
        "ja" => "ホストが仮想マシンについて KvpExchange イベント 4096 を記録しました。",
    },
    detects: doc! {
        "en" => "Hyper-V KvpExchange event 4096 naming a VM whose Data Exchange service is not known to be off.",
        "ja" => "データ交換サービスが無効とは分かっていない仮想マシンを示す Hyper-V KvpExchange イベント 4096。",
    },
    why: doc! {
        "en" => "The event is harmless on its own; it matters when it repeats together with another problem of the VM.",
        "ja" => "このイベントは単独では無害です。仮想マシンの他の問題と一緒に繰り返される場合に意味があります。",
    },
    evidence: doc! { "en" => "The 4096 event.", "ja" => "4096 イベント。" },
    fix: doc! { "en" => "Check the VM's Data Exchange service on the host.", "ja" => "ホストで仮想マシンのデータ交換サービスを確認してください。" },
    facts: &["kvp-required"],
};

pub const DATA_EXCHANGE_NO_CONTACT: Rule = Rule {
    code: "AV216",
    name: "data-exchange-no-contact",
    severity: Severity::Warning,
    origins: &[Origin::Diagnose],
    summary: doc! {
        "en" => "The VM's Data Exchange integration service is enabled, but the guest does not answer.",
        "ja" => "仮想マシンのデータ交換統合サービスは有効ですが、ゲストが応答していません。",
    },
    detects: doc! {
        "en" => "Get-VMIntegrationService output whose Data Exchange entry is enabled with the primary status No Contact or Lost Communication (PrimaryStatusDescription, as PowerShell prints it in English).",
        "ja" => "データ交換の項目が有効で、プライマリ状態が No Contact または Lost Communication (PowerShell が英語で表示する PrimaryStatusDescription) の Get-VMIntegrationService の出力。",
    },
    why: doc! {
        "en" => "AVMA needs the Data Exchange service on both sides: enabled on the host is not enough when the guest's side (the Hyper-V Data Exchange Service, vmickvpexchange) does not run or its integration components do not answer, and the guest cannot be activated by its host.",
        "ja" => "AVMA には両側のデータ交換サービスが必要です。ホストで有効でも、ゲスト側 (Hyper-V Data Exchange Service、vmickvpexchange) が実行されていないか統合コンポーネントが応答しなければ、ゲストはホストによってライセンス認証されません。",
    },
    evidence: doc! { "en" => "The integration service entry with its status.", "ja" => "統合サービスの項目とその状態。" },
    fix: doc! {
        "en" => "In the guest, start the Hyper-V Data Exchange Service (vmickvpexchange); if the VM is running and it still does not answer, update its integration services.",
        "ja" => "ゲストで Hyper-V Data Exchange Service (vmickvpexchange) を開始してください。仮想マシンが実行中でも応答しない場合は、統合サービスを更新してください。",
    },
    facts: &["kvp-required"],
};

pub const HOST_LICENSE_LAPSING: Rule = Rule {
    code: "AV302",
    name: "host-license-lapsing",
    severity: Severity::Error,
    origins: &[Origin::Diagnose],
    summary: doc! {
        "en" => "A host's licence lapses within days (7 by default): its guests are about to lose AVMA activation.",
        "ja" => "ホストのライセンスの有効期限が数日以内 (既定 7 日) に切れます。ゲストはまもなく AVMA のライセンス認証を失います。",
    },
    detects: doc! {
        "en" => "A host whose grace period, evaluation end or time-based expiry is within 7 days of the evidence's time (beyond that and within --warn-days it is host-license-expiring).",
        "ja" => "猶予期間、評価期間の終了、期限付きライセンスの期限が収集データの時点から 7 日以内のホスト (それより先で --warn-days 以内なら host-license-expiring)。",
    },
    why: doc! {
        "en" => "When the host's licence lapses it can no longer activate guests; every VM on it or failing over to it loses activation.",
        "ja" => "ホストのライセンスの有効期限が切れるとゲストをライセンス認証できなくなり、そのホストで実行中の仮想マシンと、そのホストへフェールオーバーするすべての仮想マシンがライセンス認証を失います。",
    },
    evidence: doc! { "en" => "The grace minutes or the end date, with where each was read.", "ja" => "猶予期間 (分) または終了日と、その読み取り元。" },
    fix: doc! {
        "en" => "Re-activate the host the way its channel allows (its own Datacenter key, the OEM key of its firmware, or conversion of an evaluation).",
        "ja" => "チャネルに合った方法でホストを再度ライセンス認証してください (ホスト自身の Datacenter キー、ファームウェアの OEM キー、評価版の変換)。",
    },
    facts: &["host-must-be-activated", "cluster-every-node"],
};

pub const KEY_LOOK_ALIKE_CHARACTERS: Rule = Rule {
    code: "AV008",
    name: "key-look-alike-characters",
    severity: Severity::Error,
    origins: &[Origin::Lint],
    summary: doc! {
        "en" => "A public key typed with look-alike characters (full-width letters or digits, ー, －, ‐) that slmgr does not read.",
        "ja" => "slmgr が読み取れない似た文字 (全角の英数字、ー、－、‐) で書かれた公開キー。",
    },
    detects: doc! {
        "en" => "A public AVMA or KMS client setup key written with characters other than ASCII letters, digits and the hyphen-minus: full-width letters and digits (Ｈ３ＲＮＧ), the katakana long vowel mark ー (U+30FC), the full-width hyphen － (U+FF0D), the hyphen ‐ (U+2010), dashes and minus signs. avma recognizes the key behind them; the console does not.",
        "ja" => "ASCII の英数字とハイフンマイナス以外の文字で書かれた公開 AVMA キーまたは KMS クライアント セットアップ キー。全角英数字 (Ｈ３ＲＮＧ)、長音記号 ー (U+30FC)、全角ハイフン － (U+FF0D)、ハイフン ‐ (U+2010)、ダッシュやマイナス記号など。avma は背後のキーを認識しますが、コンソールは認識しません。",
    },
    why: doc! {
        "en" => "slmgr /ipk and DISM /ProductKey take the key as ASCII: a key typed in a Japanese IME or pasted from a word processor does not parse, and the command fails (slmgr reports an invalid product key), although the page looks right.",
        "ja" => "slmgr /ipk と DISM /ProductKey はキーを ASCII として受け取ります。日本語 IME で入力したキーやワープロから貼り付けたキーは解析できずコマンドが失敗します (slmgr は無効なプロダクト キーと報告します)。見た目は正しくても失敗します。",
    },
    evidence: doc! {
        "en" => "The file and line, the key, and the characters that are not ASCII (with their code points).",
        "ja" => "ファイルと行、キー、ASCII でない文字 (コード ポイント付き)。",
    },
    fix: doc! {
        "en" => "Retype the key in ASCII; the fix shows the command with the key as it must be typed.",
        "ja" => "キーを半角 (ASCII) で入力し直してください。修正案に正しく入力したコマンドを示します。",
    },
    facts: &["avma-key-own-version"],
};

pub const INVISIBLE_CHARACTER: Rule = Rule {
    code: "AV009",
    name: "invisible-character",
    severity: Severity::Error,
    origins: &[Origin::Lint],
    summary: doc! {
        "en" => "A line holds an invisible or bidirectional control character: what the page shows is not what a console runs.",
        "ja" => "行に不可視文字または双方向制御文字が含まれています。ページの表示とコンソールで実行される内容が異なります。",
    },
    detects: doc! {
        "en" => "Bidirectional controls (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F, U+061C) on any line, and in a command (a code block, an indented or quoted command) also zero-width spaces and joiners, the soft hyphen, control characters and the other invisible characters. A byte order mark at the start of a line is not reported.",
        "ja" => "任意の行の双方向制御文字 (U+202A～U+202E、U+2066～U+2069、U+200E、U+200F、U+061C)、およびコマンド内 (コード ブロック、インデントや引用されたコマンド) のゼロ幅スペースや結合子、ソフト ハイフン、制御文字などの不可視文字。行頭のバイト オーダー マークは報告しません。",
    },
    why: doc! {
        "en" => "A right-to-left override can make `KEY; calc` look like something else (Trojan Source), and a zero-width space inside a key or switch makes the pasted command fail or do another thing than it shows.",
        "ja" => "右から左への上書きは `KEY; calc` を別のものに見せることができ (Trojan Source)、キーやスイッチ内のゼロ幅スペースは貼り付けたコマンドを失敗させたり、表示と違う動作をさせたりします。",
    },
    evidence: doc! {
        "en" => "The file, line and column, and the code points of the characters.",
        "ja" => "ファイル、行と桁、文字のコード ポイント。",
    },
    fix: doc! {
        "en" => "Delete the characters and retype the line; do not run a command copied from this text before.",
        "ja" => "文字を削除して行を入力し直してください。それまではこのテキストからコピーしたコマンドを実行しないでください。",
    },
    facts: &[],
};

pub const AVMA_KEY_ON_HOST: Rule = Rule {
    code: "AV010",
    name: "avma-key-on-host",
    severity: Severity::Error,
    origins: &[Origin::Lint],
    summary: doc! {
        "en" => "An AVMA key is installed on the Hyper-V host: AVMA keys are for guests.",
        "ja" => "Hyper-V ホストに AVMA キーをインストールしています。AVMA キーはゲスト用です。",
    },
    detects: doc! {
        "en" => "A command that installs a public AVMA key (slmgr /ipk, InstallProductKey) where the text says it runs on the host and not in a guest: its own line speaks of the host and of no guest or VM (\"Run it on the Hyper-V host: slmgr /ipk ...\"), else the lines so far of the command it continues (PowerShell ` or cmd ^ at the end of a line; Invoke-Command -ComputerName (Get-ClusterNode)...), else the script block it is in (Invoke-Command -VMName X -ScriptBlock { runs in the guest), else the code block (the sentence right before it or a comment in it: \"Run the following on each node:\", \"rem ホストで実行\"), else the nearest heading that names the place (\"## ホスト側の作業\", \"## On the Hyper-V host\").",
        "ja" => "公開 AVMA キーをインストールするコマンド (slmgr /ipk、InstallProductKey) を、本文がゲストではなくホストで実行すると述べているもの。コマンドの行自体がホストについて述べゲストや仮想マシンに触れない (「Hyper-V ホストで実行: slmgr /ipk ...」)、そうでなければ続く行にまたがるコマンド (行末の PowerShell の ` や cmd の ^、Invoke-Command -ComputerName (Get-ClusterNode)...) のそこまでの行、そうでなければコマンドを含むスクリプト ブロック (Invoke-Command -VMName X -ScriptBlock { はゲストで実行)、そうでなければコード ブロック (直前の文やブロック内のコメント: 「Run the following on each node:」、「rem ホストで実行」)、そうでなければ実行場所を述べる直近の見出し (「## ホスト側の作業」、「## On the Hyper-V host」) で判断します。",
    },
    why: doc! {
        "en" => "The host is activated with its own Datacenter key (retail, volume, OEM); it then activates its guests, which hold the AVMA key. An AVMA key on the host replaces its own key and leaves the host, and with it every guest, unactivated.",
        "ja" => "ホストは自身の Datacenter のキー (製品版、ボリューム、OEM) でライセンス認証し、そのうえで AVMA キーを持つゲストをライセンス認証します。ホストに AVMA キーを入れるとホスト自身のキーが置き換わり、ホストも、それに伴いすべてのゲストも認証されない状態になります。",
    },
    evidence: doc! {
        "en" => "The file and line, the key and what it is.",
        "ja" => "ファイルと行、キーとその種類。",
    },
    fix: doc! {
        "en" => "Run the command in the guest; activate the host with its own Datacenter key.",
        "ja" => "このコマンドはゲストで実行し、ホストは自身の Datacenter のキーでライセンス認証してください。",
    },
    facts: &["host-datacenter-hyperv"],
};

pub const LOOSE_ACTIVATION_MATCH: Rule = Rule {
    code: "AV011",
    name: "loose-activation-match",
    severity: Severity::Warning,
    origins: &[Origin::Lint],
    summary: doc! {
        "en" => "A script decides \"activated\" by finding the word activated (or licensed) in slmgr's output: the word is not how slmgr reports an AVMA or volume activation, and it is also in texts of machines that are not activated.",
        "ja" => "スクリプトが slmgr の出力に activated (または licensed) という語があるかでライセンス認証済みかを判断しています。slmgr は AVMA やボリューム ライセンス認証をこの語では報告せず、また認証されていないマシンの出力にもこの語が現れます。",
    },
    detects: doc! {
        "en" => "A text match whose pattern is only the word activated or licensed (-match, -like, Select-String, findstr, .Contains(...), with or without wildcards) on a line that runs slmgr /xpr, /dlv or /dli, or within the next lines after one (the output kept in a variable).",
        "ja" => "パターンが activated または licensed の語だけのテキスト照合 (-match、-like、Select-String、findstr、.Contains(...)。ワイルドカードの有無は問いません) で、slmgr /xpr、/dlv、/dli を実行する行、またはその後の数行 (出力を変数に保持した場合) にあるもの。",
    },
    why: doc! {
        "en" => "slmgr /xpr says \"The machine is permanently activated.\" only for a permanent activation; an AVMA guest shows \"Automatic VM activation will expire ...\" and a KMS client \"Volume activation will expire ...\", without the word, so an activated guest fails the check. \"licensed\" is also in \"Unlicensed\"; an error text such as 0xC004FD02's \"Windows isn't activated on the host machine\" holds \"activated\", so an unactivated machine can pass; and in another display language the English word is not there at all.",
        "ja" => "slmgr /xpr が「The machine is permanently activated.」と表示するのは永続的なライセンス認証の場合だけです。AVMA のゲストは「Automatic VM activation will expire ...」、KMS クライアントは「Volume activation will expire ...」と表示し、この語を含まないため、認証済みのゲストがチェックに失敗します。「licensed」は「Unlicensed」にも含まれ、0xC004FD02 の「Windows isn't activated on the host machine」のようなエラーの文は「activated」を含むため、認証されていないマシンが通ることもあります。さらに、表示言語が英語以外なら英語の語はそもそも現れません。",
    },
    evidence: doc! {
        "en" => "The file and line of the match.",
        "ja" => "照合しているファイルと行。",
    },
    fix: doc! {
        "en" => "Decide on the licence status, not on a word: LicenseStatus -eq 1 through CIM (SoftwareLicensingProduct), or match the whole sentences of an activated machine ('permanently activated|Automatic VM activation'; English output only).",
        "ja" => "語ではなくライセンスの状態で判断してください。CIM (SoftwareLicensingProduct) で LicenseStatus -eq 1 を確認するか、認証済みの文全体に一致させます ('permanently activated|Automatic VM activation'。英語の出力のみ)。",
    },
    facts: &["license-status-values"],
};

pub const AVMA_SEVEN_DAY_CLAIM: Rule = Rule {
    code: "AV012",
    name: "avma-seven-day-claim",
    severity: Severity::Info,
    origins: &[Origin::Lint],
    summary: doc! {
        "en" => "The text gives AVMA a 7-day period (validity, renewal, delay, \"wait a week\"), which no Microsoft source states.",
        "ja" => "本文が AVMA に 7 日間の期間 (有効期間、更新、待ち時間、「1 週間待つ」) を当てはめていますが、これを述べる Microsoft の資料はありません。",
    },
    detects: doc! {
        "en" => "A sentence that names AVMA together with 7 days, seven days, a week, 7 日 or 1 週間, and not KMS (whose renewal interval is officially 7 days), not in a negation or a question.",
        "ja" => "AVMA と、7 days、seven days、a week、7 日、1 週間 を同じ文で述べ、KMS (更新間隔が公式に 7 日) には触れず、否定や疑問ではないもの。",
    },
    why: doc! {
        "en" => "How long an AVMA activation stays valid is not documented (UNVERIFIED); the official 7 days is the KMS renewal interval. What is known: the AVMA activation has an expiry that slmgr /xpr and /dlv show, and the guest activates again when it starts on an activated host. A procedure built on the 7 days waits or alarms for the wrong reason.",
        "ja" => "AVMA のライセンス認証の有効期間は文書化されていません (未確認)。公式の 7 日は KMS の更新間隔です。分かっているのは、AVMA のライセンス認証には有効期限があり slmgr /xpr や /dlv に表示されること、ゲストはライセンス認証されたホスト上で起動するとライセンス認証し直されることです。7 日を前提にした手順は、誤った理由で待ったり警告したりします。",
    },
    evidence: doc! {
        "en" => "The file and line of the sentence.",
        "ja" => "その文のファイルと行。",
    },
    fix: doc! {
        "en" => "Say what slmgr /xpr shows for the guest (its AVMA expiry) instead of a fixed 7 days; leave the 7 days to KMS.",
        "ja" => "7 日と決めつけず、ゲストの slmgr /xpr が示す内容 (AVMA の有効期限) を記載してください。7 日は KMS の話です。",
    },
    facts: &["avma-validity-7-days", "avma-activates-at-start"],
};

pub const ALL: &[Rule] = &[
    KEY_VERSION_MISMATCH,
    KEY_EDITION_MISMATCH,
    KMS_KEY_FOR_AVMA,
    KEY_KIND_MISLABELED,
    UNKNOWN_KEY,
    CONVERSION_NOT_POSSIBLE,
    DAMAGED_PUBLIC_KEY,
    KEY_LOOK_ALIKE_CHARACTERS,
    INVISIBLE_CHARACTER,
    AVMA_KEY_ON_HOST,
    LOOSE_ACTIVATION_MATCH,
    AVMA_SEVEN_DAY_CLAIM,
    HOST_NOT_DATACENTER,
    HOST_NOT_ACTIVATED,
    HOST_TOO_OLD_FOR_GUEST,
    GUEST_NOT_SUPPORTED,
    EVALUATION_DOMAIN_CONTROLLER,
    HOST_EVALUATION,
    UNVERIFIED_HOST_GUEST_PAIR,
    GUEST_EVALUATION_EDITION,
    EDITION_CHANGE_RESTART_PENDING,
    GUEST_KMS_KEY_INSTALLED,
    GUEST_AVMA_KEY_WRONG_VERSION,
    GUEST_AVMA_KEY_WRONG_EDITION,
    GUEST_NO_PRODUCT_KEY,
    GUEST_NOT_ACTIVATED,
    DATA_EXCHANGE_DISABLED,
    KVP_SERVICE_NOT_RUNNING,
    UNSUPPORTED_VIRTUALIZATION_PLATFORM,
    AVMA_THROTTLED,
    AVMA_ACTIVATION_EXPIRING,
    TARGET_EDITION_UNAVAILABLE,
    HOST_LICENSE_EXPIRING,
    EVIDENCE_CONFLICT,
    EVIDENCE_INSUFFICIENT,
    AZURE_EDITION_OFF_AZURE,
    DATA_EXCHANGE_EVENT,
    DATA_EXCHANGE_NO_CONTACT,
    HOST_LICENSE_LAPSING,
    GUEST_NOT_LINKED,
    VM_WITHOUT_GUEST_EVIDENCE,
    EVIDENCE_STALE,
    ACTIVATION_PENDING_AFTER_MOVE,
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
                    ["en", "ja"]
                        .iter()
                        .all(|t| d.exact(t).is_some_and(|s| !s.is_empty())),
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
