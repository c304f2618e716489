namespace Ims.Diameter.Peers;
