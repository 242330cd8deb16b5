namespace Autri.Logs.Engine.Parsing;

/// <summary>A place in the query text, both 1-based, as the editor shows it.</summary>
public readonly record struct SourcePosition(int Line, int Column)
{
    public override string ToString() => $"line {Line}, column {Column}";
}
