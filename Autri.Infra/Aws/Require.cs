namespace Autri.Infra.Aws;

/// <summary>Cheap client-side guards for members the model requires, so an obviously bad call never leaves the process.</summary>
internal static class Require
{
    public static void NotEmpty(string? value, string member)
    {
        if (string.IsNullOrEmpty(value)) throw new ArgumentException($"{member} is required and must not be empty", member);
    }

    public static void NotEmpty<T>(IReadOnlyCollection<T>? value, string member)
    {
        if (value is null || value.Count == 0) throw new ArgumentException($"{member} is required and must not be empty", member);
    }

    public static void NotNull<T>(T? value, string member)
    {
        if (value is null) throw new ArgumentException($"{member} is required", member);
    }
}
