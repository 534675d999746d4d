// The Key Vault of the app's own secrets: the webhook secret that signs alert deliveries. The
// Function App reads it through a Key Vault reference in its app settings, with its managed
// identity (Key Vault Secrets User, assigned in rbac.bicep); no access policies, RBAC only.

@description('Azure region for the resources.')
param location string

@description('Tags applied to every resource.')
param tags object

@description('Key Vault name (3-24 characters, globally unique).')
param vaultName string

@description('Secret that signs every webhook delivery; empty stores no secret and alerts are kept but not delivered.')
@secure()
param webhookSecret string = ''

var webhookSecretName = 'fleetwire-webhook-secret'

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: vaultName
  location: location
  tags: tags
  properties: {
    tenantId: tenant().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 7
  }
}

resource webhook 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(webhookSecret)) {
  parent: vault
  name: webhookSecretName
  properties: {
    value: webhookSecret
  }
}

output vaultName string = vault.name
@description('Versionless URI of the webhook secret, so a new version applies without a deployment; empty without one.')
output webhookSecretUri string = empty(webhookSecret) ? '' : '${vault.properties.vaultUri}secrets/${webhookSecretName}'
