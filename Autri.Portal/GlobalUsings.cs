global using Autri.Portal.Configuration;
global using Microsoft.AspNetCore.Authorization;
global using Microsoft.Extensions.Options;
global using Autri.Infra.Hosting;
