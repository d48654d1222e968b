# avma message catalog — English.
# Every message here must exist in ja/avma.ftl with the same variables (tests/coverage.rs).

## Common labels

col-key = Key
col-kind = Kind
col-version = Version
col-edition = Edition
col-confidence = Confidence
col-code = Code
col-name = Name
col-severity = Severity
col-summary = Summary
col-method = Licensing method
col-guests = Guest versions
kind-avma = AVMA key
kind-gvlk = KMS client setup key
confidence-official = official
confidence-corroborated = corroborated
confidence-unverified = UNVERIFIED
severity-error = error
severity-warning = warning
severity-info = info
label-source = Source
label-note = Note
label-message = Message
label-meaning = Meaning
label-fix = Fix
label-expect = Expect
label-provider = Provider
on-host = host
on-guest = guest
doc-detects = Detects
doc-why = Why activation fails
doc-evidence = Evidence
doc-fix = Fix

## Input errors

error-unknown-version = unknown Windows Server version "{ $input }" (accepted: 2012 R2, 2016, 2019, 2022, 2025, 1709, 1803, 1809, 1903, 1909, 2004, 20H2, or a build number such as 17763)
error-empty = empty file: nothing to read
error-binary = not a text file (binary data at byte offset { $offset }); give avma the text you collected (slmgr, DISM, PowerShell output or a runbook)
error-binary-after = binary data at byte offset { $offset }: the text before it was read
error-is-directory = is a folder, not a file
error-not-text = not a text file (binary data at byte offset { $offset })
error-too-big = larger than { $limit } MiB: not read
spec-empty = { $what }: nothing given.
spec-unknown-word = { $what } "{ $input }": the word "{ $detail }" is not understood.
spec-no-version = { $what } "{ $input }": which Windows Server version?
spec-no-edition = { $what } "{ $input }": which edition (Standard, Datacenter, ...)?
spec-ambiguous-version = { $what } "{ $input }": several versions named ({ $detail }); give one.
spec-ambiguous-edition = { $what } "{ $input }": several editions named ({ $detail }); give one.
spec-client = { $what } "{ $input }": a Windows client, not Windows Server. AVMA activates Windows Server 2012 R2 and later guests only; activate clients with KMS, MAK or retail keys.
spec-no-such-edition = { $what } "{ $input }": no such edition ({ $detail }).
spec-accepted = Accepted: a version (2012 R2, 2016, 2019, 2022, 2025, 1709 to 20H2, WS2022, or a build such as 17763) and an edition (Standard/Std, Datacenter/DC, Essentials, Azure Edition, Azure Local; optionally Evaluation/Eval and Core), or an EditionID such as ServerStandardEval.

## keys

keys-none = No public key matches.
keys-footer = Only public keys are listed: AVMA keys (installed in the guest) and KMS client setup keys (for KMS, or to change the edition with DISM). Run `avma explain KEY` for one key's sources.

## matrix

matrix-title = AVMA: which activated Datacenter host activates which guest version
matrix-host-guest = Host \ guest
matrix-legend = yes = can activate every edition (Standard, Datacenter, Essentials) of that guest version; yes? = implied but UNVERIFIED (the 2025 host row was not read); - = cannot.
matrix-requirements = Requirements
matrix-azure-local = Azure Local (Azure Stack HCI) hosts

## explain

explain-unknown = not a key, an error code, an event ID, an EditionID, a version or a rule that avma knows. Try a whole key, its last five characters (6VM33), 0xC004FD02, 12309, ServerStandardEval, 2019 or key-version-mismatch.
explain-key-avma = { $key } is { $what }.
explain-key-gvlk = { $key } is { $what }, not an AVMA key.
explain-gvlk-not-avma = A KMS client setup key makes the guest look for a KMS host; it never uses AVMA.
explain-avma-of-same = The AVMA key of { $version } for this edition is { $key }.
explain-fits-for = For { $version } use:
explain-fits-none = no published key of this edition for that version
explain-fits-hint = Add --os VERSION to name the key that fits another version.
explain-private-key = { $key } is not a public key (not an AVMA or KMS client setup key), so avma cannot check it and shows only its last five characters. Keep it out of runbooks and chats.
explain-event-head = Event { $id } ({ $provider }, { $log } log)
explain-edition = Family: { $family } · evaluation: { $eval } · Server Core: { $core }

## plan

plan-title = Plan: { $guest } guest on a { $host } host
plan-verdict-yes = Verdict: YES, AVMA can activate this guest on this host once the steps below are done.
plan-verdict-not-yet = Verdict: NOT YET. AVMA can activate this guest on this host only after the host is fixed (see findings).
plan-verdict-no = Verdict: NO. AVMA cannot activate this guest here (see findings).
plan-why = Why
plan-findings = Findings
plan-steps = Steps
plan-key-line = AVMA key used: { $key } ({ $confidence }, { $url })
plan-reason-host-datacenter = The host runs { $host }: a Datacenter edition, as AVMA requires (with the Hyper-V role). Its licence channel (OEM, retail, volume) does not matter.
plan-reason-host-activated = The host is activated.
plan-reason-matrix = A { $host } host can activate { $guest } guests.
plan-reason-azure-local = Azure Local host: { $fact }
plan-reason-no-conversion = No conversion is needed: a { $guest } guest needs only the AVMA key of its own version and edition.
plan-reason-convert-eval = { $from } is an evaluation edition: an AVMA key cannot be installed on it, so it is converted to { $to } first.
plan-reason-convert-wanted = You want { $to }: the guest is converted from { $from } first, with a key of its own version.
plan-reason-kvp = The VM's Data Exchange (Key-Value Pair Exchange) integration service must stay enabled (on by default).
plan-reason-cluster = In a failover cluster, every node the VM may run on must be an activated Datacenter of at least the guest's version.
plan-guest-not-supported = { $guest } cannot be activated by AVMA: only Windows Server 2012 R2 and later Standard, Datacenter, Datacenter: Azure Edition and Essentials guests can.
plan-azure-local-guest-not-covered = { $guest } is not among the guest versions Azure Local activates with the Windows Server subscription.
plan-host-not-datacenter = The host runs { $host }, not Datacenter. A Standard or other non-Datacenter host cannot activate AVMA guests.
plan-host-evaluation = The host runs { $host }, an evaluation edition: whether it serves AVMA is UNVERIFIED, and its licence ends with the evaluation.
plan-host-too-old = A { $host } host cannot activate a { $guest } guest: the host version must be at least the guest's.
plan-unverified-pair = { $host } host → { $guest } guest rests on an UNVERIFIED fact: { $note }
plan-host-not-activated = The host ({ $host }) is not activated, so it cannot activate guests (they fail with 0xC004FD02). Activate the host first.
plan-eval-dc = The guest runs { $edition } and is a domain controller: an evaluation domain controller cannot be converted to retail, so the AVMA key can never be installed on it.
plan-conversion-forbidden = { $from } cannot be converted to { $to }: { $fact }
plan-conversion-undocumented = No documented rule covers converting { $from } to { $to }. Check DISM /Get-TargetEditions; if it is not listed, a fresh install is needed.
plan-no-avma-key = No AVMA key is published for { $version } { $edition }.

## steps

step-check-host = Check that the host is an activated Datacenter (on every cluster node the VM may run on)
step-check-host-why = An unactivated host cannot activate guests; in a cluster, one unactivated node breaks activation after a failover.
step-check-host-expect = a Windows(R), ServerDatacenter edition product with License Status: Licensed (LicenseStatus 1)
step-check-kvp = Check that the VM's Data Exchange integration service is enabled
step-check-kvp-why = AVMA needs the Key-Value Pair Exchange integration service; its display name is localized, so it is found by its Id.
step-check-kvp-expect = Enabled : True (enable it with Enable-VMIntegrationService if not)
step-check-edition = Check the guest's version and edition
step-check-edition-expect = Current Edition : { $edition } (build { $build })
step-list-targets = List the editions the guest can be converted to
step-list-targets-expect = Target Edition : { $target } is listed (if not, a fresh install is needed)
step-convert = Convert the guest from { $from } to { $to }
step-convert-why = With { $key }, the public { $kind ->
    [avma] AVMA key
   *[gvlk] KMS client setup key
} of { $version } for that edition: a key of another version is rejected. Takes 10 to 15 minutes.
step-convert-expect = The operation completed successfully, with no restart prompt (/NoRestart): the next step restarts
step-restart = Restart the guest
step-restart-why = The new edition takes effect at the restart.
step-install-avma = Install the { $version } { $edition } AVMA key
step-install-avma-expect = Installed product key { $key } successfully.
step-activate = Activate now (AVMA also activates by itself when the VM starts)
step-activate-why = Errors are not shown in the guest otherwise; slmgr prints the HRESULT (explain it with avma explain).
step-verify = Verify: AVMA channel, licensed, activating host and expiry
step-verify-expect = Description contains VIRTUAL_MACHINE_ACTIVATION, Partial Product Key: { $last5 }, License Status: Licensed, a Host machine name, and "Automatic VM activation will expire ..."

## lint

lint-unknown-key = { $key } is not a public key (not an AVMA or KMS client setup key): avma cannot check it. Keep private keys out of runbooks and chats.
lint-unknown-key-host = { $key } is given to Set-VMAutomaticActivation: a host key, not public, so avma cannot check it.
lint-key-version-mismatch = { $key } is { $what }, but this text is for { $target }: the command fails on that version. What fits: { $fits }.
lint-key-version-mismatch-bare = { $key } ({ $what }) does not fit { $target }, the version this text is for. What fits: { $fits }.
lint-key-edition-mismatch = { $key } is { $what }, but the edition here is { $edition }: a key of another edition is rejected. What fits: { $fits }.
lint-kms-key-for-avma = { $key } is { $what }, installed where AVMA is meant: the guest becomes a KMS client and fails with 0xC004F074. Install the AVMA key instead: { $fits }.
lint-mislabeled-as-avma = The text calls { $key } an AVMA key, but it is { $what }. The AVMA key is { $fits }.
lint-mislabeled-as-kms = The text calls { $key } a KMS client key, but it is { $what }. The KMS client setup key is { $fits }.
lint-unknown-target-edition = /Set-Edition:{ $target } names no edition avma knows; check the spelling against DISM /Get-TargetEditions.
lint-conversion-forbidden = { $from } cannot be converted to { $to }: { $fact }
lint-target-option = target { $version } (--os)
lint-target-text = target { $version } (from line { $line })
lint-target-keys = target { $version } (from the AVMA keys it installs)
lint-target-none = no target version found (give --os to check versions)
lint-file-summary = { $file }: { $encoding }, { $lines } lines, { $target }; { $errors } errors, { $warnings } warnings, { $infos } notes

## rules

rules-written = Rule pages written to { $dir }.

## scripts

ps1-description = Run inside the guest, elevated. Idempotent: each change checks the current state first and is skipped when already done. Use -WhatIf to see what would change.
ps1-host-first = First, on the Hyper-V host (every cluster node the VM may run on):
ps1-check-build = Refuse to run on another Windows Server version: keys are tied to one version.
ps1-no-conversion = No edition change is needed.
cmd-description = Run in an elevated command prompt inside the guest. It can be run again: done steps are skipped.
cmd-restart-then-rerun = The guest restarts in 60 seconds; run this file again after the restart.

## demo

demo-intro = The walkthrough: an OEM Windows Server 2022 Datacenter Hyper-V cluster, Windows Server 2019 guests, activation by AVMA. Its runbook converts a 2019 guest with the 2022 Datacenter KMS client key. Here is what avma says.
demo-step-explain = The key in the walkthrough's DISM step
demo-step-plan-standard = A 2019 Standard guest: what it really needs
demo-step-plan-datacenter = If Datacenter is wanted: the right conversion
demo-step-lint = The walkthrough's runbook, linted
demo-step-diagnose = The cluster itself: a 2019 guest on three OEM 2022 Datacenter nodes, diagnosed from collected evidence
demo-step-audit = Every VM against every node it may run on: what happens when the nearly lapsed node takes it over
demo-step-matrix = And a refusal: a 2022 guest on a 2019 node
demo-outro = Next: `avma collect` prints the read-only script that gathers this evidence on your own nodes and guests; `avma plan ... --format ps1` writes an idempotent PowerShell script; `avma lint FILE` checks your own runbooks; `avma keys` and `avma matrix` list the facts with their sources.

## evidence

evidence-no-input = give at least one file or folder (--host PATH, --guest PATH, or PATH)
evidence-empty-folder = an empty folder: no evidence in it
evidence-not-found = no such file or folder
evidence-cluster = Cluster
evidence-node = node
evidence-group = group { $name }: owner { $owner }, possible owners { $owners }, preferred { $preferred }
evidence-role-host = host
evidence-role-guest = guest
evidence-role-unknown = role unknown
evidence-why-given = given on the command line
evidence-why-12310 = event 12310 at { $at }
evidence-why-12309 = event 12309 at { $at }
evidence-why-hyperv = Hyper-V or cluster cmdlet output at { $at }
evidence-why-avma = AVMA channel product at { $at }
evidence-why-node = a cluster node at { $at }
evidence-why-vm = a VM of a host at { $at }
evidence-why-none = nothing in the evidence tells; give --host or --guest
evidence-name = Name
evidence-version = Version
evidence-edition = Edition
evidence-source-dism = DISM
evidence-source-registry = registry/OS
evidence-source-licensing = licensing
evidence-targets = Targets
evidence-no-targets = none (the current edition cannot be converted)
evidence-dc = Domain controller
evidence-product = Product
evidence-key-public = key …{ $last5 } = { $kind } { $versions } { $family }
evidence-key-private = key …{ $last5 } (not a public key)
evidence-grace = Remaining
evidence-eval-end = Evaluation end
evidence-expiry = Expiry (/xpr)
evidence-avma-host = AVMA host
evidence-key-installed = Key installed
evidence-error = Error
evidence-integration = Integration
evidence-service = Service
evidence-vm = VM
evidence-events = Events
evidence-other-events = Other events
evidence-nothing = nothing about licensing, AVMA or Hyper-V data exchange in { $inputs } input(s)
evidence-conflict = Sources disagree on { $field }: { $values }

## diagnose

diag-title = Diagnosis of { $machines } machine(s): { $errors } error(s), { $warnings } warning(s), { $infos } note(s)
diag-healthy-title = Healthy
diag-all-healthy = No problem found.
diag-why = Why
diag-evidence = Evidence
diag-fix-cmd = Fix (cmd)
diag-fix-ps = Fix (PowerShell)
diag-evidence-conflict = { $machine }: sources disagree on { $field }: { $values }.
diag-insufficient-role = { $machine }: nothing in its evidence tells whether it is a host or a guest. Give it with --host or --guest.
diag-insufficient-version = { $machine }: its Windows Server version is unknown (no build in the evidence). Collect it with the commands below.
diag-insufficient-licensing = { $machine }: no licensing evidence (slmgr, SoftwareLicensingProduct or SPP events). Collect it with the commands below.
diag-insufficient-host = { $machine }: Hyper-V output but no licensing evidence for the host itself. Collect it with the commands below.
diag-guest-not-supported = { $guest } cannot be activated by AVMA: only Windows Server 2012 R2 and later Standard, Datacenter, Azure Edition and Essentials guests can.
diag-eval-dc = { $guest } runs an evaluation edition and is a domain controller: it cannot be converted to retail, so no AVMA key can be installed.
diag-guest-eval = { $guest } runs an evaluation edition: an AVMA key cannot be installed on it (0xC004F069). Convert it first, with a key of its own version.
diag-target-unavailable = The guest must become { $needed }, but DISM lists only: { $listed }. A fresh install is needed for that edition.
diag-guest-kms-key = { $guest } holds …{ $last5 } ({ $key }), a KMS client setup key: it looks for a KMS host instead of using AVMA (0xC004F074).
diag-avma-wrong-version = { $guest } holds the AVMA key { $key } of { $versions }: not its own version.
diag-avma-wrong-edition = { $guest } holds the AVMA key { $key } of the { $family } edition: not its own edition.
diag-avma-tried-wrong-version = { $guest } was given the AVMA key { $key } of { $versions } with slmgr /ipk, not its own version's: it was refused ({ $code }). Install the AVMA key of its own version and edition.
diag-avma-tried-wrong-edition = { $guest } was given the AVMA key { $key } of the { $family } edition with slmgr /ipk, not its own edition's: it was refused ({ $code }). Install the AVMA key of its own version and edition.
diag-no-key = { $guest } has no product key installed.
diag-platform = { $guest } reports 0xC004FD01: it does not run on Hyper-V (Azure or another hypervisor), where AVMA cannot work.
diag-throttled = { $guest } was throttled (0xC004FD00): too many AVMA requests.
diag-kvp-service = In { $guest }, the Hyper-V Data Exchange Service (vmickvpexchange) is { $status } / { $start }: AVMA cannot exchange its data.
diag-host-too-old = { $host } runs { $hostversion }, older than { $guest }: on that node the guest cannot be activated.
diag-not-activated = { $guest } is not activated (status { $status }). Codes seen: { $codes }.
diag-avma-expiring = The AVMA activation of { $guest } (from host { $host }) has { $minutes } minutes left and no renewal was seen.
diag-host-not-dc = { $host } runs { $edition }, not Datacenter: it cannot activate AVMA guests.
diag-host-not-activated = { $host } is not activated (status { $status }; { $codes }): its guests fail with 0xC004FD02.
diag-host-no-key = { $host } has no Windows product key installed: it cannot activate guests.
diag-host-expiring = The licence of { $host } lapses in { $days } day(s) (channel { $channel }): then it cannot activate guests, and every VM on it or failing over to it loses activation.
diag-kvp-disabled = The Data Exchange integration service of VM { $vm } is disabled on { $host }: AVMA cannot work for it.
diag-kvp-4096 = { $host } logged KvpExchange event 4096 for VM { $vm }: Data Exchange is not enabled, running or initialized there.
fact-value = value { $value }
fact-build = build { $build }
fact-dc = domain controller
fact-edition = edition { $edition }
fact-hresult = { $code }
fact-channel = channel { $channel }
fact-partial-key = partial key …{ $last5 }
fact-no-key = no product key
fact-targets = target editions: { $targets }
fact-service = service { $name }
fact-grace = { $minutes } minutes left
fact-licensed = licensed
fact-avma-host = activated by { $host } at { $time }
fact-status = license status { $status }
fact-eval-end = evaluation ends { $date }
fact-integration = integration service "{ $name }" disabled
fact-event = event { $id }

## cluster

col-node = Node
col-status = Status
col-lapse = Licence ends
col-avma = Can activate AVMA guests
col-vm = VM
col-owner = Owner
col-possible-owners = Possible owners
col-vm-issues = Problems of the VM
col-host = Host
col-time = Time
col-outcome = Outcome
col-source = Source
col-evidence = Evidence
col-date = Date
audit-title = Audit of cluster { $cluster }: { $nodes } node(s), { $vms } VM(s), at { $at }
audit-mixed = Mixed versions (rolling upgrade): { $versions }. VMs newer than a node cannot be activated on it.
audit-nodes = Nodes
audit-vms = VMs and the nodes they may run on
audit-risks = At risk
audit-fixes = Fixes, cheapest first
audit-no-risk = No VM loses activation on any node it may run on.
audit-more = … and { $n } more VMs (use --format json or csv for all).
audit-can-yes = yes
audit-can-until = until { $date }
audit-can-no = no: { $rule }
audit-can-unknown = unknown ({ $missing } missing)
audit-owners-ok = { $n } node(s) ✓
audit-can-unknown-short = unknown
audit-lapse = { $days } d ({ $date })
audit-risk-now = { $vm } runs now on { $node }, which cannot activate it: { $rule }.
audit-risk-failover = { $vm } would lose activation on failover to { $node }: { $rule }.
audit-risk-lapse = { $vm } loses activation on { $node } from { $date }: { $rule }.
audit-more-risks = … and { $n } more (use --format json or csv for all).
audit-vm-not-ready = { $vm } cannot be activated by AVMA on any node: { $rules }.
audit-fix-node = Fix { $node }: { $rule }. Helps { $helps } VM(s).
audit-fix-move = Move { $vm } from { $from } to { $to } now.
audit-fix-owners = Limit { $vm }'s possible owners to { $owners }.
audit-fix-vm = Fix { $vm } itself: { $rule }.
audit-problem = { $field } { $message }
audit-bad-inventory = not a valid avma inventory: { $detail }
ledger-title = AVMA ledger: { $rows } row(s); an activation is taken to last { $days } days (UNVERIFIED figure)
ledger-stale = { $vm }: last successful activation { $last }, { $days } days ago: older than its validity.
ledger-never = { $vm }: no successful AVMA activation in the evidence.
ledger-outside = { $vm } was activated by { $host }, which is not a node of the cluster.
ledger-idle = Node { $node } activated nothing in the evidence.
simulate-title = Simulation over { $days } day(s); AVMA validity { $validity } days and a daily renewal are assumptions (UNVERIFIED).
simulate-log = Events the systems would log (failures, moves, and day 1)
simulate-bad-scenario = not a valid scenario: "{ $detail }"
simulate-no-evtx = this avma was built without the evtx feature (cargo build --features evtx)
simulate-written = Evidence written to { $dir } (one folder per machine).

collect-synopsis = Collect on this machine the evidence avma reads. Read-only: it changes nothing.
collect-description =
    Run elevated on every Hyper-V node of the cluster and in every guest VM. Each run writes one folder, OutDir\COMPUTERNAME (OutDir defaults to .\avma-evidence).
    Then copy the folders side by side into one folder and run: avma diagnose FOLDER, avma audit FOLDER, avma ledger FOLDER.
    Private product keys are not collected: CIM shows only their last five characters.
collect-helpers = Each export stands alone: a failure prints a warning and the rest goes on.
collect-identity = Name, version, edition and domain role; the editions DISM can convert to.
collect-licensing = Licensing state with the AVMA block (host name, last activation), and the services AVMA needs.
collect-events = The licensing and AVMA events of each log (the event IDs of avma's catalog), exported as .evtx.
collect-hyperv = On a Hyper-V host: the VMs and their Data Exchange (KVP) integration service.
collect-cluster = On a failover cluster node: the nodes, the groups, and where each VM may run.
collect-owners = Possible owners (of the VM resource) and preferred owners (of the VM group).
collect-done = avma: evidence collected in

## hostile-in
input-not-regular = { $kind }, not a regular file: not read
input-kind-fifo = a named pipe (FIFO)
input-kind-socket = a socket
input-kind-char-device = a character device
input-kind-block-device = a block device
input-kind-other = not a regular file
input-link-outside = a symbolic link to { $target }, outside the folder given: not followed
input-too-deep = folders nested deeper than { $limit } levels: not read further
input-too-large = larger than { $limit } MiB ({ $bytes } bytes, counted while reading): not read
simulate-bad-machine-name = machine { $name } { $reason }: no evidence written for it (a machine name must be a plain file name)
simulate-link-in-destination = is a symbolic link: not written through
bad-name-empty = is empty
bad-name-dots = is . or ..
bad-name-separator = holds a path separator (/ or \)
bad-name-colon = holds a colon (a drive letter or a stream)
bad-name-control = holds NUL or a control character
bad-name-reserved = holds a character Windows does not allow in file names (< > " | ? *)
bad-name-device = is a reserved Windows device name (CON, PRN, AUX, NUL, COM1–COM9, LPT1–LPT9)
bad-name-trailing = ends with a dot or a space
bad-name-long = is longer than 255 bytes
audit-more-not-ready = … and { $n } more VMs not ready (use --format json or csv for all).
audit-more-fixes = … and { $n } more fixes (use --format json for all).
audit-command-cut = (this command is cut after { $n } characters: do not paste it; --format json has it whole)
lint-long-lines = lines longer than { $limit } MiB were judged in pieces ({ $n } cuts): a key or command across a cut may be missed
## captures
evidence-inputs = Inputs
evidence-input-summary = { $file }: { $kind }, language { $language }, { $encoding }, { $facts } fact(s)
evidence-input-lines = { $file }: { $kind }, language { $language }, { $encoding }, { $facts } fact(s); lines understood { $understood }, skipped { $skipped }, noise { $noise }
evidence-input-unplaced = Lines that could not be placed (first few, redacted):
reader-dism-edition-ambiguous = editions { $editions } found, but not which is the current one and which are targets (paste the DISM command line too, or use DISM /English)
reader-data-exchange-by-position = { $vm }: Data Exchange taken to be "{ $name }" by its position in the list (its display name is not one avma knows)
reader-not-windows = { $name } is not Windows: its licence is listed, not judged
## i18n
script-generated-by = Generated by avma { $version }.
ps1-hresult-how = CIM reports a failed licensing method as an error whose ErrorData (MSFT_WmiError) holds the HRESULT in error_Code; a method that returns holds it in ReturnValue.
ps1-cim-failed = { $method } failed with { $hr }. Explain it with: avma explain { $hr }
ps1-wrong-build = This plan is for { $version } (build { $expected }); this machine is build { $build }. Make a plan for its own version: avma plan --guest "<version edition>" --host "<version edition>"
ps1-current-edition = Current edition: { $edition } (build { $build })
ps1-dism-failed = DISM { $op } failed with exit code { $code }; nothing was restarted. Explain it with: avma explain { $code }
ps1-target-not-listed = { $target } is not among the target editions of this machine (DISM /Get-TargetEditions). A fresh install is needed.
ps1-restart-action = Restart-Computer (run this script again after the restart)
ps1-restart-warning = The edition changes at the restart. Run this script again afterwards to install the AVMA key.
ps1-wrong-edition = This plan is for edition { $target }; this machine runs { $edition }. Make a new plan.
ps1-key-already-installed = The AVMA key ending in { $last5 } is already installed.
ps1-install-key-action = Install the AVMA key { $key }
ps1-activate-action = Activate (AVMA)
ps1-key-not-installed = The AVMA key ending in { $last5 } is not installed.
ps1-not-avma-yet = Not activated by AVMA yet. Check the host (activated Datacenter, Data Exchange enabled for this VM) and run: avma diagnose
ps1-activated-by = Activated by AVMA from host { $host }.
cmd-step-failed = Step { $step } failed with exit code { $code }: { $title }. The script stops here; nothing after it was done. Explain the code with: avma explain { $code }
cmd-target-not-listed = { $target } is not among the target editions of this machine (DISM /Get-TargetEditions). A fresh install is needed; nothing was changed.
cmd-not-avma-yet = Not activated by AVMA yet. Check the host (activated Datacenter, Data Exchange enabled for this VM) and run: avma diagnose
cmd-done = Done.
## identity
evidence-why-kvp = its KVP registry names the VM it runs in, at { $at }
identity-vm = VM in Hyper-V
identity-linked = { $vm } (matched by { $by }; listed by { $hosts })
identity-by-vm-id = VM ID
identity-by-bios-guid = BIOS GUID
identity-by-kvp-fqdn = the FQDN it reported to the host
identity-by-kvp-name = the VM name in its KVP registry
identity-by-name = name only
identity-kvp = KVP registry
identity-kvp-registry = VM { $vm }, ID { $id }, on host { $host }
identity-bios = BIOS GUID
identity-kvp-items = Guest reports
identity-kvp-guest = { $vm }: { $os } (build { $build }), { $fqdn }
asof-line = As of { $date }, { $days ->
    [0] today
    [one] { $days } day ago
   *[other] { $days } days ago
} ({ $source })
asof-given = given with --at
asof-collected = collected, at { $from }
asof-event = the newest event, at { $from }
asof-file = the newest file, { $from }
asof-clock = nothing in the evidence tells its time: this machine's clock
asof-bad-at = { $value } is not a date: write YYYY-MM-DD or an RFC 3339 time such as 2026-10-01T09:00:00Z
asof-line-future = As of { $date }, { $days } day(s) from now ({ $source })
diag-guest-not-linked = { $guest } cannot be linked to any VM the hosts or the cluster list ({ $vms }): the nodes that must activate it are unknown. Its computer name may differ from its VM name; its KVP registry's VM ID links them.
diag-vm-without-guest = VM { $vm } (on { $hosts }) has no evidence from inside its guest: its key, edition and activation cannot be judged.
diag-evidence-stale = The evidence is from { $date }, { $days } days ago, older than the { $warn }-day warning window: licences, grace periods and activations may have changed since.
fact-kvp-vm-id = VM ID { $id } in its KVP registry
fact-no-kvp-registry = no KVP registry (Guest\Parameters) collected
fact-vm-listed = VM { $vm } listed
fact-kvp-guest-os = its guest reports { $os } (build { $build }), { $fqdn }
audit-vm-unjudged = { $vm }: whether { $nodes } can activate it cannot be judged (a fact of the VM or of those nodes is missing, such as its version when nothing from inside the guest was collected). This is not an all-clear.
asof-collected-inventory = the inventory's collection time
## report
check-node-lapses = { $node } licence lapses in { $days ->
    [one] 1 day
   *[other] { $days } days
}
check-node-lapsed = { $node } licence lapsed { $days ->
    [0] today
    [one] 1 day ago
   *[other] { $days } days ago
}
check-node-not-activated = { $node } is not activated
check-node-ok = { $node } licence does not lapse
check-vm-now = { $vm } runs on { $node }, which cannot activate it: { $rule }
check-vm-not-ready = { $vm } cannot be activated by AVMA on any node: { $rules }
check-vms-at-risk = { $n ->
    [one] 1 VM at risk
   *[other] { $n } VMs at risk
}
check-stale = evidence is { $hours } hours old (more than { $max })
check-no-time = the evidence does not say when it was collected
check-unreadable = { $n ->
    [one] 1 input could not be read
   *[other] { $n } inputs could not be read
}
check-nothing = no readable evidence
check-no-nodes = no cluster node in the evidence
check-ok = { $nodes } node(s), { $vms } VM(s): every VM can be activated on every node it may run on
prom-check-status = The avma check state of the cluster: 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN.
prom-evidence-age = Seconds since the evidence was collected.
prom-node-activated = 1 when the node's Windows licence is activated (LicenseStatus 1).
prom-node-datacenter = 1 when the node runs a Datacenter edition (only Datacenter hosts activate AVMA guests).
prom-node-seconds-left = Seconds until the node's licence lapses (negative: lapsed); absent when it does not lapse.
prom-vm-activated = 1 when the VM's Windows is activated (LicenseStatus 1).
prom-vm-all-owners = 1 when every node the VM may run on can activate it, and the VM itself is ready for AVMA.
prom-vm-owners-blocking = Nodes the VM may run on that cannot activate it (or only until their licence lapses).
report-bad-time = not a time (RFC 3339, e.g. 2026-12-01T09:00:00Z): { $detail }
report-title = AVMA activation report
report-intro = { $clusters } cluster(s), judged at { $time }.
report-fleet = Clusters
report-col-cluster = Cluster
report-cluster = Cluster { $cluster }
report-state-ok = OK
report-state-warning = Warning
report-state-critical = Critical
report-state-unknown = Unknown
report-stat-state = State
report-stat-nodes = Nodes
report-stat-vms = VMs
report-stat-at-risk = VMs at risk
report-stat-next-lapse = Next licence lapse
report-stat-findings = Errors / warnings
report-as-of = Evidence as of
report-age = Evidence age
report-judged-at = Judged at
report-inputs = Inputs
report-inputs-n = { $n } file(s), { $bad } unreadable
report-mixed = Versions
report-unknown-time = unknown (the evidence does not say)
report-age-minutes = { $n } min
report-age-hours = { $n } h
report-age-days = { $n } days
report-lapses-in = in { $days } d ({ $date })
report-lapsed = lapsed { $days } d ago ({ $date })
report-no-lapse = does not lapse
report-cannot = cannot
report-vm-not-ready = VM not ready
report-not-owner = not a possible owner of this VM
report-runs-here = runs here
report-matrix = Which node can activate which VM
report-matrix-help = One row per VM, one column per node: ✓ the node can activate the VM; "until" a date: until the node's licence lapses; ✗ it cannot (the reason is under the mark); — the VM may not run there.
report-no-vms = No VM in the evidence.
report-timeline = Timeline: activations, failures and licence lapses
report-now = now
report-legend-activated = activation (12309/12310)
report-legend-failed = failed activation
report-legend-lapse = licence lapse
report-tl-activated = { $vm } activated by { $host } at { $time }
report-tl-failed = { $vm } failed to activate on { $host } at { $time } ({ $outcome })
report-tl-lapse = { $node } licence lapses on { $date }
report-tl-last-ok = last activation
report-tl-last-failed = last attempt failed
report-findings = Findings
report-no-evidence-findings = Only inventories were given: findings need the evidence itself.
report-facts = Facts collected per machine
report-col-fact = Fact
report-col-value = Value
report-events = Events
report-events-n = { $n } licensing and AVMA event(s)
diag-pending-after-move = { $guest } moved to { $to } (at { $when }; its last AVMA activation was by { $last }) and is not activated yet, with no AVMA failure code: activation is pending after the move, not failing. AVMA activates it on the new host after a short delay (UNVERIFIED: the delay is not documented; a move within { $hours } hours counts as recent). To trigger it now, run the fix in the guest.
fact-license-status = licence status { $status }
fact-moved = its role moved from { $from } to { $to } at { $when }
fact-avma-host-owner = last activated by { $avma }, now owned by { $owner }

## lead
# Why a value was left out of a cmd.exe command (shell.rs RefuseReason::CmdMeta).
cmd-metacharacter = a character that cmd.exe cannot keep inside quotes (", %, ! or ^)
## judge
plan-reason-fact = { $fact }
plan-azure-edition-off-azure = { $guest } cannot be activated on { $host }: { $fact }
diag-azure-edition-off-azure = { $guest } is Datacenter: Azure Edition but its host { $host } is not Azure Local: it cannot be activated there.
diag-host-lapsing = { $host } loses its licence in { $days } day(s) (channel { $channel }): its guests lose AVMA activation from then on.
diag-not-activated-because = Not activated ({ $status }; { $codes }): this is the cause.
diag-refused-value = The { $what ->
        [vm-name] VM name
        [vm-role-name] VM role name
        [node-name] node name
        [product-key] product key
       *[other] value
    } holds { $reason ->
        [line-break] a line break
        [control-character] a control character
        [bidi-control] a bidi control character
       *[other] a character that cmd.exe cannot keep inside quotes (", %, ! or ^)
    } ({ $char }), which cannot be put into a command safely: the command shows a placeholder instead.
diag-skipped-gate = Guest checks after { $gate } were not run for { $machine }: { $gate } stops them.
help-heading-usage = Usage
help-heading-commands = Commands
help-heading-options = Options
help-heading-arguments = Arguments
help-flag-help = Print help
help-flag-version = Print version
help-format = Output format.
help-avma = Plan, lint and check Automatic Virtual Machine Activation (AVMA) of Hyper-V guests
help-avma-long =
    avma knows every public AVMA and KMS client setup key and the rules of AVMA (each with its source), plans the exact steps for a host and a guest, and lints runbooks before anyone runs them. It reads collected text; it never needs to run on the cluster.

    Exit codes: 0 clean, 1 findings of error severity (or a plan that cannot work), 2 usage or input error.
help-avma-after = Run `avma demo` for the walkthrough this tool was built from.
help-avma-lang = Language of the output (default: from LC_ALL, LC_MESSAGES or LANG).
help-avma-color = When to color text output (never when piped or NO_COLOR is set, unless `always`).
help-keys = List the public AVMA keys and KMS client setup keys, with their sources.
help-keys-os = Only keys of this Windows Server version (e.g. 2019, "2012 R2", 1809).
help-keys-edition = Only keys of this edition (Standard, Datacenter, "Azure Edition", Essentials or an EditionID).
help-keys-kind = Only AVMA keys or only KMS client setup keys (GVLK).
help-keys-format = { help-format }
help-matrix = Show which host versions and editions can activate which guests.
help-matrix-format = { help-format }
help-explain = Explain a product key, an error code, an event ID, an EditionID, a version or a rule.
help-explain-topic = A product key (whole, or its last five characters), an HRESULT (0xC004FD02, C004FD02, -1073414910), a DISM error number, an event ID (12309), an EditionID, a version, or a rule code or name.
help-explain-os = For a key: also name the key of the same kind and edition that fits this version.
help-explain-format = { help-format }
help-plan = Plan the exact steps to activate a guest with AVMA on a host.
help-plan-guest = The guest: version and edition, e.g. "2019 Standard", "Windows Server 2019 Standard Evaluation", "2022 std eval core", or an EditionID with a version.
help-plan-want = The edition the guest should end with (e.g. Datacenter), when it differs from its own.
help-plan-host = The Hyper-V host: version and edition, e.g. "2022 Datacenter", "WS2022 DC".
help-plan-host-activated = Whether the host is activated (unknown by default: the plan checks it first).
help-plan-domain-controller = The guest is an Active Directory domain controller.
help-plan-format = Output format: text, json, md, html, ps1 (PowerShell 5.1 script) or cmd (batch file; CP932 in Japanese).
help-plan-output = Write to FILE instead of standard output. A ps1 script is written with a UTF-8 BOM, so Windows PowerShell 5.1 reads its Japanese text correctly.
help-lint = Check runbooks, scripts, blog text or chat logs for wrong keys and impossible steps.
help-lint-files = Files to check; `-` reads standard input.
help-lint-os = The Windows Server version the text is for (otherwise inferred from the text).
help-lint-edition = The edition the text is for (e.g. "Standard", "ServerStandardEval").
help-lint-format = { help-format }
help-evidence = Read collected evidence (slmgr, DISM, PowerShell/CIM, event XML, .evtx) and show what was understood about each machine, with where each fact was seen.
help-evidence-host = Evidence of a Hyper-V host: a folder (one machine; a folder of folders, one per folder) or a file.
help-evidence-guest = Evidence of a guest VM: a folder (one machine; a folder of folders, one per folder) or a file.
help-evidence-paths = Evidence whose role avma infers (12310 events, Hyper-V or cluster cmdlet output, cluster nodes: host; an AVMA product, 12309 events, VMs a host lists: guest).
help-evidence-format = { help-format }
help-diagnose = Name the root cause from collected evidence, with the facts that prove it and the fix.
help-diagnose-host = { help-evidence-host }
help-diagnose-guest = { help-evidence-guest }
help-diagnose-paths = { help-evidence-paths }
help-diagnose-warn-days = A host licence ending within this many days is reported (an error within 7 days).
help-diagnose-format = { help-format }
help-inventory = Write the cluster inventory (JSON) built from evidence folders and cmdlet exports.
help-inventory-host = { help-evidence-host }
help-inventory-guest = { help-evidence-guest }
help-inventory-paths = { help-evidence-paths }
help-inventory-cluster = The cluster's name, recorded in the inventory.
help-audit = Audit every VM against every node it may run on: who fails over where, from when, and the fix.
help-audit-paths = Inventory files (avma.inventory/1 JSON) or evidence folders and files.
help-audit-warn-days = A node licence ending within this many days puts its VMs at risk from that date.
help-audit-format = { help-format }
help-ledger = The AVMA activation ledger: which VM activated from which host, when, with what outcome.
help-ledger-paths = Evidence folders and files of the nodes and guests.
help-ledger-validity-days = How long an AVMA activation is taken to last (not documented; 7 is a community figure).
help-ledger-format = { help-format }
help-simulate = Play a what-if scenario (failovers, nodes down, licences lapsing, upgrades) day by day.
help-simulate-scenario = The scenario (TOML): nodes, VMs and timed events; see docs/simulate.md.
help-simulate-days = Days to play (overrides the scenario's `days`).
help-simulate-write-evidence = Write the evidence the cluster would produce at the end into this folder (one folder per machine).
help-simulate-evtx = Write event logs as .evtx instead of XML (needs a build with the `evtx` feature).
help-simulate-format = { help-format }
help-rules = List every rule avma reports, with its code, name and severity.
help-rules-format = { help-format }
help-rules-write-docs = Write one Markdown page per rule into this folder (how docs/rules is made).
help-collect = Print the read-only PowerShell script that collects, on one machine, the evidence avma reads (run it on every cluster node and in every guest).
help-collect-output = Write the script to FILE (with a UTF-8 BOM, for Windows PowerShell 5.1) instead of standard output.
help-demo = Tell the walkthrough's story with avma: look-ups, the plan, and the lint of its runbook.
help-completions = Print a shell completion script.
help-completions-shell = The shell to complete for.
help-man = Print the man page (roff).
help-possible-values = Possible values: { $values }
help-default-value = Default: { $value }
matrix-cell-yes = yes
matrix-cell-unverified = yes?
value-yes = yes
value-no = no
value-enabled = enabled
value-disabled = DISABLED
value-data-exchange = Data Exchange
value-build = (build { $build })
value-minutes-days = { $minutes } min ({ $days } d)
## lead
# Why a value was left out of a cmd.exe command (shell.rs RefuseReason::CmdMeta).
help-report = One self-contained HTML report of one or many clusters: summary, nodes with licence countdowns, the VM × node matrix, the timeline, findings with fixes, facts per machine.
help-report-paths = Evidence folders (a folder of machine folders is one cluster; a folder of such folders is a fleet, one cluster each), cmdlet exports, inventories (avma.inventory/1 JSON).
help-report-output = Write the report to FILE (the format follows its extension: .html, .md, .txt).
help-report-format = The format (default: from the file's extension, else html).
help-report-warn-days = A node licence ending within this many days is a warning.
help-report-crit-days = A node licence ending within this many days is critical.
help-report-now = Judge at this time instead of the clock (RFC 3339, e.g. 2026-12-01T09:00:00Z): reproducible reports.
help-check = A monitoring check (Nagios, Icinga, Monitoring Plugins, Checkmk, Prometheus): one status line, perfdata, exit code 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN.
help-check-paths = Evidence folders, cmdlet exports or inventories of one or many clusters (as for `report`).
help-check-warn-days = WARNING when a node licence lapses within this many days.
help-check-crit-days = CRITICAL when a node licence lapses within this many days (or has lapsed).
help-check-max-age = Evidence older than this many hours is stale: WARNING (never OK).
help-check-format = { help-format }
help-check-output = Write to FILE instead of standard output (for a textfile collector: written whole, then renamed into place).
help-check-now = Judge at this time instead of the clock (RFC 3339).
lint-same-use-repeated = { $key } is used the same way on { $n } more line(s) up to here; the findings above apply to them too.
lint-client-key = { $key } is { $what }, a Windows client key, not a Windows Server key: it does not fit { $target }. { $fits }

## collect
bundle-not-zip = named like a zip archive but it is not one (it does not start with PK); not read
bundle-too-many = { $count } entries, more than the { $limit } a collection bundle may hold; not read (a zip bomb?)
bundle-too-big = entry { $entry } expands to { $size } bytes, more than the { $limit } one file may have; the bundle is not read (a zip bomb?)
bundle-total = its entries expand to { $size } bytes in all, more than the { $limit } a bundle may have; not read (a zip bomb?)
bundle-ratio = entry { $entry } expands { $ratio } times its compressed size (limit { $limit }); the bundle is not read (a zip bomb?)
bundle-lying = entry { $entry } holds more data than its header declares; the bundle is not read (a zip bomb?)
bundle-unsafe-name = entry { $entry } ignored: its path leaves the bundle (.., an absolute or a drive path)
bundle-symlink = entry { $entry } ignored: a symbolic link
bundle-encrypted = entry { $entry } ignored: it is encrypted
bundle-entry-unreadable = entry { $entry } could not be read ("{ $detail }"); the other entries are used
collect2-synopsis = Collects the evidence avma reads, on this machine or on a whole failover cluster, into one zip. Read-only: it changes nothing.
collect2-description =
    Run it in an elevated Windows PowerShell 5.1: powershell -ExecutionPolicy Bypass -File .\collect.ps1
    A script copied from another machine may be blocked by Windows: run Unblock-File .\collect.ps1 first.
    It only reads, and writes one folder and one zip (avma-bundle-COMPUTER-TIME.zip) under your profile,
    never under Windows; the zip's path is printed at the end. Every step is recorded in manifest.json
    (command, status, duration, error); a step that fails is recorded and the others go on.
    Then, on any machine: avma diagnose bundle.zip, avma audit bundle.zip.
collect2-reads =
    It reads: licensing (CIM SoftwareLicensingProduct and SoftwareLicensingService, partial keys only),
    edition and build (registry, DISM /English), the sppsvc and vmickvpexchange services, the licensing,
    AVMA and Data Exchange events and the failover and migration events of the last -Days days
    (filtered on the machine); on hosts the VMs, their Data Exchange state, each guest's OS through the
    KVP intrinsic exchange items, and the cluster's nodes, groups, possible and preferred owners;
    in a guest its KVP registry values (HKLM\SOFTWARE\Microsoft\Virtual Machine\Guest\Parameters).
collect2-param-scope = node: this machine. cluster: every node of this failover cluster, over PowerShell remoting. guest: this machine as a guest VM.
collect2-param-outdir = Where the bundle goes (default: your profile; a folder under Windows is never used).
collect2-param-days = How many days of events to read (default 30).
collect2-param-credential = The account that reaches the other cluster nodes (default: yours).
collect2-param-guestcredential = An account inside the guests: each running guest is then collected too, over PowerShell Direct. Without it, the manifest lists the guests to run -Scope guest in.
collect2-example = powershell -ExecutionPolicy Bypass -File .\collect.ps1 -Scope cluster -GuestCredential (Get-Credential)
collect2-c-messages = Messages shown while the script runs.
collect2-c-machine = What is read on one machine (locally, over remoting, or inside a guest). Every step is measured and recorded.
collect2-c-identity = Name, build and edition (registry, Get-ComputerInfo, DISM /English), and the editions DISM can convert to.
collect2-c-licensing = Licensing with the AVMA block (partial keys only), the licensing service, and the services AVMA needs.
collect2-c-kvp-guest = In a guest: the KVP values the host gave it (its VM id and name, its host).
collect2-c-events = Events of the last -Days days, filtered on the machine by the catalog's IDs and providers; a missing log is recorded.
collect2-c-hyperv = On a Hyper-V host: the VMs (with VMId) and their integration services (Data Exchange).
collect2-c-kvp-host = Each guest's OS as the host sees it: the KVP intrinsic exchange items (OSName, OSVersion, OSBuildNumber, OSEditionId, ProductType, FullyQualifiedDomainName).
collect2-c-cluster = On one failover cluster node: the nodes, the groups, possible owners (VM resources) and preferred owners (VM groups).
collect2-c-out = The bundle: one folder per machine and manifest.json, zipped under the profile.
collect2-m-windows-dir = { $dir } is under Windows; the bundle goes to { $instead } instead.
collect2-m-machine = avma: collecting { $machine } ({ $via })...
collect2-m-unreached = { $machine } could not be collected ({ $error }); recorded in the manifest.
collect2-m-step-failed = { $step } failed on { $machine }: { $error }
collect2-m-no-cluster = This machine is not a failover cluster node ({ $error }); collecting this machine only.
collect2-m-guests-todo = Guests not entered (give -GuestCredential, or run the script with -Scope guest in each): { $guests }
collect2-m-zip-failed = Compress-Archive failed ({ $error }); the folder holds the same evidence.
collect2-m-folder = avma: evidence folder: { $dir }
collect2-m-done = avma: bundle written: { $zip }
collect2-m-next = Next, on any machine with avma: avma diagnose "{ $zip }"   avma audit "{ $zip }"
help-avma-at = Judge as of this date (YYYY-MM-DD, midnight UTC) or RFC 3339 time instead of the evidence's own time (its collection time, else its newest event or file).
help-collect-scope = What the script collects by default: node (this machine), cluster (every node of its failover cluster, over PowerShell remoting) or guest (this machine as a guest). Its -Scope parameter changes it when run.
help-collect-days = How many days of events the script reads by default (its -Days parameter).
help-collect-after =
    How to run it, on a cluster node, in an elevated Windows PowerShell:

      avma collect --scope cluster -o collect.ps1
      powershell -ExecutionPolicy Bypass -File .\collect.ps1

    A script copied from another machine may be blocked: run `Unblock-File .\collect.ps1` first. -Credential PSCREDENTIAL reaches the other nodes as another user; -GuestCredential PSCREDENTIAL also enters each running guest over PowerShell Direct; -Days N (default 30) is how far back events are read; -OutDir DIR chooses where the bundle goes (never under Windows).

    What it reads: licensing (CIM SoftwareLicensingProduct and SoftwareLicensingService, partial keys only, never a whole key), edition and build (registry, DISM /English), services, the licensing, AVMA, Data Exchange, failover and migration events of the last N days (filtered on the machine), and on hosts the VMs, their Data Exchange state, each guest's OS as the host sees it (KVP intrinsic exchange items), the cluster's nodes, groups and possible and preferred owners; in a guest, its KVP registry values.

    It changes nothing: it only reads, and writes one folder and one zip under your profile (avma-bundle-<COMPUTER>-<time>.zip, its path printed at the end). Analyse it anywhere: `avma diagnose bundle.zip`, `avma audit bundle.zip`.

## damaged
lint-damaged-key = "{ $text }" looks like a damaged copy of { $key } ({ $what }): retype it from the source.
lint-damaged-key-more = { $n } more damaged copies of public keys were found; only the first { $kept } are shown.

## i18n
# The heading of a language's section in docs/rules/*.md, in that language.
rules-doc-language = English
rules-doc-detects = What it detects
rules-doc-why = Why activation fails
rules-doc-evidence = Evidence
rules-doc-fix = Fix
arg-client-kms-key = the KMS client setup key of { $product }
arg-avma-key-of = the AVMA key of { $version } { $family }
arg-kms-key-of = the KMS client setup key of { $version } { $family }
arg-key-described = { $key } ({ $description })
arg-no-published-key = no published key
arg-no-error-code = no error code seen
diag-code-sku-eval = { $code } (the key does not fit this SKU: this is an evaluation edition, which refuses an AVMA or retail key; convert it with DISM /Set-Edition first)
diag-code-sku-not-eval = { $code } (the key does not fit this SKU: { $edition } is not an evaluation edition, so the key is for another edition or version than the one installed)
diag-code-sku-unknown = { $code } (the key does not fit this SKU: it is for another edition or version than the one installed, or, if this is an evaluation edition, one that refuses an AVMA or retail key until converted)
# clap's usage errors, rebuilt from their kind and context (help.rs render_error).
clap-error = error: { $message }
clap-unknown-argument = unexpected argument '{ $arg }' found
clap-invalid-subcommand = unrecognized subcommand '{ $subcommand }'
clap-value-required = a value is required for '{ $arg }' but none was supplied
clap-invalid-value = invalid value '{ $value }' for '{ $arg }'
clap-no-equals = an equal sign is needed when assigning values to '{ $arg }'
clap-too-many-values = unexpected value '{ $value }' for '{ $arg }' found; no more were expected
clap-too-few-values = { $min } values required by '{ $arg }'; only { $actual } given
clap-wrong-number-of-values = { $expected } values required for '{ $arg }' but { $actual } given
clap-missing-required = the following required arguments were not provided:
clap-missing-subcommand = '{ $command }' requires a subcommand but one was not provided
clap-possible-values = possible values: { $values }
clap-subcommands = subcommands: { $values }
clap-argument-repeated = the argument '{ $arg }' cannot be used more than once
clap-argument-conflict = the argument '{ $arg }' cannot be used with '{ $other }'
clap-argument-conflict-others = the argument '{ $arg }' cannot be used with one or more of the other arguments given
clap-invalid-utf8 = an argument is not valid UTF-8
clap-other = the command line could not be read
clap-tip-similar-subcommand = tip: a similar subcommand exists: '{ $names }'
clap-tip-similar-argument = tip: a similar argument exists: '{ $names }'
clap-tip-similar-value = tip: a similar value exists: '{ $names }'
clap-tip-double-dash = tip: to pass '{ $arg }' as a value, use '-- { $arg }'
clap-try-help = For more information, try '{ $flag }'.
# A value quoted as the tool printed it (slmgr /xpr's sentence), in its own language.
value-as-read = "{ $text }"
# The names of command placeholders (`<the node's Datacenter key>`), by their English name
# (avma_i18n::placeholder_id): the English text must stay the name itself.
placeholder-the-node-s-datacenter-key = the node's Datacenter key
placeholder-the-host-s-datacenter-key = the host's Datacenter key
placeholder-your-datacenter-key = your Datacenter key
placeholder-a-kms-client-mak-or-retail-key-of-this-version = a KMS client, MAK or retail key of this version
placeholder-vm-name = VM name
placeholder-vm-role-name = VM role name
placeholder-node-name = node name
placeholder-product-key = product key
placeholder-key = key
placeholder-name = name
placeholder-value = value
placeholder-your-domain = your domain
placeholder-new-dc = new DC

## judge
fact-evidence-dated = evidence time { $time }: { $source ->
    [collected] the collection time the collector recorded
    [event] the newest event in the evidence
   *[other] the newest modification time of an evidence file
}
diag-host-expiring-on = The licence of { $host } lapses on { $date }, in { $days } day(s) (channel { $channel }): then it cannot activate guests, and every VM on it or failing over to it loses activation.
diag-host-lapsing-on = { $host } loses its licence on { $date }, in { $days } day(s) (channel { $channel }): its guests lose AVMA activation from then on.
diag-guest-fails-with-host = { $guest } is not activated (status { $status }; { $codes }): the consequence of this host not being activated. Activate the host first.
## loop
simulate-move-delay = After a move (failover, a node going down) a guest shows Notification until AVMA activates it on its new host { $minutes } minute(s) later: an assumption (UNVERIFIED). ⋯ marks a guest waiting for it.
sim-outcome-activated = activated
sim-outcome-moved = the VM's role moved to this node
sim-outcome-guest-not-supported = guest not supported by AVMA (code inferred)
sim-outcome-evaluation = evaluation edition: no AVMA key installed
sim-outcome-kms-key = a KMS client setup key: no AVMA request
sim-outcome-wrong-key = key of another version or edition (code inferred)
sim-outcome-no-key = no product key
sim-outcome-data-exchange-off = Data Exchange off (code inferred)
sim-outcome-host-not-datacenter = host is not Datacenter (code inferred)
sim-outcome-host-not-activated = host not activated
sim-outcome-host-too-old = host older than the guest (code inferred)
sim-outcome-azure-edition-off-azure = Azure Edition guest off Azure Local (code inferred)
sim-outcome-on-azure = not supported on Azure
## captures
reader-xml-unclosed = the XML ends inside a tag, comment or CDATA section (byte { $byte }); the events before it are kept
reader-xml-end-tag = an XML end tag does not match the element it closes (byte { $byte }); the events before it are kept
reader-xml-markup = the XML does not parse (byte { $byte }); the events before it are kept
reader-xml-event-not-closed = the <Event> that starts at byte { $byte } is not closed; the events before it are kept
reader-no-event = no <Event> found
reader-json-eof = not valid JSON: the text ends at line { $line }, column { $column }, before the JSON does
reader-json-syntax = not valid JSON: syntax error at line { $line }, column { $column }
reader-json-not-objects = the JSON is neither an object nor a list of objects
reader-object-unknown = an object with properties { $properties } is not one avma reads
reader-dism-nothing = no DISM edition, version or error found
reader-slmgr-nothing = no slmgr product, key or error found
reader-not-recognized = not recognized as slmgr, DISM, PowerShell (JSON, Format-List or Format-Table) or event (XML, JSON or Event Viewer text) output
evidence-xpr-avma = Automatic VM activation expires { $when }
evidence-xpr-volume = Volume activation expires { $when }
evidence-xpr-timebased = Timebased activation expires { $when }
evidence-xpr-permanent = permanently activated
evidence-xpr-initial-grace = initial grace period ends { $when }
evidence-xpr-additional-grace = additional grace period ends { $when }
evidence-xpr-non-genuine-grace = non-genuine grace period ends { $when }
evidence-xpr-extended-grace = extended grace period ends { $when }
evidence-xpr-notification = in notification mode { $when }
evidence-xpr-unlicensed = unlicensed { $when }
evidence-version-implied = { $versions } { $family }, implied by the { $kind } { $key } (weaker than a build or the OS name)

## render-a
keys-title = Public keys
keys-title-os = Public keys for { $version }
keys-title-client = Windows client keys (KMS client setup keys of Windows 10/11)
keys-title-client-os = Windows client keys of the { $version } era
keys-client-era = Windows 10/11 (of the Windows Server { $versions } era)
rules-title = Rules
rules-footer = Each rule has its page in docs/rules (NAME.md); `avma explain CODE` shows one rule here.
plan-commands-cmd = Command Prompt (cmd)
plan-commands-ps = Windows PowerShell
lint-title = Lint of { $files } file(s): { $errors } error(s), { $warnings } warning(s), { $infos } note(s)
lint-files = Files read
demo-title = The walkthrough, told by avma
help-keys-family = Windows Server keys (the default with a server --os), Windows client keys (the default with --os "Windows 10" or "Windows 11"), or all (the default without --os).
help-demo-format = { help-format }

## render-b
evidence-title = Evidence: { $machines } machine(s) from { $inputs } input(s), { $readable } readable
inventory-title = Inventory of cluster { $cluster }: { $nodes } node(s), { $vms } VM(s)
inventory-vms = VMs
col-item = Item
col-value-evidence = Value [evidence]
col-machine = Machine
col-fact = Fact
col-state = State
col-preferred-owners = Preferred owners
col-data-exchange = Data Exchange
col-event = Event
col-vm-host = VM → host
col-note = Note
help-inventory-format = Output format: json is the inventory file (avma.inventory/1) that avma audit reads; text, md and html show the same nodes and VMs for people.
audit-more-commands = … and { $n } more commands (use --format json for all).
audit-fleet-title = Audit of { $clusters } cluster(s)

## fix-asof
asof-doubt-future = The evidence time { $time } ({ $from }) is in the future of this machine's clock ({ $clock }); it was not used, the evidence is judged as of the next time it tells.
asof-doubt-future-inventory = The inventory's collection time { $time } is in the future of this machine's clock ({ $clock }); it was not used.
asof-doubt-contradicts = The collection time { $collected } ({ $from }) is older than the newest event ({ $event }) by more than a day: one of the two clocks is wrong; check the dates below against the events.
check-node-lapses-from-now = { $node } licence lapses in { $days ->
    [one] 1 day
   *[other] { $days } days
} from now
report-lapses-in-from-today = in { $days } d from today ({ $date })
report-stat-next-lapse-from-today = Next licence lapse, from today
report-stat-next-lapse-of-from-today = Next licence lapse ({ $node }), from today
report-countdowns = Countdowns
report-countdowns-basis = the summary, the node table and avma check count days from today, as monitoring does; the findings count them as of the evidence (its time above); dates are the same.
evidence-is-inventory = an avma inventory, not evidence: audit it with avma audit; not read
audit-owners-able = { $n } node(s) ✓ once the VM's own problem is fixed
## fix-ja
reader-json-too-deep = valid JSON nested deeper than 128 levels (at line { $line }, column { $column }); not read
plan-reason-host-datacenter-only = The host runs { $host }: a Datacenter edition, as AVMA requires (with the Hyper-V role).
plan-reason-host-channel = Its licence channel (OEM, retail, volume) does not matter: OEM and volume licensing are official, the KMS and retail cases rest on a Microsoft support blog and the Azure Local FAQ.
explain-event-head-log = Event { $id } ({ $log } log)
rule-label = { $summary } ({ $code } { $name })
list-separator = {", "}
check-clause-separator = {"; "}

## ja-rest
help-help = Print this message or the help of the given subcommand(s).
help-help-command = The command whose help to print.
input-empty-file = empty file
input-binary = not a text artifact nor an .evtx file (binary data at byte offset { $offset }); not read
input-read-up-to-there = "{ $detail }"; read up to there
input-too-large-text = { $size } bytes: too large for collected command output (limit { $limit }); not read
sim-item-event = event { $n } (day { $day }, { $kind })
sim-vm-owner-not-node = vm { $vm }: owner "{ $owner }" is not a node
sim-vm-possible-owner-not-node = vm { $vm }: possible owner "{ $owner }" is not a node
sim-event-unknown-kind = event { $n } (day { $day }): unknown kind "{ $kind }" (known kinds: "{ $known }")
sim-event-vm-unknown = { $item }: vm "{ $vm }" is not a VM of the scenario
sim-event-node-unknown = { $item }: node "{ $node }" is not a node of the scenario
sim-event-to-unknown = { $item }: to "{ $node }" is not a node of the scenario
sim-event-day-after-last = { $item }: day { $day } is after the last day played ({ $last }); not played
report-days-short = { $n } d
input-kind = { $kind }
input-language = { $language }
ledger-outcome = { $outcome }
node-state = { $state }

## i18n-fin
evtx-wrong-magic = not an EVTX file header (wrong magic at byte offset 0); looking for chunks anyway
evtx-cannot-seek = cannot seek past the file header
evtx-damaged = { $bad } damaged { $bad ->
    [one] chunk
   *[other] chunks
} of { $chunks } (first: { $first }); the readable records are kept
evtx-header-only = an EVTX file header ({ $bytes } bytes) and no chunks: no records in it
evtx-header-truncated = a truncated EVTX file header ({ $bytes } of { $size } bytes) and no chunks: no records in it
evtx-chunk-unreadable = chunk at byte offset { $offset } is not readable ("{ $detail }"); skipped
evtx-chunk-record-count = chunk at byte offset { $offset } claims { $records } records in its header; that count is not used
evtx-chunk-checksum = chunk at byte offset { $offset } has a bad checksum
evtx-record-unreadable = a record in the chunk at byte offset { $offset } is not readable: "{ $detail }"
evtx-chunk-unparsable = chunk at byte offset { $offset } cannot be parsed: "{ $detail }"
evtx-chunk-more = { $first } (and { $more } more in that chunk)
evtx-parser-failed = the EVTX parser failed on the chunk at byte offset { $offset }; skipped
evtx-joined = { $first }; { $then }
evtx-chunk-truncated = truncated: the chunk at byte offset { $offset } has { $got } of { $size } bytes
evtx-zero-filled = the 64 KiB at byte offset { $offset } are zero-filled; skipped
evtx-not-a-chunk = the 64 KiB at byte offset { $offset } are not a chunk (wrong magic); skipped
sim-start-not-date = start: "{ $value }" is not a date (YYYY-MM-DD): "{ $detail }"
sim-validity-zero = validity_days: 0 is not a validity (1 to { $max } days); playing { $playing }
sim-validity-too-long = validity_days: { $value } is more than { $max }; playing { $playing }
sim-move-delay-too-long = move_delay_minutes: { $value } is more than { $max }; playing { $playing }
sim-days-too-many = days: { $value } is more than { $max }; playing { $max }
sim-days-past-last-date = days: { $days } days from { $start } with a validity of { $validity } days would pass 9999-12-31, the last date avma counts; playing { $playing }
sim-node-expires-not-date = node { $node }: expires: "{ $value }" is not a date (YYYY-MM-DD, 0001-01-01 to 9999-12-31)
sim-node-name-empty = node: name is empty
sim-vm-name-empty = vm: name is empty
sim-node-version-unknown = node { $name }: version "{ $value }" is unknown
sim-vm-version-unknown = vm { $name }: version "{ $value }" is unknown
sim-node-edition-unknown = node { $name }: edition "{ $value }" is not an EditionID avma knows
sim-vm-edition-unknown = vm { $name }: edition "{ $value }" is not an EditionID avma knows
sim-key-unknown = vm { $vm }: key "{ $value }" is not avma, kms, none or a public key avma knows
sim-node-name-duplicate = node { $name }: the name is given { $times } times
sim-vm-name-duplicate = vm { $name }: the name is given { $times } times
sim-event-field-missing = { $item }: { $field } is missing
sim-event-node-exists = { $item }: node "{ $node }" is already a node
sim-event-version-unknown = { $item }: version "{ $value }" is unknown
sim-event-edition-unknown = { $item }: edition "{ $value }" is not an EditionID avma knows
clap-invalid-value-reason = invalid value '{ $value }' for '{ $arg }': "{ $reason }"
clap-tip-as-value = tip: to pass '{ $arg }' as a value, use '{ $usage }'
clap-tip-exists = tip: '{ $what }' exists
clap-tip-needless-double-dash = tip: subcommand '{ $subcommand }' exists; to use it, remove the '--' before it
clap-tip-other = tip: "{ $tip }"
ledger-source = { $source }
vm-state = { $state }
service-state = { $state }
service-start-type = { $start }
input-link-dangling = symbolic link to { $target }: "{ $detail }"
input-io = cannot be read: "{ $detail }"

## lead
asof-at-out-of-range = { $value } is outside the dates avma judges at: give a date from 2000-01-01 to 2099-12-31

## events
ledger-outcome-unknown = unknown (the event names no result)
ledger-outcome-result = failed: { $result }
ledger-outcome-code-result = { $outcome } ({ $result })
diag-avma-request-failed = The last AVMA request of { $guest } failed: event { $id } says { $result } (host { $host }); no later success is in the evidence.
fact-avma-request-failed = event { $id }: { $result } (host { $host })
event-level = { $level ->
    [1] Critical
    [2] Error
    [3] Warning
    [4] Information
   *[other] Verbose
}
event-named-host = host { $name }
event-named-guest = guest { $name }
event-time-local = local time, no time zone
## i18n-2
inventory-schema-other = is "{ $schema }", expected "{ $expected }"
inventory-bad-time = "{ $value }" is not a date and time (RFC 3339 such as 2026-12-31T00:00:00Z, years 0001 to 9999)
inventory-name-empty = is empty
inventory-name-two-nodes = names two nodes
inventory-name-two-vms = names two VMs
inventory-node-version-missing = missing or unknown: AVMA capability cannot be judged
inventory-node-edition-missing = missing: AVMA capability cannot be judged
inventory-edition-unknown = "{ $edition }" is not an EditionID avma knows
inventory-license-status-missing = missing: whether the node is activated is unknown
inventory-license-status-bad = { $value } is not a LicenseStatus value (0 to 6)
inventory-grace-too-long = { $value } is more than { $max } minutes (100 years)
inventory-vm-version-missing = missing or unknown: which nodes can activate it cannot be judged
inventory-not-a-node = "{ $name }" is not a node of the inventory
audit-bad-inventory-at = not an avma inventory: at line { $line }, column { $column }, "{ $detail }"
audit-inventory-schema-unknown = an avma inventory of an unknown schema version { $schema } (this avma reads { $expected }); not read
reader-object-empty = an empty JSON object: no property avma reads
explain-message-english = "{ $message }"
man-section-name = NAME
man-section-synopsis = SYNOPSIS
man-section-description = DESCRIPTION
man-section-options = OPTIONS
man-section-extra = EXTRA
man-section-version = VERSION
man-section-authors = AUTHORS
simulate-bad-scenario-at = not a valid scenario: at line { $line }, column { $column }, "{ $detail }"
bundle-damaged-why = a damaged zip archive ({ $reason }); the { $count } entries that could be read are used
zip-no-eocd = no end of central directory record: truncated, or not a zip archive
zip-invalid = the zip library says "{ $detail }"
zip-unsupported = a zip feature avma cannot read: "{ $detail }"
zip-method = compression method { $method }, which avma cannot read
zip-other = the zip library says "{ $detail }"
report-nothing-readable = none of the inputs given could be read (each is named above); nothing to report or audit
collect2-notes = { $collector }, generated by avma { $version }.
collect2-m-via-local = local
collect2-m-via-remoting = remoting
collect2-m-no-such-log = no such log: { $logs }
collect2-m-no-guest-credential = no -GuestCredential
collect2-m-dism-exit = dism.exe exit { $code }
collect2-c-known-logs = The logs this machine has, listed once: a log's real name is found here, never guessed.
collect2-c-step = Runs one step: its output (text) becomes a file of the bundle; a failure is recorded, never fatal.
collect2-c-export-events = Events of one log, filtered at the source; a log this machine does not have is 'missing'.
collect2-c-result = Returned as CliXml text with an explicit depth: remoting keeps nested objects whole.
collect2-c-not-windows = Never under Windows (an elevated prompt starts in System32): the profile, else beside the script.
collect2-c-export = Each machine's files into its own folder; guests entered from a host get theirs too.
learn-locale = en-us
## lint-sem
lint-damaged-key-at = "{ $text }" at column { $column } looks like a damaged copy of { $key } ({ $what }): retype it from the source.
lint-damaged-key-diff = "{ $text }" at column { $column } looks like a damaged copy of { $key } ({ $what }); it has { $diff }: retype it from the source.
lint-damaged-char = "{ $got }" for "{ $want }" at character { $pos }
lint-key-look-alike = { $key } is typed with { $chars } instead of ASCII letters, digits and hyphens: slmgr and DISM do not read it as the key, so the command fails. Retype it as { $key }.
lint-hidden-character = This line holds { $chars } (first at column { $column }), invisible or a bidirectional control: what the page shows is not what a console runs. Delete the character and retype the line.
lint-avma-key-on-host = { $key } ({ $what }) is installed on the Hyper-V host: an AVMA key is for guests. Activate the host with its own Datacenter key and run this command in the guest.
lint-data-exchange-off = This command turns off the Data Exchange (Key-Value Pair Exchange) integration service of VM { $vm }: AVMA cannot activate the guest without it. Leave it on.
lint-host-standard = The text uses a Standard edition host for AVMA: only an activated Datacenter host activates AVMA guests.
lint-guest-not-supported = The text counts { $version } among the guests AVMA activates, but AVMA activates Windows Server 2012 R2 and later guests only: activate them with KMS, MAK or a retail key.
lint-target-several = several target versions (the first named on line { $line }): each command is judged by its own section, table row or branch
## tables
evidence-key-redacted = key installed (redacted in the capture)
evidence-redacted = redacted in the capture
reader-table-too-wide = the table at line { $line } has { $count } columns: only the first { $max } are read
reader-table-cell-unreadable = line { $line }: { $columns }: the text runs over its column and cannot be told from the cell beside it; not read
reader-table-cells-unreadable-more = { $count } more row(s) of this table have cells that could not be read
reader-table-overflow = { $count } row(s) of this table are wider than its columns (the first at line { $first }): read word by word, no word cut

## readers-2
reader-xpr-seen-wording = the slmgr /xpr message "{ $message }" was read by a wording seen in public fragments, not checked against Microsoft's own text (UNVERIFIED)
reader-several-machines = this file seems to hold more than one machine ({ $names })
reader-several-machines-unnamed = this file seems to hold more than one machine; none of them is named in it
reader-ocr-channel = the channel { $token } was read from a token with a zero for the letter O, as text recognition writes it

## readers-3
evidence-why-system-model = its system model is a Hyper-V virtual machine, at { $at }
evidence-status-reason = licence status reason
reader-maybe-several-machines = the output after line { $line } names another product or computer than the output before it: this file seems to hold more than one machine, so the facts on either side are not compared as one machine's
reader-systeminfo-seen-wording = systeminfo's Japanese labels and values were read by the wording seen in captures, not checked against Microsoft's own text (UNVERIFIED)

## lint-3
lint-host-too-old = { $key } ({ $what }) is installed for a guest newer than the hosts this text states (line { $host_line }: { $host }): a host activates guests of its own version and older only. Run the guest on a host of its version or later, or activate it with KMS or MAK.
## readers-4
evidence-xpr-dated = expires { $when } (unverified wording: read by its date and time)
reader-xpr-dated-wording = the slmgr message "{ $message }" was read by its date and time alone, its wording not checked against Microsoft's own text (UNVERIFIED)
evidence-set-edition = Set-Edition
evidence-set-edition-key = { $edition } with the key { $key }
asof-logged = the newest line time stamp of the log, at { $from }
diag-kvp-no-contact = The Data Exchange integration service of VM { $vm } is enabled on { $host }, but the guest does not answer ({ $status }): AVMA cannot activate it until the guest's Data Exchange service runs.
fact-integration-status = integration service "{ $name }" enabled, status { $status }
value-enabled-status = enabled, { $status }
## diag-3
diag-guest-kms-key-codes = { $guest } holds …{ $last5 } ({ $key }), a KMS client setup key: it looks for a KMS host instead of using AVMA. Codes seen: { $codes }.
diag-version-implied-by-key = version { $version }, implied by the installed key …{ $last5 } (no build in the evidence; weaker than a build: the AVMA key below is that version's)
diag-host-evaluation = { $host } runs { $edition }, an evaluation edition: whether an evaluation host activates AVMA guests no source says (UNVERIFIED), and its licence ends with the evaluation, taking its guests' activation with it. Convert it to retail Datacenter with your own key.
diag-guest-host-not-activated = { $guest } fails with { $codes }: the root cause is the Hyper-V host it runs on ({ $host }), not the guest; /ato in the guest alone fails again. On the host: install its Datacenter key and activate it (the first commands). Then in the guest: activate and check again (the last commands).
arg-host-not-in-evidence = not named in the evidence
diag-host-too-old-fd03 = { $guest } fails with { $codes }. Most likely the guest is newer than the Hyper-V host it runs on (a node not upgraded yet): that the code means this cause is an inference (UNVERIFIED); the code's text is Microsoft's (official). The evidence has no host to compare. In the guest, read which host it runs on; on the cluster, move the VM to an activated Datacenter node whose version is { $version } or later and keep it on such nodes; then in the guest, activate and check again.
arg-guest-version-unknown = the guest's own version
placeholder-node-of-the-guest-s-version-or-later = node of the guest's version or later
diag-nothing-to-judge = Nothing could be read from { $inputs }: nothing to judge (this is no clean bill of health).
diag-machine-nothing-to-judge = { $machine }: nothing but its name could be read from { $inputs }: nothing to judge.
diag-all-healthy-judged = No problem found in the evidence that could be judged.
diag-no-machine-to-judge = No machine in the evidence: nothing to judge.
## readers-5
reader-avma-left-over = the AVMA host { $host } is left over from an earlier AVMA activation: the licence's channel is { $channel }, so this machine is not activated by AVMA now
evidence-avma-left-over = left over: the licence's channel is { $channel }, not AVMA
reader-guest-service-section = the guest service's state (Get-Service) is taken as the VM { $vm }'s own, the one VM the host's output names, not the host's
## readers-7
evidence-key-tried = Key tried
evidence-key-tried-value = { $key }, refused ({ $code }): not installed
evidence-key-tried-public = { $key } = { $kind } { $versions } { $family }
evidence-edition-changed = Edition changed
evidence-edition-changed-value = to { $edition } (DISM completed; takes effect after the restart)
evidence-edition-changed-from = from { $previous } to { $edition } (DISM completed; takes effect after the restart)
fact-key-tried-other = the key tried with slmgr /ipk, { $key }, is the AVMA key of { $versions } { $family }, not this guest's version and edition: it was refused ({ $code })
## readers-8
evidence-kms-host = KMS host
evidence-kms-registered = { $host } (set by hand)
evidence-kms-discovered = { $host } (found in DNS)
evidence-kms-ip = IP { $ip }
evidence-kms-pid = KMS host's PID { $pid }
evidence-kms-intervals = activation interval { $activation } min, renewal interval { $renewal } min
evidence-source-typed = typed in a table by the user
evidence-typed = typed in a table by the user
evidence-stated-activated = Activated (said)
evidence-stated-activated-yes = yes, as typed in a table by the user (not read from a licence)
evidence-stated-activated-no = no, as typed in a table by the user (not read from a licence)
reader-typed-table = a Markdown table typed by the user was read as facts of the machines its rows name: a statement, weaker than any output captured (a capture that says otherwise is shown as a conflict)
## diag-4
diag-fix-run-on = { $fix }, { $place ->
    [host] on the host
   *[guest] in the guest
}
diag-host-too-old-possible-owner = { $host } runs { $hostversion }, older than { $guest }, and is a node { $vm } may fail over to: after a failover there the guest could not be activated. Keep the VM off that node until it is upgraded.
diag-node-down-level = { $vm } has no evidence from inside its guest, so its version is not known, and the nodes it may run on run different versions. { $host } runs { $hostversion } ({ $owner ->
    [owner] its current owner
   *[possible] a node it may fail over to
}): a guest of { $guestversion }, the newest version of its nodes, cannot be activated there. Check the guest's version; keep a guest newer than { $hostversion } off that node until the node is upgraded.
## names-6
evidence-why-hyperv-feature = the Hyper-V role is installed (Get-WindowsFeature), at { $at }
evidence-why-virtual-platform = its system model or manufacturer is a hypervisor's, at { $at }
evidence-why-guest-service = a guest integration service was queried on it, at { $at }
evidence-why-avma-key = an AVMA key was installed or tried on it, at { $at }
evidence-why-avma-block = slmgr printed its AVMA client block (guest side), at { $at }
evidence-why-prose = the text around the output says so ("{ $word }"), at { $at }
evidence-name-from-file = (file name: no evidence names the machine)
reader-systeminfo-seen-wording-lang = systeminfo's labels in { $lang } were read by the wording admins paste, not checked against Microsoft's own text (UNVERIFIED)
lint-loose-activation-match = This tests slmgr's output for the word "activated" or "licensed": slmgr reports an AVMA or KMS activation without that word ("Automatic VM activation will expire ...", "Volume activation will expire ..."), "Unlicensed" and error texts hold it, and other display languages have neither. Decide on LicenseStatus -eq 1 (CIM), or match the whole sentences.
lint-seven-day-claim = The text gives AVMA a 7-day period: no Microsoft source states one (UNVERIFIED folklore); the official 7 days is the KMS renewal interval. An AVMA activation's own expiry is what slmgr /xpr shows in the guest, and the guest activates again when it starts on an activated host.

## diag-5
diag-edition-change-restart-pending = { $guest } still shows an evaluation edition, but its DISM /Set-Edition to { $edition } completed: only the restart is pending. Do not convert again: restart it, then install the AVMA key and activate.
fact-edition-changed = DISM /Set-Edition to { $edition } completed (takes effect after the restart)
diag-node-listed-only = { $node } is listed as a node of the cluster ({ $state }) and nothing else about it was collected: its version, edition and licence are missing evidence about a node the cluster's VMs may run on. Collect its evidence.
diag-node-listed-only-vms = { $node } is listed as a node of the cluster ({ $state }) and nothing else about it was collected: its version, edition and licence are unknown, so whether { $vms } (which may run on it) can be activated there cannot be judged. Collect its evidence.
fact-node-listed = { $node } listed as a cluster node
fact-kms-by-hand = KMS host set by hand: { $kms } (slmgr /skms; it may be gone)
lint-kvp-service-off = This command stops or disables the guest's Hyper-V Data Exchange service (vmickvpexchange): AVMA talks to the host through it, so the guest cannot be activated. Leave it running (startup type Manual).
lint-host-older-allowed = This states or allows a Hyper-V host older than its guest: a host activates only guests of its own Windows Server version or older (a 2019 host cannot activate a 2022 guest, which fails with 0xC004FD03). Require a host of the guest's version or later.
lint-avma-key-on-eval = This installs the AVMA key { $key } while the text is about an evaluation edition not converted yet: slmgr refuses an AVMA key on an evaluation edition (0xC004F069). Convert it first with DISM /Set-Edition (a key of its own version), restart, then install the AVMA key.
lint-eval-dc-conversion = This converts an evaluation edition that the text says is a domain controller (to { $target }): Microsoft does not support converting an evaluation domain controller. Add a domain controller on a retail server, move the FSMO roles to it and remove AD DS from this one first.
placeholder-current-kms-host = current KMS host
## names-7
evidence-why-vm-list = it lists its VMs with Get-VM, at { $at }
evidence-why-avma-host-of = the AVMA client block of { $guest } names it as its host, at { $at }
