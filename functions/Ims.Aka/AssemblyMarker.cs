namespace Ims.Aka;
