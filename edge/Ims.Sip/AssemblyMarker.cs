namespace Ims.Sip;
