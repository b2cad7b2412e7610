#!/usr/bin/env bash
# Rebuilds eng/packages/adaptivecards.3.1.0.nupkg from its nuspec (dotnet pack refuses a package with no content: NU5017).
set -euo pipefail
cd "$(dirname "$0")/packages"
rm -f adaptivecards.3.1.0.nupkg && (cd AdaptiveCards.placeholder && zip -q -X ../adaptivecards.3.1.0.nupkg AdaptiveCards.nuspec)
