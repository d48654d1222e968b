# AVMA key for this Standard guest, chosen by build
$build = [int](Get-CimInstance Win32_OperatingSystem).BuildNumber
if ($build -ge 17763 -and $build -lt 20348) {
    $key = 'YDFWN-MJ9JR-3DYRK-FXXRW-78VHK'
} elseif ($build -ge 20348) {
    $key = 'YDFWN-MJ9JR-3DYRK-FXXRW-78VHK'
}
cscript //nologo C:\Windows\System32\slmgr.vbs /ipk $key
cscript //nologo C:\Windows\System32\slmgr.vbs /ato
