// Ims.Cloud on Azure: table storage for subscriber state, Event Hubs as the bus, a pay-per-use
// Function App for the handlers, and a container group for the SIP/Diameter edge (UDP and TCP).
// Every service authenticates with a managed identity; no account key reaches an app setting.
targetScope = 'resourceGroup'

@description('Azure region for every resource.')
param location string = resourceGroup().location

@description('Short prefix for resource names (letters and digits).')
@minLength(3)
@maxLength(11)
param namePrefix string = 'imscloud'

@description('IMS home domain served by this deployment.')
param homeDomain string = 'ims.mnc001.mcc001.3gppnetwork.org'

@description('SIP port of the P-CSCF on the edge (UDP and TCP); also in its SIP URI, which the Function App\'s CSCFs put in Path.')
@minValue(1)
@maxValue(65535)
param pcscfPort int = 5060

@description('SIP port of the I-CSCF on the edge; the P-CSCF forwards REGISTER to sip:icscf.<domain>:<port>.')
@minValue(1)
@maxValue(65535)
param icscfPort int = 4060

@description('SIP port of the S-CSCF on the edge; its URI is the Server-Name and Service-Route.')
@minValue(1)
@maxValue(65535)
param scscfPort int = 6060

@description('Whether the P-CSCF authorises the media of its calls with the PCRF (Rx AAR/STR).')
param policyRx bool = true

@description('What a call does when the PCRF does not answer: continue without QoS, or refuse it (503).')
@allowed([
  'continue'
  'refuse'
])
param whenPcrfUnreachable string = 'continue'

@description('Online charging of originating calls at the S-CSCF (Ro); off so that subscribers without a balance keep calling.')
param onlineCharging bool = false

@description('Seconds of credit asked for in each CCR.')
@minValue(1)
@maxValue(86400)
param chargingRequestedSeconds int = 60

@description('What the S-CSCF does when the OCS fails and its CCA names no Credit-Control-Failure-Handling.')
@allowed([
  'TERMINATE'
  'CONTINUE'
])
param chargingFailureHandling string = 'TERMINATE'

@description('Container image of the edge (the ims executable running `ims edge`).')
param edgeImage string

@description('vCPUs for the edge container.')
param edgeCpu int = 1

@description('Memory of the edge container in GiB.')
param edgeMemoryGiB int = 2

@description('Event Hubs tier: Basic is cheapest when idle, Standard keeps events for up to 7 days for replay.')
@allowed([
  'Basic'
  'Standard'
])
param eventHubsSku string = 'Standard'

@description('Partitions of the events hub: the ceiling on parallel handler instances per key range.')
@minValue(1)
@maxValue(32)
param eventPartitions int = 4

@description('Upper bound on Function App instances (Flex Consumption).')
@minValue(1)
@maxValue(1000)
param maximumFunctionInstances int = 100

@description('Tables the handlers use.')
param tableNames array = [
  'Impi'
  'Impu'
  'Registrations'
  'BusCheckpoints'
  'BusOwnership'
]

// The CSCFs' settings, given alike to the edge container and to the Function App: the edge listens
// on these ports and routes Diameter requests by the identities the functions derive from them.
var cscfSettings = [
  {
    name: 'IMS_Pcscf__Port'
    value: string(pcscfPort)
  }
  {
    name: 'IMS_Icscf__Port'
    value: string(icscfPort)
  }
  {
    name: 'IMS_Scscf__Port'
    value: string(scscfPort)
  }
  {
    name: 'IMS_Policy__Rx'
    value: string(policyRx)
  }
  {
    name: 'IMS_Policy__WhenPcrfUnreachable'
    value: whenPcrfUnreachable
  }
  {
    name: 'IMS_Charging__Online'
    value: string(onlineCharging)
  }
  {
    name: 'IMS_Charging__RequestedSeconds'
    value: string(chargingRequestedSeconds)
  }
  {
    name: 'IMS_Charging__FailureHandling'
    value: chargingFailureHandling
  }
]

var suffix = uniqueString(resourceGroup().id, namePrefix)
var baseName = toLower('${namePrefix}${suffix}')

module identities 'modules/identities.bicep' = {
  name: 'identities'
  params: {
    location: location
    baseName: baseName
  }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    location: location
    baseName: baseName
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  params: {
    location: location
    accountName: take(replace(baseName, '-', ''), 24)
    tableNames: tableNames
  }
}

module bus 'modules/eventhubs.bicep' = {
  name: 'eventhubs'
  params: {
    location: location
    namespaceName: '${baseName}-bus'
    sku: eventHubsSku
    eventPartitions: eventPartitions
  }
}

module functions 'modules/functions.bicep' = {
  name: 'functions'
  params: {
    location: location
    baseName: baseName
    identityId: identities.outputs.functionsIdentityId
    identityClientId: identities.outputs.functionsClientId
    storageAccountName: storage.outputs.accountName
    blobEndpoint: storage.outputs.blobEndpoint
    tableEndpoint: storage.outputs.tableEndpoint
    deploymentContainerName: storage.outputs.deploymentContainerName
    eventHubsNamespaceHost: bus.outputs.namespaceHost
    decisionsHub: bus.outputs.decisionsHub
    appInsightsConnectionString: monitoring.outputs.appInsightsConnectionString
    maximumInstanceCount: maximumFunctionInstances
    homeDomain: homeDomain
    cscfSettings: cscfSettings
  }
}

module edge 'modules/edge.bicep' = {
  name: 'edge'
  params: {
    location: location
    baseName: baseName
    image: edgeImage
    cpu: edgeCpu
    memoryGiB: edgeMemoryGiB
    identityId: identities.outputs.edgeIdentityId
    identityClientId: identities.outputs.edgeClientId
    tableEndpoint: storage.outputs.tableEndpoint
    eventHubsNamespaceHost: bus.outputs.namespaceHost
    appInsightsConnectionString: monitoring.outputs.appInsightsConnectionString
    homeDomain: homeDomain
    pcscfPort: pcscfPort
    icscfPort: icscfPort
    scscfPort: scscfPort
    cscfSettings: cscfSettings
  }
}

module rbac 'modules/rbac.bicep' = {
  name: 'rbac'
  params: {
    storageAccountName: storage.outputs.accountName
    eventHubsNamespaceName: bus.outputs.namespaceName
    functionsPrincipalId: identities.outputs.functionsPrincipalId
    edgePrincipalId: identities.outputs.edgePrincipalId
  }
}

@description('Public address of the edge: SIP on pcscfPort, icscfPort, scscfPort (5060, 4060, 6060 by default), UDP and TCP; Diameter on 3868.')
output edgeAddress string = edge.outputs.ipAddress

@description('DNS name of the edge.')
output edgeFqdn string = edge.outputs.fqdn

@description('Host name of the Function App (HTTP provisioning API).')
output functionAppHost string = functions.outputs.defaultHostName

@description('Table endpoint of subscriber state.')
output tableEndpoint string = storage.outputs.tableEndpoint

@description('Event Hubs namespace host of the bus.')
output eventHubsNamespaceHost string = bus.outputs.namespaceHost
output decisionsHub string = bus.outputs.decisionsHub
