#!/bin/sh
# check-po.sh SOURCE_ROOT
# Fails when a catalogue has an untranslated or fuzzy message (against a
# freshly extracted template, so new strings count), or when po/POTFILES.in
# misses a file with translatable strings.
set -eu
root=${1:?source root}
cd "$root"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
status=0

# 1. Every file with translatable strings is listed.
listed="$tmp/listed"
sed -e 's/#.*//' -e '/^[[:space:]]*$/d' po/POTFILES.in | sort > "$listed"
found="$tmp/found"
{
  grep -rlE '(^|[^A-Za-z0-9_])(_|N_|C_|NC_|g_dngettext|ngettext)[[:space:]]*\(' src --include='*.c' || true
  grep -rl 'translatable="yes"' ui src --include='*.ui' || true
  find data -maxdepth 1 \( -name '*.desktop.in' -o -name '*.metainfo.xml.in' -o -name '*.gschema.xml' -o -name '*.mime.xml' \) || true
} | sort -u > "$found"
missing=$(comm -13 "$listed" "$found")
if [ -n "$missing" ]; then
  echo "po/POTFILES.in misses files with translatable strings:"
  echo "$missing" | sed 's/^/  /'
  status=1
fi
gone=$(while read -r f; do [ -e "$f" ] || echo "$f"; done < "$listed")
if [ -n "$gone" ]; then
  echo "po/POTFILES.in lists files that do not exist:"
  echo "$gone" | sed 's/^/  /'
  status=1
fi

# 2. A fresh template, merged into each catalogue: nothing untranslated or fuzzy.
xgettext --package-name=taskmap --from-code=UTF-8 --add-comments=Translators \
  --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
  --keyword=g_dngettext:2,3 --keyword=ngettext:1,2 \
  --flag=g_strdup_printf:1:c-format --flag=g_set_error:4:c-format \
  --files-from=po/POTFILES.in --directory=. -o "$tmp/taskmap.pot" 2>"$tmp/xgettext.log" || {
    cat "$tmp/xgettext.log"; exit 1; }
for lang in $(sed -e 's/#.*//' po/LINGUAS); do
  po="po/$lang.po"
  if [ ! -f "$po" ]; then
    echo "$po is missing"
    status=1
    continue
  fi
  msgmerge --quiet --no-fuzzy-matching "$po" "$tmp/taskmap.pot" -o "$tmp/$lang.po"
  stats=$(LC_ALL=C msgfmt --check --statistics -o /dev/null "$tmp/$lang.po" 2>&1)
  echo "$lang: $stats"
  case "$stats" in
    *untranslated*|*fuzzy*) status=1
      msgattrib --untranslated --only-fuzzy "$tmp/$lang.po" 2>/dev/null | head -n 0
      msgattrib --untranslated "$tmp/$lang.po" | grep '^msgid' | head -n 20 | sed 's/^/  untranslated: /'
      msgattrib --only-fuzzy "$tmp/$lang.po" | grep '^msgid' | head -n 20 | sed 's/^/  fuzzy: /' ;;
  esac
  LC_ALL=C msgfmt --check -o /dev/null "$po" || status=1
done
exit $status
