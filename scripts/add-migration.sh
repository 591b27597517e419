#!/usr/bin/env bash
# Adds a migration with the same name to both migration sets (SQLite and PostgreSQL).
# Usage: scripts/add-migration.sh AddReferrals
set -euo pipefail
name=${1:?usage: scripts/add-migration.sh MigrationName}
cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null
dotnet build src/Concord.Web -v q -nologo >/dev/null
for provider in Sqlite Postgres; do
  dotnet ef migrations add "$name" --no-build \
    --project src/Concord.Web --context "${provider}ConcordDb" \
    --output-dir "Infrastructure/Database/Migrations/$provider"
done
rm -f src/Concord.Web/design-time.db
# Generated files are marked as generated code in .editorconfig, which already turns nullable analysis and the
# analysers off; the model touches no obsolete API, so the tool's warning switches are not needed either.
sed -i -E '/^#nullable [d]isable$/d; /^#pragma [w]arning (disable|restore) (612, 618|CA1814)/d' src/Concord.Web/Infrastructure/Database/Migrations/*/*.cs
echo "Added migration $name for SQLite and PostgreSQL."
