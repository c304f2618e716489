// Logs and traces of the edge and the functions, billed per GB ingested.
param location string
param baseName string

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: '${baseName}-logs'
  location: location
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: 30
  }
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: '${baseName}-ai'
  location: location
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: workspace.id
    // Telemetry is sent with Entra ID tokens only.
    DisableLocalAuth: true
  }
}

output appInsightsConnectionString string = appInsights.properties.ConnectionString
