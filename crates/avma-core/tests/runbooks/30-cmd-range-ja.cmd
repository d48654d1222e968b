@echo off
rem AVMA キーをビルドで選んでインストールする (Standard のゲスト)
for /f "tokens=3" %%b in ('reg query "HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion" /v CurrentBuildNumber') do set build=%%b
if %build% GEQ 17763 if %build% LSS 20348 (
    cscript //nologo %windir%\system32\slmgr.vbs /ipk TNK62-RXVTB-4P47B-2D623-4GF74
) else (
    cscript //nologo %windir%\system32\slmgr.vbs /ipk YDFWN-MJ9JR-3DYRK-FXXRW-78VHK
)
cscript //nologo %windir%\system32\slmgr.vbs /ato
