namespace Autri.Logs.Engine.Tests.Parsing;

public class TokenizerTests
{
    [Fact]
    public void A_slash_after_an_operand_divides_and_after_like_starts_a_regex()
    {
        var tokens = Tokenizer.ReadAll("fields a / 2 | filter b like /x\\/y/");

        Assert.Contains(tokens, t => t.Kind == TokenKind.Slash);
        var regex = Assert.Single(tokens, t => t.Kind == TokenKind.Regex);
        Assert.Equal("x/y", regex.Text);
    }

    [Fact]
    public void Tokens_carry_one_based_lines_and_columns_past_comments()
    {
        var tokens = Tokenizer.ReadAll("# note\nfields @timestamp,\n  `a-b` # why\n| limit 10");

        Assert.Equal(
            [(TokenKind.Identifier, "fields", 2, 1), (TokenKind.Identifier, "@timestamp", 2, 8), (TokenKind.Comma, ",", 2, 18),
             (TokenKind.QuotedIdentifier, "a-b", 3, 3), (TokenKind.Pipe, "|", 4, 1), (TokenKind.Identifier, "limit", 4, 3),
             (TokenKind.Number, "10", 4, 9), (TokenKind.End, "", 4, 11)],
            tokens.Select(t => (t.Kind, t.Text, t.Position.Line, t.Position.Column)));
    }

    [Fact]
    public void Strings_decode_escapes_in_either_quote()
    {
        var tokens = Tokenizer.ReadAll("'it\\'s' \"say \\\"hi\\\"\\n\" \"\\d+\"");

        Assert.Equal(["it's", "say \"hi\"\n", "\\d+"], tokens.Where(t => t.Kind == TokenKind.String).Select(t => t.Text));
    }
}
