# Installs the AVMA key that matches this guest (Windows Server guests on our Datacenter hosts).
$build = [Environment]::OSVersion.Version.Build
switch ($build) {
    # Windows Server 2019
    17763 { $key = 'H3RNG-8C32Q-Q8FRX-6TDXV-WMBMW' }
    # Windows Server 2022
    20348 { $key = 'W3GNR-8DDXR-2TFRP-H8P33-DV9BG' }
}
cscript //nologo "$env:windir\system32\slmgr.vbs" /ipk $key
