// The handlers as an isolated-worker Function App on Flex Consumption: billed per execution,
// nothing when idle. Identity-based connections only.
param location string
param baseName string
param identityId string
param identityClientId string
param storageAccountName string
param blobEndpoint string
param tableEndpoint string
param deploymentContainerName string
param eventHubsNamespaceHost string
@description('The hub the app publishes its decision records to, for ims replay.')
param decisionsHub string
param appInsightsConnectionString string
param maximumInstanceCount int
param homeDomain string
@description('The CSCFs\' settings (IMS_Pcscf__Port ...), the same the edge container gets, so that both derive the same URIs and identities.')
param cscfSettings { name: string, value: string }[]

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: '${baseName}-plan'
  location: location
  kind: 'functionapp'
  sku: {
    tier: 'FlexConsumption'
    name: 'FC1'
  }
  properties: {
    reserved: true
  }
}

resource app 'Microsoft.Web/sites@2024-04-01' = {
  name: '${baseName}-functions'
  location: location
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${blobEndpoint}${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: 2048
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
    siteConfig: {
      minTlsVersion: '1.2'
      appSettings: concat([
        {
          name: 'AzureWebJobsStorage__accountName'
          value: storageAccountName
        }
        {
          name: 'AzureWebJobsStorage__credential'
          value: 'managedidentity'
        }
        {
          name: 'AzureWebJobsStorage__clientId'
          value: identityClientId
        }
        {
          name: 'APPLICATIONINSIGHTS_CONNECTION_STRING'
          value: appInsightsConnectionString
        }
        {
          name: 'APPLICATIONINSIGHTS_AUTHENTICATION_STRING'
          value: 'ClientId=${identityClientId};Authorization=AAD'
        }
        {
          name: 'AZURE_CLIENT_ID'
          value: identityClientId
        }
        {
          name: 'IMS_Store'
          value: 'azure'
        }
        {
          name: 'IMS_StoreEndpoint'
          value: tableEndpoint
        }
        {
          name: 'IMS_EventHubsNamespace'
          value: eventHubsNamespaceHost
        }
        {
          name: 'IMS_DecisionsHub'
          value: decisionsHub
        }
        {
          name: 'IMS_HomeDomain'
          value: homeDomain
        }
      ], cscfSettings)
    }
  }
}

output defaultHostName string = app.properties.defaultHostName
