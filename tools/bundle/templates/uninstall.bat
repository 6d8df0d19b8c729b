@rem jixiao uninstaller: runs uninstall.ps1 without admin rights, whatever the script policy.
@rem One line, so cmd has read it whole before uninstall.ps1 deletes this file's copy.
@"%SystemRoot%\System32\WindowsPowerShell\v1.0\powershell.exe" -NoProfile -ExecutionPolicy Bypass -File "%~dp0uninstall.ps1" %* & exit /b
