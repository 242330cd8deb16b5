using Autri.Domain.Allowlist;

namespace Autri.Triggers.Tests;

public class AdmissionTests
{
    [Theory]
    [InlineData(null, true, RefusalReason.NoEmail)]
    [InlineData(" ", true, RefusalReason.NoEmail)]
    [InlineData("eve@example.com", true, RefusalReason.NotOnAllowlist)]
    [InlineData("eve@example.com", false, RefusalReason.NotOnAllowlist)]
    [InlineData("ada@example.com", false, RefusalReason.EmailNotVerified)]
    [InlineData(" ADA@example.com ", true, null)]
    public void Admission_needs_an_allowlisted_verified_email(string? email, bool verified, RefusalReason? expected)
    {
        Assert.Equal(expected, Admission.Decide(email, verified, BetaAllowlist.FromParameterValue("ada@example.com,bob@example.com")));
    }

    [Fact]
    public void The_refusal_message_names_the_contact_only_when_there_is_one()
    {
        Assert.Equal("You are not invited to the beta yet. Write to beta@autri.example to ask for an invitation.",
            Admission.MessageFor(RefusalReason.NotOnAllowlist, "beta@autri.example"));
        Assert.Equal("You are not invited to the beta yet.", Admission.MessageFor(RefusalReason.NoEmail, null));
    }
}
