#!/bin/sh
# The Debian package as a user gets it: built with CPack, unpacked in a clean folder (dpkg -x,
# no root needed), and the unpacked vidcost run from there. It must find its own catalog, and
# carry its man page and shell completions; bash must complete with it.
# Usage: tests/package_test.sh BUILD_DIR
set -eu
build="$1"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

(cd "$build" && cpack -G DEB -B "$work/out" > "$work/cpack.log" 2>&1) || { cat "$work/cpack.log"; exit 1; }
deb="$(ls "$work"/out/vidcost_*.deb)"
case "$(basename "$deb")" in
  vidcost_[0-9]*_"$(dpkg --print-architecture)".deb) ;;
  *) echo "unexpected package name: $deb"; exit 1 ;;
esac
# Dependencies come from the binary (dpkg-shlibdeps). The default build links statically
# (VIDCOST_STATIC): no shared library, so no Depends at all; otherwise the C library and the
# shared libraries it loads.
depends="$(dpkg-deb -f "$deb" Depends || true)"
if readelf -d "$build/vidcost" | grep -q NEEDED; then
  for lib in libc6 libstdc++6 libedit2; do
    echo "$depends" | grep -q "$lib" || { echo "Depends lacks $lib: $depends"; exit 1; }
  done
else
  [ -z "$depends" ] || { echo "a static vidcost needs no package, yet Depends is: $depends"; exit 1; }
fi

dpkg -x "$deb" "$work/root"
bin="$work/root/usr/bin/vidcost"
for f in usr/share/vidcost/pricing/kling.toml usr/share/vidcost/pricing/compute.toml usr/share/man/man1/vidcost.1 \
         usr/share/bash-completion/completions/vidcost usr/share/zsh/vendor-completions/_vidcost \
         usr/share/fish/vendor_completions.d/vidcost.fish; do
  test -f "$work/root/$f" || { echo "missing from the package: $f"; exit 1; }
done

# The unpacked binary prices from the catalog beside it, not from the source tree.
out="$(cd "$work" && env -u VIDCOST_CATALOG "$bin" compare kling/2.1/pro@5s --offer api --as-of 2026-11-28 --format csv)"
echo "$out" | grep -q '^kling/2.1/pro@5s,kling,2.1,pro' || { echo "compare from the package failed: $out"; exit 1; }
# ... and from no other: with Hailuo taken out of the unpacked catalog, Hailuo is unknown.
rm "$work/root/usr/share/vidcost/pricing/hailuo.toml"
if (cd "$work" && env -u VIDCOST_CATALOG "$bin" compare hailuo > /dev/null 2>&1); then
  echo "the unpacked vidcost read a catalog other than its own"; exit 1
fi

# bash completes with the installed script and binary.
got="$(PATH="$work/root/usr/bin:$PATH" bash -c '. "$1"; COMP_WORDS=(vidcost pri); COMP_CWORD=1; _vidcost; echo "${COMPREPLY[*]}"' \
       bash "$work/root/usr/share/bash-completion/completions/vidcost")"
[ "$got" = "price" ] || { echo "bash completed 'pri' to '$got'"; exit 1; }
got="$(PATH="$work/root/usr/bin:$PATH" bash -c '. "$1"; COMP_WORDS=(vidcost compare --format j); COMP_CWORD=3; _vidcost; echo "${COMPREPLY[*]}"' \
       bash "$work/root/usr/share/bash-completion/completions/vidcost")"
[ "$got" = "json" ] || { echo "bash completed '--format j' to '$got'"; exit 1; }
echo "package ok: $(basename "$deb")"
