using Autri.Domain.Parameters;
using Autri.Infra.Aws;
using Autri.Infra.Aws.Ssm;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Autri.Infra.Parameters;

public static class ParameterStoreServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IParameterStore"/> chosen by "Parameters:Store": "Postgres" (the default; needs an
    /// NpgsqlDataSource registered; writes are recorded as "Parameters:Actor", default "local") or "Ssm" (adds the
    /// AWS clients from the "Aws" section). Any other value fails at once, naming the key.
    /// </summary>
    public static IServiceCollection AddParameterStore(this IServiceCollection services, IConfiguration configuration)
    {
        var store = configuration["Parameters:Store"] ?? "Postgres";
        if (store.Equals("Ssm", StringComparison.OrdinalIgnoreCase))
        {
            services.AddAwsClients(configuration);
            services.AddSingleton<IParameterStore>(sp => new SsmParameterStore(sp.GetRequiredService<ISsmClient>()));
        }
        else if (store.Equals("Postgres", StringComparison.OrdinalIgnoreCase))
        {
            var actor = configuration["Parameters:Actor"] is { Length: > 0 } a ? a : "local";
            services.AddSingleton<IParameterStore>(sp => new PostgresParameterStore(sp.GetRequiredService<NpgsqlDataSource>(), actor, sp.GetService<TimeProvider>()));
        }
        else
        {
            throw new InvalidOperationException($"Configuration value Parameters:Store must be Postgres or Ssm, not '{store}'");
        }
        return services;
    }
}
