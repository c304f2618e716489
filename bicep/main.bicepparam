using 'main.bicep'

// An idle lab: Basic Event Hubs, one small edge.
param namePrefix = 'imslab'
param edgeImage = readEnvironmentVariable('IMS_EDGE_IMAGE', 'ims-edge:latest')
param eventHubsSku = 'Basic'
param edgeCpu = 1
param edgeMemoryGiB = 1
