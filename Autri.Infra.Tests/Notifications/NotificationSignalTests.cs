namespace Autri.Infra.Tests.Notifications;

public class NotificationSignalTests
{
    [Fact]
    public void A_few_users_are_listed_by_id_and_read_back()
    {
        var users = new[] { Guid.NewGuid(), Guid.NewGuid() };

        var payload = NotificationSignal.Encode([users[0], users[1], users[0]]);

        Assert.Equal($"{users[0]},{users[1]}", payload);
        var target = NotificationSignal.Decode(payload);
        Assert.False(target.Everyone);
        Assert.Equal(users.ToHashSet(), target.Users);
    }

    [Fact]
    public void An_audience_too_big_for_notify_becomes_everyone()
    {
        var fits = Enumerable.Range(0, 200).Select(_ => Guid.NewGuid()).ToList();
        var tooMany = Enumerable.Range(0, 250).Select(_ => Guid.NewGuid()).ToList();

        Assert.True(System.Text.Encoding.UTF8.GetByteCount(NotificationSignal.Encode(fits)) < 8000);
        Assert.Equal("*", NotificationSignal.Encode(tooMany));
    }

    [Theory]
    [InlineData("*")]
    [InlineData("")]
    [InlineData("not-a-guid")]
    [InlineData("2f1e4a4c-6a43-4a57-9b0e-7d2f1f0e9a11,garbage")]
    public void Everyone_or_anything_unreadable_concerns_every_user(string payload)
    {
        var target = NotificationSignal.Decode(payload);

        Assert.True(target.Everyone);
        Assert.True(target.Concerns(Guid.NewGuid()));
    }
}
