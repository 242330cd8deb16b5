global using Autri.Mcp.Configuration;
global using Microsoft.Extensions.Options;
global using Autri.Infra.Hosting;
