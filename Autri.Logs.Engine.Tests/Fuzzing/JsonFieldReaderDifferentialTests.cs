namespace Autri.Logs.Engine.Tests.Fuzzing;

/// <summary>
/// The engine's own JSON scanner against System.Text.Json (<see cref="ReferenceJsonReader"/>) on odd and mutated
/// lines: the same lines accepted and refused, the same time, the same values; where System.Text.Json cannot make
/// a string of the bytes, the engine keeps one with U+FFFD in place of what it could not read.
/// </summary>
public class JsonFieldReaderDifferentialTests
{
    private static readonly string[] Fields =
    [
        "time", "level", "message", "n", "big", "huge", "nul", "dup", "name", "status", "empty", "bad", "duration_ms", "latency_ms",
        "tags.0", "tags.1", "tags.2.c", "exception.type", "a.b.c", "deep.a.b.c.d.e", "ti", "me\"ssage", "", "odd field", "x.y", "a",
    ];

    private static readonly (string Name, int Slot)[] Slots = [.. Fields.Select((name, slot) => (name, slot))];

    // One reader for every line of a test, as in a run: the strings it keeps from line to line must stay right.
    private readonly JsonFieldReader _reader = new(Slots);

    [Fact]
    public void Every_odd_line_of_the_corpus_reads_as_System_Text_Json_reads_it()
    {
        foreach (var line in OddLines.Corpus()) ReadsAlike(line);
    }

    [Fact]
    public void Random_and_mutated_lines_read_as_System_Text_Json_reads_them() =>
        Fuzz.Run(4_000, OddLines.Random, ReadsAlike, line => Fuzz.Show(System.Text.Encoding.Latin1.GetString(line)));

    [Theory]
    [InlineData(63, true)]
    [InlineData(64, true)]
    [InlineData(65, false)]
    public void Lines_nest_at_most_64_levels_deep(int levels, bool accepted)
    {
        var line = System.Text.Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("{\"a\":", levels - 1)) + "{}" + new string('}', levels - 1));

        Assert.Equal(accepted, new JsonFieldReader(Slots).TryRead(line, new Value[Fields.Length], out _));
        ReadsAlike(line);
    }

    private void ReadsAlike(byte[] line)
    {
        var expected = new Value[Fields.Length];
        var actual = new Value[Fields.Length];

        var expectedOk = new ReferenceJsonReader(Slots).TryRead(line, expected, out var expectedTime);
        var actualOk = _reader.TryRead(line, actual, out var actualTime);

        Assert.Equal(expectedOk, actualOk);
        if (!expectedOk) return;
        Assert.Equal(expectedTime, actualTime);
        for (var i = 0; i < Fields.Length; i++)
        {
            if (expected[i].Equals(ReferenceJsonReader.Undecodable))
                Assert.Contains('\uFFFD', actual[i].Text ?? throw new Xunit.Sdk.XunitException($"{Fields[i]}: no string where System.Text.Json could not decode one"));
            else
                Assert.True(expected[i].Equals(actual[i]), $"{Fields[i]}: expected {expected[i].Kind} {expected[i]}, read {actual[i].Kind} {actual[i]}");
        }
    }
}
