#!/usr/bin/env bash
# The one command that runs every test on a fresh machine: `./test.sh`.
# Extra arguments go to `dotnet test` (for example --filter "FullyQualifiedName~Gateway").
set -euo pipefail
cd "$(dirname "$0")"
dotnet test FbaMesh.sln -c Release --logger "console;verbosity=minimal" "$@"
