namespace Autri.Logs.Engine.Parsing;

internal enum TokenKind
{
    End,
    Identifier,
    QuotedIdentifier,
    String,
    Number,
    Duration,
    Regex,
    Pipe,
    Comma,
    LeftParen,
    RightParen,
    LeftBracket,
    RightBracket,
    Equal,
    NotEqual,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
    RegexMatch,
    Plus,
    Minus,
    Star,
    Slash,
    Percent,
    Caret,

    /// <summary>Any other character. Only newer commands the parser passes through opaquely may hold these.</summary>
    Other,
}
