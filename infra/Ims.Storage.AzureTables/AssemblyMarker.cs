namespace Ims.Storage.AzureTables;
