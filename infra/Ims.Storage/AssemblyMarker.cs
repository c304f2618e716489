namespace Ims.Storage;
