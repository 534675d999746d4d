// Every data-plane access of the two workloads, as a role assignment on the narrowest scope that
// works. No keys or connection strings exist anywhere: without these assignments nothing connects.

@description('Principal (object) id of the front identity.')
param frontPrincipalId string

@description('Principal (object) id of the Function App identity.')
param functionsPrincipalId string

@description('Container registry name.')
param registryName string

@description('Service Bus namespace name.')
param serviceBusNamespaceName string

@description('Telemetry queue name.')
param queueName string

@description('Commands topic name.')
param commandsTopicName string

@description('Cosmos DB account name.')
param cosmosAccountName string

@description('Cosmos DB database name.')
param cosmosDatabaseName string

@description('Storage account of the Functions host.')
param functionsStorageAccountName string

@description('Application Insights component name.')
param appInsightsName string

@description('Key Vault holding the TLS certificate and key of the front; empty when TLS is off.')
param tlsKeyVaultName string = ''

// AcrPull: pull images from the registry.
var acrPullRoleId = '7f951dda-4ed3-4680-a7ca-43fe172d538d'
// Azure Service Bus Data Sender: send to a queue or topic.
var serviceBusDataSenderRoleId = '69a216fc-b8fb-44d8-bc22-1f3c2cd27a39'
// Azure Service Bus Data Owner: lets each front replica create, read and delete its own subscription on the commands topic,
// and lets the Functions scale controller read the telemetry queue's message count (the trigger's role table).
var serviceBusDataOwnerRoleId = '090c5cfd-751d-490a-894a-3ce6f1109419'
// Storage Blob Data Owner: Functions host storage (leases, keys blob) and the deployment package container.
var storageBlobDataOwnerRoleId = 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
// Monitoring Metrics Publisher: send telemetry to Application Insights with Entra ID (local auth is off).
var monitoringMetricsPublisherRoleId = '3913510d-42f4-4e42-8a64-420c390055eb'
// Key Vault Secrets User: read the TLS certificate and key secrets.
var keyVaultSecretsUserRoleId = '4633458b-17de-408a-b874-0445c86b69e6'
// Cosmos DB Built-in Data Reader (Cosmos DB SQL role, not an Azure RBAC role): read items and run queries.
var cosmosDataReaderRoleId = '00000000-0000-0000-0000-000000000001'
// Cosmos DB Built-in Data Contributor (Cosmos DB SQL role): read, write, patch and delete items.
var cosmosDataContributorRoleId = '00000000-0000-0000-0000-000000000002'

resource registry 'Microsoft.ContainerRegistry/registries@2023-07-01' existing = {
  name: registryName
}

resource namespace 'Microsoft.ServiceBus/namespaces@2024-01-01' existing = {
  name: serviceBusNamespaceName

  resource queue 'queues' existing = {
    name: queueName
  }

  resource commandsTopic 'topics' existing = {
    name: commandsTopicName
  }
}

resource cosmos 'Microsoft.DocumentDB/databaseAccounts@2024-11-15' existing = {
  name: cosmosAccountName
}

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: functionsStorageAccountName
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: appInsightsName
}

resource tlsVault 'Microsoft.KeyVault/vaults@2023-07-01' existing = if (!empty(tlsKeyVaultName)) {
  name: tlsKeyVaultName
}

var cosmosDatabaseScope = '${cosmos.id}/dbs/${cosmosDatabaseName}'

// Cosmos DB runs one role-assignment operation per account at a time and fails a concurrent one
// ("another operation is in progress"); ARM deploys independent resources in parallel, so every
// sqlRoleAssignment below depends on the one before it: frontDevicesReader, frontCommandsContributor,
// functionsCosmosContributor.

// ---- front (Container App) ----

resource frontAcrPull 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(registry.id, frontPrincipalId, acrPullRoleId)
  scope: registry
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', acrPullRoleId)
    principalId: frontPrincipalId
    principalType: 'ServicePrincipal'
  }
}

resource frontQueueSender 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(namespace::queue.id, frontPrincipalId, serviceBusDataSenderRoleId)
  scope: namespace::queue
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', serviceBusDataSenderRoleId)
    principalId: frontPrincipalId
    principalType: 'ServicePrincipal'
  }
}

resource frontCommandsOwner 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(namespace::commandsTopic.id, frontPrincipalId, serviceBusDataOwnerRoleId)
  scope: namespace::commandsTopic
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', serviceBusDataOwnerRoleId)
    principalId: frontPrincipalId
    principalType: 'ServicePrincipal'
  }
}

resource frontDevicesReader 'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments@2024-11-15' = {
  parent: cosmos
  name: guid(cosmos.id, frontPrincipalId, cosmosDataReaderRoleId, 'devices')
  properties: {
    roleDefinitionId: '${cosmos.id}/sqlRoleDefinitions/${cosmosDataReaderRoleId}'
    principalId: frontPrincipalId
    scope: '${cosmosDatabaseScope}/colls/devices'
  }
}

// The replica holding a device records a command's delivery and outcome.
resource frontCommandsContributor 'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments@2024-11-15' = {
  parent: cosmos
  name: guid(cosmos.id, frontPrincipalId, cosmosDataContributorRoleId, 'commands')
  properties: {
    roleDefinitionId: '${cosmos.id}/sqlRoleDefinitions/${cosmosDataContributorRoleId}'
    principalId: frontPrincipalId
    scope: '${cosmosDatabaseScope}/colls/commands'
  }
  dependsOn: [
    frontDevicesReader
  ]
}

resource frontTlsSecrets 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(tlsKeyVaultName)) {
  name: guid(tlsVault.id, frontPrincipalId, keyVaultSecretsUserRoleId)
  scope: tlsVault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUserRoleId)
    principalId: frontPrincipalId
    principalType: 'ServicePrincipal'
  }
}

// ---- Function App ----

// Data Owner rather than Data Receiver: the trigger receives with either, but target-based scaling
// reads the queue's runtime properties (message count), which needs the Manage right only Data Owner
// grants; without it the scale controller falls back to peeking the oldest message and scales late.
resource functionsQueueOwner 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(namespace::queue.id, functionsPrincipalId, serviceBusDataOwnerRoleId)
  scope: namespace::queue
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', serviceBusDataOwnerRoleId)
    principalId: functionsPrincipalId
    principalType: 'ServicePrincipal'
  }
}

resource functionsCommandsSender 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(namespace::commandsTopic.id, functionsPrincipalId, serviceBusDataSenderRoleId)
  scope: namespace::commandsTopic
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', serviceBusDataSenderRoleId)
    principalId: functionsPrincipalId
    principalType: 'ServicePrincipal'
  }
}

resource functionsCosmosContributor 'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments@2024-11-15' = {
  parent: cosmos
  name: guid(cosmos.id, functionsPrincipalId, cosmosDataContributorRoleId)
  properties: {
    roleDefinitionId: '${cosmos.id}/sqlRoleDefinitions/${cosmosDataContributorRoleId}'
    principalId: functionsPrincipalId
    scope: cosmosDatabaseScope
  }
  dependsOn: [
    frontCommandsContributor
  ]
}

resource functionsStorageOwner 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, functionsPrincipalId, storageBlobDataOwnerRoleId)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageBlobDataOwnerRoleId)
    principalId: functionsPrincipalId
    principalType: 'ServicePrincipal'
  }
}

resource functionsMetricsPublisher 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(appInsights.id, functionsPrincipalId, monitoringMetricsPublisherRoleId)
  scope: appInsights
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', monitoringMetricsPublisherRoleId)
    principalId: functionsPrincipalId
    principalType: 'ServicePrincipal'
  }
}
