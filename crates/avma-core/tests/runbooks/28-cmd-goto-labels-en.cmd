@echo off
rem AVMA: install the key of this guest's version, then activate
for /f "tokens=3" %%b in ('reg query "HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion" /v CurrentBuildNumber') do set build=%%b
if %build%==17763 goto ws2019
if "%build%"=="20348" goto ws2022
echo Build %build% is not handled here
goto end

:ws2019
cscript //nologo %windir%\system32\slmgr.vbs /ipk YDFWN-MJ9JR-3DYRK-FXXRW-78VHK
goto activate

:ws2022
cscript //nologo %windir%\system32\slmgr.vbs /ipk YDFWN-MJ9JR-3DYRK-FXXRW-78VHK
goto activate

:activate
cscript //nologo %windir%\system32\slmgr.vbs /ato
:end
