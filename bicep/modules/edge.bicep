// The SIP/Diameter edge: a container group with a public address that accepts SIP over UDP and
// TCP (Azure Container Instances carries UDP, which App Service and Container Apps ingress do not).
param location string
param baseName string
param image string
param cpu int
param memoryGiB int
param identityId string
param identityClientId string
param tableEndpoint string
param eventHubsNamespaceHost string
param appInsightsConnectionString string
param homeDomain string
param pcscfPort int
param icscfPort int
param scscfPort int
@description('The CSCFs\' settings (IMS_Pcscf__Port ...), the same the Function App gets.')
param cscfSettings { name: string, value: string }[]

// P-CSCF, I-CSCF, S-CSCF (5060, 4060, 6060 by default; UDP and TCP), Diameter 3868 (TCP).
var ports = [
  {
    port: pcscfPort
    protocol: 'UDP'
  }
  {
    port: pcscfPort
    protocol: 'TCP'
  }
  {
    port: icscfPort
    protocol: 'UDP'
  }
  {
    port: icscfPort
    protocol: 'TCP'
  }
  {
    port: scscfPort
    protocol: 'UDP'
  }
  {
    port: scscfPort
    protocol: 'TCP'
  }
  {
    port: 3868
    protocol: 'TCP'
  }
]

// The group's public name, known before it exists (its IP is only known after): the edge puts it in
// the Via headers it adds, since the 0.0.0.0 it binds to is no address a UE can answer.
var dnsNameLabel = '${baseName}-edge'
var publicFqdn = '${dnsNameLabel}.${location}.azurecontainer.io'

resource edge 'Microsoft.ContainerInstance/containerGroups@2023-05-01' = {
  name: '${baseName}-edge'
  location: location
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    osType: 'Linux'
    restartPolicy: 'Always'
    ipAddress: {
      type: 'Public'
      dnsNameLabel: dnsNameLabel
      ports: ports
    }
    containers: [
      {
        name: 'edge'
        properties: {
          image: image
          command: [
            'ims'
            'up'
            '--bind'
            '0.0.0.0'
            '--advertise'
            publicFqdn
          ]
          ports: ports
          resources: {
            requests: {
              cpu: cpu
              memoryInGB: memoryGiB
            }
          }
          environmentVariables: concat([
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
              // The edge only: events go to Event Hubs, the Function App decides, commands come back.
              name: 'IMS_Bus'
              value: 'eventhubs'
            }
            {
              name: 'IMS_EventHubsNamespace'
              value: eventHubsNamespaceHost
            }
            {
              name: 'IMS_HomeDomain'
              value: homeDomain
            }
            {
              name: 'APPLICATIONINSIGHTS_CONNECTION_STRING'
              value: appInsightsConnectionString
            }
          ], cscfSettings)
        }
      }
    ]
  }
}

output ipAddress string = edge.properties.ipAddress.ip
output fqdn string = edge.properties.ipAddress.fqdn
