# check.sh — sourced by the e2e scripts: counted assertions and the summary line.
#   check NAME COMMAND...   run COMMAND; print "ok   NAME" or "FAIL NAME" and count it
#   check_summary           print "N passed, M failed"; status 0 only when none failed
failures=0 count=0
check() {
  local name=$1; shift
  count=$((count + 1))
  if "$@"; then echo "ok   $name"; else echo "FAIL $name"; failures=$((failures + 1)); fi
}
check_summary() {
  echo "$((count - failures)) passed, $failures failed"
  [ "$failures" = 0 ]
}
