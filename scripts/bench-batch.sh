#!/usr/bin/env bash
# Batch pre-screening throughput and peak memory of the `shuzhuan` CLI (release build).
# Generates ROWS applicant rows (default 100 000: varied industries, districts in and out of
# Fuzhou, sizes across the bands, some blanks, one bad row in 50, a unique credit code each), screens them for one programme
# and for all four, and prints rows/s and max RSS from /usr/bin/time -v. Figures go to
# docs/performance.md ("Batch pre-screening").
# Usage: scripts/bench-batch.sh [ROWS]
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS="${1:-100000}"
DIR=target/tmp/bench-batch
mkdir -p "$DIR"
cargo build --release --locked -q -p shuzhuan-cli
BIN=target/release/shuzhuan

awk -v rows="$ROWS" 'BEGIN {
  split("1761 1711 3973 3670 3985 1821 6511 176 5211", ind, " ");
  split("350104 350112 350181 350203 330782 鼓楼区 长乐区 -", dis, " ");
  split("是 否 -", lp, " "); split("无 有 无 -", cr, " ");
  # A unique, valid credit code per row (GB 32100-2015 check character), so the duplicate set is measured.
  alpha = "0123456789ABCDEFGHJKLMNPQRTUWXY"; split("1 3 9 27 19 26 16 17 20 29 25 13 8 24 10 30 28", w, " ");
  print "企业名称,统一社会信用代码,行业代码,从业人员,营业收入(万元),资产总额(万元),所在区县,独立法人,近三年不良信用记录,备注";
  for (i = 0; i < rows; i++) {
    k = i * 7919;
    d = dis[k % 8 + 1]; if (d == "-") d = "";
    l = lp[k % 3 + 1]; if (l == "-") l = "";
    c = cr[k % 4 + 1]; if (c == "-") c = "";
    emp = 5 + k % 1200; if (i % 50 == 49) emp = "约" emp;   # one bad row in 50
    base = sprintf("91350100%09d", i); sum = 0;
    for (j = 1; j <= 17; j++) sum += (index(alpha, substr(base, j, 1)) - 1) * w[j];
    cc = 31 - sum % 31; if (cc == 31) cc = 0;
    printf "\"企业%d, 有限公司\",%s%s,%s,%s,%d.%d,%d,%s,%s,%s,备注%d\n", i, base, substr(alpha, cc + 1, 1), ind[k % 9 + 1], emp, 50 + k % 45000, k % 10, 100 + k % 9000, d, l, c, i;
  }
}' > "$DIR/in.csv"
echo "input: $ROWS rows, $(du -h "$DIR/in.csv" | cut -f1)"

# Best of three runs (the machine may be shared): wall time, CPU time (user + sys), max RSS.
run() {
  local label="$1"; shift
  local best=""
  for _ in 1 2 3; do
    rm -f "$DIR/out.csv"   # not timed: truncating the last run's output would be
    /usr/bin/time -f "%e %U %S %M" -o "$DIR/time.txt" "$BIN" batch "$DIR/in.csv" -o "$DIR/out.csv" --as-of 2025-06-30 "$@" 2>"$DIR/summary.txt" >/dev/null
    local line; line=$(cat "$DIR/time.txt")
    if [ -z "$best" ] || awk -v a="$line" -v b="$best" 'BEGIN { split(a, x, " "); split(b, y, " "); exit !(x[1] < y[1]) }'; then best="$line"; fi
  done
  awk -v l="$label" -v r="$ROWS" -v t="$best" 'BEGIN {
    split(t, x, " "); cpu = x[2] + x[3];
    printf "%-30s wall %5.2f s = %7.0f rows/s   CPU %5.2f s = %7.0f rows/s   max RSS %5.1f MB\n", l, x[1], r / x[1], cpu, r / cpu, x[4] / 1024 }'
  head -2 "$DIR/summary.txt" | tail -1
}
run "one programme (fuzhou-2024)" --programme fuzhou-2024
run "all four programmes" --programme fuzhou-2024 --programme xiamen-2024 --programme jinhua-2024 --programme jinan-2024
echo "output: $(wc -l < "$DIR/out.csv") lines, $(du -h "$DIR/out.csv" | cut -f1)"
