@rem jixiao offline installer: runs install.ps1 without admin rights, whatever the script policy.
@"%SystemRoot%\System32\WindowsPowerShell\v1.0\powershell.exe" -NoProfile -ExecutionPolicy Bypass -File "%~dp0install.ps1" %* & exit /b
