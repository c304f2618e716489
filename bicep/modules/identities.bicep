// One user-assigned identity per tier, so that role assignments can exist before the apps do.
param location string
param baseName string

resource functionsIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: '${baseName}-functions-id'
  location: location
}

resource edgeIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: '${baseName}-edge-id'
  location: location
}

output functionsIdentityId string = functionsIdentity.id
output functionsClientId string = functionsIdentity.properties.clientId
output functionsPrincipalId string = functionsIdentity.properties.principalId
output edgeIdentityId string = edgeIdentity.id
output edgeClientId string = edgeIdentity.properties.clientId
output edgePrincipalId string = edgeIdentity.properties.principalId
