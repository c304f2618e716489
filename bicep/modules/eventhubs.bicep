// The bus: events from the edge to the functions, and commands back to the edge that owns the
// transaction. Local (SAS) authentication is disabled.
param location string
param namespaceName string
param sku string
param eventPartitions int

resource namespace 'Microsoft.EventHub/namespaces@2024-01-01' = {
  name: namespaceName
  location: location
  sku: {
    name: sku
    tier: sku
    capacity: 1
  }
  properties: {
    disableLocalAuth: true
    minimumTlsVersion: '1.2'
  }
}

resource events 'Microsoft.EventHub/namespaces/eventhubs@2024-01-01' = {
  parent: namespace
  name: 'ims-events'
  properties: {
    partitionCount: eventPartitions
    // Basic keeps events one day; Standard keeps a week for replay.
    messageRetentionInDays: sku == 'Basic' ? 1 : 7
  }
}

resource commands 'Microsoft.EventHub/namespaces/eventhubs@2024-01-01' = {
  parent: namespace
  name: 'ims-commands'
  properties: {
    partitionCount: eventPartitions
    messageRetentionInDays: 1
  }
}

output namespaceName string = namespace.name
output namespaceHost string = '${namespace.name}.servicebus.windows.net'
