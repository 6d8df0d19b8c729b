@rem jixiao offline installer: runs install.ps1 without admin rights, whatever the script policy.
@"%SystemRoot%\System32\WindowsPowerShell\v1.0\powershell.exe" -NoProfile -ExecutionPolicy Bypass -File "%~dp0install.ps1" %*
@set JIXIAO_RC=%ERRORLEVEL%
@setlocal EnableDelayedExpansion
@rem started by a double click (cmd /c): keep the window open so the messages can be read
@if /i not "!CMDCMDLINE:/c =!"=="!CMDCMDLINE!" pause
@exit /b %JIXIAO_RC%
