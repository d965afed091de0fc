#!/bin/sh
# `alliance timeline` over the whole ATOP record against `alliance run --as-of Y` once per
# year, side by side in one run (docs/performance.md, "The timeline").
#
#   bench/timeline.sh [BINARY] [FROM] [TO]
#
# BINARY defaults to target/release/alliance (build it first with `cargo build --release`).
set -eu
B=${1:-target/release/alliance}
FROM=${2:-1816}
TO=${3:-2016}
FILE=${TMPDIR:-/tmp}/atop_all.alliance
"$B" import atop -o "$FILE"

now() { date +%s.%N; }

start=$(now)
"$B" timeline "$FILE" --from "$FROM" --to "$TO" > /dev/null
timeline=$(echo "$(now) - $start" | bc)

start=$(now)
y=$FROM
while [ "$y" -le "$TO" ]; do
    "$B" run --as-of "$y" "$FILE" > /dev/null
    y=$((y + 1))
done
per_year=$(echo "$(now) - $start" | bc)

echo "years:                     $FROM-$TO ($((TO - FROM + 1)))"
echo "alliance timeline:         ${timeline} s"
echo "alliance run --as-of each: ${per_year} s"
echo "speed-up:                  $(echo "scale=1; $per_year / $timeline" | bc)x"
