// Cosmos DB for NoSQL: serverless by default (pay per RU, no idle cost), provisioned throughput as a
// parameter for steady large fleets. Keys are disabled: the workloads use Entra ID data-plane roles.

@description('Azure region for the resources.')
param location string

@description('Tags applied to every resource.')
param tags object

@description('Cosmos DB account name.')
param accountName string

@description('Database name.')
param databaseName string = 'fleetwire'

@description('Serverless (pay per request unit) or Provisioned (autoscale throughput on the database).')
@allowed([
  'Serverless'
  'Provisioned'
])
param capacityMode string = 'Serverless'

@description('Autoscale maximum RU/s shared by the database when the capacity mode is Provisioned.')
@minValue(1000)
param autoscaleMaxThroughput int = 4000

@description('Seconds a telemetry record is kept (-1 keeps records until deleted).')
param telemetryTtlSeconds int = 7776000

@description('Seconds a rejected message is kept for inspection.')
param rejectedTtlSeconds int = 2592000

var serverless = capacityMode == 'Serverless'

// Each container is partitioned by device: every query is per IMEI, and a device's writes stay in
// one logical partition (20 GB each), far above one device's retained telemetry.
var containers = [
  {
    name: 'telemetry'
    ttl: telemetryTtlSeconds
    // Only what queries filter or sort on is indexed: fewer RU per write.
    indexAll: false
    indexedPaths: [
      '/imei/?'
      '/ts/?'
      '/event/?'
    ]
  }
  {
    name: 'devices'
    // -1: TTL on, nothing expires unless an item says so.
    ttl: -1
    indexAll: true
    indexedPaths: [
      '/*'
    ]
  }
  {
    name: 'rejected'
    ttl: rejectedTtlSeconds
    indexAll: false
    indexedPaths: [
      '/imei/?'
      '/receivedAt/?'
    ]
  }
  {
    name: 'commands'
    ttl: -1
    indexAll: true
    indexedPaths: [
      '/*'
    ]
  }
]

resource account 'Microsoft.DocumentDB/databaseAccounts@2024-11-15' = {
  name: accountName
  location: location
  tags: tags
  kind: 'GlobalDocumentDB'
  properties: {
    databaseAccountOfferType: 'Standard'
    disableLocalAuth: true
    disableKeyBasedMetadataWriteAccess: true
    minimalTlsVersion: 'Tls12'
    publicNetworkAccess: 'Enabled'
    consistencyPolicy: {
      defaultConsistencyLevel: 'Session'
    }
    locations: [
      {
        locationName: location
        failoverPriority: 0
        isZoneRedundant: false
      }
    ]
    capabilities: serverless ? [
      {
        name: 'EnableServerless'
      }
    ] : []
  }
}

resource database 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases@2024-11-15' = {
  parent: account
  name: databaseName
  tags: tags
  properties: {
    resource: {
      id: databaseName
    }
    options: serverless ? {} : {
      autoscaleSettings: {
        maxThroughput: autoscaleMaxThroughput
      }
    }
  }
}

resource sqlContainers 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers@2024-11-15' = [for c in containers: {
  parent: database
  name: c.name
  tags: tags
  properties: {
    resource: {
      id: c.name
      partitionKey: {
        paths: [
          '/imei'
        ]
        kind: 'Hash'
        version: 2
      }
      defaultTtl: c.ttl
      indexingPolicy: {
        indexingMode: 'consistent'
        automatic: true
        includedPaths: [for p in c.indexedPaths: {
          path: p
        }]
        excludedPaths: c.indexAll ? [
          {
            path: '/"_etag"/?'
          }
        ] : [
          {
            path: '/*'
          }
        ]
      }
    }
  }
}]

output accountName string = account.name
output endpoint string = account.properties.documentEndpoint
output databaseName string = database.name
