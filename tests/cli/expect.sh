#!/usr/bin/env bash
# Runs a command and checks its exit code and that its output (stdout + stderr) matches a regex.
# usage: expect.sh EXIT_CODE REGEX -- command args...
set -u
want=$1 regex=$2
shift 3
out=$("$@" 2>&1)
got=$?
printf '%s\n' "$out"
if [ "$got" -ne "$want" ]; then echo "expect.sh: exit code $got, wanted $want" >&2; exit 1; fi
if ! printf '%s\n' "$out" | grep -Eq -- "$regex"; then echo "expect.sh: output does not match /$regex/" >&2; exit 1; fi
exit 0
