using Ims.Edge.Cli;

return ImsCli.Run(args, Console.Out, Console.Error);
