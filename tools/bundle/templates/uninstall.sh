#!/bin/sh
# jixiao uninstaller for Linux. POSIX sh. Removes the program, never the store.
# Usage: sh uninstall.sh [--old]
#   (no option)  remove every installed version, the launcher and the PATH lines it added
#   --old        remove only the versions the launcher no longer uses (after an upgrade)
set -eu

MARK='# jixiao launcher, written by the jixiao installer'
PROFILE_MARK='# added by the jixiao installer'

say() { printf '%s\n' "$*"; }
die() { printf '错误：%s\n' "$*" >&2; exit 1; }

only_old=0
while [ $# -gt 0 ]; do
    case $1 in
        --old) only_old=1 ;;
        -h|--help) sed -n '2,5p' "$0"; exit 0 ;;
        *) die "不认识的参数：$1（可用：--old）" ;;
    esac
    shift
done

[ -n "${HOME:-}" ] || die "HOME 未设置"
DATA=${XDG_DATA_HOME:-$HOME/.local/share}/jixiao
LAUNCHER=$HOME/.local/bin/jixiao
STORE=${JIXIAO_DB:-$DATA/jixiao.db}

current=
ours=0
if [ -f "$LAUNCHER" ] && grep -Fq "$MARK" "$LAUNCHER"; then
    ours=1
    current=$(sed -n 's/^# jixiao-version: //p' "$LAUNCHER")
fi

if [ "$only_old" = 1 ] && [ -z "$current" ]; then
    die "找不到 jixiao 启动命令 $LAUNCHER，无法判断哪个是当前版本；未删除任何内容。"
fi

removed=0
for venv in "$DATA"/venvs/* "$DATA"/venvs/.*.previous.*; do
    [ -d "$venv" ] || continue
    version=${venv##*/}
    if [ "$only_old" = 1 ] && [ "$version" = "$current" ]; then continue; fi
    rm -rf "$venv"
    say "已删除 jixiao $version：$venv"
    removed=1
done

if [ "$only_old" = 1 ]; then
    [ "$removed" = 1 ] || say "没有旧版本可删除。"
    [ -z "$current" ] || say "当前版本 $current 保留。"
else
    if [ "$ours" = 1 ]; then
        rm -f "$LAUNCHER"
        say "已删除启动命令：$LAUNCHER"
    elif [ -e "$LAUNCHER" ]; then
        say "$LAUNCHER 不是 jixiao 安装程序写的，未改动。"
    fi
    rmdir "$DATA/venvs" 2>/dev/null || true
    for profile in "$HOME/.profile" "$HOME/.bash_profile" "$HOME/.bash_login"; do
        if [ ! -f "$profile" ] || ! grep -Fq "$PROFILE_MARK" "$profile"; then continue; fi
        # drop our marker line, the PATH line right after it and the blank line before it
        tmp=$profile.jixiao.$$
        awk -v mark="$PROFILE_MARK" '
            skip == 1 { skip = 0; if ($0 ~ /\.local\/bin/) next }
            $0 == mark { held = 0; skip = 1; next }
            held == 1 { print ""; held = 0 }
            $0 == "" { held = 1; next }
            { print }
            END { if (held == 1) print "" }
        ' "$profile" >"$tmp" && cat "$tmp" >"$profile"
        rm -f "$tmp"
        say "已从 ${profile##*/} 去掉 jixiao 安装程序加的 PATH 行。"
    done
    rm -f "$DATA/uninstall.sh"
    [ "$removed" = 1 ] || [ "$ours" = 1 ] || say "没有找到已安装的 jixiao。"
fi

if [ -e "$STORE" ]; then
    say "存储文件保留在：$STORE（卸载不会删除它；不再需要时可自行备份或删除）"
else
    say "存储文件位置：$STORE（目前不存在；卸载从不删除它）"
fi
