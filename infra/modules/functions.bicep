// The Function App (ingest + HTTP API + dashboard) on Flex Consumption, Java 17. Every connection is
// identity-based: the host's storage, the Service Bus trigger, Cosmos DB and Application Insights.
// App Service Authentication (Entra ID) fronts the API and the dashboard; /api/health stays open
// for probes and smoke tests.

@description('Azure region for the resources.')
param location string

@description('Tags applied to every resource.')
param tags object

@description('Function App name.')
param appName string

@description('Flex Consumption plan name.')
param planName string

@description('Storage account of the Functions host and of the deployment package (alphanumeric, globally unique).')
param storageAccountName string

@description('Resource id of the Function App user-assigned identity.')
param identityId string

@description('Client id of the Function App identity.')
param identityClientId string

@description('Subnet for outbound VNet integration.')
param subnetId string

@description('Application Insights component the host reports to.')
param appInsightsName string

@description('Fully qualified Service Bus namespace.')
param serviceBusNamespace string

@description('Telemetry queue name.')
param queueName string

@description('Commands topic name.')
param commandsTopicName string

@description('Cosmos DB endpoint.')
param cosmosEndpoint string

@description('Cosmos DB database name.')
param cosmosDatabaseName string

@description('Upper bound of Flex Consumption instances.')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int = 100

@description('Memory per instance in MB.')
@allowed([
  2048
  4096
])
param instanceMemoryMB int = 2048

@description('When the daily fleet report computation runs: six-field NCRONTAB ({second} {minute} {hour} {day} {month} {day-of-week}), UTC. Each run resumes where the last one stopped, so it repeats through the day.')
param dailyReportSchedule string = '0 */5 * * * *'

@description('Require Entra ID sign-in for the API and dashboard (App Service Authentication).')
param enableAuthentication bool = true

@description('Application (client) id of the Entra ID app registration that signs users in.')
param authClientId string = ''

var deploymentContainerName = 'app-package'

resource appInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: appInsightsName
}

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: storageAccountName
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    allowSharedKeyAccess: false
    allowBlobPublicAccess: false
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    defaultToOAuthAuthentication: true
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: storage
  name: 'default'
}

resource deploymentContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobService
  name: deploymentContainerName
  properties: {
    publicAccess: 'None'
  }
}

resource plan 'Microsoft.Web/serverfarms@2024-11-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true
  }
}

resource site 'Microsoft.Web/sites@2024-11-01' = {
  name: appName
  location: location
  tags: tags
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    virtualNetworkSubnetId: subnetId
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storage.properties.primaryEndpoints.blob}${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      runtime: {
        name: 'java'
        version: '17'
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
      }
    }
  }
  dependsOn: [
    deploymentContainer
  ]
}

resource appSettings 'Microsoft.Web/sites/config@2024-11-01' = {
  parent: site
  name: 'appsettings'
  properties: {
    AzureWebJobsStorage__accountName: storage.name
    AzureWebJobsStorage__credential: 'managedidentity'
    AzureWebJobsStorage__clientId: identityClientId
    ServiceBusConnection__fullyQualifiedNamespace: serviceBusNamespace
    ServiceBusConnection__credential: 'managedidentity'
    ServiceBusConnection__clientId: identityClientId
    FLEETWIRE_QUEUE: queueName
    FLEETWIRE_COMMANDS_TOPIC: commandsTopicName
    FLEETWIRE_SERVICEBUS_NAMESPACE: serviceBusNamespace
    FLEETWIRE_COSMOS_ENDPOINT: cosmosEndpoint
    FLEETWIRE_COSMOS_DATABASE: cosmosDatabaseName
    FLEETWIRE_DAILY_REPORT_SCHEDULE: dailyReportSchedule
    AZURE_CLIENT_ID: identityClientId
    // Names the ingestion endpoint only: with local auth disabled it grants nothing without the token below.
    APPLICATIONINSIGHTS_CONNECTION_STRING: appInsights.properties.ConnectionString
    APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identityClientId};Authorization=AAD'
  }
}

resource authSettings 'Microsoft.Web/sites/config@2024-11-01' = if (enableAuthentication) {
  parent: site
  name: 'authsettingsV2'
  properties: {
    platform: {
      enabled: true
    }
    globalValidation: {
      requireAuthentication: true
      unauthenticatedClientAction: 'RedirectToLoginPage'
      redirectToProvider: 'azureactivedirectory'
      excludedPaths: [
        '/api/health'
      ]
    }
    identityProviders: {
      azureActiveDirectory: {
        enabled: true
        registration: {
          clientId: authClientId
          openIdIssuer: '${environment().authentication.loginEndpoint}${tenant().tenantId}/v2.0'
        }
        validation: {
          allowedAudiences: [
            authClientId
            'api://${authClientId}'
          ]
        }
      }
    }
    httpSettings: {
      requireHttps: true
    }
  }
}

output name string = site.name
output defaultHostName string = site.properties.defaultHostName
output storageAccountName string = storage.name
