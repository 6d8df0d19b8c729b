# jixiao uninstaller for Windows. No admin rights. Removes the program, never the store.
# Start it with uninstall.bat (runs it with -ExecutionPolicy Bypass).
#   uninstall.bat        remove every installed version, the launcher and its PATH entry
#   uninstall.bat -Old   remove only the versions the launcher no longer uses (after an upgrade)
[CmdletBinding()]
param(
    [switch]$Old
)

$ErrorActionPreference = 'Stop'
$DataDir = Join-Path $env:LOCALAPPDATA 'jixiao'
$VenvRoot = Join-Path $DataDir 'venvs'
$BinDir = Join-Path $DataDir 'bin'
$Launcher = Join-Path $BinDir 'jixiao.cmd'
$Mark = 'rem jixiao launcher, written by the jixiao installer'

function Say([string]$Message) { Write-Host $Message }

function Fail([string]$Message) {
    Write-Host "错误：$Message" -ForegroundColor Red
    exit 1
}

$current = $null
$ours = $false
if (Test-Path -LiteralPath $Launcher -PathType Leaf) {
    $text = [System.IO.File]::ReadAllText($Launcher)
    if ($text.Contains($Mark)) {
        $ours = $true
        if ($text -match 'rem jixiao-version: (\S+)') { $current = $Matches[1] }
    }
}
if ($Old -and $null -eq $current) {
    Fail "找不到 jixiao 启动命令 $Launcher，无法判断哪个是当前版本；未删除任何内容。"
}

$removed = $false
if (Test-Path -LiteralPath $VenvRoot) {
    foreach ($venv in (Get-ChildItem -LiteralPath $VenvRoot -Directory -Force)) {
        if ($Old -and $venv.Name -eq $current) { continue }
        try {
            Remove-Item -LiteralPath $venv.FullName -Recurse -Force
        } catch {
            Fail "无法删除 $($venv.FullName)：$($_.Exception.Message)（jixiao 是否仍在运行？请关闭后重试。）"
        }
        Say "已删除 jixiao $($venv.Name)：$($venv.FullName)"
        $removed = $true
    }
}

if ($Old) {
    if (-not $removed) { Say '没有旧版本可删除。' }
    Say "当前版本 $current 保留。"
} else {
    if ($ours) {
        Remove-Item -LiteralPath $Launcher -Force
        Say "已删除启动命令：$Launcher"
    } elseif (Test-Path -LiteralPath $Launcher) {
        Say "$Launcher 不是 jixiao 安装程序写的，未改动。"
    }
    foreach ($dir in @($VenvRoot, $BinDir)) {
        if ((Test-Path -LiteralPath $dir) -and -not (Get-ChildItem -LiteralPath $dir -Force)) {
            Remove-Item -LiteralPath $dir -Force
        }
    }
    # drop the launcher folder from the user's PATH (HKCU only), keeping its other entries
    $key = [Microsoft.Win32.Registry]::CurrentUser.CreateSubKey('Environment')
    $raw = [string]$key.GetValue('Path', '', [Microsoft.Win32.RegistryValueOptions]::DoNotExpandEnvironmentNames)
    $entries = @($raw.Split(';') | Where-Object { $_ -ne '' })
    $kept = @($entries | Where-Object {
        [Environment]::ExpandEnvironmentVariables($_).TrimEnd('\') -ine $BinDir
    })
    if ($kept.Count -ne $entries.Count) {
        $newPath = $kept -join ';'
        if ($raw.Contains('%')) {
            $key.SetValue('Path', $newPath, [Microsoft.Win32.RegistryValueKind]::ExpandString)
            [Environment]::SetEnvironmentVariable('JIXIAO_PATH_REFRESH', '1', 'User')
            [Environment]::SetEnvironmentVariable('JIXIAO_PATH_REFRESH', $null, 'User')
        } else {
            [Environment]::SetEnvironmentVariable('Path', $newPath, 'User')
        }
        Say "已从用户 PATH 去掉 $BinDir。"
    }
    $key.Close()
    foreach ($name in @('uninstall.ps1', 'uninstall.bat')) {
        $copy = Join-Path $DataDir $name
        if (Test-Path -LiteralPath $copy) { Remove-Item -LiteralPath $copy -Force }
    }
    if (-not $removed -and -not $ours) { Say '没有找到已安装的 jixiao。' }
}

$store = $env:JIXIAO_DB
if (-not $store) { $store = Join-Path $DataDir 'jixiao.db' }
if (Test-Path -LiteralPath $store) {
    Say "存储文件保留在：$store（卸载不会删除它；不再需要时可自行备份或删除）"
} else {
    Say "存储文件位置：$store（目前不存在；卸载从不删除它）"
}
exit 0
