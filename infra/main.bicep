// Fleetwire on Azure: the TCP front on Container Apps, Service Bus, Functions and Cosmos DB.
// This file only wires the modules; each module holds one concern. Deploy with infra/deploy.sh or:
//   az deployment group create -g <rg> -f infra/main.bicep -p infra/main.bicepparam
targetScope = 'resourceGroup'

@description('Azure region for every resource (must offer Flex Consumption and Container Apps).')
param location string = resourceGroup().location

@description('Environment label, used in tags and names.')
@maxLength(8)
param environmentName string = 'prod'

@description('Image of the TCP front, e.g. <registry>.azurecr.io/fleetwire-tcp-front:<tag>. Empty: the first pass of deploy.sh creates everything but the front, then builds the image into the new registry.')
param frontImage string = ''

@description('Device acceptance policy of the front.')
@allowed([
  'open'
  'registered'
])
param devicePolicy string = 'registered'

@description('Replicas of the front kept running at all times.')
@minValue(2)
param frontMinReplicas int = 2

@description('Upper bound of front replicas.')
@minValue(2)
param frontMaxReplicas int = 10

@description('Longest wait of the front to fill a Service Bus message; the cost table in docs/SCALING.md assumes 50ms, which adds up to 50 ms to each device ack.')
param frontEnvelopeLinger string = '50ms'

@description('TLS device port on the front; 0 leaves TLS off.')
param tlsPort int = 0

@description('Key Vault (in this resource group) holding the TLS certificate and key secrets; used when tlsPort is set.')
param tlsKeyVaultName string = ''

@description('Secret name of the PEM certificate chain in that vault.')
param tlsCertificateSecretName string = 'fleetwire-tls-cert'

@description('Secret name of the PEM private key in that vault.')
param tlsKeySecretName string = 'fleetwire-tls-key'

@description('Service Bus tier.')
@allowed([
  'Standard'
  'Premium'
])
param serviceBusSku string = 'Standard'

@description('Messaging units when the Service Bus tier is Premium.')
param serviceBusPremiumUnits int = 1

@description('Cosmos DB capacity mode.')
@allowed([
  'Serverless'
  'Provisioned'
])
param cosmosCapacityMode string = 'Serverless'

@description('Autoscale maximum RU/s of the database when Cosmos DB is Provisioned.')
param cosmosAutoscaleMaxThroughput int = 4000

@description('Seconds telemetry records are kept (-1: until deleted).')
param telemetryTtlSeconds int = 7776000

@description('Upper bound of Function App instances.')
param functionsMaximumInstanceCount int = 100

@description('Require Entra ID sign-in for the API and dashboard.')
param enableAuthentication bool = true

@description('Application (client) id of the Entra ID app registration for sign-in (deploy.sh creates one when empty).')
param authClientId string = ''

@description('E-mail address that gets the alerts (dead-lettered telemetry, front not ready); empty: alerts without a receiver.')
param alertEmail string = ''

var resourceToken = toLower(uniqueString(resourceGroup().id))
var tags = {
  application: 'fleetwire'
  environment: environmentName
}
var names = {
  workspace: 'log-fleetwire-${resourceToken}'
  appInsights: 'appi-fleetwire-${resourceToken}'
  vnet: 'vnet-fleetwire-${resourceToken}'
  registry: 'crfleetwire${resourceToken}'
  serviceBus: 'sbns-fleetwire-${resourceToken}'
  cosmos: 'cosmos-fleetwire-${resourceToken}'
  containerAppsEnvironment: 'cae-fleetwire-${resourceToken}'
  frontApp: 'ca-front-${resourceToken}'
  functionsPlan: 'asp-fleetwire-${resourceToken}'
  functionsApp: 'func-fleetwire-${resourceToken}'
  functionsStorage: 'stfleetwire${resourceToken}'
  frontIdentity: 'id-front-${resourceToken}'
  functionsIdentity: 'id-func-${resourceToken}'
}
var queueName = 'telemetry'
var commandsTopicName = 'commands'
var cosmosDatabaseName = 'fleetwire'
var tlsEnabled = tlsPort > 0 && !empty(tlsKeyVaultName)
var keyVaultSecretsBase = 'https://${tlsKeyVaultName}${environment().suffixes.keyvaultDns}/secrets'

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    location: location
    tags: tags
    workspaceName: names.workspace
    appInsightsName: names.appInsights
  }
}

module network 'modules/network.bicep' = {
  name: 'network'
  params: {
    location: location
    tags: tags
    vnetName: names.vnet
  }
}

module identity 'modules/identity.bicep' = {
  name: 'identity'
  params: {
    location: location
    tags: tags
    frontIdentityName: names.frontIdentity
    functionsIdentityName: names.functionsIdentity
  }
}

module registry 'modules/registry.bicep' = {
  name: 'registry'
  params: {
    location: location
    tags: tags
    registryName: names.registry
  }
}

module messaging 'modules/messaging.bicep' = {
  name: 'messaging'
  params: {
    location: location
    tags: tags
    namespaceName: names.serviceBus
    sku: serviceBusSku
    premiumMessagingUnits: serviceBusPremiumUnits
    queueName: queueName
    commandsTopicName: commandsTopicName
  }
}

module alerts 'modules/alerts.bicep' = {
  name: 'alerts'
  params: {
    tags: tags
    alertEmail: alertEmail
    serviceBusNamespaceName: messaging.outputs.namespaceName
    queueName: messaging.outputs.queueName
    workspaceId: monitoring.outputs.workspaceId
    frontAppName: names.frontApp
  }
}

module data 'modules/data.bicep' = {
  name: 'data'
  params: {
    location: location
    tags: tags
    accountName: names.cosmos
    databaseName: cosmosDatabaseName
    capacityMode: cosmosCapacityMode
    autoscaleMaxThroughput: cosmosAutoscaleMaxThroughput
    telemetryTtlSeconds: telemetryTtlSeconds
  }
}

module functions 'modules/functions.bicep' = {
  name: 'functions'
  params: {
    location: location
    tags: tags
    appName: names.functionsApp
    planName: names.functionsPlan
    storageAccountName: names.functionsStorage
    identityId: identity.outputs.functionsId
    identityClientId: identity.outputs.functionsClientId
    subnetId: network.outputs.functionsSubnetId
    appInsightsName: monitoring.outputs.appInsightsName
    serviceBusNamespace: messaging.outputs.fullyQualifiedNamespace
    queueName: messaging.outputs.queueName
    commandsTopicName: messaging.outputs.commandsTopicName
    cosmosEndpoint: data.outputs.endpoint
    cosmosDatabaseName: data.outputs.databaseName
    maximumInstanceCount: functionsMaximumInstanceCount
    enableAuthentication: enableAuthentication
    authClientId: authClientId
  }
}

module rbac 'modules/rbac.bicep' = {
  name: 'rbac'
  params: {
    frontPrincipalId: identity.outputs.frontPrincipalId
    functionsPrincipalId: identity.outputs.functionsPrincipalId
    registryName: registry.outputs.name
    serviceBusNamespaceName: messaging.outputs.namespaceName
    queueName: messaging.outputs.queueName
    commandsTopicName: messaging.outputs.commandsTopicName
    cosmosAccountName: data.outputs.accountName
    cosmosDatabaseName: data.outputs.databaseName
    functionsStorageAccountName: functions.outputs.storageAccountName
    appInsightsName: monitoring.outputs.appInsightsName
    tlsKeyVaultName: tlsEnabled ? tlsKeyVaultName : ''
  }
}

// The front starts once its identity may pull the image and send to the queue.
module front 'modules/front.bicep' = if (!empty(frontImage)) {
  name: 'front'
  params: {
    location: location
    tags: tags
    environmentName: names.containerAppsEnvironment
    appName: names.frontApp
    infrastructureSubnetId: network.outputs.containerAppsSubnetId
    workspaceId: monitoring.outputs.workspaceId
    image: frontImage
    registryLoginServer: registry.outputs.loginServer
    identityId: identity.outputs.frontId
    identityClientId: identity.outputs.frontClientId
    serviceBusNamespace: messaging.outputs.fullyQualifiedNamespace
    queueName: messaging.outputs.queueName
    commandsTopicName: messaging.outputs.commandsTopicName
    cosmosEndpoint: data.outputs.endpoint
    cosmosDatabaseName: data.outputs.databaseName
    policy: devicePolicy
    minReplicas: frontMinReplicas
    maxReplicas: frontMaxReplicas
    envelopeLinger: frontEnvelopeLinger
    tlsPort: tlsEnabled ? tlsPort : 0
    tlsCertificateSecretUri: tlsEnabled ? '${keyVaultSecretsBase}/${tlsCertificateSecretName}' : ''
    tlsKeySecretUri: tlsEnabled ? '${keyVaultSecretsBase}/${tlsKeySecretName}' : ''
  }
  dependsOn: [
    rbac
  ]
}

@description('Where devices connect (Teltonika "Domain" and "Port"); empty until the front image is deployed.')
output deviceEndpoint string = empty(frontImage) ? '' : front.outputs.deviceEndpoint

@description('TLS device endpoint when TLS is on.')
output tlsDeviceEndpoint string = empty(frontImage) ? '' : front.outputs.tlsDeviceEndpoint

@description('Base URL of the HTTP API.')
output apiUrl string = 'https://${functions.outputs.defaultHostName}/api'

@description('The dashboard page.')
output dashboardUrl string = 'https://${functions.outputs.defaultHostName}/api/dashboard'

output registryName string = registry.outputs.name
output registryLoginServer string = registry.outputs.loginServer
output functionAppName string = functions.outputs.name
output frontAppName string = names.frontApp
