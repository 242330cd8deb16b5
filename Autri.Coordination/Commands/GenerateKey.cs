using Autri.Infra.Signing;

namespace Autri.Coordination.Commands;

/// <summary>
/// A new vendor key pair: the private half for this service's signing commands (keep it in a secret store, never in
/// the repository), the public half to ship in the images (Autri.Infra/Signing/vendor-public.pem). Tests and the
/// local stack make a throwaway pair at each start.
/// </summary>
public static class GenerateKey
{
    public const string Usage = "--private <file> --public <file>";

    public static async Task RunAsync(CommandArgs args, TextWriter output)
    {
        var (privatePath, publicPath) = (args.Required("private"), args.Required("public"));
        var (privatePem, publicPem) = VendorKey.Generate();
        await CommandDatabase.WriteSecretAsync(privatePath, privatePem, "Private key", output);
        await File.WriteAllTextAsync(publicPath, publicPem);
        await output.WriteLineAsync($"Public key written to {publicPath}");
    }
}
