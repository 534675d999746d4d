// What someone must look at, sent to one action group: messages dead-lettered on the telemetry
// queue (ingest failed on them maxDeliveryCount times; docs/OPERATIONS.md replays them) and front
// replicas failing their readiness probe (no publisher: devices get no acks). Both resolve by
// themselves once the condition clears.

@description('Tags applied to every resource.')
param tags object

@description('E-mail address alerts are sent to; empty creates the alerts and an action group without receivers.')
param alertEmail string = ''

@description('Service Bus namespace name.')
param serviceBusNamespaceName string

@description('Telemetry queue name.')
param queueName string

@description('Log Analytics workspace receiving the Container Apps system logs.')
param workspaceId string

@description('Container app name of the front.')
param frontAppName string

resource namespace 'Microsoft.ServiceBus/namespaces@2024-01-01' existing = {
  name: serviceBusNamespaceName
}

resource actionGroup 'Microsoft.Insights/actionGroups@2023-01-01' = {
  name: 'ag-fleetwire-ops'
  location: 'global'
  tags: tags
  properties: {
    groupShortName: 'fleetwire'
    enabled: true
    emailReceivers: empty(alertEmail) ? [] : [
      {
        name: 'operations'
        emailAddress: alertEmail
        useCommonAlertSchema: true
      }
    ]
  }
}

// DeadletteredMessages is the count of messages in the entity's dead-letter sub-queue, by EntityName.
resource deadLetters 'Microsoft.Insights/metricAlerts@2018-03-01' = {
  name: 'alert-dead-letters-${queueName}'
  location: 'global'
  tags: tags
  properties: {
    description: 'Messages are dead-lettered on the ${queueName} queue: ingest failed on them. See docs/OPERATIONS.md, "Replaying dead letters".'
    severity: 2
    enabled: true
    scopes: [
      namespace.id
    ]
    evaluationFrequency: 'PT5M'
    windowSize: 'PT5M'
    autoMitigate: true
    criteria: {
      'odata.type': 'Microsoft.Azure.Monitor.SingleResourceMultipleMetricCriteria'
      allOf: [
        {
          criterionType: 'StaticThresholdCriterion'
          name: 'dead-lettered'
          metricNamespace: 'Microsoft.ServiceBus/namespaces'
          metricName: 'DeadletteredMessages'
          dimensions: [
            {
              name: 'EntityName'
              operator: 'Include'
              values: [
                queueName
              ]
            }
          ]
          operator: 'GreaterThan'
          threshold: 0
          timeAggregation: 'Maximum'
        }
      ]
    }
    actions: [
      {
        actionGroupId: actionGroup.id
      }
    ]
  }
}

// Container Apps has no readiness metric; its system logs record every failed probe.
resource frontNotReady 'Microsoft.Insights/scheduledQueryRules@2023-12-01' = {
  name: 'alert-front-not-ready'
  location: resourceGroup().location
  tags: tags
  properties: {
    description: 'Front replicas fail their readiness probe (/health/ready): they cannot publish, devices get no acks. See docs/OPERATIONS.md, "Front unhealthy".'
    severity: 1
    enabled: true
    scopes: [
      workspaceId
    ]
    evaluationFrequency: 'PT5M'
    windowSize: 'PT10M'
    autoMitigate: true
    criteria: {
      allOf: [
        {
          query: 'ContainerAppSystemLogs | where ContainerAppName == \'${frontAppName}\' | where Log contains \'readiness probe failed\''
          timeAggregation: 'Count'
          operator: 'GreaterThan'
          threshold: 2
          failingPeriods: {
            numberOfEvaluationPeriods: 1
            minFailingPeriodsToAlert: 1
          }
        }
      ]
    }
    actions: {
      actionGroups: [
        actionGroup.id
      ]
    }
  }
}

output actionGroupId string = actionGroup.id
