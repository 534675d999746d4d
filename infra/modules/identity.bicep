// One user-assigned identity per workload, so each gets only the roles it needs (rbac.bicep).

@description('Azure region for the resources.')
param location string

@description('Tags applied to every resource.')
param tags object

@description('Identity of the TCP front (Container App).')
param frontIdentityName string

@description('Identity of the Function App.')
param functionsIdentityName string

resource front 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: frontIdentityName
  location: location
  tags: tags
}

resource functions 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: functionsIdentityName
  location: location
  tags: tags
}

output frontId string = front.id
output frontPrincipalId string = front.properties.principalId
output frontClientId string = front.properties.clientId
output functionsId string = functions.id
output functionsPrincipalId string = functions.properties.principalId
output functionsClientId string = functions.properties.clientId
