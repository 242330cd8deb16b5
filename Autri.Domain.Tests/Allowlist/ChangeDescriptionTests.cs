namespace Autri.Domain.Tests.Allowlist;

public class ChangeDescriptionTests
{
    [Fact]
    public void The_author_and_note_round_trip_through_the_description()
    {
        var text = ChangeDescription.Format("admin@autri.test", "Invite the design partners: see ticket 42");

        Assert.Equal("by admin@autri.test: Invite the design partners: see ticket 42", text);
        Assert.Equal(new ChangeDescription("admin@autri.test", "Invite the design partners: see ticket 42"), ChangeDescription.Parse(text));
    }

    [Fact]
    public void A_multi_line_note_is_stored_on_one_line()
    {
        Assert.Equal("by a@x.io: first second", ChangeDescription.Format("a@x.io", "first\r\n  second\n"));
    }

    [Fact]
    public void A_description_written_elsewhere_reads_as_a_note_without_author()
    {
        Assert.Equal(new ChangeDescription(null, "Beta allowlist, seeded by CDK"), ChangeDescription.Parse("Beta allowlist, seeded by CDK"));
        Assert.Equal(new ChangeDescription(null, ""), ChangeDescription.Parse(null));
    }

    [Fact]
    public void The_description_never_exceeds_ssm_limit()
    {
        var text = ChangeDescription.Format(new string('a', 64) + "@" + new string('b', 180) + ".test", new string('n', 2000));

        Assert.Equal(ChangeDescription.MaxLength, text.Length);
    }
}
