namespace Autri.Logs.Engine.Parsing;

/// <param name="Text">The decoded value: string contents without quotes and escapes, regex pattern without slashes.</param>
/// <param name="Offset">Index of the first character in the query text.</param>
/// <param name="Length">Number of characters the token spans in the query text.</param>
internal sealed record Token(TokenKind Kind, string Text, SourcePosition Position, int Offset, int Length)
{
    public int EndOffset => Offset + Length;

    public bool IsKeyword(string keyword) =>
        Kind == TokenKind.Identifier && string.Equals(Text, keyword, StringComparison.OrdinalIgnoreCase);
}
