# jixiao @VERSION@ offline installer for Windows (@TARGET@, Python @PYTHON@).
# No network, no admin rights. Start it with install.bat, which runs it with
# -ExecutionPolicy Bypass so a restricted script policy does not stop it.
#   install.bat [-Python C:\path\to\python.exe] [-NoPath]
[CmdletBinding()]
param(
    [string]$Python = '',
    [switch]$NoPath
)

$ErrorActionPreference = 'Stop'
$Version = '@VERSION@'
$PyWant = '@PYTHON@'
$Bundle = $PSScriptRoot
$Wheels = Join-Path $Bundle 'wheels'
$DataDir = Join-Path $env:LOCALAPPDATA 'jixiao'
$VenvRoot = Join-Path $DataDir 'venvs'
$Venv = Join-Path $VenvRoot $Version
$BinDir = Join-Path $DataDir 'bin'
$Launcher = Join-Path $BinDir 'jixiao.cmd'

function Say([string]$Message) { Write-Host $Message }

function Fail([string]$Message) {
    Write-Host "错误：$Message" -ForegroundColor Red
    exit 1
}

# Runs a program and returns its exit code. Its output goes to the console, never into the
# return value; stderr stays unredirected (Windows PowerShell would turn it into errors).
function Invoke-Program([string]$Exe, [string[]]$Arguments) {
    $ErrorActionPreference = 'Continue'
    & $Exe @Arguments | Out-Host
    return $LASTEXITCODE
}

# "3.11" from a Python command (e.g. @('py', '-3.11')), or $null when it does not run.
function Get-PythonInfo([string[]]$Command) {
    $ErrorActionPreference = 'Continue'
    $exe = $Command[0]
    $rest = @()
    if ($Command.Count -gt 1) { $rest = $Command[1..($Command.Count - 1)] }
    if (-not (Get-Command $exe -ErrorAction SilentlyContinue)) { return $null }
    # no double quotes: Windows PowerShell 5.1 does not escape them for native programs
    $code = 'import sys; print(''%d.%d|%s'' % (sys.version_info[0], sys.version_info[1], sys.executable))'
    try {
        $out = & $exe @rest -c $code 2>$null
    } catch {
        return $null
    }
    if ($LASTEXITCODE -ne 0 -or -not $out) { return $null }
    $parts = ([string]($out | Select-Object -Last 1)).Trim().Split('|', 2)
    if ($parts.Count -ne 2) { return $null }
    return @{ Version = $parts[0]; Exe = $parts[1] }
}

# 1. Checksums first: every listed file must match, every wheel must be listed.
Say '校验安装包 ……'
$sums = Join-Path $Bundle 'SHA256SUMS'
if (-not (Test-Path -LiteralPath $sums -PathType Leaf)) { Fail '安装包不完整：缺少 SHA256SUMS' }
$listed = @{}
foreach ($line in (Get-Content -LiteralPath $sums)) {
    if ($line.Trim() -eq '') { continue }
    if ($line -notmatch '^([0-9a-fA-F]{64}) [ *](.+)$') { Fail "SHA256SUMS 格式不对：$line" }
    $expected = $Matches[1].ToLowerInvariant()
    $name = $Matches[2]
    $file = Join-Path $Bundle $name
    if (-not (Test-Path -LiteralPath $file -PathType Leaf)) {
        Fail "安装包不完整：缺少 $name。请重新拷贝安装包。"
    }
    $actual = (Get-FileHash -LiteralPath $file -Algorithm SHA256).Hash.ToLowerInvariant()
    if ($actual -ne $expected) {
        Fail "安装包校验失败：$name 已损坏或被改动。请重新拷贝安装包，不要安装。"
    }
    $listed[$name] = $true
}
foreach ($wheel in (Get-ChildItem -LiteralPath $Wheels -Filter '*.whl')) {
    if (-not $listed.ContainsKey("wheels/$($wheel.Name)")) {
        Fail "安装包里有未登记的文件：wheels\$($wheel.Name)。请重新拷贝安装包，不要安装。"
    }
}
Say '校验通过。'

# 2. Python @PYTHON@ (the wheels of pydantic-core are built for exactly that version).
if ($Python -ne '') {
    $candidates = @(, @($Python))
} else {
    $candidates = @(@('py', "-$PyWant"), @('python'), @('python3'), @('py', '-3'))
}
$py = $null
$found = $null
foreach ($candidate in $candidates) {
    $info = Get-PythonInfo -Command $candidate
    if ($null -eq $info) { continue }
    if ($info.Version -eq $PyWant) { $py = $info.Exe; break }
    if ($null -eq $found) { $found = "Python $($info.Version)（$($info.Exe)）" }
}
if ($null -eq $py) {
    if ($null -eq $found) {
        Fail "找不到 Python。请先安装 Python $PyWant（需要 3.10 或更新版本），或用 -Python 指定 python.exe 的路径。"
    }
    Fail "此安装包为 Python $PyWant 构建，但找到的是 $found。请用 -Python 指定 Python $PyWant 的 python.exe，或换用为本机 Python 版本构建的安装包（需要 3.10 或更新版本）。"
}
Say "使用 Python ${PyWant}：$py"

# 3. A virtual environment of its own for this version, beside any older one.
New-Item -ItemType Directory -Force -Path $VenvRoot | Out-Null
$backup = $null
if (Test-Path -LiteralPath $Venv) {
    $backup = Join-Path $VenvRoot ".$Version.previous.$PID"
    Rename-Item -LiteralPath $Venv -NewName (Split-Path -Leaf $backup)
}
function Restore-Previous {
    if (Test-Path -LiteralPath $Venv) { Remove-Item -LiteralPath $Venv -Recurse -Force }
    if ($null -ne $backup) { Rename-Item -LiteralPath $backup -NewName $Version }
}
Say "安装到 $Venv ……"
if ((Invoke-Program $py @('-m', 'venv', '--without-pip', $Venv)) -ne 0) {
    Restore-Previous
    Fail "无法创建虚拟环境 $Venv"
}
$pipWheel = Get-ChildItem -LiteralPath $Wheels -Filter 'pip-*.whl' | Select-Object -First 1
if ($null -eq $pipWheel) { Restore-Previous; Fail '安装包不完整：缺少 pip' }
$venvPython = Join-Path $Venv 'Scripts\python.exe'
# pip from the bundle, no index, no machine or user pip configuration.
$env:PIP_CONFIG_FILE = 'nul'
$pipArgs = @(
    (Join-Path $pipWheel.FullName 'pip'), 'install', '--isolated', '--no-index',
    '--find-links', $Wheels, '--no-cache-dir', '--disable-pip-version-check',
    '--no-warn-script-location', '--quiet', "jixiao==$Version"
)
if ((Invoke-Program $venvPython $pipArgs) -ne 0) {
    Restore-Previous
    Fail '安装失败（见上面的信息）。原有的安装没有改动。'
}
$exe = Join-Path $Venv 'Scripts\jixiao.exe'
if ((Invoke-Program $exe @('--version')) -ne 0) {
    Restore-Previous
    Fail '安装后 jixiao 无法启动。原有的安装没有改动。'
}
if ($null -ne $backup) { Remove-Item -LiteralPath $backup -Recurse -Force }

# 4. The launcher points at this version; %LOCALAPPDATA% keeps the file plain ASCII.
New-Item -ItemType Directory -Force -Path $BinDir | Out-Null
$cmd = "@echo off`r`nrem jixiao launcher, written by the jixiao installer`r`n" +
    "rem jixiao-version: $Version`r`n" +
    "`"%LOCALAPPDATA%\jixiao\venvs\$Version\Scripts\jixiao.exe`" %*`r`n"
$tmp = "$Launcher.tmp"
[System.IO.File]::WriteAllText($tmp, $cmd, [System.Text.Encoding]::ASCII)
Move-Item -LiteralPath $tmp -Destination $Launcher -Force
foreach ($name in @('uninstall.ps1', 'uninstall.bat')) {
    Copy-Item -LiteralPath (Join-Path $Bundle $name) -Destination (Join-Path $DataDir $name) -Force
}

# 5. The launcher folder on the user's PATH (no admin rights: HKCU only).
$onPath = $false
$key = [Microsoft.Win32.Registry]::CurrentUser.CreateSubKey('Environment')
$raw = [string]$key.GetValue('Path', '', [Microsoft.Win32.RegistryValueOptions]::DoNotExpandEnvironmentNames)
$entries = @($raw.Split(';') | Where-Object { $_ -ne '' })
foreach ($entry in $entries) {
    if ([Environment]::ExpandEnvironmentVariables($entry).TrimEnd('\') -ieq $BinDir) { $onPath = $true }
}
if (-not $onPath -and -not $NoPath) {
    $newPath = (@($entries) + $BinDir) -join ';'
    if ($raw.Contains('%')) {
        # keep %VARIABLES% in the user's PATH unexpanded (REG_EXPAND_SZ), then tell Windows
        $key.SetValue('Path', $newPath, [Microsoft.Win32.RegistryValueKind]::ExpandString)
        [Environment]::SetEnvironmentVariable('JIXIAO_PATH_REFRESH', '1', 'User')
        [Environment]::SetEnvironmentVariable('JIXIAO_PATH_REFRESH', $null, 'User')
    } else {
        [Environment]::SetEnvironmentVariable('Path', $newPath, 'User')
    }
    $env:Path = "$env:Path;$BinDir"
}
$key.Close()

Say ''
Say "已安装 jixiao $Version。"
if ($onPath -or -not $NoPath) {
    Say '启动：jixiao（新打开的命令行窗口里可直接输入）'
} else {
    Say "启动：$Launcher"
}
$store = $env:JIXIAO_DB
if (-not $store) { $store = Join-Path $DataDir 'jixiao.db' }
Say "存储文件：$store（升级、卸载都不会改动它）"
Say "卸载：$(Join-Path $DataDir 'uninstall.bat')"
foreach ($old in (Get-ChildItem -LiteralPath $VenvRoot -Directory)) {
    if ($old.Name -eq $Version -or $old.Name.StartsWith('.')) { continue }
    Say "旧版本 $($old.Name) 仍保留在 $($old.FullName)；确认新版本可用后可用 uninstall.bat -Old 删除。"
}
exit 0
