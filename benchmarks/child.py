"""Run ``newslens ARGS`` and print its peak memory (MB, with --jobs workers) as the last line on stderr.

Peak memory is VmHWM from /proc/self/status: unlike ``ru_maxrss`` it is not
carried over from the parent across fork and exec.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tui.launch import main  # the console script's entry point


def peak_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


if __name__ == "__main__":  # --jobs starts worker processes that import this module
    import resource

    code = main()  # reads sys.argv like the console script
    # --jobs workers are children: their peak (ru_maxrss of terminated children, KB) counts once per worker
    workers = int(sys.argv[sys.argv.index("--jobs") + 1]) if "--jobs" in sys.argv else 0
    child_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024 if workers > 1 else 0
    print(f"peak-memory-mb {peak_mb() + workers * child_mb:.1f}", file=sys.stderr)
    sys.exit(code)
