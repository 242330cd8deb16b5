namespace Autri.Domain.Tests.Notifications;

public class BroadcastTests
{
    private static readonly string[] Hosts = ["allowed.host"];

    [Fact]
    public void A_valid_draft_to_everyone_becomes_a_broadcast_with_trimmed_text()
    {
        var result = Broadcast.Validate(new BroadcastDraft(BroadcastAudience.Everyone, "ignored@example.com", "  Maintenance  ", "Line one\r\nLine two ", " /help/x "), Hosts);

        Assert.True(result.IsValid);
        var b = result.Broadcast!;
        Assert.Equal((BroadcastAudience.Everyone, (string?)null, "Maintenance", "Line one\nLine two", (string?)"/help/x"), (b.Audience, b.Email, b.Title, b.Body, b.Link));
    }

    [Fact]
    public void A_draft_to_one_person_carries_the_normalized_email()
    {
        var result = Broadcast.Validate(new BroadcastDraft(BroadcastAudience.OneUser, " Ada@Example.COM ", "Hi", "", null), Hosts);

        Assert.Equal("ada@example.com", result.Broadcast!.Email);
        Assert.Null(result.Broadcast.Link);
    }

    [Fact]
    public void Every_problem_is_reported_against_its_field()
    {
        var result = Broadcast.Validate(new BroadcastDraft(BroadcastAudience.OneUser, "not-an-email", "", new string('b', 2001), "javascript:alert(1)"), Hosts);

        Assert.False(result.IsValid);
        Assert.Equal(["body", "email", "link", "title"], result.Errors.Keys.Order());
        Assert.Equal("This email has no @.", result.Errors["email"]);
        Assert.Equal("Enter a title.", result.Errors["title"]);
        Assert.Equal("The message is 2001 characters; the limit is 2000.", result.Errors["body"]);
    }

    [Theory]
    [InlineData(1, true)]
    [InlineData(120, true)]
    [InlineData(121, false)]
    public void Titles_are_one_to_120_characters(int length, bool valid) =>
        Assert.Equal(valid, Broadcast.Validate(new BroadcastDraft(BroadcastAudience.Everyone, null, new string('t', length), "", null), Hosts).IsValid);

    [Fact]
    public void A_body_of_2000_characters_counting_line_breaks_once_is_accepted()
    {
        var body = string.Join("\r\n", Enumerable.Repeat(new string('b', 99), 20)); // 20*99 + 19 = 1999 after CRLF -> LF
        Assert.True(Broadcast.Validate(new BroadcastDraft(BroadcastAudience.Everyone, null, "T", body + "x", null), Hosts).IsValid);
    }

    [Fact]
    public void A_title_with_a_line_break_is_refused() =>
        Assert.Equal("The title must be one line.", Broadcast.Validate(new BroadcastDraft(BroadcastAudience.Everyone, null, "a\nb", "", null), Hosts).Errors["title"]);

    [Fact]
    public void An_audience_must_be_chosen() =>
        Assert.Equal("Choose everyone or one person.", Broadcast.Validate(new BroadcastDraft(null, null, "T", "", null), Hosts).Errors["audience"]);

    [Fact]
    public void One_person_without_an_email_is_refused() =>
        Assert.Equal("Enter the email of the person to notify.", Broadcast.Validate(new BroadcastDraft(BroadcastAudience.OneUser, " ", "T", "", null), Hosts).Errors["email"]);
}
