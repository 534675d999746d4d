#!/usr/bin/env bash
# Creates, completes or checks the Entra ID app registration that signs users in to the API and the
# dashboard (App Service Authentication), so that both the browser and
#   az account get-access-token --resource "api://<client id>"
# get a token the Function App accepts.
#
#   infra/entra-app.sh <resource-group> [--check] [--redirect-uri URL] [--admin OBJECT_ID]...
#
# The registration is FLEETWIRE_AUTH_CLIENT_ID when set, else the app named fleetwire-<resource-group>
# (created when missing). It gets: the identifier URI api://<client id>; v2 access tokens (their
# audience is the client id, which the Function App accepts); the delegated scope user_impersonation,
# pre-authorized for the Azure CLI; the app roles viewer, operator and admin, for users and
# applications; a service principal; the redirect URI when given. --admin assigns the admin role to
# a user or service principal (object id). Prints the client id on stdout, progress on stderr.
#
# --check changes nothing: it lists what is missing and exits 1, naming the command that fixes it.
# The deploy workflow runs it before deploying, because its identity usually may not write to Entra ID.
set -euo pipefail

azure_cli_client_id=04b07795-8ddb-461a-bbee-02f9e1bf7b46
scope_value=user_impersonation
roles=(viewer operator admin)
graph=https://graph.microsoft.com/v1.0

usage() {
  echo "usage: $0 <resource-group> [--check] [--redirect-uri URL] [--admin OBJECT_ID]..." >&2
  exit 2
}

[[ $# -ge 1 && $1 != -* ]] || usage
resource_group=$1
shift
check=false
redirect_uri=
admins=()
while [[ $# -gt 0 ]]; do
  case $1 in
    --check) check=true ;;
    --redirect-uri) [[ $# -ge 2 ]] || usage; redirect_uri=$2; shift ;;
    --admin) [[ $# -ge 2 ]] || usage; admins+=("$2"); shift ;;
    *) usage ;;
  esac
  shift
done

display_name="fleetwire-$resource_group"
client_id=${FLEETWIRE_AUTH_CLIENT_ID:-}
fix="infra/entra-app.sh $resource_group${redirect_uri:+ --redirect-uri $redirect_uri}"

say() {
  echo "$*" >&2
}

fail() {
  say "sign-in is not configured: $*"
  exit 1
}

if [[ -z "$client_id" ]]; then
  $check && fail "FLEETWIRE_AUTH_CLIENT_ID is empty. Run '$fix' once with a user allowed to create app registrations, then set FLEETWIRE_AUTH_CLIENT_ID to the client id it prints (or set FLEETWIRE_ENABLE_AUTH=false to deploy without sign-in)."
  client_id=$(az ad app list --display-name "$display_name" -o json | jq -r '.[0].appId // empty')
  if [[ -z "$client_id" ]]; then
    say "creating the app registration $display_name"
    client_id=$(az ad app create --display-name "$display_name" --sign-in-audience AzureADMyOrg \
      --enable-id-token-issuance true -o json | jq -r .appId)
  fi
fi

if ! app=$(az ad app show --id "$client_id" -o json 2>/dev/null); then
  fail "no app registration with client id $client_id is readable here (does it exist, and may this identity read applications?)."
fi
object_id=$(jq -r .id <<<"$app")

# What is missing, one line each; empty when the registration is complete.
missing() {
  jq -r --arg uri "api://$client_id" --arg scope "$scope_value" --arg cli "$azure_cli_client_id" \
    --arg redirect "$redirect_uri" --argjson roles "$(printf '%s\n' "${roles[@]}" | jq -R . | jq -s .)" '
    . as $app
    | ($app.api.oauth2PermissionScopes // [] | map(select(.value == $scope and .isEnabled)) | first) as $s
    | [ (if ($app.identifierUris // []) | index($uri) then empty else "identifier URI \($uri)" end),
        (if $app.api.requestedAccessTokenVersion == 2 then empty else "access token version 2" end),
        (if $s then empty else "exposed scope \($scope)" end),
        (if $s and ($app.api.preAuthorizedApplications // [] | any(.appId == $cli and (.delegatedPermissionIds | index($s.id))))
           then empty else "scope \($scope) pre-authorized for the Azure CLI" end),
        ($roles[] as $r | if $app.appRoles // [] | any(.value == $r and .isEnabled and (.allowedMemberTypes | index("User")) and (.allowedMemberTypes | index("Application")))
           then empty else "app role \($r) for users and applications" end),
        (if $redirect == "" or (($app.web.redirectUris // []) | index($redirect)) then empty else "redirect URI \($redirect)" end)
      ] | .[]' <<<"$app"
}

service_principal=$(az ad sp list --filter "appId eq '$client_id'" -o json | jq -r '.[0].id // empty')
gaps=$(missing)
[[ -n "$service_principal" ]] || gaps+=$'\n'"service principal (enterprise application)"
gaps=$(sed '/^$/d' <<<"$gaps")

if $check; then
  if [[ -n "$gaps" ]]; then
    fail "the app registration $client_id lacks: $(paste -sd ';' <<<"$gaps" | sed 's/;/; /g'). Run 'FLEETWIRE_AUTH_CLIENT_ID=$client_id $fix' with a user allowed to change it."
  fi
  say "sign-in: app registration $client_id is complete"
  echo "$client_id"
  exit 0
fi

patch() {
  az rest --method PATCH --uri "$graph/applications/$object_id" \
    --headers Content-Type=application/json --body "$1" >/dev/null
}

if [[ -n "$gaps" ]]; then
  say "completing the app registration $client_id"
  # Existing ids are kept: Entra ID refuses to drop an enabled role or scope in one update.
  scope_id=$(jq -r --arg v "$scope_value" '.api.oauth2PermissionScopes // [] | map(select(.value == $v)) | first | .id // empty' <<<"$app")
  scope_id=${scope_id:-$(cat /proc/sys/kernel/random/uuid)}
  app_roles=$(jq -c '.appRoles // []' <<<"$app")
  for role in "${roles[@]}"; do
    id=$(jq -r --arg v "$role" 'map(select(.value == $v)) | first | .id // empty' <<<"$app_roles")
    app_roles=$(jq -c --arg v "$role" --arg id "${id:-$(cat /proc/sys/kernel/random/uuid)}" '
      map(select(.value != $v)) + [{
        id: $id, value: $v, displayName: $v, isEnabled: true,
        allowedMemberTypes: ["User", "Application"],
        description: "Fleetwire \($v) (viewer: read; operator: also commands and alerts; admin: also devices and rules)"
      }]' <<<"$app_roles")
  done
  scopes=$(jq -c --arg id "$scope_id" --arg v "$scope_value" '
    (.api.oauth2PermissionScopes // [] | map(select(.value != $v))) + [{
      id: $id, value: $v, type: "User", isEnabled: true,
      adminConsentDisplayName: "Use Fleetwire", adminConsentDescription: "Call the Fleetwire API as the signed-in user.",
      userConsentDisplayName: "Use Fleetwire", userConsentDescription: "Call the Fleetwire API as you."
    }]' <<<"$app")
  redirects=$(jq -c --arg r "$redirect_uri" '(.web.redirectUris // []) + (if $r == "" then [] else [$r] end) | unique' <<<"$app")
  patch "$(jq -nc --arg uri "api://$client_id" --argjson roles "$app_roles" --argjson scopes "$scopes" --argjson redirects "$redirects" '
    {identifierUris: [$uri], appRoles: $roles, web: {redirectUris: $redirects},
     api: {requestedAccessTokenVersion: 2, oauth2PermissionScopes: $scopes}}')"
  # A pre-authorization may only name a scope that already exists: a second update.
  patch "$(jq -nc --arg cli "$azure_cli_client_id" --arg id "$scope_id" '
    {api: {preAuthorizedApplications: [{appId: $cli, delegatedPermissionIds: [$id]}]}}')"
fi

if [[ -z "$service_principal" ]]; then
  say "creating the service principal of $client_id"
  service_principal=$(az ad sp create --id "$client_id" -o json | jq -r .id)
fi

if [[ ${#admins[@]} -gt 0 ]]; then
  admin_role=$(az ad app show --id "$client_id" -o json | jq -r '.appRoles[] | select(.value == "admin") | .id')
  for principal in "${admins[@]}"; do
    assigned=$(az rest --method GET --uri "$graph/servicePrincipals/$service_principal/appRoleAssignedTo" |
      jq --arg p "$principal" --arg r "$admin_role" '[.value[] | select(.principalId == $p and .appRoleId == $r)] | length')
    if [[ "$assigned" == 0 ]]; then
      say "assigning the admin role to $principal"
      az rest --method POST --uri "$graph/servicePrincipals/$service_principal/appRoleAssignedTo" \
        --headers Content-Type=application/json \
        --body "{\"principalId\":\"$principal\",\"resourceId\":\"$service_principal\",\"appRoleId\":\"$admin_role\"}" >/dev/null
    fi
  done
fi

echo "$client_id"
