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

// The containers are declared once, in infra/cosmos/containers/*.json (id, partition key,
// indexing policy with every composite index the stores' queries need, default TTL); the Java tests
// create the same containers from the same files in a Cosmos server. The device data is partitioned
// by device (/imei): every query but the device list and the fleet views is per IMEI, and a
// device's writes stay in one logical partition (20 GB each), far above one device's telemetry.
// The computed daily reports are partitioned by day (/date): the API reads one day's rows in one
// partition, ~1 KB per device. Only the retention is set here.
var containers = [
  loadJsonContent('../cosmos/containers/telemetry.json')
  loadJsonContent('../cosmos/containers/devices.json')
  loadJsonContent('../cosmos/containers/rejected.json')
  loadJsonContent('../cosmos/containers/commands.json')
  loadJsonContent('../cosmos/containers/dailyReports.json')
  loadJsonContent('../cosmos/containers/rules.json')
  loadJsonContent('../cosmos/containers/alerts.json')
  loadJsonContent('../cosmos/containers/alertDeliveries.json')
  loadJsonContent('../cosmos/containers/messages.json')
]

// Retention a deployment may change; the files hold the defaults the tests use. A device's own
// messages are kept as long as its telemetry.
var defaultTtlOverrides = {
  telemetry: telemetryTtlSeconds
  messages: telemetryTtlSeconds
  rejected: rejectedTtlSeconds
}

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
  name: c.id
  tags: tags
  properties: {
    resource: contains(defaultTtlOverrides, c.id) ? union(c, {
      defaultTtl: defaultTtlOverrides[c.id]
    }) : c
  }
}]

output accountName string = account.name
output endpoint string = account.properties.documentEndpoint
output databaseName string = database.name
