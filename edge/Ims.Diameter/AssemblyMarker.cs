namespace Ims.Diameter;
