#!/usr/bin/env bash
# swift-format's rules (.swift-format) on every tracked Swift file but the generated protobuf code;
# any finding fails. Run by make lint.
#
# `swift format lint` also reports every place its pretty-printer would lay code out differently
# (Indentation, Spacing, AddLines, RemoveLine, TrailingComma, LineLength). Those findings cannot be
# switched off in the configuration (swiftlang/swift-format#764), and this code base is not laid
# out by the pretty-printer: reformatting it wholesale would only make every branch conflict. They
# are left out here; trailing white space is not.
set -uo pipefail
cd "$(dirname "$0")/.."
layout='\[(Indentation|Spacing|AddLines|RemoveLine|TrailingComma|LineLength)\]'
files=$(git ls-files '*.swift' | grep -v '/Generated/')
findings=$(echo "$files" | xargs swift format lint --configuration .swift-format --parallel 2>&1 | grep -Ev "$layout")
if [ -n "$findings" ]; then
  echo "$findings"
  echo "lint-swift: $(echo "$findings" | wc -l) finding(s) of the rules in .swift-format"
  exit 1
fi
echo "lint-swift: $(echo "$files" | wc -l) files follow the rules in .swift-format"
