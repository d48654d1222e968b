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
doc-evidence = 根拠
doc-fix = 対処方法

## 入力のエラー

error-unknown-version = Windows Server のバージョン "{ $input }" がわかりません (使えるもの: 2012 R2、2016、2019、2022、2025、1709、1803、1809、1903、1909、2004、20H2、または 17763 などのビルド番号)
error-empty = 空のファイルです。読み取る内容がありません
error-binary = テキスト ファイルではありません (バイト オフセット { $offset } にバイナリ データ)。収集したテキスト (slmgr、DISM、PowerShell の出力、または手順書) を渡してください
error-binary-after = バイト オフセット { $offset } からバイナリ データです。その前のテキストは読み取りました
error-is-directory = ファイルではなくフォルダーです
error-not-text = テキスト ファイルではありません (バイト オフセット { $offset } にバイナリ データ)
error-too-big = { $limit } MiB を超えています。読み取りません
spec-empty = { $what }: 何も指定されていません。
spec-unknown-word = { $what } "{ $input }": "{ $detail }" という語がわかりません。
spec-no-version = { $what } "{ $input }": Windows Server のどのバージョンですか?
spec-no-edition = { $what } "{ $input }": どのエディション (Standard、Datacenter など) ですか?
spec-ambiguous-version = { $what } "{ $input }": 複数のバージョン ({ $detail }) が指定されています。1 つにしてください。
spec-ambiguous-edition = { $what } "{ $input }": 複数のエディション ({ $detail }) が指定されています。1 つにしてください。
spec-client = { $what } "{ $input }": Windows Server ではなく Windows クライアントです。AVMA でライセンス認証できるのは Windows Server 2012 R2 以降のゲストだけです。クライアントは KMS、MAK、製品版のキーでライセンス認証してください。
spec-no-such-edition = { $what } "{ $input }": そのようなエディションはありません ({ $detail })。
spec-accepted = 使える指定: バージョン (2012 R2、2016、2019、2022、2025、1709 ～ 20H2、WS2022、または 17763 などのビルド) とエディション (Standard/Std/スタンダード、Datacenter/DC/データセンター、Essentials/エッセンシャルズ、Azure Edition、Azure Local。必要に応じて Evaluation/Eval/評価版 と Core)、または ServerStandardEval などの EditionID。

## keys

keys-none = 該当する公開キーはありません。
keys-footer = 表示するのは公開キーだけです。AVMA キー (ゲストにインストール) と KMS クライアント セットアップ キー (KMS 用、または DISM でのエディション変更用)。キーごとの出典は `avma explain キー` で確認できます。

## matrix

matrix-title = AVMA: ライセンス認証済みの Datacenter ホストがライセンス認証できるゲストのバージョン
matrix-host-guest = ホスト \ ゲスト
matrix-legend = 可 = そのバージョンのゲストのすべてのエディション (Standard、Datacenter、Essentials) をライセンス認証できる。可? = 推定だが未検証 (2025 のホストの行は未確認)。- = できない。
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
explain-edition = ファミリ { $family }、評価版 { $eval }、Server Core { $core }

## plan

plan-title = 計画: { $host } のホスト上の { $guest } のゲスト
plan-verdict-yes = 判定: 可能です。以下の手順を実行すれば、このホストで AVMA によりこのゲストをライセンス認証できます。
plan-verdict-not-yet = 判定: ホストの問題を解決すれば可能です。解決後は、このホストで AVMA によりこのゲストをライセンス認証できます。
plan-verdict-no = 判定: 不可です。このホストでは AVMA でこのゲストをライセンス認証できません (検出結果を参照)。
plan-why = 理由
plan-findings = 検出結果
plan-steps = 手順
plan-key-line = 使用する AVMA キー: { $key } ({ $confidence }、{ $url })
plan-reason-host-datacenter = ホストは { $host } で、AVMA に必要な Datacenter エディションです (Hyper-V の役割が必要)。ライセンスのチャネル (OEM、製品版、ボリューム ライセンス) は関係ありません。
plan-reason-host-activated = ホストはライセンス認証済みです。
plan-reason-matrix = { $host } のホストは { $guest } のゲストをライセンス認証できます。
plan-reason-azure-local = Azure Local のホスト: { $fact }
plan-reason-no-conversion = エディションの変換は不要です。{ $guest } のゲストに必要なのは、自身のバージョンとエディションの AVMA キーだけです。
plan-reason-convert-eval = { $from } は評価版のため AVMA キーをインストールできません。先に { $to } に変換します。
plan-reason-convert-wanted = { $to } にするため、先にゲスト自身のバージョンのキーで { $from } から変換します。
plan-reason-kvp = 仮想マシンのデータ交換 (キー値ペア交換) 統合サービスは有効のままにしておく必要があります (既定で有効)。
plan-reason-cluster = フェールオーバー クラスターでは、仮想マシンを実行しうるすべてのノードが、ゲスト以上のバージョンのライセンス認証済み Datacenter でなければなりません。
plan-guest-not-supported = { $guest } は AVMA でライセンス認証できません。対象は Windows Server 2012 R2 以降の Standard、Datacenter、Datacenter: Azure Edition、Essentials のゲストだけです。
plan-azure-local-guest-not-covered = { $guest } は、Azure Local が Windows Server サブスクリプションでライセンス認証するゲストのバージョンに含まれていません。
plan-host-not-datacenter = ホストは Datacenter ではなく { $host } です。Standard など Datacenter 以外のホストは AVMA でゲストをライセンス認証できません。
plan-host-evaluation = ホストは評価版の { $host } です。AVMA を提供できるかは未検証で、評価期間の終了とともにライセンスの有効期限が切れます。
plan-host-too-old = { $host } のホストは { $guest } のゲストをライセンス認証できません。ホストのバージョンはゲストと同じかそれ以降である必要があります。
plan-unverified-pair = { $host } のホスト → { $guest } のゲストは未検証の事実に基づいています。{ $note }
plan-host-not-activated = ホスト ({ $host }) がライセンス認証されていないため、ゲストをライセンス認証できません (ゲストは 0xC004FD02 で失敗します)。先にホストをライセンス認証してください。
plan-eval-dc = ゲストは { $edition } で、ドメイン コントローラーです。評価版のドメイン コントローラーは製品版に変換できないため、AVMA キーをインストールできません。
plan-conversion-forbidden = { $from } は { $to } に変換できません。{ $fact }
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
step-convert-why = { $key } を使います。これは { $version } のそのエディションの公開 { $kind ->
    [avma] AVMA キー
   *[gvlk] KMS クライアント セットアップ キー
}です。別のバージョンのキーは拒否されます。10 ～ 15 分かかります。
step-convert-expect = 「The operation completed successfully」と表示される (/NoRestart のため再起動の確認は表示されず、次の手順で再起動します)
step-restart = ゲストを再起動する
step-restart-why = 新しいエディションは再起動後に有効になります。
step-install-avma = { $version } { $edition } の AVMA キーをインストールする
step-install-avma-expect = 「Installed product key { $key } successfully.」(日本語の表示では、プロダクト キーのインストールに成功したというメッセージ)
step-activate = 今すぐライセンス認証する (AVMA は仮想マシンの起動時にも自動でライセンス認証します)
step-activate-why = ゲストには通常エラーが表示されません。slmgr は HRESULT を表示します (avma explain で説明を確認できます)。
step-verify = AVMA のチャネル、ライセンスの状態、ライセンス認証したホスト、有効期限を確認する
step-verify-expect = 説明に VIRTUAL_MACHINE_ACTIVATION を含み、プロダクト キーの末尾が { $last5 }、ライセンスの状態が「ライセンスされています」、ホスト マシン名が表示され、AVMA の有効期限 (英語の表示では「Automatic VM activation will expire ...」、日本語の表示では AVMA のライセンス認証の有効期限を示す行) が表示される

## lint

lint-unknown-key = { $key } は公開キー (AVMA キーや KMS クライアント セットアップ キー) ではないため、avma は確認できません。非公開のキーは手順書やチャットに残さないでください。
lint-unknown-key-host = { $key } は Set-VMAutomaticActivation に渡されるホスト キーで、公開キーではないため avma は確認できません。
lint-key-version-mismatch = { $key } は { $what }ですが、この文書の対象は { $target } です。そのバージョンではこのコマンドは失敗します。合うキー: { $fits }。
lint-key-version-mismatch-bare = { $key } ({ $what }) は、この文書の対象である { $target } に合いません。合うキー: { $fits }。
lint-key-edition-mismatch = { $key } は { $what }ですが、ここでのエディションは { $edition } です。別のエディションのキーは拒否されます。合うキー: { $fits }。
lint-kms-key-for-avma = { $key } は { $what }で、AVMA を使うはずの場所でインストールされています。ゲストは KMS クライアントになり 0xC004F074 で失敗します。代わりに AVMA キーをインストールしてください。{ $fits }。
lint-mislabeled-as-avma = 本文は { $key } を AVMA キーと呼んでいますが、実際は { $what }です。AVMA キーは { $fits } です。
lint-mislabeled-as-kms = 本文は { $key } を KMS クライアント キーと呼んでいますが、実際は { $what }です。KMS クライアント セットアップ キーは { $fits } です。
lint-unknown-target-edition = /Set-Edition:{ $target } は avma が知らないエディションです。DISM /Get-TargetEditions の表示と綴りを確認してください。
lint-conversion-forbidden = { $from } は { $to } に変換できません。{ $fact }
lint-target-option = 対象 { $version } (--os)
lint-target-text = 対象 { $version } ({ $line } 行目から推定)
lint-target-keys = 対象 { $version } (インストールする AVMA キーから推定)
lint-target-none = 対象のバージョンが見つかりません (バージョンを確認するには --os を指定してください)
lint-file-summary = { $file }: { $encoding }、{ $lines } 行、{ $target }。エラー { $errors } 件、警告 { $warnings } 件、情報 { $infos } 件

## rules

rules-written = ルールのページを { $dir } に書き出しました。

## scripts

ps1-description = ゲスト内で管理者として実行します。冪等です。各変更の前に現在の状態を確認し、済んでいればスキップします。-WhatIf で何が変わるかを確認できます。
ps1-host-first = 最初に Hyper-V ホストで (仮想マシンを実行しうるすべてのクラスター ノードで):
ps1-check-build = 別の Windows Server バージョンでは実行しません。キーは 1 つのバージョンに結び付いています。
ps1-no-conversion = エディションの変更は不要です。
cmd-description = ゲスト内の管理者のコマンド プロンプトで実行します。再実行できます。済んだ手順はスキップされます。
cmd-restart-then-rerun = ゲストは 60 秒後に再起動します。再起動後にこのファイルをもう一度実行してください。

## demo

demo-intro = 元になった記事: OEM の Windows Server 2022 Datacenter で構成した Hyper-V クラスター、Windows Server 2019 のゲスト、AVMA によるライセンス認証。その手順書は 2019 のゲストを 2022 Datacenter の KMS クライアント セットアップ キーで変換しています。avma の答えは次のとおりです。
demo-step-explain = 記事の DISM の手順にあるキー
demo-step-plan-standard = 2019 Standard のゲストに本当に必要なもの
demo-step-plan-datacenter = Datacenter にしたい場合の正しい変換
demo-step-lint = 記事の手順書を lint する
demo-step-diagnose = クラスターそのもの: OEM の 2022 Datacenter 3 ノード上の 2019 のゲストを、収集したデータから診断
demo-step-audit = すべての仮想マシンを実行可能なすべてのノードと照合し、ライセンスの有効期限が近いノードに移った場合にどうなるかを確認
demo-step-matrix = 拒否の例: 2019 のノード上の 2022 のゲスト
demo-outro = 次に: `avma collect` は、このような収集データを自分のノードとゲストで収集する読み取り専用のスクリプトを出力します。`avma plan ... --format ps1` は冪等な PowerShell スクリプトを出力します。`avma lint ファイル` で自分の手順書を確認できます。`avma keys` と `avma matrix` は出典付きで事実を一覧表示します。

## evidence

evidence-no-input = ファイルまたはフォルダーを 1 つ以上指定してください (--host パス、--guest パス、またはパス)
evidence-empty-folder = 空のフォルダーです。収集データがありません
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
evidence-why-none = 収集データからは判断できません。--host または --guest を指定してください
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
evidence-conflict = { $field } について情報源が一致しません。{ $values }

## diagnose

diag-title = { $machines } 台のマシンの診断: エラー { $errors } 件、警告 { $warnings } 件、情報 { $infos } 件
diag-healthy-title = 正常
diag-all-healthy = 問題は見つかりませんでした。
diag-why = 理由
diag-evidence = 根拠
diag-fix-cmd = 対処方法 (cmd)
diag-fix-ps = 対処方法 (PowerShell)
diag-evidence-conflict = { $machine }: { $field } について情報源が一致しません。{ $values }。
diag-insufficient-role = { $machine }: 収集データからホストかゲストかを判断できません。--host または --guest で指定してください。
diag-insufficient-version = { $machine }: Windows Server のバージョンが不明です (収集データにビルドがありません)。以下のコマンドで収集してください。
diag-insufficient-licensing = { $machine }: ライセンス関連の収集データ (slmgr、SoftwareLicensingProduct、SPP のイベント) がありません。以下のコマンドで収集してください。
diag-insufficient-host = { $machine }: Hyper-V の出力はありますが、ホスト自身のライセンス関連の収集データがありません。以下のコマンドで収集してください。
diag-guest-not-supported = { $guest } は AVMA でライセンス認証できません。対象は Windows Server 2012 R2 以降の Standard、Datacenter、Azure Edition、Essentials のゲストだけです。
diag-eval-dc = { $guest } は評価版のドメイン コントローラーです。製品版に変換できないため、AVMA キーをインストールできません。
diag-guest-eval = { $guest } は評価版です。AVMA キーをインストールできません (0xC004F069)。先にゲスト自身のバージョンのキーで変換してください。
diag-target-unavailable = ゲストは { $needed } にする必要がありますが、DISM が表示する変換先は { $listed } だけです。そのエディションには新規インストールが必要です。
diag-guest-kms-key = { $guest } には …{ $last5 } ({ $key }) の KMS クライアント セットアップ キーが入っています。AVMA ではなく KMS ホストを探します (0xC004F074)。
diag-avma-wrong-version = { $guest } には { $versions } の AVMA キー { $key } が入っています。ゲスト自身のバージョンではありません。
diag-avma-wrong-edition = { $guest } には { $family } エディションの AVMA キー { $key } が入っています。ゲスト自身のエディションではありません。
diag-avma-tried-wrong-version = { $guest } に slmgr /ipk で { $versions } の AVMA キー { $key } を入れようとしましたが、ゲスト自身のバージョンのキーではないため拒否されました ({ $code })。ゲスト自身のバージョンとエディションの AVMA キーを入れてください。
diag-avma-tried-wrong-edition = { $guest } に slmgr /ipk で { $family } エディションの AVMA キー { $key } を入れようとしましたが、ゲスト自身のエディションのキーではないため拒否されました ({ $code })。ゲスト自身のバージョンとエディションの AVMA キーを入れてください。
diag-no-key = { $guest } にはプロダクト キーがインストールされていません。
diag-platform = { $guest } は 0xC004FD01 を報告しています。Hyper-V 上で動作していません (Azure または他のハイパーバイザー)。AVMA は使えません。
diag-throttled = { $guest } は、AVMA の要求が多すぎるため制限されました (0xC004FD00)。
diag-kvp-service = { $guest } の Hyper-V Data Exchange Service (vmickvpexchange) が { $status } / { $start } です。AVMA のデータを交換できません。
diag-host-too-old = { $host } は { $hostversion } で、{ $guest } より古いバージョンです。そのノードではゲストをライセンス認証できません。
diag-not-activated = { $guest } はライセンス認証されていません (状態 { $status })。確認されたコード: { $codes }。
diag-avma-expiring = { $guest } の AVMA のライセンス認証 (ホスト { $host }) は残り { $minutes } 分で、更新が確認されていません。
diag-host-not-dc = { $host } は Datacenter ではなく { $edition } です。AVMA でゲストをライセンス認証できません。
diag-host-not-activated = { $host } はライセンス認証されていません (状態 { $status }、{ $codes })。ゲストは 0xC004FD02 で失敗します。
diag-host-no-key = { $host } には Windows のプロダクト キーがインストールされていません。ゲストをライセンス認証できません。
diag-host-expiring = { $host } のライセンス認証は { $days } 日後に期限切れになります (チャネル { $channel })。期限が切れるとゲストをライセンス認証できなくなり、このノード上の仮想マシンと、このノードにフェールオーバーするすべての仮想マシンがライセンス認証を失います。
diag-kvp-disabled = { $host } で仮想マシン { $vm } のデータ交換統合サービスが無効です。その仮想マシンでは AVMA が機能しません。
diag-kvp-4096 = { $host } は仮想マシン { $vm } について KvpExchange イベント 4096 を記録しています。データ交換が有効でない、実行されていない、または初期化されていません。
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
col-lapse = ライセンスの有効期限
col-avma = AVMA でゲストを認証可能
col-vm = 仮想マシン
col-owner = 所有者
col-possible-owners = 実行可能な所有者
col-vm-issues = 仮想マシン自体の問題
col-host = ホスト
col-time = 時刻
col-outcome = 結果
col-source = 情報源
col-evidence = 根拠
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
audit-can-no = 不可。{ $rule }
audit-can-unknown = 不明 ({ $missing } がありません)
audit-owners-ok = { $n } ノード ✓
audit-can-unknown-short = 不明
audit-lapse = { $days } 日 ({ $date })
audit-risk-now = { $vm } は現在 { $node } で実行されていますが、そのノードではライセンス認証できません。{ $rule }。
audit-risk-failover = { $vm } は { $node } にフェールオーバーするとライセンス認証を失います。{ $rule }。
audit-risk-lapse = { $vm } は { $date } から { $node } 上ではライセンス認証を失います。{ $rule }。
audit-more-risks = … ほか { $n } 件 (すべて見るには --format json または csv)。
audit-vm-not-ready = { $vm } はどのノードでも AVMA でライセンス認証できません。{ $rules }。
audit-fix-node = { $node } を修正します。{ $rule }。{ $helps } 台の仮想マシンがライセンス認証を保てるようになります。
audit-fix-move = { $vm } を今すぐ { $from } から { $to } に移動します。
audit-fix-owners = { $vm } の実行可能な所有者を { $owners } に限定します。
audit-fix-vm = { $vm } 自体を修正します。{ $rule }。
audit-problem = { $field } { $message }
audit-bad-inventory = avma のインベントリとして正しくありません。{ $detail }
ledger-title = AVMA 台帳: { $rows } 行。ライセンス認証の有効期間は { $days } 日と仮定 (未検証の値)
ledger-stale = { $vm }: 最後に成功したライセンス認証は { $last } で { $days } 日前です。有効期間を過ぎています。
ledger-never = { $vm }: 収集データに成功した AVMA のライセンス認証がありません。
ledger-outside = { $vm } はクラスターのノードではない { $host } によってライセンス認証されました。
ledger-idle = ノード { $node } は収集データの中で何もライセンス認証していません。
simulate-title = { $days } 日間のシミュレーション。AVMA の有効期間 { $validity } 日と毎日の更新は仮定です (未検証)。
simulate-log = システムが記録するイベント (失敗、移動、1 日目)
simulate-bad-scenario = 正しいシナリオではありません (「{ $detail }」)。
simulate-no-evtx = この avma は evtx 機能なしでビルドされています (cargo build --features evtx)
simulate-written = 収集データを { $dir } に書き出しました (マシンごとに 1 フォルダー)。

collect-synopsis = avma が読み取る収集データをこのコンピューターで収集します。読み取り専用で、何も変更しません。
collect-description =
    クラスターのすべての Hyper-V ノードと、すべてのゲスト仮想マシンで、管理者として実行します。実行ごとにフォルダー OutDir\COMPUTERNAME を 1 つ作ります (OutDir の既定値は .\avma-evidence)。
    その後、各フォルダーを 1 つのフォルダーの中に並べてコピーし、avma diagnose FOLDER、avma audit FOLDER、avma ledger FOLDER を実行します。
    公開されていないプロダクト キーは収集されません。CIM が示すのは末尾 5 文字だけです。
collect-helpers = エクスポートはそれぞれ独立しています。失敗すると警告を表示し、残りを続けます。
collect-identity = コンピューター名、バージョン、エディション、ドメインでの役割。DISM が変換できるエディション。
collect-licensing = ライセンスの状態と AVMA の情報 (ホスト名、最後のライセンス認証)、AVMA に必要なサービス。
collect-events = 各ログのライセンスと AVMA のイベント (avma のカタログにあるイベント ID) を .evtx としてエクスポートします。
collect-hyperv = Hyper-V ホストの場合: 仮想マシンと、そのデータ交換 (KVP) 統合サービス。
collect-cluster = フェールオーバー クラスターのノードの場合: ノード、グループ、各仮想マシンを実行できるノード。
collect-owners = 実行可能な所有者 (仮想マシン リソース) と優先所有者 (仮想マシン グループ)。
collect-done = avma: 収集データの収集先

## hostile-in
input-not-regular = { $kind }で、通常のファイルではないため、読み取りません。
input-kind-fifo = 名前付きパイプ (FIFO)
input-kind-socket = ソケット
input-kind-char-device = キャラクター デバイス
input-kind-block-device = ブロック デバイス
input-kind-other = 通常のファイルではないもの
input-link-outside = 指定されたフォルダーの外にある { $target } へのシンボリック リンクのため、たどりません。
input-too-deep = フォルダーの入れ子が { $limit } 階層を超えているため、これより下は読み取りません。
input-too-large = { $limit } MiB ({ $bytes } バイト、読み取ったバイト数で判定) を超えているため、読み取りません。
simulate-bad-machine-name = マシン名 { $name } は{ $reason }。マシン名は単純なファイル名である必要があるため、このマシンの収集データは書き込みません。
simulate-link-in-destination = シンボリック リンクのため、リンク先には書き込みません
bad-name-empty = 空です
bad-name-dots = . または .. です
bad-name-separator = パス区切り文字 (/ または \) を含みます
bad-name-colon = コロン (ドライブ文字またはストリーム) を含みます
bad-name-control = NUL または制御文字を含みます
bad-name-reserved = Windows のファイル名に使えない文字 (< > " | ? *) を含みます
bad-name-device = Windows の予約済みデバイス名 (CON、PRN、AUX、NUL、COM1～COM9、LPT1～LPT9) です
bad-name-trailing = 末尾がピリオドまたはスペースです
bad-name-long = 255 バイトを超えています
audit-more-not-ready = … ほか { $n } 台の準備ができていない仮想マシン (すべて見るには --format json または csv)。
audit-more-fixes = … ほか { $n } 件の修正 (すべて見るには --format json)。
audit-command-cut = (このコマンドは { $n } 文字で切り詰めています。貼り付けないでください。--format json には全体があります)
lint-long-lines = { $limit } MiB を超える行を区切って判定しました ({ $n } か所)。区切りをまたぐキーやコマンドは見落とす可能性があります
## captures
evidence-inputs = 入力
evidence-input-summary = { $file }: { $kind }、言語 { $language }、{ $encoding }、事実 { $facts } 件
evidence-input-lines = { $file }: { $kind }、言語 { $language }、{ $encoding }、事実 { $facts } 件。読み取った行 { $understood }、読み飛ばした行 { $skipped }、ノイズ { $noise }
evidence-input-unplaced = 読み取れなかった行 (最初の数行、マスク済み):
reader-dism-edition-ambiguous = エディション { $editions } が見つかりましたが、どれが現在のエディションでどれがターゲット エディションかがわかりません (DISM のコマンド ラインも貼り付けるか、DISM /English を使ってください)
reader-data-exchange-by-position = { $vm }: 一覧での位置から、データ交換を「{ $name }」と判断しました (この表示名は avma が知らないものです)
reader-not-windows = { $name } は Windows ではありません。ライセンスは表示しますが、判定の対象にはしません
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
identity-linked = { $vm } ({ $by }、{ $hosts } が一覧に表示)
identity-by-vm-id = 仮想マシン ID で一致
identity-by-bios-guid = BIOS GUID で一致
identity-by-kvp-fqdn = ホストに報告された FQDN で一致
identity-by-kvp-name = KVP レジストリの仮想マシン名で一致
identity-by-name = 名前だけで一致
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
asof-clock = 収集データに時刻がないため、このコンピューターの時計
asof-bad-at = { $value } は日付ではありません。YYYY-MM-DD または 2026-10-01T09:00:00Z のような RFC 3339 の時刻で指定してください
asof-line-future = { $date } 時点 (今から { $days } 日後、{ $source })
diag-guest-not-linked = { $guest } は、ホストやクラスターが一覧に示すどの仮想マシン ({ $vms }) にも結び付けられません。ライセンス認証するべきノードが不明です。コンピューター名が仮想マシン名と異なる可能性があります。KVP レジストリの仮想マシン ID で結び付けられます。
diag-vm-without-guest = 仮想マシン { $vm } ({ $hosts } 上) には、ゲスト内の収集データがありません。キー、エディション、ライセンス認証の状態を判定できません。
diag-evidence-stale = 収集データは { $date } ({ $days } 日前) のもので、警告期間 { $warn } 日より古くなっています。ライセンス、猶予期間、ライセンス認証がその後変わっている可能性があります。
fact-kvp-vm-id = KVP レジストリの仮想マシン ID { $id }
fact-no-kvp-registry = KVP レジストリ (Guest\Parameters) が収集されていません
fact-vm-listed = 仮想マシン { $vm } が一覧に表示
fact-kvp-guest-os = ゲストの報告: { $os } (ビルド { $build })、{ $fqdn }
audit-vm-unjudged = { $vm }: { $nodes } がライセンス認証できるかどうかを判定できません (仮想マシンまたはノードの事実が不足しています。たとえばゲスト内の収集データがないとバージョンが不明です)。問題がないという意味ではありません。
asof-collected-inventory = インベントリの収集時刻
## report
check-node-lapses = { $node } のライセンスはあと { $days } 日で有効期限が切れます
check-node-lapsed = { $node } のライセンスは { $days ->
    [0] 本日
   *[other] { $days } 日前に
} 失効しました
check-node-not-activated = { $node } はライセンス認証されていません
check-node-ok = { $node } のライセンスは失効しません
check-vm-now = { $vm } は { $node } で実行中ですが、このノードではライセンス認証できません。{ $rule }
check-vm-not-ready = { $vm } はどのノードでも AVMA でライセンス認証できません。{ $rules }
check-vms-at-risk = { $n } 台の仮想マシンが影響を受けます
check-stale = 収集データは { $hours } 時間前のものです ({ $max } 時間を超えています)
check-no-time = 収集データに収集日時がありません
check-unreadable = { $n } 個の入力を読み取れませんでした
check-nothing = 読み取れる収集データがありません
check-no-nodes = 収集データにクラスター ノードがありません
check-ok = ノード { $nodes } 台、仮想マシン { $vms } 台。すべての仮想マシンが実行可能な所有者のすべてのノードでライセンス認証できます
prom-check-status = クラスターの avma チェック状態: 0 OK、1 WARNING、2 CRITICAL、3 UNKNOWN。
prom-evidence-age = データを収集してからの秒数。
prom-node-activated = ノードの Windows がライセンス認証済み (LicenseStatus 1) なら 1。
prom-node-datacenter = ノードが Datacenter エディションなら 1 (AVMA ゲストをライセンス認証できるのは Datacenter ホストだけです)。
prom-node-seconds-left = ノードのライセンスが失効するまでの秒数 (負の値は失効済み)。失効しない場合はありません。
prom-vm-activated = 仮想マシンの Windows がライセンス認証済み (LicenseStatus 1) なら 1。
prom-vm-all-owners = 仮想マシンの実行可能な所有者のすべてのノードが仮想マシンをライセンス認証でき、仮想マシン自体も AVMA の準備ができていれば 1。
prom-vm-owners-blocking = 仮想マシンの実行可能な所有者のうち、仮想マシンをライセンス認証できない (またはライセンス失効までしかライセンス認証できない) ノードの数。
report-bad-time = 日時 (RFC 3339、例: 2026-12-01T09:00:00Z) ではありません (「{ $detail }」)。
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
report-stat-vms = 仮想マシン
report-stat-at-risk = 影響を受ける仮想マシン
report-stat-next-lapse = 次のライセンス期限切れ
report-stat-findings = エラー / 警告
report-as-of = 収集データの時点
report-age = 収集データの経過時間
report-judged-at = 判定日時
report-inputs = 入力
report-inputs-n = ファイル { $n } 個、読み取れないもの { $bad } 個
report-mixed = バージョン
report-unknown-time = 不明 (収集データに日時がありません)
report-age-minutes = { $n } 分
report-age-hours = { $n } 時間
report-age-days = { $n } 日
report-lapses-in = あと { $days } 日 ({ $date })
report-lapsed = { $days } 日前に失効 ({ $date })
report-no-lapse = 失効しない
report-cannot = 不可
report-vm-not-ready = 仮想マシン側の問題
report-not-owner = この仮想マシンの実行可能な所有者ではありません
report-runs-here = 実行中
report-matrix = どのノードがどの仮想マシンをライセンス認証できるか
report-matrix-help = 行が仮想マシン、列がノードです。✓ はノードが仮想マシンをライセンス認証できること、日付つきの「まで」はノードのライセンスが失効するまでライセンス認証できること、✗ はライセンス認証できないこと (理由は印の下)、— は仮想マシンがそのノードで実行されないことを示します。
report-no-vms = 収集データに仮想マシンがありません。
report-timeline = タイムライン: ライセンス認証、失敗、ライセンスの有効期限切れ
report-now = 現在
report-legend-activated = ライセンス認証 (12309/12310)
report-legend-failed = ライセンス認証の失敗
report-legend-lapse = ライセンスの期限切れ
report-tl-activated = { $vm } が { $host } により { $time } にライセンス認証されました
report-tl-failed = { $vm } は { $host } で { $time } にライセンス認証に失敗しました ({ $outcome })
report-tl-lapse = { $node } のライセンスは { $date } に有効期限が切れます
report-tl-last-ok = 最後のライセンス認証
report-tl-last-failed = 最後の試行は失敗
report-findings = 検出結果
report-no-evidence-findings = インベントリだけが指定されました。検出結果には収集データそのものが必要です。
report-facts = マシンごとに収集した事実
report-col-fact = 事実
report-col-value = 値
report-events = イベント
report-events-n = ライセンスと AVMA のイベント { $n } 件
diag-pending-after-move = { $guest } は { $to } へ移動しました ({ $when }。最後の AVMA ライセンス認証は { $last })。まだライセンス認証されていませんが、AVMA の失敗コードはありません。移動後のライセンス認証が保留中であり、失敗ではありません。AVMA は少し遅れて新しいホストでライセンス認証します (UNVERIFIED: 遅延の長さは文書化されていません。{ $hours } 時間以内の移動を最近とみなします)。今すぐ実行するには、ゲスト内で修正のコマンドを実行してください。
fact-license-status = ライセンスの状態 { $status }
fact-moved = 役割が { $from } から { $to } へ移動 ({ $when })
fact-avma-host-owner = 最後のライセンス認証は { $avma }、現在の所有者は { $owner }

## lead
# Why a value was left out of a cmd.exe command (shell.rs RefuseReason::CmdMeta).
cmd-metacharacter = cmd.exe が引用符の中で扱えない文字 (", %, ! または ^)
## judge
plan-reason-fact = { $fact }
plan-azure-edition-off-azure = { $guest } は { $host } ではライセンス認証できません。{ $fact }
diag-azure-edition-off-azure = { $guest } は Datacenter: Azure Edition ですが、ホスト { $host } は Azure Local ではないため、そこではライセンス認証できません。
diag-host-lapsing = { $host } のライセンス認証はあと { $days } 日で期限切れになります (チャネル { $channel })。それ以降、このホストのゲストは AVMA によるライセンス認証を失います。
diag-not-activated-because = ライセンス認証されていません ({ $status }、{ $codes })。これが原因です。
diag-refused-value = { $what ->
        [vm-name] 仮想マシン名
        [vm-role-name] 仮想マシンの役割名
        [node-name] ノード名
        [product-key] プロダクト キー
       *[other] 値
    }に{ $reason ->
        [line-break] 改行
        [control-character] 制御文字
        [bidi-control] 双方向制御文字
       *[other] cmd.exe が引用符の中で扱えない文字 (", %, ! または ^)
    } ({ $char }) が含まれているため、コマンドに安全に入れられません。コマンドには代わりにプレースホルダーを示します。
diag-skipped-gate = { $machine } では、{ $gate } が以降のゲストのチェックを止めるため、それらのチェックを実行していません。
help-heading-usage = 使い方
help-heading-commands = コマンド
help-heading-options = オプション
help-heading-arguments = 引数
help-flag-help = ヘルプを表示します
help-flag-version = バージョンを表示します
help-format = 出力形式。
help-avma = Hyper-V ゲストの仮想マシンの自動ライセンス認証 (AVMA) を計画、検査、確認します
help-avma-long =
    avma は、公開されているすべての AVMA キーと KMS クライアント セットアップ キー、および AVMA のルール (それぞれの出典付き) を知っており、ホストとゲストの正確な手順を計画し、実行前の手順書を検査します。収集したテキストを読むだけで、クラスター上で実行する必要はありません。

    終了コード: 0 は問題なし、1 は重大度「エラー」の検出結果あり (または実現できないプラン)、2 は使い方または入力のエラー。
help-avma-after = このツールの元になった手順を見るには、`avma demo` を実行してください。
help-avma-lang = 出力の言語 (既定: LC_ALL、LC_MESSAGES、LANG から判断)。
help-avma-color = テキスト出力に色を付けるタイミング (パイプ出力時や NO_COLOR 設定時は、`always` 以外では色なし)。
help-keys = 公開されている AVMA キーと KMS クライアント セットアップ キーを出典付きで一覧表示します。
help-keys-os = この Windows Server バージョンのキーだけ (例: 2019、"2012 R2"、1809)。
help-keys-edition = このエディションのキーだけ (Standard、Datacenter、"Azure Edition"、Essentials または EditionID)。
help-keys-kind = AVMA キーだけ、または KMS クライアント セットアップ キー (GVLK) だけ。
help-keys-format = { help-format }
help-matrix = どのバージョンとエディションのホストがどのゲストをライセンス認証できるかを表示します。
help-matrix-format = { help-format }
help-explain = プロダクト キー、エラー コード、イベント ID、EditionID、バージョン、ルールを説明します。
help-explain-topic = プロダクト キー (全体、または末尾 5 文字)、HRESULT (0xC004FD02、C004FD02、-1073414910)、DISM のエラー番号、イベント ID (12309)、EditionID、バージョン、ルールのコードまたは名前。
help-explain-os = キーの場合は、このバージョンに合う、同じ種類とエディションのキーも示します。
help-explain-format = { help-format }
help-plan = ホスト上のゲストを AVMA でライセンス認証するための正確な手順を計画します。
help-plan-guest = ゲストのバージョンとエディション。例: "2019 Standard"、"Windows Server 2019 Standard Evaluation"、"2022 std eval core"、またはバージョン付きの EditionID。
help-plan-want = ゲストの最終的なエディション (例: Datacenter)。現在のエディションと異なる場合に指定します。
help-plan-host = Hyper-V ホストのバージョンとエディション。例: "2022 Datacenter"、"WS2022 DC"。
help-plan-host-activated = ホストがライセンス認証済みかどうか (既定は不明で、プランの最初に確認します)。
help-plan-domain-controller = ゲストが Active Directory のドメイン コントローラーです。
help-plan-format = 出力形式: text、json、md、html、ps1 (PowerShell 5.1 スクリプト)、cmd (バッチ ファイル。日本語では CP932)。
help-plan-output = 標準出力の代わりに FILE に書き込みます。ps1 スクリプトは UTF-8 の BOM 付きで書き込むため、Windows PowerShell 5.1 でも日本語が正しく読まれます。
help-lint = 手順書、スクリプト、ブログの文章、チャットのログから、誤ったキーや実行できない手順を検出します。
help-lint-files = 検査するファイル。`-` は標準入力を読みます。
help-lint-os = テキストの対象の Windows Server バージョン (省略時はテキストから推定)。
help-lint-edition = テキストの対象のエディション (例: "Standard"、"ServerStandardEval")。
help-lint-format = { help-format }
help-evidence = 収集データ (slmgr、DISM、PowerShell/CIM、イベント XML、.evtx) を読み、各マシンについて読み取った内容を、それぞれの情報がどこにあったかとともに表示します。
help-evidence-host = Hyper-V ホストの収集データ。フォルダー (1 台のマシン。フォルダーを含むフォルダーは 1 フォルダー 1 台) またはファイル。
help-evidence-guest = ゲストの仮想マシンの収集データ。フォルダー (1 台のマシン。フォルダーを含むフォルダーは 1 フォルダー 1 台) またはファイル。
help-evidence-paths = 役割を avma が推定する収集データ (12310 イベント、Hyper-V やクラスターのコマンドレットの出力、クラスター ノードはホスト、AVMA の製品、12309 イベント、ホストが一覧表示する仮想マシンはゲスト)。
help-evidence-format = { help-format }
help-diagnose = 収集データから根本原因を特定し、その根拠となる事実と修正方法を示します。
help-diagnose-host = { help-evidence-host }
help-diagnose-guest = { help-evidence-guest }
help-diagnose-paths = { help-evidence-paths }
help-diagnose-warn-days = ホストのライセンスの期限がこの日数以内に切れる場合に報告します (7 日以内はエラー)。
help-diagnose-format = { help-format }
help-inventory = 収集データのフォルダーとコマンドレットのエクスポートから、クラスターのインベントリ (JSON) を作成します。
help-inventory-host = { help-evidence-host }
help-inventory-guest = { help-evidence-guest }
help-inventory-paths = { help-evidence-paths }
help-inventory-cluster = インベントリに記録するクラスターの名前。
help-audit = すべての仮想マシンを、実行可能なすべてのノードに対して監査します。どこにフェールオーバーすると、いつから失敗するか、その修正方法。
help-audit-paths = インベントリ ファイル (avma.inventory/1 の JSON)、または収集データのフォルダーとファイル。
help-audit-warn-days = ノードのライセンスの期限がこの日数以内に切れる場合、その日からそのノードの仮想マシンを危険とみなします。
help-audit-format = { help-format }
help-ledger = AVMA のライセンス認証台帳 (どの仮想マシンが、どのホストから、いつ、どの結果でライセンス認証されたか) を表示します。
help-ledger-paths = ノードとゲストの収集データのフォルダーとファイル。
help-ledger-validity-days = AVMA のライセンス認証が有効とみなす日数 (文書化されていません。7 はコミュニティで言われる値です)。
help-ledger-format = { help-format }
help-simulate = 仮定のシナリオ (フェールオーバー、ノードの停止、ライセンスの期限切れ、アップグレード) を 1 日ずつ実行します。
help-simulate-scenario = シナリオ (TOML)。ノード、仮想マシン、日時付きのイベント。docs/simulate.md を参照してください。
help-simulate-days = 実行する日数 (シナリオの `days` より優先)。
help-simulate-write-evidence = 最後にクラスターが生成するはずの収集データをこのフォルダーに書き込みます (1 台につき 1 フォルダー)。
help-simulate-evtx = イベント ログを XML ではなく .evtx で書き込みます (`evtx` 機能付きのビルドが必要)。
help-simulate-format = { help-format }
help-rules = avma が報告するすべてのルールを、コード、名前、重大度とともに一覧表示します。
help-rules-format = { help-format }
help-rules-write-docs = ルールごとに 1 つの Markdown ページをこのフォルダーに書き込みます (docs/rules の作り方)。
help-collect = avma が読む収集データを 1 台のマシンで集める、読み取り専用の PowerShell スクリプトを表示します (すべてのクラスター ノードとすべてのゲストで実行します)。
help-collect-output = 標準出力の代わりに FILE にスクリプトを書き込みます (Windows PowerShell 5.1 のため UTF-8 の BOM 付き)。
help-demo = このツールの元になった手順を avma で再現します。検索、プラン、手順書の検査。
help-completions = シェルの補完スクリプトを表示します。
help-completions-shell = 補完の対象のシェル。
help-man = man ページ (roff) を表示します。
help-possible-values = 指定できる値: { $values }
help-default-value = 既定値: { $value }
matrix-cell-yes = 可
matrix-cell-unverified = 可?
value-yes = はい
value-no = いいえ
value-enabled = 有効
value-disabled = 無効
value-data-exchange = データ交換
value-build = (ビルド { $build })
value-minutes-days = { $minutes } 分 ({ $days } 日)
## lead
# Why a value was left out of a cmd.exe command (shell.rs RefuseReason::CmdMeta).
help-report = 1 つまたは複数のクラスターの、単独で開ける HTML レポート: 概要、ライセンスの残り日数付きのノード、仮想マシン × ノードの表、タイムライン、検出結果と対処方法、マシンごとの情報。
help-report-paths = 収集データのフォルダー (マシンのフォルダーを含むフォルダーは 1 クラスター、さらにそれを含むフォルダーは複数クラスター)、コマンドレットのエクスポート、インベントリ (avma.inventory/1 の JSON)。
help-report-output = レポートを FILE に書き込みます (形式は拡張子に従います: .html、.md、.txt)。
help-report-format = 形式 (既定: ファイルの拡張子から判断し、なければ html)。
help-report-warn-days = ノードのライセンスの期限がこの日数以内に切れる場合は警告です。
help-report-crit-days = ノードのライセンスの期限がこの日数以内に切れる場合は重大です。
help-report-now = 時計の代わりにこの時刻で判断します (RFC 3339。例: 2026-12-01T09:00:00Z)。レポートを再現できます。
help-check = 監視用のチェック (Nagios、Icinga、Monitoring Plugins、Checkmk、Prometheus)。状態を示す 1 行、パフォーマンス データ、終了コード 0 OK、1 WARNING、2 CRITICAL、3 UNKNOWN。
help-check-paths = 1 つまたは複数のクラスターの収集データのフォルダー、コマンドレットのエクスポート、インベントリ (`report` と同じ)。
help-check-warn-days = ノードのライセンスの期限がこの日数以内に切れる場合は WARNING。
help-check-crit-days = ノードのライセンスの期限がこの日数以内に切れる (または切れた) 場合は CRITICAL。
help-check-max-age = この時間数より古い収集データは古すぎるとみなし、WARNING にします (OK にはしません)。
help-check-format = { help-format }
help-check-output = 標準出力の代わりに FILE に書き込みます (テキスト ファイル コレクター用に、全体を書き込んでから名前を変更して配置します)。
help-check-now = 時計の代わりにこの時刻で判断します (RFC 3339)。
lint-same-use-repeated = { $key } はここまでにさらに { $n } 行で同じように使われています。上の指摘はそれらの行にも当てはまります。
lint-client-key = { $key } は { $what } で、Windows クライアントのキーです。Windows Server のキーではないため、{ $target } には使えません。{ $fits }

## collect
bundle-not-zip = 名前は zip アーカイブですが、zip ではありません (PK で始まっていません)。読み取りません
bundle-too-many = エントリが { $count } 個あり、収集バンドルの上限 { $limit } 個を超えています。読み取りません (zip 爆弾の可能性があります)
bundle-too-big = エントリ { $entry } は展開すると { $size } バイトになり、1 ファイルの上限 { $limit } バイトを超えています。バンドルを読み取りません (zip 爆弾の可能性があります)
bundle-total = エントリの展開後の合計が { $size } バイトになり、バンドルの上限 { $limit } バイトを超えています。読み取りません (zip 爆弾の可能性があります)
bundle-ratio = エントリ { $entry } は圧縮サイズの { $ratio } 倍に展開されます (上限 { $limit } 倍)。バンドルを読み取りません (zip 爆弾の可能性があります)
bundle-lying = エントリ { $entry } にはヘッダーの宣言より多いデータがあります。バンドルを読み取りません (zip 爆弾の可能性があります)
bundle-unsafe-name = エントリ { $entry } は、パスがバンドルの外を指しているため (..、絶対パスまたはドライブ パス)、無視しました。
bundle-symlink = エントリ { $entry } は、シンボリック リンクのため無視しました。
bundle-encrypted = エントリ { $entry } は、暗号化されているため無視しました。
bundle-entry-unreadable = エントリ { $entry } を読み取れませんでした (「{ $detail }」)。ほかのエントリは使用します。
collect2-synopsis = avma が読み取る収集データを、このコンピューターまたはフェールオーバー クラスター全体から 1 つの zip に収集します。読み取り専用で、何も変更しません。
collect2-description =
    管理者として Windows PowerShell 5.1 で実行します: powershell -ExecutionPolicy Bypass -File .\collect.ps1
    ほかのコンピューターからコピーしたスクリプトは Windows にブロックされることがあります。先に Unblock-File .\collect.ps1 を実行してください。
    読み取るだけで、書き込むのはプロファイルの下のフォルダー 1 つと zip 1 つ (avma-bundle-COMPUTER-TIME.zip) です。
    Windows フォルダーの下には書き込みません。最後に zip のパスを表示します。各手順は manifest.json に記録されます
    (コマンド、状態、所要時間、エラー)。失敗した手順は記録され、残りの手順は続行されます。
    その後、任意のコンピューターで: avma diagnose bundle.zip、avma audit bundle.zip
collect2-reads =
    読み取るもの: ライセンス (CIM の SoftwareLicensingProduct と SoftwareLicensingService。プロダクト キーは末尾 5 文字のみ)、
    エディションとビルド (レジストリ、DISM /English)、sppsvc と vmickvpexchange サービス、過去 -Days 日間のライセンス、
    AVMA、データ交換のイベントとフェールオーバー、移行のイベント (コンピューター上で絞り込み)。ホストでは仮想マシン、
    データ交換の状態、KVP の組み込み交換項目から見た各ゲストの OS、クラスターのノード、グループ、実行可能な所有者と優先所有者。
    ゲストでは KVP のレジストリ値 (HKLM\SOFTWARE\Microsoft\Virtual Machine\Guest\Parameters)。
collect2-param-scope = node: このコンピューター。cluster: このフェールオーバー クラスターのすべてのノード (PowerShell リモート処理)。guest: ゲスト仮想マシンとしてのこのコンピューター。
collect2-param-outdir = バンドルの保存先 (既定: プロファイル。Windows フォルダーの下は使用しません)。
collect2-param-days = 読み取るイベントの日数 (既定 30)。
collect2-param-credential = ほかのクラスター ノードに接続するアカウント (既定: 実行中のユーザー)。
collect2-param-guestcredential = ゲスト内のアカウント。指定すると、実行中の各ゲストも PowerShell Direct で収集します。指定しない場合、-Scope guest で実行すべきゲストをマニフェストに記載します。
collect2-example = powershell -ExecutionPolicy Bypass -File .\collect.ps1 -Scope cluster -GuestCredential (Get-Credential)
collect2-c-messages = スクリプトの実行中に表示するメッセージ。
collect2-c-machine = 1 台のコンピューターで読み取るもの (ローカル、リモート処理、またはゲスト内)。各手順の所要時間と結果を記録します。
collect2-c-identity = 名前、ビルド、エディション (レジストリ、Get-ComputerInfo、DISM /English)、DISM で変換できるエディション。
collect2-c-licensing = AVMA の情報を含むライセンス (プロダクト キーは末尾 5 文字のみ)、ライセンス サービス、AVMA に必要なサービス。
collect2-c-kvp-guest = ゲストの場合: ホストから渡された KVP の値 (仮想マシンの ID と名前、ホスト)。
collect2-c-events = 過去 -Days 日間のイベント。カタログのイベント ID とプロバイダーでコンピューター上で絞り込みます。存在しないログは記録します。
collect2-c-hyperv = Hyper-V ホストの場合: 仮想マシン (VMId を含む) と統合サービス (データ交換)。
collect2-c-kvp-host = ホストから見た各ゲストの OS: KVP の組み込み交換項目 (OSName、OSVersion、OSBuildNumber、OSEditionId、ProductType、FullyQualifiedDomainName)。
collect2-c-cluster = フェールオーバー クラスターのノード 1 台で: ノード、グループ、実行可能な所有者 (仮想マシン リソース) と優先所有者 (仮想マシン グループ)。
collect2-c-out = バンドルとして、コンピューターごとのフォルダーと manifest.json を、プロファイルの下に zip で保存します。
collect2-m-windows-dir = { $dir } は Windows フォルダーの下にあるため、代わりに { $instead } に保存します。
collect2-m-machine = avma: { $machine } を収集しています ({ $via })...
collect2-m-unreached = { $machine } を収集できませんでした ({ $error })。マニフェストに記録しました。
collect2-m-step-failed = { $machine } で { $step } が失敗しました: { $error }
collect2-m-no-cluster = このコンピューターはフェールオーバー クラスターのノードではありません ({ $error })。このコンピューターのみ収集します。
collect2-m-guests-todo = 収集していないゲスト (-GuestCredential を指定するか、各ゲストで -Scope guest を付けて実行してください): { $guests }
collect2-m-zip-failed = Compress-Archive が失敗しました ({ $error })。同じ収集データがフォルダーにあります。
collect2-m-folder = avma: 収集データのフォルダー: { $dir }
collect2-m-done = avma: バンドルを書き込みました: { $zip }
collect2-m-next = 次に、avma のある任意のコンピューターで: avma diagnose "{ $zip }"   avma audit "{ $zip }"
help-avma-at = 収集データ自身の時刻 (収集時刻、なければ最新のイベントまたはファイル) の代わりに、この日付 (YYYY-MM-DD、UTC の 0 時) または RFC 3339 の時刻の時点で判定します。
help-collect-scope = スクリプトが既定で収集する範囲です。node (このマシン)、cluster (このマシンのフェールオーバー クラスターのすべてのノードを PowerShell リモート処理で収集)、guest (このマシンをゲストとして収集)。実行時に -Scope パラメーターで変更できます。
help-collect-days = スクリプトが既定で読み取るイベントの日数です (-Days パラメーター)。
help-collect-after =
    実行方法 (クラスター ノードの管理者特権の Windows PowerShell で実行します):

      avma collect --scope cluster -o collect.ps1
      powershell -ExecutionPolicy Bypass -File .\collect.ps1

    別のマシンからコピーしたスクリプトはブロックされることがあります。その場合は先に `Unblock-File .\collect.ps1` を実行してください。-Credential PSCREDENTIAL を指定すると別のユーザーとして他のノードに接続します。-GuestCredential PSCREDENTIAL を指定すると、実行中の各ゲストにも PowerShell Direct で接続します。-Days N (既定値 30) はイベントをさかのぼる日数、-OutDir DIR は収集データの保存先です (Windows フォルダーの下には保存しません)。

    読み取る内容: ライセンス (CIM の SoftwareLicensingProduct と SoftwareLicensingService。プロダクト キーは末尾 5 文字のみで、完全なキーは読みません)、エディションとビルド (レジストリ、DISM /English)、サービス、過去 N 日間のライセンス、AVMA、データ交換、フェールオーバー、移行のイベント (各マシン上で絞り込み)。ホストでは仮想マシン、そのデータ交換の状態、ホストから見た各ゲストの OS (KVP の組み込み交換項目)、クラスターのノード、グループ、実行可能な所有者と優先所有者。ゲストでは KVP レジストリの値。

    システムは一切変更しません。読み取りのみを行い、プロファイルの下に 1 つのフォルダーと 1 つの zip (avma-bundle-<COMPUTER>-<time>.zip。最後にパスを表示します) を書き込みます。分析はどこでも実行できます (`avma diagnose bundle.zip`、`avma audit bundle.zip`)。

## damaged
lint-damaged-key = "{ $text }" は { $key } ({ $what }) が崩れたものと思われます。出典から入力し直してください。
lint-damaged-key-more = 公開キーの崩れたコピーがさらに { $n } 個見つかりました。最初の { $kept } 個だけを表示しています。

## i18n
# The heading of a language's section in docs/rules/*.md, in that language.
rules-doc-language = 日本語
rules-doc-detects = 検出する内容
rules-doc-why = ライセンス認証に失敗する理由
rules-doc-evidence = 根拠
rules-doc-fix = 対処方法
arg-client-kms-key = { $product } の KMS クライアント セットアップ キー
arg-avma-key-of = { $version } { $family } の AVMA キー
arg-kms-key-of = { $version } { $family } の KMS クライアント セットアップ キー
arg-key-described = { $key } ({ $description })
arg-no-published-key = 公開されているキーはありません
arg-no-error-code = エラー コードは確認されていません
diag-code-sku-eval = { $code } (キーがこの SKU に合いません。このマシンは評価版で、AVMA キーや製品版のキーを受け付けません。先に DISM /Set-Edition で変換してください)
diag-code-sku-not-eval = { $code } (キーがこの SKU に合いません。{ $edition } は評価版ではないため、キーはインストールされているものとは別のエディションまたはバージョンのものです)
diag-code-sku-unknown = { $code } (キーがこの SKU に合いません。インストールされているものとは別のエディションまたはバージョンのキーか、評価版の場合は、変換するまで AVMA キーや製品版のキーを受け付けないためです)
# clap's usage errors, rebuilt from their kind and context (help.rs render_error).
clap-error = エラー: { $message }
clap-unknown-argument = 予期しない引数 '{ $arg }' が指定されました。
clap-invalid-subcommand = サブコマンド '{ $subcommand }' は認識されません。
clap-value-required = '{ $arg }' には値が必要ですが、指定されていません。
clap-invalid-value = '{ $arg }' の値 '{ $value }' は無効です。
clap-no-equals = '{ $arg }' に値を指定するには等号 (=) が必要です。
clap-too-many-values = '{ $arg }' の値 '{ $value }' は余分です。これ以上の値は指定できません。
clap-too-few-values = '{ $arg }' には { $min } 個の値が必要ですが、{ $actual } 個しか指定されていません。
clap-wrong-number-of-values = '{ $arg }' には { $expected } 個の値が必要ですが、{ $actual } 個指定されています。
clap-missing-required = 次の必須の引数が指定されていません。
clap-missing-subcommand = '{ $command }' にはサブコマンドが必要ですが、指定されていません。
clap-possible-values = 指定できる値: { $values }
clap-subcommands = サブコマンド: { $values }
clap-argument-repeated = 引数 '{ $arg }' は 2 回以上指定できません。
clap-argument-conflict = 引数 '{ $arg }' は '{ $other }' と同時に指定できません。
clap-argument-conflict-others = 引数 '{ $arg }' は、指定された他の引数と同時に指定できません。
clap-invalid-utf8 = 引数に UTF-8 として無効な文字が含まれています。
clap-other = コマンド ラインを解釈できませんでした。
clap-tip-similar-subcommand = ヒント: 似た名前のサブコマンド '{ $names }' があります。
clap-tip-similar-argument = ヒント: 似た名前の引数 '{ $names }' があります。
clap-tip-similar-value = ヒント: 似た値 '{ $names }' があります。
clap-tip-double-dash = ヒント: '{ $arg }' を値として渡すには、'-- { $arg }' と指定してください。
clap-try-help = 詳しくは '{ $flag }' を指定して実行してください。
# A value quoted as the tool printed it (slmgr /xpr's sentence), in its own language.
value-as-read = 「{ $text }」
# The names of command placeholders (`<the node's Datacenter key>`), by their English name
# (avma_i18n::placeholder_id): the English text must stay the name itself.
placeholder-the-node-s-datacenter-key = ノードの Datacenter プロダクト キー
placeholder-the-host-s-datacenter-key = ホストの Datacenter プロダクト キー
placeholder-your-datacenter-key = お使いの Datacenter プロダクト キー
placeholder-a-kms-client-mak-or-retail-key-of-this-version = このバージョンの KMS クライアント セットアップ キー、MAK、またはリテール キー
placeholder-vm-name = 仮想マシン名
placeholder-vm-role-name = 仮想マシンの役割名
placeholder-node-name = ノード名
placeholder-product-key = プロダクト キー
placeholder-key = プロダクト キー
placeholder-name = 名前
placeholder-value = 値
placeholder-your-domain = お使いのドメイン
placeholder-new-dc = 新しいドメイン コントローラー

## judge
fact-evidence-dated = 収集データの時刻 { $time } ({ $source ->
    [collected] 収集スクリプトが記録した収集時刻
    [event] 収集データ内で最新のイベントの時刻
   *[other] 収集ファイルの最終更新日時
})
diag-host-expiring-on = { $host } のライセンス認証は { $date } ({ $days } 日後) に期限切れになります (チャネル { $channel })。期限が切れるとゲストをライセンス認証できなくなり、このノード上の仮想マシンと、このノードにフェールオーバーするすべての仮想マシンがライセンス認証を失います。
diag-host-lapsing-on = { $host } のライセンス認証は { $date } (あと { $days } 日) に期限切れになります (チャネル { $channel })。それ以降、このホストのゲストは AVMA によるライセンス認証を失います。
diag-guest-fails-with-host = { $guest } はライセンス認証されていません (状態 { $status }、{ $codes })。このホストがライセンス認証されていないためです。先にホストをライセンス認証してください。
## loop
simulate-move-delay = 移動 (フェールオーバー、ノードの停止) の後、ゲストは通知モードになり、{ $minutes } 分後に新しいホストで AVMA によりライセンス認証されます。これは仮定です (未検証)。⋯ はその待ち状態のゲストを示します。
sim-outcome-activated = ライセンス認証済み
sim-outcome-moved = 仮想マシンの役割がこのノードへ移動しました
sim-outcome-guest-not-supported = AVMA でサポートされていないゲストです (コードは推定)
sim-outcome-evaluation = 評価版のエディションです。AVMA キーはインストールされていません
sim-outcome-kms-key = KMS クライアント セットアップ キーです。AVMA の要求はありません
sim-outcome-wrong-key = 別のバージョンまたはエディションのキーです (コードは推定)
sim-outcome-no-key = プロダクト キーがありません
sim-outcome-data-exchange-off = データ交換が無効です (コードは推定)
sim-outcome-host-not-datacenter = ホストが Datacenter ではありません (コードは推定)
sim-outcome-host-not-activated = ホストがライセンス認証されていません
sim-outcome-host-too-old = ホストがゲストより古いバージョンです (コードは推定)
sim-outcome-azure-edition-off-azure = Azure Local 以外で実行されている Azure Edition のゲストです (コードは推定)
sim-outcome-on-azure = Azure ではサポートされません
## captures
reader-xml-unclosed = XML がタグ、コメントまたは CDATA セクションの途中で終わっています (バイト { $byte })。それより前のイベントは読み取りました
reader-xml-end-tag = XML の終了タグが開始タグと一致しません (バイト { $byte })。それより前のイベントは読み取りました
reader-xml-markup = XML を解析できません (バイト { $byte })。それより前のイベントは読み取りました
reader-xml-event-not-closed = バイト { $byte } で始まる <Event> が閉じられていません。それより前のイベントは読み取りました
reader-no-event = <Event> が見つかりません
reader-json-eof = 有効な JSON ではありません。JSON の途中 ({ $line } 行 { $column } 列) でテキストが終わっています
reader-json-syntax = 有効な JSON ではありません。{ $line } 行 { $column } 列に構文エラーがあります
reader-json-not-objects = JSON がオブジェクトでもオブジェクトの一覧でもありません
reader-object-unknown = プロパティ { $properties } を持つオブジェクトは、avma が読み取る種類ではありません
reader-dism-nothing = DISM のエディション、バージョン、エラーのいずれも見つかりません
reader-slmgr-nothing = slmgr の製品、プロダクト キー、エラーのいずれも見つかりません
reader-not-recognized = slmgr、DISM、PowerShell (JSON、Format-List、Format-Table)、イベント (XML、JSON、イベント ビューアーのテキスト) のいずれの出力とも認識できません
evidence-xpr-avma = 自動仮想マシン ライセンス認証の有効期限は { $when } です
evidence-xpr-volume = ボリューム ライセンス認証の有効期限は { $when } です
evidence-xpr-timebased = 期間限定のライセンス認証の有効期限は { $when } です
evidence-xpr-permanent = 永続的にライセンス認証されています
evidence-xpr-initial-grace = 初期猶予期間の終了は { $when } です
evidence-xpr-additional-grace = 追加の猶予期間の終了は { $when } です
evidence-xpr-non-genuine-grace = 非正規品の猶予期間の終了は { $when } です
evidence-xpr-extended-grace = 延長猶予期間の終了は { $when } です
evidence-xpr-notification = 通知モード { $when }
evidence-xpr-unlicensed = ライセンスされていません { $when }
evidence-version-implied = { $versions } { $family } ({ $kind } { $key } からの推定。ビルドや OS 名より弱い根拠です)

## render-a
keys-title = 公開キー
keys-title-os = { $version } の公開キー
keys-title-client = Windows クライアントのキー (Windows 10/11 の KMS クライアント セットアップ キー)
keys-title-client-os = { $version } と同時期の Windows クライアントのキー
keys-client-era = Windows 10/11 (Windows Server { $versions } と同時期)
rules-title = ルール
rules-footer = ルールごとの説明は docs/rules (名前.md) にあります。`avma explain コード` で 1 つのルールを表示できます。
plan-commands-cmd = コマンド プロンプト (cmd)
plan-commands-ps = Windows PowerShell
lint-title = { $files } 個のファイルの検査結果 (エラー { $errors } 件、警告 { $warnings } 件、情報 { $infos } 件)
lint-files = 読み取ったファイル
demo-title = 元の手順を avma で読み解く
help-keys-family = Windows Server のキー (サーバーの --os を指定したときの既定)、Windows クライアントのキー (--os "Windows 10" または "Windows 11" のときの既定)、またはすべて (--os を指定しないときの既定)。
help-demo-format = { help-format }

## render-b
evidence-title = 収集データ (マシン { $machines } 台、入力 { $inputs } 件、うち読み取り可能 { $readable } 件)
inventory-title = クラスター { $cluster } のインベントリ (ノード { $nodes } 台、仮想マシン { $vms } 台)
inventory-vms = 仮想マシン
col-item = 項目
col-value-evidence = 値 [根拠]
col-machine = マシン
col-fact = 事実
col-state = 状態
col-preferred-owners = 優先所有者
col-data-exchange = データ交換
col-event = イベント
col-vm-host = 仮想マシン → ホスト
col-note = 備考
help-inventory-format = 出力形式。json は avma audit が読むインベントリ ファイル (avma.inventory/1)、text、md、html は同じノードと仮想マシンを人が読む形で表示します。
audit-more-commands = … ほか { $n } 個のコマンドがあります (すべて表示するには --format json を指定してください)。
audit-fleet-title = クラスター { $clusters } 個の監査

## fix-asof
asof-doubt-future = 収集データの時刻 { $time } ({ $from }) は、このコンピューターの時計 ({ $clock }) より未来です。この時刻は使わず、収集データが示す次の時刻の時点で判断しました。
asof-doubt-future-inventory = インベントリの収集時刻 { $time } は、このコンピューターの時計 ({ $clock }) より未来です。この時刻は使いませんでした。
asof-doubt-contradicts = 収集時刻 { $collected } ({ $from }) は、最新のイベント ({ $event }) より 1 日以上前です。どちらかの時計が誤っています。以下の日付をイベントと照らし合わせてください。
check-node-lapses-from-now = { $node } のライセンスは今から { $days } 日後に有効期限が切れます
report-lapses-in-from-today = 今日からあと { $days } 日 ({ $date })
report-stat-next-lapse-from-today = 次のライセンス失効 (今日から)
report-stat-next-lapse-of-from-today = 次のライセンス失効 ({ $node }、今日から)
report-countdowns = 残り日数の基準
report-countdowns-basis = 概要、ノードの表、avma check は監視と同じく今日から数えます。検出結果は収集データの時点 (上記の時刻) から数えます。日付はどちらも同じです。
evidence-is-inventory = avma のインベントリであり、収集データではありません。avma audit で監査してください。読み取りませんでした
audit-owners-able = 仮想マシン自体の問題を解決すれば { $n } 台のノードで ✓
## fix-ja
reader-json-too-deep = 入れ子が 128 階層より深い JSON です ({ $line } 行 { $column } 列)。読み取りません
plan-reason-host-datacenter-only = ホストは { $host } で、AVMA に必要な Datacenter エディションです (Hyper-V の役割が必要)。
plan-reason-host-channel = ホストのライセンスのチャネル (OEM、製品版、ボリューム ライセンス) は関係ありません。OEM とボリューム ライセンスは公式の資料に、KMS と製品版は Microsoft サポート ブログと Azure Local FAQ に基づきます。
explain-event-head-log = イベント { $id } ({ $log } ログ)
rule-label = { $summary } ({ $code } { $name })
list-separator = 、
check-clause-separator = 。

## ja-rest
help-help = このメッセージ、または指定したサブコマンドのヘルプを表示します。
help-help-command = ヘルプを表示するコマンドです。
input-empty-file = 空のファイルです。
input-binary = テキストの収集データでも .evtx ファイルでもないため (バイト オフセット { $offset } にバイナリ データがあります)、読み取りませんでした。
input-read-up-to-there = 読み取り中に問題があったため (「{ $detail }」)、その位置まで読み取りました。
input-too-large-text = { $size } バイトあり、収集したコマンドの出力としては大きすぎるため (上限 { $limit } バイト)、読み取りませんでした。
sim-item-event = イベント { $n } ({ $day } 日目、{ $kind })
sim-vm-owner-not-node = 仮想マシン { $vm } の所有者「{ $owner }」は、シナリオのノードではありません。
sim-vm-possible-owner-not-node = 仮想マシン { $vm } の実行可能な所有者「{ $owner }」は、シナリオのノードではありません。
sim-event-unknown-kind = イベント { $n } ({ $day } 日目) の種類「{ $kind }」は不明です (指定できる種類は「{ $known }」です)。
sim-event-vm-unknown = { $item } の仮想マシン「{ $vm }」は、シナリオの仮想マシンではありません。
sim-event-node-unknown = { $item } のノード「{ $node }」は、シナリオのノードではありません。
sim-event-to-unknown = { $item } の移動先「{ $node }」は、シナリオのノードではありません。
sim-event-day-after-last = { $item } は { $day } 日目で、シミュレーションの最終日 ({ $last } 日目) より後のため、実行しません。
report-days-short = { $n } 日
input-kind = { $kind ->
    [slmgr] slmgr の出力
    [dism] DISM の出力
    [cim-json] PowerShell の JSON
    [format-list] PowerShell の Format-List
    [format-table] PowerShell の Format-Table
    [event-xml] イベントの XML
    [evtx] イベント ログ (.evtx)
    [event-text] イベントのテキスト
    [event-json] イベントの JSON
    [powershell-error] PowerShell のエラー
    [systeminfo] systeminfo の出力
    [csv] CSV
    [markdown-table] ユーザーが入力した Markdown の表
    [wmic] wmic の出力
    [unknown] 不明
   *[other] { $kind }
}
input-language = { $language ->
    [en] 英語
    [ja] 日本語
    [zh] 中国語
    [ko] 韓国語
    [ru] ロシア語
    [de] ドイツ語
    [fr] フランス語
    [es] スペイン語
    [it] イタリア語
    [pt] ポルトガル語
    [nl] オランダ語
    [pl] ポーランド語
    [tr] トルコ語
    [sv] スウェーデン語
    [unknown] 不明
   *[other] { $language }
}
ledger-outcome = { $outcome ->
    [success] 成功
    [moved] 移動
   *[other] { $outcome }
}
node-state = { $state ->
    [Up] 稼働中
    [Down] 停止
    [Paused] 一時停止
    [Joining] 参加中
   *[other] { $state }
}

## i18n-fin
evtx-wrong-magic = EVTX ファイル ヘッダーではありません (バイト オフセット 0 のマジック番号が違います)。チャンクを探して読み取りを続けます。
evtx-cannot-seek = ファイル ヘッダーの後ろへシークできません。
evtx-damaged = { $chunks } 個のチャンクのうち { $bad } 個が破損しています (最初の破損: { $first })。読み取れるレコードは使用します。
evtx-header-only = EVTX ファイル ヘッダー ({ $bytes } バイト) だけでチャンクがないため、レコードはありません。
evtx-header-truncated = EVTX ファイル ヘッダーが途中で切れていて ({ $size } バイト中 { $bytes } バイト)、チャンクもないため、レコードはありません。
evtx-chunk-unreadable = バイト オフセット { $offset } のチャンクは読み取れないため (「{ $detail }」)、スキップしました
evtx-chunk-record-count = バイト オフセット { $offset } のチャンクのヘッダーは { $records } 件のレコードがあるとしていますが、この件数は使用しません
evtx-chunk-checksum = バイト オフセット { $offset } のチャンクのチェックサムが正しくありません
evtx-record-unreadable = バイト オフセット { $offset } のチャンクに読み取れないレコードがあります (「{ $detail }」)
evtx-chunk-unparsable = バイト オフセット { $offset } のチャンクを解析できません (「{ $detail }」)
evtx-chunk-more = { $first } (このチャンクにはほかに { $more } 件あります)
evtx-parser-failed = バイト オフセット { $offset } のチャンクで EVTX パーサーが失敗したため、スキップしました
evtx-joined = { $first }、また { $then }
evtx-chunk-truncated = 途中で切れています (バイト オフセット { $offset } のチャンクは { $size } バイト中 { $got } バイトしかありません)
evtx-zero-filled = バイト オフセット { $offset } の 64 KiB はゼロで埋められているため、スキップしました
evtx-not-a-chunk = バイト オフセット { $offset } の 64 KiB はチャンクではない (マジック番号が違う) ため、スキップしました
sim-start-not-date = start の「{ $value }」は日付 (YYYY-MM-DD) ではありません (「{ $detail }」)。
sim-validity-zero = validity_days の 0 は有効期間として使えません (1 ～ { $max } 日)。{ $playing } 日でシミュレーションします。
sim-validity-too-long = validity_days の { $value } は上限の { $max } を超えています。{ $playing } 日でシミュレーションします。
sim-move-delay-too-long = move_delay_minutes の { $value } は上限の { $max } を超えています。{ $playing } 分でシミュレーションします。
sim-days-too-many = days の { $value } は上限の { $max } を超えています。{ $max } 日間シミュレーションします。
sim-days-past-last-date = { $start } から { $days } 日間、有効期間 { $validity } 日でシミュレーションすると、avma が扱える最後の日付 9999-12-31 を超えます。{ $playing } 日間シミュレーションします。
sim-node-expires-not-date = ノード { $node } の expires の「{ $value }」は日付 (YYYY-MM-DD、0001-01-01 ～ 9999-12-31) ではありません。
sim-node-name-empty = ノードの名前が空です。
sim-vm-name-empty = 仮想マシンの名前が空です。
sim-node-version-unknown = ノード { $name } のバージョン「{ $value }」は不明です。
sim-vm-version-unknown = 仮想マシン { $name } のバージョン「{ $value }」は不明です。
sim-node-edition-unknown = ノード { $name } のエディション「{ $value }」は、avma が認識する EditionID ではありません。
sim-vm-edition-unknown = 仮想マシン { $name } のエディション「{ $value }」は、avma が認識する EditionID ではありません。
sim-key-unknown = 仮想マシン { $vm } のキー「{ $value }」は、avma、kms、none、または avma が認識する公開キーのいずれでもありません。
sim-node-name-duplicate = ノード名 { $name } が { $times } 回指定されています。
sim-vm-name-duplicate = 仮想マシン名 { $name } が { $times } 回指定されています。
sim-event-field-missing = { $item } に { $field } の指定がありません。
sim-event-node-exists = { $item } のノード「{ $node }」は、既にノードとして存在します。
sim-event-version-unknown = { $item } のバージョン「{ $value }」は不明です。
sim-event-edition-unknown = { $item } のエディション「{ $value }」は、avma が認識する EditionID ではありません。
clap-invalid-value-reason = '{ $arg }' の値 '{ $value }' は無効です (「{ $reason }」)。
clap-tip-as-value = ヒント: '{ $arg }' を値として渡すには、'{ $usage }' と指定してください。
clap-tip-exists = ヒント: '{ $what }' があります。
clap-tip-needless-double-dash = ヒント: サブコマンド '{ $subcommand }' があります。使用するには、前にある '--' を削除してください。
clap-tip-other = ヒント: 「{ $tip }」
ledger-source = { $source ->
    [host-12310] ホストのイベント 12310
    [guest-12309] ゲストのイベント 12309
    [guest-properties] ゲストのプロパティ
    [cluster-move] 役割の移動
   *[other] { $source }
}
vm-state = { $state ->
    [Running] 実行中
    [Off] オフ
    [Saved] 保存済み
    [Paused] 一時停止
    [Starting] 開始中
    [Stopping] 停止中
    [Saving] 保存中
    [Pausing] 一時停止中
    [Resuming] 再開中
   *[other] { $state }
}
service-state = { $state ->
    [Running] 実行中
    [Stopped] 停止
    [StartPending] 開始待ち
    [StopPending] 停止待ち
    [Paused] 一時停止
   *[other] { $state }
}
service-start-type = { $start ->
    [Automatic] 自動
    [Manual] 手動
    [Disabled] 無効
    [Boot] ブート
    [System] システム
   *[other] { $start }
}
input-link-dangling = { $target } へのシンボリック リンクをたどれません (「{ $detail }」)。
input-io = 読み取れません (「{ $detail }」)。

## lead
asof-at-out-of-range = { $value } は avma が判定に使える日付の範囲外です。2000-01-01 から 2099-12-31 までの日付を指定してください

## events
ledger-outcome-unknown = 不明 (イベントに結果の記載なし)
ledger-outcome-result = 失敗: { $result }
ledger-outcome-code-result = { $outcome } ({ $result })
diag-avma-request-failed = { $guest } の最後の AVMA 要求は失敗しました。イベント { $id } の結果は { $result } です (ホスト { $host })。その後に成功した記録は収集データにありません。
fact-avma-request-failed = イベント { $id }: { $result } (ホスト { $host })
event-level = { $level ->
    [1] 重大
    [2] エラー
    [3] 警告
    [4] 情報
   *[other] 詳細
}
event-named-host = ホスト { $name }
event-named-guest = ゲスト { $name }
event-time-local = 現地時刻、タイム ゾーンの記載なし
## i18n-2
inventory-schema-other = が "{ $schema }" です。"{ $expected }" のはずです
inventory-bad-time = の "{ $value }" は日時ではありません (2026-12-31T00:00:00Z のような RFC 3339 形式、0001 ～ 9999 年)
inventory-name-empty = が空です
inventory-name-two-nodes = が 2 台のノードで同じです
inventory-name-two-vms = が 2 台の仮想マシンで同じです
inventory-node-version-missing = がないか不明です。AVMA でライセンス認証できるかどうかを判断できません
inventory-node-edition-missing = がありません。AVMA でライセンス認証できるかどうかを判断できません
inventory-edition-unknown = の "{ $edition }" は avma が知っている EditionID ではありません
inventory-license-status-missing = がありません。ノードがライセンス認証されているかどうかは不明です
inventory-license-status-bad = の { $value } は LicenseStatus の値 (0 ～ 6) ではありません
inventory-grace-too-long = の { $value } が { $max } 分 (100 年) を超えています
inventory-vm-version-missing = がないか不明です。どのノードでライセンス認証できるかを判断できません
inventory-not-a-node = の "{ $name }" はインベントリのノードではありません
audit-bad-inventory-at = avma のインベントリとして正しくありません ({ $line } 行 { $column } 列)。読み取りライブラリの説明:「{ $detail }」
audit-inventory-schema-unknown = 不明なスキーマ バージョン { $schema } の avma インベントリです (この avma が読み取るのは { $expected })。読み取りませんでした
reader-object-empty = 空の JSON オブジェクトです。avma が読み取るプロパティがありません
explain-message-english = 「{ $message }」(英語の表示。日本語の Windows では日本語で表示されます)
man-section-name = 名前
man-section-synopsis = 書式
man-section-description = 説明
man-section-options = オプション
man-section-extra = 補足
man-section-version = バージョン
man-section-authors = 作者
simulate-bad-scenario-at = 正しいシナリオではありません ({ $line } 行 { $column } 列)。TOML パーサーの説明:「{ $detail }」
bundle-damaged-why = zip アーカイブが破損しています ({ $reason })。読み取れた { $count } 個のエントリを使用します。
zip-no-eocd = 中央ディレクトリの終端レコードがなく、途中で切れているか zip アーカイブではありません
zip-invalid = zip ライブラリの説明:「{ $detail }」
zip-unsupported = avma が読み取れない zip の機能です (「{ $detail }」)
zip-method = avma が読み取れない圧縮方式 { $method } です
zip-other = zip ライブラリの説明:「{ $detail }」
report-nothing-readable = 指定された入力をどれも読み取れませんでした (それぞれの理由は上に表示)。レポートや監査の対象がありません
collect2-notes = { $collector }。avma { $version } で生成しました。
collect2-m-via-local = ローカル
collect2-m-via-remoting = リモート処理
collect2-m-no-such-log = ログ { $logs } はありません
collect2-m-no-guest-credential = -GuestCredential が指定されていません
collect2-m-dism-exit = dism.exe の終了コード { $code }
collect2-c-known-logs = このコンピューターにあるログを 1 回だけ一覧にします。ログの実際の名前は推測せず、ここで見つけます。
collect2-c-step = 1 つの手順を実行します。出力 (テキスト) はバンドルのファイルになり、失敗は記録するだけで処理は止めません。
collect2-c-export-events = 1 つのログのイベントを、取得元で絞り込んで取得します。このコンピューターにないログは 'missing' として記録します。
collect2-c-result = 深さを明示した CliXml テキストとして返します。リモート処理でも入れ子のオブジェクトがそのまま保たれます。
collect2-c-not-windows = Windows フォルダーの下には保存しません (管理者のプロンプトは System32 で始まるため)。プロファイル、なければスクリプトと同じ場所に保存します。
collect2-c-export = コンピューターごとのファイルをそれぞれのフォルダーに保存します。ホストから入ったゲストのファイルも同様です。
learn-locale = ja-jp
## lint-sem
lint-damaged-key-at = { $column } 桁目の "{ $text }" は { $key } ({ $what }) が崩れたものと思われます。出典から入力し直してください。
lint-damaged-key-diff = { $column } 桁目の "{ $text }" は { $key } ({ $what }) が崩れたものと思われます ({ $diff })。出典から入力し直してください。
lint-damaged-char = { $pos } 文字目が "{ $want }" ではなく "{ $got }"
lint-key-look-alike = { $key } は ASCII の英数字とハイフンではなく { $chars } で書かれています。slmgr や DISM はこれをキーとして読み取れないため、コマンドは失敗します。{ $key } と半角で入力し直してください。
lint-hidden-character = この行には不可視文字または双方向制御文字 { $chars } が含まれています (最初は { $column } 桁目)。ページの表示とコンソールで実行される内容が異なります。文字を削除して行を入力し直してください。
lint-avma-key-on-host = { $key } ({ $what }) を Hyper-V ホストにインストールしています。AVMA キーはゲスト用です。ホストは自身の Datacenter のキーでライセンス認証し、このコマンドはゲストで実行してください。
lint-data-exchange-off = このコマンドは仮想マシン { $vm } のデータ交換 (キー値ペア交換) 統合サービスを無効にします。これがないと AVMA でゲストをライセンス認証できません。有効のままにしてください。
lint-host-standard = 本文は AVMA に Standard エディションのホストを使っています。AVMA でゲストをライセンス認証できるのは、ライセンス認証済みの Datacenter のホストだけです。
lint-guest-not-supported = 本文は { $version } を AVMA でライセンス認証できるゲストに含めていますが、AVMA がライセンス認証できるのは Windows Server 2012 R2 以降のゲストだけです。KMS、MAK、製品版のキーでライセンス認証してください。
lint-target-several = 対象のバージョンが複数あります (最初は { $line } 行目)。各コマンドはそれぞれのセクション、表の行、分岐で判定します
## tables
evidence-key-redacted = キーはインストールされています (収集データでは伏せられています)
evidence-redacted = 収集データでは伏せられています
reader-table-too-wide = { $line } 行目の表には { $count } 個の列があります。最初の { $max } 個の列だけを読み取ります
reader-table-cell-unreadable = { $line } 行目: { $columns }: 値が列の幅を超えており、隣のセルと区別できません。読み取りません
reader-table-cells-unreadable-more = この表では、ほかに { $count } 行に読み取れないセルがあります
reader-table-overflow = この表の { $count } 行が列の幅を超えています (最初は { $first } 行目)。語を途中で切らずに、語単位で読み取りました

## readers-2
reader-xpr-seen-wording = slmgr /xpr のメッセージ「{ $message }」は、公開されている断片で見られた文言で読み取りました。Microsoft の原文とは照合していません (未確認)
reader-several-machines = このファイルには複数のマシン ({ $names }) の出力が含まれているようです
reader-several-machines-unnamed = このファイルには複数のマシンの出力が含まれているようです。どのマシンにも名前は書かれていません
reader-ocr-channel = チャネル { $token } は、文字認識 (OCR) でアルファベットの O が数字の 0 になったトークンから読み取りました

## readers-3
evidence-why-system-model = { $at } のシステム モデルが Hyper-V の仮想マシンです
evidence-status-reason = ライセンスの状態の理由
reader-maybe-several-machines = { $line } 行目より後の出力は、その前の出力とは別の製品またはコンピューターを示しています。このファイルには複数のマシンの出力が含まれているようです。そのため、前後の事実を 1 台のマシンのものとして比較しません
reader-systeminfo-seen-wording = systeminfo の日本語のラベルと値は、収集データで見られた文言で読み取りました。Microsoft の原文とは照合していません (未確認)

## lint-3
lint-host-too-old = { $key } ({ $what }) は、本文が述べるホスト ({ $host_line } 行目: { $host }) より新しいゲスト用にインストールされています。ホストがライセンス認証できるのは、自身と同じかそれより古いバージョンのゲストだけです。このゲストは同じかそれ以降のバージョンのホストで実行するか、KMS または MAK でライセンス認証してください。
## readers-4
evidence-xpr-dated = { $when } に期限切れ (未確認の文言: 日付と時刻で読み取り)
reader-xpr-dated-wording = slmgr のメッセージ "{ $message }" は日付と時刻だけで読み取りました。文言は Microsoft 自身のテキストで確認されていません (未確認)
evidence-set-edition = エディション変更
evidence-set-edition-key = { $edition } (プロダクト キー { $key })
asof-logged = ログの最も新しい行のタイム スタンプ、{ $from }
diag-kvp-no-contact = { $host } で仮想マシン { $vm } のデータ交換統合サービスは有効ですが、ゲストが応答していません ({ $status })。ゲストのデータ交換サービスが実行されるまで、AVMA はライセンス認証できません。
fact-integration-status = 統合サービス「{ $name }」は有効、状態 { $status }
value-enabled-status = 有効、{ $status }
## diag-3
diag-guest-kms-key-codes = { $guest } には …{ $last5 } ({ $key }) の KMS クライアント セットアップ キーが入っています。AVMA ではなく KMS ホストを探します。確認されたコード: { $codes }。
diag-version-implied-by-key = バージョン { $version } (インストールされているキー …{ $last5 } からの推定。証拠にビルドがなく、ビルドより弱い根拠です。下の AVMA キーはこのバージョンのものです)
diag-host-evaluation = { $host } は評価版の { $edition } です。評価版のホストが AVMA でゲストをライセンス認証できるかを示す情報源はなく (未検証)、評価期間の終了とともにライセンスの有効期限が切れ、ゲストのライセンス認証も失われます。お持ちのキーで製品版の Datacenter に変換してください。
diag-guest-host-not-activated = { $guest } は { $codes } で失敗しています。根本原因はゲストではなく、実行している Hyper-V ホスト ({ $host }) です。ゲストで /ato を実行するだけでは再び失敗します。ホストで Datacenter のキーをインストールしてライセンス認証し (最初のコマンド)、その後ゲストでライセンス認証して再確認してください (最後のコマンド)。
arg-host-not-in-evidence = 証拠に名前がありません
diag-host-too-old-fd03 = { $guest } は { $codes } で失敗しています。ゲストが実行中の Hyper-V ホスト (まだアップグレードしていないノード) より新しい可能性が最も高いですが、このコードがこの原因を示すというのは推論です (未検証)。コードの文言は Microsoft のものです (公式)。証拠には比較できるホストがありません。ゲストで実行中のホストを確認し、クラスターでは仮想マシンをバージョン { $version } 以降のライセンス認証済み Datacenter ノードに移動してそのようなノードに限定し、その後ゲストでライセンス認証して再確認してください。
arg-guest-version-unknown = ゲスト自身のバージョン
placeholder-node-of-the-guest-s-version-or-later = ゲストのバージョン以降のノード
diag-nothing-to-judge = { $inputs } からは何も読み取れませんでした。判定するものがありません (問題がないという意味ではありません)。
diag-machine-nothing-to-judge = { $machine }: { $inputs } からは名前以外に何も読み取れませんでした。判定するものがありません。
diag-all-healthy-judged = 判定できた証拠には問題は見つかりませんでした。
diag-no-machine-to-judge = 証拠にマシンがありません。判定するものがありません。
## readers-5
reader-avma-left-over = AVMA ホスト { $host } は以前の AVMA ライセンス認証の残りです。ライセンスのチャネルが { $channel } のため、このマシンは現在 AVMA でライセンス認証されていません
evidence-avma-left-over = 以前の値です。ライセンスのチャネルは { $channel } で、AVMA ではありません
reader-guest-service-section = ゲストのサービスの状態 (Get-Service) は、ホストの出力が示す唯一の VM である { $vm } のものとして扱います (ホストのものではありません)
## readers-7
evidence-key-tried = 試したキー
evidence-key-tried-value = { $key }、拒否されました ({ $code })。インストールされていません
evidence-key-tried-public = { $key } = { $kind } { $versions } { $family }
evidence-edition-changed = エディションの変更
evidence-edition-changed-value = { $edition } へ (DISM は完了しました。再起動後に有効になります)
evidence-edition-changed-from = { $previous } から { $edition } へ (DISM は完了しました。再起動後に有効になります)
fact-key-tried-other = slmgr /ipk で試したキー { $key } は { $versions } { $family } の AVMA キーで、このゲストのバージョンとエディションのものではありません。拒否されました ({ $code })
## readers-8
evidence-kms-host = KMS ホスト
evidence-kms-registered = { $host } (手動で設定)
evidence-kms-discovered = { $host } (DNS で検出)
evidence-kms-ip = IP { $ip }
evidence-kms-pid = KMS ホストの PID { $pid }
evidence-kms-intervals = ライセンス認証の間隔 { $activation } 分、更新の間隔 { $renewal } 分
evidence-source-typed = ユーザーが表に入力した値
evidence-typed = ユーザーが表に入力した値
evidence-stated-activated = ライセンス認証 (申告)
evidence-stated-activated-yes = 済み (ユーザーが表に入力した値。ライセンスから読み取ったものではありません)
evidence-stated-activated-no = 未 (ユーザーが表に入力した値。ライセンスから読み取ったものではありません)
reader-typed-table = ユーザーが入力した Markdown の表を、各行が示すマシンの事実として読み取りました。これは申告であり、取得した出力より弱い根拠です (異なる内容の出力があれば競合として示します)
## diag-4
diag-fix-run-on = { $fix }、{ $place ->
    [host] ホストで実行
   *[guest] ゲストで実行
}
diag-host-too-old-possible-owner = { $host } は { $hostversion } で、{ $guest } より古く、{ $vm } のフェールオーバー先になり得るノード (実行可能な所有者) です。そこへフェールオーバーするとゲストのライセンス認証ができません。ノードをアップグレードするまで、VM をそのノードで実行しないでください。
diag-node-down-level = { $vm } にはゲスト内部の証拠がないため、バージョンが分かりません。また、実行できるノードのバージョンが混在しています。{ $host } は { $hostversion } です ({ $owner ->
    [owner] 現在の所有者
   *[possible] フェールオーバー先になり得るノード
})。ノードの最新バージョンである { $guestversion } のゲストは、そこではライセンス認証できません。ゲストのバージョンを確認し、ノードをアップグレードするまで、{ $hostversion } より新しいゲストをそのノードで実行しないでください。
## names-6
evidence-why-hyperv-feature = { $at } で Hyper-V の役割がインストール済みです (Get-WindowsFeature)
evidence-why-virtual-platform = { $at } のシステム モデルまたは製造元がハイパーバイザーのものです
evidence-why-guest-service = { $at } でゲストの統合サービスが照会されています
evidence-why-avma-key = { $at } で AVMA キーがインストールされたか、試されています
evidence-why-avma-block = { $at } で slmgr が AVMA クライアントの情報 (ゲスト側) を表示しています
evidence-why-prose = { $at } の出力の前後の文章がそう述べています (「{ $word }」)
evidence-name-from-file = (ファイル名: 収集データにマシン名がありません)
reader-systeminfo-seen-wording-lang = systeminfo の { $lang } のラベルは、管理者が貼り付ける文言で読み取りました。Microsoft の原文とは照合していません (未確認)
lint-loose-activation-match = slmgr の出力を「activated」または「licensed」という語で判定しています。slmgr は AVMA や KMS のライセンス認証をこの語なしで報告し (「Automatic VM activation will expire ...」「Volume activation will expire ...」)、「Unlicensed」やエラーの文はこの語を含み、ほかの表示言語ではどちらも現れません。CIM で LicenseStatus -eq 1 を確認するか、文全体に一致させてください。
lint-seven-day-claim = 本文が AVMA に 7 日間の期間を当てはめていますが、これを述べる Microsoft の資料はありません (未確認の俗説)。公式の 7 日は KMS の更新間隔です。AVMA のライセンス認証の有効期限はゲストの slmgr /xpr が示すもので、ゲストはライセンス認証されたホスト上で起動するとライセンス認証し直されます。

## diag-5
diag-edition-change-restart-pending = { $guest } はまだ評価版のエディションですが、{ $edition } への DISM /Set-Edition は完了しています。残っているのは再起動だけです。もう一度変換せず、再起動してから AVMA キーをインストールし、ライセンス認証してください。
fact-edition-changed = { $edition } への DISM /Set-Edition が完了 (再起動後に有効)
diag-node-listed-only = { $node } はクラスターのノードとして一覧にあるだけで ({ $state })、ほかには何も収集されていません。そのバージョン、エディション、ライセンスは、クラスターの VM が実行され得るノードについての不足している証拠です。このノードの証拠を収集してください。
diag-node-listed-only-vms = { $node } はクラスターのノードとして一覧にあるだけで ({ $state })、ほかには何も収集されていません。バージョン、エディション、ライセンスが分からないため、そこで実行され得る { $vms } がそのノードでライセンス認証できるかどうかは判断できません。このノードの証拠を収集してください。
fact-node-listed = { $node } はクラスター ノードとして一覧にある
fact-kms-by-hand = 手動で設定された KMS ホスト: { $kms } (slmgr /skms。すでに存在しない可能性があります)
lint-kvp-service-off = このコマンドはゲストの Hyper-V データ交換サービス (vmickvpexchange) を停止または無効にします。AVMA はこのサービスを通じてホストと通信するため、ゲストをライセンス認証できません。実行したままにしてください (スタートアップの種類は手動)。
lint-host-older-allowed = ゲストより古い Hyper-V ホストを認めています。ホストがライセンス認証できるのは、ホスト自身と同じかそれより古い Windows Server バージョンのゲストだけです (2019 のホストは 2022 のゲストをライセンス認証できず、0xC004FD03 で失敗します)。ゲストと同じかそれ以降のバージョンのホストを必須にしてください。
lint-avma-key-on-eval = 本文はまだ変換していない評価版についてのものですが、このコマンドは AVMA キー { $key } をインストールします。評価版では slmgr が AVMA キーを拒否します (0xC004F069)。先に DISM /Set-Edition (そのバージョン自身のキー) で変換して再起動し、その後 AVMA キーをインストールしてください。
lint-eval-dc-conversion = 本文がドメイン コントローラーとしている評価版を ({ $target } に) 変換しています。Microsoft は評価版のドメイン コントローラーの変換をサポートしていません。先に製品版のサーバーにドメイン コントローラーを追加して FSMO の役割を移し、このサーバーの AD DS を削除してください。
placeholder-current-kms-host = 使用中の KMS ホスト
## names-7
evidence-why-vm-list = { $at } で Get-VM により VM を一覧しています
evidence-why-avma-host-of = { $at } で { $guest } の AVMA クライアントの情報がこのマシンをホストとして示しています
