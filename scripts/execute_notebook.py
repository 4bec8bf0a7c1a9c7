"""Executes a notebook headless with the java-nas kernel and writes OUT/NAME.ipynb and OUT/NAME.html.

usage: execute_notebook.py NOTEBOOK OUT_DIR [--timeout SECONDS]
"""
import argparse
import os
import sys
import time

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError


def execute(path, kernel_name="java-nas", timeout=1800, cwd=None):
    """Runs every cell; returns (executed notebook, seconds). Raises CellExecutionError on a failing cell."""
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(
        nb,
        kernel_name=kernel_name,
        timeout=timeout,
        startup_timeout=120,
        resources={"metadata": {"path": cwd or os.path.dirname(os.path.abspath(path))}},
    )
    start = time.monotonic()
    client.execute()
    return nb, time.monotonic() - start


def write_outputs(nb, name, out_dir):
    from nbconvert import HTMLExporter

    os.makedirs(out_dir, exist_ok=True)
    ipynb = os.path.join(out_dir, name + ".ipynb")
    nbformat.write(nb, ipynb)
    html, _ = HTMLExporter().from_notebook_node(nb)
    html_path = os.path.join(out_dir, name + ".html")
    with open(html_path, "w", encoding="utf-8") as f:
        f.write(html)
    return ipynb, html_path


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebook")
    parser.add_argument("out_dir")
    # full-mode walkthroughs have cells that train for most of an hour on two cores (03's masked-LM
    # pre-training of BERT-mini); the tests run quick mode with execute()'s own 1800 s
    parser.add_argument("--timeout", type=int, default=int(os.environ.get("JNAS_CELL_TIMEOUT", 4 * 3600)),
                        help="seconds per cell (default 4 h, or JNAS_CELL_TIMEOUT)")
    args = parser.parse_args()
    name = os.path.splitext(os.path.basename(args.notebook))[0]
    try:
        nb, seconds = execute(args.notebook, timeout=args.timeout)
    except CellTimeoutError:
        print(f"execute_notebook: a cell of {args.notebook} ran past {args.timeout} s; give more with --timeout SECONDS "
              f"or JNAS_CELL_TIMEOUT", file=sys.stderr)
        return 1
    except CellExecutionError as e:
        print(f"execute_notebook: a cell of {args.notebook} failed:\n{e}", file=sys.stderr)
        return 1
    ipynb, html = write_outputs(nb, name, args.out_dir)
    print(f"executed {args.notebook} in {seconds:.1f} s -> {ipynb}, {html}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
