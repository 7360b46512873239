#!/usr/bin/env bash
# The defaults study of docs/DEFAULTS.md: every configuration of ials, ease and item-knn below (one
# option moved from the default at a time, then the combinations the first round pointed at), and the
# defaults of bpr and bpr-warp, on each validation set of defaults_study_data.py; one compare.csv per
# set and family under STUDY/results. Scored on validation parts only: compare splits each set's
# training part once more (user:0.2, or the tutorial's ua split of ua.base).
#
#   docs/scripts/defaults_study.sh STUDY [SET ...]     # STUDY/sets from defaults_study_data.py
set -euo pipefail
study=${1:?usage: defaults_study.sh STUDY [SET ...]}
shift
sets=("$@")
[ ${#sets[@]} -gt 0 ] || sets=(tutorial dense1700 mls half-users synth)
here=$(cd "$(dirname "$0")/../.." && pwd)
configs=$study/configs
mkdir -p "$configs" "$study/results"

config() {  # config NAME MODEL KEY=VALUE...
  local name=$1 model=$2
  shift 2
  { echo "model: $model"; echo "options:"; for kv in "$@"; do echo "  ${kv%%=*}: ${kv#*=}"; done; } > "$configs/$name.yaml"
}

ials=() ease=() knn=()
for d in 32 64 128; do config ials-d$d ials dimensions=$d; ials+=(ials-d$d); done
for a in 0.01 0.02 0.1 0.2 0.5; do config ials-a$a ials unobservedWeight=$a; ials+=(ials-a$a); done
for l in 0.005 0.01 0.05 0.1; do config ials-l$l ials regularization=$l; ials+=(ials-l$l); done
for n in 0 0.5; do config ials-nu$n ials regularizationExponent=$n; ials+=(ials-nu$n); done
config ials-e30 ials epochs=30; ials+=(ials-e30)
for l in 50 100 200 400 800 1600; do config ease-l$l ease lambda=$l; ease+=(ease-l$l); done
for k in 25 50 100 200 400; do config knn-k$k item-knn neighbours=$k; knn+=(knn-k$k); done
for s in 0 50 200; do config knn-s$s item-knn shrinkage=$s; knn+=(knn-s$s); done
for w in tfidf bm25; do config knn-$w item-knn weighting=$w; knn+=(knn-$w); done
# round two, where round one's tables pointed (docs/DEFAULTS.md): more neighbours, α₀ and λ near the
# default, and every rating as a positive
round2=()
for k in 800 1600; do config knn-k$k item-knn neighbours=$k; round2+=(knn-k$k); done
config knn-k400-tfidf item-knn neighbours=400 weighting=tfidf; round2+=(knn-k400-tfidf)
for a in 0.03 0.07; do config ials-a$a ials unobservedWeight=$a; round2+=(ials-a$a); done
for l in 0.015 0.04; do config ials-l$l ials regularization=$l; round2+=(ials-l$l); done
config ials-all ials positiveThreshold=all; round2+=(ials-all)
config ease-l300 ease lambda=300; round2+=(ease-l300)
# round three: every rating as an interaction (positives for training; relevance in the test stays >= 4)
round3=()
config ials-all-c0.5 ials positiveThreshold=all confidence=0.5; round3+=(ials-all-c0.5)
config ials-all-d128 ials positiveThreshold=all dimensions=128; round3+=(ials-all-d128)
config ials-all-a0.1 ials positiveThreshold=all unobservedWeight=0.1; round3+=(ials-all-a0.1)
config ials-t3 ials positiveThreshold=3; round3+=(ials-t3)
config bpr-all bpr positiveThreshold=all; round3+=(bpr-all)
config ease-all ease positiveThreshold=all; round3+=(ease-all)
config knn-all-k400 item-knn positiveThreshold=all neighbours=400; round3+=(knn-all-k400)
# round four: the iALS candidates on every set
round4=()
config ials-t3 ials positiveThreshold=3; round4+=(ials-t3)
config ials-t3-a0.07 ials positiveThreshold=3 unobservedWeight=0.07; round4+=(ials-t3-a0.07)

join() { local IFS=,; echo "$*"; }
for set in "${sets[@]}"; do
  dir=$study/sets/$set
  split=user:0.2
  [ "$set" = tutorial ] && split=ml100k:ua
  for family in ${FAMILIES:-bpr ials ease knn round2 round3 round4}; do
    case $family in
      bpr) models=bpr,bpr-warp ;;
      ials) models=$(join "${ials[@]/#/$configs/}") ; models=${models//,/.yaml,}.yaml ;;
      ease) models=$(join "${ease[@]/#/$configs/}") ; models=${models//,/.yaml,}.yaml ;;
      knn) models=$(join "${knn[@]/#/$configs/}") ; models=${models//,/.yaml,}.yaml ;;
      round2) models=$(join "${round2[@]/#/$configs/}") ; models=${models//,/.yaml,}.yaml ;;
      round3) models=$(join "${round3[@]/#/$configs/}") ; models=${models//,/.yaml,}.yaml ;;
      round4) models=$(join "${round4[@]/#/$configs/}") ; models=${models//,/.yaml,}.yaml ;;
    esac
    out=$study/results/$set-$family
    [ -f "$out/compare.csv" ] && continue
    "$here/bin/embedrec" compare --data "$dir" --split "$split" --configs "$models" --set threads=2 \
      --resamples 200 --out "$out" > "$out.log" 2>&1 || { echo "failed: $out.log" >&2; exit 1; }
    echo "done $set $family"
  done
done
