using Autri.Coordination;
using Autri.Coordination.Commands;

// `dotnet Autri.Coordination.dll <command> …` runs one of the vendor's commands (sign a licence, publish a manifest…);
// without a command it serves the agents and the fleet page.
if (CommandLine.IsCommand(args)) return await CommandLine.RunAsync(args, Console.Out, Console.Error);
var app = CoordinationApp.Create(args);
app.Run();
return 0;
