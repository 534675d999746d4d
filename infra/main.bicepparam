using './main.bicep'

// Defaults for a production deployment; deploy.sh and the deploy workflow add frontImage and
// authClientId on the command line.
param environmentName = 'prod'
param devicePolicy = 'registered'
param frontMinReplicas = 2
param frontMaxReplicas = 10
param tlsPort = 0
param serviceBusSku = 'Standard'
param cosmosCapacityMode = 'Serverless'
param telemetryTtlSeconds = 7776000
param functionsMaximumInstanceCount = 100
param enableAuthentication = true
