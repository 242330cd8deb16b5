using Xunit.Sdk;

namespace Autri.Logs.Engine.Tests.Fuzzing;

/// <summary>
/// How much the fuzz tests try: in CI a fixed set of seeds and a fixed number of cases per seed, so a run is
/// bounded and repeatable. <c>AUTRI_FUZZ_SEED=n</c> runs that one seed (to reproduce a failure, whose message
/// names its seed and case); <c>AUTRI_FUZZ_ITERATIONS=n</c> multiplies the cases per seed for a longer hunt, e.g.
/// <c>AUTRI_FUZZ_ITERATIONS=50 dotnet test Autri.Logs.Engine.Tests --filter Fuzz</c>.
/// </summary>
internal static class Fuzz
{
    public static readonly int[] CiSeeds = [20261121, 1, 2, 3];

    public static IReadOnlyList<int> Seeds =>
        int.TryParse(Environment.GetEnvironmentVariable("AUTRI_FUZZ_SEED"), out var seed) ? [seed] : CiSeeds;

    public static int Scale => int.TryParse(Environment.GetEnvironmentVariable("AUTRI_FUZZ_ITERATIONS"), out var n) && n > 0 ? n : 1;

    /// <summary>
    /// Runs <paramref name="cases"/> × <see cref="Scale"/> cases for each seed; each case gets its own generator,
    /// seeded from (seed, case), so a failing case reproduces alone. A failure names the seed, the case and the input.
    /// </summary>
    public static void Run(int cases, Func<Random, string> input, Action<string> check) => Run(cases, input, check, Show);

    public static void Run<T>(int cases, Func<Random, T> input, Action<T> check, Func<T, string> show)
    {
        foreach (var seed in Seeds)
        {
            for (var i = 0; i < cases * Scale; i++)
            {
                var random = new Random(unchecked(seed * 1_000_003 + i));
                var value = input(random);
                try
                {
                    check(value);
                }
                catch (Exception e)
                {
                    throw new XunitException(
                        $"Fuzz case failed: seed {seed}, case {i} (reproduce with AUTRI_FUZZ_SEED={seed}).\nInput: {show(value)}\n{e.GetType().Name}: {e.Message}\n{e.StackTrace}");
                }
            }
        }
    }

    /// <summary>Text with control characters and lone surrogates made visible, and cut if enormous.</summary>
    public static string Show(string text)
    {
        var shown = string.Concat(text.Take(2_000).Select(c => char.IsControl(c) || char.IsSurrogate(c) ? $"\\u{(int)c:x4}" : c.ToString()));
        return text.Length > 2_000 ? shown + $"… ({text.Length} characters)" : shown;
    }
}
