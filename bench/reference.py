"""The harness of the bench's PyTorch references: time a training step, then say what the process ran on: which
BLAS, LAPACK and OpenMP libraries it loaded (read from the libraries themselves, and threadpoolctl's view when
importable), torch's build settings, and the variables that steer them. Prints the key/value lines TrainBench reads."""
import ctypes
import os
import re
import time

import torch

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


def run(step, steps, warmup, tokens_per_step):
    """Times {steps} calls of {step} after {warmup} untimed ones (none when steps is 0), then reports the libraries."""
    if steps > 0:
        for _ in range(warmup):
            step()
        t0 = time.perf_counter()
        for _ in range(steps):
            step()
        seconds = time.perf_counter() - t0
        print(f"python_steps_per_s {steps / seconds:.3f}")
        print(f"python_tokens_per_s {steps * tokens_per_step / seconds:.1f}")
    print(f"torch {torch.__version__}, threads {torch.get_num_threads()}")
    report_libraries()
