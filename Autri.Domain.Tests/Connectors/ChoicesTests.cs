namespace Autri.Domain.Tests.Connectors;

public class ChoicesTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("never")]
    public void No_expiry_choice_means_the_key_lives_until_revoked(string? choice)
    {
        Assert.True(ApiKeyLifetime.TryExpiry(choice, Now, out var expiresAt));
        Assert.Null(expiresAt);
    }

    [Fact]
    public void A_day_count_choice_expires_that_many_days_from_now()
    {
        Assert.True(ApiKeyLifetime.TryExpiry("90", Now, out var expiresAt));
        Assert.Equal(Now.AddDays(90), expiresAt);
    }

    [Theory]
    [InlineData("7")]
    [InlineData("-30")]
    [InlineData("36500")]
    [InlineData("soon")]
    public void Only_the_offered_expiry_choices_are_accepted(string choice)
    {
        Assert.False(ApiKeyLifetime.TryExpiry(choice, Now, out _));
    }

    [Fact]
    public void Grace_choices_parse_to_their_durations()
    {
        Assert.True(RotationGrace.TryParse("0", out var none));
        Assert.Equal(TimeSpan.Zero, none);
        Assert.True(RotationGrace.TryParse("7d", out var week));
        Assert.Equal(TimeSpan.FromDays(7), week);
        Assert.False(RotationGrace.TryParse("30d", out _));
        Assert.False(RotationGrace.TryParse(null, out _));
    }

    [Theory]
    [InlineData("oauth_client", ConnectorKind.OAuthClient)]
    [InlineData("api_key", ConnectorKind.ApiKey)]
    public void Kinds_round_trip_through_form_and_database_values(string value, ConnectorKind kind)
    {
        Assert.True(ConnectorKinds.TryParseForm(value, out var parsed));
        Assert.Equal(kind, parsed);
        Assert.Equal(value, kind.ToDb());
        Assert.Equal(kind, ConnectorKinds.FromDb(value));
        Assert.False(ConnectorKinds.TryParseForm("OAuthClient", out _));
    }
}
