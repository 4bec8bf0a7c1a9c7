"""PyTorch reference for bench/run train: the same GPT (4 layers, d_model 256, 4 heads, d_inner 1024,
seq 128, batch 16, character vocabulary, Adam) in plain PyTorch, 2 threads. Prints steps/s, then which
BLAS and threading libraries this process loaded and the environment variables that steer them.

    /usr/bin/python3 bench/train_reference.py [VOCAB [STEPS [WARMUP]]]   (defaults 86, 40, 5)

STEPS 0 trains nothing and prints only the libraries and the environment. The bench runs this script
with OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE removed from its environment (see TrainBench)."""
import ctypes
import math
import os
import re
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

torch.set_num_threads(2)
torch.manual_seed(0)
V, T, B, C, L, H, FF = int(sys.argv[1]) if len(sys.argv) > 1 else 86, 128, 16, 256, 4, 4, 1024
STEPS = int(sys.argv[2]) if len(sys.argv) > 2 else 40
WARMUP = int(sys.argv[3]) if len(sys.argv) > 3 else 5

# the variables that choose or tune a BLAS or its threads
ENV_PREFIXES = ("OPENBLAS_", "GOTO", "OMP_", "GOMP_", "KMP_", "MKL_", "BLIS_", "FLEXIBLAS")
ENV_ALWAYS = ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE", "OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "LD_PRELOAD")
LIBRARY = re.compile(r"lib(open)?blas|liblapack|libmkl|libblis|libflexiblas|libgomp|libiomp|libomp")


def loaded_libraries():
    """The BLAS, LAPACK and OpenMP libraries mapped into this process, as real paths."""
    seen = []
    with open("/proc/self/maps") as maps:
        for line in maps:
            path = line.split()[-1] if len(line.split()) >= 6 else ""
            if path.startswith("/") and LIBRARY.search(os.path.basename(path)) and path not in seen:
                seen.append(path)
    return seen


def string_function(lib, name):
    f = getattr(lib, name, None)
    if f is None:
        return None
    f.restype = ctypes.c_char_p
    value = f()
    return value.decode(errors="replace").strip() if value else None


def describe(path):
    """What a loaded library is: its kind and which implementation, version, threading and core type it reports."""
    name = os.path.basename(path)
    try:
        lib = ctypes.CDLL(path)
    except OSError as e:
        return "unknown", f"{name}, cannot be opened: {e}"
    config = string_function(lib, "openblas_get_config")
    if config is not None:
        parts = [config]
        core = string_function(lib, "openblas_get_corename")
        if core:
            parts.append(f"core {core}")
        if hasattr(lib, "openblas_get_parallel"):
            layer = {0: "sequential", 1: "pthreads", 2: "openmp"}.get(lib.openblas_get_parallel(), "?")
            parts.append(f"threading {layer}")
        if hasattr(lib, "openblas_get_num_threads"):
            parts.append(f"{lib.openblas_get_num_threads()} threads")
        return "openblas", ", ".join(parts)
    if hasattr(lib, "MKL_Get_Version_String"):
        buf = ctypes.create_string_buffer(256)
        lib.MKL_Get_Version_String(buf, 256)
        return "mkl", buf.value.decode(errors="replace").strip()
    blis = string_function(lib, "bli_info_get_version_str")
    if blis is not None:
        return "blis", f"BLIS {blis}"
    if hasattr(lib, "flexiblas_current_backend"):
        buf = ctypes.create_string_buffer(256)
        lib.flexiblas_current_backend(buf, 256)
        return "flexiblas", f"FlexiBLAS, backend {buf.value.decode(errors='replace')}"
    if "gomp" in name or "iomp" in name or name.startswith("libomp"):
        return "openmp", f"OpenMP runtime {name}"
    if "/blas/" in path or "/lapack/" in path:  # Debian's alternatives folders of the netlib reference
        version = name.split(".so.")[-1] if ".so." in name else "?"
        return "reference", f"netlib reference {'LAPACK' if 'lapack' in name else 'BLAS'} {version}, single-threaded"
    return "unknown", f"{name}, no known BLAS interface"


def report_libraries():
    kinds, paths = [], {}
    for path in loaded_libraries():
        kind, text = describe(path)
        kinds.append(kind)
        paths.setdefault(text, []).append(path)  # one OpenBLAS is often mapped as libopenblas, libblas and liblapack
    for text, files in paths.items():
        print(f"library {text} ({', '.join(files)})")
    try:
        import threadpoolctl
        for info in threadpoolctl.threadpool_info():
            name = " ".join(str(f) for f in (info.get("internal_api"), info.get("version")) if f)
            fields = [name, f"threading {info['threading_layer']}" if info.get("threading_layer") else None,
                      f"core {info['architecture']}" if info.get("architecture") else None,
                      f"{info.get('num_threads')} threads"]
            print(f"threadpoolctl {threadpoolctl.__version__}: {info.get('user_api')} "
                  + ", ".join(f for f in fields if f) + f" ({info.get('filepath')})")
    except ImportError:
        print("threadpoolctl not importable (Debian: python3-threadpoolctl);"
              " the library lines come from the loaded libraries themselves")
    main = next((k for k in kinds if k in ("openblas", "mkl", "blis", "flexiblas")), None)
    if main is None:
        main = "reference" if "reference" in kinds else "unknown"
    print(f"blas_kind {main}")
    config = torch.__config__.show()
    build = [m.group(0) for m in re.finditer(r"(BLAS_INFO|LAPACK_INFO|USE_MKLDNN|USE_OPENMP)=[^,\s]+", config)]
    capability = re.search(r"CPU capability usage: (\S+)", config)
    if capability:
        build.append(f"CPU capability {capability.group(1)}")
    print("torch_build " + ", ".join(build))
    env = [f"{k}={os.environ[k]}" for k in sorted(os.environ) if k.startswith(ENV_PREFIXES) or k in ENV_ALWAYS]
    unset = [k for k in ENV_ALWAYS if k not in os.environ]
    print("python_env " + ", ".join(env + [f"{k} unset" for k in unset]))


class Attention(nn.Module):
    def __init__(self):
        super().__init__()
        self.c_attn = nn.Linear(C, 3 * C)
        self.c_proj = nn.Linear(C, C)
        self.register_buffer("mask", torch.triu(torch.ones(T, T, dtype=torch.bool), 1))

    def forward(self, x):
        b, t, c = x.shape
        q, k, v = self.c_attn(x).split(C, dim=2)
        q, k, v = (z.view(b, t, H, c // H).transpose(1, 2) for z in (q, k, v))
        att = (q @ k.transpose(-2, -1)) / math.sqrt(c // H)
        att = att.masked_fill(self.mask[:t, :t], float("-inf")).softmax(-1)
        return self.c_proj((att @ v).transpose(1, 2).reshape(b, t, c))


class Layer(nn.Module):
    def __init__(self):
        super().__init__()
        self.ln_1, self.attn, self.ln_2 = nn.LayerNorm(C), Attention(), nn.LayerNorm(C)
        self.mlp = nn.Sequential(nn.Linear(C, FF), nn.GELU(), nn.Linear(FF, C))

    def forward(self, x):
        x = x + self.attn(self.ln_1(x))
        return x + self.mlp(self.ln_2(x))


class Gpt(nn.Module):
    def __init__(self):
        super().__init__()
        self.wte, self.wpe = nn.Embedding(V, C), nn.Embedding(T, C)
        self.h = nn.ModuleList(Layer() for _ in range(L))
        self.ln_f = nn.LayerNorm(C)

    def forward(self, idx):
        x = self.wte(idx) + self.wpe(torch.arange(idx.shape[1]))
        for layer in self.h:
            x = layer(x)
        return self.ln_f(x) @ self.wte.weight.t()


model = Gpt()
opt = torch.optim.Adam(model.parameters(), lr=3e-4)
data = torch.randint(0, V, (100_000,))


def step():
    ix = torch.randint(0, len(data) - T - 1, (B,))
    x = torch.stack([data[i:i + T] for i in ix])
    y = torch.stack([data[i + 1:i + T + 1] for i in ix])
    loss = F.cross_entropy(model(x).view(-1, V), y.view(-1))
    opt.zero_grad()
    loss.backward()
    opt.step()


if STEPS > 0:
    for _ in range(WARMUP):
        step()
    t0 = time.perf_counter()
    for _ in range(STEPS):
        step()
    seconds = time.perf_counter() - t0
    print(f"python_steps_per_s {STEPS / seconds:.3f}")
    print(f"python_tokens_per_s {STEPS * B * T / seconds:.1f}")
print(f"torch {torch.__version__}, threads {torch.get_num_threads()}")
report_libraries()
