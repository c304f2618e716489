namespace Ims.Storage.Embedded;
