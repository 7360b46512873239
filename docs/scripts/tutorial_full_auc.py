#!/usr/bin/python3
"""The Keras triplet tutorial's full_auc, computed by ../shared/peers/seed_models.py itself, on embedrec
BPR model files (safetensors): every item id 0..max counts (the unused id 0 and items without
training data included, scored 0 where the model has no row), as the tutorial and its PyTorch
reproduction rank them. embedrec's own AUC-full ranks only the items the model knows.

    ML100K_DIR=/tmp/ml100k-layout /usr/bin/python3 docs/scripts/tutorial_full_auc.py model.safetensors ...
"""
import json
import os
import struct
import sys

import numpy as np

sys.path.insert(0, os.environ.get("PEERS_DIR", os.path.join(os.path.dirname(__file__), "..", "..", "..", "shared", "peers")))
import seed_models as sm  # noqa: E402

train, test, nu, ni = sm.load_ml100k_implicit()
for path in sys.argv[1:]:
    with open(path, "rb") as f:
        header = json.loads(f.read(struct.unpack("<Q", f.read(8))[0]))
        data = f.read()
    meta = json.loads(header["__metadata__"]["embedrec"])

    def tensor(name):
        start, end = header[name]["data_offsets"]
        return np.frombuffer(data[start:end], dtype="<f4").reshape(header[name]["shape"])

    users = np.zeros((nu, meta["model"]["dimensions"]), dtype=np.float32)
    items = np.zeros((ni, meta["model"]["dimensions"]), dtype=np.float32)
    users[[int(u) for u in meta["users"]]] = tensor("user_factors")
    items[[int(i) for i in meta["items"]]] = tensor("item_factors")
    print("%s: tutorial full_auc %.4f, embedrec auc_full %.4f" % (
        os.path.basename(path), sm.full_auc(users @ items.T, test), meta["info"]["metrics"]["test.auc_full"]))
