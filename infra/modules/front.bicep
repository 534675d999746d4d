// The TCP front on Container Apps: a workload-profiles environment in our own VNet (external TCP
// ingress is only offered there) and the container app with TCP ingress on the device port.
// Probes hit the HTTP health port, never the device port. At least two replicas stay up, so a
// revision change or a replica restart only moves that replica's devices (they reconnect).

@description('Azure region for the resources.')
param location string

@description('Tags applied to every resource.')
param tags object

@description('Container Apps environment name.')
param environmentName string

@description('Container app name (also the first label of its host name).')
param appName string

@description('Subnet delegated to Microsoft.App/environments.')
param infrastructureSubnetId string

@description('Log Analytics workspace receiving the environment console and system logs.')
param workspaceId string

@description('Full image reference, e.g. myregistry.azurecr.io/fleetwire-tcp-front:1.0.0.')
param image string

@description('Login server of the registry the image is pulled from.')
param registryLoginServer string

@description('Resource id of the front user-assigned identity.')
param identityId string

@description('Client id of the front identity (DefaultAzureCredential picks it with AZURE_CLIENT_ID).')
param identityClientId string

@description('Fully qualified Service Bus namespace.')
param serviceBusNamespace string

@description('Telemetry queue name.')
param queueName string

@description('Commands topic name; each replica creates its own subscription on it at start.')
param commandsTopicName string

@description('Cosmos DB endpoint of the device registry.')
param cosmosEndpoint string

@description('Cosmos DB database holding the devices and commands containers.')
param cosmosDatabaseName string

@description('A device command sent by a replica and unanswered this long expires (30s, 2m, PT2M).')
param commandTimeout string = '60s'

@description('Device acceptance policy.')
@allowed([
  'open'
  'registered'
])
param policy string = 'registered'

@description('Device port (Teltonika TCP).')
param devicePort int = 5027

@description('Health and metrics port (HTTP).')
param healthPort int = 8080

@description('TLS device port; 0 leaves TLS off. The front terminates TLS itself (TCP ingress passes bytes through).')
param tlsPort int = 0

@description('Key Vault secret URI of the PEM certificate chain, used when tlsPort is set.')
param tlsCertificateSecretUri string = ''

@description('Key Vault secret URI of the PEM private key, used when tlsPort is set.')
param tlsKeySecretUri string = ''

@description('Replicas kept running at all times.')
@minValue(2)
param minReplicas int = 2

@description('Upper bound of replicas.')
@minValue(2)
param maxReplicas int = 10

@description('Longest wait to fill a Service Bus message with more device batches. docs/SCALING.md costs 50 ms; it adds up to that to every device ack (the front\'s own default, 5 ms, costs ~7 times the Service Bus operations at 100,000 devices).')
param envelopeLinger string = '50ms'

@description('Concurrent TCP connections per replica before another replica is added.')
@minValue(100)
param connectionsPerReplica int = 20000

@description('Seconds between SIGTERM and SIGKILL: the front stops accepting, finishes in-flight publishes and closes.')
@minValue(10)
@maxValue(600)
param terminationGracePeriodSeconds int = 60

@description('vCPU per replica.')
param cpu string = '1.0'

@description('Memory per replica (Consumption profile: 2 GiB per vCPU).')
param memory string = '2Gi'

var tlsEnabled = tlsPort > 0
var tlsMountPath = '/etc/fleetwire/tls'

var baseEnv = [
  {
    name: 'FLEETWIRE_PORT'
    value: string(devicePort)
  }
  {
    name: 'FLEETWIRE_HEALTH_PORT'
    value: string(healthPort)
  }
  {
    name: 'FLEETWIRE_SERVICEBUS_NAMESPACE'
    value: serviceBusNamespace
  }
  {
    name: 'FLEETWIRE_QUEUE'
    value: queueName
  }
  {
    name: 'FLEETWIRE_COMMANDS_TOPIC'
    value: commandsTopicName
  }
  {
    name: 'FLEETWIRE_COMMAND_TIMEOUT'
    value: commandTimeout
  }
  {
    name: 'FLEETWIRE_POLICY'
    value: policy
  }
  {
    name: 'FLEETWIRE_ENVELOPE_LINGER'
    value: envelopeLinger
  }
  {
    name: 'FLEETWIRE_COSMOS_ENDPOINT'
    value: cosmosEndpoint
  }
  {
    name: 'FLEETWIRE_COSMOS_DATABASE'
    value: cosmosDatabaseName
  }
  {
    name: 'AZURE_CLIENT_ID'
    value: identityClientId
  }
]

var tlsEnv = tlsEnabled ? [
  {
    name: 'FLEETWIRE_TLS_PORT'
    value: string(tlsPort)
  }
  {
    name: 'FLEETWIRE_TLS_CERT'
    value: '${tlsMountPath}/tls.crt'
  }
  {
    name: 'FLEETWIRE_TLS_KEY'
    value: '${tlsMountPath}/tls.key'
  }
] : []

resource managedEnvironment 'Microsoft.App/managedEnvironments@2025-01-01' = {
  name: environmentName
  location: location
  tags: tags
  properties: {
    workloadProfiles: [
      {
        name: 'Consumption'
        workloadProfileType: 'Consumption'
      }
    ]
    vnetConfiguration: {
      infrastructureSubnetId: infrastructureSubnetId
      internal: false
    }
    // Logs go through Azure Monitor diagnostic settings: no workspace shared key in the template.
    appLogsConfiguration: {
      destination: 'azure-monitor'
    }
    zoneRedundant: false
  }
}

resource environmentLogs 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: managedEnvironment
  properties: {
    workspaceId: workspaceId
    logs: [
      {
        category: 'ContainerAppConsoleLogs'
        enabled: true
      }
      {
        category: 'ContainerAppSystemLogs'
        enabled: true
      }
    ]
    metrics: [
      {
        category: 'AllMetrics'
        enabled: true
      }
    ]
  }
}

resource app 'Microsoft.App/containerApps@2025-01-01' = {
  name: appName
  location: location
  tags: tags
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    environmentId: managedEnvironment.id
    workloadProfileName: 'Consumption'
    configuration: {
      activeRevisionsMode: 'Single'
      ingress: {
        external: true
        transport: 'tcp'
        targetPort: devicePort
        exposedPort: devicePort
        additionalPortMappings: tlsEnabled ? [
          {
            external: true
            targetPort: tlsPort
            exposedPort: tlsPort
          }
        ] : []
        traffic: [
          {
            latestRevision: true
            weight: 100
          }
        ]
      }
      registries: [
        {
          server: registryLoginServer
          identity: identityId
        }
      ]
      secrets: tlsEnabled ? [
        {
          name: 'tls-cert'
          keyVaultUrl: tlsCertificateSecretUri
          identity: identityId
        }
        {
          name: 'tls-key'
          keyVaultUrl: tlsKeySecretUri
          identity: identityId
        }
      ] : []
    }
    template: {
      terminationGracePeriodSeconds: terminationGracePeriodSeconds
      containers: [
        {
          name: 'tcp-front'
          image: image
          resources: {
            cpu: json(cpu)
            memory: memory
          }
          env: concat(baseEnv, tlsEnv)
          probes: [
            {
              type: 'Startup'
              httpGet: {
                path: '/health/live'
                port: healthPort
              }
              periodSeconds: 5
              failureThreshold: 24
            }
            {
              type: 'Liveness'
              httpGet: {
                path: '/health/live'
                port: healthPort
              }
              periodSeconds: 10
              failureThreshold: 3
            }
            {
              type: 'Readiness'
              httpGet: {
                path: '/health/ready'
                port: healthPort
              }
              periodSeconds: 5
              failureThreshold: 3
            }
          ]
          volumeMounts: tlsEnabled ? [
            {
              volumeName: 'tls'
              mountPath: tlsMountPath
            }
          ] : []
        }
      ]
      volumes: tlsEnabled ? [
        {
          name: 'tls'
          storageType: 'Secret'
          secrets: [
            {
              secretRef: 'tls-cert'
              path: 'tls.crt'
            }
            {
              secretRef: 'tls-key'
              path: 'tls.key'
            }
          ]
        }
      ] : []
      scale: {
        minReplicas: minReplicas
        maxReplicas: maxReplicas
        rules: [
          {
            name: 'device-connections'
            tcp: {
              metadata: {
                concurrentConnections: string(connectionsPerReplica)
              }
            }
          }
        ]
      }
    }
  }
}

output fqdn string = app.properties.configuration.ingress.fqdn
output deviceEndpoint string = '${app.properties.configuration.ingress.fqdn}:${devicePort}'
output tlsDeviceEndpoint string = tlsEnabled ? '${app.properties.configuration.ingress.fqdn}:${tlsPort}' : ''
