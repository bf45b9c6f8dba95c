#!/usr/bin/env bash
# Fails when the tree tracks what does not belong in it: downloaded packages and build artefacts
# (wheels, archives, objects, databases), any binary file at the top level, or a symbolic link
# under Sources/ (production code must not compile files from Tests/). Run by make test and make lint.
set -uo pipefail
cd "$(dirname "$0")/.."
status=0
artefacts=$(git ls-files | grep -E '\.(whl|tar\.gz|tgz|zip|so|o|a|dylib|db|sqlite|sqlite3)$')
if [ -n "$artefacts" ]; then echo "tracked build artefacts or data files:"; echo "$artefacts" | sed 's/^/  /'; status=1; fi
for file in $(git ls-files | grep -v /); do
  if [ -f "$file" ] && ! grep -qI . "$file" && [ -s "$file" ]; then echo "binary file at the top level: $file"; status=1; fi
done
links=$(git ls-files -s Sources | awk '$1 == "120000" {print $4}')
if [ -n "$links" ]; then echo "symbolic links under Sources/:"; echo "$links" | sed 's/^/  /'; status=1; fi
[ $status -eq 0 ] && echo "check-tree: no artefacts, no top-level binaries, no links under Sources/"
exit $status
