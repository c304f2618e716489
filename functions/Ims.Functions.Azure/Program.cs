using Ims.Functions.Azure.Hosting;
using Microsoft.Extensions.Hosting;

// The isolated worker: settings are read (and a bad one refused) before any function runs.
var host = new HostBuilder()
    .ConfigureFunctionsWorkerDefaults()
    .ConfigureServices((context, services) => CloudServices.Add(services, CloudSettings.Read(context.Configuration)))
    .Build();
await host.RunAsync().ConfigureAwait(false);
