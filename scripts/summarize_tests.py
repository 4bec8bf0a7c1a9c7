"""Prints one closing line, 'tests: N passed, N failed', over the Maven and unittest logs."""
import re
import sys

passed = failed = skipped = 0
mvn_log, py_log = sys.argv[1], sys.argv[2]
with open(mvn_log, encoding="utf-8", errors="replace") as f:
    for line in f:
        # the per-module totals: "Tests run: 12, Failures: 0, Errors: 0, Skipped: 0" without " -- in "
        m = re.search(r"Tests run: (\d+), Failures: (\d+), Errors: (\d+), Skipped: (\d+)$", line.strip())
        if m and " in " not in line:
            run, fail, err, skip = map(int, m.groups())
            passed += run - fail - err - skip
            failed += fail + err
            skipped += skip
with open(py_log, encoding="utf-8", errors="replace") as f:
    text = f.read()
ran = re.findall(r"^Ran (\d+) tests?", text, re.M)
if ran:
    run = int(ran[-1])
    tail = text[text.rfind("Ran "):]
    fails = sum(int(n) for n in re.findall(r"(?:failures|errors)=(\d+)", tail))
    skips = sum(int(n) for n in re.findall(r"skipped=(\d+)", tail))
    passed += run - fails - skips
    failed += fails
    skipped += skips
else:
    failed += 1  # the Python suite did not even report
print(f"tests: {passed} passed, {failed} failed, {skipped} skipped")
