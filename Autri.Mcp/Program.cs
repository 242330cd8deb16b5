var app = Autri.Mcp.McpApp.Create(args);
app.Run();
