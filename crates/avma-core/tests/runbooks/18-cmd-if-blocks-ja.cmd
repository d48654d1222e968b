@echo off
rem ============================================================
rem  AVMA キー投入スクリプト (ゲスト OS で管理者として実行)
rem  ビルド番号とエディションで投入するキーを選びます
rem ============================================================
setlocal
for /f "tokens=3" %%b in ('reg query "HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion" /v CurrentBuildNumber ^| find "CurrentBuildNumber"') do set BUILD=%%b
for /f "tokens=3" %%e in ('reg query "HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion" /v EditionID ^| find "EditionID"') do set EDITION=%%e

if "%BUILD%"=="20348" (
    if /i "%EDITION%"=="ServerDatacenter" (
        set KEY=W3GNR-8DDXR-2TFRP-H8P33-DV9BG
    ) else (
        set KEY=YDFWN-MJ9JR-3DYRK-FXXRW-78VHK
    )
) else if "%BUILD%"=="17763" (
    if /i "%EDITION%"=="ServerDatacenter" (
        set KEY=H3RNG-8C32Q-Q8FRX-6TDXV-WMBMW
    ) else (
        set KEY=TNK62-RXVTB-4P47B-2D623-4GF74
    )
) else if "%BUILD%"=="14393" (
    if /i "%EDITION%"=="ServerStandard" (
        set KEY=C3RCX-M6NRP-6CXC9-TW2F2-4RHYD
    ) else (
        set KEY=H3RNG-8C32Q-Q8FRX-6TDXV-WMBMW
    )
) else (
    echo 対象外のビルドです: %BUILD%
    exit /b 1
)

if /i "%EDITION%"=="ServerStandard" if "%BUILD%"=="17763" echo 2019 Standard: %KEY%

cscript //nologo %windir%\system32\slmgr.vbs /ipk %KEY%
cscript //nologo %windir%\system32\slmgr.vbs /ato
endlocal
