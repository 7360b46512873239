#!/usr/bin/python3
"""Markdown tables of the defaults study (docs/DEFAULTS.md) from STUDY/results/*/compare.csv:
one row per configuration, one column per validation set, each cell NDCG@10 / AUC-full.

    /usr/bin/python3 docs/scripts/defaults_study_tables.py STUDY
"""
import csv
import glob
import os
import sys

SETS = ["tutorial", "dense1700", "mls", "half-users", "synth"]
BASELINES = {"most popular"}
SKIP = {"global mean", "damped biases", "random"}


def main():
    study = sys.argv[1]
    cells = {}
    for path in glob.glob(os.path.join(study, "results", "*", "compare.csv")):
        name = os.path.basename(os.path.dirname(path))
        data_set = next(s for s in SETS if name.startswith(s + "-"))
        for row in csv.DictReader(open(path)):
            model = row["model"].removesuffix(".yaml")
            if model in SKIP:
                continue
            cells.setdefault(model, {})[data_set] = (float(row["ndcg@10"]), float(row["auc_full"]))
    families = {}
    for model in cells:
        family = "baseline" if model in BASELINES else model.split("-")[0]
        families.setdefault(family, []).append(model)
    for family in ["baseline", "bpr", "ials", "ease", "knn"]:
        models = sorted(families.get(family, []))
        if not models:
            continue
        print("| %s | %s |" % (family, " | ".join(SETS)))
        print("|---|" + "---|" * len(SETS))
        for model in models:
            row = []
            for s in SETS:
                cell = cells[model].get(s)
                row.append("%.4f / %.4f" % cell if cell else "–")
            print("| %s | %s |" % (model, " | ".join(row)))
        print()


if __name__ == "__main__":
    main()
