// The bus: events from the edge to the functions, and commands back to the edge that owns the
// transaction; and the decisions the functions publish for replay. Local (SAS) authentication is disabled.
param location string
param namespaceName string
param sku string
param eventPartitions int

// Replay reads events, commands and decisions back together: all three keep the same days
// (Basic one day, Standard a week).
var replayRetentionDays = sku == 'Basic' ? 1 : 7

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
    messageRetentionInDays: replayRetentionDays
  }
}

resource commands 'Microsoft.EventHub/namespaces/eventhubs@2024-01-01' = {
  parent: namespace
  name: 'ims-commands'
  properties: {
    partitionCount: eventPartitions
    messageRetentionInDays: replayRetentionDays
  }
}

// Per event, the function's decision, its command ids and the store calls it made (keys redacted),
// and a record per worker start with the function settings: what ims replay compares against.
resource decisions 'Microsoft.EventHub/namespaces/eventhubs@2024-01-01' = {
  parent: namespace
  name: 'ims-decisions'
  properties: {
    partitionCount: eventPartitions
    messageRetentionInDays: replayRetentionDays
  }
}

output namespaceName string = namespace.name
output namespaceHost string = '${namespace.name}.servicebus.windows.net'
output decisionsHub string = decisions.name
