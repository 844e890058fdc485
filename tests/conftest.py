"""Test set-up shared by every test module: a quiet TensorFlow and a non-interactive matplotlib."""

import os

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")
os.environ.setdefault("MPLBACKEND", "Agg")
os.environ.setdefault("HELPERS_LIVE_PLOTS", "0")
