# avma メッセージ カタログ — 日本語。
# en/avma.ftl のすべてのメッセージが、同じ変数でここにも必要です (tests/coverage.rs)。

## 共通のラベル

col-key = キー
col-kind = 種類
col-version = バージョン
col-edition = エディション
col-confidence = 確度
col-code = コード
col-name = 名前
col-severity = 重大度
col-summary = 概要
col-method = ライセンスの方法
col-guests = ゲストのバージョン
kind-avma = AVMA キー
kind-gvlk = KMS クライアント セットアップ キー
confidence-official = 公式
confidence-corroborated = 裏付けあり
confidence-unverified = 未検証
severity-error = エラー
severity-warning = 警告
severity-info = 情報
label-source = 出典
label-note = 注記
label-message = メッセージ
label-meaning = 意味
label-fix = 対処方法
label-expect = 期待される結果
label-provider = プロバイダー
on-host = ホスト
on-guest = ゲスト
doc-detects = 検出する内容
doc-why = ライセンス認証に失敗する理由
doc-evidence = 証跡
doc-fix = 対処方法

## 入力のエラー

error-unknown-version = Windows Server のバージョン "{ $input }" がわかりません (使えるもの: 2012 R2、2016、2019、2022、2025、1709、1803、1809、1903、1909、2004、20H2、または 17763 などのビルド番号)
error-empty = 空のファイルです: 読み取る内容がありません
error-binary = テキスト ファイルではありません (バイト オフセット { $offset } にバイナリ データ)。収集したテキスト (slmgr、DISM、PowerShell の出力、または手順書) を渡してください
error-binary-after = バイト オフセット { $offset } からバイナリ データです: その前のテキストは読み取りました
error-is-directory = ファイルではなくフォルダーです
error-not-text = テキスト ファイルではありません (バイト オフセット { $offset } にバイナリ データ)
error-too-big = { $limit } MiB を超えています: 読み取りません
spec-empty = { $what }: 何も指定されていません。
spec-unknown-word = { $what } "{ $input }": "{ $detail }" という語がわかりません。
spec-no-version = { $what } "{ $input }": Windows Server のどのバージョンですか?
spec-no-edition = { $what } "{ $input }": どのエディション (Standard、Datacenter など) ですか?
spec-ambiguous-version = { $what } "{ $input }": 複数のバージョン ({ $detail }) が指定されています。1 つにしてください。
spec-ambiguous-edition = { $what } "{ $input }": 複数のエディション ({ $detail }) が指定されています。1 つにしてください。
spec-client = { $what } "{ $input }": Windows Server ではなく Windows クライアントです。AVMA でライセンス認証できるのは Windows Server 2012 R2 以降のゲストだけです。クライアントは KMS、MAK、製品版のキーでライセンス認証してください。
spec-no-such-edition = { $what } "{ $input }": そのようなエディションはありません ({ $detail })。
spec-accepted = 使える指定: バージョン (2012 R2、2016、2019、2022、2025、1709 ～ 20H2、WS2022、または 17763 などのビルド) とエディション (Standard/Std、Datacenter/DC、Essentials、Azure Edition、Azure Local。必要に応じて Evaluation/Eval/評価版 と Core)、または ServerStandardEval などの EditionID。

## keys

keys-none = 該当する公開キーはありません。
keys-footer = 表示するのは公開キーだけです: AVMA キー (ゲストにインストール) と KMS クライアント セットアップ キー (KMS 用、または DISM でのエディション変更用)。キーごとの出典は `avma explain キー` で確認できます。

## matrix

matrix-title = AVMA: ライセンス認証済みの Datacenter ホストがライセンス認証できるゲストのバージョン
matrix-host-guest = ホスト \ ゲスト
matrix-legend = yes = そのバージョンのゲストのすべてのエディション (Standard、Datacenter、Essentials) をライセンス認証できる。yes? = 推定だが未検証 (2025 のホストの行は未確認)。- = できない。
matrix-requirements = 要件
matrix-azure-local = Azure Local (Azure Stack HCI) のホスト

## explain

explain-unknown = avma が知っているキー、エラー コード、イベント ID、EditionID、バージョン、ルールのいずれでもありません。キー全体、末尾 5 文字 (6VM33)、0xC004FD02、12309、ServerStandardEval、2019、key-version-mismatch などを試してください。
explain-key-avma = { $key } は { $what }です。
explain-key-gvlk = { $key } は { $what }です。AVMA キーではありません。
explain-gvlk-not-avma = KMS クライアント セットアップ キーを入れたゲストは KMS ホストを探します。AVMA は使われません。
explain-avma-of-same = このエディションの { $version } の AVMA キーは { $key } です。
explain-fits-for = { $version } で使うキー:
explain-fits-none = そのバージョンにはこのエディションの公開キーがありません
explain-fits-hint = --os バージョン を付けると、別のバージョンに合うキーを表示します。
explain-private-key = { $key } は公開キー (AVMA キーや KMS クライアント セットアップ キー) ではないため、avma は確認できず、末尾 5 文字だけを表示します。手順書やチャットに残さないでください。
explain-event-head = イベント { $id } ({ $provider }、{ $log } ログ)
explain-edition = ファミリ: { $family } · 評価版: { $eval } · Server Core: { $core }

## plan

plan-title = 計画: { $host } のホスト上の { $guest } のゲスト
plan-verdict-yes = 判定: 可能。以下の手順を実行すれば、このホストで AVMA によりこのゲストをライセンス認証できます。
plan-verdict-not-yet = 判定: まだ不可。ホストの問題を解決すれば、このホストで AVMA によりこのゲストをライセンス認証できます (検出結果を参照)。
plan-verdict-no = 判定: 不可。ここでは AVMA でこのゲストをライセンス認証できません (検出結果を参照)。
plan-why = 理由
plan-findings = 検出結果
plan-steps = 手順
plan-key-line = 使用する AVMA キー: { $key } ({ $confidence }、{ $url })
plan-reason-host-datacenter = ホストは { $host } で、AVMA に必要な Datacenter エディションです (Hyper-V の役割が必要)。ライセンスのチャネル (OEM、製品版、ボリューム ライセンス) は関係ありません。
plan-reason-host-activated = ホストはライセンス認証済みです。
plan-reason-matrix = { $host } のホストは { $guest } のゲストをライセンス認証できます。
plan-reason-azure-local = Azure Local のホスト: { $fact }
plan-reason-no-conversion = エディションの変換は不要です: { $guest } のゲストに必要なのは、自身のバージョンとエディションの AVMA キーだけです。
plan-reason-convert-eval = { $from } は評価版のため AVMA キーをインストールできません。先に { $to } に変換します。
plan-reason-convert-wanted = { $to } にするため、先にゲスト自身のバージョンのキーで { $from } から変換します。
plan-reason-kvp = 仮想マシンのデータ交換 (キー値ペア交換) 統合サービスは有効のままにしておく必要があります (既定で有効)。
plan-reason-cluster = フェールオーバー クラスターでは、仮想マシンを実行しうるすべてのノードが、ゲスト以上のバージョンのライセンス認証済み Datacenter でなければなりません。
plan-guest-not-supported = { $guest } は AVMA でライセンス認証できません: 対象は Windows Server 2012 R2 以降の Standard、Datacenter、Datacenter: Azure Edition、Essentials のゲストだけです。
plan-azure-local-guest-not-covered = { $guest } は、Azure Local が Windows Server サブスクリプションでライセンス認証するゲストのバージョンに含まれていません。
plan-host-not-datacenter = ホストは Datacenter ではなく { $host } です。Standard など Datacenter 以外のホストは AVMA でゲストをライセンス認証できません。
plan-host-evaluation = ホストは評価版の { $host } です: AVMA を提供できるかは未検証で、評価期間の終了とともにライセンスが失効します。
plan-host-too-old = { $host } のホストは { $guest } のゲストをライセンス認証できません: ホストのバージョンはゲストと同じかそれ以降である必要があります。
plan-unverified-pair = { $host } のホスト → { $guest } のゲストは未検証の事実に基づいています: { $note }
plan-host-not-activated = ホスト ({ $host }) がライセンス認証されていないため、ゲストをライセンス認証できません (ゲストは 0xC004FD02 で失敗します)。先にホストをライセンス認証してください。
plan-eval-dc = ゲストは { $edition } で、ドメイン コントローラーです: 評価版のドメイン コントローラーは製品版に変換できないため、AVMA キーをインストールできません。
plan-conversion-forbidden = { $from } は { $to } に変換できません: { $fact }
plan-conversion-undocumented = { $from } から { $to } への変換を扱う文書化されたルールはありません。DISM /Get-TargetEditions を確認し、表示されない場合は新規インストールが必要です。
plan-no-avma-key = { $version } { $edition } の AVMA キーは公開されていません。

## steps

step-check-host = ホストがライセンス認証済みの Datacenter であることを確認する (仮想マシンを実行しうるすべてのクラスター ノードで)
step-check-host-why = ライセンス認証されていないホストはゲストをライセンス認証できません。クラスターでは、1 台でも未認証のノードがあるとフェールオーバー後にライセンス認証が失われます。
step-check-host-expect = Windows(R), ServerDatacenter edition の製品があり、ライセンスの状態が「ライセンスされています」(LicenseStatus 1)
step-check-kvp = 仮想マシンのデータ交換統合サービスが有効であることを確認する
step-check-kvp-why = AVMA にはキー値ペア交換統合サービスが必要です。表示名はローカライズされているため、Id で探します。
step-check-kvp-expect = Enabled : True (無効なら Enable-VMIntegrationService で有効にする)
step-check-edition = ゲストのバージョンとエディションを確認する
step-check-edition-expect = Current Edition : { $edition } (ビルド { $build })
step-list-targets = ゲストの変換先エディションを一覧表示する
step-list-targets-expect = Target Edition : { $target } が表示される (表示されない場合は新規インストールが必要)
step-convert = ゲストを { $from } から { $to } に変換する
step-convert-why = { $key } を使います。これは { $version } のそのエディションの公開{ $kind ->
    [avma] AVMA キー
   *[gvlk] KMS クライアント セットアップ キー
}です。別のバージョンのキーは拒否されます。10 ～ 15 分かかります。
step-convert-expect = 「The operation completed successfully」の後に再起動の確認が表示される
step-restart = ゲストを再起動する
step-restart-why = 新しいエディションは再起動後に有効になります。
step-install-avma = { $version } { $edition } の AVMA キーをインストールする
step-install-avma-expect = Installed product key { $key } successfully. (日本語の表示ではプロダクト キーのインストール成功のメッセージ)
step-activate = 今すぐライセンス認証する (AVMA は仮想マシンの起動時にも自動でライセンス認証します)
step-activate-why = ゲストには通常エラーが表示されません。slmgr は HRESULT を表示します (avma explain で説明を確認できます)。
step-verify = 確認する: AVMA のチャネル、ライセンスの状態、ライセンス認証したホスト、有効期限
step-verify-expect = 説明に VIRTUAL_MACHINE_ACTIVATION を含み、プロダクト キーの末尾が { $last5 }、ライセンスの状態が「ライセンスされています」、ホスト マシン名が表示され、AVMA の有効期限 ("Automatic VM activation will expire ...") が表示される

## lint

lint-unknown-key = { $key } は公開キー (AVMA キーや KMS クライアント セットアップ キー) ではないため、avma は確認できません。非公開のキーは手順書やチャットに残さないでください。
lint-unknown-key-host = { $key } は Set-VMAutomaticActivation に渡されるホスト キーで、公開キーではないため avma は確認できません。
lint-key-version-mismatch = { $key } は { $what }ですが、この文書の対象は { $target } です: そのバージョンではこのコマンドは失敗します。合うキー: { $fits }。
lint-key-version-mismatch-bare = { $key } ({ $what }) は、この文書の対象である { $target } に合いません。合うキー: { $fits }。
lint-key-edition-mismatch = { $key } は { $what }ですが、ここでのエディションは { $edition } です: 別のエディションのキーは拒否されます。合うキー: { $fits }。
lint-kms-key-for-avma = { $key } は { $what }で、AVMA を使うはずの場所でインストールされています: ゲストは KMS クライアントになり 0xC004F074 で失敗します。代わりに AVMA キーをインストールしてください: { $fits }。
lint-mislabeled-as-avma = 本文は { $key } を AVMA キーと呼んでいますが、実際は { $what }です。AVMA キーは { $fits } です。
lint-mislabeled-as-kms = 本文は { $key } を KMS クライアント キーと呼んでいますが、実際は { $what }です。KMS クライアント セットアップ キーは { $fits } です。
lint-unknown-target-edition = /Set-Edition:{ $target } は avma が知らないエディションです。DISM /Get-TargetEditions の表示と綴りを確認してください。
lint-conversion-forbidden = { $from } は { $to } に変換できません: { $fact }
lint-target-option = 対象 { $version } (--os)
lint-target-text = 対象 { $version } ({ $line } 行目から推定)
lint-target-keys = 対象 { $version } (インストールする AVMA キーから推定)
lint-target-none = 対象のバージョンが見つかりません (バージョンを確認するには --os を指定してください)
lint-file-summary = { $file }: { $encoding }、{ $lines } 行、{ $target }。エラー { $errors } 件、警告 { $warnings } 件、情報 { $infos } 件

## rules

rules-written = ルールのページを { $dir } に書き出しました。

## scripts

ps1-description = ゲスト内で管理者として実行します。冪等です: 各変更の前に現在の状態を確認し、済んでいればスキップします。-WhatIf で何が変わるかを確認できます。
ps1-host-first = 最初に Hyper-V ホストで (仮想マシンを実行しうるすべてのクラスター ノードで):
ps1-check-build = 別の Windows Server バージョンでは実行しません: キーは 1 つのバージョンに結び付いています。
ps1-no-conversion = エディションの変更は不要です。
cmd-description = ゲスト内の管理者のコマンド プロンプトで実行します。再実行できます: 済んだ手順はスキップされます。
cmd-restart-then-rerun = ゲストは 60 秒後に再起動します。再起動後にこのファイルをもう一度実行してください。

## demo

demo-intro = 元になった記事: OEM の Windows Server 2022 Datacenter で構成した Hyper-V クラスター、Windows Server 2019 のゲスト、AVMA によるライセンス認証。その手順書は 2019 のゲストを 2022 Datacenter の KMS クライアント セットアップ キーで変換しています。avma の答えは次のとおりです。
demo-step-explain = 記事の DISM の手順にあるキー
demo-step-plan-standard = 2019 Standard のゲストに本当に必要なもの
demo-step-plan-datacenter = Datacenter にしたい場合の正しい変換
demo-step-lint = 記事の手順書を lint する
demo-step-diagnose = クラスターそのもの: OEM の 2022 Datacenter 3 ノード上の 2019 のゲストを、収集した証跡から診断
demo-step-audit = すべての仮想マシンを実行しうるすべてのノードと照合: 失効間近のノードが引き継いだらどうなるか
demo-step-matrix = 拒否の例: 2019 のノード上の 2022 のゲスト
demo-outro = 次に: `avma collect` は、このような証跡を自分のノードとゲストで収集する読み取り専用のスクリプトを出力します。`avma plan ... --format ps1` は冪等な PowerShell スクリプトを出力します。`avma lint ファイル` で自分の手順書を確認できます。`avma keys` と `avma matrix` は出典付きで事実を一覧表示します。

## evidence

evidence-no-input = ファイルまたはフォルダーを 1 つ以上指定してください (--host パス、--guest パス、またはパス)
evidence-empty-folder = 空のフォルダーです: 証跡がありません
evidence-not-found = そのようなファイルやフォルダーはありません
evidence-cluster = クラスター
evidence-node = ノード
evidence-group = グループ { $name }: 所有者 { $owner }、実行可能な所有者 { $owners }、優先所有者 { $preferred }
evidence-role-host = ホスト
evidence-role-guest = ゲスト
evidence-role-unknown = 役割不明
evidence-why-given = コマンド ラインで指定
evidence-why-12310 = { $at } のイベント 12310
evidence-why-12309 = { $at } のイベント 12309
evidence-why-hyperv = { $at } の Hyper-V またはクラスターのコマンドレットの出力
evidence-why-avma = { $at } の AVMA チャネルの製品
evidence-why-node = { $at } のクラスター ノード
evidence-why-vm = { $at } のホストの仮想マシン
evidence-why-none = 証跡からは判断できません。--host または --guest を指定してください
evidence-name = 名前
evidence-version = バージョン
evidence-edition = エディション
evidence-source-dism = DISM
evidence-source-registry = レジストリ/OS
evidence-source-licensing = ライセンス
evidence-targets = 変換先
evidence-no-targets = なし (現在のエディションは変換できません)
evidence-dc = ドメイン コントローラー
evidence-product = 製品
evidence-key-public = キー …{ $last5 } = { $kind } { $versions } { $family }
evidence-key-private = キー …{ $last5 } (公開キーではありません)
evidence-grace = 残り
evidence-eval-end = 評価期間の終了
evidence-expiry = 有効期限 (/xpr)
evidence-avma-host = AVMA ホスト
evidence-key-installed = インストールされたキー
evidence-error = エラー
evidence-integration = 統合サービス
evidence-service = サービス
evidence-vm = 仮想マシン
evidence-events = イベント
evidence-other-events = その他のイベント
evidence-nothing = { $inputs } 件の入力に、ライセンス認証、AVMA、Hyper-V のデータ交換に関する情報はありません
evidence-conflict = { $field } について情報源が一致しません: { $values }

## diagnose

diag-title = { $machines } 台のマシンの診断: エラー { $errors } 件、警告 { $warnings } 件、情報 { $infos } 件
diag-healthy-title = 正常
diag-all-healthy = 問題は見つかりませんでした。
diag-why = 理由
diag-evidence = 証跡
diag-fix-cmd = 対処方法 (cmd)
diag-fix-ps = 対処方法 (PowerShell)
diag-evidence-conflict = { $machine }: { $field } について情報源が一致しません: { $values }。
diag-insufficient-role = { $machine }: 証跡からホストかゲストかを判断できません。--host または --guest で指定してください。
diag-insufficient-version = { $machine }: Windows Server のバージョンが不明です (証跡にビルドがありません)。以下のコマンドで収集してください。
diag-insufficient-licensing = { $machine }: ライセンスの証跡 (slmgr、SoftwareLicensingProduct、SPP のイベント) がありません。以下のコマンドで収集してください。
diag-insufficient-host = { $machine }: Hyper-V の出力はありますが、ホスト自身のライセンスの証跡がありません。以下のコマンドで収集してください。
diag-guest-not-supported = { $guest } は AVMA でライセンス認証できません: 対象は Windows Server 2012 R2 以降の Standard、Datacenter、Azure Edition、Essentials のゲストだけです。
diag-eval-dc = { $guest } は評価版のドメイン コントローラーです: 製品版に変換できないため、AVMA キーをインストールできません。
diag-guest-eval = { $guest } は評価版です: AVMA キーをインストールできません (0xC004F069)。先にゲスト自身のバージョンのキーで変換してください。
diag-target-unavailable = ゲストは { $needed } にする必要がありますが、DISM が表示する変換先は { $listed } だけです。そのエディションには新規インストールが必要です。
diag-guest-kms-key = { $guest } には …{ $last5 } ({ $key }) の KMS クライアント セットアップ キーが入っています: AVMA ではなく KMS ホストを探します (0xC004F074)。
diag-avma-wrong-version = { $guest } には { $versions } の AVMA キー { $key } が入っています: ゲスト自身のバージョンではありません。
diag-avma-wrong-edition = { $guest } には { $family } エディションの AVMA キー { $key } が入っています: ゲスト自身のエディションではありません。
diag-no-key = { $guest } にはプロダクト キーがインストールされていません。
diag-platform = { $guest } は 0xC004FD01 を報告しています: Hyper-V 上で動作していません (Azure または他のハイパーバイザー)。AVMA は使えません。
diag-throttled = { $guest } は制限されました (0xC004FD00): AVMA の要求が多すぎます。
diag-kvp-service = { $guest } の Hyper-V Data Exchange Service (vmickvpexchange) が { $status } / { $start } です: AVMA のデータを交換できません。
diag-host-too-old = { $host } は { $hostversion } で、{ $guest } より古いバージョンです: そのノードではゲストをライセンス認証できません。
diag-not-activated = { $guest } はライセンス認証されていません (状態 { $status })。確認されたコード: { $codes }。
diag-avma-expiring = { $guest } の AVMA のライセンス認証 (ホスト { $host }) は残り { $minutes } 分で、更新が確認されていません。
diag-host-not-dc = { $host } は Datacenter ではなく { $edition } です: AVMA でゲストをライセンス認証できません。
diag-host-not-activated = { $host } はライセンス認証されていません (状態 { $status }、{ $codes }): ゲストは 0xC004FD02 で失敗します。
diag-host-no-key = { $host } には Windows のプロダクト キーがインストールされていません: ゲストをライセンス認証できません。
diag-host-expiring = { $host } のライセンスは { $days } 日後に失効します (チャネル { $channel }): 失効するとゲストをライセンス認証できず、そのノード上またはそのノードにフェールオーバーするすべての仮想マシンがライセンス認証を失います。
diag-kvp-disabled = { $host } で仮想マシン { $vm } のデータ交換統合サービスが無効です: その仮想マシンでは AVMA が機能しません。
diag-kvp-4096 = { $host } は仮想マシン { $vm } について KvpExchange イベント 4096 を記録しています: データ交換が有効でない、実行されていない、または初期化されていません。
fact-value = 値 { $value }
fact-build = ビルド { $build }
fact-dc = ドメイン コントローラー
fact-edition = エディション { $edition }
fact-hresult = { $code }
fact-channel = チャネル { $channel }
fact-partial-key = 部分プロダクト キー …{ $last5 }
fact-no-key = プロダクト キーなし
fact-targets = 変換先: { $targets }
fact-service = サービス { $name }
fact-grace = 残り { $minutes } 分
fact-licensed = ライセンス認証済み
fact-avma-host = { $time } に { $host } がライセンス認証
fact-status = ライセンスの状態 { $status }
fact-eval-end = 評価期間の終了 { $date }
fact-integration = 統合サービス「{ $name }」が無効
fact-event = イベント { $id }

## cluster

col-node = ノード
col-status = 状態
col-lapse = ライセンスの失効
col-avma = AVMA でゲストを認証可能
col-vm = 仮想マシン
col-owner = 所有者
col-possible-owners = 実行可能な所有者
col-vm-issues = 仮想マシン自体の問題
col-host = ホスト
col-time = 時刻
col-outcome = 結果
col-source = 情報源
col-evidence = 証跡
col-date = 日付
audit-title = クラスター { $cluster } の監査: ノード { $nodes } 台、仮想マシン { $vms } 台 ({ $at } 時点)
audit-mixed = バージョンが混在しています (ローリング アップグレード中): { $versions }。ノードより新しい仮想マシンはそのノードでライセンス認証できません。
audit-nodes = ノード
audit-vms = 仮想マシンと実行可能なノード
audit-risks = リスク
audit-fixes = 対処方法 (手間の少ない順)
audit-no-risk = どの仮想マシンも、実行しうるどのノードでもライセンス認証を失いません。
audit-more = … ほか { $n } 台の仮想マシン (すべて見るには --format json または csv)。
audit-can-yes = 可
audit-can-until = { $date } まで
audit-can-no = 不可 ({ $rule })
audit-can-unknown = 不明 ({ $missing } がありません)
audit-owners-ok = { $n } ノード ✓
audit-can-unknown-short = 不明
audit-lapse = { $days } 日 ({ $date })
audit-risk-now = { $vm } は現在 { $node } で実行されていますが、そのノードではライセンス認証できません ({ $rule })。
audit-risk-failover = { $vm } は { $node } にフェールオーバーするとライセンス認証を失います ({ $rule })。
audit-risk-lapse = { $vm } は { $date } から { $node } 上ではライセンス認証を失います。その日にノードのライセンスが失効します ({ $rule })。
audit-more-risks = … ほか { $n } 件 (すべて見るには --format json または csv)。
audit-vm-not-ready = { $vm } はどのノードでも AVMA でライセンス認証できません: { $rules }。
audit-fix-node = { $node } を修正 ({ $rule }): { $helps } 台の仮想マシンが救われます。
audit-fix-move = { $vm } を今すぐ { $from } から { $to } に移動します。
audit-fix-owners = { $vm } の実行可能な所有者を { $owners } に限定します。
audit-fix-vm = { $vm } 自体を修正します ({ $rule })。
audit-problem = { $field } { $message }
audit-bad-inventory = avma のインベントリとして正しくありません: { $detail }
ledger-title = AVMA 台帳: { $rows } 行。ライセンス認証の有効期間は { $days } 日と仮定 (未検証の値)
ledger-stale = { $vm }: 最後に成功したライセンス認証は { $last } で { $days } 日前です: 有効期間を過ぎています。
ledger-never = { $vm }: 証跡に成功した AVMA のライセンス認証がありません。
ledger-outside = { $vm } はクラスターのノードではない { $host } によってライセンス認証されました。
ledger-idle = ノード { $node } は証跡の中で何もライセンス認証していません。
simulate-title = { $days } 日間のシミュレーション。AVMA の有効期間 { $validity } 日と毎日の更新は仮定です (未検証)。
simulate-log = システムが記録するイベント (失敗と 1 日目)
simulate-bad-scenario = 正しいシナリオではありません: { $detail }
simulate-no-evtx = この avma は evtx 機能なしでビルドされています (cargo build --features evtx)
simulate-written = 証跡を { $dir } に書き出しました (マシンごとに 1 フォルダー)。

collect-synopsis = avma が読み取る証跡をこのコンピューターで収集します。読み取り専用で、何も変更しません。
collect-description =
    クラスターのすべての Hyper-V ノードと、すべてのゲスト仮想マシンで、管理者として実行します。実行ごとにフォルダー OutDir\COMPUTERNAME を 1 つ作ります (OutDir の既定値は .\avma-evidence)。
    その後、各フォルダーを 1 つのフォルダーの中に並べてコピーし、avma diagnose FOLDER、avma audit FOLDER、avma ledger FOLDER を実行します。
    公開されていないプロダクト キーは収集されません: CIM が示すのは末尾 5 文字だけです。
collect-helpers = エクスポートはそれぞれ独立しています: 失敗すると警告を表示し、残りを続けます。
collect-identity = コンピューター名、バージョン、エディション、ドメインでの役割。DISM が変換できるエディション。
collect-licensing = ライセンスの状態と AVMA の情報 (ホスト名、最後のライセンス認証)、AVMA に必要なサービス。
collect-events = 各ログのライセンスと AVMA のイベント (avma のカタログにあるイベント ID) を .evtx としてエクスポートします。
collect-hyperv = Hyper-V ホストの場合: 仮想マシンと、そのデータ交換 (KVP) 統合サービス。
collect-cluster = フェールオーバー クラスターのノードの場合: ノード、グループ、各仮想マシンを実行できるノード。
collect-owners = 実行可能な所有者 (仮想マシン リソース) と優先所有者 (仮想マシン グループ)。
collect-done = avma: 証跡の収集先

## i18n
script-generated-by = avma { $version } で生成しました。
ps1-hresult-how = CIM は、失敗したライセンス メソッドをエラーとして報告し、その ErrorData (MSFT_WmiError) の error_Code に HRESULT を入れます。戻り値を返すメソッドでは ReturnValue に入ります。
ps1-cim-failed = { $method } が { $hr } で失敗しました。説明を確認するには、avma explain { $hr } を実行してください。
ps1-wrong-build = このプランは { $version } (ビルド { $expected }) 用ですが、このマシンはビルド { $build } です。このマシンのバージョン用のプランを作成してください (avma plan --guest "<バージョン エディション>" --host "<バージョン エディション>")。
ps1-current-edition = 現在のエディション: { $edition } (ビルド { $build })
ps1-dism-failed = DISM { $op } が終了コード { $code } で失敗しました。再起動はしていません。説明を確認するには、avma explain { $code } を実行してください。
ps1-target-not-listed = { $target } はこのマシンの変換先エディション (DISM /Get-TargetEditions) にありません。新規インストールが必要です。
ps1-restart-action = Restart-Computer (再起動後にこのスクリプトをもう一度実行してください)
ps1-restart-warning = エディションは再起動時に変更されます。再起動後にこのスクリプトをもう一度実行して、AVMA キーをインストールしてください。
ps1-wrong-edition = このプランはエディション { $target } 用ですが、このマシンは { $edition } です。新しいプランを作成してください。
ps1-key-already-installed = 末尾が { $last5 } の AVMA キーは既にインストールされています。
ps1-install-key-action = AVMA キー { $key } をインストールする
ps1-activate-action = ライセンス認証する (AVMA)
ps1-key-not-installed = 末尾が { $last5 } の AVMA キーがインストールされていません。
ps1-not-avma-yet = まだ AVMA でライセンス認証されていません。ホスト (ライセンス認証済みの Datacenter で、この仮想マシンのデータ交換が有効) を確認し、avma diagnose を実行してください。
ps1-activated-by = ホスト { $host } から AVMA でライセンス認証されました。
cmd-step-failed = 手順 { $step } が終了コード { $code } で失敗しました。{ $title }。スクリプトはここで停止し、以降の手順は実行していません。コードの説明を確認するには、avma explain { $code } を実行してください。
cmd-target-not-listed = { $target } はこのマシンの変換先エディション (DISM /Get-TargetEditions) にありません。新規インストールが必要です。何も変更していません。
cmd-not-avma-yet = まだ AVMA でライセンス認証されていません。ホスト (ライセンス認証済みの Datacenter で、この仮想マシンのデータ交換が有効) を確認し、avma diagnose を実行してください。
cmd-done = 完了しました。
## identity
evidence-why-kvp = { $at } の KVP レジストリに実行中の仮想マシンが記録されています
identity-vm = Hyper-V の仮想マシン
identity-linked = { $vm } ({ $by } で一致、{ $hosts } が一覧に表示)
identity-by-vm-id = 仮想マシン ID
identity-by-bios-guid = BIOS GUID
identity-by-kvp-fqdn = ホストに報告された FQDN
identity-by-kvp-name = KVP レジストリの仮想マシン名
identity-by-name = 名前のみ
identity-kvp = KVP レジストリ
identity-kvp-registry = 仮想マシン { $vm }、ID { $id }、ホスト { $host }
identity-bios = BIOS GUID
identity-kvp-items = ゲストの報告
identity-kvp-guest = { $vm }: { $os } (ビルド { $build })、{ $fqdn }
asof-line = { $date } 時点 ({ $days ->
    [0] 本日
   *[other] { $days } 日前
}、{ $source })
asof-given = --at で指定
asof-collected = 収集時刻、{ $from }
asof-event = 最新のイベント、{ $from }
asof-file = 最新のファイル、{ $from }
asof-clock = 証跡に時刻がないため、このコンピューターの時計
asof-bad-at = { $value } は日付ではありません。YYYY-MM-DD または 2026-10-01T09:00:00Z のような RFC 3339 の時刻で指定してください
asof-line-future = { $date } 時点 (今から { $days } 日後、{ $source })
diag-guest-not-linked = { $guest } は、ホストやクラスターが一覧に示すどの仮想マシン ({ $vms }) にも結び付けられません。ライセンス認証するべきノードが不明です。コンピューター名が仮想マシン名と異なる可能性があります。KVP レジストリの仮想マシン ID で結び付けられます。
diag-vm-without-guest = 仮想マシン { $vm } ({ $hosts } 上) には、ゲスト内の証跡がありません。キー、エディション、ライセンス認証の状態を判定できません。
diag-evidence-stale = 証跡は { $date } ({ $days } 日前) のもので、警告期間 { $warn } 日より古くなっています。ライセンス、猶予期間、ライセンス認証がその後変わっている可能性があります。
fact-kvp-vm-id = KVP レジストリの仮想マシン ID { $id }
fact-no-kvp-registry = KVP レジストリ (Guest\Parameters) が収集されていません
fact-vm-listed = 仮想マシン { $vm } が一覧に表示
fact-kvp-guest-os = ゲストの報告: { $os } (ビルド { $build })、{ $fqdn }
fact-evidence-time = 証跡の時刻 { $time }
audit-vm-unjudged = { $vm }: { $nodes } がライセンス認証できるかどうかを判定できません (仮想マシンまたはノードの事実が不足しています。たとえばゲスト内の証跡がないとバージョンが不明です)。問題がないという意味ではありません。
asof-collected-inventory = インベントリの収集時刻
## report
check-node-lapses = { $node } のライセンスはあと { $days } 日で失効します
check-node-lapsed = { $node } のライセンスは { $days ->
    [0] 本日
   *[other] { $days } 日前に
} 失効しました
check-node-not-activated = { $node } はライセンス認証されていません
check-node-ok = { $node } のライセンスは失効しません
check-vm-now = { $vm } は { $node } で実行中ですが、このノードでは認証できません ({ $rule })
check-vm-not-ready = { $vm } はどのノードでも AVMA で認証できません ({ $rules })
check-vms-at-risk = { $n } 台の VM が影響を受けます
check-stale = 証拠は { $hours } 時間前のものです ({ $max } 時間を超えています)
check-no-time = 証拠に収集日時がありません
check-unreadable = { $n } 個の入力を読み取れませんでした
check-nothing = 読み取れる証拠がありません
check-no-nodes = 証拠にクラスター ノードがありません
check-ok = ノード { $nodes } 台、VM { $vms } 台: すべての VM が実行可能な所有者のすべてのノードで認証できます
prom-check-status = クラスターの avma チェック状態: 0 OK、1 WARNING、2 CRITICAL、3 UNKNOWN。
prom-evidence-age = 証拠を収集してからの秒数。
prom-node-activated = ノードの Windows がライセンス認証済み (LicenseStatus 1) なら 1。
prom-node-datacenter = ノードが Datacenter エディションなら 1 (AVMA ゲストを認証できるのは Datacenter ホストだけです)。
prom-node-seconds-left = ノードのライセンスが失効するまでの秒数 (負の値は失効済み)。失効しない場合はありません。
prom-vm-activated = VM の Windows がライセンス認証済み (LicenseStatus 1) なら 1。
prom-vm-all-owners = VM の実行可能な所有者のすべてのノードが VM を認証でき、VM 自体も AVMA の準備ができていれば 1。
prom-vm-owners-blocking = VM の実行可能な所有者のうち、VM を認証できない (またはライセンス失効までしか認証できない) ノードの数。
report-bad-time = 日時ではありません (RFC 3339、例: 2026-12-01T09:00:00Z): { $detail }
report-title = AVMA ライセンス認証レポート
report-intro = クラスター { $clusters } 個、{ $time } 時点の判定です。
report-fleet = クラスター一覧
report-col-cluster = クラスター
report-cluster = クラスター { $cluster }
report-state-ok = 正常
report-state-warning = 警告
report-state-critical = 危険
report-state-unknown = 不明
report-stat-state = 状態
report-stat-nodes = ノード
report-stat-vms = VM
report-stat-at-risk = 影響を受ける VM
report-stat-next-lapse = 次のライセンス失効
report-stat-findings = エラー / 警告
report-as-of = 証拠の時点
report-age = 証拠の経過時間
report-judged-at = 判定日時
report-inputs = 入力
report-inputs-n = ファイル { $n } 個、読み取れないもの { $bad } 個
report-mixed = バージョン
report-unknown-time = 不明 (証拠に日時がありません)
report-age-minutes = { $n } 分
report-age-hours = { $n } 時間
report-age-days = { $n } 日
report-lapses-in = あと { $days } 日 ({ $date })
report-lapsed = { $days } 日前に失効 ({ $date })
report-no-lapse = 失効しない
report-cannot = 不可
report-vm-not-ready = VM 側の問題
report-not-owner = この VM の実行可能な所有者ではありません
report-runs-here = 実行中
report-matrix = どのノードがどの VM を認証できるか
report-matrix-help = 行が VM、列がノードです。✓ はノードが VM を認証できること、日付つきの「まで」はノードのライセンスが失効するまで認証できること、✗ は認証できないこと (理由は印の下)、— は VM がそのノードで実行されないことを示します。
report-no-vms = 証拠に VM がありません。
report-timeline = タイムライン: ライセンス認証、失敗、ライセンス失効
report-now = 現在
report-legend-activated = ライセンス認証 (12309/12310)
report-legend-failed = ライセンス認証の失敗
report-legend-lapse = ライセンス失効
report-tl-activated = { $vm } が { $host } により { $time } にライセンス認証されました
report-tl-failed = { $vm } は { $host } で { $time } にライセンス認証に失敗しました ({ $outcome })
report-tl-lapse = { $node } のライセンスは { $date } に失効します
report-tl-last-ok = 最後のライセンス認証
report-tl-last-failed = 最後の試行は失敗
report-findings = 検出結果
report-no-evidence-findings = インベントリだけが指定されました。検出結果には証拠そのものが必要です。
report-facts = マシンごとに収集した事実
report-col-fact = 事実
report-col-value = 値
report-events = イベント
report-events-n = ライセンスと AVMA のイベント { $n } 件
diag-pending-after-move = { $guest } は { $to } へ移動しました ({ $when }。最後の AVMA ライセンス認証は { $last })。まだライセンス認証されていませんが、AVMA の失敗コードはありません。移動後のライセンス認証が保留中であり、失敗ではありません。AVMA は少し遅れて新しいホストでライセンス認証します (UNVERIFIED: 遅延の長さは文書化されていません。{ $hours } 時間以内の移動を最近とみなします)。今すぐ実行するには、ゲスト内で修正のコマンドを実行してください。
fact-license-status = ライセンスの状態 { $status }
fact-moved = 役割が { $from } から { $to } へ移動 ({ $when })
fact-avma-host-owner = 最後のライセンス認証は { $avma }、現在の所有者は { $owner }
