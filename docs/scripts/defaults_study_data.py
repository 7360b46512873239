#!/usr/bin/python3
"""The validation data sets of docs/DEFAULTS.md, written so that no default is ever chosen on a test part.

    /usr/bin/python3 docs/scripts/defaults_study_data.py ../shared/data/ml-latest-small SYNTH_DIR ML100K_LAYOUT_DIR OUT

SYNTH_DIR is the output of `embedrec generate` and ML100K_LAYOUT_DIR that of
../shared/peers/make_ml100k_layout.py run on ml-latest-small. Every set is the *training part* of
its source; `compare` then splits it once more and scores on that validation part:

  OUT/mls          ml-latest-small less a test part (20% of each user's ratings, seed 1)
  OUT/dense1700    OUT/mls restricted to its 1,700 most rated items (ML-100K's catalogue size, and density)
  OUT/half-users   OUT/mls with half of its users (seed 2)
  OUT/synth        the generated data less a test part (20% of each user's ratings, seed 1)
  OUT/tutorial     the ML-100K layout's ua.base as a new ML-100K layout whose ua.test holds 10 random
                   ratings of each user with more than 10 (seed 3): the tutorial protocol (`--split
                   ml100k:ua`) on a validation part of ua.base; ua.test itself is never read
"""
import csv
import os
import random
import shutil
import sys


def read_csv_release(src):
    with open(os.path.join(src, "ratings.csv"), newline="", encoding="utf-8") as f:
        rows = [(r["userId"], r["movieId"], r["rating"], r["timestamp"]) for r in csv.DictReader(f)]
    return rows


def write_csv_release(rows, src, out):
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "ratings.csv"), "w", newline="", encoding="utf-8") as f:
        f.write("userId,movieId,rating,timestamp\n")
        for r in rows:
            f.write(",".join(r) + "\n")
    shutil.copy(os.path.join(src, "movies.csv"), os.path.join(out, "movies.csv"))
    users = len({r[0] for r in rows})
    items = len({r[1] for r in rows})
    print("wrote %s: %d ratings, %d users, %d items, density %.4f" % (out, len(rows), users, items,
                                                                       len(rows) / (users * items)))


def training_part(rows, fraction, seed):
    """Each user's ratings less a random `fraction` of them (at least one kept): the test part is dropped."""
    rng = random.Random(seed)
    by_user = {}
    for r in rows:
        by_user.setdefault(r[0], []).append(r)
    kept = []
    for user in by_user:
        rs = by_user[user]
        test = set(rng.sample(range(len(rs)), min(len(rs) - 1, int(round(fraction * len(rs))))))
        kept.extend(r for k, r in enumerate(rs) if k not in test)
    return kept


def densest_items(rows, n):
    counts = {}
    for r in rows:
        counts[r[1]] = counts.get(r[1], 0) + 1
    top = set(sorted(counts, key=lambda i: (-counts[i], int(i)))[:n])
    return [r for r in rows if r[1] in top]


def half_users(rows, seed):
    users = sorted({r[0] for r in rows}, key=int)
    keep = set(random.Random(seed).sample(users, len(users) // 2))
    return [r for r in rows if r[0] in keep]


def tutorial_validation(layout, out, seed):
    os.makedirs(out, exist_ok=True)
    for name in ("u.item", "u.genre", "u.info", "u.user"):
        shutil.copy(os.path.join(layout, name), os.path.join(out, name))
    with open(os.path.join(layout, "ua.base")) as f:
        rows = [line.split("\t") for line in f.read().splitlines() if line]
    with open(os.path.join(out, "u.data"), "w") as f:
        f.writelines("\t".join(r) + "\n" for r in rows)
    by_user = {}
    for r in rows:
        by_user.setdefault(int(r[0]), []).append(r)
    rng = random.Random(seed)
    with open(os.path.join(out, "ua.base"), "w") as fb, open(os.path.join(out, "ua.test"), "w") as ft:
        for u in sorted(by_user):
            rs = sorted(by_user[u], key=lambda x: int(x[1]))
            test = set(rng.sample(range(len(rs)), 10)) if len(rs) > 10 else set()
            for k, r in enumerate(rs):
                (ft if k in test else fb).write("\t".join(r) + "\n")
    print("wrote %s: ua.base of %s split again (%d users)" % (out, layout, len(by_user)))


def main():
    mls_src, synth_src, layout, out = sys.argv[1:5]
    mls = training_part(read_csv_release(mls_src), 0.2, 1)
    write_csv_release(mls, mls_src, os.path.join(out, "mls"))
    write_csv_release(densest_items(mls, 1700), mls_src, os.path.join(out, "dense1700"))
    write_csv_release(half_users(mls, 2), mls_src, os.path.join(out, "half-users"))
    write_csv_release(training_part(read_csv_release(synth_src), 0.2, 1), synth_src, os.path.join(out, "synth"))
    tutorial_validation(layout, os.path.join(out, "tutorial"), 3)


if __name__ == "__main__":
    main()
