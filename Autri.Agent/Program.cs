var host = Autri.Agent.AgentHost.Create(args);
host.Run();
