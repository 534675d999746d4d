#!/usr/bin/env bash
# Deploys Fleetwire into an existing resource group: infrastructure (Bicep), the front image
# (built in the new registry by ACR Tasks), the front, and the packaged function app, then runs the
# smoke test (scripts/smoke.sh).
#
#   infra/deploy.sh <resource-group> [image-tag]
#
# Needs: az (logged in, Owner or User Access Administrator + Contributor on the group, because the
# templates create role assignments), zip, and a built tree (./mvnw -B package -DskipTests), which
# leaves functions/target/azure-functions/<app>/ and the simulator jar the smoke test runs. Environment:
#   FLEETWIRE_AUTH_CLIENT_ID  Entra ID app registration for sign-in; without it the app named
#                             fleetwire-<resource-group> is used or created (infra/entra-app.sh), and
#                             completed: service principal, scope, app roles, redirect URI. You (the
#                             signed-in user) get its admin role.
#   FLEETWIRE_ENABLE_AUTH     false to deploy the API without App Service Authentication.
#   FLEETWIRE_ALERT_EMAIL     where alerts go (dead-lettered messages, front not ready); none when unset.
set -euo pipefail

usage() {
  echo "usage: $0 <resource-group> [image-tag]" >&2
  exit 2
}

[[ $# -ge 1 && $# -le 2 ]] || usage
resource_group=$1
image_tag=${2:-$(git -C "$(dirname "$0")" rev-parse --short HEAD 2>/dev/null || date -u +%Y%m%d%H%M%S)}
repo_dir=$(cd "$(dirname "$0")/.." && pwd)
image_repository=fleetwire-tcp-front
enable_auth=${FLEETWIRE_ENABLE_AUTH:-true}
auth_client_id=${FLEETWIRE_AUTH_CLIENT_ID:-}

package_dir=$(find "$repo_dir/functions/target/azure-functions" -mindepth 1 -maxdepth 1 -type d 2>/dev/null | head -n 1 || true)
if [[ -z "$package_dir" ]]; then
  echo "no packaged function app under functions/target/azure-functions: run ./mvnw -B package -DskipTests first" >&2
  exit 1
fi

if [[ "$enable_auth" == "true" ]]; then
  echo "0/4 sign-in"
  signed_in_user=$(az ad signed-in-user show --query id -o tsv 2>/dev/null || true)
  auth_client_id=$("$repo_dir/infra/entra-app.sh" "$resource_group" ${signed_in_user:+--admin "$signed_in_user"})
  export FLEETWIRE_AUTH_CLIENT_ID=$auth_client_id
  echo "sign-in app registration: $auth_client_id (set FLEETWIRE_AUTH_CLIENT_ID=$auth_client_id for the deploy workflow)"
fi

deploy() {
  local name=$1
  shift
  az deployment group create \
    --resource-group "$resource_group" \
    --name "$name" \
    --template-file "$repo_dir/infra/main.bicep" \
    --parameters "$repo_dir/infra/main.bicepparam" \
    --parameters enableAuthentication="$enable_auth" authClientId="$auth_client_id" alertEmail="${FLEETWIRE_ALERT_EMAIL:-}" \
    "$@" \
    --query properties.outputs -o json
}

output() {
  jq -r ".$2.value" <<<"$1"
}

echo "1/4 infrastructure"
outputs=$(deploy fleetwire-infra)
registry=$(output "$outputs" registryName)
login_server=$(output "$outputs" registryLoginServer)

echo "2/4 front image $image_repository:$image_tag in $registry"
az acr build \
  --registry "$registry" \
  --file "$repo_dir/tcp-front/Dockerfile" \
  --image "$image_repository:$image_tag" \
  "$repo_dir"

echo "3/4 front"
outputs=$(deploy fleetwire --parameters frontImage="$login_server/$image_repository:$image_tag")
function_app=$(output "$outputs" functionAppName)
api_url=$(output "$outputs" apiUrl)

if [[ "$enable_auth" == "true" ]]; then
  "$repo_dir/infra/entra-app.sh" "$resource_group" --redirect-uri "${api_url%/api}/.auth/login/aad/callback" >/dev/null
fi

echo "4/4 function app $function_app"
package_zip=$(mktemp --suffix=.zip)
trap 'rm -f "$package_zip"' EXIT
rm -f "$package_zip"
(cd "$package_dir" && zip -qr "$package_zip" .)
az functionapp deployment source config-zip \
  --resource-group "$resource_group" \
  --name "$function_app" \
  --src "$package_zip"

echo "smoke test"
if [[ "$enable_auth" == "true" ]]; then
  FLEETWIRE_API_TOKEN=$(az account get-access-token --resource "api://$auth_client_id" --query accessToken -o tsv)
  export FLEETWIRE_API_TOKEN
fi
"$repo_dir/scripts/smoke.sh" "$api_url" "$(output "$outputs" deviceEndpoint)"

echo
echo "devices connect to: $(output "$outputs" deviceEndpoint)"
echo "API:                $api_url"
echo "dashboard:          $(output "$outputs" dashboardUrl)"
