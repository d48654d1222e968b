<#
.SYNOPSIS
    Installs the AVMA key that fits this guest. Run it inside the guest (console or
    PowerShell Direct), elevated.
.NOTES
    Maintained by the virtualization team. Braces on their own lines, as our style guide says.
#>
$cv = Get-ItemProperty 'HKLM:\SOFTWARE\Microsoft\Windows NT\CurrentVersion'
$build = [int]$cv.CurrentBuildNumber
$edition = $cv.EditionID

if ($build -eq 20348)
{
    if ($edition -eq 'ServerDatacenter')
    {
        $key = 'W3GNR-8DDXR-2TFRP-H8P33-DV9BG'
    }
    else
    {
        $key = 'YDFWN-MJ9JR-3DYRK-FXXRW-78VHK'
    }
}
elseif ($build -eq 17763)
{
    if ($edition -eq 'ServerDatacenter')
    {
        $key = 'H3RNG-8C32Q-Q8FRX-6TDXV-WMBMW'
    }
    else
    {
        # Standard
        $key = 'YDFWN-MJ9JR-3DYRK-FXXRW-78VHK'
    }
}
elseif ($build -eq 14393)
{
    if ($edition -eq 'ServerStandard')
    {
        $key = 'TMJ3Y-NTRTM-FJYXT-T22BY-CWG3J'
    }
    else
    {
        $key = 'TMJ3Y-NTRTM-FJYXT-T22BY-CWG3J'
    }
}
else
{
    Write-Warning "Build $build is not covered by this script"
    return
}

cscript //nologo "$env:windir\system32\slmgr.vbs" /ipk $key
cscript //nologo "$env:windir\system32\slmgr.vbs" /ato
