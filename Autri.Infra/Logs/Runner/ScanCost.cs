namespace Autri.Infra.Logs.Runner;

/// <summary>Logs Insights bills the bytes a query scans: bytes ÷ 2^30 × the price per GB.</summary>
public static class ScanCost
{
    public const double BytesPerGb = 1024d * 1024 * 1024;

    public static decimal Estimate(double bytesScanned, decimal pricePerGb) =>
        bytesScanned <= 0 ? 0m : (decimal)(bytesScanned / BytesPerGb) * pricePerGb;
}
