namespace Autri.Domain.Tests.Allowlist;

public class ChangeNoteTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  \n ")]
    public void A_blank_note_is_refused(string? note) =>
        Assert.Equal("A change note is required: say why the list changes.", ChangeNote.Problem(note));

    [Fact]
    public void A_note_longer_than_500_characters_is_refused() =>
        Assert.Equal("The change note is 501 characters; keep it to 500.", ChangeNote.Problem(new string('x', 501)));

    [Fact]
    public void A_short_note_is_accepted() => Assert.Null(ChangeNote.Problem("Invite Carol"));
}
