global using Autri.Coordination.Configuration;
global using Autri.Infra.Hosting;
global using Microsoft.Extensions.Options;
