#!/bin/sh
# jixiao @VERSION@ offline installer for Linux (@TARGET@, Python @PYTHON@).
# POSIX sh, no network, no admin rights. Usage: sh install.sh [--python PATH] [--no-path] [--force]
#   --python PATH  the Python @PYTHON@ interpreter to use (default: python@PYTHON@, then python3)
#   --no-path      do not add ~/.local/bin to PATH in ~/.profile (and ~/.bash_profile)
#   --force        replace a ~/.local/bin/jixiao that this installer did not write
set -eu

VERSION='@VERSION@'
PY_WANT='@PYTHON@'
MARK='# jixiao launcher, written by the jixiao installer'
PROFILE_MARK='# added by the jixiao installer'

say() { printf '%s\n' "$*"; }
die() { printf '错误：%s\n' "$*" >&2; exit 1; }

python_arg=${JIXIAO_PYTHON:-}
edit_path=1
force=0
while [ $# -gt 0 ]; do
    case $1 in
        --python) [ $# -ge 2 ] || die "--python 后面需要 Python 的路径"; python_arg=$2; shift ;;
        --python=*) python_arg=${1#--python=} ;;
        --no-path) edit_path=0 ;;
        --force) force=1 ;;
        -h|--help) sed -n '2,7p' "$0"; exit 0 ;;
        *) die "不认识的参数：$1（可用：--python PATH、--no-path、--force）" ;;
    esac
    shift
done

[ -n "${HOME:-}" ] || die "HOME 未设置"
case $python_arg in
    */*) case $python_arg in /*) ;; *) python_arg=$PWD/$python_arg ;; esac ;;
esac
BUNDLE=$(cd "$(dirname "$0")" && pwd -P)
DATA=${XDG_DATA_HOME:-$HOME/.local/share}/jixiao
VENV=$DATA/venvs/$VERSION
BIN=$HOME/.local/bin
LAUNCHER=$BIN/jixiao

# 1. Checksums first: every listed file must match, every wheel must be listed.
say "校验安装包 ……"
cd "$BUNDLE"
[ -f SHA256SUMS ] || die "安装包不完整：缺少 SHA256SUMS"
if command -v sha256sum >/dev/null 2>&1; then
    sumcheck() { sha256sum -c SHA256SUMS; }
elif command -v shasum >/dev/null 2>&1; then
    sumcheck() { shasum -a 256 -c SHA256SUMS; }
else
    die "找不到 sha256sum（coreutils），无法校验安装包"
fi
if ! report=$(sumcheck 2>&1); then
    printf '%s\n' "$report" | grep -v ': OK$' >&2 || true
    die "安装包校验失败：文件已损坏或被改动。请重新拷贝安装包，不要安装。"
fi
for wheel in wheels/*.whl; do
    awk '{ print $2 }' SHA256SUMS | grep -Fxq "$wheel" \
        || die "安装包里有未登记的文件：$wheel。请重新拷贝安装包，不要安装。"
done
say "校验通过。"

# 2. Python @PYTHON@ (the wheels of pydantic-core are built for exactly that version).
py_version() {
    "$1" -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null
}
PY=
found=
try_python() {
    path=$(command -v "$1" 2>/dev/null) || return 1
    version=$(py_version "$path") || return 1
    if [ "$version" = "$PY_WANT" ]; then PY=$path; return 0; fi
    [ -n "$found" ] || found="Python $version（$path）"
    return 1
}
if [ -n "$python_arg" ]; then
    try_python "$python_arg" || true
else
    try_python "python$PY_WANT" || try_python python3 || try_python python || true
fi
if [ -z "$PY" ]; then
    if [ -z "$found" ]; then
        die "找不到 Python。请先安装 Python $PY_WANT（需要 3.10 或更新版本），或用 --python 指定路径。"
    fi
    die "此安装包为 Python $PY_WANT 构建，但找到的是 $found。请用 --python 指定 Python $PY_WANT 的路径，或换用为本机 Python 版本构建的安装包（需要 3.10 或更新版本）。"
fi
"$PY" -c 'import sys; sys.exit(sys.version_info < (3, 10))' \
    || die "需要 Python 3.10 或更新版本（$PY）"
"$PY" -c 'import venv' 2>/dev/null || die "$PY 缺少 venv 模块（Debian 系统上请安装 python3-venv）"
say "使用 Python $PY_WANT：$PY"

if [ -e "$LAUNCHER" ] && [ "$force" = 0 ] && ! grep -Fq "$MARK" "$LAUNCHER" 2>/dev/null; then
    die "$LAUNCHER 已存在且不是本安装程序写的。请先移走它，或加 --force 覆盖。"
fi

# 3. A virtual environment of its own for this version, beside any older one.
mkdir -p "$DATA/venvs"
backup=
if [ -e "$VENV" ]; then
    backup=$DATA/venvs/.$VERSION.previous.$$
    mv "$VENV" "$backup"
fi
restore() {
    rm -rf "$VENV"
    if [ -n "$backup" ]; then mv "$backup" "$VENV"; fi
}
say "安装到 $VENV ……"
if ! "$PY" -m venv --without-pip "$VENV"; then
    restore
    die "无法创建虚拟环境 $VENV"
fi
pip_wheel=
for wheel in wheels/pip-*.whl; do pip_wheel=$BUNDLE/$wheel; done
[ -f "$pip_wheel" ] || { restore; die "安装包不完整：缺少 pip"; }
# pip from the bundle, no index, no machine or user pip configuration.
if ! PIP_CONFIG_FILE=/dev/null "$VENV/bin/python" "$pip_wheel/pip" install --isolated \
    --no-index --find-links "$BUNDLE/wheels" --no-cache-dir --disable-pip-version-check \
    --no-warn-script-location --quiet "jixiao==$VERSION"; then
    restore
    die "安装失败（见上面的信息）。原有的安装没有改动。"
fi
if ! "$VENV/bin/jixiao" --version >/dev/null; then
    restore
    die "安装后 jixiao 无法启动。原有的安装没有改动。"
fi
[ -z "$backup" ] || rm -rf "$backup"

# 4. The launcher on the user's PATH points at this version (written atomically).
mkdir -p "$BIN"
quoted=$(printf '%s' "$VENV/bin/jixiao" | sed "s/'/'\\\\''/g")
tmp=$LAUNCHER.tmp.$$
{
    say '#!/bin/sh'
    say "$MARK"
    say "# jixiao-version: $VERSION"
    say "exec '$quoted' \"\$@\""
} >"$tmp"
chmod 755 "$tmp"
mv -f "$tmp" "$LAUNCHER"
cp "$BUNDLE/uninstall.sh" "$DATA/uninstall.sh"
chmod 755 "$DATA/uninstall.sh"

on_path=0
case ":${PATH:-}:" in *":$BIN:"*) on_path=1 ;; esac
if [ "$on_path" = 0 ] && [ "$edit_path" = 1 ]; then
    # bash reads ~/.bash_profile or ~/.bash_login instead of ~/.profile when they exist
    for profile in "$HOME/.profile" "$HOME/.bash_profile" "$HOME/.bash_login"; do
        [ "$profile" = "$HOME/.profile" ] || [ -f "$profile" ] || continue
        if ! grep -Fq "$PROFILE_MARK" "$profile" 2>/dev/null; then
            if [ -s "$profile" ]; then printf '\n' >>"$profile"; fi
            # shellcheck disable=SC2016  # $HOME and $PATH expand at login, not now
            printf '%s\nexport PATH="$HOME/.local/bin:$PATH"\n' "$PROFILE_MARK" >>"$profile"
        fi
    done
fi

say ""
say "已安装 jixiao $VERSION。"
if [ "$on_path" = 1 ]; then
    say "启动：jixiao"
elif [ "$edit_path" = 1 ]; then
    say "启动：$LAUNCHER（已把 ~/.local/bin 加入 ~/.profile 的 PATH，重新登录后可直接输入 jixiao）"
else
    say "启动：$LAUNCHER（~/.local/bin 不在 PATH 上）"
fi
say "存储文件：${JIXIAO_DB:-$DATA/jixiao.db}（升级、卸载都不会改动它）"
say "卸载：sh $DATA/uninstall.sh"
for old in "$DATA"/venvs/*; do
    if [ ! -d "$old" ] || [ "$old" = "$VENV" ]; then continue; fi
    say "旧版本 ${old##*/} 仍保留在 $old；确认新版本可用后可用 sh $DATA/uninstall.sh --old 删除。"
done
