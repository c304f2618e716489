// Least-privilege data-plane roles for the two identities, named with guid() so that redeploying
// is idempotent.
param storageAccountName string
param eventHubsNamespaceName string
param functionsPrincipalId string
param edgePrincipalId string

var roles = {
  storageTableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
  storageBlobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  eventHubsDataSender: '2b629674-e913-4c01-ae53-ef4638d8f975'
  eventHubsDataReceiver: 'a638d3c7-ab3a-418d-83e6-5f17a39d4fde'
}

resource account 'Microsoft.Storage/storageAccounts@2024-01-01' existing = {
  name: storageAccountName
}

resource namespace 'Microsoft.EventHub/namespaces@2024-01-01' existing = {
  name: eventHubsNamespaceName
}

var storageGrants = [
  {
    principalId: functionsPrincipalId
    role: roles.storageTableDataContributor
  }
  {
    principalId: functionsPrincipalId
    role: roles.storageBlobDataOwner
  }
  {
    principalId: edgePrincipalId
    role: roles.storageTableDataContributor
  }
]

var busGrants = [
  {
    principalId: functionsPrincipalId
    role: roles.eventHubsDataReceiver
  }
  {
    principalId: functionsPrincipalId
    role: roles.eventHubsDataSender
  }
  {
    principalId: edgePrincipalId
    role: roles.eventHubsDataReceiver
  }
  {
    principalId: edgePrincipalId
    role: roles.eventHubsDataSender
  }
]

resource storageAssignments 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for grant in storageGrants: {
    name: guid(account.id, grant.principalId, grant.role)
    scope: account
    properties: {
      principalId: grant.principalId
      principalType: 'ServicePrincipal'
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', grant.role)
    }
  }
]

resource busAssignments 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for grant in busGrants: {
    name: guid(namespace.id, grant.principalId, grant.role)
    scope: namespace
    properties: {
      principalId: grant.principalId
      principalType: 'ServicePrincipal'
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', grant.role)
    }
  }
]
