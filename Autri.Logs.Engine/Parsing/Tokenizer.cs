namespace Autri.Logs.Engine.Parsing;

/// <summary>
/// Splits Logs Insights text into tokens on demand. Whether a <c>/</c> opens a regex literal or divides
/// depends on where it stands, so the parser says which it expects (<see cref="Next(bool)"/>).
/// </summary>
internal sealed class Tokenizer(string text)
{
    private int _offset;
    private int _line = 1;
    private int _lineStart;

    public string Text { get; } = text;

    /// <summary>Every token of <paramref name="query"/>, regex literals recognised where an operand may start.</summary>
    public static IReadOnlyList<Token> ReadAll(string query)
    {
        var tokenizer = new Tokenizer(query);
        var tokens = new List<Token>();
        Token? previous = null;
        while (true)
        {
            var token = tokenizer.Next(RegexMayFollow(previous));
            tokens.Add(token);
            if (token.Kind == TokenKind.End) return tokens;
            previous = token;
        }
    }

    /// <summary>True where an operand may start, so a <c>/</c> there begins a regex rather than a division.</summary>
    public static bool RegexMayFollow(Token? previous) => previous is null || previous.Kind switch
    {
        TokenKind.Identifier => IsOperatorKeyword(previous.Text),
        TokenKind.QuotedIdentifier or TokenKind.String or TokenKind.Number or TokenKind.Duration
            or TokenKind.Regex or TokenKind.RightParen or TokenKind.RightBracket => false,
        _ => true,
    };

    private static bool IsOperatorKeyword(string word) =>
        word.Equals("like", StringComparison.OrdinalIgnoreCase)
        || word.Equals("and", StringComparison.OrdinalIgnoreCase)
        || word.Equals("or", StringComparison.OrdinalIgnoreCase)
        || word.Equals("not", StringComparison.OrdinalIgnoreCase)
        || word.Equals("in", StringComparison.OrdinalIgnoreCase)
        || word.Equals("filter", StringComparison.OrdinalIgnoreCase)
        || word.Equals("by", StringComparison.OrdinalIgnoreCase);

    public Token Next(bool regexAllowed)
    {
        SkipWhitespaceAndComments();
        var start = _offset;
        var position = Position;
        if (_offset >= Text.Length) return new Token(TokenKind.End, "", position, start, 0);

        var c = Text[_offset];
        if (IsIdentifierStart(c)) return ReadIdentifier(start, position);
        if (char.IsAsciiDigit(c)) return ReadNumber(start, position);
        switch (c)
        {
            case '"' or '\'': return ReadString(start, position, c);
            case '`': return ReadQuotedIdentifier(start, position);
            case '/' when regexAllowed: return ReadRegex(start, position);
        }

        var (kind, length) = c switch
        {
            '|' => (TokenKind.Pipe, 1),
            ',' => (TokenKind.Comma, 1),
            '(' => (TokenKind.LeftParen, 1),
            ')' => (TokenKind.RightParen, 1),
            '[' => (TokenKind.LeftBracket, 1),
            ']' => (TokenKind.RightBracket, 1),
            '=' when Peek(1) == '~' => (TokenKind.RegexMatch, 2),
            '=' when Peek(1) == '=' => (TokenKind.Equal, 2),
            '=' => (TokenKind.Equal, 1),
            '!' when Peek(1) == '=' => (TokenKind.NotEqual, 2),
            '<' when Peek(1) == '=' => (TokenKind.LessOrEqual, 2),
            '<' => (TokenKind.Less, 1),
            '>' when Peek(1) == '=' => (TokenKind.GreaterOrEqual, 2),
            '>' => (TokenKind.Greater, 1),
            '+' => (TokenKind.Plus, 1),
            '-' => (TokenKind.Minus, 1),
            '*' => (TokenKind.Star, 1),
            '/' => (TokenKind.Slash, 1),
            '%' => (TokenKind.Percent, 1),
            '^' => (TokenKind.Caret, 1),
            _ => (TokenKind.Other, char.IsSurrogatePair(Text, _offset) ? 2 : 1),
        };
        _offset += length;
        return new Token(kind, Text.Substring(start, length), position, start, length);
    }

    private SourcePosition Position => new(_line, _offset - _lineStart + 1);

    private char Peek(int ahead) => _offset + ahead < Text.Length ? Text[_offset + ahead] : '\0';

    private static bool IsIdentifierStart(char c) => char.IsAsciiLetter(c) || c is '_' or '@';

    private static bool IsIdentifierPart(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '@' or '.';

    private void SkipWhitespaceAndComments()
    {
        while (_offset < Text.Length)
        {
            var c = Text[_offset];
            if (c == '\n') NewLine();
            else if (char.IsWhiteSpace(c)) _offset++;
            else if (c == '#')
            {
                while (_offset < Text.Length && Text[_offset] != '\n') _offset++;
            }
            else return;
        }
    }

    private void NewLine()
    {
        _offset++;
        _line++;
        _lineStart = _offset;
    }

    private Token ReadIdentifier(int start, SourcePosition position)
    {
        while (_offset < Text.Length && IsIdentifierPart(Text[_offset])) _offset++;
        var word = Text[start.._offset];
        return new Token(TokenKind.Identifier, word, position, start, _offset - start);
    }

    private Token ReadNumber(int start, SourcePosition position)
    {
        while (_offset < Text.Length && char.IsAsciiDigit(Text[_offset])) _offset++;
        if (Peek(0) == '.' && char.IsAsciiDigit(Peek(1)))
        {
            _offset++;
            while (_offset < Text.Length && char.IsAsciiDigit(Text[_offset])) _offset++;
        }
        if (_offset < Text.Length && char.IsAsciiLetter(Text[_offset]))
        {
            var unitStart = _offset;
            while (_offset < Text.Length && char.IsAsciiLetter(Text[_offset])) _offset++;
            var unit = Text[unitStart.._offset];
            if (DurationLiteral.TryParseUnit(unit, out _))
                return new Token(TokenKind.Duration, Text[start.._offset], position, start, _offset - start);
            throw new LogsQuerySyntaxError(position,
                $"'{Text[start.._offset]}' is not a number or a time period; periods end in ms, s, m, h, d, w, mo, q or y (for example 5m)");
        }
        return new Token(TokenKind.Number, Text[start.._offset], position, start, _offset - start);
    }

    private Token ReadString(int start, SourcePosition position, char quote)
    {
        _offset++;
        var value = new StringBuilder();
        while (true)
        {
            if (_offset >= Text.Length)
                throw new LogsQuerySyntaxError(position, $"the string starting here is not closed with {quote}");
            var c = Text[_offset];
            if (c == quote)
            {
                _offset++;
                return new Token(TokenKind.String, value.ToString(), position, start, _offset - start);
            }
            if (c == '\\' && _offset + 1 < Text.Length)
            {
                var escaped = Text[_offset + 1];
                value.Append(escaped switch
                {
                    'n' => "\n",
                    't' => "\t",
                    'r' => "\r",
                    '\\' or '"' or '\'' => escaped.ToString(),
                    // Unknown escapes stay as written so that regex-like text ("\d") survives.
                    _ => "\\" + escaped,
                });
                _offset += 2;
                continue;
            }
            if (c == '\n')
            {
                value.Append(c);
                NewLine();
                continue;
            }
            value.Append(c);
            _offset++;
        }
    }

    private Token ReadQuotedIdentifier(int start, SourcePosition position)
    {
        _offset++;
        var end = Text.IndexOf('`', _offset);
        var newline = Text.IndexOf('\n', _offset);
        if (end < 0 || (newline >= 0 && newline < end))
            throw new LogsQuerySyntaxError(position, "the field name starting here is not closed with `");
        var name = Text[_offset..end];
        if (name.Length == 0) throw new LogsQuerySyntaxError(position, "a field name in backquotes cannot be empty");
        _offset = end + 1;
        return new Token(TokenKind.QuotedIdentifier, name, position, start, _offset - start);
    }

    private Token ReadRegex(int start, SourcePosition position)
    {
        _offset++;
        var pattern = new StringBuilder();
        while (true)
        {
            if (_offset >= Text.Length || Text[_offset] == '\n')
                throw new LogsQuerySyntaxError(position, "the regular expression starting here is not closed with /");
            var c = Text[_offset];
            if (c == '\\' && _offset + 1 < Text.Length && Text[_offset + 1] == '/')
            {
                pattern.Append('/');
                _offset += 2;
                continue;
            }
            if (c == '\\' && _offset + 1 < Text.Length)
            {
                pattern.Append(c).Append(Text[_offset + 1]);
                _offset += 2;
                continue;
            }
            if (c == '/') break;
            pattern.Append(c);
            _offset++;
        }
        _offset++;
        if (_offset < Text.Length && char.IsAsciiLetter(Text[_offset]))
            throw new LogsQuerySyntaxError(Position,
                $"flags after a regular expression ('{Text[_offset]}') are not supported; put (?i) at the start of the pattern instead");
        return new Token(TokenKind.Regex, pattern.ToString(), position, start, _offset - start);
    }
}
