// Container registry for the front image. No admin user, no anonymous pull: the front's identity
// pulls with AcrPull (rbac.bicep).

@description('Azure region for the resources.')
param location string

@description('Tags applied to every resource.')
param tags object

@description('Registry name (alphanumeric, globally unique).')
param registryName string

@description('Registry SKU.')
@allowed([
  'Basic'
  'Standard'
  'Premium'
])
param sku string = 'Basic'

resource registry 'Microsoft.ContainerRegistry/registries@2023-07-01' = {
  name: registryName
  location: location
  tags: tags
  sku: {
    name: sku
  }
  properties: {
    adminUserEnabled: false
    anonymousPullEnabled: false
    publicNetworkAccess: 'Enabled'
  }
}

output name string = registry.name
output loginServer string = registry.properties.loginServer
