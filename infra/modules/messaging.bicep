// Service Bus: the telemetry queue between the front and ingest, and the commands topic on which
// every front replica keeps its own subscription (device commands). Local (SAS) auth is
// off: senders and receivers use their managed identities (rbac.bicep).

@description('Azure region for the resources.')
param location string

@description('Tags applied to every resource.')
param tags object

@description('Service Bus namespace name.')
param namespaceName string

@description('Standard (pay per operation, ~1,000 credits/s, 256 KB messages) or Premium (messaging units, 100 MB messages).')
@allowed([
  'Standard'
  'Premium'
])
param sku string = 'Standard'

@description('Messaging units when the SKU is Premium.')
@allowed([
  1
  2
  4
  8
  16
])
param premiumMessagingUnits int = 1

@description('Name of the telemetry queue.')
param queueName string = 'telemetry'

@description('Name of the commands topic.')
param commandsTopicName string = 'commands'

@description('Deliveries before a message is dead-lettered; ingest only throws on transient store failures.')
@minValue(1)
param maxDeliveryCount int = 10

@description('Peek-lock duration, the Service Bus maximum: a batch of envelopes is not lock-renewed, so the whole ingest invocation (functionTimeout in host.json) must end inside it.')
param lockDuration string = 'PT5M'

@description('How long an unconsumed telemetry envelope waits before it is dead-lettered.')
param telemetryTimeToLive string = 'P7D'

@description('How long a command waits for its device before it expires.')
param commandsTimeToLive string = 'PT1H'

resource namespace 'Microsoft.ServiceBus/namespaces@2024-01-01' = {
  name: namespaceName
  location: location
  tags: tags
  sku: {
    name: sku
    tier: sku
    capacity: sku == 'Premium' ? premiumMessagingUnits : null
  }
  properties: {
    disableLocalAuth: true
    minimumTlsVersion: '1.2'
    publicNetworkAccess: 'Enabled'
  }
}

resource telemetryQueue 'Microsoft.ServiceBus/namespaces/queues@2024-01-01' = {
  parent: namespace
  name: queueName
  properties: {
    // The front's MessageId is a hash of the envelope: a resend within the window is dropped.
    requiresDuplicateDetection: true
    duplicateDetectionHistoryTimeWindow: 'PT10M'
    maxDeliveryCount: maxDeliveryCount
    deadLetteringOnMessageExpiration: true
    defaultMessageTimeToLive: telemetryTimeToLive
    lockDuration: lockDuration
    maxSizeInMegabytes: 5120
    enablePartitioning: false
    requiresSession: false
  }
}

resource commandsTopic 'Microsoft.ServiceBus/namespaces/topics@2024-01-01' = {
  parent: namespace
  name: commandsTopicName
  properties: {
    requiresDuplicateDetection: true
    duplicateDetectionHistoryTimeWindow: 'PT10M'
    defaultMessageTimeToLive: commandsTimeToLive
    maxSizeInMegabytes: 1024
    enablePartitioning: false
    // Front replicas create their own subscriptions (auto-deleted when idle) at start-up.
    supportOrdering: true
  }
}

output namespaceName string = namespace.name
// serviceBusEndpoint is https://<namespace>.<cloud suffix>:443/; clients want the host alone.
output fullyQualifiedNamespace string = split(replace(replace(namespace.properties.serviceBusEndpoint, 'https:', ''), '/', ''), ':')[0]
output queueName string = telemetryQueue.name
output commandsTopicName string = commandsTopic.name
